// The glassdoor source through ajhost against the fixture web: the home page's
// CSRF token, the place lookup, JobSearchResultsQuery paging by cursor, what it
// stores of each listing, descriptions, which filters the site applies, and every
// outcome. Fixtures: tests/fixtures/web/glassdoor/ (constructed; see the README there).
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

using namespace aj::test;

namespace {

const std::string kToken = "Fx7pFixtureToken:notARealToken:aBcD1234";
const std::string kSearch = "{ terms: [software developer], locations: [\"Mississauga, ON\"], hours_old: 72, country: ca }";

// The three parts of Glassdoor a search uses, with the given answers for /graph.
void add_site(FixtureWeb& web, std::vector<std::string> graph = {"glassdoor/search-page-1.json", "glassdoor/search-page-2.json"}) {
  web.add({.path = "/", .file = "glassdoor/home.html"});
  web.add({.path = "/findPopularLocationAjax.htm", .file = "glassdoor/locations-mississauga.json"});
  web.add({.path = "/graph", .sequence = std::move(graph)});
}

PipelineRun run_glassdoor(const FixtureWeb& web, const std::string& search = kSearch, const std::string& more = "") {
  TempDir dir;
  return run_pipeline(dir, one_source_pipeline("glassdoor", "glassdoor", "{ base_url: \"" + web.url("") + "\"" + more + " }", search));
}

std::vector<RequestLog> requests_to(const FixtureWeb& web, const std::string& path) {
  std::vector<RequestLog> out;
  for (const auto& r : web.requests())
    if (r.path == path) out.push_back(r);
  return out;
}

// The variables of a /graph request (its body is an array of one operation).
boost::json::object variables(const RequestLog& r) {
  auto v = boost::json::parse(r.body);
  return v.as_array().at(0).as_object().at("variables").as_object();
}

std::string filters_of(const RequestLog& r) { return boost::json::serialize(variables(r).at("filterParams")); }

double number(const Row* j, const char* column) { return std::stod(j->at(column)); }
bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::string days_ago(int days) {
  std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

TEST(Glassdoor, StoresEveryFieldOfAListing) {
  FixtureWeb web;
  add_site(web);
  std::string before = days_ago(3);
  auto run = run_glassdoor(web);
  std::string after = days_ago(3);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();

  const Row* j = run.job("1009512345678");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "glassdoor");
  EXPECT_EQ(j->at("title"), "Software Developer");
  EXPECT_EQ(j->at("job_url"), "https://www.glassdoor.ca/job-listing/software-developer-JV_IC2281069_KO0,18.htm?jl=1009512345678");
  EXPECT_EQ(j->at("company"), "Meadowvale Data Systems");
  EXPECT_EQ(j->at("company_url"), web.url("/Overview/W-EI_IE310001.htm"));
  EXPECT_EQ(j->at("company_logo"), "https://media.glassdoor.example/sqll/310001/logo.png");
  EXPECT_DOUBLE_EQ(number(j, "company_rating"), 4.1);
  EXPECT_EQ(j->at("company_num_employees"), "201 to 500 Employees");
  EXPECT_EQ(j->at("company_revenue"), "$25 to $100 million (CAD)");
  EXPECT_EQ(j->at("company_industry"), "Software Development");
  EXPECT_EQ(j->at("company_url_direct"), "https://www.meadowvaledata.example");
  EXPECT_EQ(j->at("company_addresses"), "Mississauga, Canada");
  EXPECT_EQ(j->at("location"), "Mississauga, ON");
  EXPECT_EQ(j->at("city"), "Mississauga");
  EXPECT_EQ(j->at("state"), "ON");
  EXPECT_EQ(j->at("country"), "CA");
  EXPECT_EQ(j->at("is_remote"), "0");
  EXPECT_EQ(j->at("date_posted"), "2025-05-12");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_DOUBLE_EQ(number(j, "min_amount"), 85000);
  EXPECT_DOUBLE_EQ(number(j, "max_amount"), 105000);
  EXPECT_EQ(j->at("interval"), "yearly");
  EXPECT_EQ(j->at("currency"), "CAD");
  EXPECT_EQ(j->at("salary_source"), "direct_data");
  EXPECT_EQ(j->at("listing_type"), "standard");
  EXPECT_EQ(j->at("description"),
            "Meadowvale Data Systems is hiring a Software Developer for our Meadowvale office.\n"
            "Questions: careers@meadowvaledata.example");
  EXPECT_TRUE(contains(j->at("emails"), "careers@meadowvaledata.example"));
  EXPECT_TRUE(contains(j->at("extra"), "glassdoor_employer_id")) << j->at("extra");
  EXPECT_TRUE(contains(j->at("extra"), "95000")) << j->at("extra");  // the median pay
  EXPECT_TRUE(contains(j->at("extra"), "description_is_snippet"));

  // Remote, with Glassdoor's estimate of the pay.
  const Row* remote = run.job("1009512345679");
  ASSERT_NE(remote, nullptr);
  EXPECT_EQ(remote->at("is_remote"), "1");
  EXPECT_EQ(remote->at("work_arrangement"), "remote");
  EXPECT_EQ(remote->at("city"), "");
  EXPECT_EQ(remote->at("salary_source"), "estimated");

  const Row* hybrid = run.job("1009512345680");
  ASSERT_NE(hybrid, nullptr);
  EXPECT_EQ(hybrid->at("work_arrangement"), "hybrid");
  EXPECT_EQ(hybrid->at("is_remote"), "0");
  EXPECT_EQ(hybrid->at("city"), "Toronto");
  EXPECT_EQ(hybrid->at("listing_type"), "premium");
  EXPECT_EQ(hybrid->at("company_revenue"), "");  // "Unknown / Non-Applicable"

  // Hourly contract pay from an employer Glassdoor has no page for; dated by its age.
  const Row* contract = run.job("1009512345681");
  ASSERT_NE(contract, nullptr);
  EXPECT_EQ(contract->at("job_type"), "contract");
  EXPECT_EQ(contract->at("interval"), "hourly");
  EXPECT_DOUBLE_EQ(number(contract, "min_amount"), 55);
  EXPECT_DOUBLE_EQ(number(contract, "max_amount"), 70);
  EXPECT_EQ(contract->at("company"), "Peel Tech Staffing");
  EXPECT_EQ(contract->at("company_url"), "");
  EXPECT_EQ(contract->at("company_rating"), "");
  EXPECT_EQ(contract->at("company_num_employees"), "");
  EXPECT_TRUE(contract->at("date_posted") == before || contract->at("date_posted") == after) << contract->at("date_posted");

  // A province-wide listing; without seoJobLink its link is jobLink on the site searched.
  const Row* province = run.job("1009512345682");
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->at("state"), "Ontario");
  EXPECT_EQ(province->at("city"), "");
  EXPECT_EQ(province->at("job_url"),
            web.url("/partner/jobListing.htm?pos=101&ao=1136043&s=58&guid=0000018f-fixture&jobListingId=1009512345682"));

  const Row* intern = run.job("1009512345683");
  ASSERT_NE(intern, nullptr);
  EXPECT_EQ(intern->at("job_type"), "internship");

  EXPECT_EQ(run.jobs.size(), 42u) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "ok");
  for (const char* key : {"term", "location", "hours_old"}) EXPECT_EQ(run.applied_by("glassdoor", key), "site") << key;
  EXPECT_EQ(run.applied_by("glassdoor", "country"), "ajhost");
  EXPECT_EQ(run.dropped_by("glassdoor", "country"), 0);
}

TEST(Glassdoor, AsksAsItsWebPagesDoAndPagesByCursor) {
  FixtureWeb web;
  add_site(web);
  auto run = run_glassdoor(web);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();

  ASSERT_EQ(web.count("/"), 1u);
  auto where = requests_to(web, "/findPopularLocationAjax.htm");
  ASSERT_EQ(where.size(), 1u);
  // The place is percent-encoded (Glassdoor answers an unencoded one with 400).
  EXPECT_TRUE(contains(where[0].query, "term=Mississauga%2C%20ON") || contains(where[0].query, "term=Mississauga%2C+ON"))
      << where[0].query;

  auto graph = requests_to(web, "/graph");
  ASSERT_EQ(graph.size(), 2u);  // page 2 names no cursor for page 3
  for (const auto& r : graph) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.header("gd-csrf-token"), kToken);
    EXPECT_EQ(r.header("apollographql-client-name"), "job-search-next");
    EXPECT_TRUE(contains(r.header("content-type"), "application/json"));
    auto op = boost::json::parse(r.body).as_array().at(0).as_object();
    EXPECT_EQ(op.at("operationName"), "JobSearchResultsQuery");
  }
  auto first = variables(graph[0]), second = variables(graph[1]);
  EXPECT_EQ(first.at("keyword"), "software developer");
  EXPECT_EQ(first.at("locationId").to_number<int64_t>(), 2281069);
  EXPECT_EQ(first.at("locationType"), "CITY");
  EXPECT_EQ(first.at("numJobsToShow").to_number<int64_t>(), 30);
  EXPECT_EQ(first.at("pageNumber").to_number<int64_t>(), 1);
  EXPECT_TRUE(first.at("pageCursor").is_null());
  EXPECT_EQ(filters_of(graph[0]), R"([{"filterKey":"fromAge","values":"3"}])");
  EXPECT_EQ(second.at("pageNumber").to_number<int64_t>(), 2);
  EXPECT_EQ(second.at("pageCursor"), "fixture-gd-cursor-2");
}

TEST(Glassdoor, TheTokenAndEachPlaceAreAskedForOncePerRun) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json"});
  auto run = run_glassdoor(web, "{ terms: [software developer, backend developer], locations: [\"Mississauga, ON\"] }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(web.count("/graph"), 2u);
  EXPECT_EQ(web.count("/"), 1u);
  EXPECT_EQ(web.count("/findPopularLocationAjax.htm"), 1u);
}

TEST(Glassdoor, StopsAtResultsWantedAndMaxPages) {
  FixtureWeb web;
  add_site(web);
  auto run = run_glassdoor(web, "{ terms: [software developer], locations: [\"Mississauga, ON\"], results_wanted: 10 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 10u);
  EXPECT_EQ(web.count("/graph"), 1u);

  FixtureWeb web2;
  add_site(web2);
  auto capped = run_glassdoor(web2, "{ terms: [software developer], locations: [\"Mississauga, ON\"] }", ", max_pages: 1");
  ASSERT_EQ(capped.proc.exit_code, 0) << capped.explain();
  EXPECT_EQ(capped.jobs.size(), 30u);
  EXPECT_EQ(web2.count("/graph"), 1u);
}

TEST(Glassdoor, AnUnknownNeighbourhoodFallsBackToItsCityAndTheHostFiltersThePlace) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-page-2.json"});
  web.add({.path = "/findPopularLocationAjax.htm",
           .sequence = {"glassdoor/locations-empty.json", "glassdoor/locations-mississauga.json"}});
  auto run = run_glassdoor(web, "{ terms: [software developer], locations: [\"Square One, Mississauga, ON\"], country: ca }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  auto where = requests_to(web, "/findPopularLocationAjax.htm");
  ASSERT_EQ(where.size(), 2u);
  EXPECT_TRUE(contains(where[0].query, "Square%20One") || contains(where[0].query, "Square+One")) << where[0].query;
  EXPECT_FALSE(contains(where[1].query, "Square")) << where[1].query;
  EXPECT_EQ(variables(requests_to(web, "/graph").at(0)).at("locationId").to_number<int64_t>(), 2281069);
  EXPECT_EQ(run.applied_by("glassdoor", "location"), "ajhost");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "filter_note"), "Mississauga, ON"));
  // Page 2's twelve listings are spread over five places: the three in Mississauga stay.
  EXPECT_EQ(run.jobs.size(), 3u);
  EXPECT_EQ(run.dropped_by("glassdoor", "location"), 9);
}

TEST(Glassdoor, APlaceGlassdoorDoesNotKnowIsAnError) {
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/findPopularLocationAjax.htm", .file = "glassdoor/locations-empty.json"});
  auto run = run_glassdoor(web, "{ terms: [software developer], locations: [\"Atlantis, ZZ\"] }");
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "error");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "does not know the place \"Atlantis, ZZ\""))
      << run.source_str("glassdoor", "message");
  EXPECT_EQ(web.count("/graph"), 0u);
}

TEST(Glassdoor, RemoteOnlySearchesGlassdoorsRemotePlace) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json"});
  auto run = run_glassdoor(web, "{ terms: [software developer], locations: [\"Mississauga, ON\"], remote_only: true }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(web.count("/findPopularLocationAjax.htm"), 0u);
  auto vars = variables(requests_to(web, "/graph").at(0));
  EXPECT_EQ(vars.at("locationId").to_number<int64_t>(), 11047);
  EXPECT_EQ(vars.at("locationType"), "STATE");
  EXPECT_EQ(run.applied_by("glassdoor", "remote_only"), "site");
  EXPECT_EQ(run.applied_by("glassdoor", "location"), "ajhost");
}

TEST(Glassdoor, JobTypeAndEasyApplyAreGlassdoorFilters) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json"});
  auto run = run_glassdoor(web, "{ terms: [software developer], locations: [\"Mississauga, ON\"], job_type: contract }",
                           ", easy_apply: true");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(filters_of(requests_to(web, "/graph").at(0)),
            R"([{"filterKey":"applicationType","values":"1"},{"filterKey":"jobType","values":"contract"}])");
  EXPECT_EQ(run.applied_by("glassdoor", "job_type"), "site");
  EXPECT_EQ(run.jobs.size(), 2u);  // what the site applied, ajhost does not apply again
}

TEST(Glassdoor, HoursThatAreNotWholeDaysAreLeftToTheHost) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json"});
  auto run = run_glassdoor(web, "{ terms: [software developer], locations: [\"Mississauga, ON\"], hours_old: 36 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(filters_of(requests_to(web, "/graph").at(0)), R"([{"filterKey":"fromAge","values":"2"}])");
  EXPECT_EQ(run.applied_by("glassdoor", "hours_old"), "ajhost");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "filter_note"), "whole days"));
  EXPECT_EQ(run.dropped_by("glassdoor", "hours_old"), 2);  // the fixture's listings are from 2025
}

TEST(Glassdoor, FetchDescriptionsReadsEachListingsWholeDescription) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json", "glassdoor/detail-1.json", "glassdoor/detail-2.json"});
  auto run = run_glassdoor(web, kSearch, ", fetch_descriptions: true");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  auto graph = requests_to(web, "/graph");
  ASSERT_EQ(graph.size(), 3u);
  auto detail = boost::json::parse(graph[1].body).as_array().at(0).as_object();
  EXPECT_EQ(detail.at("operationName"), "JobDetailQuery");
  EXPECT_EQ(detail.at("variables").as_object().at("jl").to_number<int64_t>(), 1009512345678);
  EXPECT_EQ(graph[1].header("gd-csrf-token"), kToken);

  const Row* j = run.job("1009512345678");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("description"),
            "Meadowvale Data Systems is hiring a Software Developer.\n- Java and SQL\n- Hybrid: three days in Meadowvale\n"
            "Apply or write to jobs@meadowvaledata.example.");
  EXPECT_TRUE(contains(j->at("emails"), "jobs@meadowvaledata.example"));
  EXPECT_FALSE(contains(j->at("emails"), "careers@"));  // the snippet's address went with the snippet
  const Row* remote = run.job("1009512345679");
  ASSERT_NE(remote, nullptr);
  EXPECT_TRUE(contains(remote->at("description"), "Go and Kafka"));
}

TEST(Glassdoor, NoResults) {
  FixtureWeb web;
  add_site(web, {"glassdoor/empty.json"});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "no results");
}

TEST(Glassdoor, GraphQLErrorsBesideListingsKeepTheListings) {
  FixtureWeb web;
  add_site(web, {"glassdoor/partial-errors.json"});
  auto run = run_glassdoor(web);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u);
  EXPECT_EQ(run.source_str("glassdoor", "status"), "ok");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "employer overview unavailable"))
      << run.source_str("glassdoor", "message");
}

TEST(Glassdoor, GraphQLErrorsWithoutListingsAreALayoutChange) {
  FixtureWeb web;
  add_site(web, {"glassdoor/errors.json"});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "layout changed");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "FieldUndefined"));
}

TEST(Glassdoor, AnAnswerWithoutListingsIsALayoutChange) {
  FixtureWeb web;
  add_site(web, {"glassdoor/changed.json"});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.source_str("glassdoor", "status"), "layout changed") << run.explain();
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "data.jobListings.jobListings"));
}

TEST(Glassdoor, ARefusedTokenIsBlocked) {
  FixtureWeb web;
  add_site(web, {"glassdoor/csrf-errors.json"});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "blocked");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "Invalid CSRF token"));
}

TEST(Glassdoor, AnEmptyAnswerIsBlocked) {
  FixtureWeb web;
  add_site(web, {"glassdoor/empty-array.json"});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.source_str("glassdoor", "status"), "blocked") << run.explain();
}

TEST(Glassdoor, AHomePageWithoutATokenIsALayoutChange) {
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/", .file = "glassdoor/home-no-token.html"});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "layout changed");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "csrf_token"));
  EXPECT_EQ(web.count("/graph"), 0u);
}

TEST(Glassdoor, TheCsrfTokenSettingStandsInForAMissingOne) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json"});
  web.add({.path = "/", .file = "glassdoor/home-no-token.html"});
  auto run = run_glassdoor(web, kSearch, ", csrf_token: set-by-hand-0001");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(requests_to(web, "/graph").at(0).header("gd-csrf-token"), "set-by-hand-0001");
}

TEST(Glassdoor, ATokenInAMetaTagIsRead) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-two.json"});
  web.add({.path = "/", .body = "<html><head><meta name=\"gd-csrf-token\" content=\"meta-token-0123456789\"></head></html>",
           .content_type = "text/html"});
  auto run = run_glassdoor(web);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(requests_to(web, "/graph").at(0).header("gd-csrf-token"), "meta-token-0123456789");
}

TEST(Glassdoor, AForbiddenHomePageIsBlocked) {
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/", .file = "glassdoor/home.html", .fault = {.status = 403}});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "blocked");
}

TEST(Glassdoor, AForbiddenLocationLookupIsBlocked) {
  // python-jobspy logs this case as "location not parsed".
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/findPopularLocationAjax.htm", .file = "glassdoor/locations-mississauga.json", .fault = {.status = 403}});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "blocked");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "location lookup"));
}

TEST(Glassdoor, RateLimitedSearchIsBlocked) {
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/graph", .file = "glassdoor/search-page-1.json", .fault = {.status = 429}});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "blocked");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "429"));
}

TEST(Glassdoor, ABadRequestIsAnError) {
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/graph", .body = "Bad Request", .status = 400});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "error");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "HTTP 400"));
}

TEST(Glassdoor, ALaterPageFailingKeepsTheEarlierPages) {
  FixtureWeb web;
  add_site(web, {"glassdoor/search-page-1.json", "glassdoor/changed.json"});
  auto run = run_glassdoor(web);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 30u);
  EXPECT_EQ(run.source_str("glassdoor", "status"), "ok");
  EXPECT_TRUE(contains(run.source_str("glassdoor", "message"), "page 2")) << run.source_str("glassdoor", "message");
}

TEST(Glassdoor, NoServerIsANetworkError) {
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("glassdoor", "glassdoor", "{ base_url: \"http://127.0.0.1:1\" }", kSearch));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "network error");
}

TEST(Glassdoor, AConnectionResetIsANetworkError) {
  FixtureWeb web;
  add_site(web);
  web.add({.path = "/graph", .file = "glassdoor/search-page-1.json", .fault = {.reset_after_bytes = 200}});
  auto run = run_glassdoor(web);
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("glassdoor", "status"), "network error");
}

TEST(Glassdoor, AWrongSettingIsAConfigurationError) {
  FixtureWeb web;
  add_site(web);
  auto run = run_glassdoor(web, kSearch, ", max_pages: 99");
  EXPECT_NE(run.proc.exit_code, 0) << run.explain();
  EXPECT_TRUE(contains(run.proc.out + run.proc.err, "max_pages")) << run.explain();
  EXPECT_EQ(web.count("/graph"), 0u);
}
