// The gazetteer: config/places.yaml (whose header documents the format) read
// into one index from every folded name, alias, region and country spelling
// to what it means, and find(), which reads a location as sites write it.
//
// find() cuts the text into words (fold.hpp) and takes, left to right, the
// longest run of words that is a key. Each place found is checked against the
// qualifiers written beside it: regions, countries, postal codes and words
// like "Remote" may follow it ("Toronto, ON M5V 2T6, Canada") or precede it
// after a dash or comma ("CA-ON-Toronto", "Hybrid - Ottawa, ON"), at most one
// region and one country on each side, and each must agree: "London, UK" is
// not London, Ontario. Codes are also words ("in", "or", "on"), so lower-case
// ones count only after a comma or dash and before a comma, a postal code or
// the end ("toronto, on"). A country named anywhere rules out the places of
// other countries. A place followed by "St", "Road"... (or after "rue") is a
// street: "123 Victoria St, Toronto" is in Toronto. A name shared with its own
// region ("Québec", "New York") followed by a country only is the region:
// "Quebec, Canada" is no place.
//
// Of the places left: a neighbourhood named with its own city wins ("Port
// Credit, Mississauga"); otherwise the first city named, or the first
// neighbourhood when no city is. Among places of one name: one in a region
// the text names, then a city before a neighbourhood, then the larger
// population, then the earlier entry.
#include "geo/gazetteer.hpp"

#include "fold.hpp"
#include "regions.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace aj::geo {

namespace detail {
extern const std::string_view kDefaultPlacesYaml;
}  // namespace detail

namespace {

using detail::Gap;
using detail::Words;

// What a run of words means; one key may mean several things: "quebec" is a
// city and a province, "ca" California and Canada.
struct Entry {
  std::vector<uint32_t> places;  // with this name or alias
  std::string region;            // as a qualifier: a region ("ON")
  std::string region_country;    // that region's country ("CA")
  std::string country;           // as a qualifier: a country; "ca" is both California and Canada
  bool code = false;             // the qualifier is a code or abbreviation, also an ordinary word
  bool region_name = false;      // the qualifier is a region's full name
  bool noise = false;            // "remote", "hybrid", "office": passed over beside a place
  bool street_after = false;     // "St", "Road": the place before it is a street
  bool street_before = false;    // "rue", "boulevard": the place after it is a street
  uint8_t longest = 0;           // words in the longest key that starts with this one word
  bool qualifier() const { return !region.empty() || !country.empty(); }
  bool meaningful() const { return !places.empty() || qualifier() || noise || street_after || street_before; }
};

constexpr std::string_view kNoise[] = {"remote",     "hybrid",      "hybride",     "onsite",       "on site",
                                       "on premise", "on premises", "in office",   "in person",    "work from home",
                                       "wfh",        "telework",    "telecommute", "teletravail",  "sur site",
                                       "sur place",  "area",        "metro",       "metropolitan", "region",
                                       "greater",    "office",      "hq",          "headquarters", "downtown",
                                       "city",       "county",      "province",    "state"};
constexpr std::string_view kStreetAfter[] = {
    "st",    "street",  "ave",      "av",     "avenue", "rd",      "road", "blvd",   "boulevard", "dr",
    "drive", "cres",    "crescent", "ct",     "court",  "ln",      "lane", "way",    "pkwy",      "parkway",
    "hwy",   "highway", "sq",       "square", "ter",    "terrace", "cir",  "circle", "trail",     "quay"};
constexpr std::string_view kStreetBefore[] = {"rue", "boul", "boulevard", "avenue", "av", "chemin", "ch"};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Span {
  uint32_t from = 0, to = 0;  // words [from, to)
  const Entry* entry = nullptr;
  bool counts = false;  // a qualifier that counts where it stands (see code_fits)
  bool used = false;    // a qualifier beside some place
};

// The qualifiers written beside one place.
struct Chain {
  std::array<const Entry*, 4> items{};
  std::size_t size = 0;
  bool has_region() const {
    return std::any_of(items.begin(), items.begin() + size, [](const Entry* e) { return !e->region.empty(); });
  }
};

struct Candidate {
  uint32_t span, place;
};

// Per-thread buffers of find(), so that a call allocates nothing once warm.
struct Scratch {
  Words words;
  std::vector<const Entry*> one;  // the entry of each single word
  std::vector<Span> spans;
  std::vector<int> starts, ends;  // the span starting / ending at each word, or -1
  std::vector<Chain> chains;      // per span
  std::vector<Candidate> candidates;
  std::vector<std::string_view> regions, countries;  // named in the text
};

bool agrees(const Place& p, const Entry& q) {
  return (!q.region.empty() && q.region == p.region) || (!q.country.empty() && q.country == p.country);
}

// Takes a qualifier into one side of a chain, which holds one region and one
// country; "ca" (either) fills whichever is free.
bool take(const Entry& e, bool& region_free, bool& country_free) {
  bool& slot = e.region.empty() ? country_free : (e.country.empty() || region_free) ? region_free : country_free;
  if (!slot) return false;
  slot = false;
  return true;
}

bool contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::string Place::display() const { return name + ", " + (region.empty() ? country : region); }

struct Gazetteer::Impl {
  std::vector<Place> places;
  std::vector<int32_t> parent;  // the city of a neighbourhood, -1 for a city
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> index;

  const Entry* lookup(std::string_view key) const {
    const auto it = index.find(key);
    return it == index.end() ? nullptr : &it->second;
  }
  void build_index(const std::vector<std::vector<std::string>>& keys);
  const Place* find(std::string_view text, std::string_view region, std::string_view country) const;

 private:
  bool code_fits(const Scratch& s, const Span& sp) const;
  Chain chain(Scratch& s, const Span& sp) const;
  bool street(const Scratch& s, const Span& sp) const;
  bool better(const Scratch& s, uint32_t a, uint32_t b) const;
};

void Gazetteer::Impl::build_index(const std::vector<std::vector<std::string>>& keys) {
  for (uint32_t i = 0; i < keys.size(); ++i)
    for (const auto& k : keys[i]) index[k].places.push_back(i);
  for (const auto& q : detail::qualifiers()) {
    Entry& e = index[q.key];
    e.region = q.region;
    e.region_country = country_of_region(q.region);
    e.country = q.country;
    e.code = q.code;
    e.region_name = q.name;
  }
  for (auto w : kNoise) index[std::string(w)].noise = true;
  for (auto w : kStreetAfter) index[std::string(w)].street_after = true;
  for (auto w : kStreetBefore) index[std::string(w)].street_before = true;
  // The first word of every key knows how long a run to try from it.
  std::vector<std::pair<std::string, uint8_t>> firsts;
  for (const auto& [key, entry] : index) {
    const auto words = static_cast<uint8_t>(std::count(key.begin(), key.end(), ' ') + 1);
    firsts.emplace_back(key.substr(0, key.find(' ')), words);
  }
  for (auto& [first, words] : firsts) {
    Entry& e = index[first];
    e.longest = std::max(e.longest, words);
  }
}

bool Gazetteer::Impl::code_fits(const Scratch& s, const Span& sp) const {
  const Entry& e = *sp.entry;
  if (!e.qualifier()) return false;
  if (!e.code) return true;
  const auto& list = s.words.list;
  bool upper = true;
  for (auto k = sp.from; k < sp.to; ++k) upper &= list[k].upper;
  if (upper) return true;
  const std::size_t n = list.size();
  const bool before = sp.from == 0 || list[sp.from].gap >= Gap::dash;
  const bool after = sp.to == n || list[sp.to].gap >= Gap::dash || list[sp.to].digit ||
                     (s.starts[sp.to] >= 0 && s.spans[s.starts[sp.to]].entry->qualifier());
  return before && after;
}

Chain Gazetteer::Impl::chain(Scratch& s, const Span& sp) const {
  Chain c;
  const auto& list = s.words.list;
  const std::size_t n = list.size();
  auto add = [&](int j, bool& region_free, bool& country_free) {
    Span& q = s.spans[j];
    if (!q.counts || !take(*q.entry, region_free, country_free)) return false;
    q.used = true;
    c.items[c.size++] = q.entry;
    return true;
  };
  bool region_free = true, country_free = true;
  for (std::size_t p = sp.to; p < n;) {
    if (list[p].gap == Gap::stop) break;
    if (list[p].digit) {
      ++p;
      continue;
    }
    const int j = s.starts[p];
    if (j < 0) break;
    if (s.spans[j].entry->noise) {
      p = s.spans[j].to;
      continue;
    }
    if (!add(j, region_free, country_free)) break;
    p = s.spans[j].to;
  }
  region_free = country_free = true;
  for (std::size_t p = sp.from; p > 0;) {
    if (list[p].gap != Gap::dash && list[p].gap != Gap::comma) break;
    if (list[p - 1].digit) {
      --p;
      continue;
    }
    const int j = s.ends[p];
    if (j < 0) break;
    if (s.spans[j].entry->noise) {
      p = s.spans[j].from;
      continue;
    }
    if (!add(j, region_free, country_free)) break;
    p = s.spans[j].from;
  }
  return c;
}

bool Gazetteer::Impl::street(const Scratch& s, const Span& sp) const {
  const auto& list = s.words.list;
  if (sp.to < list.size() && list[sp.to].gap == Gap::space && s.one[sp.to] && s.one[sp.to]->street_after) {
    const int j = s.starts[sp.to];
    if (j < 0 || s.spans[j].entry->places.empty()) return true;  // not "St. Catharines"
  }
  return sp.from > 0 && list[sp.from].gap == Gap::space && s.one[sp.from - 1] && s.one[sp.from - 1]->street_before;
}

// Whether place a is a better reading of a name than place b.
bool Gazetteer::Impl::better(const Scratch& s, uint32_t a, uint32_t b) const {
  const Place &pa = places[a], &pb = places[b];
  const bool ra = contains(s.regions, pa.region), rb = contains(s.regions, pb.region);
  if (ra != rb) return ra;
  if ((parent[a] < 0) != (parent[b] < 0)) return parent[a] < 0;
  if (pa.population != pb.population) return pa.population > pb.population;
  return a < b;
}

const Place* Gazetteer::Impl::find(std::string_view text, std::string_view region, std::string_view country) const {
  thread_local Scratch s;
  Words& w = s.words;
  w.fold(text);
  const std::size_t n = w.size();
  if (n == 0) return nullptr;

  // The longest key at each position, left to right.
  s.one.assign(n, nullptr);
  for (std::size_t i = 0; i < n; ++i) s.one[i] = lookup(w.span(i, i + 1));
  s.spans.clear();
  s.starts.assign(n + 1, -1);
  s.ends.assign(n + 1, -1);
  for (std::size_t i = 0; i < n;) {
    const Entry* first = s.one[i];
    const Entry* best = nullptr;
    std::size_t len = 0;
    if (first) {
      for (std::size_t l = std::min<std::size_t>(first->longest, n - i); l >= 2 && !best; --l) {
        bool joined = true;  // a key runs over spaces and hyphens only
        for (std::size_t k = i + 1; k < i + l; ++k) joined &= w.list[k].gap <= Gap::dash;
        if (!joined) continue;
        if (const Entry* e = lookup(w.span(i, i + l)); e && e->meaningful()) best = e, len = l;
      }
      if (!best && first->meaningful()) best = first, len = 1;
    }
    if (!best) {
      ++i;
      continue;
    }
    s.starts[i] = s.ends[i + len] = static_cast<int>(s.spans.size());
    s.spans.push_back(Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), best});
    i += len;
  }
  for (auto& sp : s.spans) sp.counts = code_fits(s, sp);

  // The qualifiers beside each place, then the regions and countries the text names.
  s.chains.assign(s.spans.size(), Chain{});
  for (std::size_t k = 0; k < s.spans.size(); ++k)
    if (!s.spans[k].entry->places.empty()) s.chains[k] = chain(s, s.spans[k]);
  s.regions.clear();
  s.countries.clear();
  for (const auto& sp : s.spans) {
    const Entry& e = *sp.entry;
    if (!sp.counts || (e.code && !sp.used)) continue;
    if (!e.region.empty()) s.regions.push_back(e.region), s.countries.push_back(e.region_country);
    if (!e.country.empty()) s.countries.push_back(e.country);
  }

  s.candidates.clear();
  for (uint32_t k = 0; k < s.spans.size(); ++k) {
    const Span& sp = s.spans[k];
    const Entry& e = *sp.entry;
    if (e.places.empty() || street(s, sp)) continue;
    const Chain& c = s.chains[k];
    if (e.region_name && !c.has_region() && c.size > 0) continue;  // "Quebec, Canada": the province
    for (uint32_t id : e.places) {
      const Place& p = places[id];
      bool ok = (region.empty() || p.region == region) && (country.empty() || p.country == country) &&
                (s.countries.empty() || contains(s.countries, p.country));
      for (std::size_t q = 0; ok && q < c.size; ++q) ok = agrees(p, *c.items[q]);
      if (ok) s.candidates.push_back({k, id});
    }
  }
  if (s.candidates.empty()) return nullptr;

  // A neighbourhood named with its own city: "Port Credit, Mississauga".
  for (const auto& c : s.candidates)
    if (parent[c.place] >= 0)
      for (const auto& d : s.candidates)
        if (d.span != c.span && static_cast<int32_t>(d.place) == parent[c.place]) return &places[c.place];

  // The best reading of each name, then the first city, or the first name.
  const Place* first = nullptr;
  for (std::size_t i = 0; i < s.candidates.size();) {
    uint32_t best = s.candidates[i].place;
    std::size_t j = i + 1;
    for (; j < s.candidates.size() && s.candidates[j].span == s.candidates[i].span; ++j)
      if (better(s, s.candidates[j].place, best)) best = s.candidates[j].place;
    if (parent[best] < 0) return &places[best];
    if (!first) first = &places[best];
    i = j;
  }
  return first;
}

Gazetteer::Gazetteer() = default;
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

std::size_t Gazetteer::size() const { return impl_ ? impl_->places.size() : 0; }

const std::vector<Place>& Gazetteer::places() const {
  static const std::vector<Place> kNone;
  return impl_ ? impl_->places : kNone;
}

const Place* Gazetteer::find(std::string_view text) const { return impl_ ? impl_->find(text, {}, {}) : nullptr; }

const Place* Gazetteer::find(std::string_view city, std::string_view region, std::string_view country) const {
  if (!impl_) return nullptr;
  // A region field may hold a country ("Canada"); unknown words constrain nothing.
  std::string r = region_code(region), c = country_code(country);
  if (r.empty() && !region.empty()) {
    const std::string as_country = country_code(region);
    if (!as_country.empty() && !c.empty() && as_country != c) return nullptr;
    if (c.empty()) c = as_country;
  }
  if (!r.empty() && !c.empty() && country_of_region(r) != c) {
    // "CA" as a state and "Canada" as the country: California is not in Canada.
    if (r != "CA" || c != "CA") return nullptr;
    r.clear();
  }
  return impl_->find(city, r, c);
}

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer g = parse(detail::kDefaultPlacesYaml, "config/places.yaml (built in)");
  return g;
}

Gazetteer Gazetteer::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the gazetteer: " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

Gazetteer Gazetteer::parse(std::string_view yaml, const std::string& origin) {
  auto fail = [&](const YAML::Mark& mark, const std::string& what) {
    return std::runtime_error(origin + ":" + std::to_string(mark.line + 1) + ": " + what);
  };
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(origin + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap() || !root["places"])
    throw std::runtime_error(origin +
                             ":1: expected a map with a 'places:' list (see the header of config/places.yaml)");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key != "places") throw fail(kv.first.Mark(), "unknown key '" + key + "' (the file holds only 'places:')");
  }
  const YAML::Node list = root["places"];
  if (!list.IsSequence())
    throw fail(list.Mark(), "'places' must be a list of { name, region, country, lat, lon } entries");

  auto impl = std::make_unique<Impl>();
  std::vector<std::vector<std::string>> keys;
  std::vector<std::pair<std::string, YAML::Mark>> within;          // each entry's `in`
  std::unordered_map<std::string, std::pair<uint32_t, int>> seen;  // folded name + region -> (place, line)

  auto text = [&](const YAML::Node& entry, const char* key, bool required) -> std::string {
    const YAML::Node v = entry[key];
    if (!v) {
      if (required) throw fail(entry.Mark(), std::string("a place has no '") + key + "'");
      return {};
    }
    if (!v.IsScalar() || v.Scalar().empty())
      throw fail(v.Mark(), std::string("'") + key + "' must be a non-empty string");
    return v.Scalar();
  };
  auto number = [&](const YAML::Node& entry, const char* key, double low, double high) {
    const YAML::Node v = entry[key];
    if (!v) throw fail(entry.Mark(), std::string("a place has no '") + key + "'");
    double d = 0;
    try {
      d = v.as<double>();
    } catch (const YAML::Exception&) {
      throw fail(v.Mark(), std::string("'") + key + "' must be a number, not '" + v.Scalar() + "'");
    }
    if (!std::isfinite(d) || d < low || d > high)
      throw fail(v.Mark(), std::string("'") + key + "' must be between " + std::to_string(static_cast<int>(low)) +
                               " and " + std::to_string(static_cast<int>(high)));
    return d;
  };

  for (const auto& entry : list) {
    if (!entry.IsMap())
      throw fail(entry.Mark(),
                 "each place must be a map such as {name: Toronto, region: ON, country: CA, lat: 43.65, lon: -79.38}");
    for (const auto& kv : entry) {
      const std::string key = kv.first.as<std::string>();
      static const std::string_view kKeys[] = {"name", "region", "country", "lat", "lon", "pop", "aliases", "in"};
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
        throw fail(kv.first.Mark(), "unknown key '" + key + "' (name, region, country, lat, lon, pop, aliases, in)");
    }
    Place p;
    p.name = text(entry, "name", true);
    p.region = text(entry, "region", true);
    p.country = text(entry, "country", true);
    const std::string home = country_of_region(p.region);
    if (home.empty())
      throw fail(entry["region"].Mark(),
                 "unknown region '" + p.region + "' (a Canadian province or territory code, a US state code or DC)");
    if (home != p.country)
      throw fail(entry["country"].Mark(), "region " + p.region + " is in " + home + ", not '" + p.country + "'");
    p.lat = number(entry, "lat", -90, 90);
    p.lon = number(entry, "lon", -180, 180);
    if (const YAML::Node pop = entry["pop"]) {
      try {
        p.population = pop.as<long>();
      } catch (const YAML::Exception&) {
        throw fail(pop.Mark(), "'pop' must be a whole number, not '" + pop.Scalar() + "'");
      }
      if (p.population < 0) throw fail(pop.Mark(), "'pop' must not be negative");
    }

    const auto id = static_cast<uint32_t>(impl->places.size());
    std::vector<std::string> own;
    auto add_key = [&](const std::string& spelling, const YAML::Mark& mark) {
      std::string key = detail::folded(spelling);
      if (key.empty()) throw fail(mark, "'" + spelling + "' has no letters or digits");
      if (std::find(own.begin(), own.end(), key) == own.end()) own.push_back(std::move(key));
    };
    add_key(p.name, entry["name"].Mark());
    const auto [it, fresh] = seen.try_emplace(own.front() + "|" + p.region, id, entry.Mark().line + 1);
    if (!fresh)
      throw fail(entry["name"].Mark(),
                 "'" + p.display() + "' is listed twice (first on line " + std::to_string(it->second.second) + ")");
    if (const YAML::Node aliases = entry["aliases"]) {
      if (!aliases.IsSequence())
        throw fail(aliases.Mark(), "'aliases' must be a list, e.g. [GTA, Greater Toronto Area]");
      for (const auto& a : aliases) {
        if (!a.IsScalar() || a.Scalar().empty()) throw fail(a.Mark(), "each alias must be a non-empty string");
        add_key(a.Scalar(), a.Mark());
      }
    }
    within.emplace_back(entry["in"] ? text(entry, "in", false) : std::string{},
                        entry["in"] ? entry["in"].Mark() : entry.Mark());
    keys.push_back(std::move(own));
    impl->places.push_back(std::move(p));
  }

  // A neighbourhood's city: an entry of the same region that is not itself a neighbourhood.
  impl->parent.assign(impl->places.size(), -1);
  for (std::size_t i = 0; i < within.size(); ++i) {
    const auto& [city, mark] = within[i];
    if (city.empty()) continue;
    Place& p = impl->places[i];
    const auto it = seen.find(detail::folded(city) + "|" + p.region);
    if (it == seen.end() || !within[it->second.first].first.empty())
      throw fail(mark, "'in: " + city + "' of '" + p.name + "' names no city of " + p.region + " in this file");
    impl->parent[i] = static_cast<int32_t>(it->second.first);
    p.within = impl->places[it->second.first].name;
  }
  impl->build_index(keys);
  Gazetteer g;
  g.impl_ = std::move(impl);
  return g;
}

double distance_km(const Place& a, const Place& b) {
  constexpr double kEarthKm = 6371.0, kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace aj::geo
