// The lever source through ajhost against the fixture web. No real Lever capture
// exists: the boards are constructed from the Postings API's documented shape
// (tests/fixtures/web/lever/README.md). acme lists 102 postings: a full page of
// 100 (served for ?skip=0) and 2 more (?skip=100).
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

using namespace aj::test;

namespace {

std::string settings(const FixtureWeb& web, const std::string& companies, const std::string& more = "") {
  return "{ companies: " + companies + ", base_url: \"" + web.url("") + "\"" + (more.empty() ? "" : ", " + more) + " }";
}

PipelineRun run_lever(const TempDir& dir, const std::string& settings_yaml, const std::string& search = "{}") {
  return run_pipeline(dir, one_source_pipeline("lever", "lever", settings_yaml, search));
}

// A site whose pages are lever/<site>-<skip>.json.
void add_site(FixtureWeb& web, const std::string& site) {
  web.add({.path = "/v0/postings/" + site, .file = "lever/" + site + "-{skip}.json"});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> queries_to(const FixtureWeb& web, const std::string& path) {
  std::vector<std::string> out;
  for (const auto& r : web.requests())
    if (r.path == path) out.push_back(r.query);
  return out;
}

}  // namespace

TEST(Lever, StoresEveryFieldOfThePostings) {
  FixtureWeb web;
  add_site(web, "acme");
  add_site(web, "beta");
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[acme, beta]", "company_names: { acme: \"Acme Corp\" }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 103u);  // 102 of acme, 1 of beta

  const Row* eng = run.job("5ac21346-8e0c-4494-8e7a-3eb92ff77902");
  ASSERT_NE(eng, nullptr) << run.explain();
  EXPECT_EQ(eng->at("title"), "Senior Software Engineer, Platform");
  EXPECT_EQ(eng->at("company"), "Acme Corp");
  EXPECT_EQ(eng->at("site"), "lever");
  EXPECT_EQ(eng->at("ats"), "lever");
  EXPECT_EQ(eng->at("location"), "Toronto, ON");
  EXPECT_EQ(eng->at("city"), "Toronto");
  EXPECT_EQ(eng->at("state"), "ON");
  EXPECT_EQ(eng->at("country"), "CA");
  EXPECT_EQ(eng->at("job_type"), "fulltime");
  EXPECT_EQ(eng->at("job_function"), "Engineering");
  EXPECT_EQ(eng->at("date_posted"), "2024-06-12");
  EXPECT_EQ(eng->at("job_url"), "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902");
  EXPECT_EQ(eng->at("job_url_direct"), "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply");
  EXPECT_EQ(eng->at("work_arrangement"), "hybrid");
  EXPECT_EQ(eng->at("is_remote"), "0");
  EXPECT_EQ(eng->at("min_amount"), "140000.0");
  EXPECT_EQ(eng->at("max_amount"), "175000.0");
  EXPECT_EQ(eng->at("currency"), "CAD");
  EXPECT_EQ(eng->at("interval"), "yearly");
  EXPECT_EQ(eng->at("salary_source"), "direct_data");
  EXPECT_EQ(eng->at("description"),
            "About the role\nYou will build the services our customers pay with.\n"
            "What you will do\n- Design APIs\n- Review code & mentor\n"
            "Benefits\n- Dental\n"
            "Acme is an equal opportunity employer.");
  EXPECT_TRUE(has(eng->at("extra"), "\"team\":\"Platform\"")) << eng->at("extra");
  EXPECT_TRUE(has(eng->at("extra"), "\"all_locations\":\"Toronto, ON; Montreal, QC\"")) << eng->at("extra");

  const Row* analyst = run.job("0f6c2d1e-52c4-4f7a-9d3b-8f1e2a7c4b10");
  ASSERT_NE(analyst, nullptr);
  EXPECT_EQ(analyst->at("job_type"), "contract");
  EXPECT_EQ(analyst->at("job_function"), "Analytics");  // no department: the team
  EXPECT_EQ(analyst->at("location"), "Remote - US");
  EXPECT_EQ(analyst->at("city"), "");
  EXPECT_EQ(analyst->at("country"), "US");
  EXPECT_EQ(analyst->at("work_arrangement"), "remote");
  EXPECT_EQ(analyst->at("is_remote"), "1");
  EXPECT_EQ(analyst->at("interval"), "hourly");
  EXPECT_EQ(analyst->at("min_amount"), "55.0");

  const Row* office = run.job("9b1e7a44-3c2d-4e8f-a1b2-c3d4e5f60718");
  ASSERT_NE(office, nullptr);
  EXPECT_EQ(office->at("job_type"), "");  // "Residency" is the company's own word
  EXPECT_TRUE(has(office->at("extra"), "\"commitment\":\"Residency\"")) << office->at("extra");
  EXPECT_EQ(office->at("interval"), "monthly");  // "per-month-salary"
  EXPECT_EQ(office->at("work_arrangement"), "onsite");
  EXPECT_EQ(office->at("description"), "Keep the New York office running.");  // only descriptionPlain
  EXPECT_EQ(office->at("date_posted"), "2024-06-10");

  const Row* sre = run.job("8e4a0b31-2c3d-4e5f-9a01-b2c3d4e5f6a7");  // page 2
  ASSERT_NE(sre, nullptr);
  EXPECT_EQ(sre->at("work_arrangement"), "");  // "unspecified"
  EXPECT_EQ(sre->at("is_remote"), "");

  const Row* berlin = run.job("c0ffee00-1234-4abc-8def-0123456789ab");
  ASSERT_NE(berlin, nullptr);
  EXPECT_EQ(berlin->at("company"), "beta");  // no display name given: the site name
  EXPECT_EQ(berlin->at("job_type"), "fulltime");
  EXPECT_EQ(berlin->at("city"), "Berlin");
  EXPECT_EQ(berlin->at("country"), "DE");

  EXPECT_EQ(run.source_str("lever", "status"), "ok");
}

TEST(Lever, PagesWithSkipAndLimitUntilAShortPage) {
  FixtureWeb web;
  add_site(web, "acme");
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[acme]"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 102u);
  auto qs = queries_to(web, "/v0/postings/acme");
  ASSERT_EQ(qs.size(), 2u);  // the 2-posting page is the last: no third request
  EXPECT_EQ(qs[0], "mode=json&skip=0&limit=100");
  EXPECT_EQ(qs[1], "mode=json&skip=100&limit=100");
}

TEST(Lever, ReadsEachPageOnceAcrossQueriesAndOnlyAsFarAsNeeded) {
  FixtureWeb web;
  add_site(web, "acme");
  TempDir dir;
  // One posting per term: "engineer" and "manager" are on page 1, "reliability" only on page 2.
  auto run = run_lever(dir, settings(web, "[acme]"), "{ terms: [engineer, manager, reliability], results_wanted: 1 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u) << run.explain();
  EXPECT_NE(run.job("5ac21346-8e0c-4494-8e7a-3eb92ff77902"), nullptr);
  EXPECT_NE(run.job("9b1e7a44-3c2d-4e8f-a1b2-c3d4e5f60718"), nullptr);
  EXPECT_NE(run.job("8e4a0b31-2c3d-4e5f-9a01-b2c3d4e5f6a7"), nullptr);
  auto qs = queries_to(web, "/v0/postings/acme");
  ASSERT_EQ(qs.size(), 2u);  // page 1 once for all three queries, page 2 once
  EXPECT_EQ(qs[1], "mode=json&skip=100&limit=100");
  EXPECT_EQ(run.applied_by("lever", "term"), "ajhost");
}

TEST(Lever, StopsAtResultsWantedWithoutReadingFurther) {
  FixtureWeb web;
  add_site(web, "acme");
  add_site(web, "beta");
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[acme, beta]"), "{ results_wanted: 5 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 5u);
  EXPECT_EQ(web.count("/v0/postings/acme"), 1u);
  EXPECT_EQ(web.count("/v0/postings/beta"), 0u);
}

TEST(Lever, JobTypeAndLocationAreAppliedByAjhostWithDropsCounted) {
  FixtureWeb web;
  add_site(web, "acme");
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[acme]"), "{ job_type: contract }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  // The contract posting passes; "Residency" cannot be judged, so it is kept and counted as unknown.
  EXPECT_EQ(run.jobs.size(), 2u) << run.explain();
  EXPECT_NE(run.job("0f6c2d1e-52c4-4f7a-9d3b-8f1e2a7c4b10"), nullptr);
  EXPECT_NE(run.job("9b1e7a44-3c2d-4e8f-a1b2-c3d4e5f60718"), nullptr);
  EXPECT_EQ(run.applied_by("lever", "job_type"), "ajhost");
  EXPECT_EQ(run.dropped_by("lever", "job_type"), 100);  // 97 part-time + 3 full-time
  bool unknown_counted = false;
  auto summary = run.source("lever");
  for (const auto& f : summary.at("filters").as_array())
    if (f.as_object().at("key") == "job_type") unknown_counted = f.as_object().at("unknown").to_number<int64_t>() == 1;
  EXPECT_TRUE(unknown_counted) << run.explain();
  EXPECT_TRUE(has(run.source_str("lever", "filter_note"), "labels")) << run.explain();

  TempDir dir2;
  auto toronto = run_lever(dir2, settings(web, "[acme]"), "{ locations: [Toronto] }");
  ASSERT_EQ(toronto.proc.exit_code, 0) << toronto.explain();
  // The platform engineer, the manager and the SRE; and the remote analyst, whom
  // ajhost lets through any location of a country it cannot rule out.
  EXPECT_EQ(toronto.jobs.size(), 4u);
  EXPECT_NE(toronto.job("0f6c2d1e-52c4-4f7a-9d3b-8f1e2a7c4b10"), nullptr);
  EXPECT_EQ(toronto.applied_by("lever", "location"), "ajhost");
  EXPECT_EQ(toronto.dropped_by("lever", "location"), 98);
}

TEST(Lever, ABlockedLaterPageKeepsTheFirst) {
  FixtureWeb web;
  web.add({.path = "/v0/postings/acme", .sequence = {"lever/acme-0.json", "lever/captcha.html"}});
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[acme]"), "{ terms: [associate, engineer] }");
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("lever", "status"), "ok");
  EXPECT_EQ(run.jobs.size(), 98u);  // 97 associates + the platform engineer, all from page 1
  std::string msg = run.source_str("lever", "message");
  EXPECT_TRUE(has(msg, "partly blocked") && has(msg, "CAPTCHA") && has(msg, "postings 100+")) << msg;
  EXPECT_EQ(web.count("/v0/postings/acme"), 2u);  // the second query did not try page 2 again
}

TEST(Lever, AnEmptySiteIsNoResults) {
  FixtureWeb web;
  add_site(web, "empty");
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[empty]"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("lever", "status"), "no results");
}

TEST(Lever, ForbiddenAndRateLimitedAreBlocked) {
  for (int code : {403, 429}) {
    FixtureWeb web;
    web.add({.path = "/v0/postings/acme", .file = "lever/acme-{skip}.json", .fault = {.status = code}});
    TempDir dir;
    auto run = run_lever(dir, settings(web, "[acme]"));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("lever", "status"), "blocked") << code;
    EXPECT_TRUE(has(run.source_str("lever", "message"), "HTTP " + std::to_string(code))) << run.explain();
  }
}

TEST(Lever, AnUnexpectedAnswerIsLayoutChanged) {
  FixtureWeb web;
  web.add({.path = "/v0/postings/acme", .body = R"({"ok":false,"error":"Invalid parameter"})", .content_type = "application/json"});
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[acme]"));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("lever", "status"), "layout changed");
  EXPECT_TRUE(has(run.source_str("lever", "message"), "Invalid parameter")) << run.explain();
}

TEST(Lever, NoAnswerIsANetworkError) {
  {
    TempDir dir;
    auto run = run_lever(dir, "{ companies: [acme], base_url: \"http://127.0.0.1:1\" }");
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("lever", "status"), "network error");
  }
  {
    FixtureWeb web;
    web.add({.path = "/v0/postings/acme", .file = "lever/acme-{skip}.json", .fault = {.reset_after_bytes = 100}});
    TempDir dir;
    auto run = run_lever(dir, settings(web, "[acme]"));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("lever", "status"), "network error");
  }
}

TEST(Lever, AnUnknownSiteNamesItAndTheEuInstance) {
  FixtureWeb web;
  TempDir dir;
  auto run = run_lever(dir, settings(web, "[nosuchco]"));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("lever", "status"), "error");
  std::string msg = run.source_str("lever", "message");
  EXPECT_TRUE(has(msg, "'nosuchco'") && has(msg, "HTTP 404") && has(msg, "api.eu.lever.co")) << msg;
}
