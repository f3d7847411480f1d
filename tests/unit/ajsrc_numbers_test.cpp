// What the fuzzers found in ajsrc's readers of board data, checked directly:
// in the ordinary build these were silent undefined behaviour (a huge double
// cast to int64_t, an overflowing date), which the fuzz replay alone would not
// notice without the sanitizers.
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <limits>

TEST(AjsrcNumbers, OnlyFiniteNumbersThatFitBecomeIntegers) {
  EXPECT_EQ(ajsrc::to_int64(1.7e22), std::nullopt);  // Lever's createdAt in the found input
  EXPECT_EQ(ajsrc::to_int64(-1e19), std::nullopt);
  EXPECT_EQ(ajsrc::to_int64(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
  EXPECT_EQ(ajsrc::to_int64(std::nullopt), std::nullopt);
  EXPECT_EQ(ajsrc::to_int64(1732233600000.0), 1732233600000);
  EXPECT_EQ(ajsrc::to_int64(-5.0), -5);
}

TEST(AjsrcNumbers, InfiniteOrNotANumberIsNoNumber) {
  auto v = boost::json::parse(R"({"a": 9e5000, "b": "inf", "c": "nan", "d": "85000", "e": 72.5})");
  EXPECT_EQ(ajsrc::num(v, "a"), std::nullopt);  // Glassdoor's pay in the found input
  EXPECT_EQ(ajsrc::num(v, "b"), std::nullopt);
  EXPECT_EQ(ajsrc::num(v, "c"), std::nullopt);
  EXPECT_EQ(ajsrc::num(v, "d"), 85000.0);
  EXPECT_EQ(ajsrc::num(v, "e"), 72.5);
}

TEST(AjsrcNumbers, DatesOutsideTheCalendarAreNoDates) {
  const std::time_t now = 1795305600;  // 2026-11-22T00:00:00Z
  EXPECT_EQ(ajsrc::relative_date(std::string(83, '9') + " years ago", now), "");
  EXPECT_EQ(ajsrc::relative_date("60 years ago", now), "");  // before 1970
  EXPECT_EQ(ajsrc::relative_date("2 days ago", now), "2026-11-20");
  EXPECT_EQ(ajsrc::iso_date(std::numeric_limits<std::time_t>::max()), "");
  EXPECT_EQ(ajsrc::iso_date(now), "2026-11-22");
}
