// Rule-based scoring of one posting against a person's preferences: six
// factors with PRODUCT.md's weights (title 30, company 15, location 20,
// job type 10, salary 15, experience 10) and its thresholds (apply >= 70,
// review >= 45, else skip). Pure: no host, no I/O, so tests call it directly.
//
// Points per factor, as a share of its weight W (a missing input: W/2, "unknown"):
//  title      best share of a target title's words found in the job title; a
//             seniority word (senior/sr, lead, principal, staff, director, head,
//             vp) that no target has costs W/3.
//  company    preferred company (whole words, any case) W; preferred industry
//             2W/3; otherwise W/3.
//  location   remote job and remote_preference remote|any: W; the text names a
//             target's city: W; same province (Ontario = ON) or country: W/2; else 0.
//  job_type   preference remote|hybrid: remote W, hybrid .7W, onsite .4W;
//             preference any|onsite: fulltime W, anything else .6W.
//  salary     max (else min) annualised (hourly x2080, daily x260, weekly x52,
//             monthly x12): W at the target, 0 at 60% of it, linear between;
//             another currency than salary_currency: W/2.
//  experience W when experience_min_years <= years_experience, minus .3W per
//             year beyond, floored at 0.
#ifndef AJ_PLUGINS_RULE_SCORER_RULE_SCORING_HPP
#define AJ_PLUGINS_RULE_SCORER_RULE_SCORING_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::rule_scoring {

/// The fields of a posting the rules read; an empty optional is "not given".
struct Posting {
  std::optional<std::string> title;
  std::optional<std::string> company;
  std::optional<std::string> company_industry;
  std::optional<std::string> location;  // as displayed: "Toronto, ON, Canada"
  std::optional<std::string> city, state, country;
  std::optional<std::string> job_type;          // fulltime, parttime, contract, ...
  std::optional<std::string> work_arrangement;  // remote | hybrid | onsite
  std::optional<std::string> work_from_home_type;
  std::optional<bool> is_remote;
  std::optional<double> min_amount, max_amount;
  std::optional<std::string> interval;  // hourly, daily, weekly, monthly, yearly
  std::optional<std::string> currency;
  std::optional<std::int64_t> experience_min_years;
};

enum class RemotePreference { Any, Remote, Hybrid, Onsite };

/// "any" | "remote" | "hybrid" | "onsite"; nullopt for anything else.
std::optional<RemotePreference> parse_remote_preference(std::string_view text);

struct Weights {
  double title = 30, company = 15, location = 20, job_type = 10, salary = 15, experience = 10;
};

struct Thresholds {
  double apply = 70, review = 45;
};

struct Preferences {
  std::vector<std::string> target_titles;
  std::vector<std::string> preferred_companies;
  std::vector<std::string> preferred_industries;
  std::vector<std::string> locations;  // "Mississauga, ON" or "City, PROV, Country"
  RemotePreference remote_preference = RemotePreference::Any;
  std::optional<double> salary_target;  // annual
  std::string salary_currency = "CAD";
  std::optional<std::int64_t> years_experience;
  Weights weights;
  Thresholds thresholds;
};

/// What is wrong with the preferences (weights must be >= 0 and sum to 100;
/// 0 <= review <= apply <= 100; ...), or an empty string.
std::string validate(const Preferences& prefs);

struct Factor {
  std::string name;  // title, company, location, job_type, salary, experience
  double points = 0; // rounded to 1 decimal
  double max = 0;    // the factor's weight
  std::string reason;
};

struct Score {
  double total = 0;  // 0-100, the sum of the factors' rounded points
  std::string decision;
  std::vector<Factor> factors;  // in the order above
};

/// A factor whose input is missing gets half its weight, with a reason that
/// starts with "unknown".
Score score(const Posting& posting, const Preferences& prefs);

/// "apply" when total >= apply, "review" when total >= review, else "skip".
std::string decide(double total, const Thresholds& thresholds);

/// {"total":72.5,"decision":"apply","factors":[{"factor":"title","points":20.0,
/// "max":30,"reason":"..."}, ...]}
std::string breakdown_json(const Score& score);

}  // namespace aj::rule_scoring

#endif
