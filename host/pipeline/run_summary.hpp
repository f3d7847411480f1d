// What a run did: per source and per stage, for the terminal, the log and the
// runs table.
#pragma once

#include "browser/settings.hpp"
#include "http/stats.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aj::host {

/// One search filter of a source: who applied it and what ajhost's check did.
struct FilterStats {
  std::string key;
  std::string applied_by;  // site | ajhost | nobody (ajhost cannot: distance_km, offset)
  uint64_t dropped = 0;    // postings ajhost dropped for this key
  uint64_t unknown = 0;    // postings kept because they lack the field the check needs
};

struct SourceStats {
  std::string id, plugin;
  // ok | no results | blocked | layout changed | network error | error |
  // failed to start | cancelled | disabled | not needed
  std::string status = "not run";
  std::string message;
  bool fallback = false;
  std::string why_run;  // a fallback source: why it ran
  uint64_t queries = 0, found = 0, new_jobs = 0, duplicates = 0, errors = 0, filtered = 0;
  std::vector<std::pair<std::string, uint64_t>> outcomes;  // queries per outcome ("ok", "blocked", ...)
  std::vector<FilterStats> filters;
  std::string filter_note;  // the source's word on filters the site could not apply
  double seconds = 0;
};

/// One line for a stage from its workers' "summary" reports: when the lines
/// differ only in their counts ("12 scored: 3 apply" and "9 scored: 1 apply"),
/// the counts are summed ("21 scored: 4 apply"); otherwise a line per worker.
/// A count is a number that starts a word and is followed by one ("12 scored").
std::string merge_worker_summaries(const std::vector<std::string>& lines);

/// True for the statuses of a source that failed (blocked, error, ...).
bool source_failed(const std::string& status);

/// A database error's message, with what to do when SQLite words it as a full
/// disk or a failed write ("database or disk is full", "disk I/O error": a
/// full disk or the file-size limit, EFBIG).
std::string store_error_message(const std::string& what);

struct StageStats {
  std::string id, phase, plugin;
  std::string status = "ok";
  std::string message;
  std::string summary;  // what the plugin said of its work ("summary" report), one line per worker
  int workers = 0;
  uint64_t in = 0, processed = 0, passed_over = 0, dropped = 0, failed = 0;
  double busy_seconds = 0;  // summed over workers, inside the plugin
  double throughput() const { return busy_seconds > 0 ? static_cast<double>(processed) / busy_seconds : 0; }
};

struct RunSummary {
  std::string pipeline;
  int64_t run_id = 0;
  bool dry_run = false;
  bool interrupted = false;
  bool limit_reached = false;
  bool store_failed = false;
  std::string store_message;
  double seconds = 0;
  uint64_t stored = 0, new_jobs = 0, duplicates = 0, not_stored = 0;
  std::vector<SourceStats> sources;
  std::vector<StageStats> stages;
  std::vector<http::HostStats> http;      // per host, when a plugin used the HTTP service
  std::optional<browser::Stats> browser;  // when a plugin used the browser
  // `ajhost score`: postings per decision change, "review -> apply" (unchanged ones as "apply -> apply").
  std::vector<std::pair<std::string, uint64_t>> decision_moves;

  /// 0 all well, 1 the store failed, 3 finished with component errors, 130 interrupted.
  int exit_code() const;
  std::string outcome() const;  // ok | errors | store failed | interrupted
  std::string to_json() const;
};

}  // namespace aj::host
