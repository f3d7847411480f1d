// Runs a validated pipeline: sources -> enrichers -> scorers -> store ->
// documents -> submitters, each stage with its own worker pool, jobs
// streaming through bounded queues.
#pragma once

#include "pipeline/pipeline_spec.hpp"
#include "pipeline/run_summary.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aj::host {

class JobStore;

struct RunOptions {
  int64_t limit = -1;      // overrides settings.max_jobs when >= 0
  bool dry_run = false;    // nothing is written to the store
  std::string args;        // the command line, for the runs table
  std::string documents_dir;  // where document generators write (default: beside the database)
  /// `ajhost score`: no sources and no network; the stored postings go through
  /// the scorers only, and only their score, decision and breakdown are written.
  bool rescore = false;
};

/// A moment's view of a run, for progress bars.
struct ProgressSnapshot {
  struct Source {
    std::string id;
    uint64_t done = 0, total = 0, found = 0;
    bool finished = false;
  };
  std::vector<Source> sources;
  uint64_t stored = 0;
  int64_t limit = 0;
};

class Engine {
 public:
  /// `store` may be null for a dry run without a database.
  Engine(const PipelineSpec& spec, JobStore* store, RunOptions options);
  ~Engine();

  /// Runs to the end (or until stop()). Never throws for plugin or data errors;
  /// they end up in the summary.
  RunSummary run();

  /// Stops the sources; what is in flight is finished and stored. Thread-safe,
  /// async-signal-unsafe (call it from an Asio signal handler, not a raw one).
  void stop();
  ProgressSnapshot snapshot() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aj::host
