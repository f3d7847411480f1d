// The ashby source through ajhost against the fixture web. No real Ashby capture
// exists: the boards are constructed from the posting API's documented shape
// (tests/fixtures/web/ashby/README.md).
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

using namespace aj::test;

namespace {

std::string settings(const FixtureWeb& web, const std::string& companies, const std::string& more = "") {
  return "{ companies: " + companies + ", base_url: \"" + web.url("") + "\"" + (more.empty() ? "" : ", " + more) + " }";
}

PipelineRun run_ashby(const TempDir& dir, const std::string& settings_yaml, const std::string& search = "{}") {
  return run_pipeline(dir, one_source_pipeline("ashby", "ashby", settings_yaml, search));
}

void add_board(FixtureWeb& web, const std::string& org, const std::string& file) {
  web.add({.path = "/posting-api/job-board/" + org, .file = "ashby/" + file});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kEngineer = "4c3b6a8e-1f2d-4e5a-9b7c-0d1e2f3a4b5c";
const char* kSupport = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const char* kIntern = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
const char* kUnlisted = "ffffffff-0000-4000-8000-000000000001";
const char* kWriter = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";

}  // namespace

TEST(Ashby, StoresEveryFieldOfTheListedPostings) {
  FixtureWeb web;
  add_board(web, "acme", "acme.json");
  add_board(web, "beta", "beta.json");
  TempDir dir;
  auto run = run_ashby(dir, settings(web, "[acme, beta]", "company_names: { acme: \"Acme AI\" }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 4u);
  EXPECT_EQ(run.job(kUnlisted), nullptr);  // isListed: false

  const Row* eng = run.job(kEngineer);
  ASSERT_NE(eng, nullptr) << run.explain();
  EXPECT_EQ(eng->at("title"), "Staff Machine Learning Engineer");
  EXPECT_EQ(eng->at("company"), "Acme AI");
  EXPECT_EQ(eng->at("site"), "ashby");
  EXPECT_EQ(eng->at("ats"), "ashby");
  EXPECT_EQ(eng->at("job_function"), "Engineering");
  EXPECT_EQ(eng->at("job_type"), "fulltime");
  EXPECT_EQ(eng->at("location"), "San Francisco, CA");
  EXPECT_EQ(eng->at("city"), "San Francisco");  // from the postal address
  EXPECT_EQ(eng->at("state"), "California");
  EXPECT_EQ(eng->at("country"), "United States");
  EXPECT_EQ(eng->at("work_arrangement"), "hybrid");
  EXPECT_EQ(eng->at("is_remote"), "0");
  EXPECT_EQ(eng->at("date_posted"), "2024-05-21");
  EXPECT_EQ(eng->at("job_url"), "https://jobs.ashbyhq.com/acme/4c3b6a8e-1f2d-4e5a-9b7c-0d1e2f3a4b5c");
  EXPECT_EQ(eng->at("job_url_direct"), "https://jobs.ashbyhq.com/acme/4c3b6a8e-1f2d-4e5a-9b7c-0d1e2f3a4b5c/application");
  EXPECT_EQ(eng->at("description"), "About Acme\nWe train models that read contracts.\n- Ship ranking models\n- Own evaluation");
  // Two tiers of USD yearly salary: the lowest minimum and the highest maximum; equity is not pay.
  EXPECT_EQ(eng->at("min_amount"), "220000.0");
  EXPECT_EQ(eng->at("max_amount"), "290000.0");
  EXPECT_EQ(eng->at("currency"), "USD");
  EXPECT_EQ(eng->at("interval"), "yearly");
  EXPECT_EQ(eng->at("salary_source"), "direct_data");
  const std::string& extra = eng->at("extra");
  EXPECT_TRUE(has(extra, "\"team\":\"Applied ML\"")) << extra;
  EXPECT_TRUE(has(extra, "\"secondary_locations\":\"New York, NY; Remote - US\"")) << extra;
  EXPECT_TRUE(has(extra, "Offers Equity")) << extra;

  const Row* support = run.job(kSupport);
  ASSERT_NE(support, nullptr);
  EXPECT_EQ(support->at("job_type"), "parttime");
  EXPECT_EQ(support->at("job_function"), "Support");
  EXPECT_EQ(support->at("location"), "Remote");
  EXPECT_EQ(support->at("city"), "");
  EXPECT_EQ(support->at("is_remote"), "1");
  EXPECT_EQ(support->at("work_arrangement"), "remote");  // isRemote, no workplaceType
  EXPECT_EQ(support->at("description"), "Answer customer questions by chat.");  // descriptionPlain
  EXPECT_EQ(support->at("interval"), "hourly");
  EXPECT_EQ(support->at("min_amount"), "28.0");
  EXPECT_EQ(support->at("max_amount"), "32.0");

  const Row* intern = run.job(kIntern);
  ASSERT_NE(intern, nullptr);
  EXPECT_EQ(intern->at("job_type"), "internship");
  EXPECT_EQ(intern->at("job_function"), "Finance");  // no department: the team
  EXPECT_EQ(intern->at("city"), "Toronto");          // from the location text
  EXPECT_EQ(intern->at("state"), "ON");
  EXPECT_EQ(intern->at("country"), "Canada");
  EXPECT_EQ(intern->at("work_arrangement"), "onsite");
  EXPECT_EQ(intern->at("is_remote"), "0");
  EXPECT_EQ(intern->at("min_amount"), "");  // no compensation given

  const Row* writer = run.job(kWriter);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(writer->at("company"), "beta");
  EXPECT_EQ(writer->at("job_type"), "contract");
  EXPECT_EQ(writer->at("currency"), "GBP");
  EXPECT_EQ(writer->at("interval"), "daily");
  EXPECT_EQ(writer->at("work_arrangement"), "remote");
  EXPECT_EQ(writer->at("is_remote"), "1");

  EXPECT_EQ(run.source_str("ashby", "status"), "ok");
  size_t board_requests = 0;
  for (const auto& r : web.requests()) {
    if (r.path.rfind("/posting-api/", 0) != 0) continue;
    ++board_requests;
    EXPECT_EQ(r.query, "includeCompensation=true") << r.path;
  }
  EXPECT_EQ(board_requests, 2u);
}

TEST(Ashby, ReadsABoardOncePerRunAndAjhostAppliesTheSearch) {
  FixtureWeb web;
  add_board(web, "acme", "acme.json");
  TempDir dir;
  auto run = run_ashby(dir, settings(web, "[acme]"), "{ terms: [engineer, intern], locations: [Toronto, \"San Francisco\"] }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(web.count("/posting-api/job-board/acme"), 1u);
  EXPECT_EQ(run.source_num("ashby", "queries"), 4);
  ASSERT_EQ(run.jobs.size(), 2u) << run.explain();  // the SF engineer and the Toronto intern
  EXPECT_NE(run.job(kEngineer), nullptr);
  EXPECT_NE(run.job(kIntern), nullptr);
  EXPECT_EQ(run.applied_by("ashby", "term"), "ajhost");
  EXPECT_EQ(run.applied_by("ashby", "location"), "ajhost");
  // 4 queries x 3 listed postings: 2 fail the term in each, and the term's match
  // fails the location in the query for the other city.
  EXPECT_EQ(run.dropped_by("ashby", "term"), 8);
  EXPECT_EQ(run.dropped_by("ashby", "location"), 2);
}

TEST(Ashby, StopsAtResultsWanted) {
  FixtureWeb web;
  add_board(web, "acme", "acme.json");
  add_board(web, "beta", "beta.json");
  TempDir dir;
  auto run = run_ashby(dir, settings(web, "[acme, beta]"), "{ results_wanted: 1 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 1u);
  EXPECT_NE(run.job(kEngineer), nullptr);
  EXPECT_EQ(web.count("/posting-api/job-board/beta"), 0u);
}

TEST(Ashby, AnEmptyBoardIsNoResultsAndTheLogSaysItMayNotExist) {
  FixtureWeb web;
  add_board(web, "ghost", "empty.json");  // what Ashby answers for a board that does not exist
  TempDir dir;
  auto run = run_ashby(dir, settings(web, "[ghost]"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("ashby", "status"), "no results");
  EXPECT_TRUE(has(run.proc.err, "Ashby job board 'ghost' lists no jobs")) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "check the name in `companies`")) << run.explain();
}

TEST(Ashby, ABoardOfUnlistedPostingsIsNoResults) {
  FixtureWeb web;
  web.add({.path = "/posting-api/job-board/acme",
           .body = R"({"apiVersion":"1","jobs":[{"id":"x1","title":"Hidden","isListed":false}]})",
           .content_type = "application/json"});
  TempDir dir;
  auto run = run_ashby(dir, settings(web, "[acme]"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("ashby", "status"), "no results");
  EXPECT_FALSE(has(run.proc.err, "lists no jobs")) << run.explain();
}

TEST(Ashby, ForbiddenAndRateLimitedAreBlocked) {
  for (int code : {403, 429}) {
    FixtureWeb web;
    web.add({.path = "/posting-api/job-board/acme", .file = "ashby/acme.json", .fault = {.status = code}});
    TempDir dir;
    auto run = run_ashby(dir, settings(web, "[acme]"), "{ terms: [a, b] }");
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("ashby", "status"), "blocked") << code;
    EXPECT_TRUE(has(run.source_str("ashby", "message"), "Ashby job board 'acme'")) << run.explain();
    EXPECT_EQ(web.count("/posting-api/job-board/acme"), 1u);
  }
}

TEST(Ashby, AnUnexpectedAnswerIsLayoutChanged) {
  for (std::string body : {std::string(R"({"apiVersion":"2","postings":[]})"),
                           std::string(R"({"apiVersion":"1","jobs":[{"name":"no id or title"}]})")}) {
    FixtureWeb web;
    web.add({.path = "/posting-api/job-board/acme", .body = body, .content_type = "application/json"});
    TempDir dir;
    auto run = run_ashby(dir, settings(web, "[acme]"));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("ashby", "status"), "layout changed") << body;
  }
}

TEST(Ashby, NoAnswerIsANetworkError) {
  {
    TempDir dir;
    auto run = run_ashby(dir, "{ companies: [acme], base_url: \"http://127.0.0.1:1\" }");
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("ashby", "status"), "network error");
  }
  {
    FixtureWeb web;
    web.add({.path = "/posting-api/job-board/acme", .file = "ashby/acme.json", .fault = {.reset_after_bytes = 50}});
    TempDir dir;
    auto run = run_ashby(dir, settings(web, "[acme]"));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("ashby", "status"), "network error");
  }
}

TEST(Ashby, ANotFoundBoardNamesIt) {
  FixtureWeb web;
  TempDir dir;
  auto run = run_ashby(dir, settings(web, "[nosuchco]"));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("ashby", "status"), "error");
  EXPECT_TRUE(has(run.source_str("ashby", "message"), "'nosuchco'")) << run.explain();
}
