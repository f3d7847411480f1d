// Indeed's jobSearch GraphQL request and answer, as the iOS app's API has them
// (facts in ../shared/realdata/SITES.md and python-jobspy's reading of it).
// Pure functions, no HTTP, so the rules are in one place.
#pragma once

#include <ajsrc/search.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace indeed {

/// One of Indeed's national sites.
struct Country {
  std::string code;       // ISO 3166, lower case: "ca"
  std::string subdomain;  // of indeed.com: "ca", "www" for the US, "uk" for Great Britain
  std::string co;         // the indeed-co header: "CA", "US", "GB"
  std::string currency;   // the usual pay currency there: "CAD"
};
/// "ca", "CA", "Canada", "usa", "uk", "United Kingdom" ...; nullopt for text that names no country.
std::optional<Country> country_of(std::string_view text);

/// The search keys Indeed applies for a query, and the GraphQL `filters:` argument doing it.
/// Indeed takes one filter: either the posting age or the job type/remote attributes.
struct FilterPlan {
  std::string argument;              // "filters: {...}", or "" for none
  std::vector<std::string_view> applied;  // among job_type, remote_only, hours_old (literals)
  std::string note;                  // why a requested key is left to ajhost
};
FilterPlan plan_filters(const ajsrc::Search& s);

/// Indeed's attribute key of a job type ("fulltime" -> "CF3CP"); "" when it has none we know.
std::string_view job_type_key(std::string_view job_type);
inline constexpr std::string_view kRemoteKey = "DSQF7";
inline constexpr std::string_view kHybridKey = "PAXZC";

inline constexpr int kPageSize = 100;            // the most Indeed serves per request
inline constexpr int64_t kDefaultRadiusMiles = 50;  // when the search names a place but no distance

/// The GraphQL document for one page. `cursor` is "" on the first page.
std::string search_document(const ajsrc::Search& s, std::string_view cursor, const FilterPlan& f);

/// The radius sent for a search: distance_km in whole miles (rounded up), or the default.
int64_t radius_miles(const ajsrc::Search& s);

/// One answer of jobSearch.
struct Page {
  const boost::json::array* results = nullptr;  // data.jobSearch.results (never null once read)
  std::string next_cursor;                      // data.jobSearch.pageInfo.nextCursor; "" at the end
  std::string errors;                           // GraphQL error messages that came with the data
};
/// Reads an answer. Throws aj::SourceError: blocked when GraphQL says the client is
/// not allowed, layout changed when the data is not there. `what` names the request.
Page read_page(const boost::json::value& answer, std::string_view what);

/// The messages of a GraphQL "errors" array, joined with "; " (at most three); "" when none.
std::string graphql_errors(const boost::json::value& answer);

}  // namespace indeed
