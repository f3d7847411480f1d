// The browser service as plugins see it: `ajhost run` runs a source plugin
// (tests/support/plugins/testbrowsersrc.cpp) that reads JavaScript-rendered
// job cards on the fixture web through "aj.browser.v1", stores them, and the
// run summary (printed, and in the runs table) reports the browser; a
// component's allowed_hosts refuses the page before any request leaves; and a
// host without the browser service fails the source with a clear message.
//
// Skipped when Chromium is not installed (but for the missing-service test,
// which needs no browser).
#include "browser/launcher.hpp"
#include "fixture_web.hpp"
#include "test_util.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace aj::test {
namespace {

/// Why the browser tests cannot run here ("" when Chromium is found the way the service finds it).
std::string no_chromium() {
  std::string error;
  return aj::browser::find_executable("", error).empty() ? error : "";
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

/// A pipeline with one source, "board", using testbrowsersrc against `base_url`.
std::string pipeline(const std::string& base_url, const std::string& browser_block = "") {
  std::string p = "version: 1\nname: browsertest\nsources:\n  board:\n    use: testbrowsersrc\n"
                  "    settings: { base_url: \"" +
                  base_url + "\" }\n";
  if (!browser_block.empty()) p += "    browser: " + browser_block + "\n";
  return p;
}

/// host.yaml: a known tab limit, and downloads inside the test's folder.
std::string host_yaml(int max_tabs) {
  return "browser:\n  max_tabs: " + std::to_string(max_tabs) + "\n  downloads_dir: downloads\n";
}

std::map<std::string, std::string> env_for(const TempDir& dir) {
  return {{"AJ_PLUGIN_PATH", AJ_TEST_GOOD_PLUGINS}, {"XDG_CACHE_HOME", dir / "cache"}, {"TMPDIR", dir.path().string()}};
}

/// Rows of a query on `db`, each row's columns joined by '|'.
std::vector<std::string> query(const std::string& db, const std::string& sql, int columns) {
  std::vector<std::string> rows;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(h);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) ADD_FAILURE() << sqlite3_errmsg(h);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < columns; ++i) {
      auto* t = sqlite3_column_text(st, i);
      row += (i ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

/// The run's summary as recorded in the runs table (the last run).
boost::json::object run_summary(const std::string& db) {
  auto rows = query(db, "SELECT summary FROM runs ORDER BY run_id DESC LIMIT 1", 1);
  if (rows.empty()) {
    ADD_FAILURE() << "no run recorded in " << db;
    return {};
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(rows[0], ec);
  if (ec || !v.is_object()) {
    ADD_FAILURE() << "the run's summary is not a JSON object: " << rows[0];
    return {};
  }
  return v.as_object();
}

int64_t num(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return -1;
  return v->to_number<int64_t>();
}

std::string str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : "<missing " + std::string(key) + ">";
}

/// The summary's "browser: ..." line, or "".
std::string browser_line(const std::string& out) {
  for (const auto& l : lines(out))
    if (l.starts_with("browser: ")) return l;
  return "";
}

/// The BROWSER OP table: op -> {calls, failed}.
std::map<std::string, std::pair<int, int>> browser_ops(const std::string& out) {
  std::map<std::string, std::pair<int, int>> ops;
  bool in = false;
  for (const auto& l : lines(out)) {
    if (l.starts_with("BROWSER OP")) {
      in = true;
      continue;
    }
    if (!in) continue;
    if (l.empty()) break;
    if (l.starts_with("---")) continue;  // under the header
    std::istringstream cells(l);
    std::string op;
    int calls = -1, failed = -1;
    if (!(cells >> op >> calls >> failed)) break;
    ops[op] = {calls, failed};
  }
  return ops;
}

class BrowserRun : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = no_chromium(); !why.empty()) GTEST_SKIP() << "browser tests skipped: " << why;
  }
};

TEST_F(BrowserRun, SourceReadsRenderedCardsAndTheSummaryReportsTheBrowser) {
  TempDir dir;
  FixtureWeb web;
  auto host = dir.write("host.yaml", host_yaml(2));
  // The fixture web's own host is allowed: requests to it pass the filter.
  auto pipe = dir.write("board.yaml", pipeline(web.url(""), "{ allowed_hosts: [\"127.0.0.1\"], timeout_s: 60 }"));
  auto env = env_for(dir);
  env["AJ_CONFIG"] = host.string();
  auto r = run_ajhost({"run", pipe.string(), "--db", dir / "jobs.db", "--no-progress"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  // The three cards, rendered by the page's script, are stored as they read.
  EXPECT_EQ(query(dir / "jobs.db", "SELECT job_key, title, company, location, job_url FROM jobs ORDER BY job_key", 5),
            (std::vector<std::string>{
                "testbrowsersrc:101|Senior C++ Developer|Maple Robotics|Toronto, ON|" + web.url("/browser/job/101"),
                "testbrowsersrc:102|Embedded Software Engineer|Northern Lights Systems|Montr\xC3\xA9"
                "al, QC|" +
                    web.url("/browser/job/102"),
                "testbrowsersrc:103|Backend Developer (C++/Rust)|Fraser Data Inc.|Vancouver, BC|" +
                    web.url("/browser/job/103"),
            }))
      << r.out << r.err;
  EXPECT_EQ(web.count("/browser/results.html"), 1u);
  EXPECT_EQ(web.count("/browser/job/101"), 0u) << "the apply links are read, not followed";

  // The printed summary: one browser, one tab (of host.yaml's 2), one page.
  const std::string line = browser_line(r.out);
  ASSERT_FALSE(line.empty()) << "no browser line in the summary:\n" << r.out;
  EXPECT_TRUE(line.starts_with("browser: Chrome/")) << line;
  EXPECT_TRUE(contains(line, ", 1 start; ")) << line;
  EXPECT_TRUE(contains(line, "; 1 tabs (peak 1 of 2), 1 pages (")) << line;
  EXPECT_TRUE(contains(line, " MB PSS, ")) << line;
  EXPECT_FALSE(contains(line, "died")) << line;
  EXPECT_FALSE(contains(line, "refused")) << line;
  EXPECT_FALSE(contains(line, "popups")) << line;

  auto ops = browser_ops(r.out);
  ASSERT_TRUE(ops.count("open")) << r.out;
  ASSERT_TRUE(ops.count("navigate")) << r.out;
  ASSERT_TRUE(ops.count("evaluate")) << r.out;
  EXPECT_EQ(ops["open"], std::make_pair(1, 0)) << r.out;
  EXPECT_EQ(ops["navigate"], std::make_pair(1, 0)) << r.out;
  EXPECT_EQ(ops["evaluate"], std::make_pair(1, 0)) << r.out;

  // The same in the runs table.
  boost::json::object s = run_summary(dir / "jobs.db");
  EXPECT_EQ(str(s, "outcome"), "ok");
  EXPECT_EQ(num(s, "stored"), 3);
  ASSERT_TRUE(s.contains("browser") && s.at("browser").is_object()) << boost::json::serialize(s);
  const auto& b = s.at("browser").as_object();
  EXPECT_TRUE(str(b, "version").starts_with("Chrome/")) << boost::json::serialize(b);
  EXPECT_EQ(num(b, "starts"), 1);
  EXPECT_EQ(num(b, "crashes"), 0);
  EXPECT_EQ(num(b, "tabs_opened"), 1);
  EXPECT_EQ(num(b, "peak_tabs"), 1);
  EXPECT_EQ(num(b, "max_tabs"), 2);
  EXPECT_EQ(num(b, "pages"), 1);
  EXPECT_EQ(num(b, "refused"), 0);
  EXPECT_GT(num(b, "peak_rss_bytes"), 0);
  EXPECT_TRUE(str(b, "downloads_dir").starts_with((dir / "downloads") + "/run-")) << boost::json::serialize(b);
  std::map<std::string, std::pair<int64_t, int64_t>> json_ops;
  if (const auto* a = b.if_contains("ops"); a && a->is_array())
    for (const auto& o : a->as_array())
      if (o.is_object()) json_ops[str(o.as_object(), "op")] = {num(o.as_object(), "calls"), num(o.as_object(), "failed")};
  EXPECT_EQ(json_ops["navigate"], std::make_pair(int64_t{1}, int64_t{0})) << boost::json::serialize(b);
  EXPECT_EQ(json_ops["evaluate"], std::make_pair(int64_t{1}, int64_t{0})) << boost::json::serialize(b);
}

TEST_F(BrowserRun, PageOutsideTheComponentsAllowedHostsFailsTheSource) {
  TempDir dir;
  FixtureWeb web;
  auto pipe = dir.write("board.yaml", pipeline(web.url(""), "{ allowed_hosts: [\"example.org\"] }"));
  auto r = run_ajhost({"run", pipe.string(), "--db", dir / "jobs.db", "--no-progress"}, env_for(dir));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "allowed_hosts")) << r.out;

  boost::json::object s = run_summary(dir / "jobs.db");
  EXPECT_EQ(str(s, "outcome"), "errors");
  EXPECT_EQ(num(s, "stored"), 0);
  const auto* sources = s.if_contains("sources");
  ASSERT_TRUE(sources && sources->is_array() && sources->as_array().size() == 1) << boost::json::serialize(s);
  const auto& board = sources->as_array()[0].as_object();
  EXPECT_EQ(str(board, "id"), "board");
  EXPECT_EQ(str(board, "status"), "error");
  const std::string message = str(board, "message");
  EXPECT_TRUE(contains(message, "allowed_hosts")) << message;
  EXPECT_TRUE(contains(message, "127.0.0.1")) << "names the refused host: " << message;
  EXPECT_TRUE(contains(message, "testbrowsersrc")) << message;

  ASSERT_TRUE(s.contains("browser") && s.at("browser").is_object()) << boost::json::serialize(s);
  const auto& b = s.at("browser").as_object();
  EXPECT_EQ(num(b, "refused"), 1);
  EXPECT_EQ(num(b, "pages"), 0);
  EXPECT_TRUE(contains(browser_line(r.out), "; 1 navigations refused (allowed_hosts)")) << r.out;

  EXPECT_EQ(web.count("/browser/results.html"), 0u) << "no request reached the refused host";
  EXPECT_EQ(query(dir / "jobs.db", "SELECT count(*) FROM jobs", 1), std::vector<std::string>{"0"});
}

// No Chromium needed: the service itself is missing.
TEST(BrowserRunErrors, AHostWithoutTheBrowserServiceFailsTheSourceClearly) {
  TempDir dir;
  FixtureWeb web;
  auto pipe = dir.write("board.yaml", pipeline(web.url("")));
  auto env = env_for(dir);
  env["AJ_BROWSER_MODULE"] = dir / "no_such_module.so";
  auto r = run_ajhost({"run", pipe.string(), "--db", dir / "jobs.db", "--no-progress"}, env);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "no_such_module.so")) << r.err;
  EXPECT_TRUE(contains(r.out + r.err, "offers no browser service")) << r.out << r.err;
  EXPECT_TRUE(contains(r.out + r.err, "testbrowsersrc needs the browser service")) << r.out << r.err;
  EXPECT_EQ(browser_line(r.out), "") << "no browser was used";
  EXPECT_EQ(web.requests().size(), 0u);
}

}  // namespace
}  // namespace aj::test
