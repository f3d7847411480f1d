// The describe enricher through ajhost: postings imported from a JSON Lines
// file (the import source) whose URLs point at the fixture web; describe
// fetches their pages and fills descriptions and missing fields. Pages: the
// real Meta page (tests/fixtures/pages/) and constructed ones
// (tests/fixtures/web/describe/, see its README).
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <set>

using namespace aj::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string real_page(const std::string& name) { return read_file(std::string(AJ_FIXTURES_DIR) + "/pages/" + name); }

// One JSON Lines row from (column, value) pairs.
std::string row(const std::vector<std::pair<std::string, std::string>>& cells) {
  boost::json::object o;
  for (const auto& [k, v] : cells) o[k] = v;
  return boost::json::serialize(o) + "\n";
}

// A description long enough to count as complete (>= 200 characters).
const std::string kFullDescription(260, 'x');

PipelineRun run_describe(const TempDir& dir, const std::string& rows, const std::string& settings = "{}") {
  auto file = dir.write("postings.jsonl", rows);
  std::string pipeline = "version: 1\nname: describe-test\nsources:\n  file:\n    use: import\n    settings: { path: \"" +
                         file.string() + "\" }\nenrichers:\n  describe:\n    use: describe\n    settings: " + settings +
                         "\n";
  return run_pipeline(dir, pipeline);
}

boost::json::object sources_of(const Row& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.at("field_sources"), ec);
  return !ec && v.is_object() ? v.as_object() : boost::json::object();
}

std::string source(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

}  // namespace

TEST(DescribeRun, FillsDescriptionsAndMissingFieldsFromJsonLdAndMainContent) {
  FixtureWeb web;
  TempDir dir;
  std::string rows =
      // A snippet (flagged) on a page with JobPosting JSON-LD; title and company given.
      row({{"id", "p1"}, {"title", "Backend Developer"}, {"company", "Acme"},
           {"job_url", "https://board.example/view/p1"},
           {"job_url_direct", web.url("/describe/acme_backend_developer.html")},
           {"description", std::string(230, 's')}, {"description_is_snippet", "true"}}) +
      // No description, title or company; a page without JSON-LD.
      row({{"id", "p2"}, {"job_url", web.url("/describe/northwind_data_analyst.html")}}) +
      // Complete already: no request.
      row({{"id", "p3"}, {"title", "Complete"}, {"company", "Done Inc"}, {"description", kFullDescription},
           {"job_url_direct", web.url("/describe/never_asked.html")}});
  auto run = run_describe(dir, rows);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 3u) << run.explain();

  const Row* p1 = run.job("p1");
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(p1->at("description").rfind("Acme builds the routing engine behind same-day delivery for 300 retailers.\n"
                                        "Responsibilities\n- Design and build services in C++20 and Go",
                                        0),
            0u)
      << p1->at("description");
  EXPECT_TRUE(has(p1->at("description_markdown"), "behind **same-day delivery**")) << p1->at("description_markdown");
  EXPECT_EQ(p1->at("title"), "Backend Developer");  // given by the source: kept
  EXPECT_EQ(p1->at("company"), "Acme");
  EXPECT_EQ(p1->at("location"), "Toronto, ON, CA");
  EXPECT_EQ(p1->at("city"), "Toronto");
  EXPECT_EQ(p1->at("state"), "ON");
  EXPECT_EQ(p1->at("country"), "CA");
  EXPECT_EQ(p1->at("date_posted"), "2025-05-02");
  EXPECT_EQ(p1->at("min_amount"), "110000.0");
  EXPECT_EQ(p1->at("max_amount"), "135000.0");
  EXPECT_EQ(p1->at("interval"), "yearly");
  EXPECT_EQ(p1->at("currency"), "CAD");
  EXPECT_EQ(p1->at("salary_source"), "direct_data");
  EXPECT_EQ(p1->at("job_type"), "fulltime");
  EXPECT_EQ(p1->at("requisition_id"), "ACME-2291");
  EXPECT_EQ(p1->at("education"), "bachelor");
  EXPECT_EQ(p1->at("experience_min_years"), "5");
  EXPECT_EQ(p1->at("company_url_direct"), "https://acme.example");
  EXPECT_EQ(p1->at("company_logo"), "https://acme.example/logo.png");
  EXPECT_EQ(p1->at("job_url_direct"), web.url("/describe/acme_backend_developer.html"));
  auto s1 = sources_of(*p1);
  EXPECT_EQ(source(s1, "description"), "jsonld") << p1->at("field_sources");
  EXPECT_EQ(source(s1, "description_markdown"), "jsonld");
  EXPECT_EQ(source(s1, "min_amount"), "jsonld");
  EXPECT_EQ(source(s1, "location"), "jsonld");
  EXPECT_EQ(source(s1, "requisition_id"), "jsonld");
  EXPECT_FALSE(s1.contains("title"));    // not filled by describe
  EXPECT_FALSE(s1.contains("company"));
  EXPECT_TRUE(has(p1->at("extra"), "\"description_is_snippet\":\"false\"")) << p1->at("extra");
  EXPECT_TRUE(has(p1->at("extra"), "\"valid_through\":\"2099-12-31\"")) << p1->at("extra");
  EXPECT_TRUE(has(p1->at("extra"), "\"direct_apply\":\"true\"")) << p1->at("extra");
  EXPECT_FALSE(has(p1->at("extra"), "expired")) << p1->at("extra");

  const Row* p2 = run.job("p2");
  ASSERT_NE(p2, nullptr);
  EXPECT_EQ(p2->at("title"), "Data Analyst");            // the page's <h1>
  EXPECT_EQ(p2->at("company"), "Northwind Analytics");   // og:site_name
  EXPECT_EQ(p2->at("ats"), "greenhouse");                 // its apply link
  EXPECT_EQ(p2->at("description").rfind("Northwind Analytics helps logistics companies", 0), 0u) << p2->at("description");
  EXPECT_TRUE(has(p2->at("description"), "\nWhat you bring\n- 3+ years of experience with SQL")) << p2->at("description");
  EXPECT_FALSE(has(p2->at("description"), "cookies")) << p2->at("description");
  EXPECT_TRUE(has(p2->at("description_markdown"), "## What you will do\n\n- Build dashboards in **Power BI**"));
  EXPECT_EQ(p2->at("job_url_direct"), "");  // no redirect: the board's URL is not an employer's
  auto s2 = sources_of(*p2);
  EXPECT_EQ(source(s2, "description"), "page") << p2->at("field_sources");
  EXPECT_EQ(source(s2, "title"), "page");
  EXPECT_EQ(source(s2, "company"), "page");
  EXPECT_EQ(source(s2, "ats"), "page");

  const Row* p3 = run.job("p3");
  ASSERT_NE(p3, nullptr);
  EXPECT_EQ(p3->at("description"), kFullDescription);
  EXPECT_EQ(p3->at("field_sources"), "");
  EXPECT_EQ(web.count("/describe/never_asked.html"), 0u);
  EXPECT_EQ(web.count("/describe/acme_backend_developer.html"), 1u);
  EXPECT_EQ(web.count("/describe/northwind_data_analyst.html"), 1u);

  EXPECT_TRUE(has(run.proc.err, "describe: 2 pages read (1 JSON-LD, 1 main content, 0 no description), 0 expired"))
      << run.explain();
  EXPECT_TRUE(has(run.proc.err, "1 already complete")) << run.explain();
}

TEST(DescribeRun, KeepsPostingsWhosePagesFailAndCountsWhy) {
  FixtureWeb web;
  web.add({.path = "/jobs/removed", .body = "<html><body>This job has been filled.</body></html>", .status = 410});
  web.add({.path = "/jobs/forbidden", .file = "describe/northwind_data_analyst.html", .fault = {.status = 403}});
  web.add({.path = "/jobs/error", .file = "describe/northwind_data_analyst.html", .fault = {.status = 500}});
  TempDir dir;
  const std::string snippet = "Short snippet of the posting.";
  std::string rows =
      row({{"id", "gone"}, {"title", "Gone"}, {"description", snippet}, {"job_url_direct", web.url("/jobs/missing")}}) +
      row({{"id", "removed"}, {"title", "Removed"}, {"description", snippet}, {"job_url_direct", web.url("/jobs/removed")}}) +
      row({{"id", "dead"}, {"title", "Dead host"}, {"description", snippet}, {"job_url_direct", "http://127.0.0.1:1/job/7"}}) +
      row({{"id", "forbidden"}, {"title", "Forbidden"}, {"description", snippet},
           {"job_url_direct", web.url("/jobs/forbidden")}}) +
      row({{"id", "error"}, {"title", "Error"}, {"description", snippet}, {"job_url_direct", web.url("/jobs/error")}}) +
      row({{"id", "nourl"}, {"title", "No URL"}, {"description", snippet}, {"job_url", "mailto:jobs@example.com"}});
  auto run = run_describe(dir, rows);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 6u) << run.explain();  // every posting is stored

  for (const char* id : {"gone", "removed", "dead", "forbidden", "error", "nourl"}) {
    const Row* r = run.job(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_EQ(r->at("description"), snippet) << id;  // untouched
    EXPECT_EQ(r->at("description_markdown"), "") << id;
    EXPECT_EQ(r->at("field_sources"), "") << id;
    bool expired = std::string(id) == "gone" || std::string(id) == "removed";
    EXPECT_EQ(has(r->at("extra"), "\"expired\":\"true\""), expired) << id << ": " << r->at("extra");
  }
  EXPECT_EQ(web.count("/jobs/missing"), 1u);
  EXPECT_EQ(web.count("/jobs/forbidden"), 1u);
  // 404 and 410 mark the posting expired; 403, 500 and the dead host are failures by reason.
  EXPECT_TRUE(has(run.proc.err, "describe: 0 pages read (0 JSON-LD, 0 main content, 0 no description), 2 expired "
                                "(404/410), 3 failed ("))
      << run.explain();
  EXPECT_TRUE(has(run.proc.err, "1 blocked")) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "1 HTTP 500")) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "1 without a URL")) << run.explain();
  // The same account under the stage in the printed summary, where people look.
  EXPECT_TRUE(has(run.proc.out, "  describe: 0 pages read (0 JSON-LD, 0 main content, 0 no description), 2 expired"))
      << run.explain();
}

TEST(DescribeRun, FollowsRedirectsAndRecordsTheEmployersUrl) {
  FixtureWeb web;
  // The board's redirector (127.0.0.1) sends the browser to the employer's page (localhost).
  std::string employer = "http://localhost:" + std::to_string(web.port()) + "/careers/meta/software-engineer";
  web.add({.path = "/apply/redirect", .fault = {.redirect_to = employer}});
  web.add({.path = "/careers/meta/software-engineer",
           .body = real_page("jobseek_jsonld_meta_software_engineer.html"),
           .content_type = "text/html; charset=utf-8"});
  TempDir dir;
  std::string rows = row({{"id", "m1"}, {"job_url", web.url("/apply/redirect")}}) +
                     // A direct URL that redirects stays as the source gave it.
                     row({{"id", "m2"}, {"title", "Given title"}, {"job_url_direct", web.url("/apply/redirect")}});
  auto run = run_describe(dir, rows);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();

  const Row* m1 = run.job("m1");
  ASSERT_NE(m1, nullptr) << run.explain();
  EXPECT_EQ(m1->at("job_url_direct"), employer);
  EXPECT_EQ(source(sources_of(*m1), "job_url_direct"), "page") << m1->at("field_sources");
  EXPECT_EQ(m1->at("title"), "Software Engineer, Infrastructure");
  EXPECT_EQ(source(sources_of(*m1), "title"), "jsonld");
  EXPECT_EQ(m1->at("company"), "Meta");
  EXPECT_EQ(m1->at("location"), "Sunnyvale, CA, USA");
  EXPECT_EQ(m1->at("job_type"), "fulltime");
  EXPECT_TRUE(has(m1->at("description"), "\nQualifications\n- Bachelor's degree in Computer Science")) << m1->at("description");
  EXPECT_TRUE(has(m1->at("extra"), "Bellevue, WA")) << m1->at("extra");  // every place, in extra "locations"

  const Row* m2 = run.job("m2");
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m2->at("job_url_direct"), web.url("/apply/redirect"));
  EXPECT_EQ(m2->at("title"), "Given title");
  EXPECT_TRUE(has(m2->at("description"), "Meta is seeking talented engineers")) << m2->at("description");
  EXPECT_EQ(web.count("/careers/meta/software-engineer"), 2u);
}

TEST(DescribeRun, FetchesABatchsPagesConcurrently) {
  // Each page answers after a delay: requests made one after the other share
  // one kept-alive connection; requests in flight together need one each.
  auto connections = [](int parallel) {
    FixtureWeb web;
    web.add({.path = "/slow/*", .file = "describe/northwind_data_analyst.html", .fault = {.latency_ms = 150}});
    TempDir dir;
    std::string rows;
    for (int i = 0; i < 4; ++i)
      rows += row({{"id", "s" + std::to_string(i)}, {"job_url_direct", web.url("/slow/" + std::to_string(i))}});
    auto run = run_describe(dir, rows, "{ parallel: " + std::to_string(parallel) + " }");
    EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
    EXPECT_EQ(run.jobs.size(), 4u);
    for (const auto& j : run.jobs) EXPECT_EQ(j.at("title"), "Data Analyst") << j.at("id");
    std::set<uint64_t> ids;
    for (const auto& r : web.requests())
      if (r.path.rfind("/slow/", 0) == 0) ids.insert(r.connection);
    return ids.size();
  };
  EXPECT_EQ(connections(1), 1u);
  EXPECT_GT(connections(4), 1u);
}

TEST(DescribeRun, RefusesWrongSettings) {
  TempDir dir;
  auto run = run_describe(dir, row({{"id", "x"}}), "{ parallel: 0 }");
  EXPECT_NE(run.proc.exit_code, 0);
  EXPECT_TRUE(has(run.proc.err + run.proc.out, "parallel")) << run.explain();
  TempDir dir2;
  auto run2 = run_describe(dir2, row({{"id", "x"}}), "{ prefer: html }");
  EXPECT_NE(run2.proc.exit_code, 0);
  EXPECT_TRUE(has(run2.proc.err + run2.proc.out, "prefer")) << run2.explain();
}
