// The person's preferences as the rules use them, read from the profile's JSON
// (JSON Resume plus `preferences`, config/profile.example.yaml) once, with
// every list folded and tokenised here so that scoring a posting does not.
#ifndef AJ_PLUGINS_RULE_SCORER_PROFILE_HPP
#define AJ_PLUGINS_RULE_SCORER_PROFILE_HPP

#include <geo/gazetteer.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::rule_scoring {

/// A calendar day; functions take "today" as one so tests are deterministic.
struct Date {
  int year = 1970, month = 1, day = 1;
};

/// The extractor's levels, in order.
enum class Level { entry, mid, senior, expert };
const char* level_name(Level level);
/// "entry" | "mid" | "senior" | "expert"; nullopt for anything else.
std::optional<Level> parse_level(std::string_view text);

enum class Remote { any, remote, hybrid, onsite };
const char* remote_name(Remote remote);

/// Employment types as bits, so a posting's (possibly several) types test
/// against the wanted ones in one AND.
enum JobType : unsigned { fulltime = 1, parttime = 2, contract = 4, internship = 8, temporary = 16 };
const char* job_type_name(unsigned type);  // the name of one bit

/// A company or industry name as written, and as compared (text.hpp name_words).
struct Name {
  std::string text;
  std::vector<std::string> words;
};

/// A keyword as written, and folded for has_phrase.
struct Keyword {
  std::string text;
  std::string folded;
};

struct PreferredPlace {
  std::string text;         // "Mississauga, ON", as written
  double radius_km = 25;
  std::optional<geo::Place> place;  // when the gazetteer knows it
  std::string city;         // folded first part ("mississauga"), for places without coordinates
  std::string region;       // province/state code ("ON"), or ""
};

struct Preferences {
  std::vector<std::string> titles;                    // as written, for reasons
  std::vector<std::vector<std::string>> title_words;  // text.hpp title_words of each
  std::vector<Level> seniority;                       // in order, each once
  std::vector<PreferredPlace> locations;
  Remote remote = Remote::any;                        // missing: any
  unsigned job_types = 0;                             // JobType bits; 0: not stated
  std::optional<double> salary_floor, salary_target;  // per year; floor defaults to 0.6 x target
  std::string currency = "CAD";
  std::vector<Name> preferred_companies, blocked_companies, preferred_industries, blocked_industries;
  std::vector<Keyword> must_have, avoid;
  std::vector<std::string> work_authorization;  // ISO 3166 alpha-2, upper case
  std::optional<double> years_experience;       // stated, or counted from work[] (1 decimal)
  std::vector<std::string> languages;           // ISO 639-1 codes of the languages spoken
  bool languages_listed = false;                // the profile has a languages[] entry

  bool speaks(std::string_view code) const;
};

/// Reads the profile JSON. Missing keys keep the defaults above; a value of the
/// wrong type or outside its choices throws std::runtime_error naming the key
/// path ("preferences.salary.target: expected a number"). Preferred places are
/// looked up in `places` here, once.
Preferences parse_profile(std::string_view json, Date today,
                          const geo::Gazetteer& places = geo::Gazetteer::builtin());

/// A work[] entry's dates: YYYY, YYYY-MM or YYYY-MM-DD; an empty end is today.
struct Period {
  std::string start, end;
};

/// Years worked over the periods (a start is the first day of its month or
/// year, an end the last), overlapping periods counted once, rounded to 1
/// decimal; nullopt when no period has a valid start.
std::optional<double> years_worked(const std::vector<Period>& periods, Date today);

}  // namespace aj::rule_scoring

#endif
