// ajhost's side of filter honesty: the search keys a source did not apply are
// checked against each posting, and those it cannot check are said to be so.
#include "config/diagnostics.hpp"
#include "config/node.hpp"
#include "pipeline/search_filter.hpp"

#include <gtest/gtest.h>

namespace aj::host {
namespace {

Node query(const std::string& yaml) {
  Diagnostics d;
  auto n = parse_yaml(yaml, "query", d);
  EXPECT_TRUE(n.has_value());
  return n ? *n : Node::map_of();
}

JobRecord job(std::initializer_list<std::pair<aj_field, FieldValue>> fields) {
  JobRecord r;
  for (const auto& [f, v] : fields) EXPECT_TRUE(r.set(f, v)) << f;
  return r;
}

// 2026-11-22 12:00 UTC
constexpr std::time_t kNow = 1795348800;

TEST(SearchFilter, SaysWhoAppliesEachKeyInEffect) {
  SearchFilter f(query("{ term: developer, location: 'Toronto, ON', distance_km: 25, hours_old: 0, remote_only: false, "
                       "offset: 10, results_wanted: 5 }"),
                 {"term"}, kNow);
  std::vector<std::pair<std::string, AppliedBy>> want = {
      {"term", AppliedBy::site}, {"location", AppliedBy::ajhost}, {"distance_km", AppliedBy::nobody}, {"offset", AppliedBy::nobody}};
  EXPECT_EQ(f.keys(), want);  // hours_old 0 and remote_only false are no filters
  EXPECT_EQ(f.results_wanted(), 5);
}

TEST(SearchFilter, TermNeedsEveryWordInTitleOrDescription) {
  SearchFilter f(query("{ term: 'Software Developer' }"), {}, kNow);
  EXPECT_EQ(f.check(job({{AJ_F_TITLE, std::string("Senior Software Developer")}})), "");
  EXPECT_EQ(f.check(job({{AJ_F_TITLE, std::string("Engineer")},
                         {AJ_F_DESCRIPTION, std::string("We need a software developers' mindset")}})),
            "");
  EXPECT_EQ(f.check(job({{AJ_F_TITLE, std::string("Software Engineer")}})), "term");
  // Applied by the site: not checked again.
  SearchFilter by_site(query("{ term: 'Software Developer' }"), {"term"}, kNow);
  EXPECT_EQ(by_site.check(job({{AJ_F_TITLE, std::string("Nurse")}})), "");
}

TEST(SearchFilter, LocationMatchesAnyNamedPartAndRemotePostingsInTheCountry) {
  SearchFilter f(query("{ location: 'Square One, Mississauga, ON', country: ca }"), {"country"}, kNow);
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("Mississauga, Ontario, Canada")}})), "");
  EXPECT_EQ(f.check(job({{AJ_F_CITY, std::string("Mississauga")}})), "");
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("Vancouver, BC")}})), "location");
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("Remote - Canada")}})), "");
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("Remote")}, {AJ_F_COUNTRY, std::string("United States")}})),
            "location");
  std::vector<std::string> unknown;
  EXPECT_EQ(f.check(job({{AJ_F_TITLE, std::string("x")}}), &unknown), "");  // no place at all: kept
  EXPECT_EQ(unknown, std::vector<std::string>{"location"});
  // A country as the place.
  SearchFilter canada(query("{ location: Canada }"), {}, kNow);
  EXPECT_EQ(canada.check(job({{AJ_F_LOCATION, std::string("Toronto, ON")}})), "");
  EXPECT_EQ(canada.check(job({{AJ_F_LOCATION, std::string("Austin, TX")}})), "location");
  EXPECT_EQ(canada.check(job({{AJ_F_LOCATION, std::string("Berlin, Germany")}})), "location");
}

TEST(SearchFilter, CountryJobTypeRemoteAndAge) {
  SearchFilter f(query("{ country: ca, job_type: fulltime, remote_only: true, hours_old: 48 }"), {}, kNow);
  auto ok = job({{AJ_F_COUNTRY, std::string("Canada")}, {AJ_F_JOB_TYPE, std::string("Full-time")},
                 {AJ_F_IS_REMOTE, true}, {AJ_F_DATE_POSTED, std::string("2026-11-21")}});
  EXPECT_EQ(f.check(ok), "");
  auto us = ok;
  us.set(AJ_F_COUNTRY, std::string("US"));
  EXPECT_EQ(f.check(us), "country");
  auto contract = ok;
  contract.set(AJ_F_JOB_TYPE, std::string("Contract"));
  EXPECT_EQ(f.check(contract), "job_type");
  auto office = ok;
  office.set(AJ_F_IS_REMOTE, false);
  EXPECT_EQ(f.check(office), "remote_only");
  auto hybrid_word = office;
  hybrid_word.set(AJ_F_WORK_ARRANGEMENT, std::string("remote"));
  EXPECT_EQ(f.check(hybrid_word), "");
  auto old = ok;
  old.set(AJ_F_DATE_POSTED, std::string("2026-11-19"));
  EXPECT_EQ(f.check(old), "hours_old");
  // A posting without a date, a type or a country is kept, and the keys say so.
  std::vector<std::string> unknown;
  EXPECT_EQ(f.check(job({{AJ_F_IS_REMOTE, true}}), &unknown), "");
  EXPECT_EQ(unknown, (std::vector<std::string>{"country", "job_type", "hours_old"}));
}

TEST(SearchFilter, ReadsCountriesFromPlaces) {
  SearchFilter f(query("{ country: us }"), {}, kNow);
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("San Francisco, CA")}})), "");  // California, not Canada
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("Toronto, ON")}})), "country");
  EXPECT_EQ(f.check(job({{AJ_F_LOCATION, std::string("Toronto, Ontario, Canada")}})), "country");
  EXPECT_EQ(normalise_job_type("FULL_TIME"), "fulltime");
  EXPECT_EQ(normalise_country("United Kingdom"), "gb");
}

}  // namespace
}  // namespace aj::host
