// What several factors and filters need to know about one posting (its level,
// arrangement, place, country, comparable names), worked out once per posting.
// Internal to the rule_scoring library.
#ifndef AJ_PLUGINS_RULE_SCORER_FACTS_HPP
#define AJ_PLUGINS_RULE_SCORER_FACTS_HPP

#include "profile.hpp"
#include "rule_scoring.hpp"

#include <geo/gazetteer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace aj::rule_scoring {

enum class Arrangement { unknown, remote, hybrid, onsite };
const char* arrangement_name(Arrangement a);

struct Facts {
  std::optional<Level> level;        // job_level (the extractor's or LinkedIn's words), else the title's words
  Arrangement arrangement = Arrangement::unknown;  // work_arrangement, else remote when is_remote
  unsigned job_types = 0;            // JobType bits read from job_type; 0: unknown
  const geo::Place* place = nullptr; // from city/state/country, else the location text
  std::string where;                 // the place as reasons name it ("Ottawa, ON"), "" when none given
  std::string city, region;          // folded city and region code, for places without coordinates
  std::string country;               // ISO 3166 alpha-2, or "" when unknown
  std::vector<std::string> company, industry;  // text.hpp name_words
};

Facts facts_of(const Posting& posting, const geo::Gazetteer& places);

/// A level from a title's words: intern/junior/trainee/graduate and a trailing
/// "I" -> entry; intermediate/mid/"II" -> mid; senior/sr/lead/"III"/"IV" ->
/// senior; principal/director/head/vp/chief, and staff before an engineering
/// word -> expert. The highest wins ("Senior Director" is expert).
std::optional<Level> level_of_title(std::string_view title);

}  // namespace aj::rule_scoring

#endif
