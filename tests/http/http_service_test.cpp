// The HTTP service as plugins see it: ajhost runs a source plugin that reads a
// job board on the fixture web through "aj.http.v1" (blocking and async), the
// run summary shows per-host metrics, and a recorded run replays to the same
// stored rows with the server gone.
#include "fixture_web.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace aj::test {
namespace {

std::string pipeline(const FixtureWeb& web, bool async, int pages) {
  return "version: 1\nname: httptest\nsources:\n  board:\n    use: testhttpsrc\n    settings: { base_url: \"" +
         web.url("") + "\", pages: " + std::to_string(pages) + ", async: " + (async ? "true" : "false") +
         " }\n    http: { delay_ms: 0, retries: 1 }\n";
}

std::string pipeline_at(const std::string& base_url, bool async, int pages, const std::string& path = "/board") {
  return "version: 1\nname: httptest\nsources:\n  board:\n    use: testhttpsrc\n    settings: { base_url: \"" +
         base_url + "\", path: " + path + ", pages: " + std::to_string(pages) + ", async: " +
         (async ? "true" : "false") + " }\n";
}

// key|title|company|location|job_url of every stored job, in key order.
std::vector<std::string> stored_rows(const std::string& db) {
  std::vector<std::string> rows;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT job_key, title, company, location, job_url FROM jobs ORDER BY job_key", -1, &st,
                     nullptr);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < 5; ++i) {
      auto* t = sqlite3_column_text(st, i);
      row += (i ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

std::map<std::string, std::string> env_for(const TempDir& dir) {
  return {{"AJ_PLUGIN_PATH", AJ_TEST_GOOD_PLUGINS}, {"XDG_CACHE_HOME", dir / "cache"}};
}

Route board() {
  Route r;
  r.path = "/board";
  r.file = "board/page-{page}.tsv";
  return r;
}

class HttpService : public ::testing::TestWithParam<bool> {};

TEST_P(HttpService, SourceReadsTheBoardAndAReplayStoresTheSameRowsOffline) {
  const bool async = GetParam();
  TempDir dir;
  std::string base;
  std::vector<std::string> recorded;
  {
    FixtureWeb web;
    web.add(board());
    base = web.url("");
    auto pipe = dir.write("board.yaml", pipeline(web, async, 4));
    auto r = run_ajhost({"run", pipe.string(), "--db", dir / "rec.db", "--no-progress", "--record", dir / "rec"},
                        env_for(dir));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    recorded = stored_rows(dir / "rec.db");
    ASSERT_EQ(recorded.size(), 5u) << r.out;
    EXPECT_EQ(web.count("/board"), 4u) << "three pages and the 404 that ends the board";
    EXPECT_EQ(web.count("/robots.txt"), 1u);
    // The run summary has a per-host table.
    EXPECT_NE(r.out.find("HOST"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(base), std::string::npos) << r.out;
  }  // the server is gone; its port refuses connections

  auto pipe = dir.write("replay.yaml", pipeline_at(base, async, 4));
  auto r = run_ajhost({"run", pipe.string(), "--db", dir / "replay.db", "--no-progress", "--replay", dir / "rec"},
                      env_for(dir));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(stored_rows(dir / "replay.db"), recorded);

  // Asking for more than was recorded fails clearly, naming the recording.
  auto more = dir.write("more.yaml", pipeline_at(base, async, 1, "/elsewhere"));
  auto m = run_ajhost({"run", more.string(), "--db", dir / "more.db", "--no-progress", "--replay", dir / "rec"},
                      env_for(dir));
  EXPECT_EQ(m.exit_code, 3) << m.out << m.err;
  EXPECT_NE((m.out + m.err).find("not in the recording"), std::string::npos) << m.out << m.err;
}

INSTANTIATE_TEST_SUITE_P(BlockingAndAsync, HttpService, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "async" : "blocking"; });

TEST(HttpServiceErrors, ReplayFromAFolderWithoutARecordingStopsAtOnce) {
  TempDir dir;
  FixtureWeb web;
  auto pipe = dir.write("board.yaml", pipeline(web, false, 1));
  auto r = run_ajhost({"run", pipe.string(), "--db", dir / "x.db", "--no-progress", "--replay", dir / "nothing"},
                      env_for(dir));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(dir / "nothing"), std::string::npos) << r.err;
  EXPECT_EQ(web.requests().size(), 0u);
}

TEST(HttpServiceErrors, RecordingNeverOverwritesARecording) {
  TempDir dir;
  FixtureWeb web;
  web.add(board());
  auto pipe = dir.write("board.yaml", pipeline(web, false, 1));
  auto first = run_ajhost({"run", pipe.string(), "--db", dir / "a.db", "--no-progress", "--record", dir / "rec"},
                          env_for(dir));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto second = run_ajhost({"run", pipe.string(), "--db", dir / "b.db", "--no-progress", "--record", dir / "rec"},
                           env_for(dir));
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find(dir / "rec"), std::string::npos) << second.err;
}

TEST(HttpServiceErrors, AMissingModuleFailsTheSourceWithAClearMessage) {
  TempDir dir;
  FixtureWeb web;
  web.add(board());
  auto pipe = dir.write("board.yaml", pipeline(web, false, 1));
  auto env = env_for(dir);
  env["AJ_HTTP_MODULE"] = dir / "no_such_module.so";
  auto r = run_ajhost({"run", pipe.string(), "--db", dir / "x.db", "--no-progress"}, env);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("no_such_module.so"), std::string::npos) << r.err;
  EXPECT_NE((r.out + r.err).find("offers no HTTP service"), std::string::npos) << r.out << r.err;
}

TEST(HttpServiceErrors, ABadHttpBlockIsReportedWithItsLine) {
  TempDir dir;
  auto pipe = dir.write("bad.yaml",
                        "version: 1\nsources:\n  board:\n    use: testhttpsrc\n    settings: { base_url: x }\n"
                        "    http:\n      max_per_hots: 2\n");
  auto r = run_ajhost({"validate", pipe.string()}, env_for(dir));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml:7"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("max_per_host"), std::string::npos) << "did you mean";
}

}  // namespace
}  // namespace aj::test
