// The smartrecruiters source against the fixture web: constructed Posting API
// answers (tests/fixtures/web/smartrecruiters/README.md) for the fields of
// specific postings, paging by offset, the results_wanted limit, one list read
// once across queries, every status, and filter honesty.
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

namespace aj::test {
namespace {

constexpr const char* kList = "/v1/companies/acme/postings";
const char* const kIds[] = {"744000000000001", "744000000000002", "744000000000003", "744000000000004",
                            "744000000000005"};

std::string detail_path(const std::string& id) { return std::string(kList) + "/" + id; }

// The acme board: three pages by offset (2 + 2 + 1 postings) and every posting's detail.
void serve_acme(FixtureWeb& web) {
  web.add({.path = kList, .file = "smartrecruiters/acme-{offset}.json"});
  for (const char* id : kIds)
    web.add({.path = detail_path(id), .file = std::string("smartrecruiters/detail-") + id + ".json"});
}

std::string settings(const FixtureWeb& web, const std::string& more = "") {
  return "{ companies: [acme], base_url: \"" + web.url("") + "\"" + (more.empty() ? "" : ", " + more) + " }";
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

size_t detail_requests(const FixtureWeb& web) {
  size_t n = 0;
  for (const char* id : kIds) n += web.count(detail_path(id));
  return n;
}

TEST(SmartRecruiters, StoresEveryFieldOfThePostings) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web)));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 5u) << run.explain();

  const Row* j = run.job("744000000000001");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "smartrecruiters");
  EXPECT_EQ(j->at("ats"), "smartrecruiters");
  EXPECT_EQ(j->at("title"), "Senior Software Engineer, Robotics");
  EXPECT_EQ(j->at("company"), "Acme Robotics Inc.");
  EXPECT_EQ(j->at("job_url"), "https://jobs.smartrecruiters.com/acme/744000000000001-senior-software-engineer-robotics");
  EXPECT_EQ(j->at("job_url_direct"),
            "https://jobs.smartrecruiters.com/acme/744000000000001-senior-software-engineer-robotics?oga=true");
  EXPECT_EQ(j->at("company_url"), "https://jobs.smartrecruiters.com/acme");
  EXPECT_EQ(j->at("location"), "Toronto, ON, Canada");
  EXPECT_EQ(j->at("city"), "Toronto");
  EXPECT_EQ(j->at("state"), "ON");
  EXPECT_EQ(j->at("country"), "CA");
  EXPECT_EQ(j->at("date_posted"), "2026-01-12");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("job_level"), "Mid-Senior Level");
  EXPECT_EQ(j->at("job_function"), "Engineering");
  EXPECT_EQ(j->at("company_industry"), "Industrial Automation");
  EXPECT_EQ(j->at("language"), "en");
  EXPECT_EQ(j->at("is_remote"), "0");
  EXPECT_EQ(j->at("work_arrangement"), "hybrid");
  // The role's sections make the description, with their titles; the employer's blurb is kept apart.
  const std::string& desc = j->at("description");
  EXPECT_TRUE(has(desc, "Job Description\nYou will design motion-planning services in C++20")) << desc;
  EXPECT_TRUE(has(desc, "- Write and review C++ and Python code")) << desc;
  EXPECT_TRUE(has(desc, "Qualifications\n5+ years of C++")) << desc;
  EXPECT_TRUE(has(desc, "three days a week at our Toronto lab")) << desc;
  EXPECT_FALSE(has(desc, "300 distribution centres")) << desc;
  EXPECT_EQ(j->at("company_description"), "Acme Robotics builds autonomous warehouse robots used by 300 distribution centres.");

  // Remote, no city, a contract; "Not Applicable" is no level.
  const Row* remote = run.job("744000000000003");
  ASSERT_NE(remote, nullptr);
  EXPECT_EQ(remote->at("location"), "US");
  EXPECT_EQ(remote->at("country"), "US");
  EXPECT_EQ(remote->at("city"), "");
  EXPECT_EQ(remote->at("is_remote"), "1");
  EXPECT_EQ(remote->at("work_arrangement"), "remote");
  EXPECT_EQ(remote->at("job_type"), "contract");
  EXPECT_EQ(remote->at("job_level"), "");
  EXPECT_EQ(run.job("744000000000002")->at("work_arrangement"), "onsite");
  EXPECT_EQ(run.job("744000000000004")->at("job_type"), "internship");
  // No function: the department stands in; no department: none.
  EXPECT_EQ(run.job("744000000000005")->at("job_function"), "Sales");
  EXPECT_EQ(run.job("744000000000005")->at("language"), "de");

  // Paging by offset up to totalFound (5): 0, 2, 4, and nothing after the last posting.
  auto reqs = web.requests();
  std::vector<std::string> list_queries;
  for (const auto& r : reqs)
    if (r.path == kList) list_queries.push_back(r.query);
  ASSERT_EQ(list_queries.size(), 3u);
  EXPECT_TRUE(has(list_queries[0], "limit=100")) << list_queries[0];
  EXPECT_TRUE(has(list_queries[0], "offset=0")) << list_queries[0];
  EXPECT_TRUE(has(list_queries[1], "offset=2")) << list_queries[1];
  EXPECT_TRUE(has(list_queries[2], "offset=4")) << list_queries[2];
  EXPECT_FALSE(has(list_queries[0], "q=")) << list_queries[0];
  EXPECT_EQ(detail_requests(web), 5u);
  EXPECT_EQ(run.source_str("sr", "status"), "ok");
}

TEST(SmartRecruiters, WithoutDescriptionsReadsOnlyTheLists) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web, "fetch_descriptions: false")));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 5u);
  EXPECT_EQ(detail_requests(web), 0u);
  const Row* j = run.job("744000000000001");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("description"), "");
  EXPECT_EQ(j->at("job_url"), "https://jobs.smartrecruiters.com/acme/744000000000001");  // made from the id
  EXPECT_EQ(j->at("title"), "Senior Software Engineer, Robotics");
  EXPECT_EQ(j->at("job_level"), "Mid-Senior Level");
}

TEST(SmartRecruiters, StopsAtResultsWanted) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web), "{ results_wanted: 2 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_EQ(web.count(kList), 1u);       // the second page is never asked for
  EXPECT_EQ(detail_requests(web), 2u);   // nor the details of postings it would not store
  EXPECT_EQ(run.source_num("sr", "found"), 2);
}

TEST(SmartRecruiters, ReadsEachListOnceAcrossQueriesAndAjhostAppliesTheSearch) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web),
                                                   "{ terms: [engineer, technician], locations: [\"Toronto, ON\", "
                                                   "\"Montréal, QC\"] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_num("sr", "queries"), 4);
  // Four queries, but the board's three pages and five details were each read once.
  EXPECT_EQ(web.count(kList), 3u);
  EXPECT_EQ(detail_requests(web), 5u);
  // engineer x Toronto: the robotics engineer; technician x Montréal: the field technician.
  ASSERT_EQ(run.jobs.size(), 2u) << run.explain();
  EXPECT_NE(run.job("744000000000001"), nullptr);
  EXPECT_NE(run.job("744000000000002"), nullptr);
  // SmartRecruiters was asked for no search at all: ajhost applied every filter, and counted what it dropped.
  EXPECT_EQ(run.applied_by("sr", "term"), "ajhost");
  EXPECT_EQ(run.applied_by("sr", "location"), "ajhost");
  EXPECT_GT(run.dropped_by("sr", "term"), 0);
  EXPECT_GT(run.dropped_by("sr", "location"), 0);
  EXPECT_EQ(run.source_num("sr", "filtered"), 4 * 5 - 2);
  EXPECT_TRUE(has(run.source_str("sr", "filter_note"), "ajhost applies the search")) << run.source_str("sr", "filter_note");
}

TEST(SmartRecruiters, SendsTheTermAsQWhenAskedAndSaysTheSiteAppliedIt) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters",
                                                   settings(web, "search_term: true, fetch_descriptions: false"),
                                                   "{ terms: [engineer, designer], locations: [\"Toronto, ON\"] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.applied_by("sr", "term"), "site");
  EXPECT_EQ(run.applied_by("sr", "location"), "ajhost");
  EXPECT_EQ(run.dropped_by("sr", "term"), 0);
  // Each term reads its own list (the fixture answers both the same way: 3 pages each).
  EXPECT_EQ(web.count(kList), 6u);
  bool engineer = false, designer = false;
  for (const auto& r : web.requests()) {
    engineer = engineer || has(r.query, "q=engineer");
    designer = designer || has(r.query, "q=designer");
  }
  EXPECT_TRUE(engineer && designer);
  // The site "applied" the term, so ajhost keeps what came back for the designer term too:
  // the Toronto posting is stored once (same id), the others fail the location.
  EXPECT_EQ(run.jobs.size(), 1u);
}

TEST(SmartRecruiters, SkipsAPostingWhoseDetailIsGone) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = detail_path("744000000000002"), .body = "{\"message\":\"Not found\"}", .status = 404});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web)));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 4u);
  EXPECT_EQ(run.job("744000000000002"), nullptr);
  EXPECT_EQ(run.source_str("sr", "status"), "ok");
}

TEST(SmartRecruiters, RefusedDetailsKeepThePostingsAndSaySo) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = detail_path("744000000000001"), .fault = {.status = 429}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web)));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 5u);
  EXPECT_EQ(run.job("744000000000001")->at("description"), "");
  EXPECT_EQ(run.source_str("sr", "status"), "ok");
  const std::string msg = run.source_str("sr", "message");
  EXPECT_TRUE(has(msg, "blocked")) << msg;
  EXPECT_TRUE(has(msg, "HTTP 429")) << msg;
  EXPECT_TRUE(has(msg, "without one")) << msg;
  EXPECT_TRUE(has(msg, "no more were asked for")) << msg;
  // After the refusal no more details are asked for (the first batch was already under way).
  EXPECT_EQ(detail_requests(web), 2u);
}

TEST(SmartRecruiters, APageRefusedAfterOthersKeepsWhatWasFoundAndSaysSo) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = kList, .file = "smartrecruiters/acme-{offset}.json", .fault = {.status = 429, .fail_from = 2}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web, "fetch_descriptions: false")));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_EQ(run.source_str("sr", "status"), "ok");
  EXPECT_TRUE(has(run.source_str("sr", "message"), "blocked")) << run.explain();
  EXPECT_TRUE(has(run.source_str("sr", "message"), "offset 2")) << run.explain();
}

TEST(SmartRecruiters, StopsPagingWhenTheApiIgnoresTheOffset) {
  FixtureWeb web;
  web.add({.path = kList, .file = "smartrecruiters/acme-0.json"});  // the first page, whatever the offset
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters", settings(web, "fetch_descriptions: false")));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_EQ(web.count(kList), 2u);  // the repeat is noticed at once
  EXPECT_TRUE(has(run.proc.err, "repeats postings already read")) << run.explain();
}

TEST(SmartRecruiters, OneFailingCompanyDoesNotHideTheOthers) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = "/v1/companies/globex/postings", .fault = {.status = 403}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters",
                                                   "{ companies: [globex, acme], fetch_descriptions: false, base_url: \"" +
                                                       web.url("") + "\" }"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 5u);
  EXPECT_TRUE(has(run.source_str("sr", "message"), "globex")) << run.explain();
  EXPECT_TRUE(has(run.source_str("sr", "message"), "HTTP 403")) << run.explain();
}

TEST(SmartRecruiters, RejectsACompanyThatIsNotAnIdentifier) {
  FixtureWeb web;
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters",
                                                   "{ companies: [\"https://jobs.smartrecruiters.com/acme\"] }"));
  EXPECT_NE(run.proc.exit_code, 0) << run.explain();
  EXPECT_TRUE(has(run.proc.err + run.proc.out, "not a SmartRecruiters company identifier")) << run.explain();
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

class SmartRecruitersStatus : public ::testing::TestWithParam<StatusCase> {};

TEST_P(SmartRecruitersStatus, EndsWithAnHonestStatus) {
  const auto& c = GetParam();
  FixtureWeb web;
  web.add(c.route);
  TempDir dir;
  std::string base = *c.base ? std::string(c.base) : web.url("");
  auto run = run_pipeline(dir, one_source_pipeline("sr", "smartrecruiters",
                                                   "{ companies: [acme], base_url: \"" + base + "\" }",
                                                   "{ terms: [engineer] }"));
  EXPECT_EQ(run.proc.exit_code, c.exit_code) << run.explain();
  EXPECT_EQ(run.source_str("sr", "status"), c.status) << run.explain();
  EXPECT_TRUE(has(run.source_str("sr", "message"), c.message_part)) << run.source_str("sr", "message");
  EXPECT_EQ(run.jobs.size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, SmartRecruitersStatus,
    ::testing::Values(
        StatusCase{"Forbidden", {.path = kList, .fault = {.status = 403}}, "", "blocked", "HTTP 403", 3},
        StatusCase{"RateLimited", {.path = kList, .fault = {.status = 429}}, "", "blocked", "HTTP 429", 3},
        StatusCase{"LayoutChanged", {.path = kList, .file = "smartrecruiters/changed-layout.json"}, "", "layout changed",
                   "expected an object with content[]", 3},
        StatusCase{"NotJson", {.path = kList, .body = "<html><body>Maintenance</body></html>"}, "", "layout changed",
                   "not JSON", 3},
        StatusCase{"NoResults", {.path = kList, .file = "smartrecruiters/empty-0.json"}, "", "no results", "", 0},
        StatusCase{"Unreachable", {.path = kList}, "http://127.0.0.1:1", "network error", "127.0.0.1:1", 3},
        StatusCase{"ConnectionReset", {.path = kList, .file = "smartrecruiters/acme-0.json", .fault = {.reset_after_bytes = 10}},
                   "", "network error", "SmartRecruiters postings of acme", 3},
        StatusCase{"ServerError", {.path = kList, .fault = {.status = 503}}, "", "network error", "HTTP 503", 3}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace aj::test
