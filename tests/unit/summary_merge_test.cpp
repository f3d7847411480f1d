// merge_worker_summaries: ten workers' "summary" lines become one when they
// differ only in their numbers; anything else is kept line by line.
#include "pipeline/run_summary.hpp"

#include <gtest/gtest.h>

namespace aj::host {
namespace {

TEST(SummaryMerge, SumsLinesThatDifferOnlyInNumbers) {
  EXPECT_EQ(merge_worker_summaries({"12 scored: 3 apply, 9 skip", "9 scored: 1 apply, 8 skip", ""}),
            "21 scored: 4 apply, 17 skip");
  EXPECT_EQ(merge_worker_summaries({"took 0.5 s, 2 pages", "took 1.25 s, 3 pages"}), "took 1.75 s, 5 pages")
      << "decimals as the most precise worker wrote them";
}

TEST(SummaryMerge, KeepsLinesThatSayDifferentThings) {
  EXPECT_EQ(merge_worker_summaries({"3 scored; filtered: french 1", "2 scored"}), "3 scored; filtered: french 1\n2 scored");
  EXPECT_EQ(merge_worker_summaries({"one line"}), "one line");
  EXPECT_EQ(merge_worker_summaries({"", ""}), "");
}

TEST(SummaryMerge, OnlyCountsAreSummed) {
  // Codes and ranges are words: "404/410" and "HTTP 500" are not added up.
  EXPECT_EQ(merge_worker_summaries({"2 expired (404/410), 1 failed (1 HTTP 500)",
                                    "3 expired (404/410), 2 failed (2 HTTP 500)"}),
            "5 expired (404/410), 3 failed (3 HTTP 500)");
  // A number too long for a double is text, never a crash (and the same text twice is said once).
  std::string huge(400, '9');
  EXPECT_EQ(merge_worker_summaries({huge + " rows", huge + " rows"}), huge + " rows");
}

TEST(SummaryMerge, NumbersInsideWordsAreWords) {
  // "v2" and "x2" are not counts: the lines differ, so both stay.
  EXPECT_EQ(merge_worker_summaries({"api v2: 3 calls", "api v3: 4 calls"}), "api v2: 3 calls\napi v3: 4 calls");
  EXPECT_EQ(merge_worker_summaries({"api v2: 3 calls", "api v2: 4 calls"}), "api v2: 7 calls");
}

}  // namespace
}  // namespace aj::host
