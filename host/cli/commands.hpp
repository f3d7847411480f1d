// The ajhost commands. Each returns the process exit code (docs/cli.md):
// 0 ok, 1 runtime error, 2 invalid input or usage, 3 run finished with errors,
// 130 interrupted.
#pragma once

#include "config/host_settings.hpp"
#include "plugin/loader.hpp"

#include <memory>
#include <string>
#include <vector>

namespace aj::host {

struct PipelineSpec;
struct RunSummary;
class Engine;

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitInvalid = 2;

/// What every command may need: host settings, and plugins loaded on first use.
struct HostContext {
  HostSettings settings;
  const PluginRegistry& plugins();
  /// --db, else $AJ_DB, else `pipeline_db` (a pipeline's settings.db), else host.yaml, else the XDG default.
  std::string db_path(const std::string& cli_db, const std::string& fallback = {}) const;

 private:
  std::unique_ptr<PluginRegistry> plugins_;
};

/// Prints diagnostics to stderr; returns the number of errors.
std::size_t print_diagnostics(const Diagnostics& diags);

int cmd_plugins_list(HostContext& hc, const std::string& format);
int cmd_plugins_info(HostContext& hc, const std::string& name, const std::string& format);
int cmd_validate(HostContext& hc, const std::vector<std::string>& files, const std::string& kind);

struct RunArgs {
  std::string pipeline;
  int64_t limit = -1;
  bool dry_run = false;
  std::string db;
  bool no_progress = false;
  std::string record_dir;  // --record: every HTTP exchange written there
  std::string replay_dir;  // --replay: HTTP answered from a recording, no network
  std::string profile;     // --profile
  std::string args;        // the command line, for the runs table
};
int cmd_run(HostContext& hc, const RunArgs& a);
/// Runs the engine with Ctrl-C stopping it gracefully (twice: at once) and, on a
/// terminal, progress bars.
RunSummary run_engine(Engine& engine, bool progress_bars);

/// Loads the profile a run uses (--profile, $AJ_PROFILE, the pipeline's, the
/// user's) into the profile service. False, with the reason on stderr, when the
/// file is bad, or when the pipeline scores and there is none.
bool use_profile(const std::string& cli, const PipelineSpec& spec);
int cmd_profile_validate(const std::string& file);
/// Writes a starter profile.yaml, host.yaml and sources.yaml to the user's config folder.
int cmd_init(bool force);

struct ScoreArgs {
  std::string pipeline;  // default: the pipeline of the latest run
  std::string db, profile, args;
  int64_t limit = -1;
  bool dry_run = false;
};
int cmd_score(HostContext& hc, const ScoreArgs& a);

struct JobsListArgs {
  std::string db, status, decision, group, text, format = "table";
  std::string sort;  // empty: the store's default (best match with text, else score)
  int64_t limit = -1;
  bool ascending = false;
};
int cmd_jobs_list(HostContext& hc, const JobsListArgs& a);
int cmd_jobs_show(HostContext& hc, const std::string& db, const std::string& id, const std::string& format);
int cmd_jobs_export(HostContext& hc, const JobsListArgs& a, const std::string& output);
int cmd_jobs_set_status(HostContext& hc, const std::string& db, const std::string& id, const std::string& status,
                        const std::string& note);
int cmd_runs_list(HostContext& hc, const std::string& db, int64_t limit, const std::string& format);

}  // namespace aj::host
