// Page reading (plugins/describe, library page_reading): schema.org JobPosting
// JSON-LD in the shapes pages write it, main-content extraction, text and
// Markdown rendering, ATS detection. Real pages from tests/fixtures/pages/
// (provenance in its README); the rest constructed here or in
// tests/fixtures/web/describe/.
#include "describe/page.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using ajd::Origin;
using ajd::PageInfo;
using ajd::read_page;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string page_file(const std::string& name) { return slurp(std::string(AJ_FIXTURES_DIR) + "/pages/" + name); }
std::string web_file(const std::string& name) { return slurp(std::string(AJ_FIXTURES_DIR) + "/web/describe/" + name); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A page whose head holds the given ld+json blocks (each a complete <script> element or raw text).
std::string page_with(const std::string& head, const std::string& body = "<p>Nothing here.</p>") {
  return "<!DOCTYPE html><html><head><title>t</title>" + head + "</head><body>" + body + "</body></html>";
}
std::string ld(const std::string& json) { return "<script type=\"application/ld+json\">" + json + "</script>"; }

// A long enough HTML description for a JobPosting.
const std::string kDescription =
    "<p>We build the routing engine for same-day delivery, used by three hundred retailers across Canada.</p>"
    "<ul><li>Design services in C++ and Go</li><li>Own PostgreSQL schemas</li></ul>";

std::string posting(const std::string& extra_fields, const std::string& type = "\"JobPosting\"",
                    const std::string& context = "https://schema.org") {
  return "{\"@context\": \"" + context + "\", \"@type\": " + type + ", \"title\": \"Backend Developer\", " +
         "\"description\": \"" + kDescription + "\"" + (extra_fields.empty() ? "" : ", " + extra_fields) + "}";
}

}  // namespace

// ---- real pages ------------------------------------------------------------------

TEST(DescribePage, ReadsTheRealMetaJobPosting) {
  PageInfo p = read_page(page_file("jobseek_jsonld_meta_software_engineer.html"),
                         "https://www.metacareers.com/jobs/1234567890/");
  ASSERT_TRUE(p.has_jobposting);
  EXPECT_EQ(p.title, "Software Engineer, Infrastructure");
  EXPECT_EQ(p.title_from, Origin::jsonld);
  EXPECT_EQ(p.company, "Meta");
  EXPECT_EQ(p.company_from, Origin::jsonld);
  EXPECT_EQ(p.company_url, "https://www.meta.com/");
  EXPECT_EQ(p.company_logo, "https://static.xx.fbcdn.net/rsrc.php/y3/r/7ngPh_7s-rQ.webp");
  // addressCountry is a Country whose name is an array; the first place wins.
  EXPECT_EQ(p.city, "Sunnyvale");
  EXPECT_EQ(p.state, "CA");
  EXPECT_EQ(p.country, "USA");
  EXPECT_EQ(p.location, "Sunnyvale, CA, USA");
  ASSERT_EQ(p.locations.size(), 9u);
  EXPECT_EQ(p.locations[1], "Bellevue, WA");
  EXPECT_EQ(p.locations[7], "Remote, US");
  EXPECT_EQ(p.date_posted, "2025-06-10");
  EXPECT_EQ(p.valid_through, "2026-06-08");
  EXPECT_EQ(p.job_types, std::vector<std::string>{"fulltime"});  // "Full-time"
  ASSERT_TRUE(p.direct_apply.has_value());
  EXPECT_TRUE(*p.direct_apply);
  EXPECT_TRUE(p.salary.empty());
  EXPECT_FALSE(p.remote);
  EXPECT_EQ(p.ats, "");  // metacareers.com is Meta's own site

  // The description, then responsibilities and qualifications (given apart, their
  // items joined by "&nbsp;") as sections with one item per line.
  EXPECT_EQ(p.description_from, Origin::jsonld);
  const std::string& t = p.description_text;
  EXPECT_EQ(t.rfind("Meta is seeking talented engineers to join our teams", 0), 0u) << t;
  EXPECT_TRUE(has(t, "we encourage you to apply.\nResponsibilities\n- Collaborate with cross-functional teams (product, "
                     "design, operations, infrastructure) to build innovative application experiences\n- Implement "
                     "custom user interfaces"))
      << t;
  EXPECT_TRUE(has(t, "\nQualifications\n- Bachelor's degree in Computer Science")) << t;
  EXPECT_TRUE(has(t, "\n- Experience in programming languages such as C, C++, Java\n")) << t;
  EXPECT_FALSE(has(t, "&nbsp;") || has(t, "\xC2\xA0")) << t;
  const std::string& md = p.description_markdown;
  EXPECT_TRUE(has(md, "we encourage you to apply.\n\n## Responsibilities\n\n- Collaborate with")) << md;
  EXPECT_TRUE(has(md, "\n\n## Qualifications\n\n- Bachelor's degree in Computer Science")) << md;
}

TEST(DescribePage, ReadsTheRealNeuraRoboticsJobPosting) {
  PageInfo p = read_page(page_file("jobseek_jsonld_neura_robotics_manager.html"),
                         "https://jobs.neura-robotics.com/offer/manager-ecosystem-integration-certi/x");
  ASSERT_TRUE(p.has_jobposting);
  EXPECT_EQ(p.title, "Manager Ecosystem Integration & Certification (Human)");
  EXPECT_EQ(p.company, "Neura Robotics GmbH");
  EXPECT_EQ(p.company_url, "https://jobs.neura-robotics.com/");  // its url, not the social sameAs links
  EXPECT_EQ(p.requisition_id, "00df0928-b013-448c-b3dd-6c6fb80eadc2");  // PropertyValue.value, not its name "id"
  EXPECT_EQ(p.city, "Metzingen");
  EXPECT_EQ(p.state, "");
  EXPECT_EQ(p.country, "DE");
  EXPECT_EQ(p.location, "Metzingen, DE");
  EXPECT_EQ(p.date_posted, "2025-11-06");
  EXPECT_EQ(p.valid_through, "2035-11-06");
  EXPECT_EQ(p.url, "https://jobs.neura-robotics.com/offer/manager-ecosystem-integration-certi/"
                   "00df0928-b013-448c-b3dd-6c6fb80eadc2");
  EXPECT_TRUE(p.job_types.empty());
  EXPECT_FALSE(p.direct_apply.has_value());

  // The HTML description starts with a no-break space and "\n" written out as
  // two characters; neither is left.
  const std::string& t = p.description_text;
  EXPECT_EQ(t.rfind("Your mission & challenges\nAs the Manager Ecosystem Integration & Certification, you play", 0), 0u)
      << t;
  EXPECT_TRUE(has(t, "\nYour main tasks include:\n- Technically integrate external partner hardware and software "
                     "components into the NeuraVerse\n- Define, develop"))
      << t;
  EXPECT_TRUE(has(t, "\nWhat we can look forward to\n- Completed degree in Engineering")) << t;
  EXPECT_TRUE(has(t, "\nCompensation\n- Creative Freedom and Agility: Enjoy")) << t;  // incentiveCompensation
  EXPECT_FALSE(has(t, "\\n")) << t;
  const std::string& md = p.description_markdown;
  EXPECT_EQ(md.rfind("**Your mission & challenges**\n\nAs the Manager", 0), 0u) << md;
  EXPECT_TRUE(has(md, "- Collaborate closely with R&D, AI, Product Management, and Quality teams on system validation\n"))
      << md;
}

TEST(DescribePage, TheRealPageWithoutJsonLdGivesNoTemplateAsDescription) {
  const std::string html = page_file("NEGATIVE_nojsonld_jobseek_jobylon_mcdonalds_se.html");
  PageInfo p = read_page(html, "https://emp.jobylon.com/widget/1955/");
  EXPECT_FALSE(p.has_jobposting);
  EXPECT_EQ(p.ats, "jobylon");
  // A job-list widget rendered by AngularJS: its text is "{$ job.title $}" templates.
  EXPECT_EQ(p.description_text, "") << p.description_text;
  EXPECT_EQ(p.description_from, Origin::none);
  EXPECT_EQ(p.title, "");  // no <h1>, no og:title; <title> "Job Widget" is not a job title
  EXPECT_EQ(p.company, "");
  // Served from another host, the ATS still shows in its links and scripts.
  EXPECT_EQ(read_page(html, "https://careers.mcdonalds.example/jobs").ats, "jobylon");
}

// ---- JSON-LD shapes ---------------------------------------------------------------

TEST(DescribePage, ReadsAJobPostingInAGraphWithHttpContextAndTypeArray) {
  PageInfo p = read_page(web_file("acme_backend_developer.html"), "https://careers.acme.example/jobs/2291");
  ASSERT_TRUE(p.has_jobposting);  // the second block, wrapped in <!-- -->, @graph, "@type": ["JobPosting"]
  EXPECT_EQ(p.title, "Backend Developer (C++)");
  EXPECT_EQ(p.company, "Acme Software Inc.");
  EXPECT_EQ(p.company_url, "https://acme.example");
  EXPECT_EQ(p.company_logo, "https://acme.example/logo.png");  // an ImageObject
  EXPECT_EQ(p.location, "Toronto, ON, CA");
  EXPECT_EQ(p.date_posted, "2025-05-02");
  EXPECT_EQ(p.valid_through, "2099-12-31");
  EXPECT_EQ(p.job_types, (std::vector<std::string>{"fulltime", "contract"}));
  EXPECT_EQ(p.requisition_id, "ACME-2291");
  EXPECT_EQ(p.education, "bachelor");
  EXPECT_EQ(p.experience_months, 60);
  EXPECT_EQ(p.direct_apply, true);  // "true" as a string
  ASSERT_FALSE(p.salary.empty());
  EXPECT_EQ(p.salary.min, 110000);  // "110,000"
  EXPECT_EQ(p.salary.max, 135000);
  EXPECT_EQ(p.salary.interval, "yearly");
  EXPECT_EQ(p.salary.currency, "CAD");
  EXPECT_EQ(p.description_text,
            "Acme builds the routing engine behind same-day delivery for 300 retailers.\nResponsibilities\n"
            "- Design and build services in C++20 and Go\n- Own our PostgreSQL schemas & migrations\n"
            "- Review code and mentor two junior developers\nRequirements\n- 5+ years of backend development\n"
            "- Experience with Kubernetes on GCP\nSee the platform team.");
  EXPECT_EQ(p.description_markdown,
            "Acme builds the routing engine behind **same-day delivery** for 300 retailers.\n\n### Responsibilities\n\n"
            "- Design and build services in C++20 and Go\n- Own our PostgreSQL schemas & migrations\n"
            "- Review code and mentor two junior developers\n\n### Requirements\n\n- 5+ years of backend development\n"
            "- Experience with Kubernetes on GCP\n\nSee [the platform team](https://careers.acme.example/teams/platform).");
}

TEST(DescribePage, TakesTheFirstJobPostingAmongSeveralBlocksPastABrokenOne) {
  std::string head = ld("{\"@context\": \"https://schema.org\", \"@type\": \"Organization\", \"name\": \"Not it\"}") +
                     ld("{\"@type\": \"JobPosting\", \"title\": \"Broken\", ") +  // cut off: not JSON
                     ld(posting("\"identifier\": \"R-1\"")) +
                     ld(posting("\"identifier\": \"R-2\""));
  PageInfo p = read_page(page_with(head), "https://example.com/job");
  ASSERT_TRUE(p.has_jobposting);
  EXPECT_EQ(p.title, "Backend Developer");
  EXPECT_EQ(p.requisition_id, "R-1");
  EXPECT_TRUE(has(p.description_text, "We build the routing engine")) << p.description_text;
}

TEST(DescribePage, ReadsTopLevelArraysNestedEntitiesAndFullTypeUrls) {
  // An array of objects; the type as a full URL; http://schema.org.
  std::string arr = "[{\"@type\": \"WebSite\", \"name\": \"x\"}, " +
                    posting("\"identifier\": 77", "\"http://schema.org/JobPosting\"", "http://schema.org") + "]";
  PageInfo a = read_page(page_with(ld(arr)), "https://example.com/a");
  ASSERT_TRUE(a.has_jobposting);
  EXPECT_EQ(a.requisition_id, "77");  // a number
  // A WebPage whose mainEntity is the posting; "@type" an array with another type.
  std::string nested = "{\"@context\": \"https://schema.org\", \"@type\": \"WebPage\", \"mainEntity\": " +
                       posting("\"identifier\": \"N-5\"", "[\"Thing\", \"JobPosting\"]") + "}";
  PageInfo b = read_page(page_with(ld(nested)), "https://example.com/b");
  ASSERT_TRUE(b.has_jobposting);
  EXPECT_EQ(b.requisition_id, "N-5");
  // No JobPosting anywhere.
  PageInfo c = read_page(page_with(ld("{\"@type\": \"Organization\", \"name\": \"Acme\"}")), "https://example.com/c");
  EXPECT_FALSE(c.has_jobposting);
}

TEST(DescribePage, ToleratesWhatPagesWrapTheirJsonIn) {
  struct Case {
    const char* what;
    std::string script;
  };
  const std::string json = posting("\"identifier\": \"W-1\"");
  std::string escaped = json;  // the whole block entity-escaped
  for (std::size_t at = escaped.find('"'); at != std::string::npos; at = escaped.find('"', at + 6))
    escaped.replace(at, 1, "&quot;");
  std::string raw_newlines = posting("\"identifier\": \"W-1\", \"industry\": \"Software\nand logistics\"");
  const Case cases[] = {
      {"CDATA", "<script type=\"application/ld+json\">//<![CDATA[\n" + json + "\n//]]></script>"},
      {"comment", "<script type=\"application/ld+json\"><!-- " + json + " --></script>"},
      {"trailing junk", "<script type=\"application/ld+json\">" + json + ";\nwindow.x = 1;</script>"},
      {"type case and nonce", "<script nonce=\"abc\" type=\"APPLICATION/LD+JSON; charset=utf-8\">" + json + "</script>"},
      {"entities", "<script type=\"application/ld+json\">" + escaped + "</script>"},
      {"raw line break in a string", "<script type=\"application/ld+json\">" + raw_newlines + "</script>"},
      {"trailing comma", "<script type=\"application/ld+json\">" + json.substr(0, json.size() - 1) + ",}</script>"},
  };
  for (const auto& c : cases) {
    PageInfo p = read_page(page_with(c.script), "https://example.com/job");
    EXPECT_TRUE(p.has_jobposting) << c.what;
    EXPECT_EQ(p.requisition_id, "W-1") << c.what;
    EXPECT_EQ(p.title, "Backend Developer") << c.what;
  }
  // A "</p>" inside the JSON string does not end the script.
  PageInfo p = read_page(page_with(ld(posting(""))), "https://example.com/job");
  EXPECT_TRUE(has(p.description_text, "Own PostgreSQL schemas")) << p.description_text;
}

TEST(DescribePage, ReadsBaseSalaryShapes) {
  struct Case {
    const char* what;
    std::string salary;
    std::optional<double> min, max;
    std::string interval, currency;
  };
  const Case cases[] = {
      {"range", R"({"@type": "MonetaryAmount", "currency": "USD", "value": {"@type": "QuantitativeValue", "minValue": 80000, "maxValue": 120000, "unitText": "YEAR"}})",
       80000, 120000, "yearly", "USD"},
      {"single value", R"({"currency": "cad", "value": {"value": 28.5, "unitText": "HOUR"}})", 28.5, 28.5, "hourly", "CAD"},
      {"numeric strings", R"({"currency": "EUR", "value": {"minValue": "4.500", "maxValue": "5000.50", "unitText": "MONTH"}})",
       4.5, 5000.5, "monthly", "EUR"},
      {"a bare number, unit beside it", R"({"currency": "GBP", "value": 55000, "unitText": "YEAR"})", 55000, 55000,
       "yearly", "GBP"},
      {"only a maximum, zero minimum", R"({"currency": "USD", "value": {"minValue": 0, "maxValue": 900, "unitText": "WEEK"}})",
       std::nullopt, 900, "weekly", "USD"},
      {"an array", R"([{"currency": "USD", "value": {"minValue": 200, "maxValue": 250, "unitText": "DAY"}}])", 200, 250,
       "daily", "USD"},
      {"thousands", R"({"currency": "USD", "value": {"minValue": "85k", "maxValue": "$95,000"}})", 85000, 95000, "",
       "USD"},
  };
  for (const auto& c : cases) {
    PageInfo p = read_page(page_with(ld(posting("\"baseSalary\": " + c.salary))), "https://example.com/job");
    ASSERT_TRUE(p.has_jobposting) << c.what;
    EXPECT_EQ(p.salary.min, c.min) << c.what;
    EXPECT_EQ(p.salary.max, c.max) << c.what;
    EXPECT_EQ(p.salary.interval, c.interval) << c.what;
    EXPECT_EQ(p.salary.currency, c.currency) << c.what;
  }
  PageInfo none = read_page(page_with(ld(posting("\"baseSalary\": {\"currency\": \"USD\"}"))), "https://example.com/j");
  EXPECT_TRUE(none.salary.empty());
}

TEST(DescribePage, ReadsRemoteTypesPlacesAndCredentialsInTheirOtherShapes) {
  PageInfo p = read_page(
      page_with(ld(posting(R"("jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [{"@type": "Country", "name": "Canada"}, {"@type": "State", "name": "New York"}],
        "employmentType": "PART_TIME, TEMPORARY",
        "hiringOrganization": "Globex",
        "jobLocation": {"@type": "Place", "address": "Montreal, QC, Canada"},
        "educationRequirements": ["High school diploma", {"@type": "EducationalOccupationalCredential", "credentialCategory": "bachelor degree"}],
        "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": "18"},
        "identifier": {"@type": "PropertyValue", "name": "Globex", "value": 1234},
        "industry": "Logistics")"))),
      "https://example.com/job");
  ASSERT_TRUE(p.has_jobposting);
  EXPECT_TRUE(p.remote);
  EXPECT_EQ(p.applicant_locations, (std::vector<std::string>{"Canada", "New York"}));
  EXPECT_EQ(p.job_types, (std::vector<std::string>{"parttime", "temporary"}));
  EXPECT_EQ(p.company, "Globex");
  EXPECT_EQ(p.city, "Montreal");
  EXPECT_EQ(p.state, "QC");
  EXPECT_EQ(p.country, "Canada");
  EXPECT_EQ(p.education, "secondary");  // the lowest named
  EXPECT_EQ(p.experience_months, 18);
  EXPECT_EQ(p.requisition_id, "1234");
  EXPECT_EQ(p.industry, "Logistics");

  auto education = [](const std::string& credential) {
    return read_page(page_with(ld(posting("\"educationRequirements\": \"" + credential + "\""))), "https://e.com/j")
        .education;
  };
  EXPECT_EQ(education("Bachelor's or Master's degree in Computer Science"), "bachelor");
  EXPECT_EQ(education("post-secondary diploma in business"), "diploma");
  EXPECT_EQ(education("postgraduate degree"), "master");
  EXPECT_EQ(education("PhD in machine learning"), "doctorate");
  EXPECT_EQ(education("no requirements"), "none");
  EXPECT_EQ(education("a managed services background"), "");  // "managed" holds no GED
}

TEST(DescribePage, TakesThePageTextWhenTheJsonLdDescriptionIsATeaser) {
  std::string json = R"({"@context": "https://schema.org", "@type": "JobPosting", "title": "Dispatcher",
    "description": "Join us!", "hiringOrganization": {"name": "Initech"}})";
  std::string body =
      "<nav><a href='/'>Home</a></nav><main><div class='job-description'><p>Plan and dispatch forty trucks a day "
      "across the Greater Toronto Area, working with drivers, customers and the warehouse team.</p><ul><li>Two years "
      "of dispatch experience, ideally in last-mile delivery</li><li>Comfortable with TMS software</li></ul></div>"
      "</main>";
  PageInfo p = read_page(page_with(ld(json), body), "https://example.com/job");
  EXPECT_TRUE(p.has_jobposting);
  EXPECT_EQ(p.title, "Dispatcher");
  EXPECT_EQ(p.title_from, Origin::jsonld);
  EXPECT_EQ(p.company, "Initech");
  EXPECT_EQ(p.description_from, Origin::page);
  EXPECT_EQ(p.description_text,
            "Plan and dispatch forty trucks a day across the Greater Toronto Area, working with drivers, customers and "
            "the warehouse team.\n- Two years of dispatch experience, ideally in last-mile delivery\n- Comfortable "
            "with TMS software");
}

TEST(DescribePage, PreferContentTakesThePageTextOverAFullJsonLdDescription) {
  std::string body =
      "<article><h2>About the job</h2><p>The page's own text of this posting, which the employer keeps more complete "
      "than its structured data, with the benefits and the team described at length.</p></article>";
  std::string html = page_with(ld(posting("")), body);
  PageInfo jsonld = read_page(html, "https://example.com/job");
  EXPECT_EQ(jsonld.description_from, Origin::jsonld);
  PageInfo content = read_page(html, "https://example.com/job", ajd::Prefer::content);
  EXPECT_EQ(content.description_from, Origin::page);
  EXPECT_EQ(content.description_text.rfind("About the job\nThe page's own text", 0), 0u) << content.description_text;
  EXPECT_EQ(content.title, "Backend Developer");  // the JobPosting's fields stay
}

// ---- main content ------------------------------------------------------------------

TEST(DescribePage, PicksTheMainContentOfAPageWithNavigationAndFooterNoise) {
  PageInfo p = read_page(web_file("northwind_data_analyst.html"), "https://careers.northwind.example/jobs/data-analyst");
  EXPECT_FALSE(p.has_jobposting);
  EXPECT_EQ(p.title, "Data Analyst");  // the single <h1>
  EXPECT_EQ(p.title_from, Origin::page);
  EXPECT_EQ(p.company, "Northwind Analytics");  // og:site_name
  EXPECT_EQ(p.company_from, Origin::page);
  EXPECT_EQ(p.ats, "greenhouse");  // the apply link goes to boards.greenhouse.io
  EXPECT_EQ(p.description_from, Origin::page);
  const std::string& t = p.description_text;
  EXPECT_EQ(t,
            "Northwind Analytics helps logistics companies across Canada plan their fleets, forecast demand and cut fuel "
            "costs. Our analytics team of twelve turns millions of delivery records into decisions that dispatchers, "
            "planners and executives use every day.\n"
            "What you will do\n"
            "- Build dashboards in Power BI and Tableau for our operations teams.\n"
            "- Write SQL against our Snowflake warehouse, and Python notebooks for ad-hoc analysis.\n"
            "- Work with product managers to define metrics, experiments and reporting standards.\n"
            "What you bring\n"
            "- 3+ years of experience with SQL, Python and pandas, in analytics or a similar role.\n"
            "- A degree in statistics, economics, computer science or a related field.\n"
            "- Clear writing: you explain findings to people who are not analysts.\n"
            "Salary range: $75,000 - $90,000 per year, plus a yearly bonus. Learn more about our benefits and our "
            "hybrid work policy (two days a week in the office).");
  for (const char* noise : {"cookies", "All jobs", "Home", "Similar jobs", "Share on", "Subscribe", "job alerts",
                            "All rights reserved", "Apply now", "Mississauga"})
    EXPECT_FALSE(has(t, noise)) << noise;
  const std::string& md = p.description_markdown;
  EXPECT_TRUE(has(md, "use every day.\n\n## What you will do\n\n- Build dashboards in **Power BI** and Tableau")) << md;
  EXPECT_TRUE(has(md, "Learn more about our [benefits](https://careers.northwind.example/benefits) and our hybrid"))
      << md;
}

TEST(DescribePage, KeepsAPageWrappedInOneFormAndDropsApplicationFormsAndHiddenParts) {
  std::string text =
      "<p>Keep the warehouse running: receive, store and ship orders for our three largest customers, every "
      "day.</p><p>Forklift licence required, or we train you in your first month with us.</p>";
  // ASP.NET wraps the whole page in a form (with a search box).
  std::string aspnet = "<form id='aspnetForm' method='post'><input type='hidden' name='__VIEWSTATE' value='x'>"
                       "<input type='text' name='q'><div id='content'>" + text + "</div></form>";
  PageInfo a = read_page(page_with("", aspnet), "https://example.com/job");
  EXPECT_TRUE(has(a.description_text, "Keep the warehouse running")) << a.description_text;
  // An application form beside the text, and a hidden dialog.
  std::string apply = "<div class='posting'>" + text + "</div><form><label>Name</label><input name='n'><label>Email"
                      "</label><input name='e'><textarea name='c'>Cover letter, with a long sentence or two here"
                      "</textarea><p>By applying you agree to our terms of use and privacy policy of the company.</p>"
                      "</form><div style='display: none'><p>This hidden paragraph about other jobs and other places "
                      "must never show.</p></div><div hidden><p>Nor this hidden one, however long its text gets.</p>"
                      "</div>";
  PageInfo b = read_page(page_with("", apply), "https://example.com/job");
  EXPECT_EQ(b.description_text,
            "Keep the warehouse running: receive, store and ship orders for our three largest customers, every day.\n"
            "Forklift licence required, or we train you in your first month with us.");
}

// ---- rendering ------------------------------------------------------------------------

TEST(DescribePage, RendersHtmlAsTextAndMarkdown) {
  ajd::Rendered r = ajd::render_fragment(
      "<h2>The role</h2><p>We are <b>hiring</b> a <em>senior</em> engineer &amp; <strong> </strong>mentor.<br>"
      "Second line.</p>"
      "<ol start='3'><li>Ship <code>std::span</code> code</li><li>Read <a href='/docs/guide'>the guide</a> and "
      "<a href='javascript:void(0)'>this</a>, <a href='#top'>that</a></li></ol>"
      "<ul><li>Outer<ul><li>Inner one</li><li>Inner two</li></ul></li><li>Last</li></ul>"
      "<p>Use snake_case, *not* [brackets].</p><blockquote>Quoted</blockquote>"
      "<table><tr><th>Level</th><th>Pay</th></tr><tr><td>Junior</td><td>$60k</td></tr></table>"
      "<pre>  int x = 1;\n  return x;</pre><script>alert(1)</script><p>  </p>",
      "https://jobs.example.com/posting/1");
  EXPECT_EQ(r.text,
            "The role\nWe are hiring a senior engineer & mentor.\nSecond line.\n3. Ship std::span code\n"
            "4. Read the guide and this, that\n- Outer\n- Inner one\n- Inner two\n- Last\n"
            "Use snake_case, *not* [brackets].\nQuoted\nLevel | Pay\nJunior | $60k\n  int x = 1;\n  return x;");
  EXPECT_EQ(r.markdown,
            "## The role\n\n"
            "We are **hiring** a *senior* engineer & mentor.\\\nSecond line.\n\n"
            "3. Ship `std::span` code\n"
            "4. Read [the guide](https://jobs.example.com/docs/guide) and this, that\n\n"
            "- Outer\n  - Inner one\n  - Inner two\n- Last\n\n"
            "Use snake_case, \\*not\\* \\[brackets\\].\n\n"
            "> Quoted\n\n"
            "Level | Pay\n\nJunior | $60k\n\n"
            "```\n  int x = 1;\n  return x;\n```");
}

TEST(DescribePage, RendersPlainAndEntityWrittenDescriptions) {
  ajd::Rendered plain = ajd::render_description("We move freight.\n\nWhat you do:\n• Plan routes\n• Call drivers\n"
                                                "Apply by May 1 &amp; good luck");
  EXPECT_EQ(plain.text, "We move freight.\nWhat you do:\n- Plan routes\n- Call drivers\nApply by May 1 & good luck");
  EXPECT_EQ(plain.markdown,
            "We move freight.\n\nWhat you do:\n\n- Plan routes\n- Call drivers\n\nApply by May 1 & good luck");
  ajd::Rendered escaped = ajd::render_description("&lt;p&gt;Entity &amp;amp; written&lt;/p&gt;&lt;ul&gt;&lt;li&gt;one"
                                                  "&lt;/li&gt;&lt;/ul&gt;");
  EXPECT_EQ(escaped.text, "Entity & written\n- one");
  ajd::Rendered markup_like = ajd::render_description("Pay <5 years? # not a heading");
  EXPECT_EQ(markup_like.text, "Pay <5 years? # not a heading");
  EXPECT_EQ(markup_like.markdown, "Pay <5 years? # not a heading");
}

TEST(DescribePage, DecodesTheCharsetThePageDeclares) {
  std::string latin1 = "<html><head><meta charset=\"windows-1252\"><meta property=\"og:site_name\" content=\"Caf\xE9 "
                       "Montr\xE9" "al\"></head><body><h1>Barista \x96 Plateau</h1></body></html>";
  PageInfo p = read_page(latin1, "https://example.com/job");
  EXPECT_EQ(p.company, "Caf\xC3\xA9 Montr\xC3\xA9" "al");
  EXPECT_EQ(p.title, "Barista \xE2\x80\x93 Plateau");
  // Without a declaration UTF-8 is assumed (libxml2 alone would read Latin-1).
  PageInfo u = read_page("<html><body><h1>Serveur \xC3\xA0 Qu\xC3\xA9" "bec</h1></body></html>", "https://e.com/j");
  EXPECT_EQ(u.title, "Serveur \xC3\xA0 Qu\xC3\xA9" "bec");
  // The Content-Type's charset wins over the page's.
  PageInfo h = read_page(latin1, "https://example.com/job", ajd::Prefer::jsonld, "iso-8859-1");
  EXPECT_EQ(h.company, "Caf\xC3\xA9 Montr\xC3\xA9" "al");
}

TEST(DescribePage, DetectsTheAtsFromTheUrlThenThePage) {
  std::string lever_embed =
      "<html><body><h1>Careers</h1><div id='lever-jobs-container'></div>"
      "<script src='https://andreasmb.github.io/lever-jobs-embed/index.js'></script>"
      "<script>window.leverJobsOptions = {accountName: 'acme', includeCss: true};</script>"
      "<a href='https://jobs.lever.co/acme/8f2b1c3e-0000-4000-8000-000000000001'>Backend Developer</a></body></html>";
  EXPECT_EQ(read_page(lever_embed, "https://acme.example/careers").ats, "lever");
  std::string greenhouse_embed = "<html><body><div id='grnhse_app'></div><script "
                                 "src='https://boards.greenhouse.io/embed/job_board/js?for=acme'></script></body></html>";
  EXPECT_EQ(read_page(greenhouse_embed, "https://acme.example/careers").ats, "greenhouse");
  // The final URL speaks first.
  EXPECT_EQ(read_page(lever_embed, "https://acme.wd5.myworkdayjobs.com/en-US/External/job/1").ats, "workday");
  EXPECT_EQ(read_page("<html><body><p>Plain page</p></body></html>", "https://acme.example/jobs/1").ats, "");
}

TEST(DescribePage, SurvivesPagesThatAreNotHtml) {
  EXPECT_FALSE(read_page("", "https://example.com/").has_jobposting);
  EXPECT_EQ(read_page("{\"jobs\": []}", "https://example.com/").description_text, "");
  std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\x00<<<>>>", 24);
  PageInfo p = read_page(binary, "https://example.com/x.png");
  EXPECT_FALSE(p.has_jobposting);
  EXPECT_EQ(p.title, "");
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  deep += "<p>Deeply nested text of a page built by a very unusual generator, long enough to count.</p>";
  PageInfo d = read_page("<html><body>" + deep + "</body></html>", "https://example.com/deep");
  EXPECT_FALSE(d.has_jobposting);
}

// Not a pass/fail check (timing is not asserted): prints the figures for the record.
TEST(DescribePage, ReportsReadingSpeed) {
  const std::string pages[] = {page_file("jobseek_jsonld_meta_software_engineer.html"),
                               page_file("NEGATIVE_nojsonld_jobseek_jobylon_mcdonalds_se.html"),
                               web_file("northwind_data_analyst.html")};
  const char* names[] = {"meta (JSON-LD, 6 KB)", "jobylon (no JSON-LD, 291 KB)", "northwind (main content, 4 KB)"};
  for (int i = 0; i < 3; ++i) {
    constexpr int kRounds = 20;
    auto t0 = std::chrono::steady_clock::now();
    std::size_t chars = 0;
    for (int r = 0; r < kRounds; ++r) chars += read_page(pages[i], "https://example.com/job").description_text.size();
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / kRounds;
    std::cout << "[ speed    ] " << names[i] << ": " << static_cast<int>(us) << " us per page\n";
    EXPECT_GE(chars, 0u);
  }
}

// ---- the scan that spares the parse ----------------------------------------------

// read_page skips the tree when a page's JobPosting says everything: that is
// only right when the scan finds exactly the blocks the parsed page holds.
void expect_scan_agrees(const std::string& html, const std::string& what) {
  auto scanned = ajd::ld_json_scanned(html);
  if (!scanned) return;  // it parses instead
  EXPECT_EQ(*scanned, ajd::ld_json_parsed(html)) << what;
}

TEST(DescribePage, TheScanFindsTheBlocksTheParsedPageHolds) {
  int pages = 0;
  for (const char* folder : {"/pages", "/web"})
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(AJ_FIXTURES_DIR) + folder))
      if (e.path().extension() == ".html") expect_scan_agrees(slurp(e.path().string()), e.path().string()), ++pages;
  EXPECT_GT(pages, 20);

  const std::string block = "{\"@type\": \"JobPosting\", \"title\": \"A\"}";
  for (const std::string& html : {
           page_with(ld(block) + "<!-- " + ld("{\"commented\": 1}") + " -->"),
           page_with("<SCRIPT TYPE='Application/LD+JSON' nonce=x>" + block + "</SCRIPT>"),
           page_with("<script data-x=\"a>b\" type=\"application/ld+json\">" + block + "</script>"),
           page_with("<script>var s = '<script type=\"application/ld+json\">{}</scr' + 'ipt>';</script>" + ld(block)),
           page_with("<style>p::after { content: '<script type=\"application/ld+json\">{}</script>'; }</style>" +
                     ld(block)),
           page_with(ld("<!--" + block + "-->") + ld("<![CDATA[" + block + "]]>")),
           page_with(ld(block) + "<script type=\"application/ld+json\">" + block),  // never closed
           page_with("<p>1 < 2 and <b>bold</b></p>" + ld(block)),
           page_with("<script type=text/javascript>x = '</div>';</script>" + ld(block)),
           page_with("<script-x type=\"application/ld+json\">" + block + "</script>" + ld(block)),
           page_with("<script data-x=\" type=ld+json\" type=\"text/javascript\">" + block + "</script>" + ld(block)),
           page_with("<script type=\"text/javascript\" type=\"application/ld+json\">" + block + "</script>"),
       })
    expect_scan_agrees(html, html);
  // Where the scan would not match the parse, it declines.
  EXPECT_FALSE(ajd::ld_json_scanned(page_with(ld(block) + "\xE9t\xE9")).has_value());  // Latin-1 bytes
  // Characters libxml2 drops from a script: "Senior\x0BEngineer" would read differently.
  EXPECT_FALSE(ajd::ld_json_scanned(page_with(ld("{\"title\": \"Senior\x0B" "Engineer\"}"))).has_value());
  EXPECT_FALSE(ajd::ld_json_scanned(page_with(ld("{\"title\": \"A\xEF\xBF\xBF\"}"))).has_value());
  EXPECT_FALSE(ajd::ld_json_scanned(page_with("<base href=\"https://other.example/\">" + ld(block))).has_value());
}

TEST(DescribePage, APageReadWithoutItsTreeReadsAsWithIt) {
  // The same JobPosting, once where the scan suffices and once behind a <base>, which makes read_page parse.
  const std::string ld_block = ld(posting("\"hiringOrganization\": {\"name\": \"Acme\"}"));
  PageInfo quick = read_page(page_with(ld_block, "<h1>Other title</h1>"), "https://example.com/job");
  PageInfo full = read_page(page_with("<base href=\"https://example.com/job\">" + ld_block, "<h1>Other title</h1>"),
                            "https://example.com/job");
  EXPECT_EQ(quick.title, "Backend Developer");
  EXPECT_EQ(quick.company, "Acme");
  EXPECT_EQ(quick.description_text, full.description_text);
  EXPECT_EQ(quick.description_markdown, full.description_markdown);
  EXPECT_EQ(quick.title, full.title);
  EXPECT_EQ(quick.company, full.company);
  // Without a company in the JSON-LD the page is parsed for og:site_name.
  PageInfo no_company = read_page(page_with("<meta property=\"og:site_name\" content=\"Acme Careers\">" +
                                            ld(posting(""))),
                                  "https://example.com/job");
  EXPECT_EQ(no_company.company, "Acme Careers");
}
