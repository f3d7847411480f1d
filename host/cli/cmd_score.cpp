// ajhost score: the stored postings through a pipeline's scorers again, after
// a change of profile, weights or thresholds; no source runs, nothing is fetched.
#include "cli/commands.hpp"
#include "cli/table.hpp"
#include "pipeline/engine.hpp"
#include "store/job_store.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

namespace aj::host {

namespace {

std::string seconds(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void print_moves(const RunSummary& s) {
  const std::vector<std::string> order = {"apply", "review", "skip", "none"};
  std::map<std::string, std::map<std::string, uint64_t>> grid;  // before -> after -> n
  for (const auto& [move, n] : s.decision_moves) {
    auto arrow = move.find(" -> ");
    grid[move.substr(0, arrow)][move.substr(arrow + 4)] += n;
  }
  Table t;
  t.header = {"BEFORE \\ NOW", "APPLY", "REVIEW", "SKIP", "UNSCORED", "TOTAL"};
  t.right_align = {false, true, true, true, true, true};
  for (const auto& before : order) {
    auto it = grid.find(before);
    if (it == grid.end()) continue;
    uint64_t total = 0;
    std::vector<std::string> row = {before == "none" ? "(unscored)" : before};
    for (const char* after : {"apply", "review", "skip"}) {
      uint64_t n = it->second.count(after) ? it->second.at(after) : 0;
      total += n;
      row.push_back(std::to_string(n));
    }
    uint64_t other = 0;  // no decision now, or one the scorers made up
    for (const auto& [after, n] : it->second)
      if (after != "apply" && after != "review" && after != "skip") other += n;
    total += other;
    row.push_back(std::to_string(other));
    row.push_back(std::to_string(total));
    t.rows.push_back(row);
  }
  if (!t.rows.empty()) std::cout << "\nDecisions, before and now:\n" << t.render();
}

}  // namespace

int cmd_score(HostContext& hc, const ScoreArgs& a) {
  auto load = [&](const std::string& file, Diagnostics& diags) {
    return load_pipeline(file, hc.plugins(), hc.settings.sources, diags, process_env(), true);
  };
  std::string pipeline = a.pipeline;
  std::optional<PipelineSpec> spec;
  Diagnostics diags;
  if (!pipeline.empty()) spec = load(pipeline, diags);
  // The pipeline's own database, as `run` uses it.
  std::string db = hc.db_path(a.db, spec ? spec->db : std::string());
  if (!std::filesystem::exists(db)) {
    std::fprintf(stderr, "error: database %s does not exist (run a pipeline first, or name another file with --db)\n",
                 db.c_str());
    return kExitError;
  }
  if (pipeline.empty()) {
    // The pipeline of the latest run that still exists: its scorers made the stored scores.
    try {
      for (const auto& r : JobStore::open_read_only(db)->runs(50))
        if (!r.pipeline.empty() && std::filesystem::exists(r.pipeline)) {
          pipeline = r.pipeline;
          break;
        }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      return kExitError;
    }
    if (pipeline.empty()) {
      std::fprintf(stderr, "error: no earlier run names a pipeline that still exists; name the pipeline whose "
                           "scorers to use, e.g. `ajhost score pipelines/quality.yaml`\n");
      return kExitInvalid;
    }
    spec = load(pipeline, diags);
  }
  if (print_diagnostics(diags) > 0 || !spec) {
    std::fprintf(stderr, "%s: not used; fix the errors above\n", pipeline.c_str());
    return kExitInvalid;
  }
  bool scorers = false;
  for (const auto& c : spec->scorers) scorers = scorers || c.enabled;
  if (!scorers) {
    std::fprintf(stderr, "error: %s has no scorer switched on; nothing would change\n", pipeline.c_str());
    return kExitInvalid;
  }
  if (!use_profile(a.profile, *spec)) return kExitInvalid;

  std::unique_ptr<JobStore> store;
  try {
    store = a.dry_run ? JobStore::open_read_only(db) : std::make_unique<JobStore>(db);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitError;
  }
  spdlog::info("re-scoring the postings in {} with the scorers of {}{}", db, pipeline, a.dry_run ? " (dry run)" : "");
  RunOptions opts;
  opts.rescore = true;
  opts.dry_run = a.dry_run;
  opts.limit = a.limit;
  opts.args = a.args;
  Engine engine(*spec, store.get(), opts);
  RunSummary s = run_engine(engine, false);

  uint64_t n = 0;
  for (const auto& [move, k] : s.decision_moves) n += k;
  std::cout << (a.dry_run ? "Would re-score " : "Re-scored ") << n << " postings with the scorers of " << pipeline
            << " in " << seconds(s.seconds) << " s" << (a.dry_run ? " (dry run: nothing written)" : "")
            << "\n";
  if (s.store_failed) std::cout << "The store failed: " << s.store_message << "\n";
  if (s.interrupted) std::cout << "Interrupted: the postings scored so far were written.\n";
  print_moves(s);
  for (const auto& x : s.stages) {
    std::cout << "  " << x.id << " (" << x.plugin << "): " << x.status;
    if (x.processed) std::cout << ", " << x.processed << " scored";
    if (x.failed) std::cout << ", " << x.failed << " failed";
    std::cout << (x.message.empty() ? "" : "; " + x.message) << "\n";
  }
  return s.exit_code();
}

}  // namespace aj::host
