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

// The upsert statement, made from the field table so it cannot drift from it.
std::string upsert_sql() {
  std::string cols = "job_key, first_seen, last_seen, status, extra";
  std::string vals = "?1, ?2, ?2, CASE WHEN ?3 IS NOT NULL THEN 'scored' ELSE 'discovered' END, ?4";
  std::string updates;
  int param = 5;
  for (const auto& f : all_fields()) {
    if (!f.writable) continue;
    cols += ", " + std::string(f.column);
    vals += ", ?" + std::to_string(param++);
    updates += std::string(f.column) + " = coalesce(excluded." + std::string(f.column) + ", " +
               std::string(f.column) + "), ";
  }
  return "INSERT INTO jobs (" + cols + ") VALUES (" + vals +
         ") ON CONFLICT(job_key) DO UPDATE SET " + updates +
         "extra = CASE WHEN excluded.extra IS NULL THEN extra WHEN extra IS NULL THEN excluded.extra "
         "ELSE json_patch(extra, excluded.extra) END, "
         "status = CASE WHEN status = 'discovered' AND excluded.score IS NOT NULL THEN 'scored' ELSE status END, "
         "last_seen = excluded.last_seen, seen_count = seen_count + 1 "
         "RETURNING job_id, seen_count";
}

std::string select_columns() {
  std::string cols = "job_id, job_key, seen_count, extra";
  for (const auto& f : all_fields()) cols += ", " + std::string(f.column);
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
                                             "job_id"};
  return s;
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
  db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  migrate();
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
  if (!upsert_) upsert_ = std::make_unique<Statement>(db_->handle(), upsert_sql());
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
    for (const auto& f : all_fields()) {
      if (!f.writable) continue;
      const FieldValue& v = job->get(f.id);
      int i = param++;
      if (const auto* s = std::get_if<std::string>(&v)) st.bind(i, *s);
      else if (const auto* n = std::get_if<int64_t>(&v)) st.bind(i, *n);
      else if (const auto* d = std::get_if<double>(&v)) st.bind(i, *d);
      else if (const auto* b = std::get_if<bool>(&v)) st.bind(i, int64_t{*b ? 1 : 0});
      else if (const auto* l = std::get_if<std::vector<std::string>>(&v)) st.bind(i, json_array(*l));
    }
    if (!st.step()) throw StoreError("database " + db_->path() + ": upsert returned no row");
    results.push_back({st.i64(0), st.i64(1) == 1});
  }
  upsert_->reset();
  if (also) also(*db_);
  tx.commit();
  return results;
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
  if (std::find(sortable.begin(), sortable.end(), filter.sort) == sortable.end())
    throw StoreError("cannot sort by '" + filter.sort + "'; use " + one_of(sortable));
  std::string sql = "SELECT " + select_columns() + " FROM jobs WHERE 1=1";
  if (filter.status) sql += " AND status = ?1";
  if (filter.decision) sql += " AND decision = ?2";
  if (filter.group) sql += " AND duplicate_group = ?3";
  if (filter.after_id) sql += " AND job_id > ?4";
  std::string dir = filter.descending ? " DESC" : " ASC";
  sql += " ORDER BY " + filter.sort + " IS NULL, " + filter.sort + dir + ", job_id ASC";
  if (filter.limit >= 0) sql += " LIMIT " + std::to_string(filter.limit);
  Statement st(db_->handle(), sql);
  if (filter.status) st.bind(1, *filter.status);
  if (filter.decision) st.bind(2, *filter.decision);
  if (filter.group) st.bind(3, *filter.group);
  if (filter.after_id) st.bind(4, *filter.after_id);
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
