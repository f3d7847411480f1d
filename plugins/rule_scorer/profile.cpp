// Reading the profile JSON into Preferences. The host has already checked the
// profile against its schema, but tests and other callers hand JSON in
// directly, so every value is checked again and named by its key path.
#include "profile.hpp"

#include "text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace aj::rule_scoring {
namespace {

namespace json = boost::json;

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

std::string at_index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// The member `key` of an object, or nullptr when it is missing or null.
const json::value* member(const json::object* o, std::string_view key) {
  if (!o) return nullptr;
  const json::value* v = o->if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

const json::object* object_at(const json::value* v, const std::string& path) {
  if (!v) return nullptr;
  if (!v->is_object()) bad(path, "expected an object");
  return &v->get_object();
}

const json::array* array_at(const json::value* v, const std::string& path) {
  if (!v) return nullptr;
  if (!v->is_array()) bad(path, "expected a list");
  return &v->get_array();
}

std::optional<std::string> string_at(const json::value* v, const std::string& path) {
  if (!v) return std::nullopt;
  if (!v->is_string()) bad(path, "expected a string");
  return std::string(v->get_string());
}

std::optional<double> number_at(const json::value* v, const std::string& path) {
  if (!v) return std::nullopt;
  if (!v->is_number()) bad(path, "expected a number");
  return v->to_number<double>();
}

// A list of strings; a single string is a list of one, as in the YAML.
std::vector<std::string> strings_at(const json::value* v, const std::string& path) {
  std::vector<std::string> out;
  if (v && v->is_string()) {
    out.emplace_back(v->get_string());
    return out;
  }
  if (const json::array* a = array_at(v, path))
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(*string_at(&(*a)[i], at_index(path, i)));
  return out;
}

// ---- dates -------------------------------------------------------------------

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The first and last day (as day numbers) of "YYYY", "YYYY-MM" or "YYYY-MM-DD".
std::optional<std::pair<long, long>> span_of(std::string_view s) {
  const bool shape = (s.size() == 4 || (s.size() == 7 && s[4] == '-') || (s.size() == 10 && s[4] == '-' && s[7] == '-'));
  if (!shape || !digits(s.substr(0, 4)) || (s.size() >= 7 && !digits(s.substr(5, 2))) ||
      (s.size() == 10 && !digits(s.substr(8, 2))))
    return std::nullopt;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  if (s.size() == 4) return std::pair{days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)};
  const int m = std::stoi(std::string(s.substr(5, 2)));
  if (m < 1 || m > 12) return std::nullopt;
  if (s.size() == 7) return std::pair{days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))};
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return std::pair{days_from_civil(y, m, d), days_from_civil(y, m, d)};
}

// A date as the YAML may leave it: "2021-03", or a bare year, which is a number.
std::optional<std::string> date_at(const json::value* v, const std::string& path) {
  if (!v) return std::nullopt;
  std::string s = v->is_int64() ? std::to_string(v->get_int64()) : *string_at(v, path);
  if (!span_of(s)) bad(path, "'" + s + "' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD");
  return s;
}

// ---- choices -----------------------------------------------------------------

std::optional<Remote> parse_remote(std::string_view s) {
  for (Remote r : {Remote::any, Remote::remote, Remote::hybrid, Remote::onsite})
    if (s == remote_name(r)) return r;
  return std::nullopt;
}

unsigned parse_job_type(std::string_view s) {
  for (unsigned bit = fulltime; bit <= temporary; bit <<= 1)
    if (s == job_type_name(bit)) return bit;
  return 0;
}

// A language's ISO 639-1 code from its English or French name or its code.
std::string language_code(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"english", "en"},   {"anglais", "en"},    {"french", "fr"},     {"francais", "fr"},  {"spanish", "es"},
      {"espagnol", "es"},  {"espanol", "es"},    {"german", "de"},     {"allemand", "de"},  {"deutsch", "de"},
      {"portuguese", "pt"}, {"portugais", "pt"}, {"italian", "it"},    {"italien", "it"},   {"chinese", "zh"},
      {"chinois", "zh"},   {"mandarin", "zh"},   {"cantonese", "zh"},  {"hindi", "hi"},     {"punjabi", "pa"},
      {"arabic", "ar"},    {"arabe", "ar"},      {"tagalog", "tl"},    {"filipino", "tl"},  {"urdu", "ur"},
      {"russian", "ru"},   {"russe", "ru"},      {"korean", "ko"},     {"japanese", "ja"},  {"vietnamese", "vi"},
      {"polish", "pl"},    {"persian", "fa"},    {"farsi", "fa"},      {"tamil", "ta"},     {"gujarati", "gu"},
      {"dutch", "nl"},     {"ukrainian", "uk"},  {"greek", "el"},      {"turkish", "tr"},   {"bengali", "bn"},
  };
  const std::vector<std::string> w = words(name);
  if (w.empty()) return {};
  for (const auto& [n, code] : kNames)
    if (w.front() == n) return std::string(code);
  return w.front();  // a code ("fr") or a language this table does not know
}

// Fluency words that mean "not enough to work in".
bool spoken(std::string_view fluency) {
  const std::string f = fold(fluency);
  for (std::string_view weak : {"elementary", "elementaire", "beginner", "debutant", "basic", "limited", "notions"})
    if (f.find(weak) != std::string::npos) return false;
  return true;
}

std::vector<Name> names_at(const json::value* v, const std::string& path) {
  std::vector<Name> out;
  for (std::string& text : strings_at(v, path)) {
    std::vector<std::string> w = name_words(text);
    if (!w.empty()) out.push_back(Name{one_line(text), std::move(w)});
  }
  return out;
}

std::vector<Keyword> keywords_at(const json::value* v, const std::string& path) {
  std::vector<Keyword> out;
  for (std::string& text : strings_at(v, path)) {
    std::string spaced, folded;  // has_phrase wants single spaces, trimmed
    fold_for_search(spaced, text);
    for (char c : spaced)
      if (c != ' ' || (!folded.empty() && folded.back() != ' ')) folded.push_back(c);
    if (!folded.empty() && folded.back() == ' ') folded.pop_back();
    if (!folded.empty()) out.push_back(Keyword{one_line(text), std::move(folded)});
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

PreferredPlace place_at(const json::value& v, const std::string& path, const geo::Gazetteer& places) {
  PreferredPlace p;
  if (v.is_string()) {
    p.text = one_line(v.get_string());
  } else {
    const json::object* o = object_at(&v, path);
    auto text = string_at(member(o, "place"), path + ".place");
    if (!text) bad(path + ".place", "missing; write the place as \"City, PROV\"");
    p.text = one_line(*text);
    if (auto r = number_at(member(o, "radius_km"), path + ".radius_km")) {
      if (*r < 0) bad(path + ".radius_km", "must be 0 or more");
      p.radius_km = *r;
    }
  }
  if (const geo::Place* found = places.find(p.text)) {
    p.place = *found;
    p.city = fold(found->name);
    p.region = found->region;
    return p;
  }
  const std::string_view text = p.text;
  const std::size_t comma = text.find(',');
  p.city = fold(trimmed(text.substr(0, comma)));
  if (comma != std::string_view::npos) {
    std::string_view rest = text.substr(comma + 1);
    p.region = geo::region_code(trimmed(rest.substr(0, rest.find(','))));
  }
  return p;
}

void read_preferences(const json::object* prefs, Preferences& p, const geo::Gazetteer& places) {
  const std::string root = "preferences";
  for (std::string& title : strings_at(member(prefs, "titles"), root + ".titles")) {
    std::vector<std::string> w = title_words(title);
    if (w.empty()) continue;
    p.titles.push_back(one_line(title));
    p.title_words.push_back(std::move(w));
  }

  const std::vector<std::string> levels = strings_at(member(prefs, "seniority"), root + ".seniority");
  for (std::size_t i = 0; i < levels.size(); ++i) {
    auto level = parse_level(levels[i]);
    if (!level) bad(at_index(root + ".seniority", i), "'" + levels[i] + "' is not one of entry, mid, senior, expert");
    p.seniority.push_back(*level);
  }
  std::sort(p.seniority.begin(), p.seniority.end());
  p.seniority.erase(std::unique(p.seniority.begin(), p.seniority.end()), p.seniority.end());

  if (const json::array* a = array_at(member(prefs, "locations"), root + ".locations"))
    for (std::size_t i = 0; i < a->size(); ++i)
      if (!(*a)[i].is_null()) p.locations.push_back(place_at((*a)[i], at_index(root + ".locations", i), places));

  if (auto remote = string_at(member(prefs, "remote"), root + ".remote")) {
    auto r = parse_remote(*remote);
    if (!r) bad(root + ".remote", "'" + *remote + "' is not one of remote, hybrid, onsite, any");
    p.remote = *r;
  }

  const std::vector<std::string> types = strings_at(member(prefs, "job_types"), root + ".job_types");
  for (std::size_t i = 0; i < types.size(); ++i) {
    const unsigned bit = parse_job_type(types[i]);
    if (!bit)
      bad(at_index(root + ".job_types", i),
          "'" + types[i] + "' is not one of fulltime, parttime, contract, internship, temporary");
    p.job_types |= bit;
  }

  const std::string salary_path = root + ".salary";
  if (const json::object* salary = object_at(member(prefs, "salary"), salary_path)) {
    p.salary_target = number_at(member(salary, "target"), salary_path + ".target");
    p.salary_floor = number_at(member(salary, "floor"), salary_path + ".floor");
    if (p.salary_target && *p.salary_target <= 0) bad(salary_path + ".target", "must be above 0");
    if (p.salary_floor && *p.salary_floor < 0) bad(salary_path + ".floor", "must be 0 or more");
    if (p.salary_floor && !p.salary_target) bad(salary_path, "a floor needs a target");
    if (p.salary_floor && *p.salary_floor >= *p.salary_target) bad(salary_path + ".floor", "must be below the target");
    if (p.salary_target && !p.salary_floor) p.salary_floor = 0.6 * *p.salary_target;
    if (auto currency = string_at(member(salary, "currency"), salary_path + ".currency")) {
      std::string code;
      for (char c : *currency) code.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
      if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        bad(salary_path + ".currency", "'" + *currency + "' is not an ISO 4217 code (CAD, USD, EUR)");
      p.currency = code;
    }
  }

  for (const char* list : {"companies", "industries"}) {
    const std::string path = root + "." + list;
    const json::object* o = object_at(member(prefs, list), path);
    const bool companies = list == std::string_view("companies");
    (companies ? p.preferred_companies : p.preferred_industries) = names_at(member(o, "preferred"), path + ".preferred");
    (companies ? p.blocked_companies : p.blocked_industries) = names_at(member(o, "blocked"), path + ".blocked");
  }

  const std::string keywords_path = root + ".keywords";
  const json::object* keywords = object_at(member(prefs, "keywords"), keywords_path);
  p.must_have = keywords_at(member(keywords, "must_have"), keywords_path + ".must_have");
  p.avoid = keywords_at(member(keywords, "avoid"), keywords_path + ".avoid");

  const std::vector<std::string> countries =
      strings_at(member(prefs, "work_authorization"), root + ".work_authorization");
  for (std::size_t i = 0; i < countries.size(); ++i) {
    std::string code = geo::country_code(countries[i]);
    if (code.empty() && countries[i].size() == 2 && std::isalpha(static_cast<unsigned char>(countries[i][0])) &&
        std::isalpha(static_cast<unsigned char>(countries[i][1])))
      for (char c : countries[i]) code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (code.empty())
      bad(at_index(root + ".work_authorization", i),
          "'" + countries[i] + "' is not a country code; write CA for Canada, US for the United States");
    p.work_authorization.push_back(std::move(code));
  }

  if (auto years = number_at(member(prefs, "years_experience"), root + ".years_experience")) {
    if (*years < 0) bad(root + ".years_experience", "must be 0 or more");
    p.years_experience = *years;
  }
}

}  // namespace

const char* level_name(Level level) {
  switch (level) {
    case Level::entry: return "entry";
    case Level::mid: return "mid";
    case Level::senior: return "senior";
    case Level::expert: return "expert";
  }
  return "entry";
}

std::optional<Level> parse_level(std::string_view text) {
  for (Level l : {Level::entry, Level::mid, Level::senior, Level::expert})
    if (text == level_name(l)) return l;
  return std::nullopt;
}

const char* remote_name(Remote remote) {
  switch (remote) {
    case Remote::any: return "any";
    case Remote::remote: return "remote";
    case Remote::hybrid: return "hybrid";
    case Remote::onsite: return "onsite";
  }
  return "any";
}

const char* job_type_name(unsigned type) {
  switch (type) {
    case fulltime: return "fulltime";
    case parttime: return "parttime";
    case contract: return "contract";
    case internship: return "internship";
    case temporary: return "temporary";
  }
  return "";
}

bool Preferences::speaks(std::string_view code) const {
  return std::find(languages.begin(), languages.end(), code) != languages.end();
}

std::optional<double> years_worked(const std::vector<Period>& periods, Date today) {
  const long now = days_from_civil(today.year, today.month, today.day);
  std::vector<std::pair<long, long>> spans;  // [first, last + 1)
  for (const Period& period : periods) {
    auto start = span_of(period.start);
    if (!start) continue;
    long last = now;
    if (!period.end.empty()) {
      auto end = span_of(period.end);
      if (!end) continue;
      last = std::min(end->second, now);
    }
    if (start->first <= last) spans.emplace_back(start->first, last + 1);
  }
  if (spans.empty()) return std::nullopt;
  std::sort(spans.begin(), spans.end());
  long days = 0, covered_to = spans.front().first;
  for (const auto& [from, to] : spans) {
    const long begin = std::max(from, covered_to);
    if (to > begin) days += to - begin;
    covered_to = std::max(covered_to, to);
  }
  return std::round(static_cast<double>(days) / 365.2425 * 10) / 10;
}

Preferences parse_profile(std::string_view text, Date today, const geo::Gazetteer& places) {
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) throw std::runtime_error("the profile is not JSON: " + ec.message());
  if (!doc.is_object()) throw std::runtime_error("the profile is not a JSON object");
  const json::object* root = &doc.get_object();

  Preferences p;
  read_preferences(object_at(member(root, "preferences"), "preferences"), p, places);

  if (!p.years_experience) {
    std::vector<Period> periods;
    if (const json::array* work = array_at(member(root, "work"), "work")) {
      for (std::size_t i = 0; i < work->size(); ++i) {
        const std::string path = at_index("work", i);
        const json::object* job = object_at(&(*work)[i], path);
        Period period;
        period.start = date_at(member(job, "startDate"), path + ".startDate").value_or("");
        period.end = date_at(member(job, "endDate"), path + ".endDate").value_or("");
        periods.push_back(std::move(period));
      }
    }
    p.years_experience = years_worked(periods, today);
  }

  if (const json::array* languages = array_at(member(root, "languages"), "languages")) {
    for (std::size_t i = 0; i < languages->size(); ++i) {
      const std::string path = at_index("languages", i);
      const json::object* entry = object_at(&(*languages)[i], path);
      auto language = string_at(member(entry, "language"), path + ".language");
      if (!language) continue;
      p.languages_listed = true;
      auto fluency = string_at(member(entry, "fluency"), path + ".fluency");
      std::string code = language_code(*language);
      if (!code.empty() && (!fluency || spoken(*fluency)) && !p.speaks(code)) p.languages.push_back(std::move(code));
    }
  }
  return p;
}

}  // namespace aj::rule_scoring
