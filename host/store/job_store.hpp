// The job database: the full job record keyed by a stable per-source key,
// application status with history, and run history. SQLite in WAL mode.
#pragma once

#include "record/job_record.hpp"
#include "store/sqlite.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::host {

struct StoredJob {
  int64_t job_id = 0;
  std::string job_key;
  int64_t seen_count = 0;
  JobRecord record;  // includes the host-owned fields (status, notes, first/last seen)
};

struct JobFilter {
  std::optional<std::string> status;
  std::optional<std::string> decision;
  std::optional<std::string> group;  // duplicate_group
  std::optional<int64_t> after_id;   // only job_id > this (paging with sort job_id ascending)
  /// Words to find in the title, company or description, as a person types them (see fts_query()).
  std::optional<std::string> text;
  /// One of sortable_columns(); empty: "rank" (best match first) with `text`, else "score".
  std::string sort;
  bool descending = true;  // with "rank": best match first
  int64_t limit = -1;
};

struct StatusChange {
  std::string at;
  std::string from_status;
  std::string to_status;
  std::string note;
  std::string by;
};

struct UpsertResult {
  int64_t job_id = 0;
  bool inserted = false;  // false: the key was stored already
};

struct RunRecord {
  int64_t run_id = 0;
  std::string started_at, finished_at, user, hostname, pipeline, args, outcome, summary_json;
};

/// Known application statuses (PRODUCT.md's lifecycle).
const std::vector<std::string>& job_statuses();
/// Columns `list` can sort by, and "rank" (how well a job matches `text`).
const std::vector<std::string>& sortable_columns();
/// A person's search text as an FTS5 query that cannot be a syntax error: every
/// word quoted and required, "a phrase" in double quotes kept as a phrase (an
/// unclosed quote runs to the end), a trailing * kept as a prefix search.
/// Throws StoreError when the text has no word to search for.
std::string fts_query(std::string_view text);
/// "a, b or c", for messages and help.
std::string one_of(const std::vector<std::string>& items);

class JobStore {
 public:
  /// Opens (creating folders and the file) and migrates to the current schema.
  explicit JobStore(const std::string& path);
  /// Opens an existing database for reading only; no migration is run.
  static std::unique_ptr<JobStore> open_read_only(const std::string& path);
  ~JobStore();

  static int schema_version();
  int current_version();

  /// Inserts or merges each job in one transaction. Values already stored are
  /// kept where the new record has none; first_seen, status and notes are never
  /// touched; last_seen and seen_count advance.
  /// `also` runs inside the same transaction (plugins' records go with the jobs).
  std::vector<UpsertResult> upsert(const std::vector<const JobRecord*>& jobs,
                                   const std::function<void(Database&)>& also = {});
  /// Writes the score, decision and breakdown of stored jobs (by job key) in one
  /// transaction, and nothing else: seen counts, status (beyond discovered ->
  /// scored) and notes stay as they are. For `ajhost score`.
  /// Rows by job_id (a scorer may change the fields a key is made of). Returns
  /// how many rows it changed.
  int64_t update_scores(const std::vector<std::pair<int64_t, const JobRecord*>>& rows);
  /// Runs `fn` in one transaction.
  void transact(const std::function<void(Database&)>& fn);
  bool contains(const std::string& job_key);

  std::vector<StoredJob> list(const JobFilter& filter);
  std::optional<StoredJob> get(int64_t job_id);
  std::optional<StoredJob> find_by_key(const std::string& job_key);
  int64_t count();
  /// The jobs of a duplicate group (the same posting on other sites, re-posts), oldest first.
  std::vector<StoredJob> group(const std::string& duplicate_group);

  /// Changes the application status, appends to its history; a note, if
  /// given, is appended to the job's notes. Throws for an unknown status or job.
  void set_status(int64_t job_id, const std::string& status, const std::string& note, const std::string& by);
  std::vector<StatusChange> history(int64_t job_id);

  int64_t begin_run(const std::string& pipeline, const std::string& args);
  void finish_run(int64_t run_id, const std::string& outcome, const std::string& summary_json);
  std::vector<RunRecord> runs(int64_t limit);

  const std::string& path() const { return db_->path(); }
  Database& database() { return *db_; }

 private:
  JobStore(std::unique_ptr<Database> db);
  void migrate();
  /// Indexes the rows migration 3's triggers queued for the text index.
  void index_pending();
  StoredJob read_row(Statement& st);

  std::unique_ptr<Database> db_;
  std::unique_ptr<Statement> upsert_;
  std::unique_ptr<Statement> reindex_;  // the indexed columns of a job seen again
  std::vector<aj_field> indexed_fields_;  // bound to reindex_, in this order
  std::unique_ptr<Statement> contains_;
};

/// $XDG_DATA_HOME/autojobagent/jobs.db, else ~/.local/share/autojobagent/jobs.db.
std::string default_db_path();
/// Now, as ISO 8601 UTC with seconds ("2026-11-22T17:45:01Z").
std::string utc_now();

}  // namespace aj::host
