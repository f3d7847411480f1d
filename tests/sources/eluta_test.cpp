// The eluta source through ajhost and real headless Chromium, against a
// constructed Eluta on the fixture web (tests/fixtures/web/eluta/: result
// cards rendered by JavaScript, titles that open employer and ATS pages in
// four ways, a bot check, a redesign, an empty search). Covers the fields of
// specific postings (job_url_direct and ats from the followed pages), paging,
// the jobs / pages / results_wanted limits, the tab limit, every status, and
// which filters Eluta applies and which ajhost does.
//
// Skipped when Chromium is not installed, but for the settings checks, which
// need no browser.
#include "browser/launcher.hpp"
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace aj::test {
namespace {

constexpr const char* kSearch = "/eluta/search";

// The postings of the constructed site (eluta/search.html), by Eluta id.
constexpr const char* kMaple = "4f9a1c2e7b3d4e5f8a9b0c1d2e3f4a5b";      // page 1, 302 to a Workday URL
constexpr const char* kNorthern = "9b8a7c6d5e4f30211203948576abcdef";   // page 1, window.open to Greenhouse
constexpr const char* kFraser = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";     // page 1, a /spl/ page that forwards by script
constexpr const char* kAcme = "1234567890abcdef1234567890abcdef";       // page 2, navigates the results tab to Lever
constexpr const char* kBayStreet = "fedcba0987654321fedcba0987654321";  // page 2, window.open to Taleo

/// Why Chromium cannot run here, or "" (found as the browser service finds it).
std::string no_chromium() {
  std::string error;
  return aj::browser::find_executable("", error).empty() ? error : "";
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

/// YYYY-MM-DD (UTC, like the plugin) `days` before now.
std::string days_ago(int days) {
  std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

/// The constructed site, from its routes file; `search_file` replaces the search page.
void serve_site(FixtureWeb& web, const std::string& search_file = "") {
  web.load_routes(std::filesystem::path(AJ_FIXTURES_DIR) / "web/eluta/routes.yaml");
  if (!search_file.empty()) web.add({.path = kSearch, .file = search_file});
}

/// The plugin's settings against `web` (a YAML flow mapping): no delay between pages and
/// short waits, unless `more` ("jobs: 2, timeout_seconds: 2") says otherwise.
std::string settings(const FixtureWeb& web, const std::string& more = "") {
  auto sets = [&](const std::string& key) { return more.starts_with(key + ":") || has(more, " " + key + ":"); };
  std::string s = "{ base_url: \"" + web.url("/eluta") + "\"";
  if (!sets("delay_seconds")) s += ", delay_seconds: 0";
  if (!sets("timeout_seconds")) s += ", timeout_seconds: 10";
  return s + (more.empty() ? "" : ", " + more) + " }";
}

const std::string kToronto = "{ terms: [developer], locations: [\"Toronto, ON\"] }";

/// quick_host_yaml() with the browser's tab limit.
std::string host_yaml(int max_tabs) {
  std::string y = quick_host_yaml();
  EXPECT_TRUE(y.ends_with("browser:\n  downloads_dir: downloads\n")) << "the browser block must come last:\n" << y;
  return y + "  max_tabs: " + std::to_string(max_tabs) + "\n";
}

PipelineRun run_eluta(const TempDir& dir, const std::string& settings, const std::string& search = kToronto,
                      int max_tabs = 5) {
  return run_pipeline(dir, one_source_pipeline("eluta", "eluta", settings, search), {}, host_yaml(max_tabs));
}

/// The search requests the fixture web saw, in order.
std::vector<RequestLog> searches(const FixtureWeb& web) {
  std::vector<RequestLog> out;
  for (auto& r : web.requests())
    if (r.path == kSearch) out.push_back(r);
  return out;
}

int64_t browser_num(const PipelineRun& run, const char* key) {
  const auto* b = run.summary.if_contains("browser");
  if (!b || !b->is_object()) return -1;
  const auto* v = b->as_object().if_contains(key);
  return v && v->is_number() ? v->to_number<int64_t>() : -1;
}

class Eluta : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = no_chromium(); !why.empty()) GTEST_SKIP() << "browser tests skipped: " << why;
  }
};

// ---- fields, following, paging, the tab limit ----------------------------------------------

TEST_F(Eluta, StoresTheCardsOfTwoPagesWithTheEmployerPagesTheirTitlesOpen) {
  FixtureWeb web;
  serve_site(web);
  TempDir dir;
  // Two tabs in all: the results page and one employer page at a time.
  auto run = run_eluta(dir, settings(web), kToronto, 2);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 5u) << run.explain();

  // Every field of one card; its title link went through Eluta's /spl/ redirect to Workday.
  const Row* j = run.job(kMaple);
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "eluta");
  EXPECT_EQ(j->at("title"), "Senior C++ Developer");
  EXPECT_EQ(j->at("company"), "Maple Robotics") << "without the TOP EMPLOYER badge";
  EXPECT_EQ(j->at("company_url"), web.url("/eluta/Maple-Robotics"));
  EXPECT_EQ(j->at("location"), "Toronto, ON");
  EXPECT_EQ(j->at("city"), "Toronto");
  EXPECT_EQ(j->at("state"), "ON");
  EXPECT_EQ(j->at("country"), "Canada");
  EXPECT_EQ(j->at("date_posted"), days_ago(2));
  EXPECT_EQ(j->at("description"),
            "Design motion-planning software in modern C++ (C++20) for our warehouse robots; Linux, CMake, ROS 2.");
  EXPECT_EQ(j->at("min_amount"), "120000.0");
  EXPECT_EQ(j->at("max_amount"), "140000.0");
  EXPECT_EQ(j->at("interval"), "yearly");
  EXPECT_EQ(j->at("currency"), "CAD");
  EXPECT_EQ(j->at("salary_source"), "direct_data");
  EXPECT_EQ(j->at("job_url"), web.url("/eluta/spl/senior-c-developer-maple-robotics-4f9a1c2e7b3d4e5f8a9b0c1d2e3f4a5b"));
  EXPECT_EQ(j->at("job_url_direct"),
            web.url("/eluta/ats/maple.wd3.myworkdayjobs.com/en-US/MapleCareers/job/Toronto-ON/Senior-C---Developer_R-10234"));
  EXPECT_EQ(j->at("ats"), "workday");
  EXPECT_EQ(j->at("is_remote"), "");
  EXPECT_EQ(j->at("job_type"), "") << "Eluta's cards do not say";

  // window.open from a click handler, to Greenhouse.
  const Row* n = run.job(kNorthern);
  ASSERT_NE(n, nullptr) << run.explain();
  EXPECT_EQ(n->at("title"), "Embedded Software Engineer");
  EXPECT_EQ(n->at("company"), "Northern Lights Systems");
  EXPECT_EQ(n->at("location"), "Ottawa, ON");
  EXPECT_EQ(n->at("date_posted"), days_ago(1));
  EXPECT_EQ(n->at("min_amount"), "") << "no pay on this card";
  EXPECT_EQ(n->at("job_url_direct"), web.url("/eluta/ats/boards.greenhouse.io/northernlights/jobs/4471?gh_src=eluta"));
  EXPECT_EQ(n->at("ats"), "greenhouse");

  // A target=_blank link to a /spl/ page that forwards by script: the URL it ends on is the
  // employer's own careers page (no ATS). Remote, paid by the hour.
  const Row* f = run.job(kFraser);
  ASSERT_NE(f, nullptr) << run.explain();
  EXPECT_EQ(f->at("title"), "Backend Developer (C++/Rust)");
  EXPECT_EQ(f->at("location"), "Remote");
  EXPECT_EQ(f->at("city"), "");
  EXPECT_EQ(f->at("is_remote"), "1");
  EXPECT_EQ(f->at("work_arrangement"), "remote");
  EXPECT_EQ(f->at("date_posted"), days_ago(21));
  EXPECT_EQ(f->at("min_amount"), "50.0");
  EXPECT_EQ(f->at("max_amount"), "65.0");
  EXPECT_EQ(f->at("interval"), "hourly");
  EXPECT_EQ(f->at("job_url_direct"), web.url("/eluta/employer/fraser-data-careers.html?job=backend-developer"));
  EXPECT_EQ(f->at("ats"), "");

  // Page 2: a click handler that navigates the results tab itself (to Lever); the tab comes
  // back to the results and the next card is still followed (Taleo).
  const Row* a = run.job(kAcme);
  ASSERT_NE(a, nullptr) << run.explain();
  EXPECT_EQ(a->at("title"), "C++ Software Developer");
  EXPECT_EQ(a->at("city"), "Mississauga");
  EXPECT_EQ(a->at("date_posted"), days_ago(30));
  EXPECT_EQ(a->at("job_url_direct"), web.url("/eluta/ats/jobs.lever.co/acme/5f1c0d2e-8a7b-4c6d-9e0f-112233445566"));
  EXPECT_EQ(a->at("ats"), "lever");
  const Row* b = run.job(kBayStreet);
  ASSERT_NE(b, nullptr) << run.explain();
  EXPECT_EQ(b->at("date_posted"), days_ago(7));
  EXPECT_EQ(b->at("job_url_direct"), web.url("/eluta/ats/bank.taleo.net/careersection/2/jobdetail.ftl?job=BSB-2291"));
  EXPECT_EQ(b->at("ats"), "taleo");

  // Paging: page 1 without pg, page 2 with it, and no page 3 (page 2's pagination has no later page).
  auto s = searches(web);
  ASSERT_EQ(s.size(), 3u) << "pages 1 and 2, and page 2 again after the same-tab navigation";
  EXPECT_EQ(s[0].query, "q=developer&l=Toronto%2C%20ON");
  EXPECT_EQ(s[1].query, "q=developer&l=Toronto%2C%20ON&pg=2");
  EXPECT_EQ(s[2].query, s[1].query);

  // Tabs: never more than host.yaml's 2; every employer page was a popup closed at once
  // (else the next would have found no free slot and been closed by the host).
  EXPECT_EQ(browser_num(run, "max_tabs"), 2) << run.explain();
  EXPECT_LE(browser_num(run, "peak_tabs"), 2) << run.explain();
  EXPECT_EQ(browser_num(run, "peak_tabs"), 2) << "a results page and a popup at once";
  EXPECT_EQ(browser_num(run, "popups"), 4) << run.explain();
  EXPECT_EQ(browser_num(run, "popups_closed"), 0) << run.explain();
  EXPECT_EQ(browser_num(run, "tabs_opened"), 1) << "one results tab (popups are counted apart)";

  EXPECT_EQ(run.source_str("eluta", "status"), "ok");
  EXPECT_EQ(run.source_num("eluta", "found"), 5);
  EXPECT_EQ(run.applied_by("eluta", "term"), "site");
  EXPECT_EQ(run.applied_by("eluta", "location"), "site");
}

TEST_F(Eluta, WithOneTabInTheHostTheFirstPageOpenedIsClosedAndClickingStops) {
  FixtureWeb web;
  serve_site(web);
  TempDir dir;
  // host.yaml allows 1 tab: the results page holds it, so the host closes the page the
  // first click opens at once. The plugin stops clicking for this query, says why, and
  // keeps every posting (without job_url_direct).
  auto run = run_eluta(dir, settings(web), kToronto, 1);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 5u) << run.explain();
  for (const auto& j : run.jobs) EXPECT_EQ(j.at("job_url_direct"), "") << j.at("id");
  EXPECT_EQ(browser_num(run, "peak_tabs"), 1) << run.explain();
  EXPECT_EQ(browser_num(run, "popups_closed"), 1) << run.explain();
  EXPECT_EQ(searches(web).size(), 2u) << "no same-tab click on page 2 either";
  EXPECT_TRUE(has(run.proc.err, "raise host.yaml's browser.max_tabs")) << run.proc.err;
  EXPECT_EQ(run.source_str("eluta", "status"), "ok");
}

TEST_F(Eluta, AResultsTabThatStopsAnsweringEndsTheClickingAndTheNextPageGetsANewTab) {
  FixtureWeb web;
  serve_site(web);
  // Page 1: a title whose click handler never returns; page 2: the usual page 2.
  web.add({.path = kSearch, .sequence = {"eluta/stuck.html", "eluta/search.html"}});
  TempDir dir;
  auto run = run_eluta(dir, settings(web, "timeout_seconds: 2"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("eluta", "status"), "ok");
  ASSERT_EQ(run.jobs.size(), 4u) << "both pages' postings are kept\n" << run.explain();
  for (const auto& j : run.jobs) EXPECT_EQ(j.at("job_url_direct"), "") << j.at("id");
  const Row* hung = run.job("aaaabbbbccccddddeeeeffff00001111");
  ASSERT_NE(hung, nullptr) << run.explain();
  EXPECT_EQ(hung->at("title"), "Night Shift Operator");
  EXPECT_EQ(hung->at("city"), "Regina");
  EXPECT_EQ(searches(web).size(), 2u);
  EXPECT_EQ(browser_num(run, "tabs_opened"), 2) << "page 2 in a new tab\n" << run.explain();
  EXPECT_EQ(browser_num(run, "popups"), 0) << "no click after the stuck one";
  EXPECT_TRUE(has(run.proc.err, "the results page stopped answering when \"Night Shift Operator\"")) << run.proc.err;
}

// ---- limits --------------------------------------------------------------------------------

TEST_F(Eluta, StopsAtTheJobsSettingThePagesSettingAndResultsWanted) {
  FixtureWeb web;
  serve_site(web);
  {
    TempDir dir;
    auto run = run_eluta(dir, settings(web, "jobs: 2, follow_links: false"));
    ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
    EXPECT_EQ(run.jobs.size(), 2u) << run.explain();
    EXPECT_NE(run.job(kMaple), nullptr);
    EXPECT_NE(run.job(kNorthern), nullptr);
    EXPECT_EQ(searches(web).size(), 1u);
    EXPECT_EQ(browser_num(run, "popups"), 0) << "follow_links: false clicks nothing";
    EXPECT_EQ(run.job(kMaple)->at("job_url_direct"), "");
  }
  web.clear_log();
  {
    TempDir dir;
    auto run = run_eluta(dir, settings(web, "pages: 1, follow_links: false"));
    ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
    EXPECT_EQ(run.jobs.size(), 3u) << run.explain();
    EXPECT_EQ(searches(web).size(), 1u);
  }
  web.clear_log();
  {
    TempDir dir;
    auto run = run_eluta(dir, settings(web, "follow_links: false"),
                         "{ terms: [developer], locations: [\"Toronto, ON\"], results_wanted: 4 }");
    ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
    EXPECT_EQ(run.jobs.size(), 4u) << run.explain();
    EXPECT_NE(run.job(kAcme), nullptr) << "the 4th is page 2's first";
    EXPECT_EQ(run.job(kBayStreet), nullptr);
    EXPECT_EQ(searches(web).size(), 2u);
  }
}

// ---- filter honesty ------------------------------------------------------------------------

TEST_F(Eluta, ElutaAppliesTermAndLocationAndAjhostTheRest) {
  FixtureWeb web;
  serve_site(web);
  TempDir dir;
  // 10 days: drops the postings last seen 3 weeks and 30+ days ago. offset 1: the plugin
  // skips the first card itself.
  auto run = run_eluta(dir, settings(web, "follow_links: false"),
                       "{ terms: [developer], locations: [\"Toronto, ON\"], job_type: fulltime, hours_old: 240, "
                       "distance_km: 25, country: ca, offset: 1 }");
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.applied_by("eluta", "term"), "site");
  EXPECT_EQ(run.applied_by("eluta", "location"), "site");
  EXPECT_EQ(run.applied_by("eluta", "offset"), "site");
  EXPECT_EQ(run.applied_by("eluta", "job_type"), "ajhost");
  EXPECT_EQ(run.applied_by("eluta", "hours_old"), "ajhost");
  EXPECT_EQ(run.applied_by("eluta", "country"), "ajhost");
  EXPECT_EQ(run.applied_by("eluta", "distance_km"), "nobody") << "neither Eluta nor ajhost measures distance";
  EXPECT_EQ(run.dropped_by("eluta", "hours_old"), 2) << run.explain();
  EXPECT_EQ(run.dropped_by("eluta", "job_type"), 0) << "cards do not say: unknown, kept";
  EXPECT_EQ(run.dropped_by("eluta", "country"), 0) << "Eluta's postings are Canadian";
  EXPECT_EQ(run.dropped_by("eluta", "location"), 0) << "Ottawa passes: Eluta chose it for Toronto";
  EXPECT_EQ(run.source_num("eluta", "filtered"), 2);
  EXPECT_TRUE(has(run.source_str("eluta", "filter_note"), "term and a location only"))
      << run.source_str("eluta", "filter_note");
  ASSERT_EQ(run.jobs.size(), 2u) << run.explain();
  EXPECT_EQ(run.job(kMaple), nullptr) << "skipped for the offset";
  EXPECT_NE(run.job(kNorthern), nullptr);
  EXPECT_NE(run.job(kBayStreet), nullptr);
}

// ---- statuses ------------------------------------------------------------------------------

TEST_F(Eluta, ABotCheckPageIsBlocked) {
  FixtureWeb web;
  serve_site(web, "eluta/captcha.html");
  TempDir dir;
  auto run = run_eluta(dir, settings(web));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("eluta", "status"), "blocked") << run.explain();
  const std::string msg = run.source_str("eluta", "message");
  EXPECT_TRUE(has(msg, "bot check")) << msg;
  EXPECT_TRUE(has(msg, web.url(kSearch))) << "names the page: " << msg;
  EXPECT_TRUE(run.jobs.empty());
}

TEST_F(Eluta, HttpStatuses403And429AreBlockedAnd503IsANetworkError) {
  for (int status : {403, 429, 503}) {
    FixtureWeb web;
    serve_site(web);
    web.add({.path = kSearch, .file = "eluta/search.html", .fault = {.status = status}});
    TempDir dir;
    auto run = run_eluta(dir, settings(web));
    EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
    EXPECT_EQ(run.source_str("eluta", "status"), status == 503 ? "network error" : "blocked") << run.explain();
    EXPECT_TRUE(has(run.source_str("eluta", "message"), "HTTP " + std::to_string(status)))
        << run.source_str("eluta", "message");
    EXPECT_TRUE(run.jobs.empty());
  }
}

TEST_F(Eluta, APageWithoutCardsOrANoResultsMarkerIsALayoutChange) {
  FixtureWeb web;
  serve_site(web, "eluta/changed.html");
  TempDir dir;
  auto run = run_eluta(dir, settings(web, "timeout_seconds: 2"));
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("eluta", "status"), "layout changed") << run.explain();
  const std::string msg = run.source_str("eluta", "message");
  EXPECT_TRUE(has(msg, ".organic-job")) << msg;
  EXPECT_TRUE(has(msg, "update the eluta plugin")) << msg;
}

TEST_F(Eluta, AnEmptySearchIsNoResults) {
  FixtureWeb web;
  serve_site(web, "eluta/no-results.html");
  TempDir dir;
  auto run = run_eluta(dir, settings(web));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("eluta", "status"), "no results") << run.explain();
  EXPECT_TRUE(run.jobs.empty());
  EXPECT_EQ(searches(web).size(), 1u);
}

TEST_F(Eluta, NoAnswerIsANetworkError) {
  // A port nothing listens on any more (Chromium refuses port 1 itself, as unsafe).
  std::string closed;
  {
    FixtureWeb gone;
    closed = gone.url("");
  }
  TempDir dir;
  auto run = run_eluta(dir, "{ base_url: \"" + closed + "\", delay_seconds: 0, timeout_seconds: 10 }");
  EXPECT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.source_str("eluta", "status"), "network error") << run.explain();
  const std::string msg = run.source_str("eluta", "message");
  EXPECT_TRUE(has(msg, closed + "/search?q=developer")) << msg;
  EXPECT_TRUE(has(msg, "ERR_CONNECTION_REFUSED")) << msg;
}

TEST_F(Eluta, ABlockOnALaterPageKeepsTheEarlierPagesPostings) {
  FixtureWeb web;
  serve_site(web);
  web.add({.path = kSearch, .sequence = {"eluta/search.html", "eluta/captcha.html"}});
  TempDir dir;
  auto run = run_eluta(dir, settings(web, "follow_links: false"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_str("eluta", "status"), "ok") << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u);
  const std::string msg = run.source_str("eluta", "message");
  EXPECT_TRUE(has(msg, "partly blocked (kept 3 postings)")) << msg;
  EXPECT_TRUE(has(msg, "page 2")) << msg;
  EXPECT_TRUE(has(msg, "bot check")) << msg;
}

// ---- settings (no browser needed: the plugin refuses them when it is created) ---------------

TEST(ElutaSettings, WrongSettingsAreRefusedWithTheirName) {
  FixtureWeb web;
  for (auto [bad, words] : std::vector<std::pair<std::string, std::string>>{
           {"pages: 0", "pages must be 1 or more"},
           {"max_tabs: 1", "follow_links needs max_tabs 2 or more"},
           {"delay_seconds: -1", "delay_seconds must be"},
           {"base_url: \"www.eluta.ca\"", "base_url must start with http"}}) {
    TempDir dir;
    std::string s = bad.starts_with("base_url") ? "{ " + bad + " }" : "{ base_url: \"" + web.url("/eluta") + "\", " + bad + " }";
    auto run = run_eluta(dir, s);
    EXPECT_EQ(run.proc.exit_code, 3) << bad << "\n" << run.explain();
    EXPECT_EQ(run.source_str("eluta", "status"), "failed to start") << bad;
    EXPECT_TRUE(has(run.source_str("eluta", "message"), words)) << bad << ": " << run.source_str("eluta", "message");
    EXPECT_TRUE(web.requests().empty());
  }
}

}  // namespace
}  // namespace aj::test
