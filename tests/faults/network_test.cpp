// The network misbehaves: connections dropped without an answer, and a storm
// of 429s with Retry-After. What answered is stored, the cause is in the
// summary, and a re-run once the fault is gone completes.
#include "fault_run.hpp"

#include <gtest/gtest.h>

using namespace aj::test;
using namespace aj::test::faults;

namespace {

const std::vector<std::string> kAllIds = {"9101", "9102", "9103", "9201", "9202", "9203"};

}  // namespace

TEST(Faults, DroppedConnectionsKeepWhatAnsweredAndNameTheRest) {
  Scenario s;
  s.serve_fixtures();
  // The south board and north's employer page close every connection without a word.
  s.greenhouse("south", s.fixture("greenhouse/south.json"), {.drop = true});
  s.page("north-9103.html", s.fixture("pages/north-9103.html"), {.drop = true});
  auto run = s.run(s.sources({"north", "south"}));

  // A query that kept some postings is a partial result, not a failed source:
  // exit 0, status ok, and the lost board noted under the table.
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.integrity, "ok");
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"9101", "9102", "9103"})) << run.explain();
  EXPECT_EQ(run.source("greenhouse", "status"), "ok") << run.explain();
  const std::string why = run.source("greenhouse", "message");
  EXPECT_TRUE(has(why, "partly network error (kept 3 postings)")) << why;
  EXPECT_TRUE(has(why, "Greenhouse board 'south'") && has(why, s.api.url("/v1/boards/south/jobs"))) << why;
  EXPECT_TRUE(has(why, "Empty reply from server")) << why;
  EXPECT_TRUE(has(run.proc.out, "greenhouse: partly network error")) << run.explain();
  // The host retried (2 retries) before giving up, and then stopped asking. (curl
  // may send a request again at once on a fresh connection when a reused one
  // died, so the server can see up to two requests per attempt.)
  EXPECT_TRUE(has(why, "(after 3 attempts)")) << why;
  EXPECT_GE(s.api.count("/v1/boards/south/jobs"), 3u);
  EXPECT_LE(s.api.count("/v1/boards/south/jobs"), 6u);
  // The page that never answered leaves its posting as the board gave it, counted by reason.
  EXPECT_TRUE(has(run.stage_summary("describe"), "1 failed (1 network)")) << run.stage_summary("describe");
  EXPECT_FALSE(has(run.job("9103")->at("field_sources"), "description")) << run.job("9103")->at("field_sources");
  EXPECT_TRUE(run.invalid_utf8().empty());

  s.serve_fixtures();
  auto again = s.run(s.sources({"north", "south"}));
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), kAllIds);
  EXPECT_EQ(again.summary.at("new").as_int64(), 3);         // south's three
  EXPECT_EQ(again.summary.at("duplicates").as_int64(), 3);  // north's, updated in place
  expect_rows_kept(run, again);
  EXPECT_TRUE(has(again.job("9103")->at("field_sources"), "\"description\":\"jsonld\""))
      << again.job("9103")->at("field_sources");
}

TEST(Faults, A429StormWithRetryAfterEndsInBlockedNotInAWait) {
  Scenario s;
  s.serve_fixtures();
  // The API answers lever's board with 429 and "come back in two minutes"; the
  // pipeline allows waits of 5 s at most, so the host gives up at once.
  s.lever("east", s.fixture("lever/east.json"), {.status = 429, .retry_after = "120"});
  // The employer's site says 429 "retry now" twice, then answers.
  s.page("north-9103.html", s.fixture("pages/north-9103.html"), {.status = 429, .retry_after = "0", .fail_first = 2});
  const std::string sources = s.sources({"north"}, {"east"}, "{ max_retry_after_s: 5 }");
  auto run = s.run(sources);

  // A source that found nothing because it was refused is a failed source: exit 3.
  ASSERT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.integrity, "ok");
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"9101", "9102", "9103"})) << run.explain();
  EXPECT_EQ(run.source("lever", "status"), "blocked") << run.explain();
  const std::string why = run.source("lever", "message");
  EXPECT_TRUE(has(why, "Lever site 'east'") && has(why, "HTTP 429") && has(why, "rate limited")) << why;
  EXPECT_EQ(s.api.count("/v0/postings/east"), 1u);  // a Retry-After beyond the limit is not waited for, nor retried
  EXPECT_EQ(run.source("greenhouse", "status"), "ok");
  // Retry-After: 0 twice, then the page: read, and its description stored.
  EXPECT_EQ(s.site.count("/pages/north-9103.html"), 3u);
  EXPECT_TRUE(has(run.stage_summary("describe"), "1 pages read (1 JSON-LD")) << run.stage_summary("describe");
  EXPECT_TRUE(has(run.job("9103")->at("description"), "stubborn mainframe")) << run.job("9103")->at("description");

  s.lever("east", s.fixture("lever/east.json"));
  auto again = s.run(sources);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), (std::vector<std::string>{"9101", "9102", "9103", "e-4001", "e-4002"}));
  EXPECT_EQ(again.summary.at("new").as_int64(), 2);
  EXPECT_EQ(again.summary.at("duplicates").as_int64(), 3);
  expect_rows_kept(run, again);
  EXPECT_TRUE(again.invalid_utf8().empty());
}
