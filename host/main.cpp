// ajhost: loads plugins and runs job-search pipelines. See docs/cli.md.
#include "cli/commands.hpp"
#include "store/job_store.hpp"
#include "log/logging.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>

#ifndef AJ_VERSION
#define AJ_VERSION "0.0.0"
#endif

using namespace aj::host;

namespace {

std::string command_line(int argc, char** argv) {
  std::string s;
  for (int i = 1; i < argc; ++i) s += (i > 1 ? " " : "") + std::string(argv[i]);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  // A file that reaches the file-size limit (ulimit -f) would kill us with
  // SIGXFSZ mid-write; ignored, the write fails with EFBIG instead, SQLite
  // reports it and the run stops with what was committed kept.
  // (An ignored signal stays ignored across exec: Chromium, the one program
  // we start, then also gets EFBIG rather than dying, which is what we want.)
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"ajhost: the AutoJobAgent host. Finds job postings, enriches and scores them through plugins, "
               "as YAML pipelines say.",
               "ajhost"};
  app.set_version_flag("--version", std::string("ajhost " AJ_VERSION " (plugin ABI ") +
                                        std::to_string(AJ_ABI_VERSION_MAJOR) + "." +
                                        std::to_string(AJ_ABI_VERSION_MINOR) + ")");
  app.footer("Exit codes: 0 ok; 1 runtime error (database, files); 2 invalid input or usage; "
             "3 the run finished but a source or stage had errors; 130 interrupted.");
  app.require_subcommand(1);
  app.fallthrough();

  std::string config_file, log_level;
  app.add_option("--config", config_file, "host settings file (default: $AJ_CONFIG, then "
                                          "$XDG_CONFIG_HOME/autojobagent/host.yaml)");
  app.add_option("--log-level", log_level, "trace, debug, info, warn or error (default: info, or host.yaml)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));

  // plugins
  auto* plugins = app.add_subcommand("plugins", "list installed plugins and their settings");
  plugins->require_subcommand(1);
  std::string plugins_format = "table";
  auto* plugins_list = plugins->add_subcommand("list", "each plugin with kind, version, ABI version and path");
  plugins_list->add_option("--format", plugins_format, "table or json")->check(CLI::IsMember({"table", "json"}));
  std::string info_name, info_format = "text";
  auto* plugins_info = plugins->add_subcommand("info", "a plugin's description and settings schema");
  plugins_info->add_option("name", info_name, "plugin name")->required();
  plugins_info->add_option("--format", info_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  // validate
  std::vector<std::string> validate_files;
  std::string validate_kind = "auto";
  auto* validate = app.add_subcommand("validate", "check pipeline and config files; every problem as file:line:col");
  validate->add_option("files", validate_files, "pipeline files, host.yaml or sources.yaml")->required();
  validate->add_option("--kind", validate_kind, "auto (by file name), pipeline, host or sources")
      ->check(CLI::IsMember({"auto", "pipeline", "host", "sources"}));

  // run
  RunArgs run_args;
  auto* run = app.add_subcommand("run", "validate and run a pipeline, then print its summary");
  run->add_option("pipeline", run_args.pipeline, "pipeline file")->required();
  run->add_option("--limit", run_args.limit, "stop after this many postings (overrides settings.max_jobs)")
      ->check(CLI::PositiveNumber);
  run->add_flag("--dry-run", run_args.dry_run, "run every stage but store nothing");
  run->add_option("--db", run_args.db, "job database file");
  run->add_flag("--no-progress", run_args.no_progress, "no progress bars, even on a terminal");
  auto* record = run->add_option("--record", run_args.record_dir, "write every HTTP exchange of the run to DIR");
  run->add_option("--replay", run_args.replay_dir, "answer HTTP from a recording in DIR, with no network at all")
      ->excludes(record);

  run->add_option("--profile", run_args.profile, "the person's profile (default: $AJ_PROFILE, the pipeline's "
                                                 "settings.profile, then ~/.config/autojobagent/profile.yaml)");

  // score
  ScoreArgs score_args;
  auto* score = app.add_subcommand("score", "score the stored postings again (after a profile or weight change); "
                                            "no network");
  score->add_option("pipeline", score_args.pipeline, "the pipeline whose scorers to use (default: the latest run's)");
  score->add_option("--db", score_args.db, "job database file");
  score->add_option("--profile", score_args.profile, "the person's profile (as for run)");
  score->add_option("--limit", score_args.limit, "only the first N stored postings")->check(CLI::PositiveNumber);
  score->add_flag("--dry-run", score_args.dry_run, "show how decisions would change; write nothing");

  // profile, init
  auto* profile = app.add_subcommand("profile", "the person's profile");
  profile->require_subcommand(1);
  std::string profile_file;
  auto* profile_validate = profile->add_subcommand("validate", "check a profile; every problem as file:line:col");
  profile_validate->add_option("file", profile_file, "profile file (default: $AJ_PROFILE, then "
                                                     "~/.config/autojobagent/profile.yaml)");
  bool init_force = false;
  auto* init = app.add_subcommand("init", "write a starter profile.yaml, host.yaml and sources.yaml to "
                                          "~/.config/autojobagent ($XDG_CONFIG_HOME)");
  init->add_flag("--force", init_force, "overwrite files that exist");

  // jobs
  auto* jobs = app.add_subcommand("jobs", "stored jobs");
  jobs->require_subcommand(1);
  JobsListArgs list_args;
  auto add_filters = [&](CLI::App* cmd, JobsListArgs& a) {
    cmd->add_option("--db", a.db, "job database file");
    cmd->add_option("--status", a.status, "only jobs with this status");
    cmd->add_option("--decision", a.decision, "only jobs with this decision (apply, review, skip)");
    cmd->add_option("--group", a.group, "only the postings of this duplicate group (the same job on several sites)");
    // Checked here so an empty or star-only text is a usage error (exit 2), like a bad --sort.
    cmd->add_option("--text", a.text,
                    "only jobs whose title, company or description has all these words (\"a phrase\" in double "
                    "quotes, a trailing * for a prefix); best match first unless --sort")
        ->check(CLI::Validator(
            [](std::string& text) {
              try {
                fts_query(text);
                return std::string();
              } catch (const std::exception& e) {
                return std::string(e.what());
              }
            },
            ""));
    cmd->add_option("--sort", a.sort, one_of(sortable_columns()) + " (default: rank with --text, else score)")
        ->check(CLI::IsMember(sortable_columns()));
    cmd->add_flag("--ascending", a.ascending, "smallest first (default: largest first)");
    cmd->add_option("--limit", a.limit, "at most this many jobs");
  };
  auto* jobs_list = jobs->add_subcommand("list", "jobs, best first");
  add_filters(jobs_list, list_args);
  jobs_list->add_option("--format", list_args.format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  std::string show_id, show_db, show_format = "text";
  auto* jobs_show = jobs->add_subcommand("show", "one job: its fields, score breakdown and status history");
  jobs_show->add_option("id", show_id, "job id (from `jobs list`) or job key")->required();
  jobs_show->add_option("--db", show_db, "job database file");
  jobs_show->add_option("--format", show_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  JobsListArgs export_args;
  export_args.format = "csv";
  std::string export_output;
  auto* jobs_export = jobs->add_subcommand("export", "all jobs (or a filtered set) as CSV or JSON Lines");
  add_filters(jobs_export, export_args);
  jobs_export->add_option("--format", export_args.format, "csv or jsonl")->check(CLI::IsMember({"csv", "jsonl"}));
  jobs_export->add_option("--output,-o", export_output, "file to write (default: standard output)");
  std::string status_id, status_value, status_note, status_db;
  auto* jobs_status = jobs->add_subcommand("set-status", "change a job's application status, with a note");
  jobs_status->add_option("id", status_id, "job id or job key")->required();
  jobs_status->add_option("status", status_value, one_of(job_statuses()))->required();
  jobs_status->add_option("--note", status_note, "appended to the job's notes and to the history");
  jobs_status->add_option("--db", status_db, "job database file");

  // runs
  auto* runs = app.add_subcommand("runs", "run history");
  runs->require_subcommand(1);
  std::string runs_db, runs_format = "table";
  int64_t runs_limit = 20;
  auto* runs_list = runs->add_subcommand("list", "the latest runs, newest first");
  runs_list->add_option("--db", runs_db, "job database file");
  runs_list->add_option("--limit", runs_limit, "how many");
  runs_list->add_option("--format", runs_format, "table or json")->check(CLI::IsMember({"table", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitInvalid;
  }

  HostContext hc;
  {
    Diagnostics diags;
    auto settings = load_host_settings(config_file, diags, process_env());
    if (!settings) {
      print_diagnostics(diags);
      return kExitInvalid;
    }
    print_diagnostics(diags);
    hc.settings = std::move(*settings);
  }
  LogSettings ls;
  ls.level = log_level.empty() ? hc.settings.log_level : log_level;
  ls.file = hc.settings.log_file;
  ls.max_size_mb = hc.settings.log_max_size_mb;
  ls.max_files = hc.settings.log_max_files;
  std::string log_error;
  if (!setup_logging(ls, log_error)) {
    std::fprintf(stderr, "error: %s\n", log_error.c_str());
    return kExitInvalid;
  }

  if (*plugins_list) return cmd_plugins_list(hc, plugins_format);
  if (*plugins_info) return cmd_plugins_info(hc, info_name, info_format);
  if (*validate) return cmd_validate(hc, validate_files, validate_kind);
  if (*run) {
    run_args.args = command_line(argc, argv);
    return cmd_run(hc, run_args);
  }
  if (*score) {
    score_args.args = command_line(argc, argv);
    return cmd_score(hc, score_args);
  }
  if (*profile_validate) return cmd_profile_validate(profile_file);
  if (*init) return cmd_init(init_force);
  if (*jobs_list) return cmd_jobs_list(hc, list_args);
  if (*jobs_show) return cmd_jobs_show(hc, show_db, show_id, show_format);
  if (*jobs_export) return cmd_jobs_export(hc, export_args, export_output);
  if (*jobs_status) return cmd_jobs_set_status(hc, status_db, status_id, status_value, status_note);
  if (*runs_list) return cmd_runs_list(hc, runs_db, runs_limit, runs_format);
  return kExitInvalid;
}
