// Unit tests for the host's job record: field table, typed set(), key(),
// canonical_url() and the hand-written JSON text helpers.
#include "record/fields.hpp"
#include "record/job_record.hpp"
#include "record/json_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

namespace aj::host {
namespace {

// ---------------------------------------------------------------- fields ----

TEST(Fields, NumberedOneToNInOrderWithUniqueColumns) {
  auto fields = all_fields();
  ASSERT_EQ(fields.size(), kFieldCount);
  std::set<std::string_view> columns;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(fields[i].id, i + 1);
    EXPECT_TRUE(columns.insert(fields[i].column).second) << "duplicate column " << fields[i].column;
    EXPECT_EQ(field_by_column(fields[i].column), std::optional<aj_field>(fields[i].id));
  }
  EXPECT_EQ(field_by_column("no_such_column"), std::nullopt);
}

TEST(Fields, FieldInfoRejectsUnknownIds) {
  EXPECT_EQ(field_info(0), nullptr);
  EXPECT_EQ(field_info(static_cast<aj_field>(kFieldCount + 1)), nullptr);
  EXPECT_EQ(field_info(999), nullptr);
  ASSERT_NE(field_info(AJ_F_TITLE), nullptr);
  EXPECT_EQ(field_info(AJ_F_TITLE)->column, "title");
  EXPECT_EQ(field_info(AJ_F_SCORE)->type, FieldType::F64);
  EXPECT_FALSE(field_info(AJ_F_STATUS)->writable);
  EXPECT_TRUE(field_info(AJ_F_COMPANY)->writable);
}

// ------------------------------------------------------------------- set ----

TEST(JobRecordSet, AcceptsMatchingTypes) {
  JobRecord r;
  EXPECT_TRUE(r.set(AJ_F_TITLE, std::string("Engineer")));
  EXPECT_TRUE(r.set(AJ_F_VACANCY_COUNT, int64_t{3}));
  EXPECT_TRUE(r.set(AJ_F_MIN_AMOUNT, 85000.0));
  EXPECT_TRUE(r.set(AJ_F_IS_REMOTE, true));
  EXPECT_TRUE(r.set(AJ_F_SKILLS, std::vector<std::string>{"C++", "SQL"}));
  EXPECT_EQ(r.str_or_empty(AJ_F_TITLE), "Engineer");
  EXPECT_EQ(std::get<int64_t>(r.get(AJ_F_VACANCY_COUNT)), 3);
  EXPECT_DOUBLE_EQ(std::get<double>(r.get(AJ_F_MIN_AMOUNT)), 85000.0);
  EXPECT_TRUE(std::get<bool>(r.get(AJ_F_IS_REMOTE)));
  EXPECT_EQ(std::get<std::vector<std::string>>(r.get(AJ_F_SKILLS)), (std::vector<std::string>{"C++", "SQL"}));
}

TEST(JobRecordSet, RefusesWrongTypeAndKeepsOldValue) {
  JobRecord r;
  ASSERT_TRUE(r.set(AJ_F_TITLE, std::string("Engineer")));
  EXPECT_FALSE(r.set(AJ_F_TITLE, int64_t{5}));
  EXPECT_FALSE(r.set(AJ_F_TITLE, 1.5));
  EXPECT_FALSE(r.set(AJ_F_TITLE, std::vector<std::string>{"a"}));
  EXPECT_EQ(r.str_or_empty(AJ_F_TITLE), "Engineer");
  EXPECT_FALSE(r.set(AJ_F_SCORE, int64_t{80}));  // F64 field: an int is not silently widened
  EXPECT_FALSE(r.has(AJ_F_SCORE));
  EXPECT_FALSE(r.set(AJ_F_IS_REMOTE, int64_t{1}));
  EXPECT_FALSE(r.set(AJ_F_VACANCY_COUNT, true));
  EXPECT_FALSE(r.set(AJ_F_SKILLS, std::string("C++")));
  EXPECT_FALSE(r.has(AJ_F_IS_REMOTE));
}

TEST(JobRecordSet, RefusesUnknownFieldIds) {
  JobRecord r;
  EXPECT_FALSE(r.set(0, std::string("x")));
  EXPECT_FALSE(r.set(999, std::string("x")));
  EXPECT_FALSE(r.set(static_cast<aj_field>(kFieldCount + 1), std::string("x")));
  EXPECT_FALSE(r.has(0));
  EXPECT_FALSE(r.has(999));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r.get(999)));
  r.clear(999);  // must not crash
}

TEST(JobRecordSet, HostSideMaySetReadOnlyFields) {
  // RO is guarded at the plugin ABI layer, not here.
  JobRecord r;
  EXPECT_TRUE(r.set(AJ_F_STATUS, std::string("applied")));
  EXPECT_TRUE(r.set(AJ_F_NOTES, std::string("called back")));
  EXPECT_EQ(r.str_or_empty(AJ_F_STATUS), "applied");
}

TEST(JobRecordSet, MonostateAndClearEmptyAField) {
  JobRecord r;
  ASSERT_TRUE(r.set(AJ_F_TITLE, std::string("x")));
  EXPECT_TRUE(r.set(AJ_F_TITLE, std::monostate{}));
  EXPECT_FALSE(r.has(AJ_F_TITLE));
  ASSERT_TRUE(r.set(AJ_F_COMPANY, std::string("y")));
  r.clear(AJ_F_COMPANY);
  EXPECT_FALSE(r.has(AJ_F_COMPANY));
  EXPECT_EQ(r.str(AJ_F_COMPANY), nullptr);
  EXPECT_EQ(r.str_or_empty(AJ_F_COMPANY), "");
}

TEST(JobRecordExtras, SetExtraReplacesSameKeyKeepsOrder) {
  JobRecord r;
  r.set_extra("a", "1");
  r.set_extra("b", "2");
  r.set_extra("a", "3");
  ASSERT_EQ(r.extras().size(), 2u);
  EXPECT_EQ(r.extras()[0].first, "a");
  EXPECT_EQ(*r.extra("a"), "3");
  EXPECT_EQ(*r.extra("b"), "2");
  EXPECT_EQ(r.extra("c"), nullptr);
}

// ------------------------------------------------------------------- key ----

JobRecord job(std::string site, std::string id, std::string url, std::string company = "Acme",
              std::string title = "Engineer", std::string location = "Toronto, ON") {
  JobRecord r;
  if (!site.empty()) r.set(AJ_F_SITE, site);
  if (!id.empty()) r.set(AJ_F_ID, id);
  if (!url.empty()) r.set(AJ_F_JOB_URL, url);
  if (!company.empty()) r.set(AJ_F_COMPANY, company);
  if (!title.empty()) r.set(AJ_F_TITLE, title);
  if (!location.empty()) r.set(AJ_F_LOCATION, location);
  return r;
}

TEST(JobRecordKey, SiteAndIdWinOverUrl) {
  EXPECT_EQ(job("indeed", "abc123", "https://ca.indeed.com/viewjob?jk=abc123").key(), "indeed:abc123");
}

TEST(JobRecordKey, SiteIsLowerCasedIdIsNot) {
  EXPECT_EQ(job("LinkedIn", "AbC", "").key(), "linkedin:AbC");
  EXPECT_EQ(job("LinkedIn", "AbC", "").key(), job("linkedin", "AbC", "").key());
}

TEST(JobRecordKey, UrlFallbackIsCanonical) {
  JobRecord a = job("greenhouse", "", "HTTPS://Boards.Example.COM/acme/jobs/42/?utm_source=x&gh_src=abc&trackingId=T1#apply");
  EXPECT_EQ(a.key(), "url:https://boards.example.com/acme/jobs/42?gh_src=abc");
  JobRecord b = job("greenhouse", "", "https://boards.example.com/acme/jobs/42?gh_src=abc");
  EXPECT_EQ(a.key(), b.key());
}

TEST(JobRecordKey, DirectUrlUsedWhenJobUrlMissing) {
  JobRecord r = job("lever", "", "");
  r.set(AJ_F_JOB_URL_DIRECT, std::string("https://Jobs.Lever.co/acme/123?utm_medium=feed"));
  EXPECT_EQ(r.key(), "url:https://jobs.lever.co/acme/123");
}

TEST(JobRecordKey, EmptyIdFallsBackToUrl) {
  JobRecord r = job("indeed", "", "https://example.com/j/1");
  r.set(AJ_F_ID, std::string(""));
  EXPECT_EQ(r.key(), "url:https://example.com/j/1");
}

TEST(JobRecordKey, HashFallbackStableAndDistinct) {
  JobRecord a = job("eluta", "", "", "Acme", "Engineer", "Toronto, ON");
  std::string k = a.key();
  EXPECT_EQ(k, a.key());
  EXPECT_EQ(k, job("eluta", "", "", "Acme", "Engineer", "Toronto, ON").key());
  ASSERT_EQ(k.rfind("eluta:h", 0), 0u) << k;
  EXPECT_EQ(k.size(), std::string("eluta:h").size() + 16);
  // Case-insensitive over company/title/location.
  EXPECT_EQ(k, job("Eluta", "", "", "ACME", "engineer", "toronto, on").key());
  EXPECT_NE(k, job("eluta", "", "", "Globex", "Engineer", "Toronto, ON").key());
  EXPECT_NE(k, job("eluta", "", "", "Acme", "Manager", "Toronto, ON").key());
  EXPECT_NE(k, job("eluta", "", "", "Acme", "Engineer", "Ottawa, ON").key());
  // Field boundaries matter: "ab"+"c" is not "a"+"bc".
  EXPECT_NE(job("x", "", "", "ab", "c", "").key(), job("x", "", "", "a", "bc", "").key());
}

TEST(JobRecordKey, NoSiteGivesUnknownPrefix) {
  EXPECT_EQ(job("", "7", "").key(), "unknown:7");
  EXPECT_EQ(job("", "", "", "Acme").key().rfind("unknown:h", 0), 0u);
}

// --------------------------------------------------------- canonical_url ----

TEST(CanonicalUrl, KeepsNonTrackingParamsInOrder) {
  EXPECT_EQ(canonical_url("https://example.com/jobs?b=2&utm_campaign=x&a=1&refId=9&c=3"),
            "https://example.com/jobs?b=2&a=1&c=3");
}

TEST(CanonicalUrl, StripsAllTrackingParams) {
  EXPECT_EQ(canonical_url("https://example.com/j?utm_source=a&UTM_MEDIUM=b&trackingId=c&refId=d&trk=e&fbclid=f&gclid=g"),
            "https://example.com/j");
}

TEST(CanonicalUrl, TrailingSlashFragmentAndCase) {
  EXPECT_EQ(canonical_url("https://Example.com/Jobs/42/"), "https://example.com/Jobs/42");  // path case kept
  EXPECT_EQ(canonical_url("https://example.com/jobs//?x=1#frag"), "https://example.com/jobs?x=1");
  EXPECT_EQ(canonical_url("https://example.com/jobs#a?utm_source=1"), "https://example.com/jobs");
}

TEST(CanonicalUrl, EmptyParamsAndValuesDropped) {
  EXPECT_EQ(canonical_url("https://example.com/j?&&a=1&"), "https://example.com/j?a=1");
  EXPECT_EQ(canonical_url("https://example.com/j?"), "https://example.com/j");
}

TEST(CanonicalUrl, HostOnlyWithAndWithoutSlashAgree) {
  // Regression: "https://example.com/" and "https://example.com" got two keys.
  EXPECT_EQ(canonical_url("https://example.com/"), canonical_url("https://example.com"));
  EXPECT_EQ(canonical_url("https://example.com/?id=1"), canonical_url("https://example.com?id=1"));
}

// ------------------------------------------------------------- json_text ----

TEST(JsonText, EscapesQuotesBackslashAndControlChars) {
  EXPECT_EQ(json_string("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(json_string("l1\nl2\r\t"), R"("l1\nl2\r\t")");
  EXPECT_EQ(json_string(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(json_string(std::string("a\0b", 3)), R"("a\u0000b")");
  EXPECT_EQ(json_string(""), R"("")");
  EXPECT_EQ(json_string("/<>&"), R"("/<>&")");
}

TEST(JsonText, ValidMultibyteKept) {
  const std::string s = "Montr\xC3\xA9" "al \xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xB8\xAD";  // é € 😀 中
  EXPECT_EQ(json_string(s), "\"" + s + "\"");
}

TEST(JsonText, InvalidUtf8BecomesReplacementChar) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(json_string("a\xFF" "b"), "\"a" + fffd + "b\"");
  EXPECT_EQ(json_string("\x80"), "\"" + fffd + "\"");                 // stray continuation byte
  EXPECT_EQ(json_string("\xC3"), "\"" + fffd + "\"");                 // truncated at end
  EXPECT_EQ(json_string("\xC3" "A"), "\"" + fffd + "A\"");            // lead without continuation
  EXPECT_EQ(json_string("\xC0\xAF"), "\"" + fffd + fffd + "\"");      // overlong 2-byte
  EXPECT_EQ(json_string("\xE2\x82"), "\"" + fffd + fffd + "\"");      // truncated 3-byte
}

TEST(JsonText, OverlongSurrogateAndOutOfRangeSequencesRejected) {
  // Regression: overlong 3/4-byte forms, UTF-16 surrogates and code points above
  // U+10FFFF passed through, making JSON that Boost.JSON (and the store) rejects.
  const std::string fffd = "\xEF\xBF\xBD";
  for (const std::string& bad : {std::string("\xE0\x80\xAF"),          // overlong '/'
                                std::string("\xED\xA0\x80"),          // lone high surrogate
                                std::string("\xF0\x80\x80\xAF"),      // overlong 4-byte
                                std::string("\xF4\x90\x80\x80"),      // > U+10FFFF
                                std::string("\xF5\x80\x80\x80")}) {   // invalid lead byte
    std::string out = json_string(bad);
    EXPECT_NE(out.find(fffd), std::string::npos) << "bytes passed through unchanged";
    EXPECT_EQ(out.find(bad), std::string::npos);
  }
}

TEST(JsonText, Array) {
  EXPECT_EQ(json_array({}), "[]");
  EXPECT_EQ(json_array({"a", "b\"c"}), R"(["a","b\"c"])");
}

TEST(JsonText, FormatNumber) {
  EXPECT_EQ(format_number(85000.0), "85000");
  EXPECT_EQ(format_number(72.5), "72.5");
  EXPECT_EQ(format_number(0.0), "0");
  EXPECT_EQ(format_number(-3.25), "-3.25");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "null");
  // Shortest text that reads back exactly.
  for (double v : {1.0 / 3.0, 123456.789, 1e-7, 9007199254740993.0, 1e300})
    EXPECT_EQ(std::stod(format_number(v)), v) << format_number(v);
}

}  // namespace
}  // namespace aj::host
