// The feed source against the fixture web: constructed RSS 2.0 (a remote job
// board with "Company: Title" items, a job board with job: extensions), Atom
// 1.0 and Personio XML feeds (tests/fixtures/web/feed/README.md); several
// feeds in one run, each fetched once however many queries; the results_wanted
// limit; every status; and ajhost applying every search filter (the feed
// applies none) with its drops counted.
#include "fixture_web.hpp"
#include "source_harness.hpp"

#include <gtest/gtest.h>

#include <initializer_list>

namespace aj::test {
namespace {

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// "{ feeds: [a, b] }" from feed entries written as YAML flow values.
std::string feeds(std::initializer_list<std::string> entries) {
  std::string s = "{ feeds: [";
  for (const auto& e : entries) s += (s.back() == '[' ? "" : ", ") + e;
  return s + "] }";
}
std::string quoted(const std::string& s) { return "\"" + s + "\""; }
// A feed mapping: { url: "...", more }.
std::string entry(const std::string& url, const std::string& more) { return "{ url: " + quoted(url) + ", " + more + " }"; }

constexpr const char* kNorthwind = "https://remoteboard.example/remote-jobs/northwind-analytics-senior-backend-engineer-go";
constexpr const char* kHarbor = "https://remoteboard.example/remote-jobs/harbor-vale-site-reliability-engineer";
constexpr const char* kBluefin = "https://remoteboard.example/remote-jobs/bluefin-health-frontend-developer-react";
constexpr const char* kQuillstone = "https://remoteboard.example/remote-jobs/quillstone-technical-writer";

TEST(Feed, ReadsARemoteJobBoardRssSplittingCompanyFromTitle) {
  FixtureWeb web;
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("board", "feed", feeds({entry(web.url("/remote.rss"), "remote: true")})));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 4u) << run.explain();
  const Row* j = run.job(kNorthwind);
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("site"), "127.0.0.1");  // the feed's host
  EXPECT_EQ(j->at("title"), "Senior Backend Engineer (Go)");
  EXPECT_EQ(j->at("company"), "Northwind Analytics");
  EXPECT_EQ(j->at("job_url"), kNorthwind);
  EXPECT_EQ(j->at("location"), "Anywhere in the World");
  EXPECT_EQ(j->at("city"), "");  // an area, not a place
  EXPECT_EQ(j->at("country"), "Canada");
  EXPECT_EQ(j->at("date_posted"), "2026-03-03");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("job_function"), "Back-End Programming");
  EXPECT_EQ(j->at("is_remote"), "1");
  EXPECT_EQ(j->at("work_arrangement"), "remote");
  EXPECT_EQ(j->at("company_logo"), "https://remoteboard.example/logos/northwind-analytics.png");
  EXPECT_TRUE(has(j->at("skills"), "PostgreSQL")) << j->at("skills");
  EXPECT_TRUE(has(j->at("skills"), "Kubernetes")) << j->at("skills");
  EXPECT_TRUE(has(j->at("description"), "Northwind Analytics builds forecasting tools for grocers.")) << j->at("description");
  EXPECT_TRUE(has(j->at("description"), "- Design and run Go services")) << j->at("description");
  EXPECT_FALSE(has(j->at("description"), "<p>")) << j->at("description");
  EXPECT_TRUE(has(j->at("extra"), "2026-04-02")) << j->at("extra");  // expires_at
  // An escaped ampersand in the title, and CDATA HTML in the description.
  const Row* h = run.job(kHarbor);
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->at("company"), "Harbor & Vale");
  EXPECT_EQ(h->at("title"), "Site Reliability Engineer");
  EXPECT_TRUE(has(h->at("description"), "Keep the booking platform of Harbor & Vale up.")) << h->at("description");
  // A region that is no place, and the board's remote setting.
  const Row* b = run.job(kBluefin);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->at("location"), "USA Only");
  EXPECT_EQ(b->at("city"), "");
  EXPECT_EQ(b->at("country"), "United States");
  EXPECT_EQ(b->at("job_type"), "contract");
  EXPECT_EQ(b->at("is_remote"), "1");
  const Row* q = run.job(kQuillstone);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->at("job_type"), "parttime");
  EXPECT_EQ(q->at("date_posted"), "2026-02-27");
  EXPECT_EQ(q->at("company_logo"), "");
  EXPECT_EQ(run.source_str("board", "status"), "ok");
  EXPECT_EQ(run.source_num("board", "found"), 4);
}

TEST(Feed, SplitTitleFalseKeepsTitlesWhole) {
  FixtureWeb web;
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("board", "feed",
                                                   feeds({entry(web.url("/remote.rss"), "split_title: false")})));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  const Row* j = run.job(kNorthwind);
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("title"), "Northwind Analytics: Senior Backend Engineer (Go)");
  EXPECT_EQ(j->at("company"), "");
  // Without remote: true only the items whose place says so are remote.
  EXPECT_EQ(j->at("is_remote"), "1");
  EXPECT_EQ(run.job(kBluefin)->at("is_remote"), "");
}

// Inline documents: RSS 1.0 keeps its items beside the channel, and a feed
// declared ISO-8859-1 is stored as UTF-8.
TEST(Feed, ReadsRss10AndLatin1Feeds) {
  FixtureWeb web;
  web.add({.path = "/rdf",
           .body = "<?xml version=\"1.0\"?>\n"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
                   " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                   "<channel rdf:about=\"https://tidepool.example/jobs\"><title>Tidepool jobs</title></channel>\n"
                   "<item rdf:about=\"https://tidepool.example/jobs/12\"><title>Marine Biologist</title>"
                   "<link>https://tidepool.example/jobs/12</link><dc:date>2026-02-11T10:00:00Z</dc:date>"
                   "<description>Count the kelp.</description></item>\n"
                   "</rdf:RDF>\n",
           .content_type = "application/rdf+xml"});
  web.add({.path = "/latin1",
           .body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Emplois</title>"
                   "<item><title>Chef de caf\xe9</title><link>https://cafe.example/emplois/3</link>"
                   "<description>Montr\xe9" "al, temps plein</description></item></channel></rss>\n",
           .content_type = "application/rss+xml"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("feeds", "feed",
                                                   feeds({entry(web.url("/rdf"), "company: Tidepool Institute"),
                                                          quoted(web.url("/latin1"))})));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  const Row* m = run.job("https://tidepool.example/jobs/12");
  ASSERT_NE(m, nullptr) << run.explain();
  EXPECT_EQ(m->at("title"), "Marine Biologist");
  EXPECT_EQ(m->at("company"), "Tidepool Institute");  // the setting, for items that name none
  EXPECT_EQ(m->at("date_posted"), "2026-02-11");    // dc:date
  EXPECT_EQ(m->at("description"), "Count the kelp.");
  const Row* c = run.job("https://cafe.example/emplois/3");
  ASSERT_NE(c, nullptr) << run.explain();
  EXPECT_EQ(c->at("title"), "Chef de caf\xc3\xa9");
  EXPECT_EQ(c->at("description"), "Montr\xc3\xa9" "al, temps plein");
}

TEST(Feed, ReadsJobNamespaceExtensionsAndTheFullContent) {
  FixtureWeb web;
  web.add({.path = "/jobs.rss", .file = "feed/job-board.rss"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("maple", "feed", feeds({entry(web.url("/jobs.rss"), "company: author")})));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u) << run.explain();  // the item without a title is no posting
  EXPECT_TRUE(has(run.proc.err, "1 items without a title")) << run.explain();
  const Row* j = run.job("maplejobs-1042");  // a guid that is no link: the id, with <link> the URL
  ASSERT_NE(j, nullptr) << run.explain();
  EXPECT_EQ(j->at("title"), "Data Engineer");
  EXPECT_EQ(j->at("company"), "Cedar Ridge Bank");  // the item's own company wins over its author
  EXPECT_EQ(j->at("job_url"), "https://maplejobs.example/jobs/1042-data-engineer");
  EXPECT_EQ(j->at("job_url_direct"), "https://careers.cedarridge.example/apply/1042");
  EXPECT_EQ(j->at("company_url"), "https://cedarridge.example");
  EXPECT_EQ(j->at("company_logo"), "https://maplejobs.example/logos/cedar-ridge.png");
  EXPECT_EQ(j->at("location"), "Toronto, ON, Canada");
  EXPECT_EQ(j->at("city"), "Toronto");
  EXPECT_EQ(j->at("state"), "ON");
  EXPECT_EQ(j->at("country"), "Canada");
  EXPECT_EQ(j->at("min_amount"), "95000.0");
  EXPECT_EQ(j->at("max_amount"), "115000.0");
  EXPECT_EQ(j->at("interval"), "yearly");
  EXPECT_EQ(j->at("currency"), "CAD");
  EXPECT_EQ(j->at("salary_source"), "direct_data");
  EXPECT_EQ(j->at("job_type"), "fulltime");
  EXPECT_EQ(j->at("work_arrangement"), "hybrid");
  EXPECT_EQ(j->at("is_remote"), "");
  EXPECT_EQ(j->at("job_level"), "Mid-Senior");
  EXPECT_EQ(j->at("job_function"), "Data, Engineering");
  EXPECT_EQ(j->at("date_posted"), "2026-03-02");
  EXPECT_TRUE(has(j->at("skills"), "Airflow")) << j->at("skills");
  // content:encoded is the whole text; <description> only its teaser.
  EXPECT_TRUE(has(j->at("description"), "About the role")) << j->at("description");
  EXPECT_TRUE(has(j->at("description"), "- Python and Airflow")) << j->at("description");
  EXPECT_FALSE(has(j->at("description"), "is hiring a data engineer")) << j->at("description");
  // No guid: the link is the id; no company element: the author (company: author).
  const Row* w = run.job("https://maplejobs.example/jobs/1043-warehouse-associate");
  ASSERT_NE(w, nullptr) << run.explain();
  EXPECT_EQ(w->at("company"), "Pinecrest Logistics");
  EXPECT_EQ(w->at("min_amount"), "19.5");
  EXPECT_EQ(w->at("interval"), "hourly");
  EXPECT_EQ(w->at("currency"), "USD");
  EXPECT_EQ(w->at("job_type"), "parttime");
  EXPECT_EQ(w->at("city"), "Mississauga");
  EXPECT_EQ(w->at("state"), "ON");
  EXPECT_EQ(w->at("job_function"), "Logistics");
  EXPECT_EQ(w->at("description"), "Pick and pack orders on the evening shift.");
}

TEST(Feed, ReadsAtomEntries) {
  FixtureWeb web;
  web.add({.path = "/careers.atom", .file = "feed/careers.atom"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("orbit", "feed", feeds({entry(web.url("/careers.atom"), "company: author")})));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u) << run.explain();
  const Row* e = run.job("tag:orbitcareers.example,2026:job/7781");
  ASSERT_NE(e, nullptr) << run.explain();
  EXPECT_EQ(e->at("title"), "Embedded Software Engineer <C++>");  // type="html": escaped markup is text
  EXPECT_EQ(e->at("job_url"), "https://orbitcareers.example/jobs/7781");  // rel=alternate, not rel=related
  EXPECT_EQ(e->at("date_posted"), "2026-03-01");                          // published, not updated
  EXPECT_EQ(e->at("company"), "Lumen Robotics");
  EXPECT_EQ(e->at("job_function"), "Engineering");  // the category's label
  EXPECT_TRUE(has(e->at("description"), "Lumen Robotics builds robots that sort parcels.")) << e->at("description");
  EXPECT_TRUE(has(e->at("description"), "- Write C++17 firmware")) << e->at("description");
  EXPECT_FALSE(has(e->at("description"), "Firmware for warehouse robots.")) << e->at("description");  // content over summary
  const Row* d = run.job("tag:orbitcareers.example,2026:job/7790");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->at("job_url"), "https://orbitcareers.example/jobs/7790");  // a link without rel is the alternate
  EXPECT_EQ(d->at("date_posted"), "2026-02-27");
  EXPECT_EQ(d->at("company"), "Fernleaf Studio");
  EXPECT_EQ(d->at("job_function"), "design");  // a category with a term only
  EXPECT_TRUE(has(d->at("description"), "Design the booking flow of our travel app.")) << d->at("description");  // xhtml
  EXPECT_TRUE(has(d->at("description"), "- Figma")) << d->at("description");
  EXPECT_EQ(d->at("location"), "Vancouver, BC, Canada");
  EXPECT_EQ(d->at("city"), "Vancouver");
  EXPECT_EQ(d->at("state"), "BC");
  const Row* s = run.job("tag:orbitcareers.example,2026:job/7802");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->at("description"), "Answer our customers' questions by chat and e-mail. Fully remote within Canada.");
  EXPECT_EQ(s->at("date_posted"), "2026-03-03");
  EXPECT_EQ(s->at("company"), "Orbit Careers");  // no author of its own: the feed's
  EXPECT_EQ(s->at("is_remote"), "1");
  EXPECT_EQ(s->at("work_arrangement"), "remote");
  EXPECT_EQ(s->at("city"), "");
}

TEST(Feed, ReadsPersonioPositions) {
  FixtureWeb web;
  web.add({.path = "/xml", .file = "feed/personio.xml"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("kiesel", "feed", feeds({entry(web.url("/xml?language=en"),
                                                                                    "company: Kieselstein Group")})));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u) << run.explain();
  ASSERT_EQ(web.count("/xml"), 1u);
  for (const auto& r : web.requests()) {
    if (r.path == "/xml") {
      EXPECT_EQ(r.query, "language=en");
    }
  }
  const Row* p = run.job("1840211");
  ASSERT_NE(p, nullptr) << run.explain();
  EXPECT_EQ(p->at("site"), "personio");
  EXPECT_EQ(p->at("ats"), "personio");
  EXPECT_EQ(p->at("title"), "Senior Platform Engineer (m/f/d)");
  EXPECT_EQ(p->at("company"), "Kieselstein Energie GmbH");  // the subcompany
  EXPECT_EQ(p->at("job_url"), web.url("/job/1840211"));    // the feed's origin + /job/{id}
  EXPECT_EQ(p->at("location"), "Berlin; Hamburg");          // the office, then the other offices, each once
  EXPECT_EQ(p->at("city"), "");
  EXPECT_EQ(p->at("job_function"), "Engineering");
  EXPECT_EQ(p->at("job_level"), "experienced");
  EXPECT_EQ(p->at("job_type"), "fulltime");
  EXPECT_EQ(p->at("experience_min_years"), "5");
  EXPECT_EQ(p->at("experience_max_years"), "7");
  EXPECT_EQ(p->at("experience_range"), "5-7 years");
  EXPECT_EQ(p->at("date_posted"), "2026-02-20");
  EXPECT_EQ(p->at("description"),
            "Your mission\n- Run our Kubernetes clusters\n- Automate everything with Terraform\n\n"
            "Your profile\nFive years of running production systems.");
  EXPECT_TRUE(has(p->at("skills"), "Terraform")) << p->at("skills");
  EXPECT_TRUE(has(p->at("extra"), "Platform")) << p->at("extra");  // recruitingCategory
  EXPECT_TRUE(has(p->at("extra"), "it_software")) << p->at("extra");
  EXPECT_EQ(p->at("is_remote"), "");
  const Row* i = run.job("1840377");
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(i->at("company"), "Kieselstein Group");  // no subcompany: the setting
  EXPECT_EQ(i->at("job_type"), "internship");
  EXPECT_EQ(i->at("location"), "Munich; Remote (Germany)");
  EXPECT_EQ(i->at("is_remote"), "1");
  EXPECT_EQ(i->at("experience_max_years"), "1");
  EXPECT_EQ(i->at("experience_range"), "less than 1 year");
  EXPECT_TRUE(has(i->at("extra"), "Finance & Controlling")) << i->at("extra");
  const Row* f = run.job("1840402");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->at("job_type"), "contract");  // freelance, whatever the schedule
  EXPECT_EQ(f->at("experience_min_years"), "15");
  EXPECT_EQ(f->at("experience_max_years"), "");
  EXPECT_EQ(f->at("experience_range"), "more than 15 years");
}

TEST(Feed, ReadsSeveralFeedsEachOnceAcrossQueries) {
  FixtureWeb web;
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  web.add({.path = "/careers.atom", .file = "feed/careers.atom"});
  web.add({.path = "/careers.xml", .file = "feed/personio.xml"});
  TempDir dir;
  std::string settings = feeds({quoted(web.url("/remote.rss")), entry(web.url("/careers.atom"), "company: author"),
                                entry(web.url("/careers.xml"), "format: personio, job_url: "
                                                               "\"https://kieselstein.jobs.personio.de/job/{id}\"")});
  auto run = run_pipeline(dir, one_source_pipeline("feeds", "feed", settings, "{ terms: [engineer, designer, analyst] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.source_num("feeds", "queries"), 3);
  for (const char* path : {"/remote.rss", "/careers.atom", "/careers.xml"}) EXPECT_EQ(web.count(path), 1u) << path;
  // engineer: Northwind, Harbor & Vale, Lumen's embedded job, the platform engineer; designer: the product
  // designer and Bluefin ("with our designers"); analyst: the data analyst.
  EXPECT_EQ(run.jobs.size(), 7u) << run.explain();
  for (const char* id : {kNorthwind, kHarbor, kBluefin, "tag:orbitcareers.example,2026:job/7781",
                         "tag:orbitcareers.example,2026:job/7790", "1840211", "1840402"})
    EXPECT_NE(run.job(id), nullptr) << id;
  const Row* p = run.job("1840211");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->at("job_url"), "https://kieselstein.jobs.personio.de/job/1840211");
  EXPECT_EQ(run.source_str("feeds", "status"), "ok");
  EXPECT_EQ(run.applied_by("feeds", "term"), "ajhost");
  EXPECT_FALSE(run.source_str("feeds", "filter_note").empty());
}

TEST(Feed, StopsAtResultsWantedBeforeTheNextFeed) {
  FixtureWeb web;
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  web.add({.path = "/careers.atom", .file = "feed/careers.atom"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("feeds", "feed",
                                                   feeds({quoted(web.url("/remote.rss")), quoted(web.url("/careers.atom"))}),
                                                   "{ results_wanted: 3 }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u) << run.explain();
  EXPECT_EQ(run.source_num("feeds", "found"), 3);
  EXPECT_EQ(web.count("/careers.atom"), 0u);  // the query had all it wanted from the first feed
}

TEST(Feed, AjhostAppliesTheSearchFiltersAndCountsWhatTheyDrop) {
  FixtureWeb web;
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  web.add({.path = "/jobs.rss", .file = "feed/job-board.rss"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("board", "feed", feeds({quoted(web.url("/remote.rss"))}),
                                                   "{ terms: [engineer] }"));
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 2u) << run.explain();  // Northwind and Harbor & Vale
  EXPECT_NE(run.job(kNorthwind), nullptr);
  EXPECT_NE(run.job(kHarbor), nullptr);
  EXPECT_EQ(run.applied_by("board", "term"), "ajhost");
  EXPECT_EQ(run.dropped_by("board", "term"), 2);
  EXPECT_EQ(run.source_num("board", "filtered"), 2);
  EXPECT_EQ(run.source_str("board", "status"), "ok");

  TempDir dir2;
  auto placed = run_pipeline(dir2, one_source_pipeline("maple", "feed", feeds({quoted(web.url("/jobs.rss"))}),
                                                       "{ locations: [Toronto] }"));
  ASSERT_EQ(placed.proc.exit_code, 0) << placed.explain();
  EXPECT_EQ(placed.jobs.size(), 1u) << placed.explain();
  EXPECT_NE(placed.job("maplejobs-1042"), nullptr);
  EXPECT_EQ(placed.applied_by("maple", "location"), "ajhost");
  EXPECT_EQ(placed.dropped_by("maple", "location"), 1);  // the Mississauga warehouse job
}

TEST(Feed, AllDroppedByAjhostIsNoResultsAndSaysWhy) {
  FixtureWeb web;
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("board", "feed", feeds({quoted(web.url("/remote.rss"))}),
                                                   "{ terms: [pharmacist] }"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 0u);
  EXPECT_EQ(run.source_str("board", "status"), "no results");
  EXPECT_EQ(run.dropped_by("board", "term"), 4);
  EXPECT_TRUE(has(run.source_str("board", "message"), "dropped them all")) << run.source_str("board", "message");
}

struct StatusCase {
  const char* name;
  Route route;        // served at /feed
  const char* base;   // "" = the fixture web
  const char* more;   // more keys of the feed's mapping
  const char* status;
  const char* message_part;
  int exit_code;
};

class FeedStatus : public ::testing::TestWithParam<StatusCase> {};

TEST_P(FeedStatus, EndsWithAnHonestStatus) {
  const auto& c = GetParam();
  FixtureWeb web;
  Route r = c.route;
  r.path = "/feed";
  web.add(r);
  TempDir dir;
  std::string base = *c.base ? std::string(c.base) : web.url("");
  std::string more = *c.more ? std::string(c.more) : "format: auto";
  auto run = run_pipeline(dir, one_source_pipeline("feed", "feed", feeds({entry(base + "/feed", more)}),
                                                   "{ terms: [engineer] }"));
  EXPECT_EQ(run.proc.exit_code, c.exit_code) << run.explain();
  EXPECT_EQ(run.source_str("feed", "status"), c.status) << run.explain();
  EXPECT_TRUE(has(run.source_str("feed", "message"), c.message_part)) << run.source_str("feed", "message");
  if (*c.message_part) {
    EXPECT_TRUE(has(run.source_str("feed", "message"), "/feed")) << run.source_str("feed", "message");
  }
  EXPECT_TRUE(has(run.proc.out, c.status)) << run.proc.out;
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, FeedStatus,
    ::testing::Values(
        StatusCase{"Ok", {.file = "feed/remote-board.rss"}, "", "", "ok", "", 0},
        StatusCase{"EmptyChannel", {.file = "feed/empty.rss"}, "", "", "no results", "", 0},
        StatusCase{"Forbidden", {.fault = {.status = 403}}, "", "", "blocked", "HTTP 403", 3},
        StatusCase{"RateLimited", {.fault = {.status = 429}}, "", "", "blocked", "HTTP 429", 3},
        StatusCase{"NotXml", {.file = "feed/not-a-feed.html"}, "", "", "layout changed", "not XML", 3},
        StatusCase{"EmptyBody", {.body = "", .content_type = "application/rss+xml"}, "", "", "layout changed",
                   "an empty answer", 3},
        StatusCase{"UnknownRoot", {.file = "feed/unknown-root.xml"}, "", "", "layout changed", "root element is <jobs>", 3},
        StatusCase{"FormatMismatch", {.file = "feed/remote-board.rss"}, "", "format: atom", "layout changed",
                   "format atom expects a <feed> root, found <rss>", 3},
        StatusCase{"NotFound", {.body = "<html><body>Page not found</body></html>", .status = 404}, "", "", "error",
                   "HTTP 404", 3},
        StatusCase{"NetworkError", {.file = "feed/remote-board.rss"}, "http://127.0.0.1:1", "", "network error",
                   "127.0.0.1:1", 3},
        StatusCase{"ConnectionReset", {.file = "feed/remote-board.rss", .fault = {.reset_after_bytes = 40}}, "", "",
                   "network error", "", 3},
        StatusCase{"ServerError", {.fault = {.status = 503}}, "", "", "network error", "HTTP 503", 3}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Feed, AFailingFeedKeepsTheOthersPostingsAndSaysSo) {
  FixtureWeb web;
  web.add({.path = "/blocked.rss", .fault = {.status = 403}});
  web.add({.path = "/remote.rss", .file = "feed/remote-board.rss"});
  TempDir dir;
  auto run = run_pipeline(dir, one_source_pipeline("feeds", "feed",
                                                   feeds({quoted(web.url("/blocked.rss")), quoted(web.url("/remote.rss"))}),
                                                   "{ terms: [engineer, writer] }"));
  EXPECT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_EQ(run.jobs.size(), 3u) << run.explain();  // two engineers and the technical writer
  EXPECT_EQ(run.source_str("feeds", "status"), "ok");
  std::string message = run.source_str("feeds", "message");
  EXPECT_TRUE(has(message, "blocked")) << message;
  EXPECT_TRUE(has(message, "HTTP 403")) << message;
  EXPECT_TRUE(has(message, "/blocked.rss")) << message;
  // The refused feed is not asked again by the second query.
  EXPECT_EQ(web.count("/blocked.rss"), 1u);
  EXPECT_EQ(web.count("/remote.rss"), 1u);
}

TEST(Feed, RejectsWrongSettingsNamingTheEntry) {
  FixtureWeb web;
  struct Case {
    std::string settings, message;
  };
  for (const auto& c : std::vector<Case>{
           {"{ feeds: [\"ftp://jobs.example/feed.rss\"] }", "feeds[0]: the URL must start with http:// or https://"},
           {feeds({quoted(web.url("/a.rss")), entry(web.url("/b.rss"), "fromat: rss")}), "feeds[1]: unknown key 'fromat'"},
           {feeds({entry(web.url("/a.rss"), "format: json")}), "feeds[0].format: 'json' is not one of auto, rss, atom, personio"},
           {feeds({entry(web.url("/a.xml"), "job_url: \"https://acme.jobs.personio.de/job/\"")}), "has no {id}"},
           {"{ feeds: [] }", "the list is empty"},
       }) {
    TempDir dir;
    auto run = run_pipeline(dir, one_source_pipeline("feed", "feed", c.settings));
    EXPECT_NE(run.proc.exit_code, 0) << c.settings << "\n" << run.explain();
    EXPECT_TRUE(has(run.proc.out + run.proc.err, c.message)) << c.settings << "\n" << run.explain();
  }
  EXPECT_EQ(web.requests().size(), 0u);
}

}  // namespace
}  // namespace aj::test
