#include "glassdoor_api.hpp"

#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cctype>

namespace glassdoor {
namespace {

using boost::json::value;

struct Site {
  std::string_view country, url;
};
constexpr std::array<Site, 18> kSites = {{
    {"us", "https://www.glassdoor.com"},    {"ca", "https://www.glassdoor.ca"},     {"gb", "https://www.glassdoor.co.uk"},
    {"au", "https://www.glassdoor.com.au"}, {"nz", "https://www.glassdoor.co.nz"},  {"ie", "https://www.glassdoor.ie"},
    {"in", "https://www.glassdoor.co.in"},  {"sg", "https://www.glassdoor.sg"},     {"hk", "https://www.glassdoor.com.hk"},
    {"de", "https://www.glassdoor.de"},     {"at", "https://www.glassdoor.at"},     {"ch", "https://www.glassdoor.ch"},
    {"fr", "https://www.glassdoor.fr"},     {"be", "https://www.glassdoor.be"},     {"nl", "https://www.glassdoor.nl"},
    {"es", "https://www.glassdoor.es"},     {"it", "https://www.glassdoor.it"},     {"mx", "https://www.glassdoor.com.mx"},
}};

struct CountryId {
  int64_t id;
  std::string_view code;
};
constexpr std::array<CountryId, 16> kCountryIds = {{
    {1, "US"}, {2, "GB"}, {3, "CA"}, {16, "AU"}, {186, "NZ"}, {70, "IE"}, {115, "IN"}, {217, "SG"},
    {96, "DE"}, {18, "AT"}, {226, "CH"}, {86, "FR"}, {25, "BE"}, {178, "NL"}, {219, "ES"}, {120, "IT"},
}};

std::string country_code(std::string_view text) {
  std::string t = ajsrc::lower(ajsrc::trim(text));
  if (t == "canada" || t == "can") return "ca";
  if (t == "usa" || t == "united states" || t == "united states of america") return "us";
  if (t == "uk" || t == "united kingdom" || t == "great britain" || t == "england") return "gb";
  return t;
}

// The quoted value after `marker`: the first ':' or '=' within a few characters, then
// optional spaces, then "..." or '...'.
std::string value_after(std::string_view page, size_t marker_end) {
  size_t sep = page.find_first_of(":=", marker_end);
  if (sep == std::string_view::npos || sep - marker_end > 24) return "";
  size_t q = sep + 1;
  while (q < page.size() && (page[q] == ' ' || page[q] == '\t' || page[q] == '\n')) ++q;
  if (q >= page.size() || (page[q] != '"' && page[q] != '\'')) return "";
  size_t end = page.find(page[q], q + 1);
  if (end == std::string_view::npos || end - q - 1 > 1024) return "";
  std::string v(page.substr(q + 1, end - q - 1));
  for (char c : v)
    if (std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>') return "";
  return v;
}

std::string place_type(std::string_view code) {
  std::string c = ajsrc::lower(code);
  if (c == "c" || c == "city") return "CITY";
  if (c == "s" || c == "state") return "STATE";
  if (c == "n" || c == "country") return "COUNTRY";
  if (c == "m" || c == "metro") return "METRO";
  return "";
}

// The one result of a batched GraphQL answer: Glassdoor answers an array of one.
const value* the_result(const value& answer) {
  if (const auto* a = answer.if_array()) return a->empty() ? nullptr : &a->front();
  return &answer;
}

bool refuses_client(const std::string& errors) {
  std::string e = ajsrc::lower(errors);
  for (const char* w : {"csrf", "forbidden", "unauthori", "not authenticated", "access denied"})
    if (e.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

std::string site_of_country(std::string_view country) {
  std::string c = country_code(country);
  for (const auto& s : kSites)
    if (c == s.country) return std::string(s.url);
  return "";
}

std::string country_of_id(int64_t id) {
  for (const auto& c : kCountryIds)
    if (c.id == id) return std::string(c.code);
  return "";
}

std::string csrf_token(std::string_view page) {
  for (std::string_view marker : {"gd-csrf-token", "gdCsrfToken", "\"token\""}) {
    for (size_t at = page.find(marker); at != std::string_view::npos; at = page.find(marker, at + 1)) {
      size_t end = at + marker.size();
      if (end < page.size() && (page[end] == '"' || page[end] == '\'')) ++end;  // a quoted key or attribute name
      std::string v = value_after(page, end);
      if (v.size() >= 8) return v;
    }
  }
  return "";
}

std::optional<Place> first_place(const value& answer, std::string_view country, std::string_view what) {
  const auto* list = answer.if_array();
  if (!list)
    throw aj::SourceError(aj::Outcome::layout_changed,
                          std::string(what) + ": expected a JSON array of locations; Glassdoor may have changed");
  std::string want = country_code(country);
  for (const auto& item : *list) {
    Place p;
    auto id = ajsrc::to_int64(ajsrc::num(item, "locationId"));
    if (!id) id = ajsrc::to_int64(ajsrc::num(item, "realId"));
    p.type = place_type(ajsrc::str(item, "locationType"));
    if (!id || *id <= 0 || p.type.empty()) continue;
    p.id = *id;
    std::string iso = ajsrc::lower(ajsrc::str(item, "country2LetterIso"));
    if (!want.empty() && want.size() == 2 && !iso.empty() && iso != want) continue;
    for (const char* k : {"label", "longName", "locationName", "name"})
      if (p.name.empty()) p.name = ajsrc::str(item, k);
    return p;
  }
  return std::nullopt;
}

std::string search_body(const SearchRequest& r) {
  // Only the variables the query declares: Glassdoor ignores others (python-jobspy's
  // "sort": "date" among them, so results come in Glassdoor's own order).
  boost::json::object vars;
  if (!r.keyword.empty()) vars["keyword"] = r.keyword;
  if (r.place) {
    vars["locationId"] = r.place->id;
    vars["locationType"] = r.place->type;
  }
  vars["numJobsToShow"] = kPageSize;
  vars["pageNumber"] = r.page;
  vars["pageCursor"] = r.cursor.empty() ? value(nullptr) : value(r.cursor);
  boost::json::array filters;
  for (const auto& [k, v] : r.filters) filters.push_back(boost::json::object{{"filterKey", k}, {"values", v}});
  vars["filterParams"] = std::move(filters);
  vars["excludeJobListingIds"] = boost::json::array{};

  static constexpr const char* kQuery =
      "query JobSearchResultsQuery($excludeJobListingIds: [Long!], $keyword: String, $locationId: Int, "
      "$locationType: LocationTypeEnum, $numJobsToShow: Int!, $pageCursor: String, $pageNumber: Int, "
      "$filterParams: [FilterParams]) {\n"
      "  jobListings(contextHolder: { searchParams: { excludeJobListingIds: $excludeJobListingIds, keyword: $keyword, "
      "locationId: $locationId, locationType: $locationType, numPerPage: $numJobsToShow, pageCursor: $pageCursor, "
      "pageNumber: $pageNumber, filterParams: $filterParams, searchType: SR } }) {\n"
      "    jobListings {\n"
      "      jobview {\n"
      "        header {\n"
      "          adOrderSponsorshipLevel ageInDays easyApply\n"
      "          employer { id name shortName }\n"
      "          employerNameFromSearch jobCountryId jobLink jobTitleText jobTypeKeys\n"
      "          locationName locationType locId\n"
      "          payCurrency payPeriod payPeriodAdjustedPay { p10 p50 p90 }\n"
      "          rating remoteWorkTypes salarySource seoJobLink\n"
      "        }\n"
      "        job { descriptionFragmentsText discoverDate jobTitleText listingId }\n"
      "        overview { shortName squareLogoUrl size revenue website headquarters primaryIndustry { industryName } }\n"
      "      }\n"
      "    }\n"
      "    paginationCursors { cursor pageNumber }\n"
      "    totalJobsCount\n"
      "  }\n"
      "}\n";
  boost::json::object op{{"operationName", "JobSearchResultsQuery"}, {"variables", std::move(vars)}, {"query", kQuery}};
  return boost::json::serialize(boost::json::array{std::move(op)});
}

std::string detail_body(std::string_view listing_id) {
  static constexpr const char* kQuery =
      "query JobDetailQuery($jl: Long!, $queryString: String, $pageTypeEnum: PageTypeEnum) {\n"
      "  jobview: jobView(listingId: $jl, contextHolder: { queryString: $queryString, pageTypeEnum: $pageTypeEnum }) {\n"
      "    job { description listingId }\n"
      "  }\n"
      "}\n";
  boost::json::object vars;
  // The id is a Long: sent as a number when it is one.
  int64_t n = 0;
  bool numeric = !listing_id.empty() && listing_id.size() < 19;
  for (char c : listing_id) numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
  if (numeric) n = std::stoll(std::string(listing_id));
  vars["jl"] = numeric ? value(n) : value(std::string(listing_id));
  vars["queryString"] = "q";
  vars["pageTypeEnum"] = "SERP";
  boost::json::object op{{"operationName", "JobDetailQuery"}, {"variables", std::move(vars)}, {"query", kQuery}};
  return boost::json::serialize(boost::json::array{std::move(op)});
}

std::string graphql_errors(const value& result) {
  const auto* errors = ajsrc::array(result, "errors");
  if (!errors) return "";
  std::string out;
  size_t n = 0;
  for (const auto& e : *errors) {
    std::string m = ajsrc::str(e, "message");
    if (m.empty()) continue;
    if (++n > 3) {
      out += "; ...";
      break;
    }
    out += (out.empty() ? "" : "; ") + m;
  }
  if (out.empty() && !errors->empty()) out = "an error without a message";
  return out;
}

std::string Page::cursor_for(int64_t n) const {
  for (const auto& [page, cursor] : cursors)
    if (page == n) return cursor;
  return "";
}

Page read_page(const value& answer, std::string_view what) {
  const value* result = the_result(answer);
  if (!result)
    throw aj::SourceError(aj::Outcome::blocked, std::string(what) +
                                                    ": Glassdoor answered with an empty list, as it does when it turns "
                                                    "a client away (or its CSRF token is stale); try later");
  Page p;
  p.errors = graphql_errors(*result);
  const auto* listings = ajsrc::at(*result, "data.jobListings");
  if (!listings || !listings->is_object()) {
    if (!p.errors.empty() && refuses_client(p.errors))
      throw aj::SourceError(aj::Outcome::blocked, std::string(what) + ": Glassdoor refused the search (" + p.errors +
                                                      "); try later, or set csrf_token");
    if (!p.errors.empty())
      throw aj::SourceError(aj::Outcome::layout_changed, std::string(what) + ": GraphQL errors and no listings (" +
                                                             p.errors + "); Glassdoor's API may have changed: update the glassdoor plugin");
    throw aj::SourceError(aj::Outcome::layout_changed,
                          std::string(what) + ": expected data.jobListings in the answer; Glassdoor's API may have changed");
  }
  p.listings = ajsrc::array(*listings, "jobListings");
  if (!p.listings)
    throw aj::SourceError(aj::Outcome::layout_changed, std::string(what) +
                                                           ": expected the array data.jobListings.jobListings; "
                                                           "Glassdoor's API may have changed");
  if (const auto* cursors = ajsrc::array(*listings, "paginationCursors"))
    for (const auto& c : *cursors) {
      auto n = ajsrc::num(c, "pageNumber");
      std::string cursor = ajsrc::str(c, "cursor");
      if (auto page = ajsrc::to_int64(n); page && !cursor.empty()) p.cursors.emplace_back(*page, cursor);
    }
  return p;
}

std::string detail_description(const value& answer) {
  const value* result = the_result(answer);
  return result ? ajsrc::str(*result, "data.jobview.job.description") : "";
}

}  // namespace glassdoor
