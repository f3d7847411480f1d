// The provinces, territories, states and countries that location text names,
// in every spelling the gazetteer reads. Private to the geo library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aj::geo::detail {

/// One spelling of a region or a country (or both: "ca" is California and Canada).
struct Qualifier {
  std::string key;      // folded: "ontario", "ont", "on", "new york", "usa"
  std::string region;   // "ON", or empty
  std::string country;  // "CA", or empty
  bool code = false;    // a short code or abbreviation ("on", "in", "ca", "ont"), also an ordinary word
  bool name = false;    // a region's full name ("quebec", "new york"), which a city may share
};

/// Every spelling free text may use, one per key.
const std::vector<Qualifier>& qualifiers();

}  // namespace aj::geo::detail
