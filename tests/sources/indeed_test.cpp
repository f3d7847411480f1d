// The indeed source through ajhost against the fixture web: what it asks Indeed's
// GraphQL API, what it stores of each posting, paging by cursor, limits, which
// filters the site applies, and every outcome. Fixtures: tests/fixtures/web/indeed/
// (constructed; see the README there).
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace aj::test;

namespace {

const std::vector<std::string> kPages = {"indeed/search-page-1.json", "indeed/search-page-2.json",
                                         "indeed/search-page-3.json"};

std::string settings(const FixtureWeb& web, const std::string& more = "") {
  return "{ api_url: \"" + web.url("") + "\", web_url: \"https://ca.indeed.example\"" + more + " }";
}

// The search of pipelines/quality.yaml, at one place.
const std::string kQualitySearch =
    "{ terms: [software developer], locations: [\"Mississauga, ON\"], distance_km: 25, hours_old: 72, country: ca }";

PipelineRun run_indeed(const FixtureWeb& web, const std::string& search, const std::string& more_settings = "") {
  TempDir dir;
  return run_pipeline(dir, one_source_pipeline("indeed", "indeed", settings(web, more_settings), search));
}

// The GraphQL document of each POST to /graphql, in order.
std::vector<std::string> documents(const FixtureWeb& web) {
  std::vector<std::string> out;
  for (const auto& r : web.requests()) {
    if (r.path != "/graphql") continue;
    auto v = boost::json::parse(r.body);
    out.emplace_back(v.as_object().at("query").as_string().c_str());
  }
  return out;
}

double number(const Row* j, const char* column) { return std::stod(j->at(column)); }

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST(Indeed, StoresEveryFieldOfAPosting) {
  FixtureWeb web;
  web.add({.path = "/graphql", .sequence = kPages});
  auto run = run_indeed(web, kQualitySearch);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();

  const Row* j = run.job("5f3a9c1e2b7d4a60");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "indeed");
  EXPECT_EQ(j->at("title"), "Software Developer");
  EXPECT_EQ(j->at("job_url"), "https://ca.indeed.example/viewjob?jk=5f3a9c1e2b7d4a60");
  EXPECT_EQ(j->at("job_url_direct"), "https://careers.meadowvaledata.example/jobs/4411");
  EXPECT_EQ(j->at("company"), "Meadowvale Data Systems");
  EXPECT_EQ(j->at("company_url"), "https://ca.indeed.example/cmp/Meadowvale-Data-Systems");
  EXPECT_EQ(j->at("company_url_direct"), "https://www.meadowvaledata.example");
  EXPECT_EQ(j->at("company_logo"), "https://logos.example/indeed/Meadowvale-Data-Systems.png");
  EXPECT_EQ(j->at("company_industry"), "Tech Software");  // from Iv1_TECH_SOFTWARE
  EXPECT_EQ(j->at("company_num_employees"), "201 to 500");
  EXPECT_EQ(j->at("company_revenue"), "$25M to $100M (CAD)");
  EXPECT_EQ(j->at("company_description"), "Meadowvale Data Systems builds logistics software for Canadian retailers.");
  EXPECT_EQ(j->at("company_addresses"), "6750 Mississauga Rd, Mississauga, ON L5N 2L3");
  EXPECT_DOUBLE_EQ(number(j, "company_rating"), 4.1);
  EXPECT_EQ(j->at("company_reviews_count"), "37");
  EXPECT_EQ(j->at("location"), "Mississauga, ON");
  EXPECT_EQ(j->at("city"), "Mississauga");
  EXPECT_EQ(j->at("state"), "ON");
  EXPECT_EQ(j->at("country"), "CA");
  EXPECT_EQ(j->at("date_posted"), "2025-05-12");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("work_arrangement"), "hybrid");
  EXPECT_EQ(j->at("is_remote"), "0");
  EXPECT_DOUBLE_EQ(number(j, "min_amount"), 85000);
  EXPECT_DOUBLE_EQ(number(j, "max_amount"), 105000);
  EXPECT_EQ(j->at("interval"), "yearly");
  EXPECT_EQ(j->at("currency"), "CAD");
  EXPECT_EQ(j->at("salary_source"), "direct_data");
  EXPECT_TRUE(contains(j->at("description"), "- Build Java services for our warehouse platform")) << j->at("description");
  EXPECT_TRUE(contains(j->at("description"), "Review code with the team & mentor co-op students"));
  EXPECT_FALSE(contains(j->at("description"), "<li>"));
  EXPECT_TRUE(contains(j->at("emails"), "careers@meadowvaledata.example")) << j->at("emails");

  // Remote, in Canada, no city.
  const Row* remote = run.job("0d9b6e4c7a21f358");
  ASSERT_NE(remote, nullptr);
  EXPECT_EQ(remote->at("is_remote"), "1");
  EXPECT_EQ(remote->at("work_arrangement"), "remote");
  EXPECT_EQ(remote->at("location"), "Remote");
  EXPECT_EQ(remote->at("country"), "CA");
  EXPECT_EQ(remote->at("city"), "");
  EXPECT_TRUE(contains(remote->at("emails"), "hello@cmsoftware.example"));

  // Hourly contract pay; no employer dossier, only the name the posting gives.
  const Row* contract = run.job("e4f1a2b3c4d5e6f7");
  ASSERT_NE(contract, nullptr);
  EXPECT_EQ(contract->at("job_type"), "contract");
  EXPECT_EQ(contract->at("interval"), "hourly");
  EXPECT_DOUBLE_EQ(number(contract, "min_amount"), 55);
  EXPECT_DOUBLE_EQ(number(contract, "max_amount"), 70);
  EXPECT_EQ(contract->at("company"), "Peel Tech Staffing");
  EXPECT_EQ(contract->at("company_url"), "");
  // Indeed's own apply page is not the employer's.
  EXPECT_EQ(contract->at("job_url_direct"), "");

  // Indeed's estimate is marked as such.
  const Row* estimated = run.job("c3e7d95a10b2f846");
  ASSERT_NE(estimated, nullptr);
  EXPECT_EQ(estimated->at("salary_source"), "estimated");
  EXPECT_DOUBLE_EQ(number(estimated, "min_amount"), 78000);
  EXPECT_DOUBLE_EQ(number(estimated, "max_amount"), 98000);

  // An exact amount, and pay written only as text.
  const Row* exact = run.job("7b2c9d0e1f3a4b5c");
  ASSERT_NE(exact, nullptr);
  EXPECT_DOUBLE_EQ(number(exact, "min_amount"), 88000);
  EXPECT_DOUBLE_EQ(number(exact, "max_amount"), 88000);
  EXPECT_EQ(exact->at("work_arrangement"), "onsite");
  const Row* text_pay = run.job("91d3c5e7a9b1c3d5");
  ASSERT_NE(text_pay, nullptr);
  EXPECT_DOUBLE_EQ(number(text_pay, "min_amount"), 90000);
  EXPECT_DOUBLE_EQ(number(text_pay, "max_amount"), 110000);
  EXPECT_EQ(text_pay->at("interval"), "yearly");
  EXPECT_EQ(text_pay->at("currency"), "CAD");

  const Row* intern = run.job("b6a5f4e3d2c1b0a9");
  ASSERT_NE(intern, nullptr);
  EXPECT_EQ(intern->at("job_type"), "internship");

  // Three pages; the posting page 3 repeats is stored once.
  EXPECT_EQ(web.count("/graphql"), 3u);
  EXPECT_EQ(run.jobs.size(), 19u) << run.explain();
  EXPECT_EQ(run.source_num("indeed", "found"), 19);
  EXPECT_EQ(run.source_str("indeed", "status"), "ok");
  for (const char* key : {"term", "location", "distance_km", "hours_old", "country"})
    EXPECT_EQ(run.applied_by("indeed", key), "site") << key;
}

TEST(Indeed, AsksTheApiAsTheAppDoesAndPagesByCursor) {
  FixtureWeb web;
  web.add({.path = "/graphql", .sequence = kPages});
  auto run = run_indeed(web, kQualitySearch);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();

  std::vector<RequestLog> reqs;
  for (const auto& r : web.requests())
    if (r.path == "/graphql") reqs.push_back(r);
  ASSERT_EQ(reqs.size(), 3u);
  for (const auto& r : reqs) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.header("indeed-co"), "CA");
    EXPECT_EQ(r.header("indeed-locale"), "en-CA");
    EXPECT_TRUE(contains(r.header("user-agent"), "Indeed App")) << r.header("user-agent");
    EXPECT_TRUE(contains(r.header("content-type"), "application/json"));
    EXPECT_EQ(r.header("indeed-api-key"), "");  // no key unless one is set
  }
  auto docs = documents(web);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_TRUE(contains(docs[0], "what: \"software developer\"")) << docs[0];
  // 25 km is 15.53 miles: Indeed gets 16, in miles even on indeed.ca.
  EXPECT_TRUE(contains(docs[0], "location: { where: \"Mississauga, ON\", radius: 16, radiusUnit: MILES }")) << docs[0];
  EXPECT_TRUE(contains(docs[0], "limit: 100"));
  EXPECT_TRUE(contains(docs[0], "filters: { date: { field: \"dateOnIndeed\", start: \"72h\" } }")) << docs[0];
  EXPECT_FALSE(contains(docs[0], "cursor:"));
  EXPECT_TRUE(contains(docs[1], "cursor: \"fixture-cursor-page-2\"")) << docs[1];
  EXPECT_TRUE(contains(docs[2], "cursor: \"fixture-cursor-page-3\"")) << docs[2];
}

TEST(Indeed, SendsTheApiKeyOnlyWhenOneIsSet) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-3.json"});
  auto run = run_indeed(web, "{ terms: [developer] }", ", api_key: test-key-not-real, user_agent: \"\"");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(web.count("/graphql"), 1u);
  auto r = web.requests().back();
  EXPECT_EQ(r.header("indeed-api-key"), "test-key-not-real");
  EXPECT_FALSE(contains(r.header("user-agent"), "Indeed App"));  // the host's own
  // No country in the search: the setting's (us) site.
  EXPECT_EQ(r.header("indeed-co"), "US");
  // No place: no location argument at all.
  EXPECT_FALSE(contains(documents(web)[0], "location:"));
}

TEST(Indeed, JobUrlsFollowTheCountrysSiteByDefault) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-3.json"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("indeed", "indeed", "{ api_url: \"" + web.url("") + "\" }",
                                                   "{ terms: [developer], country: ca }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  const Row* j = run.job("ac2e4a6b8d9f1b3d");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("job_url"), "https://ca.indeed.com/viewjob?jk=ac2e4a6b8d9f1b3d");
  EXPECT_EQ(j->at("company_url"), "https://ca.indeed.com/cmp/Square-One-Retail-Labs");
}

TEST(Indeed, StopsPagingAtResultsWanted) {
  FixtureWeb web;
  web.add({.path = "/graphql", .sequence = kPages});
  auto run = run_indeed(web, "{ terms: [software developer], locations: [\"Mississauga, ON\"], results_wanted: 10 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 10u);
  EXPECT_EQ(web.count("/graphql"), 2u);  // page 1 has 8, page 2 gives the other 2

  FixtureWeb web2;
  web2.add({.path = "/graphql", .sequence = kPages});
  auto small = run_indeed(web2, "{ terms: [software developer], results_wanted: 5 }");
  EXPECT_EQ(small.jobs.size(), 5u) << small.explain();
  EXPECT_EQ(web2.count("/graphql"), 1u);
}

TEST(Indeed, MaxPagesCapsTheRequests) {
  FixtureWeb web;
  web.add({.path = "/graphql", .sequence = kPages});
  auto run = run_indeed(web, "{ terms: [software developer] }", ", max_pages: 2");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(web.count("/graphql"), 2u);
  EXPECT_EQ(run.jobs.size(), 16u);
}

TEST(Indeed, OffsetPassesOverTheFirstResults) {
  FixtureWeb web;
  web.add({.path = "/graphql", .sequence = kPages});
  auto run = run_indeed(web, "{ terms: [software developer], offset: 3 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.job("5f3a9c1e2b7d4a60"), nullptr);
  EXPECT_EQ(run.job("a81c04d2f9e35b17"), nullptr);
  EXPECT_EQ(run.job("c3e7d95a10b2f846"), nullptr);
  EXPECT_NE(run.job("0d9b6e4c7a21f358"), nullptr);
  EXPECT_EQ(run.jobs.size(), 16u);
  EXPECT_EQ(run.applied_by("indeed", "offset"), "site");
}

TEST(Indeed, JobTypeGoesToIndeedAndHoursOldToTheHostWhenBothAreAsked) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-3.json"});
  auto run = run_indeed(web, "{ terms: [developer], job_type: fulltime, hours_old: 72, country: ca }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  auto doc = documents(web).at(0);
  EXPECT_TRUE(contains(doc, "filters: { composite: { filters: [{ keyword: { field: \"attributes\", keys: [\"CF3CP\"] } }] } }"))
      << doc;
  EXPECT_FALSE(contains(doc, "field: \"dateOnIndeed\""));
  EXPECT_EQ(run.applied_by("indeed", "job_type"), "site");
  EXPECT_EQ(run.applied_by("indeed", "hours_old"), "ajhost");
  EXPECT_TRUE(contains(run.source_str("indeed", "filter_note"), "hours_old")) << run.source_str("indeed", "filter_note");
  // The fixture's postings are from 2025: older than 72 hours, so ajhost drops all four.
  EXPECT_EQ(run.dropped_by("indeed", "hours_old"), 4);
  EXPECT_EQ(run.jobs.size(), 0u);
  EXPECT_EQ(run.source_str("indeed", "status"), "no results");
}

TEST(Indeed, RemoteOnlyAndJobTypeAreBothAttributes) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-3.json"});
  auto run = run_indeed(web, "{ terms: [developer], job_type: contract, remote_only: true }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  auto doc = documents(web).at(0);
  EXPECT_TRUE(contains(doc, "keys: [\"NJXCK\"] } }, { keyword: { field: \"attributes\", keys: [\"DSQF7\"] } }")) << doc;
  EXPECT_EQ(run.applied_by("indeed", "remote_only"), "site");
  EXPECT_EQ(run.applied_by("indeed", "job_type"), "site");
  // The site applied them, so ajhost keeps what it answered.
  EXPECT_EQ(run.jobs.size(), 4u);
}

TEST(Indeed, TemporaryHasNoAttributeSoTheHostAppliesIt) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-3.json"});
  auto run = run_indeed(web, "{ terms: [developer], job_type: temporary, hours_old: 72 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  auto doc = documents(web).at(0);
  EXPECT_TRUE(contains(doc, "start: \"72h\"")) << doc;
  EXPECT_EQ(run.applied_by("indeed", "hours_old"), "site");
  EXPECT_EQ(run.applied_by("indeed", "job_type"), "ajhost");
  EXPECT_EQ(run.dropped_by("indeed", "job_type"), 4);  // fulltime (2), contract, internship
  EXPECT_TRUE(contains(run.source_str("indeed", "filter_note"), "temporary"));
}

TEST(Indeed, NoResults) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/empty.json"});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "no results");
  EXPECT_EQ(run.jobs.size(), 0u);
}

TEST(Indeed, ForbiddenIsBlocked) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-1.json", .fault = {.status = 403}});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "blocked");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "HTTP 403")) << run.source_str("indeed", "message");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "/graphql"));
}

TEST(Indeed, RateLimitIsBlocked) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-1.json", .fault = {.status = 429, .retry_after = "60"}});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "blocked");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "429"));
}

TEST(Indeed, AnUnknownAppKeyIsBlocked) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/unauthorized.json"});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "blocked");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "api_key")) << run.source_str("indeed", "message");
}

TEST(Indeed, ABotCheckPageIsBlocked) {
  FixtureWeb web;
  web.add({.path = "/graphql",
           .body = "<html><head><title>Just a moment...</title></head><body><div class=\"cf-chl-widget\"></div></body></html>",
           .content_type = "text/html"});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.source_str("indeed", "status"), "blocked") << run.explain();
}

TEST(Indeed, AnAnswerWithoutTheResultsIsALayoutChange) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/changed.json"});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "layout changed");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "data.jobSearch.results"));
}

TEST(Indeed, GraphQLErrorsWithoutDataAreALayoutChange) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/errors.json"});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "layout changed");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "Field 'recruit' in type 'Job' is undefined"));
}

TEST(Indeed, AnAnswerThatIsNotJsonIsALayoutChange) {
  FixtureWeb web;
  web.add({.path = "/graphql", .body = "<html><body>We'll be right back</body></html>", .content_type = "text/html"});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.source_str("indeed", "status"), "layout changed") << run.explain();
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "not JSON"));
}

TEST(Indeed, GraphQLErrorsBesideResultsKeepTheResults) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/partial-errors.json"});
  auto run = run_indeed(web, kQualitySearch);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_EQ(run.source_str("indeed", "status"), "ok");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "ratings service unavailable"))
      << run.source_str("indeed", "message");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "layout changed")) << run.source_str("indeed", "message");
}

TEST(Indeed, ALaterPageFailingKeepsTheEarlierPages) {
  FixtureWeb web;
  web.add({.path = "/graphql", .sequence = {"indeed/search-page-1.json", "indeed/changed.json"}});
  auto run = run_indeed(web, kQualitySearch);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 8u);
  EXPECT_EQ(run.source_str("indeed", "status"), "ok");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "page 2")) << run.source_str("indeed", "message");
  EXPECT_TRUE(contains(run.source_str("indeed", "message"), "layout changed")) << run.source_str("indeed", "message");
}

TEST(Indeed, NoServerIsANetworkError) {
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("indeed", "indeed", "{ api_url: \"http://127.0.0.1:1\" }", kQualitySearch));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "network error");
}

TEST(Indeed, AConnectionResetIsANetworkError) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-1.json", .fault = {.reset_after_bytes = 100}});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("indeed", "status"), "network error");
}

TEST(Indeed, ServerErrorsAreNetworkErrors) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/search-page-1.json", .fault = {.status = 503}});
  auto run = run_indeed(web, kQualitySearch);
  EXPECT_EQ(run.source_str("indeed", "status"), "network error") << run.explain();
}

TEST(Indeed, AnUnknownCountryIsAConfigurationError) {
  FixtureWeb web;
  web.add({.path = "/graphql", .file = "indeed/empty.json"});
  auto run = run_indeed(web, kQualitySearch, ", country: atlantis");
  EXPECT_NE(run.proc.exit_code, 0) << run.explain();
  EXPECT_TRUE(contains(run.proc.out + run.proc.err, "atlantis")) << run.explain();
  EXPECT_EQ(web.count("/graphql"), 0u);
}
