// The gazetteer: the shipped config/places.yaml (built in and on disk), known
// distances, free-text locations as sites write them (aliases, neighbourhoods,
// names shared by several regions, noise around the name), a posting's parts,
// region and country codes, and errors that name file:line.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string>

#include "geo/gazetteer.hpp"

namespace {

using aj::geo::Gazetteer;
using aj::geo::Place;

const Gazetteer& places() { return Gazetteer::builtin(); }

// "Name, RG" of what the text reads as, or "-" for no place.
std::string read(std::string_view text) {
  const Place* p = places().find(text);
  return p ? p->display() : "-";
}

std::string read(std::string_view city, std::string_view region, std::string_view country) {
  const Place* p = places().find(city, region, country);
  return p ? p->display() : "-";
}

const Place& at(std::string_view text) {
  const Place* p = places().find(text);
  if (!p) throw std::runtime_error("no place for '" + std::string(text) + "'");
  return *p;
}

double km(std::string_view a, std::string_view b) { return aj::geo::distance_km(at(a), at(b)); }

std::string error_of(std::string_view yaml) {
  try {
    Gazetteer::parse(yaml, "test.yaml");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Gazetteer, ShippedFileIsBuiltIn) {
  EXPECT_GE(places().size(), 400u);
  EXPECT_EQ(places().places().size(), places().size());
  const Gazetteer on_disk = Gazetteer::load(AJ_SOURCE_DIR "/config/places.yaml");
  EXPECT_EQ(on_disk.size(), places().size());
}

// Every entry: a region of its country, coordinates inside the country, and
// found again from its own name, region and country.
TEST(Gazetteer, EveryEntryIsInItsCountry) {
  for (const Place& p : places().places()) {
    SCOPED_TRACE(p.display());
    EXPECT_EQ(aj::geo::country_of_region(p.region), p.country);
    if (p.country == "CA") {
      EXPECT_TRUE(p.lat >= 41 && p.lat <= 84 && p.lon >= -141 && p.lon <= -52);
    } else {
      ASSERT_EQ(p.country, "US");
      const bool contiguous = p.lat >= 24 && p.lat <= 50 && p.lon >= -125 && p.lon <= -66;
      const bool alaska = p.region == "AK" && p.lat >= 51 && p.lat <= 72 && p.lon >= -180 && p.lon <= -129;
      const bool hawaii = p.region == "HI" && p.lat >= 18 && p.lat <= 23 && p.lon >= -161 && p.lon <= -154;
      EXPECT_TRUE(contiguous || alaska || hawaii);
    }
    const Place* again = places().find(p.name, p.region, p.country);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again, &p);
  }
}

TEST(Gazetteer, EveryRegionHasAPlace) {
  const char* regions[] = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
                           "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID",
                           "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO",
                           "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
                           "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"};
  for (const char* r : regions) {
    int n = 0;
    for (const Place& p : places().places()) n += p.region == r;
    EXPECT_GT(n, 0) << r;
  }
}

TEST(Distance, KnownPairs) {
  EXPECT_NEAR(km("Toronto, ON", "Mississauga, ON"), 25, 5);
  EXPECT_NEAR(km("Toronto, ON", "Ottawa, ON"), 352, 15);
  EXPECT_NEAR(km("Toronto, ON", "Montreal, QC"), 504, 20);
  EXPECT_NEAR(km("Mississauga, ON", "Meadowvale, ON"), 9, 3);
  EXPECT_NEAR(km("Mississauga, ON", "Square One"), 0.5, 0.5);
  EXPECT_NEAR(km("Toronto, ON", "Hamilton, ON"), 58, 6);
  EXPECT_NEAR(km("Vancouver, BC", "Seattle, WA"), 192, 10);
  EXPECT_NEAR(km("Calgary, AB", "Edmonton, AB"), 281, 10);
  EXPECT_NEAR(km("New York, NY", "Los Angeles, CA"), 3936, 30);
  EXPECT_NEAR(km("Toronto, ON", "New York, NY"), 551, 20);
  EXPECT_NEAR(km("Halifax, NS", "Vancouver, BC"), 4430, 40);
}

TEST(Distance, SymmetricAndZeroForTheSamePlace) {
  EXPECT_EQ(km("Toronto", "Toronto"), 0);
  EXPECT_DOUBLE_EQ(km("Toronto", "Oakville"), km("Oakville", "Toronto"));
}

struct Case {
  const char* text;
  const char* expected;  // display(), or "-" for no place
};

void expect_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) EXPECT_EQ(read(c.text), c.expected) << "text: " << c.text;
}

TEST(Find, CityAndRegion) {
  expect_all({
      {"Mississauga, ON", "Mississauga, ON"},
      {"Toronto, Ontario, Canada", "Toronto, ON"},
      {"toronto, on", "Toronto, ON"},
      {"TORONTO ON", "Toronto, ON"},
      {"New York, NY", "New York, NY"},
      {"Austin, TX 78701", "Austin, TX"},
      {"Calgary, Alberta", "Calgary, AB"},
      {"Halifax, N.S.", "Halifax, NS"},
      {"Charlottetown, P.E.I.", "Charlottetown, PE"},
      {"Washington, D.C.", "Washington, DC"},
      {"Washington DC", "Washington, DC"},
      {"Seattle, Washington", "Seattle, WA"},
      {"Kansas City, KS", "Kansas City, KS"},
      {"Kansas City", "Kansas City, MO"},
      {"Los Angeles, CA", "Los Angeles, CA"},
      {"Toronto, CA", "Toronto, ON"},
      {"Toronto, ON, CAN", "Toronto, ON"},
      {"Boston, MA, USA", "Boston, MA"},
      {"Boston, Massachusetts, United States", "Boston, MA"},
  });
}

TEST(Find, AccentsCasePunctuationAndAbbreviations) {
  expect_all({
      {"Montréal, QC", "Montréal, QC"},
      {"Montreal", "Montréal, QC"},
      {"MONTREAL, QUEBEC", "Montréal, QC"},
      {"Trois-Rivières", "Trois-Rivières, QC"},
      {"TROIS RIVIERES", "Trois-Rivières, QC"},
      {"Levis, Québec", "Lévis, QC"},
      {"Saint-Jérôme", "Saint-Jérôme, QC"},
      {"St-Jerome, QC", "Saint-Jérôme, QC"},
      {"St. Catharines, ON", "St. Catharines, ON"},
      {"Saint Catharines", "St. Catharines, ON"},
      {"St. John's, NL", "St. John's, NL"},
      {"St Johns", "St. John's, NL"},
      {"Saint John, NB", "Saint John, NB"},
      {"Sault Sainte Marie", "Sault Ste. Marie, ON"},
      {"Ft. Worth, TX", "Fort Worth, TX"},
      {"Saint Louis, MO", "St. Louis, MO"},
      {"Winston Salem", "Winston-Salem, NC"},
      {"Québec, QC", "Québec, QC"},
      {"Quebec City", "Québec, QC"},
  });
}

TEST(Find, Aliases) {
  expect_all({
      {"Greater Toronto Area", "Toronto, ON"},
      {"GTA", "Toronto, ON"},
      {"Toronto, ON (GTA)", "Toronto, ON"},
      {"Greater Sudbury", "Greater Sudbury, ON"},
      {"Sudbury, ON", "Greater Sudbury, ON"},
      {"Sherwood Park, AB", "Strathcona County, AB"},
      {"Fort McMurray", "Wood Buffalo, AB"},
      {"Stouffville", "Whitchurch-Stouffville, ON"},
      {"NYC", "New York, NY"},
      {"New York City Metropolitan Area", "New York, NY"},
      {"San Francisco Bay Area", "San Francisco, CA"},
      {"Lower Mainland, BC", "Vancouver, BC"},
      {"Sydney, NS", "Cape Breton, NS"},
  });
}

TEST(Find, Neighbourhoods) {
  expect_all({
      {"Meadowvale, ON", "Meadowvale, ON"},
      {"Churchill Meadows, Mississauga", "Churchill Meadows, ON"},
      {"Streetsville", "Streetsville, ON"},
      {"Port Credit, Mississauga, ON", "Port Credit, ON"},
      {"Erin Mills", "Erin Mills, ON"},
      {"Malton, Mississauga", "Malton, ON"},
      {"Cooksville", "Cooksville, ON"},
      {"Square One Mississauga ON", "Mississauga City Centre, ON"},
      {"City Centre, Mississauga", "Mississauga City Centre, ON"},
      {"Heartland, Mississauga", "Heartland, ON"},
      {"North York, Toronto, ON", "North York, ON"},
      {"Scarborough, ON", "Scarborough, ON"},
      {"Etobicoke", "Etobicoke, ON"},
      {"East York, Toronto", "East York, ON"},
      {"Downtown Toronto", "Downtown Toronto, ON"},
      {"Liberty Village, Toronto", "Liberty Village, ON"},
      {"Kanata, Ottawa, ON", "Kanata, ON"},
      {"Brooklyn, New York", "Brooklyn, NY"},
      {"Toronto Pearson Airport", "Pearson Airport, ON"},
  });
  const Place* m = places().find("Meadowvale");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->within, "Mississauga");
  EXPECT_TRUE(places().find("Toronto")->within.empty());
}

TEST(Find, NeighbourhoodLosesToAnotherCityNamed) {
  // "City Centre" alone is Mississauga's; beside Edmonton it is Edmonton's, which the file does not hold.
  EXPECT_EQ(read("City Centre, Edmonton, AB"), "Edmonton, AB");
  EXPECT_EQ(read("Queens Quay, Toronto"), "Toronto, ON");
}

TEST(Find, NamesInSeveralRegions) {
  expect_all({
      {"London, ON", "London, ON"},
      {"London, Ontario", "London, ON"},
      {"London, UK", "-"},
      {"London, England", "-"},
      {"London (United Kingdom)", "-"},
      {"Springfield, IL", "Springfield, IL"},
      {"Springfield, MA", "Springfield, MA"},
      {"Springfield, Illinois, United States", "Springfield, IL"},
      {"Springfield", "Springfield, MO"},  // the most populous
      {"Vancouver, WA", "Vancouver, WA"},
      {"Vancouver", "Vancouver, BC"},
      {"Vancouver, BC, Canada", "Vancouver, BC"},
      {"Richmond, BC", "Richmond, BC"},
      {"Richmond, VA", "Richmond, VA"},
      {"Cambridge", "Cambridge, ON"},
      {"Cambridge, MA", "Cambridge, MA"},
      {"Burlington", "Burlington, ON"},
      {"Burlington, VT", "Burlington, VT"},
      {"Aurora", "Aurora, CO"},
      {"Aurora, ON", "Aurora, ON"},
      {"Portland, ME", "Portland, ME"},
      {"Portland", "Portland, OR"},
      {"Charleston, WV", "Charleston, WV"},
      {"Trenton, ON", "Quinte West, ON"},
      {"Trenton, NJ", "Trenton, NJ"},
      {"Concord", "Concord, NH"},  // a city before a neighbourhood of Vaughan
      {"Concord, ON", "Concord, ON"},
      {"Springfield (Illinois office)", "Springfield, IL"},
      {"Sydney, Australia", "-"},
      {"Niagara Falls, NY", "-"},
  });
}

TEST(Find, NoiseAroundTheName) {
  expect_all({
      {"123 Main St, Toronto, ON M5V 2T6", "Toronto, ON"},
      {"100 Victoria St, Toronto, ON", "Toronto, ON"},
      {"King St W, Toronto", "Toronto, ON"},
      {"1000 Rue Sherbrooke Ouest, Montréal, QC H3A 3G4", "Montréal, QC"},
      {"Hybrid - Ottawa, ON", "Ottawa, ON"},
      {"Remote in Toronto", "Toronto, ON"},
      {"REMOTE IN TORONTO", "Toronto, ON"},
      {"On-site - Toronto, ON", "Toronto, ON"},
      {"Toronto, ON - Hybrid", "Toronto, ON"},
      {"Toronto (Hybrid), Ontario", "Toronto, ON"},
      {"CA-ON-Toronto", "Toronto, ON"},
      {"Canada - Ontario - Mississauga", "Mississauga, ON"},
      {"US-CA-San Francisco", "San Francisco, CA"},
      {"Toronto or Mississauga", "Toronto, ON"},
      {"Toronto, ON / New York, NY", "Toronto, ON"},
      {"Kitchener-Waterloo, ON", "Kitchener, ON"},
      {"Mississauga Road, Brampton", "Brampton, ON"},
  });
}

TEST(Find, NoPlace) {
  expect_all({
      {"", "-"},
      {"Remote", "-"},
      {"Canada", "-"},
      {"Remote - Canada", "-"},
      {"Ontario, Canada", "-"},
      {"United States", "-"},
      {"Quebec, Canada", "-"},  // the province
      {"Smallville, ON", "-"},
      {"Paris, France", "-"},
      {"Toronto, Texas", "-"},
      {"Mississauga, QC", "-"},
  });
}

TEST(Find, Parts) {
  EXPECT_EQ(read("Toronto", "Ontario", "Canada"), "Toronto, ON");
  EXPECT_EQ(read("Toronto", "ON", ""), "Toronto, ON");
  EXPECT_EQ(read("Toronto", "", ""), "Toronto, ON");
  EXPECT_EQ(read("Toronto", "Canada", ""), "Toronto, ON");  // a country in the region field
  EXPECT_EQ(read("Toronto", "CA", "Canada"), "Toronto, ON");
  EXPECT_EQ(read("Toronto", "Texas", ""), "-");
  EXPECT_EQ(read("London", "", "United Kingdom"), "-");
  EXPECT_EQ(read("London", "", "CA"), "London, ON");
  EXPECT_EQ(read("Springfield", "Massachusetts", "US"), "Springfield, MA");
  EXPECT_EQ(read("Springfield", "IL", "United States"), "Springfield, IL");
  EXPECT_EQ(read("Vancouver", "WA", ""), "Vancouver, WA");
  EXPECT_EQ(read("Richmond", "", "Canada"), "Richmond, BC");
  EXPECT_EQ(read("Los Angeles", "CA", "US"), "Los Angeles, CA");
  EXPECT_EQ(read("Meadowvale", "ON", "CA"), "Meadowvale, ON");
  EXPECT_EQ(read("Montreal", "Québec", "Canada"), "Montréal, QC");
  EXPECT_EQ(read("Toronto, ON", "", ""), "Toronto, ON");
  EXPECT_EQ(read("", "ON", "CA"), "-");
  EXPECT_EQ(read("Atlantis", "ON", "CA"), "-");
}

TEST(Codes, Regions) {
  using aj::geo::region_code;
  EXPECT_EQ(region_code("Ontario"), "ON");
  EXPECT_EQ(region_code("ont."), "ON");
  EXPECT_EQ(region_code("on"), "ON");
  EXPECT_EQ(region_code("Québec"), "QC");
  EXPECT_EQ(region_code("Quebec"), "QC");
  EXPECT_EQ(region_code("British Columbia"), "BC");
  EXPECT_EQ(region_code("Colombie-Britannique"), "BC");
  EXPECT_EQ(region_code("Newfoundland and Labrador"), "NL");
  EXPECT_EQ(region_code("P.E.I."), "PE");
  EXPECT_EQ(region_code("Texas"), "TX");
  EXPECT_EQ(region_code("new york"), "NY");
  EXPECT_EQ(region_code("District of Columbia"), "DC");
  EXPECT_EQ(region_code("Calif."), "CA");
  EXPECT_EQ(region_code("Canada"), "");
  EXPECT_EQ(region_code("Bavaria"), "");
  EXPECT_EQ(region_code(""), "");
}

TEST(Codes, Countries) {
  using aj::geo::country_code;
  EXPECT_EQ(country_code("Canada"), "CA");
  EXPECT_EQ(country_code("CAN"), "CA");
  EXPECT_EQ(country_code("ca"), "CA");
  EXPECT_EQ(country_code("United States"), "US");
  EXPECT_EQ(country_code("USA"), "US");
  EXPECT_EQ(country_code("U.S."), "US");
  EXPECT_EQ(country_code("United States of America"), "US");
  EXPECT_EQ(country_code("UK"), "GB");
  EXPECT_EQ(country_code("England"), "GB");
  EXPECT_EQ(country_code("Germany"), "DE");
  EXPECT_EQ(country_code("India"), "IN");
  EXPECT_EQ(country_code("Ontario"), "");
  EXPECT_EQ(country_code("Atlantis"), "");
}

TEST(Codes, CountryOfRegion) {
  using aj::geo::country_of_region;
  EXPECT_EQ(country_of_region("ON"), "CA");
  EXPECT_EQ(country_of_region("YT"), "CA");
  EXPECT_EQ(country_of_region("NY"), "US");
  EXPECT_EQ(country_of_region("DC"), "US");
  EXPECT_EQ(country_of_region("XX"), "");
}

TEST(Load, SmallFile) {
  const Gazetteer g = Gazetteer::parse(R"(places:
  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0, pop: 10, aliases: [Al]}
  - {name: Alpha, region: BC, country: CA, lat: 49.0, lon: -123.0, pop: 20}
  - {name: Beta, region: ON, country: CA, lat: 44.1, lon: -79.1, in: Alpha}
)",
                                       "small.yaml");
  EXPECT_EQ(g.size(), 3u);
  ASSERT_NE(g.find("Alpha"), nullptr);
  EXPECT_EQ(g.find("Alpha")->region, "BC");
  EXPECT_EQ(g.find("Al")->region, "ON");
  EXPECT_EQ(g.find("Beta")->within, "Alpha");
  EXPECT_EQ(g.find("Beta")->population, 0);
  EXPECT_EQ(g.find("Toronto"), nullptr);
  EXPECT_EQ(Gazetteer().find("Toronto"), nullptr);
  EXPECT_EQ(Gazetteer().size(), 0u);
}

TEST(Load, ErrorsNameFileAndLine) {
  EXPECT_EQ(error_of("places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0\n  - x: [\n")
                .rfind("test.yaml:", 0),
            0u);
  const auto has = [](const std::string& error, const std::string& part) {
    return error.find(part) != std::string::npos;
  };
  std::string e = error_of(
      "places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0}\n  - {name: Beta, region: ZZ, "
      "country: CA, lat: 44.0, lon: -79.0}\n");
  EXPECT_TRUE(has(e, "test.yaml:3:") && has(e, "unknown region 'ZZ'")) << e;
  e = error_of("places:\n\n  - {name: Beta, region: ON, country: US, lat: 44.0, lon: -79.0}\n");
  EXPECT_TRUE(has(e, "test.yaml:3:") && has(e, "region ON is in CA")) << e;
  e = error_of(
      "places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0}\n  - {name: ALPHA, region: ON, "
      "country: CA, lat: 45.0, lon: -79.0}\n");
  EXPECT_TRUE(has(e, "test.yaml:3:") && has(e, "listed twice (first on line 2)")) << e;
  e = error_of("places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -279.0}\n");
  EXPECT_TRUE(has(e, "test.yaml:2:") && has(e, "'lon' must be between")) << e;
  e = error_of("places:\n  - {name: Alpha, region: ON, country: CA, lat: north, lon: -79.0}\n");
  EXPECT_TRUE(has(e, "test.yaml:2:") && has(e, "'lat' must be a number")) << e;
  e = error_of(
      "places:\n  - name: Alpha\n    region: ON\n    country: CA\n    lat: 44.0\n    lon: -79.0\n    popul: 3\n");
  EXPECT_TRUE(has(e, "test.yaml:7:") && has(e, "unknown key 'popul'")) << e;
  e = error_of("places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0}\n");
  EXPECT_TRUE(has(e, "test.yaml:2:") && has(e, "no 'lon'")) << e;
  e = error_of(
      "places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0}\n  - {name: Beta, region: ON, "
      "country: CA, lat: 44.0, lon: -79.0, in: Gamma}\n");
  EXPECT_TRUE(has(e, "test.yaml:3:") && has(e, "'in: Gamma'")) << e;
  e = error_of("places:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0, aliases: ['--']}\n");
  EXPECT_TRUE(has(e, "test.yaml:2:") && has(e, "no letters or digits")) << e;
  e = error_of("cities: []\n");
  EXPECT_TRUE(has(e, "test.yaml:1:")) << e;
}

TEST(Load, MissingFileNamesIt) {
  try {
    Gazetteer::load("/nonexistent/places.yaml");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/places.yaml"), std::string::npos) << e.what();
  }
}

TEST(Load, MalformedFileOnDiskNamesItsLine) {
  const std::string path = testing::TempDir() + "/geo_test_places.yaml";
  {
    std::ofstream out(path);
    out << "# places\nplaces:\n  - {name: Alpha, region: ON, country: CA, lat: 44.0, lon: -79.0}\n"
           "  - {name: Beta, region: ON, country: CA, lat: 44.0, lon: -79.0\n";
  }
  try {
    Gazetteer::load(path);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(path + ":", 0), 0u) << what;
    const int line = std::stoi(what.substr(path.size() + 1));
    EXPECT_GE(line, 4) << what;
  }
}

}  // namespace
