// The main job offline: `ajhost run pipelines/quality.yaml --replay
// tests/fixtures/replay/quality` stores postings from LinkedIn and Indeed from a
// recording made against the fixture web (tests/fixtures/replay/record-quality),
// sends no request at all, and the summary shows both sources with their status.
#include "source_harness.hpp"

#include <gtest/gtest.h>

namespace aj::test {
namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(Replay, TheMainJobRunsOfflineFromItsRecording) {
  TempDir dir;
  std::string db = dir / "jobs.db";
  auto run = run_ajhost_on(dir, {"run", AJ_SOURCE_DIR "/pipelines/quality.yaml", "--replay",
                                 AJ_FIXTURES_DIR "/replay/quality", "--db", db},
                           db, "http:\n  cache_dir: \"\"\n");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();

  size_t linkedin = 0, indeed = 0;
  for (const auto& j : run.jobs) {
    linkedin += j.at("site") == "linkedin";
    indeed += j.at("site") == "indeed";
  }
  EXPECT_EQ(linkedin, 24u) << run.explain();
  EXPECT_EQ(indeed, 19u) << run.explain();
  const Row* j = run.job("4101000001");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("title"), "Software Developer");
  EXPECT_EQ(j->at("company"), "Maple Ledger Systems");
  EXPECT_NE(j->at("score"), "") << "the pipeline's scorer ran";

  // Both sources, their status and three queries each (one per location of the preset).
  for (const char* s : {"linkedin", "indeed"}) {
    EXPECT_EQ(run.source_str(s, "status"), "ok") << s;
    EXPECT_EQ(run.source_num(s, "queries"), 3) << s;
  }
  EXPECT_EQ(run.source_str("eluta", "status"), "not needed");
  EXPECT_TRUE(has(run.proc.out, "linkedin")) << run.proc.out;
  EXPECT_TRUE(has(run.proc.out, "indeed")) << run.proc.out;

  // No network at all: no request was sent. The sites' answers all came from
  // the recording; the employers' pages describe asked for were not recorded
  // (they are on made-up hosts), so those requests failed without being sent.
  const auto* http = run.summary.if_contains("http");
  ASSERT_TRUE(http && http->is_array() && !http->as_array().empty()) << run.explain();
  int sites = 0;
  for (const auto& h : http->as_array()) {
    const auto& o = h.as_object();
    std::string host(o.at("host").as_string());
    EXPECT_EQ(o.at("attempts").to_number<int64_t>(), 0) << host;
    if (host == "https://www.linkedin.com" || host == "https://apis.indeed.com") {
      ++sites;
      EXPECT_EQ(o.at("replayed").to_number<int64_t>(), o.at("requests").to_number<int64_t>()) << host;
    } else {
      EXPECT_EQ(o.at("replayed").to_number<int64_t>(), 0) << host;
      EXPECT_TRUE(host.ends_with(".example")) << host << ": only employers' pages go unrecorded";
    }
  }
  EXPECT_EQ(sites, 2);
  EXPECT_FALSE(run.summary.contains("browser")) << "the fallback was not needed; no browser starts";
}

}  // namespace
}  // namespace aj::test
