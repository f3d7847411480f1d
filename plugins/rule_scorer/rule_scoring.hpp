// Stage-1 scoring of one posting against a person's preferences: six weighted
// factors (title, company, location, job type, salary, experience), hard
// filters, the decision, and the breakdown JSON every scorer shares (README.md
// has the rules). Pure: no host, no I/O, no JSON parse per posting, so tests
// and bench/score call it directly.
#ifndef AJ_PLUGINS_RULE_SCORER_RULE_SCORING_HPP
#define AJ_PLUGINS_RULE_SCORER_RULE_SCORING_HPP

#include "money.hpp"
#include "profile.hpp"

#include <geo/gazetteer.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::rule_scoring {

/// The fields of a posting the rules read (views into the caller's record,
/// valid during score()); an empty view or optional is "not given".
struct Posting {
  std::string_view title, company, company_industry;
  std::string_view location;             // as displayed: "Toronto, ON, Canada"
  std::string_view city, state, country;
  std::string_view job_type;             // fulltime, parttime, contract, internship, temporary, or free text
  std::string_view work_arrangement;     // remote | hybrid | onsite
  std::optional<bool> is_remote;
  std::optional<double> min_amount, max_amount, annual_min, annual_max;
  std::string_view interval;             // hourly, daily, weekly, monthly, yearly
  std::string_view currency;             // ISO 4217
  std::string_view job_level;            // entry|mid|senior|expert, or LinkedIn's words
  std::optional<double> experience_min_years;
  std::string_view french;               // required | asset | none
  std::string_view language;             // "en", "fr"
  std::string_view description;          // plain text
};

struct Weights {
  double title = 30, company = 15, location = 20, job_type = 10, salary = 15, experience = 10;
};

struct Thresholds {
  double apply = 70, review = 45;
};

/// How scoring counts: the pipeline's settings, not the person's.
struct Settings {
  Weights weights;
  Thresholds thresholds;
  Rates usd_per_unit = default_usd_per_unit();
  const geo::Gazetteer* places = nullptr;  // nullptr: geo::Gazetteer::builtin()
};

/// What is wrong with the settings (weights >= 0 summing to 100, 0 <= review
/// <= apply <= 100), or "".
std::string validate(const Settings& settings);

/// Settings from the pipeline's maps as JSON text, each possibly empty (its
/// defaults); keys a map leaves out keep their defaults. Throws
/// std::runtime_error naming the key ("weights.titel: not a factor; ...").
Settings settings_from_json(std::string_view weights, std::string_view thresholds, std::string_view usd_per_unit);

enum class FilterId { blocked_company, blocked_industry, french, too_senior, not_authorised, avoid_keyword, must_have_keyword };
inline constexpr std::size_t kFilterCount = 7;
const char* filter_name(FilterId id);

struct Filter {
  FilterId id;
  std::string reason;  // one line
};

struct Factor {
  const char* name;   // title, company, location, job_type, salary, experience
  double points = 0;  // rounded to 1 decimal
  double max = 0;     // the factor's weight
  std::string reason; // one line ending ": points/max"
};

struct Score {
  double total = 0;     // round1(100 * points / max); 0 when filtered
  std::string decision; // apply | review | skip
  double points = 0, max = 0;
  Thresholds thresholds;
  std::vector<Filter> filters;  // hard filters that hit; any makes the decision skip
  std::vector<Factor> factors;  // the six, in the order above
};

/// Scores one posting. Missing inputs give a factor half its weight and a
/// reason that starts "unknown".
Score score(const Posting& posting, const Preferences& prefs, const Settings& settings);

/// "apply" when total >= apply, "review" when total >= review, else "skip".
const char* decide(double total, const Thresholds& thresholds);

/// The breakdown object of the scoring contract (version 1, method
/// "rule_based", factors with stage 1, no "skills").
std::string breakdown_json(const Score& score);

/// Counts for the run summary: "12 scored: 3 apply, 4 review, 5 skip;
/// filtered: french 2, too_senior 1".
class Tally {
 public:
  void add(const Score& score);
  std::string line() const;

 private:
  std::uint64_t scored_ = 0, apply_ = 0, review_ = 0, skip_ = 0;
  std::array<std::uint64_t, kFilterCount> filtered_{};
};

}  // namespace aj::rule_scoring

#endif
