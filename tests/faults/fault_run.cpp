#include "fault_run.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

namespace aj::test::faults {
namespace {

// Every row of `sql`; nothing when the database cannot be opened.
std::vector<Row> query(const std::string& db, const std::string& sql) {
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
        r[sqlite3_column_name(st, i)] =
            t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(st, i))) : "";
      }
      rows.push_back(std::move(r));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return "[" + out + "]";
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    auto at = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;  // no overlong forms
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;  // no surrogates, nothing past U+10FFFF
    if (n > 1 && (at(1) < lo || at(1) > hi)) return false;
    for (size_t k = 2; k < n; ++k)
      if ((at(k) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

const Row* RunResult::job(std::string_view id) const {
  for (const auto& r : jobs)
    if (r.at("id") == id) return &r;
  return nullptr;
}

std::vector<std::string> RunResult::ids() const {
  std::vector<std::string> out;
  for (const auto& r : jobs) out.push_back(r.at("id"));
  std::sort(out.begin(), out.end());
  return out;
}

std::string RunResult::source(std::string_view id, std::string_view key) const {
  if (const auto* list = summary.if_contains("sources"); list && list->is_array())
    for (const auto& s : list->as_array()) {
      const auto* o = s.if_object();
      if (!o || !o->contains("id") || o->at("id") != boost::json::string_view(id.data(), id.size())) continue;
      const auto* v = o->if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : "";
    }
  return "";
}

std::string RunResult::stage_summary(std::string_view id) const {
  if (const auto* list = summary.if_contains("stages"); list && list->is_array())
    for (const auto& s : list->as_array()) {
      const auto* o = s.if_object();
      if (o && o->contains("id") && o->at("id") == boost::json::string_view(id.data(), id.size()) &&
          o->at("summary").is_string())
        return std::string(o->at("summary").as_string());
    }
  return "";
}

std::vector<std::string> RunResult::invalid_utf8() const {
  std::vector<std::string> out;
  for (const auto& r : jobs)
    for (const auto& [column, value] : r)
      if (!valid_utf8(value)) out.push_back(column + " of " + r.at("id") + ": " + value.substr(0, 120));
  return out;
}

std::string RunResult::explain() const {
  return "ajhost exit " + std::to_string(proc.exit_code) + "\n--- stdout\n" + proc.out + "--- stderr\n" + proc.err;
}

Scenario::Scenario()
    : api(AJ_FIXTURES_DIR "/faults"), site(AJ_FIXTURES_DIR "/faults"), db(dir / "jobs.db") {}

std::string Scenario::fixture(const std::string& relative) const {
  std::string text = read_file(std::string(AJ_FIXTURES_DIR) + "/faults/" + relative);
  EXPECT_FALSE(text.empty()) << "no fixture " << relative;
  return replace_all(std::move(text), "{{SITE}}", site.url(""));
}

void Scenario::serve_fixtures() {
  greenhouse("north", fixture("greenhouse/north.json"));
  greenhouse("south", fixture("greenhouse/south.json"));
  lever("east", fixture("lever/east.json"));
  lever("harbour", fixture("lever/harbour.json"));
  page("north-9103.html", fixture("pages/north-9103.html"));
  page("south-9203.html", fixture("pages/south-9203.html"));
}

void Scenario::greenhouse(const std::string& token, std::string body, Fault fault) {
  api.add({.path = "/v1/boards/" + token + "/jobs", .body = std::move(body), .content_type = "application/json",
           .fault = std::move(fault)});
}

void Scenario::lever(const std::string& name, std::string body, Fault fault) {
  api.add({.path = "/v0/postings/" + name, .body = std::move(body), .content_type = "application/json",
           .fault = std::move(fault)});
}

void Scenario::page(const std::string& name, std::string body, Fault fault) {
  site.add({.path = "/pages/" + name, .body = std::move(body), .content_type = "text/html; charset=utf-8",
            .fault = std::move(fault)});
}

std::string Scenario::sources(const std::vector<std::string>& boards, const std::vector<std::string>& lever_sites,
                              const std::string& lever_http) const {
  std::string out = "sources:\n  greenhouse:\n    use: greenhouse\n    settings: { companies: " + list(boards) +
                    ", base_url: \"" + api.url("") + "\" }\n";
  if (!lever_sites.empty())
    out += "  lever:\n    use: lever\n    settings: { companies: " + list(lever_sites) + ", base_url: \"" +
           api.url("") + "\" }\n";
  if (!lever_sites.empty() && !lever_http.empty()) out += "    http: " + lever_http + "\n";
  return out;
}

RunResult Scenario::run(const std::string& sources_yaml, const Limits& limits, bool cache) const {
  // Retries stay on (the host's policy is part of what is tested) but wait
  // milliseconds, not seconds.
  auto host = dir.write("host.yaml", "http:\n  retries: 2\n  backoff_base_ms: 10\n  backoff_max_ms: 40\n  delay_ms: 0\n"
                                     "  cache_dir: \"" + (cache ? dir / "http-cache" : std::string()) + "\"\n");
  auto pipeline = dir.write("pipeline.yaml", "version: 1\nname: faults\nextends: " AJ_SOURCE_DIR
                                             "/pipelines/base/enrichment.yaml\n" + sources_yaml);
  auto proc = run_ajhost({"--config", host.string(), "run", pipeline.string(), "--db", db},
                         {{"TMPDIR", dir.path().string()}}, limits);
  return read_back(std::move(proc));
}

RunResult Scenario::read_back(ProcessResult proc) const {
  RunResult r;
  r.proc = std::move(proc);
  r.jobs = query(db, "SELECT * FROM jobs ORDER BY job_id");
  auto runs = query(db, "SELECT summary FROM runs ORDER BY run_id DESC LIMIT 1");
  if (!runs.empty() && !runs[0]["summary"].empty()) {  // empty: the run could not be recorded
    boost::system::error_code ec;
    auto v = boost::json::parse(runs[0]["summary"], ec);  // also fails on invalid UTF-8
    EXPECT_FALSE(ec) << "the stored run summary is not JSON: " << ec.message() << "\n" << runs[0]["summary"];
    if (!ec && v.is_object()) r.summary = v.as_object();
  }
  auto check = query(db, "PRAGMA integrity_check");
  r.integrity = check.empty() ? "(no answer)" : check[0].begin()->second;
  return r;
}

void expect_rows_kept(const RunResult& before, const RunResult& after) {
  for (const auto& old : before.jobs) {
    const Row* now = after.job(old.at("id"));
    if (!now) {
      ADD_FAILURE() << "posting " << old.at("id") << " stored before is gone after the re-run";
      continue;
    }
    EXPECT_EQ(now->at("job_id"), old.at("job_id")) << old.at("id");
    EXPECT_EQ(now->at("first_seen"), old.at("first_seen")) << old.at("id");
  }
}

}  // namespace aj::test::faults
