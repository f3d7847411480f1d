// Retry-After values and our exponential backoff.
#include "http/retry_after.hpp"

#include <gtest/gtest.h>

namespace aj::http {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using std::chrono::system_clock;

// Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110.
const system_clock::time_point kDate = system_clock::from_time_t(784111777);
const system_clock::time_point kEpoch{};

TEST(RetryAfter, DeltaSeconds) {
  EXPECT_EQ(parse_retry_after("120", kEpoch), milliseconds(120'000));
  EXPECT_EQ(parse_retry_after("0", kEpoch), milliseconds(0));
  EXPECT_EQ(parse_retry_after(" 7\t", kEpoch), milliseconds(7'000));
  EXPECT_EQ(parse_retry_after("007", kEpoch), milliseconds(7'000));
}

TEST(RetryAfter, HugeDeltaIsCappedNotOverflowed) {
  EXPECT_EQ(parse_retry_after("86400", kEpoch), kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("86399", kEpoch), milliseconds(86'399'000));
  EXPECT_EQ(parse_retry_after("999999999999999999999999999999", kEpoch), kMaxRetryAfter);
}

TEST(RetryAfter, JunkIsRejected) {
  for (const char* junk : {"-5", "+5", "1.5", "", "   ", "soon", "120abc", "12 0", "0x10", "Sun", "tomorrow"})
    EXPECT_FALSE(parse_retry_after(junk, kDate)) << '"' << junk << '"';
}

TEST(RetryAfter, AllThreeDateFormats) {
  const auto now = kDate - 90s;
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(90'000));   // IMF-fixdate
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), milliseconds(90'000));  // RFC 850
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", now), milliseconds(90'000));        // asctime
}

TEST(RetryAfter, DateDelayIsRoundedUpToTheMillisecond) {
  const auto now = kDate - 60s + 250ms + std::chrono::microseconds(1);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(59'750));
}

TEST(RetryAfter, PastDateIsZero) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kDate + 1h), milliseconds(0));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kDate), milliseconds(0));
}

TEST(RetryAfter, FarFutureDateIsCapped) {
  EXPECT_EQ(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", kDate), kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", kDate), kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("Mon, 07 Nov 1994 08:49:36 GMT", kDate), kMaxRetryAfter - 1s);
}

TEST(Backoff, GrowsExponentially) {
  EXPECT_EQ(backoff_delay(0, 100ms, 60s, 0.0), 50ms);
  EXPECT_EQ(backoff_delay(1, 100ms, 60s, 0.0), 100ms);
  EXPECT_EQ(backoff_delay(2, 100ms, 60s, 0.0), 200ms);
  EXPECT_EQ(backoff_delay(5, 100ms, 60s, 0.0), 1600ms);
}

TEST(Backoff, StopsAtTheCap) {
  EXPECT_EQ(backoff_delay(4, 100ms, 1000ms, 0.0), 500ms);
  EXPECT_EQ(backoff_delay(10, 100ms, 1000ms, 0.0), 500ms);
  EXPECT_EQ(backoff_delay(1'000'000, 100ms, 1000ms, 0.0), 500ms);
  EXPECT_EQ(backoff_delay(1'000'000, 100ms, milliseconds::max(), 0.0), milliseconds::max() / 2);
  EXPECT_EQ(backoff_delay(0, 5000ms, 1000ms, 0.0), 500ms);  // a base above the cap
}

TEST(Backoff, JitterStaysWithinHalfToFull) {
  for (int attempt = 0; attempt < 12; ++attempt) {
    const milliseconds full = std::min<milliseconds>(100ms * (1 << attempt), 30s);
    EXPECT_EQ(backoff_delay(attempt, 100ms, 30s, 0.0), full / 2) << attempt;
    const milliseconds high = backoff_delay(attempt, 100ms, 30s, 0.999);
    EXPECT_LE(high, full) << attempt;
    EXPECT_GE(high.count(), static_cast<long long>(full.count() * 0.999)) << attempt;
  }
  EXPECT_EQ(backoff_delay(3, 100ms, 30s, 0.5), 600ms);
}

TEST(Backoff, OutOfRangeInputsStaySane) {
  EXPECT_EQ(backoff_delay(-3, 100ms, 1s, 0.0), 50ms);
  EXPECT_EQ(backoff_delay(2, 100ms, 1s, -1.0), 200ms);
  EXPECT_EQ(backoff_delay(2, 100ms, 1s, 7.0), 400ms);
  EXPECT_EQ(backoff_delay(2, 0ms, 1s, 0.5), 0ms);
}

}  // namespace
}  // namespace aj::http
