// pipelines/import.yaml end to end: imported postings come out enriched (the
// extractor's values with their origin, ATS, pay per year) and grouped across
// sites by the dedup enricher; a second import of the same file adds nothing.
#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

namespace aj::test {
namespace {

std::string origin(const Row& job, const std::string& field) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.at("field_sources"), ec);
  if (ec || !v.is_object() || !v.as_object().contains(field)) return "";
  return std::string(v.as_object().at(field).as_string());
}

std::set<std::string> list_of(const std::string& json) {
  std::set<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (!ec && v.is_array())
    for (const auto& s : v.as_array()) out.insert(std::string(s.as_string()));
  return out;
}

class ImportEnrich : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = dir / "jobs.db";
  PipelineRun import() {
    return run_ajhost_on(dir, {"run", AJ_SOURCE_DIR "/pipelines/import.yaml", "--db", db}, db, quick_host_yaml(),
                         {{"AJ_IMPORT", AJ_FIXTURES_DIR "/enrich/import.jsonl"}});
  }
};

TEST_F(ImportEnrich, ImportedPostingsComeOutEnrichedWithTheOriginOfEachValue) {
  auto run = import();
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 5u) << run.explain();

  const Row* senior = run.job("111");
  ASSERT_NE(senior, nullptr);
  EXPECT_EQ(senior->at("min_amount"), "120000.0");
  EXPECT_EQ(senior->at("max_amount"), "140000.0");
  EXPECT_EQ(senior->at("interval"), "yearly");
  EXPECT_EQ(senior->at("currency"), "CAD") << "a bare $ in a Toronto posting";
  EXPECT_EQ(senior->at("salary_source"), "description");
  EXPECT_EQ(origin(*senior, "min_amount"), "text");
  EXPECT_EQ(senior->at("work_arrangement"), "hybrid");
  EXPECT_EQ(senior->at("job_level"), "senior");
  EXPECT_EQ(senior->at("experience_min_years"), "6");
  EXPECT_EQ(senior->at("french"), "asset");
  EXPECT_EQ(senior->at("language"), "en");
  EXPECT_EQ(senior->at("ats"), "greenhouse");
  auto skills = list_of(senior->at("skills"));
  for (const char* s : {"Python", "Kubernetes", "PostgreSQL", "Google Cloud", "SQL", "Terraform"})
    EXPECT_TRUE(skills.count(s)) << s << " in " << senior->at("skills");

  const Row* french = run.job("g-77");
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(french->at("language"), "fr");
  EXPECT_EQ(french->at("french"), "required");
  EXPECT_EQ(french->at("job_type"), "parttime");
  EXPECT_EQ(french->at("interval"), "hourly");
  EXPECT_EQ(french->at("min_amount"), "18.5");
  EXPECT_EQ(french->at("annual_min"), "38480.0") << "hourly x 2080";
  EXPECT_EQ(french->at("ats"), "unknown");

  // A source's structured pay is kept over the text's "$70,000".
  const Row* analyst = run.job("nw-5");
  ASSERT_NE(analyst, nullptr);
  EXPECT_EQ(analyst->at("min_amount"), "72000.0");
  EXPECT_NE(origin(*analyst, "min_amount"), "text");
  EXPECT_EQ(analyst->at("annual_min"), "72000.0");
  EXPECT_EQ(analyst->at("work_arrangement"), "onsite") << "\"not a remote role\"";
  EXPECT_EQ(analyst->at("ats"), "workday");
  EXPECT_NE(analyst->at("score"), "") << "import still scores";
}

TEST_F(ImportEnrich, TheSameJobOnTwoSitesIsOneGroupAndAReimportAddsNothing) {
  auto run = import();
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  const Row* linkedin = run.job("111");
  const Row* indeed = run.job("abc");
  const Row* junior = run.job("222");
  ASSERT_TRUE(linkedin && indeed && junior);
  EXPECT_NE(linkedin->at("duplicate_group"), "");
  EXPECT_EQ(linkedin->at("duplicate_group"), indeed->at("duplicate_group"));
  EXPECT_NE(linkedin->at("duplicate_group"), junior->at("duplicate_group")) << "another level stays apart";
  // The plugin's own account of its work, under its stage in the summary and in the run's JSON.
  EXPECT_NE(run.proc.out.find("  dedup: 5 postings, 1 joined a group"), std::string::npos) << run.proc.out;
  std::string dedup_summary;
  for (const auto& st : run.summary.at("stages").as_array())
    if (st.at("id").as_string() == "dedup") dedup_summary = std::string(st.at("summary").as_string());
  EXPECT_NE(dedup_summary.find("1 joined a group (apply URL 1"), std::string::npos) << dedup_summary;

  // What people see: the group's postings listed, and each value's origin.
  auto group = run_ajhost({"jobs", "list", "--db", db, "--group", linkedin->at("duplicate_group"), "--format", "json"});
  ASSERT_EQ(group.exit_code, 0) << group.err;
  std::set<std::string> sites;
  const boost::json::value listed = boost::json::parse(group.out);
  for (const auto& j : listed.as_array()) sites.insert(std::string(j.at("site").as_string()));
  EXPECT_EQ(sites, (std::set<std::string>{"linkedin", "indeed"})) << group.out;
  auto show = run_ajhost({"jobs", "show", "indeed:abc", "--db", db});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("The same job, 2 postings"), std::string::npos) << show.out;
  // Both sites' pages, whichever of the two the pipeline's parallel workers handed dedup first.
  EXPECT_NE(show.out.find("https://www.linkedin.com/jobs/view/111"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("https://ca.indeed.com/viewjob?jk=abc"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("text"), std::string::npos) << show.out;

  auto again = import();
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.jobs.size(), 5u);
  for (const auto& j : again.jobs) {
    const Row* before = run.job(j.at("id"));
    ASSERT_NE(before, nullptr);
    EXPECT_EQ(j.at("duplicate_group"), before->at("duplicate_group")) << j.at("id");
  }
}

}  // namespace
}  // namespace aj::test
