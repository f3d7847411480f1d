// Stage 2 of scoring: how well the person's skills cover what a posting asks
// for. Both sides are read as canonical skills of the taxonomy
// (config/skills.yaml); each skill of the posting weighs by BM25 (IDF from
// frequencies.hpp, saturated term frequency, length normalisation), a
// nice-to-have one half as much, and the score is the share of that weight
// the person has (README.md gives the formula). Pure: no host, no I/O.
#ifndef AJ_PLUGINS_TEXT_SCORER_TEXT_MATCHING_HPP
#define AJ_PLUGINS_TEXT_SCORER_TEXT_MATCHING_HPP

#include "extract/skills.hpp"
#include "frequencies.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aj::text_matching {

struct Settings {
  double k1 = 1.2;           // term-frequency saturation
  double b = 0.75;           // length normalisation against the average posting
  double nice_weight = 0.5;  // a nice-to-have skill against a required one (1)
};

/// How strongly the person's profile shows each skill: 1 listed under
/// skills, 0.8 named in work, projects or certificates, 0.6 only in the
/// label, summary or field of study; 0 not at all.
struct Resume {
  std::vector<float> strength;  // by taxonomy index
  std::size_t terms = 0;        // skills with a strength above 0
};

struct Posting {
  std::string_view title;
  std::string_view description;
  std::vector<std::string_view> skills;  // canonical names; read only when there is no description
};

/// One skill the posting names.
struct Term {
  uint32_t skill = 0;  // taxonomy index
  uint32_t tf = 0;     // mentions in the title and description
  bool must = true;    // false: named only in nice-to-have clauses
  double weight = 0;   // BM25 weight, halved when nice to have
  double have = 0;     // the person's strength
};

struct Match {
  bool scored = false;  // false: no description and no skills, so no stage-2 factor
  bool known = false;   // the posting names a skill of the taxonomy
  double score = 0;     // 0-1; 0.5 when !known
  std::vector<Term> terms;  // heaviest first
  std::vector<std::string> must_matched, must_missing, nice_matched, nice_missing;  // in that order too
};

/// One worker's buffers, reused from posting to posting.
struct Scratch {
  std::vector<ajx::Taxonomy::Hit> hits;
  std::vector<uint32_t> tf;     // by taxonomy index, zeroed after each posting
  std::vector<uint8_t> must;    // the same
  std::vector<uint32_t> named;  // the skills a posting names, in order of first mention
};

/// The message of the error a profile without any skill gives.
extern const char* const kNoSkills;

class Matcher {
 public:
  Matcher(ajx::Taxonomy taxonomy, const Frequencies& frequencies, Settings settings = {});

  /// The person's skills from the profile JSON (JSON Resume keys; preferences
  /// are not read). Throws std::invalid_argument when the text is not a JSON
  /// object, or with kNoSkills when it names no skill of the taxonomy.
  Resume resume(std::string_view profile_json) const;

  Match match(const Resume& person, const Posting& posting, Scratch& scratch) const;

  const ajx::Taxonomy& taxonomy() const { return taxonomy_; }

 private:
  ajx::Taxonomy taxonomy_;
  std::vector<double> idf_;  // by taxonomy index
  double average_words_;
  Settings settings_;
};

/// The "skills" factor of the breakdown: weight x score rounded to one
/// decimal, and its reason, one line ending in ": points/weight".
struct Factor {
  double points = 0;
  double max = 0;
  std::string reason;
};
Factor factor(const Match& m, double weight);

/// A number as reasons print it: rounded to one decimal, "13" or "12.5".
std::string points_text(double value);

}  // namespace aj::text_matching

#endif
