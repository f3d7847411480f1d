// Discovery wiring with a real source plugin (linkedin) against the fixture web:
// sources.yaml and `enabled: false` switch a source off before it makes any
// request; geographic targeting runs one query per location; the fallback runs
// only when the primaries fail or find too little, and says why; hybrid runs
// both at once; sources run in parallel and their results merge.
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

namespace aj::test {
namespace {

constexpr const char* kSearch = "/jobs-guest/jobs/api/seeMoreJobPostings/search";

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string component(const std::string& id, const FixtureWeb& web, const std::string& extra = "") {
  return "  " + id + ":\n    use: linkedin\n    settings: { base_url: \"" + web.url("") + "\" }\n" + extra;
}

TEST(Discovery, ASourceSwitchedOffInSourcesYamlMakesNoRequest) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  dir.write("sources.yaml", "sources:\n  linkedin: false\n");
  auto run = run_pipeline(dir, "version: 1\nsearch: { terms: [developer] }\nsources:\n" + component("linkedin", web),
                          {}, quick_host_yaml() + "sources_file: sources.yaml\n");
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("linkedin", "status"), "disabled");
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), "sources.yaml")) << run.explain();
  EXPECT_TRUE(web.requests().empty()) << "a switched-off source asked " << web.requests().front().target;
  EXPECT_TRUE(run.jobs.empty());
}

TEST(Discovery, ASourceSwitchedOffInThePipelineMakesNoRequest) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  auto run = run_pipeline(dir, "version: 1\nsearch: { terms: [developer] }\nsources:\n" +
                                   component("linkedin", web, "    enabled: false\n"));
  EXPECT_EQ(run.source_str("linkedin", "status"), "disabled") << run.explain();
  EXPECT_TRUE(web.requests().empty());
}

TEST(Discovery, EachLocationIsItsOwnQueryAndResultsMergeAcrossSources) {
  FixtureWeb a, b;
  a.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  b.add({.path = kSearch, .file = "linkedin/linkedin_guest_seeMoreJobPostings_cards_se_dextorion.html"});
  TempDir dir;
  auto run = run_pipeline(
      dir, "version: 1\nsearch: { terms: [developer], locations: [\"Toronto, ON\", \"Mississauga, ON\", \"Oakville, ON\"] }\n"
           "sources:\n" + component("west", a) + component("north", b));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_num("west", "queries"), 3);
  EXPECT_EQ(run.source_num("north", "queries"), 3);
  // Every location was asked for, and the same postings found again are stored once.
  for (const char* place : {"location=Toronto%2C%20ON", "location=Mississauga%2C%20ON", "location=Oakville%2C%20ON"}) {
    bool seen = false;
    for (const auto& r : a.requests()) seen = seen || has(r.query, place);
    EXPECT_TRUE(seen) << place;
  }
  EXPECT_EQ(run.source_num("west", "found"), 72);  // 24 postings x 3 locations
  EXPECT_EQ(run.source_num("west", "new"), 24);
  EXPECT_EQ(run.jobs.size(), 34u);  // 24 + 10 from the other source
}

std::string fallback_pipeline(const FixtureWeb& primary, const FixtureWeb& backup, const std::string& mode,
                              int min_results) {
  return "version: 1\nsettings:\n  fallback: { mode: " + mode + ", min_results: " + std::to_string(min_results) +
         ", sources: [backup] }\nsearch: { terms: [developer] }\nsources:\n" + component("primary", primary) +
         component("backup", backup);
}

TEST(Discovery, TheFallbackRunsWhenThePrimariesAreBlockedAndSaysWhy) {
  FixtureWeb primary, backup;
  primary.add({.path = kSearch, .fault = {.status = 403}});
  backup.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  auto run = run_pipeline(dir, fallback_pipeline(primary, backup, "fallback", 20));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();  // a source failed, even though the fallback saved the run
  EXPECT_EQ(run.source_str("primary", "status"), "blocked");
  EXPECT_EQ(run.source_str("backup", "status"), "ok");
  EXPECT_EQ(run.jobs.size(), 24u);
  std::string why = run.source_str("backup", "why_run");
  EXPECT_TRUE(has(why, "every primary source failed")) << why;
  EXPECT_TRUE(has(why, "primary blocked")) << why;
  EXPECT_TRUE(has(run.proc.out, "backup: ran as the fallback because every primary source failed")) << run.proc.out;
}

TEST(Discovery, TheFallbackRunsWhenThePrimariesFindTooLittle) {
  FixtureWeb primary, backup;
  primary.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  backup.add({.path = kSearch, .file = "linkedin/linkedin_guest_seeMoreJobPostings_cards_se_dextorion.html"});
  TempDir dir;
  auto run = run_pipeline(dir, fallback_pipeline(primary, backup, "fallback", 30));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("backup", "status"), "ok");
  EXPECT_TRUE(has(run.source_str("backup", "why_run"), "found 24 postings, fewer than min_results 30"))
      << run.source_str("backup", "why_run");
  EXPECT_EQ(run.jobs.size(), 34u);
}

TEST(Discovery, TheFallbackIsNotRunWhenThePrimariesFindEnough) {
  FixtureWeb primary, backup;
  primary.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  backup.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  auto run = run_pipeline(dir, fallback_pipeline(primary, backup, "fallback", 20));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("backup", "status"), "not needed");
  EXPECT_TRUE(backup.requests().empty());
}

TEST(Discovery, HybridRunsBothAtOnce) {
  FixtureWeb primary, backup;
  primary.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  backup.add({.path = kSearch, .file = "linkedin/linkedin_guest_seeMoreJobPostings_cards_se_dextorion.html"});
  TempDir dir;
  auto run = run_pipeline(dir, fallback_pipeline(primary, backup, "hybrid", 20));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("primary", "status"), "ok");
  EXPECT_EQ(run.source_str("backup", "status"), "ok");
  EXPECT_EQ(run.jobs.size(), 34u);
}

}  // namespace
}  // namespace aj::test
