// The bamboohr source against the fixture web: constructed careers-site answers
// (tests/fixtures/web/bamboohr/README.md) for the fields of specific openings,
// the results_wanted limit, one board read once across queries, every status,
// and filter honesty. BambooHR has no paging: a board is one answer.
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

namespace aj::test {
namespace {

constexpr const char* kList = "/acme/careers/list";
const char* const kIds[] = {"41", "42", "43", "44"};

std::string detail_path(const std::string& id) { return "/acme/careers/" + id + "/detail"; }

void serve_acme(FixtureWeb& web) {
  web.add({.path = kList, .file = "bamboohr/acme-list.json"});
  for (const char* id : kIds)
    web.add({.path = detail_path(id), .file = std::string("bamboohr/acme-detail-") + id + ".json"});
}

std::string settings(const FixtureWeb& web, const std::string& more = "") {
  return "{ companies: [acme], board_url: \"" + web.url("/{company}") + "\"" + (more.empty() ? "" : ", " + more) +
         " }";
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

size_t detail_requests(const FixtureWeb& web) {
  size_t n = 0;
  for (const char* id : kIds) n += web.count(detail_path(id));
  return n;
}

TEST(BambooHR, StoresEveryFieldOfTheOpenings) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr",
                                                   settings(web, "company_names: { acme: \"Acme Health\" }")));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 4u) << run.explain();

  const Row* j = run.job("acme:41");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "bamboohr");
  EXPECT_EQ(j->at("ats"), "bamboohr");
  EXPECT_EQ(j->at("title"), "Senior Backend Engineer");
  EXPECT_EQ(j->at("company"), "Acme Health");
  EXPECT_EQ(j->at("job_url"), "https://acme.bamboohr.com/careers/41");  // jobOpeningShareUrl
  EXPECT_EQ(j->at("company_url"), web.url("/acme/careers"));
  EXPECT_EQ(j->at("location"), "Toronto, Ontario, Canada");  // the office, its country from the detail
  EXPECT_EQ(j->at("city"), "Toronto");
  EXPECT_EQ(j->at("state"), "Ontario");
  EXPECT_EQ(j->at("country"), "Canada");
  EXPECT_EQ(j->at("job_function"), "Engineering");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("job_level"), "Experienced");
  EXPECT_EQ(j->at("is_remote"), "0");
  EXPECT_EQ(j->at("work_arrangement"), "hybrid");  // locationType "2"
  EXPECT_EQ(j->at("date_posted"), "2026-01-14");
  EXPECT_TRUE(has(j->at("description"), "Acme Health runs the scheduling platform behind 900 clinics.")) << j->at("description");
  EXPECT_TRUE(has(j->at("description"), "- Design Go and PostgreSQL services")) << j->at("description");
  // "$120,000 - $145,000 per year" at a Canadian office.
  EXPECT_EQ(j->at("min_amount"), "120000.0");
  EXPECT_EQ(j->at("max_amount"), "145000.0");
  EXPECT_EQ(j->at("interval"), "yearly");
  EXPECT_EQ(j->at("currency"), "CAD");
  EXPECT_EQ(j->at("salary_source"), "direct_data");

  // A remote opening placed by atsLocation (no office).
  const Row* r = run.job("acme:42");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->at("location"), "Denver, Colorado, United States");
  EXPECT_EQ(r->at("country"), "United States");
  EXPECT_EQ(r->at("is_remote"), "1");
  EXPECT_EQ(r->at("work_arrangement"), "remote");
  EXPECT_EQ(r->at("min_amount"), "");  // compensation null
  EXPECT_EQ(r->at("job_level"), "Manager/Supervisor");

  const Row* c = run.job("acme:43");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->at("job_type"), "contract");
  EXPECT_EQ(c->at("work_arrangement"), "onsite");
  EXPECT_EQ(c->at("interval"), "hourly");
  EXPECT_EQ(c->at("min_amount"), "38.0");
  EXPECT_EQ(c->at("max_amount"), "45.0");
  EXPECT_EQ(c->at("currency"), "CAD");
  EXPECT_EQ(run.job("acme:44")->at("job_type"), "internship");

  EXPECT_EQ(web.count(kList), 1u);
  EXPECT_EQ(detail_requests(web), 4u);
  for (const auto& r : web.requests()) {
    if (r.path == "/robots.txt") continue;  // the host's, before the first request
    EXPECT_EQ(r.header("Accept"), "application/json") << r.path;
  }
  EXPECT_EQ(run.source_str("bamboo", "status"), "ok");
}

TEST(BambooHR, WithoutDescriptionsReadsOnlyTheBoard) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr", settings(web, "fetch_descriptions: false")));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 4u);
  EXPECT_EQ(detail_requests(web), 0u);
  const Row* j = run.job("acme:41");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("company"), "acme");                        // no display name given
  EXPECT_EQ(j->at("job_url"), web.url("/acme/careers/41"));  // {board}/careers/{id}
  EXPECT_EQ(j->at("location"), "Toronto, Ontario");
  EXPECT_EQ(j->at("description"), "");
  EXPECT_EQ(j->at("date_posted"), "");
}

TEST(BambooHR, StopsAtResultsWanted) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr", settings(web), "{ results_wanted: 1 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 1u);
  EXPECT_NE(run.job("acme:41"), nullptr);
  EXPECT_EQ(detail_requests(web), 1u);  // only the opening it stored
  EXPECT_EQ(run.source_num("bamboo", "found"), 1);
}

TEST(BambooHR, ReadsEachBoardOnceAcrossQueriesAndAjhostAppliesTheSearch) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr", settings(web),
                                                   "{ terms: [engineer, payroll], locations: [Toronto, Vancouver] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_num("bamboo", "queries"), 4);
  EXPECT_EQ(web.count(kList), 1u);
  EXPECT_EQ(detail_requests(web), 4u);
  // engineer x Toronto: the backend engineer and the engineering intern; payroll x Vancouver: the specialist.
  EXPECT_EQ(run.jobs.size(), 3u) << run.explain();
  EXPECT_NE(run.job("acme:41"), nullptr);
  EXPECT_NE(run.job("acme:43"), nullptr);
  EXPECT_NE(run.job("acme:44"), nullptr);
  EXPECT_EQ(run.applied_by("bamboo", "term"), "ajhost");
  EXPECT_EQ(run.applied_by("bamboo", "location"), "ajhost");
  EXPECT_GT(run.dropped_by("bamboo", "term"), 0);
  EXPECT_GT(run.dropped_by("bamboo", "location"), 0);
  EXPECT_EQ(run.source_num("bamboo", "filtered"), 4 * 4 - 3);
  EXPECT_TRUE(has(run.source_str("bamboo", "filter_note"), "whole board")) << run.source_str("bamboo", "filter_note");
}

TEST(BambooHR, SkipsAnOpeningWhoseDetailIsGone) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = detail_path("42"), .body = "Not found", .status = 404});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr", settings(web)));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u);
  EXPECT_EQ(run.job("acme:42"), nullptr);
}

TEST(BambooHR, RefusedDetailsKeepTheOpeningsAndSaySo) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = detail_path("43"), .fault = {.status = 403}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr", settings(web)));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 4u);
  EXPECT_EQ(run.job("acme:43")->at("description"), "");
  EXPECT_NE(run.job("acme:41")->at("description"), "");
  EXPECT_EQ(run.source_str("bamboo", "status"), "ok");
  EXPECT_TRUE(has(run.source_str("bamboo", "message"), "HTTP 403")) << run.explain();
  EXPECT_TRUE(has(run.source_str("bamboo", "message"), "1 of 4 job descriptions")) << run.explain();
}

TEST(BambooHR, AnUnknownCompanyIsAnErrorThatNamesIt) {
  FixtureWeb web;
  // BambooHR sends an unknown or switched-off careers site to its home page.
  web.add({.path = "/nosuchco/careers/list", .fault = {.redirect_to = "/"}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr",
                                                   "{ companies: [nosuchco], board_url: \"" + web.url("/{company}") + "\" }"));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("bamboo", "status"), "error");
  const std::string msg = run.source_str("bamboo", "message");
  EXPECT_TRUE(has(msg, "no careers site")) << msg;
  EXPECT_TRUE(has(msg, "nosuchco")) << msg;
  EXPECT_EQ(web.count("/"), 0u);  // the redirect is not followed
}

TEST(BambooHR, OneFailingCompanyDoesNotHideTheOthers) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = "/globex/careers/list", .fault = {.status = 429}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr",
                                                   "{ companies: [globex, acme], fetch_descriptions: false, "
                                                   "board_url: \"" + web.url("/{company}") + "\" }"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 4u);
  EXPECT_TRUE(has(run.source_str("bamboo", "message"), "globex")) << run.explain();
  EXPECT_TRUE(has(run.source_str("bamboo", "message"), "HTTP 429")) << run.explain();
}

TEST(BambooHR, ABoardUrlWithoutTheCompanyIsRejectedForSeveralCompanies) {
  FixtureWeb web;
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr",
                                                   "{ companies: [acme, globex], board_url: \"" + web.url("") + "\" }"));
  EXPECT_NE(run.proc.exit_code, 0) << run.explain();
  EXPECT_TRUE(has(run.proc.err + run.proc.out, "has no {company}")) << run.explain();
  EXPECT_EQ(web.requests().size(), 0u);
}

struct StatusCase {
  const char* name;
  Route route;
  const char* base;  // "" = the fixture web
  const char* status;
  const char* message_part;
  int exit_code;
};

class BambooHRStatus : public ::testing::TestWithParam<StatusCase> {};

TEST_P(BambooHRStatus, EndsWithAnHonestStatus) {
  const auto& c = GetParam();
  FixtureWeb web;
  web.add(c.route);
  TempDir dir;
  std::string base = *c.base ? std::string(c.base) : web.url("/{company}");
  auto run = run_pipeline(dir, one_source_pipeline("bamboo", "bamboohr",
                                                   "{ companies: [acme], board_url: \"" + base + "\" }",
                                                   "{ terms: [engineer] }"));
  EXPECT_EQ(run.proc.exit_code, c.exit_code) << run.explain();
  EXPECT_EQ(run.source_str("bamboo", "status"), c.status) << run.explain();
  EXPECT_TRUE(has(run.source_str("bamboo", "message"), c.message_part)) << run.source_str("bamboo", "message");
  EXPECT_EQ(run.jobs.size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, BambooHRStatus,
    ::testing::Values(
        StatusCase{"Forbidden", {.path = kList, .fault = {.status = 403}}, "", "blocked", "HTTP 403", 3},
        StatusCase{"RateLimited", {.path = kList, .fault = {.status = 429}}, "", "blocked", "HTTP 429", 3},
        StatusCase{"LayoutChanged", {.path = kList, .file = "bamboohr/changed-list.json"}, "", "layout changed",
                   "expected an object with result[]", 3},
        StatusCase{"NoResults", {.path = kList, .file = "bamboohr/empty-list.json"}, "", "no results", "", 0},
        StatusCase{"Unreachable", {.path = kList}, "http://127.0.0.1:1/{company}", "network error", "127.0.0.1:1", 3},
        StatusCase{"ConnectionReset", {.path = kList, .file = "bamboohr/acme-list.json", .fault = {.reset_after_bytes = 10}},
                   "", "network error", "BambooHR board acme", 3},
        StatusCase{"ServerError", {.path = kList, .fault = {.status = 503}}, "", "network error", "HTTP 503", 3}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace aj::test
