#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

namespace aj::test {
namespace {

std::vector<Row> read_rows(const std::string& db, const std::string& sql) {
  std::vector<Row> rows;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      Row r;
      for (int i = 0, n = sqlite3_column_count(st); i < n; ++i) {
        auto* t = sqlite3_column_text(st, i);
        r[sqlite3_column_name(st, i)] = t ? reinterpret_cast<const char*>(t) : "";
      }
      rows.push_back(std::move(r));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

}  // namespace

std::string quick_host_yaml() {
  return "http:\n  retries: 0\n  delay_ms: 0\n  cache_dir: \"\"\nbrowser:\n  downloads_dir: downloads\n";
}

std::string one_source_pipeline(const std::string& id, const std::string& plugin, const std::string& settings,
                                const std::string& search) {
  return "version: 1\nname: " + id + "-test\nsearch: " + search + "\nsources:\n  " + id + ":\n    use: " + plugin +
         "\n    settings: " + settings + "\n";
}

PipelineRun run_ajhost_on(const TempDir& dir, const std::vector<std::string>& args, const std::string& db,
                          const std::string& host_yaml, const std::map<std::string, std::string>& env) {
  PipelineRun run;
  auto host = dir.write("host.yaml", host_yaml);
  run.db = db;
  std::vector<std::string> all = {"--config", host.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::map<std::string, std::string> e = {{"TMPDIR", dir.path().string()}, {"XDG_CACHE_HOME", dir / "cache"}};
  for (const auto& [k, v] : env) e[k] = v;
  run.proc = run_ajhost(all, e);
  run.jobs = read_rows(run.db, "SELECT * FROM jobs ORDER BY job_id");
  auto runs = read_rows(run.db, "SELECT summary FROM runs ORDER BY run_id DESC LIMIT 1");
  if (!runs.empty()) {
    boost::system::error_code ec;
    auto v = boost::json::parse(runs[0]["summary"], ec);
    if (!ec && v.is_object()) run.summary = v.as_object();
  }
  return run;
}

PipelineRun run_pipeline(const TempDir& dir, const std::string& pipeline_yaml, const std::vector<std::string>& extra_args,
                         const std::string& host_yaml, const std::map<std::string, std::string>& env) {
  auto pipeline = dir.write("pipeline.yaml", pipeline_yaml);
  std::string db = dir / "jobs.db";
  std::vector<std::string> args = {"run", pipeline.string(), "--db", db};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return run_ajhost_on(dir, args, db, host_yaml, env);
}

const Row* PipelineRun::job(std::string_view id) const {
  for (const auto& r : jobs)
    if (auto it = r.find("id"); it != r.end() && it->second == id) return &r;
  return nullptr;
}

const boost::json::object& PipelineRun::source(std::string_view id) const {
  static const boost::json::object none;
  if (const auto* list = summary.if_contains("sources"); list && list->is_array())
    for (const auto& s : list->as_array())
      if (s.is_object() && s.as_object().contains("id") && s.as_object().at("id") == boost::json::string_view(id.data(), id.size()))
        return s.as_object();
  ADD_FAILURE() << "no source '" << id << "' in the run summary\n" << explain();
  return none;
}

std::string PipelineRun::source_str(std::string_view id, std::string_view key) const {
  const auto& s = source(id);
  const auto* v = s.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

int64_t PipelineRun::source_num(std::string_view id, std::string_view key) const {
  const auto& s = source(id);
  const auto* v = s.if_contains(key);
  return v && v->is_number() ? v->to_number<int64_t>() : -1;
}

static const boost::json::object* filter_entry(const boost::json::object& s, std::string_view key) {
  const auto* f = s.if_contains("filters");
  if (!f || !f->is_array()) return nullptr;
  for (const auto& x : f->as_array())
    if (x.is_object() && x.as_object().contains("key") && x.as_object().at("key") == boost::json::string_view(key.data(), key.size()))
      return &x.as_object();
  return nullptr;
}

std::string PipelineRun::applied_by(std::string_view id, std::string_view key) const {
  const auto& s = source(id);
  const auto* f = filter_entry(s, key);
  return f && f->contains("applied_by") ? std::string(f->at("applied_by").as_string()) : "";
}

int64_t PipelineRun::dropped_by(std::string_view id, std::string_view key) const {
  const auto& s = source(id);
  const auto* f = filter_entry(s, key);
  return f && f->contains("dropped") ? f->at("dropped").to_number<int64_t>() : 0;
}

std::string PipelineRun::explain() const {
  return "ajhost exit " + std::to_string(proc.exit_code) + "\n--- stdout\n" + proc.out + "--- stderr\n" + proc.err;
}

}  // namespace aj::test
