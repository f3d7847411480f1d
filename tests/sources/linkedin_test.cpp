// The linkedin source against the fixture web: a real captured card page, the
// constructed Mississauga pages for paging and the results_wanted limit, job
// pages for descriptions, every status a source can end with, and filter
// honesty (what LinkedIn applies, what ajhost applies after fetching).
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

namespace aj::test {
namespace {

constexpr const char* kSearch = "/jobs-guest/jobs/api/seeMoreJobPostings/search";

std::string settings(const FixtureWeb& web, const std::string& more = "") {
  return "{ base_url: \"" + web.url("") + "\"" + (more.empty() ? "" : ", " + more) + " }";
}

const std::string kMississauga =
    "{ terms: [software developer], locations: [\"Mississauga, ON\"], distance_km: 25, hours_old: 72, country: ca }";

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

/// The search requests the fixture web saw (robots.txt and job pages left out).
std::vector<RequestLog> searches(const FixtureWeb& web) {
  std::vector<RequestLog> out;
  for (auto& r : web.requests())
    if (r.path == kSearch) out.push_back(r);
  return out;
}

TEST(LinkedIn, ReadsEveryCardOfARealCapturedPage) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/linkedin_guest_seeMoreJobPostings_cards_se_dextorion.html"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web),
                                                   "{ terms: [handläggare], locations: [Sverige], distance_km: 40 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 10u) << run.explain();
  // The whole-card <a> shape, company as plain text.
  const Row* a = run.job("3995343936");
  ASSERT_NE(a, nullptr) << run.explain();
  EXPECT_EQ(a->at("site"), "linkedin");
  EXPECT_EQ(a->at("title"), "Regulatorisk handläggare tidsbegränsad");
  EXPECT_EQ(a->at("company"), "Läkemedelsverket");
  EXPECT_EQ(a->at("location"), "Uppsala");
  EXPECT_EQ(a->at("city"), "Uppsala");
  EXPECT_EQ(a->at("date_posted"), "2024-08-07");
  EXPECT_EQ(a->at("job_url"), "https://se.linkedin.com/jobs/view/regulatorisk-handl%C3%A4ggare-tidsbegr%C3%A4nsad-3995343936");
  // The <div> shape with a.base-card__full-link, a company link and a logo.
  const Row* d = run.job("3967656419");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->at("title"), "MKB-handläggare");
  EXPECT_EQ(d->at("company"), "Tyréns AB");
  EXPECT_EQ(d->at("company_url"), "https://www.linkedin.com/company/tyrens-ab");
  EXPECT_EQ(d->at("location"), "Norrköping");
  EXPECT_TRUE(has(d->at("company_logo"), "tyrens_ab_logo")) << d->at("company_logo");
  // LinkedIn repeats its last page past the end: the second page brought nothing new, so paging stopped.
  auto reqs = searches(web);
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_TRUE(has(reqs[0].query, "keywords=handl%C3%A4ggare")) << reqs[0].query;
  EXPECT_TRUE(has(reqs[0].query, "location=Sverige")) << reqs[0].query;
  EXPECT_TRUE(has(reqs[0].query, "distance=25")) << reqs[0].query;  // 40 km in whole miles, rounded up
  EXPECT_TRUE(has(reqs[0].query, "start=0")) << reqs[0].query;
  EXPECT_TRUE(has(reqs[1].query, "start=10")) << reqs[1].query;
  EXPECT_EQ(run.source_str("linkedin", "status"), "ok");
  EXPECT_EQ(run.applied_by("linkedin", "term"), "site");
  EXPECT_EQ(run.applied_by("linkedin", "distance_km"), "site");
}

TEST(LinkedIn, PagesToTheEndAndSendsEveryFilterTheSiteKnows) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web),
                                                   "{ terms: [software developer], locations: [\"Mississauga, ON\"], "
                                                   "distance_km: 25, hours_old: 72, job_type: fulltime, remote_only: "
                                                   "true, country: ca }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 24u) << run.explain();
  EXPECT_EQ(web.count(kSearch), 4u);  // start=0, 10, 20 and the empty 24
  auto q = searches(web).front().query;
  for (const char* p : {"keywords=software%20developer", "f_TPR=r259200", "f_JT=F", "f_WT=2", "distance=16"})
    EXPECT_TRUE(has(q, p)) << p << " not in " << q;
  for (const char* k : {"term", "location", "distance_km", "job_type", "remote_only", "hours_old", "country"})
    EXPECT_EQ(run.applied_by("linkedin", k), "site") << k;
  EXPECT_EQ(run.source_num("linkedin", "filtered"), 0);
  // remote_only was applied by LinkedIn, so every posting it returned is remote.
  const Row* j = run.job("4101000004");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("is_remote"), "1");
  EXPECT_EQ(j->at("min_amount"), "95000.0");
  EXPECT_EQ(j->at("max_amount"), "120000.0");
  EXPECT_EQ(j->at("interval"), "yearly");
  EXPECT_EQ(j->at("currency"), "CAD");
  EXPECT_EQ(j->at("city"), "Mississauga");
  EXPECT_EQ(j->at("state"), "Ontario");
  EXPECT_EQ(j->at("country"), "Canada");
  const Row* hourly = run.job("4101000005");
  ASSERT_NE(hourly, nullptr);
  EXPECT_EQ(hourly->at("interval"), "hourly");
  EXPECT_EQ(hourly->at("min_amount"), "28.0");
}

TEST(LinkedIn, StopsAtResultsWanted) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web),
                                                   "{ terms: [software developer], locations: [\"Mississauga, ON\"], "
                                                   "results_wanted: 15 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 15u);
  EXPECT_EQ(web.count(kSearch), 2u);  // the third page is never asked for
  EXPECT_EQ(run.source_num("linkedin", "found"), 15);
}

TEST(LinkedIn, ReadsJobPagesForDescriptionsCriteriaAndTheApplyUrl) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  web.add({.path = "/jobs/view/4101000001", .file = "linkedin/detail-4101000001.html"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web, "fetch_descriptions: true"),
                                                   "{ terms: [software developer], results_wanted: 3 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  const Row* j = run.job("4101000001");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_TRUE(has(j->at("description"), "Maple Ledger Systems builds accounting software")) << j->at("description");
  EXPECT_TRUE(has(j->at("description"), "- Build and run C++ and Go services")) << j->at("description");
  EXPECT_EQ(j->at("job_level"), "Mid-Senior level");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("company_industry"), "Software Development");
  EXPECT_EQ(j->at("job_function"), "Engineering and Information Technology");
  EXPECT_EQ(j->at("job_url_direct"),
            "https://mapleledger.wd3.myworkdayjobs.com/en-US/Careers/job/Mississauga/Software-Developer_R-1042");
  EXPECT_EQ(j->at("currency"), "CAD");  // "CA$" on the card
  // The other job pages are missing (404): their cards are stored without a description.
  const Row* other = run.job("4101000002");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->at("description"), "");
  EXPECT_EQ(web.count("/jobs/view/4101000002"), 1u);
}

struct StatusCase {
  const char* name;
  Route route;
  const char* base;  // "" = the fixture web
  const char* status;
  const char* message_part;
  int exit_code;
};

class LinkedInStatus : public ::testing::TestWithParam<StatusCase> {};

TEST_P(LinkedInStatus, EndsWithAnHonestStatus) {
  const auto& c = GetParam();
  FixtureWeb web;
  web.add(c.route);
  web.add({.path = "/authwall", .file = "linkedin/authwall.html"});
  TempDir dir;
  std::string base = *c.base ? std::string(c.base) : web.url("");
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", "{ base_url: \"" + base + "\" }",
                                                   "{ terms: [software developer] }"));
  EXPECT_EQ(run.proc.exit_code, c.exit_code) << run.explain();
  EXPECT_EQ(run.source_str("linkedin", "status"), c.status) << run.explain();
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), c.message_part)) << run.source_str("linkedin", "message");
  // The printed summary says it too.
  EXPECT_TRUE(has(run.proc.out, c.status)) << run.proc.out;
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, LinkedInStatus,
    ::testing::Values(
        StatusCase{"Forbidden", {.path = kSearch, .fault = {.status = 403}}, "", "blocked", "HTTP 403", 3},
        StatusCase{"RateLimited", {.path = kSearch, .fault = {.status = 429}}, "", "blocked", "HTTP 429", 3},
        StatusCase{"SignInWall", {.path = kSearch, .fault = {.redirect_to = "/authwall"}}, "", "blocked", "sign-in wall", 3},
        StatusCase{"LayoutChanged", {.path = kSearch, .file = "linkedin/changed-layout.html"}, "", "layout changed",
                   "no job cards", 3},
        StatusCase{"NoResults", {.path = kSearch, .body = ""}, "", "no results", "", 0},
        StatusCase{"NetworkError", {.path = kSearch}, "http://127.0.0.1:1", "network error", "127.0.0.1:1", 3},
        StatusCase{"ServerError", {.path = kSearch, .fault = {.status = 503}}, "", "network error", "HTTP 503", 3}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LinkedIn, APageRefusedAfterOthersKeepsWhatWasFoundAndSaysSo) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html", .fault = {.status = 429, .fail_from = 2}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web), "{ terms: [developer] }"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 10u);
  EXPECT_EQ(run.source_str("linkedin", "status"), "ok");
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), "blocked")) << run.explain();
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), "HTTP 429")) << run.explain();
}

TEST(LinkedIn, FiltersTheSiteCannotApplyAreAppliedByAjhostAndReported) {
  FixtureWeb web;
  web.add({.path = kSearch, .file = "linkedin/ca/{start}.html"});
  TempDir dir;
  // With easy_apply LinkedIn drops hours_old; the postings are dated 2026-11-17..21, so
  // an hour's window keeps none of them: ajhost drops all 24 and says why.
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web, "easy_apply: true"),
                                                   "{ terms: [software developer], hours_old: 1 }"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 0u);
  EXPECT_EQ(run.applied_by("linkedin", "hours_old"), "ajhost");
  EXPECT_EQ(run.applied_by("linkedin", "term"), "site");
  EXPECT_EQ(run.dropped_by("linkedin", "hours_old"), 24);
  EXPECT_EQ(run.source_num("linkedin", "filtered"), 24);
  EXPECT_EQ(run.source_str("linkedin", "status"), "no results");
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), "dropped them all")) << run.explain();
  EXPECT_TRUE(has(run.source_str("linkedin", "filter_note"), "easy_apply or hours_old")) << run.explain();
  EXPECT_TRUE(has(run.proc.out, "Search filters the sites did not apply")) << run.proc.out;
  EXPECT_FALSE(has(searches(web).front().query, "f_TPR")) << "hours_old must not be sent with easy_apply";

  // A wide window keeps them all, still applied by ajhost.
  TempDir dir2;
  auto wide = run_pipeline(dir2, one_source_pipeline("linkedin", "linkedin", settings(web, "easy_apply: true"),
                                                     "{ terms: [software developer], hours_old: 200000 }"));
  EXPECT_EQ(wide.jobs.size(), 24u) << wide.explain();
  EXPECT_EQ(wide.dropped_by("linkedin", "hours_old"), 0);
}

}  // namespace
}  // namespace aj::test

namespace aj::test {
namespace {

TEST(LinkedIn, OnceBlockedTheLaterPlacesAreNotAskedAgain) {
  FixtureWeb web;
  web.add({.path = kSearch, .fault = {.status = 429}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("linkedin", "linkedin", settings(web),
                                                   "{ terms: [developer], locations: [Toronto, Mississauga, Oakville] }"));
  EXPECT_EQ(run.source_str("linkedin", "status"), "blocked") << run.explain();
  EXPECT_EQ(run.source_num("linkedin", "queries"), 3);
  EXPECT_EQ(web.count(kSearch), 1u) << "a blocked run must not keep asking";
  EXPECT_TRUE(has(run.source_str("linkedin", "message"), "HTTP 429")) << run.source_str("linkedin", "message");
}

}  // namespace
}  // namespace aj::test
