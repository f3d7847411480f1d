// The automatic fallback of the main job: LinkedIn and Indeed are blocked (the
// fixture web answers 403 and 429), so pipelines/quality.yaml runs Eluta in the
// headless browser, stores what it finds, and the summary says why it ran.
// Skipped when Chromium is not installed.
#include "browser/launcher.hpp"
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

namespace aj::test {
namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(Fallback, BlockedPrimariesRunElutaInTheBrowserAndTheSummarySaysWhy) {
  std::string error;
  if (aj::browser::find_executable("", error).empty()) GTEST_SKIP() << "browser tests skipped: " << error;
  FixtureWeb linkedin, indeed, eluta;
  linkedin.add({.path = "/jobs-guest/jobs/api/seeMoreJobPostings/search", .fault = {.status = 403}});
  indeed.add({.path = "/graphql", .fault = {.status = 429, .retry_after = "1"}});
  eluta.load_routes(std::filesystem::path(AJ_FIXTURES_DIR) / "web/eluta/routes.yaml");

  // The shipped main job, with each site pointed at its fixture web and Eluta kept short.
  TempDir dir;
  std::string pipeline = "extends: " AJ_SOURCE_DIR "/pipelines/quality.yaml\nsources:\n"
                         "  linkedin: { settings: { base_url: \"" + linkedin.url("") + "\" }, http: { delay_ms: 0 } }\n"
                         "  indeed: { settings: { api_url: \"" + indeed.url("") + "\" }, http: { delay_ms: 0 } }\n"
                         "  eluta: { settings: { base_url: \"" + eluta.url("/eluta") +
                         "\", pages: 1, delay_seconds: 0 } }\n";
  auto run = run_pipeline(dir, pipeline);

  // The primaries said why they found nothing.
  EXPECT_EQ(run.source_str("linkedin", "status"), "blocked") << run.explain();
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), "HTTP 403")) << run.source_str("linkedin", "message");
  EXPECT_EQ(run.source_str("indeed", "status"), "blocked") << run.explain();
  EXPECT_TRUE(has(run.source_str("indeed", "message"), "HTTP 429")) << run.source_str("indeed", "message");

  // Eluta ran, in the browser, because of them.
  EXPECT_EQ(run.source_str("eluta", "status"), "ok") << run.explain();
  std::string why = run.source_str("eluta", "why_run");
  EXPECT_TRUE(has(why, "every primary source failed")) << why;
  EXPECT_TRUE(has(why, "linkedin blocked")) << why;
  EXPECT_TRUE(has(why, "indeed blocked")) << why;
  EXPECT_TRUE(has(run.proc.out, "eluta: ran as the fallback because every primary source failed")) << run.proc.out;
  EXPECT_GT(eluta.count("/eluta/search"), 0u);

  size_t from_eluta = 0;
  for (const auto& j : run.jobs) from_eluta += j.at("site") == "eluta";
  EXPECT_GT(from_eluta, 0u) << run.explain();
  EXPECT_EQ(from_eluta, run.jobs.size()) << "only Eluta found anything";

  const auto* browser = run.summary.if_contains("browser");
  ASSERT_TRUE(browser && browser->is_object()) << "the summary reports the browser\n" << run.explain();
  EXPECT_GT(browser->as_object().at("pages").to_number<int64_t>(), 0);
  EXPECT_LE(browser->as_object().at("peak_tabs").to_number<int64_t>(), 5);

  // Blocked sources fail the run's exit code even though the fallback saved it.
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
}

}  // namespace
}  // namespace aj::test
