// Glassdoor's job search as its own web pages use it (facts in
// ../shared/realdata/SITES.md and python-jobspy's reading of it): an anti-forgery
// token from the home page, a place id from the location suggestions, then
// JobSearchResultsQuery on /graph, 30 listings a page with a cursor per page.
// Pure functions, no HTTP.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glassdoor {

/// Glassdoor's site for a country ("ca" -> "https://www.glassdoor.ca"); "" when it has no
/// site of its own there (glassdoor.com serves it).
std::string site_of_country(std::string_view country);
/// The ISO code of Glassdoor's country id (1 -> "US", 3 -> "CA"); "" when unknown.
std::string country_of_id(int64_t id);

/// The anti-forgery token written into Glassdoor's home page, or "" when there is none.
/// Read, in this order: a `gd-csrf-token` attribute or key, a `gdCsrfToken` key, a
/// `"token": "..."` key; the value is the quoted text after the next ':' or '='.
std::string csrf_token(std::string_view page);

/// A place Glassdoor searches in.
struct Place {
  int64_t id = 0;
  std::string type;  // CITY | STATE | COUNTRY | METRO
  std::string name;
};
/// Glassdoor's remote "place": searching it gives remote jobs.
inline const Place kRemote{11047, "STATE", "Remote"};

/// The first usable place of a findPopularLocationAjax answer (a JSON array of
/// {locationId, locationType: C|S|N|M, label, ...}); with `country` ("ca") set, suggestions
/// naming another country are passed over. nullopt for an empty list. Throws
/// aj::SourceError(layout changed) when the answer is not such a list.
std::optional<Place> first_place(const boost::json::value& answer, std::string_view country, std::string_view what);

inline constexpr int kPageSize = 30;  // what Glassdoor's own pages ask for
inline constexpr int kMaxPages = 30;  // Glassdoor serves no more

struct SearchRequest {
  std::string keyword;
  std::optional<Place> place;
  std::vector<std::pair<std::string, std::string>> filters;  // filterParams: filterKey, values
  int page = 1;
  std::string cursor;  // "" on the first page
};
/// The POST body of one JobSearchResultsQuery (a JSON array of one operation).
std::string search_body(const SearchRequest& r);
/// The POST body of a JobDetailQuery for one listing.
std::string detail_body(std::string_view listing_id);

struct Page {
  const boost::json::array* listings = nullptr;  // data.jobListings.jobListings (never null once read)
  std::vector<std::pair<int64_t, std::string>> cursors;  // paginationCursors: page number, cursor
  std::string errors;  // GraphQL errors that came with the data
  /// The cursor of page `n`, or "".
  std::string cursor_for(int64_t n) const;
};
/// Reads a JobSearchResultsQuery answer. Throws aj::SourceError: blocked when the answer is
/// empty or GraphQL refuses the client; layout changed when the listings are not there.
Page read_page(const boost::json::value& answer, std::string_view what);

/// The description HTML of a JobDetailQuery answer; "" when it has none.
std::string detail_description(const boost::json::value& answer);

/// The messages of a GraphQL "errors" array (at most three, "; " between); "" when none.
std::string graphql_errors(const boost::json::value& result);

}  // namespace glassdoor
