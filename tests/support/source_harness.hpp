// Source tests: run a pipeline through ajhost against the fixture web and read
// back what it stored (every column of the jobs table) and its run summary.
#pragma once

#include "test_util.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aj::test {

using Row = std::map<std::string, std::string>;  // column -> value as text ("" for NULL)

struct PipelineRun {
  ProcessResult proc;            // exit code, printed summary (out), log (err)
  boost::json::object summary;   // the run as recorded in the runs table
  std::vector<Row> jobs;         // every stored job, in the order stored
  std::string db;

  /// The stored job whose site id (column "id") is `id`; nullptr when absent.
  const Row* job(std::string_view id) const;
  /// The summary's entry for source component `id` (empty, with a test failure, when absent).
  const boost::json::object& source(std::string_view id) const;
  /// A text field of source `id` in the summary ("status", "message", "why_run", ...).
  std::string source_str(std::string_view id, std::string_view key) const;
  int64_t source_num(std::string_view id, std::string_view key) const;
  /// Who applied filter `key` for source `id`: site | ajhost | nobody | "" (not in effect).
  std::string applied_by(std::string_view id, std::string_view key) const;
  /// What ajhost's filter `key` dropped for source `id`.
  int64_t dropped_by(std::string_view id, std::string_view key) const;
  /// A diagnostic for assertion messages: exit code, stdout and stderr.
  std::string explain() const;
};

/// The default host.yaml of source tests: no retries (a 429 is final), no
/// cache, no delay between requests.
std::string quick_host_yaml();

/// Writes `pipeline_yaml` (and `host_yaml`) into `dir` and runs
/// `ajhost run pipeline.yaml --db dir/jobs.db` plus `extra_args`.
PipelineRun run_pipeline(const TempDir& dir, const std::string& pipeline_yaml,
                         const std::vector<std::string>& extra_args = {}, const std::string& host_yaml = quick_host_yaml(),
                         const std::map<std::string, std::string>& env = {});

/// Runs `ajhost --config dir/host.yaml ARGS...` (write `host_yaml` there) and
/// reads back `db` as run_pipeline does.
PipelineRun run_ajhost_on(const TempDir& dir, const std::vector<std::string>& args, const std::string& db,
                          const std::string& host_yaml = quick_host_yaml(),
                          const std::map<std::string, std::string>& env = {});

/// A pipeline with one source component `id` using `plugin` with the given
/// `settings` (a YAML flow mapping, "{ base_url: ... }") and `search` (a YAML
/// flow mapping, "{ terms: [x], locations: [y] }").
std::string one_source_pipeline(const std::string& id, const std::string& plugin, const std::string& settings,
                                const std::string& search = "{}");

}  // namespace aj::test
