// The greenhouse source through ajhost against the fixture web: real 2013 board
// data (generalassembly), Greenhouse's own docs example (vaulttec) and a
// constructed board (acme); see tests/fixtures/web/greenhouse/README.md.
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

using namespace aj::test;

namespace {

std::string settings(const FixtureWeb& web, const std::string& companies, const std::string& more = "") {
  return "{ companies: " + companies + ", base_url: \"" + web.url("") + "\"" + (more.empty() ? "" : ", " + more) + " }";
}

PipelineRun run_greenhouse(const TempDir& dir, const std::string& settings_yaml, const std::string& search = "{}") {
  return run_pipeline(dir, one_source_pipeline("greenhouse", "greenhouse", settings_yaml, search));
}

void add_board(FixtureWeb& web, const std::string& token, const std::string& file) {
  web.add({.path = "/v1/boards/" + token + "/jobs", .file = "greenhouse/" + file});
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(Greenhouse, StoresTheFieldsOfRealPostings) {
  FixtureWeb web;
  add_board(web, "generalassembly", "generalassembly_jobs.json");
  web.add({.path = "/v1/boards/generalassembly", .file = "greenhouse/generalassembly_board.json"});
  add_board(web, "vaulttec", "vaulttec_jobs.json");  // no board info route: 404, so the name comes from settings
  TempDir dir;
  auto run = run_greenhouse(dir, settings(web, "[generalassembly, vaulttec]", "company_names: { vaulttec: \"Vault-Tec\" }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 3u) << run.explain();

  const Row* dev = run.job("721");
  ASSERT_NE(dev, nullptr) << run.explain();
  EXPECT_EQ(dev->at("title"), "Application developer");
  EXPECT_EQ(dev->at("company"), "General Assembly");  // from GET /v1/boards/generalassembly
  EXPECT_EQ(dev->at("site"), "greenhouse");
  EXPECT_EQ(dev->at("ats"), "greenhouse");
  EXPECT_EQ(dev->at("location"), "New York, NY");
  EXPECT_EQ(dev->at("city"), "New York");
  EXPECT_EQ(dev->at("state"), "NY");
  EXPECT_EQ(dev->at("date_posted"), "2013-09-12");
  EXPECT_EQ(dev->at("job_url"), "http://boards.greenhouse.io/generalassembly/jobs/721");
  EXPECT_EQ(dev->at("job_url_direct"), "http://boards.greenhouse.io/generalassembly/jobs/721");
  EXPECT_EQ(dev->at("job_function"), "");  // "departments": []
  EXPECT_EQ(dev->at("is_remote"), "");     // nothing says so either way
  EXPECT_EQ(dev->at("company_description"), "General Assembly teaches today's most relevant skills.");
  // The entity-escaped HTML came out as text: headings and list items on their own lines.
  const std::string& d = dev->at("description");
  EXPECT_EQ(d.rfind("Who this job is right for\nAnim wes anderson mixtape", 0), 0u) << d;
  EXPECT_TRUE(has(d, "\n- Bespoke exercitation viral typewriter.\n- Do small batch vinyl")) << d;
  EXPECT_TRUE(has(d, "you probably haven't heard of them cred.")) << d;  // &#x27;
  EXPECT_TRUE(has(d, "Required skills & experience")) << d;             // &amp;amp; escaped twice on purpose
  EXPECT_FALSE(has(d, "<") || has(d, "&lt;") || has(d, "&amp;")) << d;

  const Row* fin = run.job("722");
  ASSERT_NE(fin, nullptr);
  EXPECT_EQ(fin->at("title"), "Finance Analyst");
  EXPECT_EQ(fin->at("job_function"), "Finance");
  EXPECT_EQ(fin->at("location"), "New York");
  EXPECT_EQ(fin->at("city"), "New York");
  EXPECT_EQ(fin->at("state"), "");

  const Row* vault = run.job("127817");
  ASSERT_NE(vault, nullptr);
  EXPECT_EQ(vault->at("title"), "Vault Designer");
  EXPECT_EQ(vault->at("company"), "Vault-Tec");
  EXPECT_EQ(vault->at("location"), "NYC");
  EXPECT_EQ(vault->at("city"), "NYC");
  EXPECT_EQ(vault->at("country"), "United States");  // from the leaf office "New York, NY, United States"
  EXPECT_EQ(vault->at("job_function"), "Department of Departments");
  EXPECT_EQ(vault->at("date_posted"), "2016-01-14");
  EXPECT_EQ(vault->at("language"), "en");
  EXPECT_EQ(vault->at("job_url"), "https://boards.greenhouse.io/vaulttec/jobs/127817");
  EXPECT_TRUE(has(vault->at("extra"), "\"requisition_id\":\"50\"")) << vault->at("extra");
  EXPECT_TRUE(has(vault->at("extra"), "East Coast, New York City")) << vault->at("extra");
  // The docs example escapes its HTML twice ("&amp;lt;p&amp;gt;"): still plain text.
  EXPECT_EQ(vault->at("description"),
            "This is the job description.\nAny HTML included through the hosted job application editor will be "
            "automatically converted into corresponding HTML entities.");

  EXPECT_EQ(run.source_str("greenhouse", "status"), "ok");
  EXPECT_EQ(run.source_num("greenhouse", "found"), 3);
  EXPECT_TRUE(has(run.proc.err, "no board name")) << run.explain();  // vaulttec's info was not there
}

TEST(Greenhouse, ReadsTypesPlacesAndArrangementsOfConstructedPostings) {
  FixtureWeb web;
  add_board(web, "acme", "acme_jobs.json");
  TempDir dir;
  auto run = run_greenhouse(dir, settings(web, "[acme]", "company_names: { acme: \"Acme Inc\" }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u);         // the posting without a title is skipped
  EXPECT_EQ(run.job("4012004"), nullptr);

  const Row* eng = run.job("4012001");
  ASSERT_NE(eng, nullptr) << run.explain();
  EXPECT_EQ(eng->at("company"), "Acme Inc");
  EXPECT_EQ(eng->at("date_posted"), "2024-05-28");  // first_published wins over updated_at
  EXPECT_EQ(eng->at("job_type"), "fulltime");       // metadata "Employment Type"
  EXPECT_EQ(eng->at("city"), "Toronto");
  EXPECT_EQ(eng->at("state"), "ON");
  EXPECT_EQ(eng->at("country"), "Canada");
  EXPECT_EQ(eng->at("job_function"), "Engineering");
  EXPECT_EQ(eng->at("description"), "About the role\nBuild the payments platform in C++ & Go.\n- Design services\n- Review code");
  EXPECT_TRUE(has(eng->at("extra"), "\"requisition_id\":\"ENG-118\""));

  const Row* support = run.job("4012002");
  ASSERT_NE(support, nullptr);
  EXPECT_EQ(support->at("job_type"), "contract");  // a multi-select value
  EXPECT_EQ(support->at("location"), "Remote - Canada");
  EXPECT_EQ(support->at("city"), "");  // not split into nonsense
  EXPECT_EQ(support->at("work_arrangement"), "remote");
  EXPECT_EQ(support->at("is_remote"), "1");

  const Row* design = run.job("4012003");
  ASSERT_NE(design, nullptr);
  EXPECT_EQ(design->at("work_arrangement"), "hybrid");  // metadata "Workplace Type"
  EXPECT_EQ(design->at("is_remote"), "0");
  EXPECT_EQ(design->at("language"), "fr");
  EXPECT_EQ(design->at("country"), "Canada");  // "Montreal, QC" + the office
  EXPECT_EQ(design->at("job_type"), "");
}

TEST(Greenhouse, ReadsABoardOncePerRunAndAjhostAppliesTheSearch) {
  FixtureWeb web;
  add_board(web, "generalassembly", "generalassembly_jobs.json");
  web.add({.path = "/v1/boards/generalassembly", .file = "greenhouse/generalassembly_board.json"});
  add_board(web, "acme", "acme_jobs.json");
  TempDir dir;
  // 2 terms x 2 locations = 4 queries over 2 boards of 2 + 3 postings.
  auto run = run_greenhouse(dir, settings(web, "[generalassembly, acme]"),
                            "{ terms: [developer, analyst], locations: [\"New York\", Toronto] }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(web.count("/v1/boards/generalassembly/jobs"), 1u);
  EXPECT_EQ(web.count("/v1/boards/generalassembly"), 1u);
  EXPECT_EQ(web.count("/v1/boards/acme/jobs"), 1u);
  EXPECT_EQ(run.source_num("greenhouse", "queries"), 4);
  // Only the New York developer and analyst match; acme's postings match neither term.
  ASSERT_EQ(run.jobs.size(), 2u) << run.explain();
  EXPECT_NE(run.job("721"), nullptr);
  EXPECT_NE(run.job("722"), nullptr);
  EXPECT_EQ(run.applied_by("greenhouse", "term"), "ajhost");
  EXPECT_EQ(run.applied_by("greenhouse", "location"), "ajhost");
  // 4 queries x 5 postings = 20 emitted, 2 kept. Term first: per query 4 of 5 fail it
  // (the one matching posting passes term but in Toronto fails location).
  EXPECT_EQ(run.dropped_by("greenhouse", "term"), 16);
  EXPECT_EQ(run.dropped_by("greenhouse", "location"), 2);
  EXPECT_EQ(run.source_num("greenhouse", "filtered"), 18);
  EXPECT_TRUE(has(run.source_str("greenhouse", "filter_note"), "no search")) << run.explain();
}

TEST(Greenhouse, StopsAtResultsWanted) {
  FixtureWeb web;
  add_board(web, "acme", "acme_jobs.json");
  add_board(web, "generalassembly", "generalassembly_jobs.json");
  TempDir dir;
  auto run = run_greenhouse(dir, settings(web, "[acme, generalassembly]"), "{ results_wanted: 2 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u);
  EXPECT_NE(run.job("4012001"), nullptr);
  EXPECT_NE(run.job("4012002"), nullptr);
  EXPECT_EQ(web.count("/v1/boards/generalassembly/jobs"), 0u);  // the query had enough from the first board
}

TEST(Greenhouse, AnEmptyBoardIsNoResults) {
  FixtureWeb web;
  add_board(web, "acme", "empty_jobs.json");
  TempDir dir;
  auto run = run_greenhouse(dir, settings(web, "[acme]"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("greenhouse", "status"), "no results");
  EXPECT_EQ(web.count("/v1/boards/acme"), 0u);  // no postings: no name needed
}

TEST(Greenhouse, ForbiddenAndRateLimitedAreBlocked) {
  for (int code : {403, 429}) {
    FixtureWeb web;
    web.add({.path = "/v1/boards/acme/jobs", .file = "greenhouse/acme_jobs.json", .fault = {.status = code}});
    TempDir dir;
    auto run = run_greenhouse(dir, settings(web, "[acme]"), "{ terms: [a, b] }");
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("greenhouse", "status"), "blocked") << code;
    EXPECT_TRUE(has(run.source_str("greenhouse", "message"), "HTTP " + std::to_string(code))) << run.explain();
    EXPECT_TRUE(has(run.source_str("greenhouse", "message"), "Greenhouse board 'acme'")) << run.explain();
    EXPECT_EQ(web.count("/v1/boards/acme/jobs"), 1u);  // the second query did not ask again
  }
}

TEST(Greenhouse, AnUnexpectedAnswerIsLayoutChanged) {
  for (std::string body : {std::string(R"({"postings": []})"), std::string("<html><body>Jobs</body></html>")}) {
    FixtureWeb web;
    web.add({.path = "/v1/boards/acme/jobs", .body = body, .content_type = "application/json"});
    TempDir dir;
    auto run = run_greenhouse(dir, settings(web, "[acme]"));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("greenhouse", "status"), "layout changed") << body;
  }
}

TEST(Greenhouse, NoAnswerIsANetworkError) {
  {
    TempDir dir;
    auto run = run_greenhouse(dir, "{ companies: [acme], base_url: \"http://127.0.0.1:1\" }");
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("greenhouse", "status"), "network error");
  }
  {
    FixtureWeb web;
    web.add({.path = "/v1/boards/acme/jobs", .file = "greenhouse/acme_jobs.json", .fault = {.reset_after_bytes = 20}});
    TempDir dir;
    auto run = run_greenhouse(dir, settings(web, "[acme]"));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("greenhouse", "status"), "network error");
  }
}

TEST(Greenhouse, AnUnknownBoardNamesTheToken) {
  FixtureWeb web;  // no routes: every board is 404
  TempDir dir;
  auto run = run_greenhouse(dir, settings(web, "[nosuchco]"));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("greenhouse", "status"), "error");
  std::string msg = run.source_str("greenhouse", "message");
  EXPECT_TRUE(has(msg, "'nosuchco'") && has(msg, "HTTP 404") && has(msg, "check the token in `companies`")) << msg;
}

TEST(Greenhouse, AFailingBoardDoesNotLoseTheOthers) {
  FixtureWeb web;
  add_board(web, "acme", "acme_jobs.json");
  web.add({.path = "/v1/boards/limited/jobs", .body = "{}", .fault = {.status = 429}});
  TempDir dir;
  auto run = run_greenhouse(dir, settings(web, "[limited, acme, nosuchco]"), "{ terms: [engineer, designer] }");
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();  // postings were found: the source is ok, with reasons
  EXPECT_EQ(run.source_str("greenhouse", "status"), "ok");
  EXPECT_NE(run.job("4012001"), nullptr);
  EXPECT_NE(run.job("4012003"), nullptr);
  // A partial result: the first failure's outcome, with every failed board named.
  std::string msg = run.source_str("greenhouse", "message");
  EXPECT_TRUE(has(msg, "partly blocked")) << msg;
  EXPECT_TRUE(has(msg, "'limited'") && has(msg, "HTTP 429") && has(msg, "'nosuchco'") && has(msg, "HTTP 404")) << msg;
  EXPECT_EQ(web.count("/v1/boards/limited/jobs"), 1u);
  EXPECT_EQ(web.count("/v1/boards/nosuchco/jobs"), 1u);
}

TEST(Greenhouse, WrongSettingsAreConfigurationErrors) {
  FixtureWeb web;
  struct Case {
    std::string settings, says;
  } cases[] = {
      {"{ companies: [] }", "companies"},
      {"{ companies: [\"boards.greenhouse.io/acme\"] }", "not a URL"},
      {"{ companies: [acme], base_url: \"ftp://x\" }", "base_url"},
      {"{ companies: [acme], company_names: { acmee: Acme } }", "company_names: 'acmee'"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    auto run = run_greenhouse(dir, c.settings);
    EXPECT_NE(run.proc.exit_code, 0) << c.settings << "\n" << run.explain();
    EXPECT_TRUE(has(run.proc.err + run.proc.out, c.says)) << c.settings << "\n" << run.explain();
  }
  EXPECT_EQ(web.requests().size(), 0u);
}
