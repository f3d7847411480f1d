// The pipeline engine end to end with test plugins: streaming, limits,
// filters, failures, fallback and stopping.
#include "pipeline/engine.hpp"
#include "store/job_store.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace aj::host;
using aj::test::TempDir;
using aj::test::write_file;

namespace {

const PluginRegistry& registry() {
  static PluginRegistry* reg = [] {
    auto* r = new PluginRegistry();
    r->load_dirs({AJ_TEST_GOOD_PLUGINS, AJ_PLUGINS_DIR});
    return r;
  }();
  return *reg;
}

class EngineTest : public ::testing::Test {
 protected:
  PipelineSpec load(const std::string& yaml) {
    write_file(dir_ / "p.yaml", yaml);
    Diagnostics diags;
    auto spec = load_pipeline(dir_ / "p.yaml", registry(), SourceToggles{}, diags, process_env());
    for (const auto& d : diags.items()) ADD_FAILURE() << d.str();
    if (!spec) throw std::runtime_error("pipeline did not load");
    return *spec;
  }
  RunSummary run(const PipelineSpec& spec, RunOptions opts = {}) {
    Engine engine(spec, &store_, opts);
    return engine.run();
  }
  const SourceStats& source(const RunSummary& s, const std::string& id) {
    for (const auto& x : s.sources)
      if (x.id == id) return x;
    throw std::runtime_error("no source " + id);
  }
  const StageStats& stage(const RunSummary& s, const std::string& id) {
    for (const auto& x : s.stages)
      if (x.id == id) return x;
    throw std::runtime_error("no stage " + id);
  }

  TempDir dir_;
  JobStore store_{dir_ / "jobs.db"};
};

}  // namespace

TEST_F(EngineTest, EveryQueryOfEverySourceIsStoredOnce) {
  auto spec = load(R"(
search: { terms: [dev, qa], locations: [Toronto, Mississauga, Oakville] }
sources:
  a: { use: testsrc, workers: 3, settings: { count: 20, prefix: a } }
  b: { use: testsrc, settings: { count: 5, prefix: b } }
)");
  RunSummary s = run(spec);
  EXPECT_EQ(s.exit_code(), 0) << s.to_json();
  EXPECT_EQ(source(s, "a").queries, 6u);
  EXPECT_EQ(source(s, "a").found, 120u);
  EXPECT_EQ(source(s, "b").found, 30u);
  EXPECT_EQ(s.new_jobs, 150u);
  EXPECT_EQ(store_.count(), 150);

  RunSummary again = run(spec);
  EXPECT_EQ(again.new_jobs, 0u);
  EXPECT_EQ(again.duplicates, 150u);
  EXPECT_EQ(source(again, "b").duplicates, 30u);
  EXPECT_EQ(store_.count(), 150);
  EXPECT_EQ(store_.runs(10).size(), 2u);
  EXPECT_EQ(store_.runs(10)[0].outcome, "ok");
}

TEST_F(EngineTest, LimitStopsTheSourcesAtExactlyThatMany) {
  auto spec = load(R"(
settings: { max_jobs: 1000, queue_capacity: 4 }
sources:
  endless: { use: testsrc, workers: 2, settings: { count: -1 } }
  other: { use: testsrc, settings: { count: -1, prefix: o } }
)");
  RunOptions opts;
  opts.limit = 37;  // the command line wins over settings.max_jobs
  RunSummary s = run(spec, opts);
  EXPECT_TRUE(s.limit_reached);
  EXPECT_EQ(s.stored, 37u);
  EXPECT_NE(source(s, "endless").message.find("stopped at the run's limit of 37"), std::string::npos);
  EXPECT_EQ(store_.count(), 37);
}

TEST_F(EngineTest, EnrichersDropFailAndTagInOrder) {
  auto spec = load(R"(
sources:
  src: { use: testsrc, settings: { count: 30 } }
enrichers:
  first: { use: testenrich, workers: 2, settings: { tag: one, drop_if_title_has: "Engineer 1", fail_if_title_has: "Engineer 2" } }
  second: { use: testenrich, settings: { tag: two } }
)");
  RunSummary s = run(spec);
  // Titles "Engineer 1" and "Engineer 10".."19": 11 dropped; "Engineer 2", "20".."29": 11 failed.
  EXPECT_EQ(stage(s, "first").dropped, 11u);
  EXPECT_EQ(stage(s, "first").failed, 11u);
  EXPECT_EQ(stage(s, "second").in, 19u);
  EXPECT_EQ(store_.count(), 19);
  EXPECT_EQ(s.exit_code(), 3) << "per-job failures are reported";
  auto jobs = store_.list(JobFilter{});
  for (const auto& j : jobs) {
    const std::string* trail = j.record.extra("trail");
    ASSERT_NE(trail, nullptr);
    std::string title = j.record.str_or_empty(AJ_F_TITLE);
    bool failed_first = title.rfind("Engineer 2", 0) == 0;
    EXPECT_EQ(*trail, failed_first ? "two" : "one,two") << title;
  }
}

TEST_F(EngineTest, InputsLimitAStageToSomeSources) {
  auto spec = load(R"(
sources:
  a: { use: testsrc, settings: { count: 4, prefix: a } }
  b: { use: testsrc, settings: { count: 6, prefix: b } }
enrichers:
  only_b: { use: testenrich, inputs: [b], settings: { tag: b-only } }
)");
  RunSummary s = run(spec);
  EXPECT_EQ(stage(s, "only_b").processed, 6u);
  EXPECT_EQ(stage(s, "only_b").passed_over, 4u);
  int tagged = 0;
  for (const auto& j : store_.list(JobFilter{}))
    if (j.record.extra("trail")) {
      ++tagged;
      EXPECT_EQ(j.record.str_or_empty(AJ_F_ID).substr(0, 2), "b-");
    }
  EXPECT_EQ(tagged, 6);
}

TEST_F(EngineTest, AFailingQueryIsCountedAndTheOthersGoOn) {
  auto spec = load(R"(
search: { terms: [ok1, broken, ok2] }
sources:
  src: { use: testsrc, settings: { count: 3, fail_term: broken } }
)");
  RunSummary s = run(spec);
  EXPECT_EQ(source(s, "src").errors, 1u);
  EXPECT_EQ(source(s, "src").found, 6u);
  EXPECT_EQ(source(s, "src").status, "error");
  EXPECT_NE(source(s, "src").message.find("no results page for 'broken'"), std::string::npos);
  EXPECT_EQ(s.exit_code(), 3);
}

TEST_F(EngineTest, AFailedQueryIsNeverOkWhateverOutcomeItReports) {
  auto spec = load(R"(
search: { terms: [broken] }
sources:
  typo: { use: testsrc, settings: { fail_term: broken, fail_outcome: blockd } }
  known: { use: testsrc, settings: { fail_term: broken, fail_outcome: blocked } }
)");
  RunSummary s = run(spec);
  EXPECT_EQ(source(s, "typo").status, "error");  // an outcome the host does not know is an error
  EXPECT_EQ(source(s, "known").status, "blocked");
  EXPECT_EQ(s.exit_code(), 3);
}

TEST_F(EngineTest, PluginsThatFailToStartAreReportedAndTheRestRuns) {
  auto spec = load(R"(
sources:
  bad_settings: { use: testsrc, settings: { fail_create: true } }
  throws: { use: create_throws }
  good: { use: testsrc, settings: { count: 5 } }
enrichers:
  fatal: { use: testenrich, settings: { mode: fatal } }
)");
  RunSummary s = run(spec);
  EXPECT_EQ(source(s, "bad_settings").status, "failed to start");
  EXPECT_NE(source(s, "bad_settings").message.find("rejected its settings: testsrc: fail_create is set"),
            std::string::npos)
      << source(s, "bad_settings").message;
  EXPECT_EQ(source(s, "throws").status, "failed to start");
  EXPECT_NE(source(s, "throws").message.find("threw an exception from create"), std::string::npos);
  EXPECT_NE(source(s, "throws").message.find("create_throws.so"), std::string::npos) << "names the plugin's path";
  EXPECT_EQ(source(s, "good").found, 5u);
  EXPECT_EQ(stage(s, "fatal").status, "error");
  EXPECT_EQ(store_.count(), 5) << "jobs pass a stage whose plugin gave up";
  EXPECT_EQ(s.exit_code(), 3);
}

TEST_F(EngineTest, FallbackRunsOnlyWhenThePrimariesFindTooLittle) {
  auto yaml = [](int primary_count) {
    return R"(
settings: { fallback: { mode: fallback, min_results: 10, sources: [backup] } }
sources:
  main: { use: testsrc, settings: { count: )" +
           std::to_string(primary_count) + R"(, prefix: m } }
  backup: { use: testsrc, settings: { count: 7, prefix: fb } }
)";
  };
  RunSummary few = run(load(yaml(3)));
  EXPECT_EQ(source(few, "backup").found, 7u);
  EXPECT_TRUE(source(few, "backup").fallback);
  RunSummary enough = run(load(yaml(12)));
  EXPECT_EQ(source(enough, "backup").status, "not needed");
  EXPECT_EQ(source(enough, "backup").found, 0u);
}

TEST_F(EngineTest, HybridRunsEverySource) {
  RunSummary s = run(load(R"(
settings: { fallback: { mode: hybrid, min_results: 1000, sources: [backup] } }
sources:
  main: { use: testsrc, settings: { count: 4, prefix: m } }
  backup: { use: testsrc, settings: { count: 2, prefix: fb } }
)"));
  EXPECT_EQ(source(s, "backup").found, 2u);
  EXPECT_FALSE(source(s, "backup").fallback);
  EXPECT_EQ(store_.count(), 6);
}

TEST_F(EngineTest, DryRunStoresNothingButCountsNewAndKnown) {
  auto spec = load("sources:\n  src: { use: testsrc, settings: { count: 8 } }\n");
  run(spec);
  auto spec2 = load("sources:\n  src: { use: testsrc, settings: { count: 12 } }\n");
  RunOptions opts;
  opts.dry_run = true;
  RunSummary s = run(spec2, opts);
  EXPECT_EQ(s.new_jobs, 4u);
  EXPECT_EQ(s.duplicates, 8u);
  EXPECT_EQ(store_.count(), 8);
  EXPECT_EQ(store_.runs(10).size(), 1u) << "a dry run leaves no trace";
}

TEST_F(EngineTest, StopFinishesWhatIsInFlightAndStoresIt) {
  auto spec = load(R"(
settings: { queue_capacity: 8 }
sources:
  endless: { use: testsrc, settings: { count: -1 } }
enrichers:
  tag: { use: testenrich, settings: { tag: done } }
)");
  Engine engine(spec, &store_, RunOptions{});
  std::thread stopper([&] {
    // Wait (without a clock) until jobs are flowing, then stop.
    while (engine.snapshot().stored < 50) std::this_thread::yield();
    engine.stop();
  });
  RunSummary s = engine.run();
  stopper.join();
  EXPECT_TRUE(s.interrupted);
  EXPECT_EQ(s.exit_code(), 130);
  EXPECT_EQ(source(s, "endless").status, "cancelled");
  EXPECT_GE(s.stored, 50u);
  EXPECT_EQ(static_cast<uint64_t>(store_.count()), s.stored);
  EXPECT_EQ(s.stored, source(s, "endless").found) << "every job found before the stop was stored";
  for (const auto& j : store_.list(JobFilter{})) ASSERT_NE(j.record.extra("trail"), nullptr);
}

TEST_F(EngineTest, SourceSiteDefaultsToThePluginName) {
  run(load("sources:\n  src: { use: testsrc, settings: { count: 1 } }\n"));
  auto jobs = store_.list(JobFilter{});
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].record.str_or_empty(AJ_F_SITE), "testsrc");
  EXPECT_EQ(jobs[0].job_key, "testsrc:job---0");
}

TEST_F(EngineTest, OneFatalWorkerLeavesTheOthersToDoTheWork) {
  RunSummary s = run(load(R"(
settings: { batch_size: 4 }
sources:
  src: { use: testsrc, settings: { count: 400 } }
enrichers:
  tag: { use: testenrich, workers: 4, settings: { mode: fatal_one, tag: done } }
)"));
  EXPECT_EQ(stage(s, "tag").status, "error");
  EXPECT_EQ(store_.count(), 400);
  // Only the batch in the hands of the worker that died went through untouched.
  int untouched = 0;
  for (const auto& j : store_.list(JobFilter{}))
    if (!j.record.extra("trail")) ++untouched;
  EXPECT_LE(untouched, 4) << "the other workers take over the stage";
}

TEST_F(EngineTest, ADisabledStageIsNotAnError) {
  RunSummary s = run(load(R"(
sources:
  src: { use: testsrc, settings: { count: 3 } }
enrichers:
  off: { use: testenrich, enabled: false }
)"));
  EXPECT_EQ(stage(s, "off").status, "disabled");
  EXPECT_EQ(s.exit_code(), 0);
}

TEST_F(EngineTest, AFullDiskStopsTheRunWithoutLosingWhatWasStored) {
  auto spec = load(R"(
sources:
  src: { use: testsrc, settings: { count: -1 } }
)");
  run(load("sources:\n  src: { use: testsrc, settings: { count: 10, prefix: early } }\n"));
  // A database that cannot grow past a few pages fails like a full disk.
  store_.database().exec("PRAGMA max_page_count = 40");
  RunSummary s = run(spec);
  EXPECT_TRUE(s.store_failed);
  EXPECT_EQ(s.exit_code(), 1);
  EXPECT_NE(s.store_message.find("full"), std::string::npos) << s.store_message;
  EXPECT_GT(s.not_stored, 0u);
  EXPECT_EQ(source(s, "src").status, "cancelled");
  store_.database().exec("PRAGMA max_page_count = 1073741823");
  Statement check(store_.database().handle(), "PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.text(0), "ok");
  EXPECT_GE(store_.count(), 10) << "what was stored before is still there";
  EXPECT_EQ(store_.runs(1)[0].outcome, "store failed") << "the run is recorded even so";
}
