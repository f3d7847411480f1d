// The disk fills up: ajhost runs under a file-size limit (RLIMIT_FSIZE, set in
// the child; a tmpfs would need mount privileges CI may lack), so the database
// cannot grow past it, mid-run or from the start. The HTTP disk cache is on and
// hits the limit too. The host must not die of SIGXFSZ: the write fails with
// EFBIG, SQLite reports it, the run stops with a clear error naming the
// database, what was committed stays, the database passes its check, and a
// re-run without the limit completes.
#include "fault_run.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace aj::test;
using namespace aj::test::faults;

namespace {

constexpr int kPostings = 2000;

// A board of kPostings postings with 2 KB descriptions each, and 4 KB each of a
// field no plugin reads (12 MB of answer).
std::string bulk_board(const Scenario& s) {
  std::string out = "{\"jobs\": [";
  for (int i = 0; i < kPostings; ++i) {
    std::string n = std::to_string(100000 + i);
    const size_t start = out.size();
    out += std::string(i ? "," : "") + "{\"id\": " + n + ", \"title\": \"Software Developer " + n +
           "\", \"location\": {\"name\": \"Toronto, ON\"}, \"absolute_url\": \"" + s.site.url("/bulk/" + n) +
           "\", \"content\": \"&lt;p&gt;Posting " + n + ".";
    while (out.size() - start < 2048) out += " Build and run services in C++ and Python; review code; write tests.";
    out += "&lt;/p&gt;\", \"internal_notes\": \"" + std::string(4096, 'n') + "\"}";  // read by nobody
  }
  return out + "]}";
}

}  // namespace

TEST(Faults, DiskFullStopsTheRunWithTheDatabaseIntact) {
  // How large the database of the whole board grows, so that the limit falls mid-run.
  Scenario reference;
  reference.greenhouse("bulk", bulk_board(reference));
  auto full = reference.run(reference.sources({"bulk"}));
  ASSERT_EQ(full.proc.exit_code, 0) << full.explain();
  ASSERT_EQ(full.jobs.size(), static_cast<size_t>(kPostings));
  const auto full_size = static_cast<int64_t>(std::filesystem::file_size(reference.db));

  Scenario s;
  s.greenhouse("bulk", bulk_board(s));
  const std::string sources = s.sources({"bulk"});
  // No file may grow past half the database: neither the database and its
  // write-ahead log nor the cache entry of the board's answer (larger still).
  auto run = s.run(sources, {.file_size_bytes = full_size / 2}, /*cache=*/true);

  // The store failed: exit 1, by exit and not by a signal (SIGXFSZ killed it
  // before: exit 153, nothing printed).
  ASSERT_EQ(run.proc.exit_code, 1) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "error: store: database " + s.db + ": ")) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "free some space or raise the limit, then run again")) << run.explain();
  EXPECT_TRUE(has(run.proc.out, "The store failed: database " + s.db)) << run.explain();
  EXPECT_EQ(run.integrity, "ok");
  // What was committed before the limit stays, as many as the summary says.
  ASSERT_GT(run.jobs.size(), 0u) << run.explain();
  ASSERT_LT(run.jobs.size(), static_cast<size_t>(kPostings)) << "the limit was not reached; make the board larger";
  EXPECT_TRUE(has(run.proc.out, "\n" + std::to_string(run.jobs.size()) + " postings stored: "))
      << run.jobs.size() << " rows in the database\n" << run.explain();
  // The run's record is written last, on the same full disk: there when it
  // still fits, else the log says it could not be.
  if (run.summary.empty()) {
    EXPECT_TRUE(has(run.proc.err, "error: store: cannot record the run: database " + s.db)) << run.explain();
  } else {
    EXPECT_EQ(run.summary.at("outcome").as_string(), "store failed");
    EXPECT_TRUE(has(std::string(run.summary.at("store_error").as_string()), s.db));
  }
  // The cache could not hold the board's answer: the log says so, and no half-written entry is left.
  EXPECT_TRUE(has(run.proc.err, "HTTP cache: cannot write")) << run.explain();
  for (const auto& e : std::filesystem::recursive_directory_iterator(s.dir / "http-cache"))
    EXPECT_FALSE(has(e.path().filename().string(), ".tmp")) << e.path();

  auto again = s.run(sources, {}, /*cache=*/true);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.jobs.size(), static_cast<size_t>(kPostings));
  EXPECT_EQ(again.summary.at("new").as_int64(), kPostings - static_cast<int64_t>(run.jobs.size()));
  EXPECT_EQ(again.summary.at("duplicates").as_int64(), static_cast<int64_t>(run.jobs.size()));
  expect_rows_kept(run, again);
}

TEST(Faults, DiskFullBeforeTheDatabaseIsMadeSaysSoAndRunsNothing) {
  Scenario s;
  s.serve_fixtures();
  const std::string sources = s.sources({"north"});
  // 16 KB: not even the schema fits.
  auto run = s.run(sources, {.file_size_bytes = 16 * 1024});
  ASSERT_EQ(run.proc.exit_code, 1) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "error: database " + s.db + ": ")) << run.explain();
  EXPECT_TRUE(has(run.proc.err, "free some space or raise the limit, then run again")) << run.explain();
  EXPECT_EQ(s.api.count("/v1/boards/north/jobs"), 0u);  // nothing is fetched that could not be stored

  auto again = s.run(sources);
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.integrity, "ok");
  EXPECT_EQ(again.ids(), (std::vector<std::string>{"9101", "9102", "9103"}));
}
