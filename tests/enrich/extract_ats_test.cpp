// ATS detection (ajsrc/ats.hpp): from a URL's host, from an ATS URL inside a
// redirector's query, and from the links and markers of a page.
#include "ajsrc/ats.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

TEST(AtsTest, EveryAtsOfTheIssueIsKnownByItsUrls) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"https://acme.wd3.myworkdayjobs.com/en-US/External/job/Toronto/Analyst_R123", "workday"},
      {"https://wd5.myworkdaysite.com/recruiting/acme/careers/job/x", "workday"},
      {"https://boards.greenhouse.io/acme/jobs/4012345", "greenhouse"},
      {"https://job-boards.greenhouse.io/acme/jobs/4012345?gh_src=abc", "greenhouse"},
      {"https://jobs.lever.co/acme/2f1c6a3e-1111-2222-3333-444455556666/apply", "lever"},
      {"https://careers-acme.icims.com/jobs/12345/analyst/job", "icims"},
      {"https://acme.bamboohr.com/careers/42", "bamboohr"},
      {"https://jobs.ashbyhq.com/acme/1b2c3d4e-0000-1111-2222-333344445555", "ashby"},
      {"https://jobs.smartrecruiters.com/Acme/743999912345678-analyst", "smartrecruiters"},
      {"https://acme.taleo.net/careersection/2/jobdetail.ftl?job=12345", "taleo"},
      {"https://career8.successfactors.com/sfcareer/jobreqcareer?jobId=123&company=acme", "successfactors"},
      {"https://jobs.jobvite.com/acme/job/oAbC123", "jobvite"},
      {"https://apply.workable.com/acme/j/ABCDEF1234/", "workable"},
      {"HTTPS://BOARDS.GREENHOUSE.IO/acme/jobs/1", "greenhouse"},
      {"https://www.acme.com/careers/openings?gh_jid=4012345", "greenhouse"},  // an embedded board
  };
  for (const auto& [url, ats] : cases) EXPECT_EQ(ajsrc::ats_from_url(url), ats) << url;
}

TEST(AtsTest, EmployerPagesAndLookalikesAreNoAts) {
  for (const char* url : {"https://careers.acme.com/jobs/123", "https://www.linkedin.com/jobs/view/123",
                          "https://ca.indeed.com/viewjob?jk=abc", "https://notgreenhouse.io/jobs/1",
                          "https://lever.com/careers", "https://acme.com/jobs?x_gh_jid=1", "https://example.com/about-greenhouse.io-story", "", "not a url"})
    EXPECT_EQ(ajsrc::ats_from_url(url), "") << url;
}

TEST(AtsTest, ARedirectorsQueryNamesTheAts) {
  EXPECT_EQ(ajsrc::ats_from_url("https://www.eluta.ca/redirect?url=https%3A%2F%2Facme.wd1.myworkdayjobs.com%2Fjob%2F1"),
            "workday");
  EXPECT_EQ(ajsrc::ats_from_url("https://click.example.com/r?to=https://jobs.lever.co/acme/1"), "lever");
}

TEST(AtsTest, APageNamesItsAtsByItsLinksOrMarkers) {
  EXPECT_EQ(ajsrc::ats_from_page(R"(<div id="grnhse_app"></div>
      <script src="https://boards.greenhouse.io/embed/job_board/js?for=acme"></script>)"),
            "greenhouse");
  EXPECT_EQ(ajsrc::ats_from_page(R"(<a href="https://jobs.lever.co/acme/123/apply">Apply</a>)"), "lever");
  EXPECT_EQ(ajsrc::ats_from_page(R"(<iframe id="icims_content_iframe" src="/x"></iframe>)"), "icims");
  EXPECT_EQ(ajsrc::ats_from_page("<footer>Powered by Workable</footer>"), "workable");
  // The first ATS the page points at wins over a later mention.
  EXPECT_EQ(ajsrc::ats_from_page(R"(<form action="https://acme.bamboohr.com/careers/9/apply"></form>
      <a href="https://www.smartrecruiters.com/blog">blog</a>)"),
            "bamboohr");
  EXPECT_EQ(ajsrc::ats_from_page("<p>We use greenhouse gas accounting.</p>"), "");
  EXPECT_EQ(ajsrc::ats_from_page(R"(<a href="//careers-acme.icims.com/jobs/1">x</a>)"), "icims");
  EXPECT_EQ(ajsrc::ats_from_page(R"(<a href="/out?u=https%3A%2F%2Facme.wd5.myworkdayjobs.com%2Fx">Apply</a>)"),
            "workday");
  // A link to some other site before the ATS link does not hide it; an ATS name in plain text is no link.
  EXPECT_EQ(ajsrc::ats_from_page(R"(<a href="https://www.acme.com/">home</a> see boards.greenhouse.io
      <a href="https://acme.taleo.net/careersection/1">Apply</a>)"),
            "taleo");
}

TEST(AtsTest, HostOfAndUrlEncode) {
  EXPECT_EQ(ajsrc::host_of("https://user:pw@Jobs.Lever.co:8443/acme?x=1"), "jobs.lever.co");
  EXPECT_EQ(ajsrc::host_of("http://[::1]:8080/x"), "[::1]");
  EXPECT_EQ(ajsrc::host_of("jobs.lever.co/acme"), "");
  EXPECT_EQ(ajsrc::url_encode("data analyst & co/é"), "data%20analyst%20%26%20co%2F%C3%A9");
}

}  // namespace
