// Fault scenarios: the real `ajhost run` end to end (ATS board sources ->
// describe, extract, dedup -> both scorers -> the store) while the web or the
// disk misbehaves. The boards are served by one fixture web (the ATS API), the
// employers' pages by another (a host of their own, so each has its own limits
// and circuit breaker, as on the real web). Each run is read back: the exit
// code, the stored rows, the run's summary and PRAGMA integrity_check.
#pragma once

#include "fixture_web.hpp"
#include "test_util.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aj::test::faults {

using Row = std::map<std::string, std::string>;  // column -> value as text ("" for NULL)

struct RunResult {
  ProcessResult proc;           // exit code, printed summary (out), log (err)
  boost::json::object summary;  // the latest run as recorded in the runs table; empty when none was
  std::vector<Row> jobs;        // every stored job, by job_id
  std::string integrity;        // what PRAGMA integrity_check says ("ok")

  /// The stored job whose site id (column "id") is `id`; nullptr when absent.
  const Row* job(std::string_view id) const;
  /// Every stored site id, sorted (a posting stored twice shows twice; the
  /// store order varies with the scorers' workers).
  std::vector<std::string> ids() const;
  /// A text field of source `id` in the summary ("status", "message"); "" when absent.
  std::string source(std::string_view id, std::string_view key) const;
  /// The plugin's own account of stage `id` in the summary (describe's page counts, say).
  std::string stage_summary(std::string_view id) const;
  /// "column of job id: bytes" for every stored text that is not valid UTF-8.
  std::vector<std::string> invalid_utf8() const;
  /// Exit code, stdout and stderr, for assertion messages.
  std::string explain() const;
};

/// True when `s` is well-formed UTF-8 (RFC 3629).
bool valid_utf8(std::string_view s);

inline bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

class Scenario {
 public:
  Scenario();

  FixtureWeb api;   // the ATS APIs: greenhouse boards, lever postings
  FixtureWeb site;  // the employers' pages the describe enricher fetches
  TempDir dir;
  std::string db;

  /// A file of tests/fixtures/faults/ with {{SITE}} replaced by the page site's URL.
  std::string fixture(const std::string& relative) const;
  /// Serves the sound boards and pages of tests/fixtures/faults/ as they are
  /// (greenhouse north and south, lever east and harbour, their pages); a test
  /// then replaces a route with its fault.
  void serve_fixtures();
  /// Serves `body` as greenhouse board `token` / lever site `name` / page `name` (under /pages/).
  void greenhouse(const std::string& token, std::string body, Fault fault = {});
  void lever(const std::string& name, std::string body, Fault fault = {});
  void page(const std::string& name, std::string body, Fault fault = {});

  /// A pipeline sources block: greenhouse over `boards`, and lever over
  /// `lever_sites` when any, with `lever_http` as its http block ("{ retries: 0 }").
  std::string sources(const std::vector<std::string>& boards, const std::vector<std::string>& lever_sites = {},
                      const std::string& lever_http = "") const;

  /// Runs `ajhost run` of a pipeline that extends pipelines/base/enrichment.yaml
  /// with `sources_yaml`, into `db`, and reads back what it left. `cache` turns
  /// the HTTP disk cache on (under the temp folder).
  RunResult run(const std::string& sources_yaml, const Limits& limits = {}, bool cache = false) const;

 private:
  RunResult read_back(ProcessResult proc) const;
};

/// Every stored row of `before` is in `after` with the same job_id and first_seen.
void expect_rows_kept(const RunResult& before, const RunResult& after);

}  // namespace aj::test::faults
