// A 10 MB page on a single line, to the describe enricher (an employer's page)
// and to a source (a greenhouse board).
#include "fault_run.hpp"

#include <gtest/gtest.h>

using namespace aj::test;
using namespace aj::test::faults;

namespace {

constexpr size_t kTenMegabytes = 10u << 20;

// Sentences without a line break, until `size` bytes.
std::string words(size_t size) {
  static const std::string sentence =
      "You will keep the routing services up, automate deployments with Ansible and Kubernetes, and write the "
      "postmortems; 4+ years running production Linux, Python or Go, CAD 105,000 to 125,000 a year. ";
  std::string out;
  out.reserve(size + sentence.size());
  while (out.size() < size) out += sentence;
  out.resize(size);
  return out;
}

}  // namespace

TEST(Faults, TenMegabyteSingleLinePagesAreReadAndStored) {
  Scenario s;
  s.greenhouse("north", s.fixture("greenhouse/north.json"));
  // North's employer page: 10 MB of text in one paragraph, on one line.
  s.page("north-9103.html", "<!DOCTYPE html><html><head><title>Site Reliability Engineer</title></head><body><main>"
                            "<h1>Site Reliability Engineer</h1><div class=\"job-description\"><p>" +
                                words(kTenMegabytes) + "</p></div></main></body></html>");
  // A board whose answer is 10 MB on one line: a posting with a 10 MB description, and a normal one.
  auto posting = [&](const std::string& id, const std::string& title, size_t size) {
    return "{\"id\": " + id + ", \"title\": \"" + title + "\", \"location\": {\"name\": \"Toronto, ON\"}, " +
           "\"absolute_url\": \"" + s.site.url("/big/" + id) + "\", \"content\": \"&lt;p&gt;" + words(size) +
           "&lt;/p&gt;\"}";
  };
  s.greenhouse("big", "{\"jobs\": [" + posting("9401", "Platform Engineer", kTenMegabytes) + ", " +
                          posting("9402", "Data Engineer", 400) + "]}");
  const std::string sources = s.sources({"north", "big"});
  auto run = s.run(sources);

  // Nothing failed: exit 0, every posting stored with its description.
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain().substr(0, 4000);
  EXPECT_EQ(run.integrity, "ok");
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"9101", "9102", "9103", "9401", "9402"}));
  const Row* page = run.job("9103");
  // libxml2 keeps a text node to 10,000,000 bytes (its limit without HTML_PARSE_HUGE): nearly all of it.
  EXPECT_GT(page->at("description").size(), 9'000'000u);
  EXPECT_EQ(page->at("description").rfind("You will keep the routing services up", 0), 0u);
  EXPECT_TRUE(has(page->at("field_sources"), "\"description\":\"page\"")) << page->at("field_sources");
  EXPECT_TRUE(has(run.stage_summary("describe"), "1 pages read (0 JSON-LD, 1 main content"))
      << run.stage_summary("describe");
  EXPECT_EQ(run.job("9401")->at("description").size(), kTenMegabytes);
  EXPECT_TRUE(run.invalid_utf8().empty());

  // The pages shrink back to normal: the same rows, updated.
  s.page("north-9103.html", s.fixture("pages/north-9103.html"));
  s.greenhouse("big", "{\"jobs\": [" + posting("9401", "Platform Engineer", 600) + ", " +
                          posting("9402", "Data Engineer", 400) + "]}");
  auto again = s.run(sources);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), run.ids());
  EXPECT_EQ(again.summary.at("new").as_int64(), 0);
  expect_rows_kept(run, again);
  EXPECT_TRUE(has(again.job("9103")->at("description"), "stubborn mainframe"));
  EXPECT_EQ(again.job("9401")->at("description").size(), 600u);
}
