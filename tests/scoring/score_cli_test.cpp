// The profile and scoring commands through ajhost: profile validate (file:line
// for each mistake; YAML and JSON), init (XDG, never overwriting), a run with no
// profile, ajhost score after a profile change (only scores move: status, notes
// and seen counts stay), processing_method, and jobs show's breakdown.
#include "source_harness.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace aj::test {
namespace {

const std::string kImport = AJ_FIXTURES_DIR "/enrich/import.jsonl";
const std::string kProfiles = AJ_FIXTURES_DIR "/profile/";

boost::json::object breakdown(const Row& job) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.at("score_breakdown"), ec);
  return !ec && v.is_object() ? v.as_object() : boost::json::object();
}

bool has_factor(const boost::json::object& b, const std::string& name) {
  if (!b.contains("factors")) return false;
  for (const auto& f : b.at("factors").as_array())
    if (f.as_object().at("factor").as_string() == name) return true;
  return false;
}

TEST(ProfileValidate, TheExampleAndAJsonResumeFileAreFine) {
  auto r = run_ajhost({"profile", "validate", AJ_SOURCE_DIR "/config/profile.example.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(": ok (Alex Example: 2 jobs"), std::string::npos) << r.out;
  auto j = run_ajhost({"profile", "validate", kProfiles + "profile.json"});
  EXPECT_EQ(j.exit_code, 0) << j.err;
  EXPECT_NE(j.out.find("Sam Example"), std::string::npos) << j.out;
}

TEST(ProfileValidate, EveryMistakeIsNamedWithItsLine) {
  auto r = run_ajhost({"profile", "validate", kProfiles + "bad.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  for (const char* expected : {
           "bad.yaml:3:3: error: unknown key 'basics.emial' (did you mean 'email'?)",
           "bad.yaml:6:16: error: work[0].startDate: '2021-13' has no month 13",
           "bad.yaml:9:20: error: preferences.seniority[1]: 'senor' is not one of entry, mid, senior, expert",
           "bad.yaml:10:19: error: preferences.salary.floor: 120000 is not below the target 100000",
           "bad.yaml:10:53: error: preferences.salary.currency: 'cad' is not an ISO 4217 code",
           "bad.yaml:11:24: error: preferences.work_authorization: 'Canada' is not a two-letter country code",
           "bad.yaml:13:7: error: preferences.locations[0]: missing required key 'place'",
           "bad.yaml: 7 errors"})
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n--- got:\n" << r.err;
}

TEST(Init, WritesStarterFilesOnceAndTheProfileValidates) {
  TempDir dir;
  std::map<std::string, std::string> env = {{"XDG_CONFIG_HOME", dir.path().string()}, {"AJ_PROFILE", ""}};
  auto first = run_ajhost({"init"}, env);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  for (const char* f : {"profile.yaml", "host.yaml", "sources.yaml"})
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "autojobagent" / f)) << f;
  EXPECT_EQ(std::filesystem::status(dir.path() / "autojobagent" / "profile.yaml").permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write)
      << "a profile holds an e-mail address and a phone number";
  // The person's edits survive a second init.
  { std::ofstream(dir.path() / "autojobagent" / "profile.yaml", std::ios::app) << "# mine\n"; }
  auto second = run_ajhost({"init"}, env);
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("kept"), std::string::npos) << second.out;
  EXPECT_NE(read_file(dir.path() / "autojobagent" / "profile.yaml").find("# mine"), std::string::npos);
  // With no file named, validate and run use the profile init wrote.
  auto check = run_ajhost({"profile", "validate"}, env);
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("autojobagent/profile.yaml: ok"), std::string::npos) << check.out;
  auto host = run_ajhost({"--config", (dir.path() / "autojobagent" / "host.yaml").string(), "plugins", "list"}, env);
  EXPECT_EQ(host.exit_code, 0) << "the written host.yaml loads: " << host.err;
}

class Scoring : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = dir / "jobs.db";
  PipelineRun import(const std::string& pipeline = AJ_SOURCE_DIR "/pipelines/import.yaml",
                     std::map<std::string, std::string> env = {}) {
    env["AJ_IMPORT"] = kImport;
    return run_ajhost_on(dir, {"run", pipeline, "--db", db}, db, quick_host_yaml(), env);
  }
  PipelineRun score(const std::vector<std::string>& extra, const std::string& profile) {
    std::vector<std::string> args = {"score", "--db", db, "--profile", profile};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ajhost_on(dir, args, db, quick_host_yaml());
  }
};

TEST_F(Scoring, ARunThatScoresNeedsAProfile) {
  auto run = import(AJ_SOURCE_DIR "/pipelines/import.yaml", {{"AJ_PROFILE", ""}});
  EXPECT_EQ(run.proc.exit_code, 2);
  EXPECT_NE(run.proc.err.find("there is no profile"), std::string::npos) << run.proc.err;
  EXPECT_NE(run.proc.err.find("ajhost init"), std::string::npos) << run.proc.err;
  EXPECT_TRUE(run.jobs.empty());
}

TEST_F(Scoring, ImportScoresWithBothStagesAndJobsShowExplains) {
  auto run = import();
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 5u);
  const Row* senior = run.job("111");
  ASSERT_NE(senior, nullptr);
  auto b = breakdown(*senior);
  EXPECT_EQ(b.at("method").as_string(), "hybrid");
  for (const char* f : {"title", "company", "location", "job_type", "salary", "experience", "skills"})
    EXPECT_TRUE(has_factor(b, f)) << f << " in " << senior->at("score_breakdown");
  EXPECT_FALSE(senior->at("decision").empty());

  auto show = run_ajhost({"jobs", "show", "--db", db, senior->at("job_id")});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  for (const char* part : {"FACTOR", "title", "salary", "REASON", "SKILLS THE POSTING ASKS FOR", "must have"})
    EXPECT_NE(show.out.find(part), std::string::npos) << part << "\n" << show.out;
}

TEST_F(Scoring, RuleBasedLeavesStageTwoOut) {
  std::string pipeline = dir / "rules_only.yaml";
  {
    std::ofstream(pipeline) << "extends: " AJ_SOURCE_DIR "/pipelines/import.yaml\n"
                            << "settings:\n  processing_method: rule_based\n";
  }
  auto run = import(pipeline);
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  for (const auto& job : run.jobs) {
    auto b = breakdown(job);
    EXPECT_EQ(b.at("method").as_string(), "rule_based") << job.at("title");
    EXPECT_FALSE(has_factor(b, "skills")) << job.at("title");
  }
}

// The example profile with Maple Ledger Systems blocked: the change a person makes before `ajhost score`.
std::string blocks_maple(const TempDir& dir) {
  std::string text = read_file(AJ_SOURCE_DIR "/config/profile.example.yaml");
  const std::string from = "blocked: [Example Staffing Agency]";
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the example profile's blocked companies changed; update this test";
  if (at != std::string::npos) text.replace(at, from.size(), "blocked: [Example Staffing Agency, Maple Ledger Systems]");
  std::string path = dir / "blocks_maple.yaml";
  std::ofstream(path) << text;
  return path;
}

TEST_F(Scoring, ScoreAgainMovesOnlyScoresAfterAProfileChange) {
  const std::string changed = blocks_maple(dir);
  auto run = import();
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  const Row* before = run.job("111");
  ASSERT_NE(before, nullptr);
  ASSERT_NE(before->at("decision"), "skip") << "the example profile does not block Maple Ledger";
  auto status = run_ajhost({"jobs", "set-status", "--db", db, before->at("job_id"), "applied", "--note", "sent by hand"});
  ASSERT_EQ(status.exit_code, 0) << status.err;

  // A dry run shows the move and writes nothing.
  auto dry = score({"--dry-run"}, changed);
  ASSERT_EQ(dry.proc.exit_code, 0) << dry.explain();
  EXPECT_NE(dry.proc.out.find("Would re-score 5 postings"), std::string::npos) << dry.proc.out;
  EXPECT_EQ(dry.job("111")->at("decision"), before->at("decision"));

  auto again = score({}, changed);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_NE(again.proc.out.find("Re-scored 5 postings"), std::string::npos) << again.proc.out;
  EXPECT_NE(again.proc.out.find("Decisions, before and now"), std::string::npos) << again.proc.out;
  const Row* after = again.job("111");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->at("decision"), "skip");
  EXPECT_EQ(after->at("score"), "0.0");
  auto b = breakdown(*after);
  ASSERT_TRUE(b.contains("filters"));
  ASSERT_FALSE(b.at("filters").as_array().empty());
  EXPECT_EQ(b.at("filters").as_array()[0].as_object().at("filter").as_string(), "blocked_company");
  // Nothing but the score moved.
  EXPECT_EQ(after->at("status"), "applied");
  EXPECT_NE(after->at("notes").find("sent by hand"), std::string::npos);
  EXPECT_EQ(after->at("seen_count"), before->at("seen_count"));
  EXPECT_EQ(after->at("last_seen"), before->at("last_seen"));
  EXPECT_EQ(after->at("title"), before->at("title"));

  // The daily view: apply first, best first.
  auto list = run_ajhost({"jobs", "list", "--db", db, "--decision", "skip", "--sort", "score"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("Maple Ledger"), std::string::npos) << list.out;
}

TEST_F(Scoring, ScoreReadsTheWholeStoreWhateverMaxJobsSays) {
  ASSERT_EQ(import().proc.exit_code, 0);
  std::string capped = dir / "capped.yaml";
  {
    std::ofstream(capped) << "extends: " AJ_SOURCE_DIR "/pipelines/import.yaml\n"
                          << "settings:\n  max_jobs: 2\n";
  }
  auto again = run_ajhost_on(dir, {"score", capped, "--db", db}, db, quick_host_yaml());
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_NE(again.proc.out.find("Re-scored 5 postings"), std::string::npos) << again.proc.out;
}

}  // namespace
}  // namespace aj::test
