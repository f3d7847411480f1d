// A small gazetteer of Canadian and US places (config/places.yaml): names,
// aliases and neighbourhoods resolved to coordinates, so that scoring can
// measure how far a posting is from where the person wants to work.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aj::geo {

struct Place {
  std::string name;     // "Mississauga"
  std::string region;   // province or state code: "ON", "NY"
  std::string country;  // ISO 3166 alpha-2: "CA", "US"
  double lat = 0, lon = 0;
  std::string within;           // for a neighbourhood, its city: "Mississauga" for Meadowvale; empty for a city
  long population = 0;          // 0 when config/places.yaml gives none
  std::string display() const;  // "Mississauga, ON"
};

class Gazetteer {
 public:
  Gazetteer();
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;

  /// Reads a gazetteer file; throws std::runtime_error naming file:line on bad input.
  static Gazetteer load(const std::string& path);
  /// The same from YAML text (`origin` names it in errors).
  static Gazetteer parse(std::string_view yaml, const std::string& origin);
  /// The copy of config/places.yaml built into the library.
  static const Gazetteer& builtin();

  /// A place from free text as sites show it: "Mississauga, ON", "Toronto, Ontario, Canada",
  /// "Meadowvale, ON" (a neighbourhood: its own coordinates), "Square One Mississauga ON",
  /// "New York, NY", "Hybrid - Ottawa, ON". Nullptr when no known place is named
  /// ("Remote", "Canada", an unknown town).
  const Place* find(std::string_view text) const;
  /// From a posting's parts; any may be empty ("Toronto", "Ontario", "Canada").
  const Place* find(std::string_view city, std::string_view region, std::string_view country) const;
  std::size_t size() const;
  /// Every place, in the order of the file.
  const std::vector<Place>& places() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Great-circle distance (haversine, Earth radius 6371 km).
double distance_km(const Place& a, const Place& b);

/// "Ontario", "ont.", "on" -> "ON"; "Texas" -> "TX"; "" when not a Canadian province/territory or US state.
std::string region_code(std::string_view text);
/// "Canada", "CAN", "ca" -> "CA"; "United States", "USA", "U.S." -> "US"; other names by ISO code where
/// known (a small table); "" otherwise.
std::string country_code(std::string_view text);
/// The country of a region code: "ON" -> "CA", "NY" -> "US", "" when unknown.
std::string country_of_region(std::string_view region_code);

}  // namespace aj::geo
