// De-duplication's normalisation: company, title, place, apply URL,
// requisition id, the host's job key, and the MinHash estimate.
#include "job_key.hpp"
#include "minhash.hpp"
#include "normalize.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace aj::dedup;

namespace {

std::string title(std::string_view t, std::string_view location = {}, std::string_view company = {}) {
  return title_key(t, TitleContext{place_words(location), company_key(company)}).key;
}

}  // namespace

TEST(DedupNormalize, CompanyDropsLegalFormsPunctuationAndThe) {
  EXPECT_EQ(company_key("Acme Inc."), "acme");
  EXPECT_EQ(company_key("ACME Corporation"), "acme");
  EXPECT_EQ(company_key("Acme Ltd"), "acme");
  EXPECT_EQ(company_key("The Acme Company, Ltd."), "acme");
  EXPECT_EQ(company_key("Acme Canada Inc."), "acme");
  EXPECT_EQ(company_key("Acme (Canada) Inc."), "acme");
  EXPECT_EQ(company_key("Shopify"), "shopify");
  EXPECT_EQ(company_key("McDonald's"), "mcdonalds");
  EXPECT_EQ(company_key("AT&T"), "att");
  EXPECT_EQ(company_key("Johnson & Johnson"), company_key("Johnson and Johnson"));
  EXPECT_EQ(company_key("Desjardins Groupe Financier Ltée"), "desjardinsgroupefinancier");
  EXPECT_EQ(company_key("Royal Bank of Canada"), "royalbankofcanada");  // "of Canada" is the name
  EXPECT_EQ(company_key("Bank of Canada"), "bankofcanada");
  EXPECT_EQ(company_key("Inc."), "inc");  // a name that is only a suffix stays
  EXPECT_EQ(company_key(""), "");
  EXPECT_NE(company_key("Acme"), company_key("Apex"));
}

TEST(DedupNormalize, TitleExpandsAbbreviationsAndDropsWhatBoardsAdd) {
  const std::string senior = "engineer senior software";
  EXPECT_EQ(title("Senior Software Engineer"), senior);
  EXPECT_EQ(title("Sr. Software Engineer"), senior);
  EXPECT_EQ(title("Sr Software Eng (Remote)"), senior);
  EXPECT_EQ(title("Senior Software Engineer - Toronto"), senior);
  EXPECT_EQ(title("Senior Software Engineer – Toronto, ON"), senior);  // en dash
  EXPECT_EQ(title("Senior Software Engineer | Remote, Canada"), senior);
  EXPECT_EQ(title("Senior Software Engineer (Req #48213)"), senior);
  EXPECT_EQ(title("Senior Software Engineer - R0048213"), senior);
  EXPECT_EQ(title("REQ-48213 Senior Software Engineer"), senior);
  EXPECT_EQ(title("Senior Software Engineer (12-month contract)"), senior);
  EXPECT_EQ(title("Senior Software Engineer (Hybrid)"), senior);
  EXPECT_EQ(title("Senior Software Engineer - Oakville", "Oakville, ON"), senior);  // the posting's own city
  EXPECT_EQ(title("Senior Software Engineer @ Acme", "", "Acme Inc."), senior);
  EXPECT_EQ(title("Software Engineer, Senior"), senior);
  EXPECT_EQ(title("SENIOR SOFTWARE ENGINEER"), senior);
  EXPECT_EQ(title("Sr. SWE"), senior);
  // Words that change the job stay.
  EXPECT_EQ(title("Senior Software Engineer (Backend)"), "backend engineer senior software");
  EXPECT_EQ(title("Senior Software Engineer, Payments - Toronto"), "engineer payments senior software");
  EXPECT_EQ(title("Software Engineer, Backend"), title("Backend Software Engineer"));
  EXPECT_EQ(title("C++ Developer"), "cpp developer");
  EXPECT_NE(title("C++ Developer"), title("C# Developer"));
  EXPECT_EQ(title(".NET Developer"), "developer dotnet");
  EXPECT_EQ(title("Jr. Dev"), "developer junior");
  EXPECT_EQ(title("Entry-Level Software Developer"), title("Junior Software Developer"));
  EXPECT_EQ(title("VP, Engineering"), title("Vice President of Engineering"));
  EXPECT_EQ(title("Co-op Student, Data"), "coop data student");
  EXPECT_EQ(title("QA Analyst"), title("Quality Assurance Analyst"));
  EXPECT_EQ(title("ML Engineer"), title("Machine Learning Engineer"));
  EXPECT_EQ(title("HR Generalist"), title("Human Resources Generalist"));
  EXPECT_EQ(title("RN, Community Care"), title("Registered Nurse (RN) - Community Care"));
  EXPECT_EQ(title("Remote"), "remote");  // nothing but noise: kept rather than empty
}

TEST(DedupNormalize, TitleKeepsLevelWordsAndNumerals) {
  EXPECT_NE(title("Software Engineer II"), title("Software Engineer III"));
  EXPECT_EQ(title("Software Engineer II"), title("Software Engineer 2"));
  EXPECT_EQ(title("Software Engineer II"), title("Software Engineer - Level 2"));
  EXPECT_NE(title("Senior Software Engineer"), title("Software Engineer"));
  EXPECT_NE(title("Intermediate Developer"), title("Senior Developer"));
  EXPECT_EQ(title("Intermediate Developer"), title("Mid-Level Developer"));
  EXPECT_NE(title("Staff Engineer"), title("Principal Engineer"));
  EXPECT_EQ(title_key("Senior Software Engineer II").levels, "2 senior");
  EXPECT_EQ(title_key("Software Engineer").levels, "");
  EXPECT_EQ(title_key("Sr. Data Analyst (Remote)").levels, "senior");
}

TEST(DedupNormalize, PlaceIsTheCityOrRemote) {
  EXPECT_EQ(place_key("Toronto, ON, Canada"), "toronto");
  EXPECT_EQ(place_key("Toronto, Ontario"), "toronto");
  EXPECT_EQ(place_key("Toronto"), "toronto");
  EXPECT_EQ(place_key("Greater Toronto Area"), "toronto");
  EXPECT_EQ(place_key("GTA, ON"), "toronto");
  EXPECT_EQ(place_key("Downtown Toronto, ON"), "toronto");
  EXPECT_EQ(place_key("Toronto, ON M5V 2T6"), "toronto");
  EXPECT_EQ(place_key("Hybrid remote in Toronto, ON"), "toronto");
  EXPECT_EQ(place_key("", "Toronto"), "toronto");
  EXPECT_EQ(place_key("Montréal, QC"), "montreal");
  EXPECT_EQ(place_key("Montreal, Quebec, Canada"), "montreal");
  EXPECT_EQ(place_key("St. Catharines, ON"), place_key("Saint Catharines, Ontario"));
  EXPECT_EQ(place_key("Remote"), "remote");
  EXPECT_EQ(place_key("Remote - Canada"), "remote");
  EXPECT_EQ(place_key("Canada (Remote)"), "remote");
  EXPECT_EQ(place_key("Remote in Toronto, ON"), "remote");
  EXPECT_EQ(place_key("Ontario, Canada"), "");  // a province is not a city
  EXPECT_EQ(place_key("Canada"), "");
  EXPECT_EQ(place_key("", "", true), "remote");
  EXPECT_EQ(place_key("Vancouver, BC", "", true), "vancouver");  // the location says where
  EXPECT_NE(place_key("Toronto, ON"), place_key("Vancouver, BC"));
}

TEST(DedupNormalize, ApplyUrlDropsTrackingButKeepsIds) {
  EXPECT_EQ(apply_url_key("https://boards.greenhouse.io/acme/jobs/4012001?gh_src=linkedin&utm_source=x#app"),
            "boards.greenhouse.io/acme/jobs/4012001");
  EXPECT_EQ(apply_url_key("http://www.Acme.com/careers/4012001/"), "acme.com/careers/4012001");
  EXPECT_EQ(apply_url_key("https://acme.com/careers?gh_jid=4012001&gh_src=abc"), "acme.com/careers?gh_jid=4012001");
  EXPECT_EQ(apply_url_key("https://ca.indeed.com/viewjob?jk=9f1c2a3b4d5e6f70&from=serp&vjs=3&tk=1hx"),
            "ca.indeed.com/viewjob?jk=9f1c2a3b4d5e6f70");
  EXPECT_EQ(apply_url_key("https://jobs.lever.co/acme/6f1e2d3c-1111-2222-3333-444455556666?lever-source=LinkedIn"),
            "jobs.lever.co/acme/6f1e2d3c-1111-2222-3333-444455556666");
  EXPECT_EQ(apply_url_key("https://acme.com/jobs?b=2&a=1"), apply_url_key("https://acme.com/jobs?a=1&b=2"));
  // A careers page without an id identifies no posting.
  EXPECT_EQ(apply_url_key("https://acme.wd3.myworkdayjobs.com/en-US/External"), "");
  EXPECT_EQ(apply_url_key("https://www.acme.com/careers/"), "");
  EXPECT_EQ(apply_url_key("not a url"), "");
  EXPECT_EQ(apply_url_key(""), "");
}

TEST(DedupNormalize, RequisitionIds) {
  EXPECT_EQ(requisition_key("REQ-12345"), "12345");
  EXPECT_EQ(requisition_key("Req #12345"), "12345");
  EXPECT_EQ(requisition_key("Job ID: 12345"), "12345");
  EXPECT_EQ(requisition_key("12345"), "12345");
  EXPECT_EQ(requisition_key("R0012345"), "r0012345");
  EXPECT_EQ(requisition_key("JR-2024-118"), "jr2024118");
  EXPECT_EQ(requisition_key("7"), "");
}

TEST(DedupNormalize, JobKeyIsTheHosts) {
  EXPECT_EQ(job_key("LinkedIn", "3912345", "https://x", "", "", "", ""), "linkedin:3912345");
  EXPECT_EQ(job_key("", "42", "", "", "", "", ""), "unknown:42");
  EXPECT_EQ(job_key("indeed", "", "HTTPS://CA.Indeed.com/viewjob/?jk=1&utm_source=x&trk=y#top", "", "", "", ""),
            "url:https://ca.indeed.com/viewjob?jk=1");
  EXPECT_EQ(job_key("indeed", "", "", "https://acme.com/jobs/9/", "", "", ""), "url:https://acme.com/jobs/9");
  // The hash fallback: FNV-1a of "acme\x1fengineer\x1ftoronto" (lower-cased).
  const std::string k = job_key("Import", "", "", "", "Acme", "Engineer", "Toronto");
  EXPECT_EQ(k.rfind("import:h", 0), 0u);
  EXPECT_EQ(k.size(), std::string("import:h").size() + 16);
  EXPECT_EQ(k, job_key("import", "", "", "", "ACME", "ENGINEER", "TORONTO"));
}

TEST(DedupMinHash, EstimatesJaccardAndIgnoresShortText) {
  MinHasher h(MinHashParams{128, 16, 5, 40});
  std::string base;
  for (int i = 0; i < 200; ++i) base += "word" + std::to_string(i) + " ";
  Signature a = h.sign(base);
  ASSERT_EQ(a.values.size(), 128u);
  EXPECT_EQ(a.shingles, 196u);
  EXPECT_DOUBLE_EQ(jaccard_estimate(a.values, h.sign(base).values), 1.0);
  // Case, punctuation, bullets and typographic quotes do not change the words.
  std::string styled;
  for (int i = 0; i < 200; ++i)
    styled += (i % 7 == 0 ? "\xE2\x80\xA2 WORD" : "Word") + std::to_string(i) + (i % 5 ? ", " : ".\n");
  EXPECT_DOUBLE_EQ(jaccard_estimate(a.values, h.sign(styled).values), 1.0);
  // Half the words replaced: the true Jaccard of the shingle sets is small.
  std::string other;
  for (int i = 0; i < 200; ++i) other += (i % 2 ? "other" : "word") + std::to_string(i) + " ";
  EXPECT_LT(jaccard_estimate(a.values, h.sign(other).values), 0.2);
  // The first 150 of 200 words: J = 146/196 = 0.74, containment 1.
  std::string head;
  for (int i = 0; i < 150; ++i) head += "word" + std::to_string(i) + " ";
  Signature t = h.sign(head);
  double j = jaccard_estimate(a.values, t.values);
  EXPECT_NEAR(j, 146.0 / 196.0, 0.12);
  EXPECT_GT(containment_estimate(j, a.shingles, t.shingles), 0.85);
  EXPECT_TRUE(h.sign("too short to compare").empty());
  EXPECT_EQ(h.bands(a).size(), 16u);
  EXPECT_EQ(h.bands(a), h.bands(h.sign(styled)));
}
