// The region and country tables: codes, English and French names and the
// usual abbreviations, and the lookups of gazetteer.hpp built on them.
#include "regions.hpp"

#include "fold.hpp"
#include "geo/gazetteer.hpp"

#include <functional>
#include <unordered_map>

namespace aj::geo {

namespace {

struct RegionRow {
  const char* code;
  const char* country;
  const char* names;          // full names, '|' between them
  const char* abbreviations;  // short forms, '|' between them
};

constexpr RegionRow kRegions[] = {
    {"AB", "CA", "Alberta", "Alta|Alb"},
    {"BC", "CA", "British Columbia|Colombie-Britannique", ""},
    {"MB", "CA", "Manitoba", ""},
    {"NB", "CA", "New Brunswick|Nouveau-Brunswick", ""},
    {"NL", "CA", "Newfoundland and Labrador|Newfoundland|Labrador|Terre-Neuve-et-Labrador|Terre-Neuve", "Nfld|NF"},
    {"NS", "CA", "Nova Scotia|Nouvelle-Écosse", ""},
    {"NT", "CA", "Northwest Territories|Territoires du Nord-Ouest", "NWT"},
    {"NU", "CA", "Nunavut", ""},
    {"ON", "CA", "Ontario", "Ont"},
    {"PE", "CA", "Prince Edward Island|Île-du-Prince-Édouard", "PEI"},
    {"QC", "CA", "Quebec|Province of Quebec|Province de Québec", "Que|PQ"},
    {"SK", "CA", "Saskatchewan", "Sask"},
    {"YT", "CA", "Yukon|Yukon Territory", ""},
    {"AL", "US", "Alabama", "Ala"},
    {"AK", "US", "Alaska", ""},
    {"AZ", "US", "Arizona", "Ariz"},
    {"AR", "US", "Arkansas", "Ark"},
    {"CA", "US", "California|Californie", "Calif|Cal"},
    {"CO", "US", "Colorado", "Colo"},
    {"CT", "US", "Connecticut", "Conn"},
    {"DE", "US", "Delaware", "Del"},
    {"DC", "US", "District of Columbia", ""},
    {"FL", "US", "Florida|Floride", "Fla"},
    {"GA", "US", "Georgia", ""},
    {"HI", "US", "Hawaii", ""},
    {"ID", "US", "Idaho", ""},
    {"IL", "US", "Illinois", "Ill"},
    {"IN", "US", "Indiana", "Ind"},
    {"IA", "US", "Iowa", ""},
    {"KS", "US", "Kansas", "Kan|Kans"},
    {"KY", "US", "Kentucky", ""},
    {"LA", "US", "Louisiana|Louisiane", ""},
    {"ME", "US", "Maine", ""},
    {"MD", "US", "Maryland", ""},
    {"MA", "US", "Massachusetts", "Mass"},
    {"MI", "US", "Michigan", "Mich"},
    {"MN", "US", "Minnesota", "Minn"},
    {"MS", "US", "Mississippi", "Miss"},
    {"MO", "US", "Missouri", ""},
    {"MT", "US", "Montana", "Mont"},
    {"NE", "US", "Nebraska", "Neb|Nebr"},
    {"NV", "US", "Nevada", "Nev"},
    {"NH", "US", "New Hampshire", ""},
    {"NJ", "US", "New Jersey", ""},
    {"NM", "US", "New Mexico", ""},
    {"NY", "US", "New York|New York State", ""},
    {"NC", "US", "North Carolina|Caroline du Nord", ""},
    {"ND", "US", "North Dakota", ""},
    {"OH", "US", "Ohio", ""},
    {"OK", "US", "Oklahoma", "Okla"},
    {"OR", "US", "Oregon", "Ore"},
    {"PA", "US", "Pennsylvania|Pennsylvanie", "Penn|Penna"},
    {"RI", "US", "Rhode Island", ""},
    {"SC", "US", "South Carolina|Caroline du Sud", ""},
    {"SD", "US", "South Dakota", ""},
    {"TN", "US", "Tennessee", "Tenn"},
    {"TX", "US", "Texas", "Tex"},
    {"UT", "US", "Utah", ""},
    {"VT", "US", "Vermont", ""},
    {"VA", "US", "Virginia|Virginie", ""},
    {"WA", "US", "Washington|Washington State", "Wash"},
    {"WV", "US", "West Virginia", ""},
    {"WI", "US", "Wisconsin", "Wis|Wisc"},
    {"WY", "US", "Wyoming", "Wyo"},
};

struct CountryRow {
  const char* code;
  const char* alpha3;
  const char* names;  // '|' between them
  // Whether free text may name it by code: "Toronto, CAN", "Austin, TX, USA",
  // "London, UK". Other codes are too often a state ("DE", "IN") or a word.
  bool codes_in_text;
};

constexpr CountryRow kCountries[] = {
    {"CA", "CAN", "Canada", true},
    {"US", "USA", "United States|United States of America|Etats-Unis|Etats-Unis d'Amérique", true},
    {"GB", "GBR", "United Kingdom|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|Royaume-Uni|UK", true},
    {"MX", "MEX", "Mexico|Mexique", true},
    {"IE", "IRL", "Ireland|Irlande", false},
    {"FR", "FRA", "France", false},
    {"DE", "DEU", "Germany|Deutschland|Allemagne", false},
    {"NL", "NLD", "Netherlands|The Netherlands|Holland|Pays-Bas", false},
    {"BE", "BEL", "Belgium|Belgique", false},
    {"CH", "CHE", "Switzerland|Suisse", false},
    {"AT", "AUT", "Austria|Autriche", false},
    {"ES", "ESP", "Spain|Espagne", false},
    {"PT", "PRT", "Portugal", false},
    {"IT", "ITA", "Italy|Italie", false},
    {"SE", "SWE", "Sweden|Suède", false},
    {"NO", "NOR", "Norway|Norvège", false},
    {"DK", "DNK", "Denmark|Danemark", false},
    {"FI", "FIN", "Finland|Finlande", false},
    {"PL", "POL", "Poland|Pologne", false},
    {"CZ", "CZE", "Czech Republic|Czechia", false},
    {"RO", "ROU", "Romania|Roumanie", false},
    {"GR", "GRC", "Greece|Grèce", false},
    {"UA", "UKR", "Ukraine", false},
    {"TR", "TUR", "Turkey|Türkiye", false},
    {"IL", "ISR", "Israel|Israël", false},
    {"AE", "ARE", "United Arab Emirates|UAE", false},
    {"SA", "SAU", "Saudi Arabia", false},
    {"EG", "EGY", "Egypt", false},
    {"NG", "NGA", "Nigeria", false},
    {"KE", "KEN", "Kenya", false},
    {"ZA", "ZAF", "South Africa", false},
    {"IN", "IND", "India|Inde", false},
    {"PK", "PAK", "Pakistan", false},
    {"BD", "BGD", "Bangladesh", false},
    {"LK", "LKA", "Sri Lanka", false},
    {"CN", "CHN", "China|Chine", false},
    {"HK", "HKG", "Hong Kong", false},
    {"TW", "TWN", "Taiwan", false},
    {"JP", "JPN", "Japan|Japon", false},
    {"KR", "KOR", "South Korea|Korea|Corée du Sud", false},
    {"SG", "SGP", "Singapore|Singapour", false},
    {"MY", "MYS", "Malaysia", false},
    {"PH", "PHL", "Philippines", false},
    {"VN", "VNM", "Vietnam|Viet Nam", false},
    {"TH", "THA", "Thailand", false},
    {"ID", "IDN", "Indonesia", false},
    {"AU", "AUS", "Australia|Australie", false},
    {"NZ", "NZL", "New Zealand|Nouvelle-Zélande", false},
    {"BR", "BRA", "Brazil|Brasil|Brésil", false},
    {"AR", "ARG", "Argentina", false},
    {"CL", "CHL", "Chile", false},
    {"CO", "COL", "Colombia|Colombie", false},
    {"PE", "PER", "Peru|Pérou", false},
    {"CR", "CRI", "Costa Rica", false},
    {"JM", "JAM", "Jamaica", false},
    {"BM", "BMU", "Bermuda", false},
};

template <class F>
void each_name(std::string_view names, F f) {
  while (!names.empty()) {
    const auto bar = names.find('|');
    f(names.substr(0, bar));
    names = bar == std::string_view::npos ? std::string_view{} : names.substr(bar + 1);
  }
}

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Table = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;

// Every spelling of a region (names, abbreviations, the code itself) to its code.
const Table& region_table() {
  static const Table table = [] {
    Table t;
    for (const auto& r : kRegions) {
      t.emplace(detail::folded(r.code), r.code);
      each_name(r.names, [&](std::string_view n) { t.emplace(detail::folded(n), r.code); });
      each_name(r.abbreviations, [&](std::string_view n) { t.emplace(detail::folded(n), r.code); });
    }
    return t;
  }();
  return table;
}

// Every name and code of a country of the table to its alpha-2 code.
const Table& country_table() {
  static const Table table = [] {
    Table t;
    for (const auto& c : kCountries) {
      t.emplace(detail::folded(c.code), c.code);
      t.emplace(detail::folded(c.alpha3), c.code);
      each_name(c.names, [&](std::string_view n) { t.emplace(detail::folded(n), c.code); });
    }
    return t;
  }();
  return table;
}

std::string lookup(const Table& table, std::string_view text) {
  const auto it = table.find(detail::folded(text));
  return it == table.end() ? std::string{} : it->second;
}

}  // namespace

std::string region_code(std::string_view text) { return lookup(region_table(), text); }

std::string country_code(std::string_view text) { return lookup(country_table(), text); }

std::string country_of_region(std::string_view code) {
  for (const auto& r : kRegions)
    if (code == r.code) return r.country;
  return {};
}

namespace detail {

const std::vector<Qualifier>& qualifiers() {
  static const std::vector<Qualifier> all = [] {
    std::vector<Qualifier> out;
    std::unordered_map<std::string, std::size_t> at;
    auto add = [&](std::string_view spelling, std::string_view region, std::string_view country, bool code, bool name) {
      std::string key = folded(spelling);
      auto [it, fresh] = at.try_emplace(key, out.size());
      if (fresh) out.push_back(Qualifier{std::move(key), {}, {}, false, false});
      Qualifier& q = out[it->second];
      if (!region.empty()) q.region = region;
      if (!country.empty()) q.country = country;
      q.code |= code;
      q.name |= name;
    };
    for (const auto& r : kRegions) {
      add(r.code, r.code, "", true, false);
      each_name(r.names, [&](std::string_view n) { add(n, r.code, "", false, true); });
      each_name(r.abbreviations, [&](std::string_view n) { add(n, r.code, "", true, false); });
    }
    for (const auto& c : kCountries) {
      each_name(c.names, [&](std::string_view n) { add(n, "", c.code, n.size() <= 3, false); });
      if (c.codes_in_text) {
        add(c.code, "", c.code, true, false);
        add(c.alpha3, "", c.code, true, false);
      }
    }
    return out;
  }();
  return all;
}

}  // namespace detail
}  // namespace aj::geo
