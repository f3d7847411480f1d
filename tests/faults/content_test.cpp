// Bodies that are not what they claim: truncated JSON and HTML (a whole answer
// that stops early, and an answer cut on the wire), malformed JSON, and bytes
// that are not UTF-8. Nothing crashes, what could be read is stored, the cause
// is in the summary, and every stored text is valid UTF-8.
#include "fault_run.hpp"

#include <gtest/gtest.h>

using namespace aj::test;
using namespace aj::test::faults;

namespace {

std::string first_half(const std::string& s) { return s.substr(0, s.size() / 2); }

const std::vector<std::string> kAllIds = {"9101", "9102", "9103", "9201", "9202", "9203",
                                          "e-4001", "e-4002", "h-6001", "h-6002"};

}  // namespace

TEST(Faults, TruncatedJsonAndHtmlArePartialResults) {
  Scenario s;
  s.serve_fixtures();
  // Whole answers that stop half way: lever's east site, and north's page (in
  // the middle of its JSON-LD).
  s.lever("east", first_half(s.fixture("lever/east.json")));
  s.page("north-9103.html", first_half(s.fixture("pages/north-9103.html")));
  // Answers cut on the wire: the full Content-Length announced, 200 bytes sent, then a reset.
  s.lever("harbour", s.fixture("lever/harbour.json"), {.reset_after_bytes = 200});
  s.page("south-9203.html", s.fixture("pages/south-9203.html"), {.reset_after_bytes = 200});
  const std::string sources = s.sources({"north", "south"}, {"east", "harbour"});
  auto run = s.run(sources);

  // Lever read nothing: a failed source, so exit 3; greenhouse's six are stored.
  ASSERT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.integrity, "ok");
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"9101", "9102", "9103", "9201", "9202", "9203"}));
  EXPECT_EQ(run.source("lever", "status"), "layout changed");  // the first board's failure leads
  const std::string why = run.source("lever", "message");
  EXPECT_TRUE(has(why, "Lever site 'east' (postings 0+) at " + s.api.url("/v0/postings/east") +
                           ": the answer is not JSON (incomplete JSON"))
      << why;
  EXPECT_TRUE(has(why, "Lever site 'harbour'") && has(why, "(after 3 attempts)")) << why;  // a cut body is retried
  EXPECT_TRUE(has(run.proc.err, "source lever: layout changed")) << run.explain();
  // The half page is read for what it holds (nothing usable); the cut one is no answer.
  const std::string pages = run.stage_summary("describe");
  EXPECT_TRUE(has(pages, "1 pages read (0 JSON-LD, 0 main content, 1 no description)")) << pages;
  EXPECT_TRUE(has(pages, "1 failed (1 network)")) << pages;
  EXPECT_EQ(run.job("9103")->at("description"), "See the posting.");  // as the board gave it
  EXPECT_TRUE(run.invalid_utf8().empty());

  s.serve_fixtures();
  auto again = s.run(sources);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), kAllIds);
  EXPECT_EQ(again.summary.at("new").as_int64(), 4);
  EXPECT_EQ(again.summary.at("duplicates").as_int64(), 6);
  expect_rows_kept(run, again);
  EXPECT_TRUE(has(again.job("9103")->at("description"), "stubborn mainframe"));
  EXPECT_TRUE(has(again.job("9203")->at("description"), "fast, safe and boring"));
}

TEST(Faults, MalformedJsonIsALayoutChangeNamedWithItsUrl) {
  Scenario s;
  s.serve_fixtures();
  s.greenhouse("south", R"({"jobs": [{"id": 9201, "title": "Software Developer",, "content": "x"}]})");
  s.lever("east", R"({"ok": false, "error": "Document not found"})");  // JSON, but not the shape of an answer
  s.lever("harbour", "<html><body><h1>502 Bad Gateway</h1></body></html>");  // an error page sent as JSON, with 200
  std::string page = s.fixture("pages/north-9103.html");
  page.replace(page.find("\"datePosted\""), 1, "");  // the JSON-LD block no longer parses
  s.page("north-9103.html", page);
  const std::string sources = s.sources({"north", "south"}, {"east", "harbour"});
  auto run = s.run(sources);

  // Greenhouse kept north's postings (a partial query: status ok, exit 0 alone);
  // lever read nothing, so the run exits 3.
  ASSERT_EQ(run.proc.exit_code, 3) << run.explain();
  EXPECT_EQ(run.integrity, "ok");
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"9101", "9102", "9103"}));
  const std::string gh = run.source("greenhouse", "message");
  EXPECT_TRUE(has(gh, "partly layout changed (kept 3 postings): Greenhouse board 'south' at " +
                          s.api.url("/v1/boards/south/jobs") + ": the answer is not JSON (syntax error"))
      << gh;
  EXPECT_EQ(run.source("lever", "status"), "layout changed");
  const std::string lv = run.source("lever", "message");
  EXPECT_TRUE(has(lv, "expected a JSON array of postings; the API may have changed (it says: Document not found)"))
      << lv;
  EXPECT_TRUE(has(lv, "Lever site 'harbour' (postings 0+) at " + s.api.url("/v0/postings/harbour") +
                          ": the answer is not JSON (syntax error; it begins \"<html>"))
      << lv;
  // A broken JSON-LD block is skipped; the page's own text has no description to give.
  EXPECT_TRUE(has(run.stage_summary("describe"), "1 pages read (0 JSON-LD, 0 main content, 1 no description)"))
      << run.stage_summary("describe");

  s.serve_fixtures();
  auto again = s.run(sources);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), kAllIds);
  EXPECT_EQ(again.summary.at("new").as_int64(), 7);
  EXPECT_EQ(again.summary.at("duplicates").as_int64(), 3);
  expect_rows_kept(run, again);
}

// Boards, a page and a JSON-LD block declared UTF-8 but holding Latin-1
// letters, stray 0xFF/0xFE bytes, a cut euro sign and an overlong slash
// (tests/fixtures/faults/README.md). Each bad byte becomes U+FFFD; the
// postings are kept whole. Before, Boost.JSON refused a whole board for one
// such byte ("not JSON (syntax error)"), and describe's JSON-LD reader, which
// allows them, stored them as they were.
TEST(Faults, TextThatIsNotUtf8IsStoredAsValidUtf8) {
  Scenario s;
  s.serve_fixtures();
  s.greenhouse("west", s.fixture("greenhouse/west.json"));
  s.lever("west", s.fixture("lever/west.json"));
  s.page("west-9302.html", s.fixture("pages/west-9302.html"));
  const std::string sources = s.sources({"north", "west"}, {"west"});
  auto run = s.run(sources);

  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.integrity, "ok");
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"9101", "9102", "9103", "9301", "9302", "w-5001"}));
  for (const auto& bad : run.invalid_utf8()) ADD_FAILURE() << "stored text is not UTF-8: " << bad;
  const std::string fffd = "\xEF\xBF\xBD";
  const Row* dev = run.job("9301");
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(dev->at("title"), "D" + fffd + "veloppeur logiciel");
  EXPECT_EQ(dev->at("location"), "Montr" + fffd + "al, QC");
  EXPECT_TRUE(has(dev->at("description"), "caf\xC3\xA9 gratuit")) << "valid UTF-8 is kept as it is";
  EXPECT_TRUE(has(dev->at("description"), "stray bytes " + fffd + fffd + " and")) << dev->at("description");
  const Row* analyst = run.job("9302");  // its description from the page's JSON-LD
  ASSERT_NE(analyst, nullptr);
  EXPECT_TRUE(has(analyst->at("description"), "300 caf" + fffd + "s " + fffd + " Qu" + fffd + "bec"))
      << analyst->at("description");
  EXPECT_TRUE(has(analyst->at("field_sources"), "\"description\":\"jsonld\"")) << analyst->at("field_sources");
  EXPECT_EQ(run.job("w-5001")->at("title"), "Ing" + fffd + "nieur logiciel " + fffd);

  // The sites fix their encoding: the same postings, now in UTF-8, update the rows in place.
  auto to_utf8 = [](const std::string& latin1) {
    std::string out;
    for (unsigned char c : latin1) {
      if (c < 0x80) out += static_cast<char>(c);
      else out += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    }
    return out;
  };
  s.greenhouse("west", to_utf8(s.fixture("greenhouse/west.json")));
  s.lever("west", to_utf8(s.fixture("lever/west.json")));
  s.page("west-9302.html", to_utf8(s.fixture("pages/west-9302.html")));
  auto again = s.run(sources);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), run.ids());
  EXPECT_EQ(again.summary.at("new").as_int64(), 0);
  expect_rows_kept(run, again);
  EXPECT_EQ(again.job("9301")->at("title"), "D\xC3\xA9veloppeur logiciel");
  EXPECT_TRUE(again.invalid_utf8().empty());
}
