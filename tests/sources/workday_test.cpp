// The workday source against the fixture web: constructed CXS answers
// (tests/fixtures/web/workday/README.md) for the fields of specific postings,
// paging by offset in the POST body (Route.sequence), the results_wanted limit,
// the 2000 cap, the 422 Workday gives a malformed body, every status, filter
// honesty (the term goes to Workday as searchText), one list per term and one
// detail per posting across queries, and career-site URLs read through a proxy.
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <ctime>

namespace aj::test {
namespace {

constexpr const char* kJobs = "/wday/cxs/acme/External/jobs";
const char* const kPostings[] = {"/job/Toronto-ON/Senior-Software-Engineer_R-1042",
                                 "/job/Mississauga-ON/Warehouse-Operations-Supervisor_R-1043",
                                 "/job/Remote---Canada/Data-Engineer_R-1039"};

std::string detail_path(const std::string& external_path) { return "/wday/cxs/acme/External" + external_path; }

// The small acme board (3 postings) and their details.
void serve_acme(FixtureWeb& web) {
  web.add({.path = kJobs, .file = "workday/acme-jobs.json"});
  for (std::string p : kPostings)
    web.add({.path = detail_path(p), .file = "workday/detail-" + p.substr(p.rfind('/') + 1) + ".json"});
}

std::string settings(const FixtureWeb& web, const std::string& more = "") {
  return "{ boards: { acme: { url: \"" + web.url("") + "\", tenant: acme, site: External } }" +
         (more.empty() ? "" : ", " + more) + " }";
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

size_t detail_requests(const FixtureWeb& web) {
  size_t n = 0;
  for (const char* p : kPostings) n += web.count(detail_path(p));
  return n;
}

// The JSON bodies of the list requests, in order.
std::vector<boost::json::object> list_bodies(const FixtureWeb& web) {
  std::vector<boost::json::object> out;
  for (const auto& r : web.requests())
    if (r.path == kJobs) out.push_back(boost::json::parse(r.body).as_object());
  return out;
}

// YYYY-MM-DD of now minus `days`, UTC (the plugin reads relative dates against the clock).
std::string days_ago(int days) {
  std::time_t t = std::time(nullptr) - days * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

TEST(Workday, StoresEveryFieldOfThePostings) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  std::string today = days_ago(0);
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web)));
  std::string today_after = days_ago(0);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 3u) << run.explain();

  const Row* j = run.job("acme:Senior-Software-Engineer_R-1042");
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "workday");
  EXPECT_EQ(j->at("ats"), "workday");
  EXPECT_EQ(j->at("title"), "Senior Software Engineer");
  EXPECT_EQ(j->at("company"), "Acme Logistics Ltd.");  // hiringOrganization
  EXPECT_EQ(j->at("job_url"), "https://acme.wd5.myworkdayjobs.com/External/job/Toronto-ON/Senior-Software-Engineer_R-1042");
  EXPECT_EQ(j->at("company_url"), web.url("/External"));
  EXPECT_EQ(j->at("location"), "Toronto, ON");
  EXPECT_EQ(j->at("city"), "Toronto");
  EXPECT_EQ(j->at("state"), "ON");
  EXPECT_EQ(j->at("country"), "Canada");
  EXPECT_EQ(j->at("date_posted"), "2026-01-12");  // startDate, exact, over "Posted 3 Days Ago"
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("work_arrangement"), "hybrid");
  EXPECT_EQ(j->at("is_remote"), "0");
  EXPECT_TRUE(has(j->at("description"), "You will build the routing services")) << j->at("description");
  EXPECT_TRUE(has(j->at("description"), "- Design services in Java and Kotlin")) << j->at("description");
  EXPECT_TRUE(has(j->at("extra"), "R-1042")) << j->at("extra");

  // Two locations; no startDate, so "Posted Today" dates it.
  const Row* w = run.job("acme:Warehouse-Operations-Supervisor_R-1043");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->at("location"), "Mississauga, ON; Brampton, ON");
  EXPECT_EQ(w->at("city"), "Mississauga");
  EXPECT_EQ(w->at("job_type"), "parttime");
  EXPECT_EQ(w->at("work_arrangement"), "onsite");
  EXPECT_TRUE(w->at("date_posted") == today || w->at("date_posted") == today_after) << w->at("date_posted");

  const Row* r = run.job("acme:Data-Engineer_R-1039");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->at("location"), "Remote - Canada");
  EXPECT_EQ(r->at("city"), "");  // not a "City, State" text: left whole
  EXPECT_EQ(r->at("country"), "Canada");
  EXPECT_EQ(r->at("is_remote"), "1");
  EXPECT_EQ(r->at("work_arrangement"), "remote");
  EXPECT_EQ(r->at("date_posted"), "2025-11-20");

  // The list request: a POST with all four keys (Workday answers 422 without them), as JSON.
  auto bodies = list_bodies(web);
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_TRUE(bodies[0].at("appliedFacets").is_object() && bodies[0].at("appliedFacets").as_object().empty());
  EXPECT_EQ(bodies[0].at("limit").to_number<int>(), 20);
  EXPECT_EQ(bodies[0].at("offset").to_number<int>(), 0);
  EXPECT_EQ(bodies[0].at("searchText").as_string(), "");
  for (const auto& q : web.requests()) {
    if (q.path != kJobs) continue;
    EXPECT_EQ(q.method, "POST");
    EXPECT_TRUE(has(q.header("Content-Type"), "application/json")) << q.header("Content-Type");
    EXPECT_EQ(q.header("Accept"), "application/json");
  }
  EXPECT_EQ(detail_requests(web), 3u);
  EXPECT_EQ(run.source_str("wd", "status"), "ok");
}

TEST(Workday, WithoutDescriptionsReadsOnlyTheList) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  std::string before = days_ago(3);
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday",
                                                   "{ boards: { acme: { url: \"" + web.url("/en-US/External") +
                                                       "\", tenant: acme, site: External, company: \"Acme Logistics\" } }, "
                                                       "fetch_descriptions: false }"));
  std::string after = days_ago(3);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u);
  EXPECT_EQ(detail_requests(web), 0u);
  const Row* j = run.job("acme:Senior-Software-Engineer_R-1042");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("company"), "Acme Logistics");  // the board's name: no detail to name it
  EXPECT_EQ(j->at("job_url"), web.url("/en-US/External/job/Toronto-ON/Senior-Software-Engineer_R-1042"));
  EXPECT_TRUE(j->at("date_posted") == before || j->at("date_posted") == after) << j->at("date_posted");  // "Posted 3 Days Ago"
  EXPECT_EQ(j->at("location"), "Toronto, ON");
  EXPECT_EQ(j->at("description"), "");
  EXPECT_TRUE(has(j->at("extra"), "R-1042")) << j->at("extra");  // from bulletFields
  EXPECT_EQ(run.job("acme:Warehouse-Operations-Supervisor_R-1043")->at("location"), "");  // "2 Locations" names none
  EXPECT_EQ(run.job("acme:Data-Engineer_R-1039")->at("work_arrangement"), "remote");    // the list's remoteType
  // "Posted 30+ Days Ago": at least 30 days, so dated 30 days back.
  const std::string& old = run.job("acme:Data-Engineer_R-1039")->at("date_posted");
  EXPECT_TRUE(old == days_ago(30) || old == days_ago(31)) << old;
}

TEST(Workday, PagesByOffsetInThePostBodyPastTheZeroTotalsOfLaterPages) {
  FixtureWeb web;
  web.add({.path = kJobs, .sequence = {"workday/page-0.json", "workday/page-20.json", "workday/page-40.json"}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web, "fetch_descriptions: false")));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 45u);
  auto bodies = list_bodies(web);
  ASSERT_EQ(bodies.size(), 3u);  // 20 + 20 + 5 of 45: no fourth request
  EXPECT_EQ(bodies[0].at("offset").to_number<int>(), 0);
  EXPECT_EQ(bodies[1].at("offset").to_number<int>(), 20);
  EXPECT_EQ(bodies[2].at("offset").to_number<int>(), 40);
  EXPECT_NE(run.job("acme:Fleet-Mechanic-45_R-2044"), nullptr);
}

TEST(Workday, StopsPagingWhenTheSiteIgnoresTheOffset) {
  FixtureWeb web;
  web.add({.path = kJobs, .file = "workday/page-0.json"});  // the first page, whatever the offset
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web, "fetch_descriptions: false")));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 20u);
  EXPECT_EQ(web.count(kJobs), 2u);  // not 100 pages up to the 2000 cap
  EXPECT_TRUE(has(run.proc.err, "repeats postings already read")) << run.explain();
}

TEST(Workday, StopsAtResultsWanted) {
  FixtureWeb web;
  web.add({.path = kJobs, .sequence = {"workday/page-0.json", "workday/page-20.json", "workday/page-40.json"}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web, "fetch_descriptions: false"),
                                                   "{ results_wanted: 25 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 25u);
  EXPECT_EQ(web.count(kJobs), 2u);  // the third page is never asked for
  EXPECT_EQ(run.source_num("wd", "found"), 25);
}

TEST(Workday, SaysWhenASearchPassesWorkdays2000Cap) {
  FixtureWeb web;
  web.add({.path = kJobs, .file = "workday/capped-0.json"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web, "fetch_descriptions: false"),
                                                   "{ terms: [operator], results_wanted: 5 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 5u);
  EXPECT_TRUE(has(run.proc.err, "lists at most 2000")) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "\"operator\"")) << run.explain();
}

TEST(Workday, TheTermIsWorkdaysSearchTextAndAjhostAppliesTheRest) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web),
                                                   "{ terms: [engineer], locations: [\"Toronto, ON\"] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  auto bodies = list_bodies(web);
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0].at("searchText").as_string(), "engineer");
  EXPECT_EQ(run.applied_by("wd", "term"), "site");
  EXPECT_EQ(run.applied_by("wd", "location"), "ajhost");
  // Workday answered for "engineer" (the fixture holds a supervisor too: ajhost does not second-guess
  // the site's search); ajhost dropped the Mississauga posting by place and kept the Canadian remote one.
  EXPECT_EQ(run.dropped_by("wd", "term"), 0);
  EXPECT_EQ(run.dropped_by("wd", "location"), 1);
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_NE(run.job("acme:Senior-Software-Engineer_R-1042"), nullptr);
  EXPECT_NE(run.job("acme:Data-Engineer_R-1039"), nullptr);
  EXPECT_TRUE(has(run.source_str("wd", "filter_note"), "searchText")) << run.source_str("wd", "filter_note");
}

TEST(Workday, ReadsOneListPerTermAndEachDetailOncePerRun) {
  FixtureWeb web;
  serve_acme(web);
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web),
                                                   "{ terms: [engineer, supervisor], locations: [Toronto, Vancouver, "
                                                   "Mississauga] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_num("wd", "queries"), 6);
  // Three locations per term, but one search per term: the location is not Workday's to apply.
  auto bodies = list_bodies(web);
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0].at("searchText").as_string(), "engineer");
  EXPECT_EQ(bodies[1].at("searchText").as_string(), "supervisor");
  EXPECT_EQ(detail_requests(web), 3u);  // both terms find the same three postings: read once
}

TEST(Workday, SkipsAPostingWhoseDetailIsGone) {
  FixtureWeb web;
  serve_acme(web);
  web.add({.path = detail_path(kPostings[1]), .body = "{}", .status = 404});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web)));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_EQ(run.job("acme:Warehouse-Operations-Supervisor_R-1043"), nullptr);
}

TEST(Workday, APageRefusedAfterOthersKeepsWhatWasFoundAndSaysSo) {
  FixtureWeb web;
  web.add({.path = kJobs,
           .sequence = {"workday/page-0.json", "workday/page-20.json", "workday/page-40.json"},
           .fault = {.status = 429, .fail_from = 2}});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", settings(web, "fetch_descriptions: false")));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 20u);
  EXPECT_EQ(run.source_str("wd", "status"), "ok");
  EXPECT_TRUE(has(run.source_str("wd", "message"), "blocked")) << run.explain();
  EXPECT_TRUE(has(run.source_str("wd", "message"), "offset 20")) << run.explain();
}

TEST(Workday, ReadsTenantAndSiteFromACareerSiteUrl) {
  // The career site's own host name, reached through the fixture web acting as an HTTP proxy.
  FixtureWeb web;
  web.add({.path = kJobs, .file = "workday/acme-jobs.json"});
  TempDir dir;
  std::string pipeline =
      "version: 1\nname: wd-test\nsearch: {}\nsources:\n  wd:\n    use: workday\n"
      "    settings: { companies: [\"http://acme.wd5.myworkdayjobs.com/en-US/External\"], fetch_descriptions: false }\n"
      "    http: { proxies: [\"" + web.url("") + "\"] }\n";
  auto run = run_pipeline(dir, pipeline);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u);
  bool asked = false;
  for (const auto& r : web.requests())
    if (r.path == kJobs) asked = r.proxied && has(r.proxied_host, "acme.wd5.myworkdayjobs.com");
  EXPECT_TRUE(asked) << run.explain();
  const Row* j = run.job("acme:Senior-Software-Engineer_R-1042");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->at("job_url"), "http://acme.wd5.myworkdayjobs.com/en-US/External/job/Toronto-ON/Senior-Software-Engineer_R-1042");
  EXPECT_EQ(j->at("company"), "acme");  // the tenant, until a detail names the company
}

TEST(Workday, RejectsAUrlThatNamesNoTenantAndSite) {
  FixtureWeb web;
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday", "{ companies: [\"https://careers.acme.example/jobs\"] }"));
  EXPECT_NE(run.proc.exit_code, 0) << run.explain();
  EXPECT_TRUE(has(run.proc.err + run.proc.out, "cannot read a Workday tenant and site")) << run.explain();
}

struct StatusCase {
  const char* name;
  Route route;
  const char* base;  // "" = the fixture web
  const char* status;
  const char* message_part;
  int exit_code;
};

class WorkdayStatus : public ::testing::TestWithParam<StatusCase> {};

TEST_P(WorkdayStatus, EndsWithAnHonestStatus) {
  const auto& c = GetParam();
  FixtureWeb web;
  web.add(c.route);
  TempDir dir;
  std::string base = *c.base ? std::string(c.base) : web.url("");
  auto run = run_pipeline(dir, one_source_pipeline("wd", "workday",
                                                   "{ boards: { acme: { url: \"" + base + "\", tenant: acme, site: External } } }",
                                                   "{ terms: [engineer] }"));
  EXPECT_EQ(run.proc.exit_code, c.exit_code) << run.explain();
  EXPECT_EQ(run.source_str("wd", "status"), c.status) << run.explain();
  EXPECT_TRUE(has(run.source_str("wd", "message"), c.message_part)) << run.source_str("wd", "message");
  EXPECT_EQ(run.jobs.size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, WorkdayStatus,
    ::testing::Values(
        StatusCase{"Forbidden", {.path = kJobs, .fault = {.status = 403}}, "", "blocked", "HTTP 403", 3},
        StatusCase{"RateLimited", {.path = kJobs, .fault = {.status = 429}}, "", "blocked", "HTTP 429", 3},
        // What Workday answers a body without all four keys: the plugin's request no longer fits the API.
        StatusCase{"Unprocessable", {.path = kJobs, .file = "workday/error-422.json", .status = 422}, "",
                   "layout changed", "HTTP 422", 3},
        StatusCase{"LayoutChanged", {.path = kJobs, .file = "workday/changed-layout.json"}, "", "layout changed",
                   "expected {total, jobPostings[]}", 3},
        StatusCase{"NoSuchSite", {.path = "/nothing"}, "", "error", "no such Workday site", 3},
        StatusCase{"NoResults", {.path = kJobs, .file = "workday/empty.json"}, "", "no results", "", 0},
        StatusCase{"Unreachable", {.path = kJobs}, "http://127.0.0.1:1", "network error", "127.0.0.1:1", 3},
        StatusCase{"ConnectionReset", {.path = kJobs, .file = "workday/acme-jobs.json", .fault = {.reset_after_bytes = 10}},
                   "", "network error", "Workday jobs of acme", 3},
        StatusCase{"ServerError", {.path = kJobs, .fault = {.status = 503}}, "", "network error", "HTTP 503", 3}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace aj::test
