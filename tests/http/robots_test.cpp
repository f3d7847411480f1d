// robots.txt rules against RFC 9309: grouping, matching, encoding, limits.
#include "http/robots.hpp"

#include <gtest/gtest.h>

#include <string>

namespace aj::http {
namespace {

// RFC 9309 section 5.1.
constexpr const char* kRfcExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

TEST(Robots, RfcExampleFoobot) {
  auto r = RobotsRules::parse(kRfcExample, "foobot");
  EXPECT_TRUE(r.allowed("/example/page.html"));
  EXPECT_TRUE(r.allowed("/example/allowed.gif"));
  EXPECT_FALSE(r.allowed("/"));
  EXPECT_FALSE(r.allowed("/example/other.html"));
  EXPECT_FALSE(r.allowed("/publications/"));
}

TEST(Robots, RfcExampleGroupOfTwoAgents) {
  for (const char* bot : {"barbot", "bazbot"}) {
    auto r = RobotsRules::parse(kRfcExample, bot);
    EXPECT_FALSE(r.allowed("/example/page.html")) << bot;
    EXPECT_TRUE(r.allowed("/example/other.html")) << bot;
    EXPECT_TRUE(r.allowed("/x.gif")) << bot;  // the * group does not apply
  }
}

TEST(Robots, RfcExampleEmptyGroupAllowsEverything) {
  auto r = RobotsRules::parse(kRfcExample, "quxbot");
  EXPECT_TRUE(r.allowed("/example/page.html"));
  EXPECT_TRUE(r.allowed("/x.gif"));
}

TEST(Robots, RfcExampleOtherAgentsGetTheStarGroup) {
  auto r = RobotsRules::parse(kRfcExample, "AutoJobAgent");
  EXPECT_TRUE(r.allowed("/publications/"));
  EXPECT_TRUE(r.allowed("/jobs"));
  EXPECT_FALSE(r.allowed("/example/"));
  EXPECT_FALSE(r.allowed("/example/page.html"));
  EXPECT_FALSE(r.allowed("/images/a.gif"));
  EXPECT_TRUE(r.allowed("/images/a.gif?size=2"));  // $ anchors at the end
  EXPECT_TRUE(r.allowed("/images/a.giff"));
}

// RFC 9309 section 5.2.
TEST(Robots, LongestMatchWins) {
  auto r = RobotsRules::parse(
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n",
      "foobot");
  EXPECT_TRUE(r.allowed("/example/page/"));
  EXPECT_TRUE(r.allowed("/example/page/other.gif"));
  EXPECT_FALSE(r.allowed("/example/page/disallowed.gif"));
}

TEST(Robots, LongestMatchIsIndependentOfOrder) {
  auto r = RobotsRules::parse(
      "User-Agent: *\n"
      "Disallow: /a/b/\n"
      "Allow: /a/\n"
      "Disallow: /\n",
      "AutoJobAgent");
  EXPECT_FALSE(r.allowed("/"));
  EXPECT_FALSE(r.allowed("/z"));
  EXPECT_TRUE(r.allowed("/a/x"));
  EXPECT_FALSE(r.allowed("/a/b/x"));
}

TEST(Robots, AllowWinsATie) {
  auto same = RobotsRules::parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "AutoJobAgent");
  EXPECT_TRUE(same.allowed("/page"));
  // Equally long, different patterns, both matching.
  auto wild = RobotsRules::parse("User-agent: *\nDisallow: /pag*\nAllow: /page\n", "AutoJobAgent");
  EXPECT_TRUE(wild.allowed("/page/1"));
  EXPECT_FALSE(wild.allowed("/pagination"));
}

TEST(Robots, WildcardMatchesAnyRun) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /this/*/exactly\nDisallow: /*private*doc\n", "x");
  EXPECT_FALSE(r.allowed("/this/a/exactly"));
  EXPECT_FALSE(r.allowed("/this/a/b/c/exactly/more"));
  EXPECT_FALSE(r.allowed("/this//exactly"));
  EXPECT_TRUE(r.allowed("/this/exactly"));
  EXPECT_FALSE(r.allowed("/x/private/y/doc"));
  EXPECT_FALSE(r.allowed("/private-doc"));
  EXPECT_TRUE(r.allowed("/privat/doc"));
}

TEST(Robots, EndAnchor) {
  auto r = RobotsRules::parse(
      "User-agent: *\n"
      "Disallow: /\n"
      "Allow: /this/path/exactly$\n"
      "Allow: /*.html$\n",
      "x");
  EXPECT_TRUE(r.allowed("/this/path/exactly"));
  EXPECT_FALSE(r.allowed("/this/path/exactly/"));
  EXPECT_FALSE(r.allowed("/this/path/exactly?x=1"));
  EXPECT_TRUE(r.allowed("/a/b.html"));
  EXPECT_TRUE(r.allowed("/a.html.html"));  // backtracking to the last ".html"
  EXPECT_FALSE(r.allowed("/a.html?q"));
}

TEST(Robots, DollarInsideAPatternIsLiteral) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /a$b\n", "x");
  EXPECT_FALSE(r.allowed("/a$b"));
  EXPECT_FALSE(r.allowed("/a%24b"));
  EXPECT_TRUE(r.allowed("/a"));
}

// RFC 9309 2.2.2 table: unreserved characters are compared decoded, others
// encoded, and non-ASCII octets encoded.
TEST(Robots, PercentEncodingOfUnreservedCharacters) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /foo/bar/%62%61%7A\nDisallow: /%7Euser\n", "x");
  EXPECT_FALSE(r.allowed("/foo/bar/baz"));
  EXPECT_FALSE(r.allowed("/foo/bar/%62az"));
  EXPECT_FALSE(r.allowed("/~user/x"));
  EXPECT_TRUE(r.allowed("/foo/bar/ba"));
}

TEST(Robots, PercentEncodingOfNonAscii) {
  auto raw = RobotsRules::parse("User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n", "x");
  EXPECT_FALSE(raw.allowed("/foo/bar/%E3%83%84"));
  EXPECT_FALSE(raw.allowed("/foo/bar/%e3%83%84"));
  EXPECT_FALSE(raw.allowed("/foo/bar/\xE3\x83\x84"));
  auto encoded = RobotsRules::parse("User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "x");
  EXPECT_FALSE(encoded.allowed("/foo/bar/\xE3\x83\x84"));
  EXPECT_TRUE(encoded.allowed("/foo/bar/%E3%83"));
}

TEST(Robots, EncodedReservedCharactersStayEncoded) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /a%2Fb\nDisallow: /q?u=https%3A%2F%2F\n", "x");
  EXPECT_FALSE(r.allowed("/a%2Fb"));
  EXPECT_FALSE(r.allowed("/a%2fb"));
  EXPECT_TRUE(r.allowed("/a/b"));
  EXPECT_FALSE(r.allowed("/q?u=https%3A%2F%2Fwww.example.com"));
  EXPECT_TRUE(r.allowed("/q?u=https://www.example.com"));
}

// RFC 9309 2.2.3: %2A and %24 match a literal '*' and '$'.
TEST(Robots, EncodedSpecialCharactersMatchLiterally) {
  auto r = RobotsRules::parse(
      "User-agent: *\nDisallow: /path/file-with-a-%2A.html\nDisallow: /path/foo-%24\n", "x");
  EXPECT_FALSE(r.allowed("/path/file-with-a-*.html"));
  EXPECT_TRUE(r.allowed("/path/file-with-a-b.html"));  // %2A is no wildcard
  EXPECT_FALSE(r.allowed("/path/foo-$"));
  EXPECT_TRUE(r.allowed("/path/foo-"));
}

TEST(Robots, GroupsForTheSameAgentAreCombined) {
  auto r = RobotsRules::parse(
      "User-agent: AutoJobAgent\n"
      "Disallow: /a\n"
      "Crawl-delay: 2\n"
      "\n"
      "User-agent: other\n"
      "Disallow: /b\n"
      "\n"
      "User-agent: autojobagent\n"
      "Disallow: /c\n"
      "Crawl-delay: 5\n",
      "AutoJobAgent");
  EXPECT_FALSE(r.allowed("/a"));
  EXPECT_TRUE(r.allowed("/b"));
  EXPECT_FALSE(r.allowed("/c"));
  ASSERT_TRUE(r.crawl_delay());
  EXPECT_EQ(*r.crawl_delay(), 5.0);  // the larger, to stay polite
}

TEST(Robots, OurGroupReplacesTheStarGroup) {
  auto r = RobotsRules::parse(
      "User-agent: *\nDisallow: /\nCrawl-delay: 9\n\nUser-agent: AutoJobAgent\nDisallow: /private\n", "AutoJobAgent");
  EXPECT_TRUE(r.allowed("/jobs"));
  EXPECT_FALSE(r.allowed("/private/x"));
  EXPECT_FALSE(r.crawl_delay());
}

TEST(Robots, StarGroupsAreCombinedToo) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /a\n\nUser-agent: x\nDisallow: /b\n\nUser-agent: *\nDisallow: /c\n",
                              "AutoJobAgent");
  EXPECT_FALSE(r.allowed("/a"));
  EXPECT_TRUE(r.allowed("/b"));
  EXPECT_FALSE(r.allowed("/c"));
}

TEST(Robots, AgentMatchingIsCaseInsensitiveOnTheProductToken) {
  const char* text = "USER-AGENT: AUTOJOBAGENT/1.0 (+https://example.com)\nDISALLOW: /x\n";
  EXPECT_FALSE(RobotsRules::parse(text, "AutoJobAgent").allowed("/x"));
  EXPECT_FALSE(RobotsRules::parse(text, "autojobagent/2.3").allowed("/x"));
  // A longer token is another agent, not a prefix match.
  EXPECT_TRUE(RobotsRules::parse("User-agent: AutoJobAgentX\nDisallow: /x\n", "AutoJobAgent").allowed("/x"));
  EXPECT_TRUE(RobotsRules::parse("User-agent: Auto\nDisallow: /x\n", "AutoJobAgent").allowed("/x"));
}

TEST(Robots, NoMatchingGroupAllowsEverything) {
  EXPECT_TRUE(RobotsRules::parse("User-agent: googlebot\nDisallow: /\n", "AutoJobAgent").allowed("/"));
  EXPECT_TRUE(RobotsRules::parse("", "AutoJobAgent").allowed("/anything"));
  // Rules before any user-agent line belong to no group.
  EXPECT_TRUE(RobotsRules::parse("Disallow: /\n", "AutoJobAgent").allowed("/x"));
  EXPECT_FALSE(RobotsRules::parse("Disallow: /\nUser-agent: *\nDisallow: /x\n", "AutoJobAgent").allowed("/x"));
  EXPECT_TRUE(RobotsRules::parse("Disallow: /\nUser-agent: *\nDisallow: /x\n", "AutoJobAgent").allowed("/y"));
}

TEST(Robots, RobotsTxtIsAlwaysAllowed) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /\nDisallow: /robots.txt\n", "x");
  EXPECT_TRUE(r.allowed("/robots.txt"));
  EXPECT_FALSE(r.allowed("/robots.txt.bak"));
  EXPECT_TRUE(RobotsRules::disallow_all().allowed("/robots.txt"));
}

TEST(Robots, AllowAllAndDisallowAll) {
  EXPECT_TRUE(RobotsRules::allow_all().allowed("/"));
  EXPECT_TRUE(RobotsRules::allow_all().allowed("/a/b?c"));
  EXPECT_FALSE(RobotsRules::allow_all().crawl_delay());
  EXPECT_FALSE(RobotsRules::disallow_all().allowed("/"));
  EXPECT_FALSE(RobotsRules::disallow_all().allowed("/a/b?c"));
  EXPECT_FALSE(RobotsRules::disallow_all().allowed(""));  // an empty path is "/"
}

TEST(Robots, EmptyDisallowMeansNothing) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow:\nDisallow:   \n", "x");
  EXPECT_TRUE(r.allowed("/"));
  EXPECT_TRUE(r.allowed("/x"));
}

TEST(Robots, QueryIsPartOfThePath) {
  auto r = RobotsRules::parse("User-agent: *\nDisallow: /jobs?page=\n", "x");
  EXPECT_TRUE(r.allowed("/jobs"));
  EXPECT_FALSE(r.allowed("/jobs?page=2"));
}

TEST(Robots, CrawlDelay) {
  auto r = RobotsRules::parse("User-agent: AutoJobAgent\nCrawl-delay: 2.5\n", "AutoJobAgent");
  ASSERT_TRUE(r.crawl_delay());
  EXPECT_DOUBLE_EQ(*r.crawl_delay(), 2.5);
  EXPECT_TRUE(r.allowed("/"));

  auto star = RobotsRules::parse("User-agent: *\ncrawl-DELAY : 10 # seconds\n", "AutoJobAgent");
  ASSERT_TRUE(star.crawl_delay());
  EXPECT_DOUBLE_EQ(*star.crawl_delay(), 10.0);

  for (const char* junk : {"soon", "-1", "5s", "", "nan", "inf"}) {
    auto j = RobotsRules::parse(std::string("User-agent: *\nCrawl-delay: ") + junk + "\n", "x");
    EXPECT_FALSE(j.crawl_delay()) << junk;
  }
  EXPECT_FALSE(RobotsRules::parse("User-agent: other\nCrawl-delay: 3\n", "x").crawl_delay());
}

TEST(Robots, CrawlDelayBelongsToItsGroup) {
  // Crawl-delay ends the user-agent lines of a group like a rule does.
  auto r = RobotsRules::parse("User-agent: a\nCrawl-delay: 4\nUser-agent: b\nDisallow: /x\n", "a");
  ASSERT_TRUE(r.crawl_delay());
  EXPECT_EQ(*r.crawl_delay(), 4.0);
  EXPECT_TRUE(r.allowed("/x"));
}

TEST(Robots, OnlyTheFirst500KiBCount) {
  std::string text = "User-agent: *\nDisallow: /early\n";
  const std::string filler = "# " + std::string(98, 'x') + "\n";
  while (text.size() < 600 * 1024) text += filler;
  text += "Disallow: /late\n";
  ASSERT_GT(text.size(), RobotsRules::kMaxSize);
  auto r = RobotsRules::parse(text, "AutoJobAgent");
  EXPECT_FALSE(r.allowed("/early"));
  EXPECT_TRUE(r.allowed("/late"));
}

TEST(Robots, ALineCutByTheLimitIsDropped) {
  // Kept, "Disallow: /" (the part before the limit) would block everything.
  std::string text = "User-agent: *\n";
  text += "#" + std::string(RobotsRules::kMaxSize - text.size() - 1 - 12, 'x') + "\n";
  text += "Disallow: /private\n";
  ASSERT_EQ(text.substr(RobotsRules::kMaxSize - 11, 11), "Disallow: /");
  auto r = RobotsRules::parse(text, "x");
  EXPECT_TRUE(r.allowed("/public"));
  EXPECT_TRUE(r.allowed("/private"));  // after the limit, so ignored
}

TEST(Robots, ALineEndingExactlyAtTheLimitCounts) {
  std::string text = "User-agent: *\n";
  const std::string rule = "Disallow: /private";
  text += "#" + std::string(RobotsRules::kMaxSize - text.size() - 1 - 1 - rule.size(), 'x') + "\n";
  text += rule + "\n" + "Disallow: /late\n";
  ASSERT_EQ(text[RobotsRules::kMaxSize], '\n');
  auto r = RobotsRules::parse(text, "x");
  EXPECT_FALSE(r.allowed("/private"));
  EXPECT_TRUE(r.allowed("/late"));
}

TEST(Robots, JunkAndFormattingAreTolerated) {
  const std::string text =
      "\xEF\xBB\xBFUser-agent: AutoJobAgent\r\n"  // BOM, CRLF
      "Sitemap: https://example.com/sitemap.xml\r\n"
      "this line has no colon\r"                   // bare CR
      "Disallow /no-colon\n"
      "Unknown-key: /whatever\n"
      "   # a comment line\n"
      "  DISALLOW  :   /a   # trailing comment\n"
      "allow: /a/ok\n"
      ":\n"
      "Disallow: /b#c\n";
  auto r = RobotsRules::parse(text, "AutoJobAgent");
  EXPECT_FALSE(r.allowed("/a"));
  EXPECT_FALSE(r.allowed("/a/x"));
  EXPECT_TRUE(r.allowed("/a/ok"));
  EXPECT_TRUE(r.allowed("/no-colon"));
  EXPECT_TRUE(r.allowed("/whatever"));
  EXPECT_FALSE(r.allowed("/b"));  // the comment starts at '#'
}

TEST(Robots, SitemapAndUnknownLinesDoNotSplitAGroup) {
  auto r = RobotsRules::parse(
      "User-agent: other\nSitemap: https://e.com/s.xml\nUser-agent: AutoJobAgent\nDisallow: /x\n", "AutoJobAgent");
  EXPECT_FALSE(r.allowed("/x"));
}

TEST(Robots, BinaryJunkDoesNotCrash) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) & 0xff);
  auto r = RobotsRules::parse(junk + "\nUser-agent: *\nDisallow: /x\n", "x");
  EXPECT_FALSE(r.allowed("/x"));
}

}  // namespace
}  // namespace aj::http
