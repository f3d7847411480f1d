#include "store/job_store.hpp"

#include "record/json_text.hpp"
#include "store/migrations.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>

namespace aj::host {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> parse_string_array(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array())
    if (item.is_string()) out.emplace_back(item.as_string().c_str(), item.as_string().size());
  return out;
}

JobRecord::Extras parse_extras(const std::string& text) {
  JobRecord::Extras out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& kv : v.as_object())
    if (kv.value().is_string())
      out.emplace_back(std::string(kv.key()), std::string(kv.value().as_string().c_str(), kv.value().as_string().size()));
  return out;
}

// The columns some index of `jobs` covers, as the database has them.
std::set<std::string> indexed_columns(Database& db) {
  Statement st(db.handle(),
               "SELECT DISTINCT ii.name FROM pragma_index_list('jobs') AS il, pragma_index_info(il.name) AS ii "
               "WHERE ii.name IS NOT NULL");
  std::set<std::string> out;
  while (st.step()) out.insert(st.text(0));
  return out;
}

// The upsert statement, made from the field table so it cannot drift from it.
// A key seen before keeps its indexed columns here; reindex_sql() writes them
// when they change. SQLite rewrites an index entry whenever its column is
// assigned, even to the value it has: assigning them all made a daily re-run of
// unchanged jobs write ~900 index pages per 512 rows, at half the speed
// (bench/store, 100,000 jobs: 13,000 -> 27,000 rows per CPU-second).
std::string upsert_sql(const std::set<std::string>& indexed) {
  std::string cols = "job_key, first_seen, last_seen, status, extra";
  std::string vals = "?1, ?2, ?2, CASE WHEN ?3 IS NOT NULL THEN 'scored' ELSE 'discovered' END, ?4";
  std::string updates;
  int param = 5;
  for (const auto& f : all_fields()) {
    if (!f.writable) continue;
    const std::string col(f.column);
    cols += ", " + col;
    vals += ", ?" + std::to_string(param++);
    if (!indexed.count(col)) updates += col + " = coalesce(excluded." + col + ", " + col + "), ";
  }
  return "INSERT INTO jobs (" + cols + ") VALUES (" + vals +
         ") ON CONFLICT(job_key) DO UPDATE SET " + updates +
         "extra = CASE WHEN excluded.extra IS NULL THEN extra WHEN extra IS NULL THEN excluded.extra "
         "ELSE json_patch(extra, excluded.extra) END, "
         "last_seen = excluded.last_seen, seen_count = seen_count + 1 "
         "RETURNING job_id, seen_count";
}

// The indexed columns of a row seen again (?1 its job_id, ?2 non-NULL when the
// job has a score, then the indexed fields in field order), written only when
// one of them changes: a new value where the job has one, or the first score.
std::string reindex_sql(const std::set<std::string>& indexed) {
  std::string sets, changed;
  int param = 3;
  for (const auto& f : all_fields()) {
    const std::string col(f.column);
    if (!f.writable || !indexed.count(col)) continue;
    const std::string value = "coalesce(?" + std::to_string(param++) + ", " + col + ")";
    sets += col + " = " + value + ", ";
    changed += col + " IS NOT " + value + " OR ";
  }
  return "UPDATE jobs SET " + sets +
         "status = CASE WHEN status = 'discovered' AND ?2 IS NOT NULL THEN 'scored' ELSE status END "
         "WHERE job_id = ?1 AND (" + changed + "(status = 'discovered' AND ?2 IS NOT NULL))";
}

void bind_value(Statement& st, int i, const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) st.bind(i, *s);
  else if (const auto* n = std::get_if<int64_t>(&v)) st.bind(i, *n);
  else if (const auto* d = std::get_if<double>(&v)) st.bind(i, *d);
  else if (const auto* b = std::get_if<bool>(&v)) st.bind(i, int64_t{*b ? 1 : 0});
  else if (const auto* l = std::get_if<std::vector<std::string>>(&v)) st.bind(i, json_array(*l));
}

// `table` qualifies each column ("jobs.") where a join would make a name ambiguous.
std::string select_columns(const std::string& table = "") {
  std::string cols = table + "job_id, " + table + "job_key, " + table + "seen_count, " + table + "extra";
  for (const auto& f : all_fields()) cols += ", " + table + std::string(f.column);
  return cols;
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

const std::vector<std::string>& job_statuses() {
  static const std::vector<std::string> s = {"discovered", "scored",   "documents_ready", "applying", "applied",
                                             "failed",     "needs_manual", "interview",    "rejected", "offer"};
  return s;
}

const std::vector<std::string>& sortable_columns() {
  static const std::vector<std::string> s = {"score", "first_seen", "last_seen", "date_posted", "company", "title",
                                             "job_id",  "rank"};
  return s;
}

std::string fts_query(std::string_view person_text) {
  // Control characters are spaces: FTS5 reads a NUL as the end of the query
  // ("unterminated string" for `"c<NUL>sql"`).
  std::string text(person_text);
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  std::string query;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::string_view term;
    bool prefix = false;
    if (text[i] == '"') {  // a phrase, to the closing quote or the end
      std::size_t end = std::min(text.find('"', i + 1), text.size());
      term = std::string_view(text).substr(i + 1, end - i - 1);
      i = std::min(end + 1, text.size());
      for (; i < text.size() && text[i] == '*'; ++i) prefix = true;
    } else {  // a word, to a space or a quote
      std::size_t end = text.find_first_of(" \"", i);
      if (end == std::string::npos) end = text.size();
      term = std::string_view(text).substr(i, end - i);
      i = end;
      for (; !term.empty() && term.back() == '*'; term.remove_suffix(1)) prefix = true;
    }
    // Neither spaces nor stars alone are a word ("*" would be a syntax error).
    if (term.find_first_not_of(" *") == std::string_view::npos) continue;
    // Quoted, an operator (AND, NEAR), a column filter (title:) or punctuation
    // is a plain string; the term has no '"' by construction.
    query += (query.empty() ? "\"" : " \"") + std::string(term) + (prefix ? "\"*" : "\"");
  }
  if (query.empty())
    throw StoreError("the search text '" + text +
                     "' has no word to look for; give words (all must match), \"a phrase\" in double quotes, "
                     "or a prefix such as analy*");
  return query;
}

std::string one_of(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  return out;
}

std::string utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string default_db_path() {
  std::string data = env_or("XDG_DATA_HOME", "");
  if (data.empty()) data = env_or("HOME", ".") + std::string("/.local/share");
  return data + "/autojobagent/jobs.db";
}

JobStore::JobStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}

JobStore::JobStore(const std::string& path) {
  fs::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) throw StoreError("database " + path + ": cannot create folder " + p.parent_path().string() + ": " + ec.message());
  }
  db_ = std::make_unique<Database>(path);
  // WAL with synchronous=NORMAL is durable against a killed process: a
  // transaction is either in the database after a crash or not at all.
  // Checkpoints (and their fsyncs) every 32 MB of WAL rather than 4 MB: a batch
  // of 512 jobs writes ~3 MB, so the default checkpointed after almost every
  // batch (bench/store: +30% upserts per wall-clock second at 100,000 jobs).
  db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA wal_autocheckpoint=8192;");
  migrate();
  // Rows another program wrote into `jobs` wait in the queue until a store writes.
  Statement queued(db_->handle(), "SELECT EXISTS (SELECT 1 FROM jobs_text_pending)");
  if (queued.step() && queued.i64(0)) transact([this](Database&) { index_pending(); });
}

std::unique_ptr<JobStore> JobStore::open_read_only(const std::string& path) {
  if (!fs::exists(path))
    throw StoreError("database " + path + " does not exist (run a pipeline first, or name another file with --db)");
  auto store = std::unique_ptr<JobStore>(new JobStore(std::make_unique<Database>(path, true)));
  int v = store->current_version();
  if (v > schema_version())
    throw StoreError("database " + path + " has schema version " + std::to_string(v) + ", newer than this ajhost (" +
                     std::to_string(schema_version()) + "); upgrade ajhost");
  if (v < schema_version())
    throw StoreError("database " + path + " has schema version " + std::to_string(v) +
                     "; run `ajhost run` once to migrate it to version " + std::to_string(schema_version()));
  return store;
}

JobStore::~JobStore() = default;

int JobStore::schema_version() { return static_cast<int>(migrations().size()); }

int JobStore::current_version() {
  Statement st(db_->handle(), "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.i64(0));
}

void JobStore::migrate() {
  int v = current_version();
  if (v > schema_version())
    throw StoreError("database " + db_->path() + " has schema version " + std::to_string(v) +
                     ", newer than this ajhost (" + std::to_string(schema_version()) + "); upgrade ajhost");
  for (; v < schema_version(); ++v) {
    Transaction tx(*db_);
    db_->exec(migrations()[static_cast<std::size_t>(v)]);
    db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

void JobStore::transact(const std::function<void(Database&)>& fn) {
  Transaction tx(*db_);
  fn(*db_);
  tx.commit();
}

int64_t JobStore::update_scores(const std::vector<std::pair<int64_t, const JobRecord*>>& rows) {
  Statement st(db_->handle(),
               "UPDATE jobs SET score = ?2, decision = ?3, score_breakdown = ?4, "
               "status = CASE WHEN status = 'discovered' AND ?2 IS NOT NULL THEN 'scored' ELSE status END "
               "WHERE job_id = ?1");
  int64_t changed = 0;
  Transaction tx(*db_);
  for (const auto& [job_id, job] : rows) {
    st.reset();
    st.bind(1, job_id);
    if (const auto* d = std::get_if<double>(&job->get(AJ_F_SCORE))) st.bind(2, *d);
    else st.bind_null(2);
    auto text = [&](int i, aj_field f) {
      if (const auto* v = std::get_if<std::string>(&job->get(f))) st.bind(i, *v);
      else st.bind_null(i);
    };
    text(3, AJ_F_DECISION);
    text(4, AJ_F_SCORE_BREAKDOWN);
    st.step();
    changed += sqlite3_changes(db_->handle());
  }
  tx.commit();
  return changed;
}

std::vector<UpsertResult> JobStore::upsert(const std::vector<const JobRecord*>& jobs,
                                           const std::function<void(Database&)>& also) {
  if (!upsert_) {
    const std::set<std::string> indexed = indexed_columns(*db_);
    upsert_ = std::make_unique<Statement>(db_->handle(), upsert_sql(indexed));
    reindex_ = std::make_unique<Statement>(db_->handle(), reindex_sql(indexed));
    for (const auto& f : all_fields())
      if (f.writable && indexed.count(std::string(f.column))) indexed_fields_.push_back(f.id);
  }
  std::vector<UpsertResult> results;
  results.reserve(jobs.size());
  std::string now = utc_now();
  Transaction tx(*db_);
  for (const JobRecord* job : jobs) {
    Statement& st = *upsert_;
    st.reset();
    st.bind(1, job->key());
    st.bind(2, now);
    if (job->has(AJ_F_SCORE)) st.bind(3, int64_t{1});
    std::string extra = job->extras_json();
    if (!extra.empty()) st.bind(4, extra);
    int param = 5;
    for (const auto& f : all_fields())
      if (f.writable) bind_value(st, param++, job->get(f.id));
    if (!st.step()) throw StoreError("database " + db_->path() + ": upsert returned no row");
    const UpsertResult result{st.i64(0), st.i64(1) == 1};
    results.push_back(result);
    if (result.inserted) continue;
    Statement& re = *reindex_;
    re.reset();
    re.bind(1, result.job_id);
    if (job->has(AJ_F_SCORE)) re.bind(2, int64_t{1});
    for (std::size_t k = 0; k < indexed_fields_.size(); ++k)
      bind_value(re, static_cast<int>(k) + 3, job->get(indexed_fields_[k]));
    re.step();
  }
  upsert_->reset();
  reindex_->reset();
  index_pending();
  if (also) also(*db_);
  tx.commit();
  return results;
}

// FTS5 (SQLite 3.40) writes its pending terms to disk at every statement
// savepoint once the index is part of the transaction, and each upsert opens
// one: indexed by a trigger row by row, every row became a segment of its own
// to merge, and the first insert of 3 KB descriptions ran at half the speed.
// So the triggers queue the rows and one statement indexes a batch's queue.
// (The DELETE has a WHERE: without one SQLite rewrites the empty table's page.)
void JobStore::index_pending() {
  db_->exec(
      "INSERT INTO jobs_text(rowid, title, company, description) SELECT job_id, title, company, description "
      "FROM jobs WHERE job_id IN (SELECT job_id FROM jobs_text_pending); "
      "DELETE FROM jobs_text_pending WHERE job_id IS NOT NULL;");
}

std::vector<StoredJob> JobStore::group(const std::string& duplicate_group) {
  Statement st(db_->handle(), "SELECT " + select_columns() +
                                  " FROM jobs WHERE duplicate_group = ?1 ORDER BY first_seen, job_id");
  st.bind(1, duplicate_group);
  std::vector<StoredJob> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

bool JobStore::contains(const std::string& job_key) {
  // Called once per job in a dry run: prepared once.
  if (!contains_) contains_ = std::make_unique<Statement>(db_->handle(), "SELECT 1 FROM jobs WHERE job_key = ?1");
  contains_->reset();
  contains_->bind(1, job_key);
  bool found = contains_->step();
  contains_->reset();
  return found;
}

StoredJob JobStore::read_row(Statement& st) {
  StoredJob j;
  j.job_id = st.i64(0);
  j.job_key = st.text(1);
  j.seen_count = st.i64(2);
  if (!st.is_null(3)) j.record.extras() = parse_extras(st.text(3));
  int col = 4;
  for (const auto& f : all_fields()) {
    int c = col++;
    if (st.is_null(c)) continue;
    switch (f.type) {
      case FieldType::Str: j.record.set(f.id, st.text(c)); break;
      case FieldType::I64: j.record.set(f.id, st.i64(c)); break;
      case FieldType::F64: j.record.set(f.id, st.f64(c)); break;
      case FieldType::Bool: j.record.set(f.id, st.i64(c) != 0); break;
      case FieldType::List: j.record.set(f.id, parse_string_array(st.text(c))); break;
    }
  }
  return j;
}

std::vector<StoredJob> JobStore::list(const JobFilter& filter) {
  const auto& sortable = sortable_columns();
  const std::string sort = !filter.sort.empty() ? filter.sort : filter.text ? "rank" : "score";
  if (std::find(sortable.begin(), sortable.end(), sort) == sortable.end())
    throw StoreError("cannot sort by '" + sort + "'; use " + one_of(sortable));
  if (sort == "rank" && !filter.text)
    throw StoreError("sorting by rank needs a search text (rank is how well a job matches it); sort by another column");
  std::string match = filter.text ? fts_query(*filter.text) : "";
  std::string where;
  if (filter.status) where += " AND jobs.status = ?1";
  if (filter.decision) where += " AND jobs.decision = ?2";
  if (filter.group) where += " AND jobs.duplicate_group = ?3";
  if (filter.after_id) where += " AND jobs.job_id > ?4";
  auto order_by = [&](const std::string& rank, const std::string& id) {
    if (sort == "rank")  // bm25: the lower, the better the match
      return " ORDER BY " + rank + (filter.descending ? " ASC, " : " DESC, ") + id + " ASC";
    if (filter.descending)  // NULL is the smallest value, so last: an index's order (jobs_by_status)
      return " ORDER BY jobs." + sort + " DESC, " + id + " ASC";
    return " ORDER BY jobs." + sort + " IS NULL, jobs." + sort + " ASC, " + id + " ASC";  // no index gives this
  };
  const std::string limit = filter.limit >= 0 ? " LIMIT " + std::to_string(filter.limit) : "";
  const std::string columns = "SELECT " + select_columns("jobs.");
  const std::string matches =
      " FROM jobs_text CROSS JOIN jobs ON jobs.job_id = jobs_text.rowid WHERE jobs_text MATCH ?5";
  std::string sql;
  if (!filter.text) {
    sql = columns + " FROM jobs WHERE 1=1" + where + order_by("", "jobs.job_id") + limit;
  } else if (limit.empty()) {
    sql = columns + matches + where + order_by("jobs_text.rank", "jobs.job_id");
  } else {
    // The page is chosen before its rows are read, so the sorter holds a rank and
    // an id per match, not a whole row (two words in 3,300 of 100,000 jobs: 22 ms
    // -> 12 ms; a word in 94,000 of them: 2.3 s -> 0.13 s with a cold cache).
    // Without a filter or another order, the matches are ranked on the index alone.
    const bool rows = !where.empty() || sort != "rank";
    const std::string page = "SELECT jobs_text.rowid AS hit, jobs_text.rank AS hit_rank" +
                             (rows ? matches : " FROM jobs_text WHERE jobs_text MATCH ?5") + where +
                             order_by("jobs_text.rank", "jobs_text.rowid") + limit;
    sql = columns + " FROM (" + page + ") AS page CROSS JOIN jobs ON jobs.job_id = page.hit" +
          order_by("page.hit_rank", "jobs.job_id");
  }
  Statement st(db_->handle(), sql);
  if (filter.status) st.bind(1, *filter.status);
  if (filter.decision) st.bind(2, *filter.decision);
  if (filter.group) st.bind(3, *filter.group);
  if (filter.after_id) st.bind(4, *filter.after_id);
  if (filter.text) st.bind(5, match);
  std::vector<StoredJob> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::optional<StoredJob> JobStore::get(int64_t job_id) {
  Statement st(db_->handle(), "SELECT " + select_columns() + " FROM jobs WHERE job_id = ?1");
  st.bind(1, job_id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::optional<StoredJob> JobStore::find_by_key(const std::string& job_key) {
  Statement st(db_->handle(), "SELECT " + select_columns() + " FROM jobs WHERE job_key = ?1");
  st.bind(1, job_key);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

int64_t JobStore::count() {
  Statement st(db_->handle(), "SELECT count(*) FROM jobs");
  st.step();
  return st.i64(0);
}

void JobStore::set_status(int64_t job_id, const std::string& status, const std::string& note, const std::string& by) {
  const auto& known = job_statuses();
  if (std::find(known.begin(), known.end(), status) == known.end())
    throw StoreError("unknown status '" + status + "'; use " + one_of(known));
  Transaction tx(*db_);
  Statement cur(db_->handle(), "SELECT status FROM jobs WHERE job_id = ?1");
  cur.bind(1, job_id);
  if (!cur.step()) throw StoreError("no job with id " + std::to_string(job_id) + " in " + db_->path());
  std::string from = cur.text(0);
  std::string now = utc_now();
  Statement up(db_->handle(),
               "UPDATE jobs SET status = ?2, notes = CASE WHEN ?3 = '' THEN notes WHEN notes IS NULL OR notes = '' "
               "THEN ?3 ELSE notes || char(10) || ?3 END WHERE job_id = ?1");
  up.bind(1, job_id);
  up.bind(2, status);
  up.bind(3, note);
  up.step();
  Statement hist(db_->handle(),
                 "INSERT INTO job_status_history (job_id, at, from_status, to_status, note, by) VALUES (?1,?2,?3,?4,?5,?6)");
  hist.bind(1, job_id);
  hist.bind(2, now);
  hist.bind(3, from);
  hist.bind(4, status);
  hist.bind(5, note);
  hist.bind(6, by);
  hist.step();
  tx.commit();
}

std::vector<StatusChange> JobStore::history(int64_t job_id) {
  Statement st(db_->handle(),
               "SELECT at, from_status, to_status, coalesce(note,''), coalesce(by,'') FROM job_status_history "
               "WHERE job_id = ?1 ORDER BY id");
  st.bind(1, job_id);
  std::vector<StatusChange> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return out;
}

int64_t JobStore::begin_run(const std::string& pipeline, const std::string& args) {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  Statement st(db_->handle(),
               "INSERT INTO runs (started_at, user, hostname, pipeline, args, outcome) VALUES (?1,?2,?3,?4,?5,'running') "
               "RETURNING run_id");
  st.bind(1, utc_now());
  st.bind(2, env_or("USER", env_or("LOGNAME", "").c_str()));
  st.bind(3, std::string_view(host));
  st.bind(4, pipeline);
  st.bind(5, args);
  st.step();
  return st.i64(0);
}

void JobStore::finish_run(int64_t run_id, const std::string& outcome, const std::string& summary_json) {
  Statement st(db_->handle(), "UPDATE runs SET finished_at = ?2, outcome = ?3, summary = ?4 WHERE run_id = ?1");
  st.bind(1, run_id);
  st.bind(2, utc_now());
  st.bind(3, outcome);
  st.bind(4, summary_json);
  st.step();
}

std::vector<RunRecord> JobStore::runs(int64_t limit) {
  Statement st(db_->handle(),
               "SELECT run_id, started_at, coalesce(finished_at,''), coalesce(user,''), coalesce(hostname,''), "
               "coalesce(pipeline,''), coalesce(args,''), coalesce(outcome,''), coalesce(summary,'') FROM runs "
               "ORDER BY run_id DESC LIMIT ?1");
  st.bind(1, limit);
  std::vector<RunRecord> out;
  while (st.step())
    out.push_back({st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7),
                   st.text(8)});
  return out;
}

}  // namespace aj::host
