// The six stage-1 factors and the hard filters, each on one posting's facts.
// Internal to the rule_scoring library; score() puts them together.
#ifndef AJ_PLUGINS_RULE_SCORER_FACTORS_HPP
#define AJ_PLUGINS_RULE_SCORER_FACTORS_HPP

#include "facts.hpp"
#include "profile.hpp"
#include "rule_scoring.hpp"

#include <string>
#include <vector>

namespace aj::rule_scoring {

Factor title_factor(const Posting& p, const Facts& f, const Preferences& prefs, double weight);
Factor company_factor(const Posting& p, const Facts& f, const Preferences& prefs, double weight);
Factor location_factor(const Facts& f, const Preferences& prefs, double weight);
Factor job_type_factor(const Posting& p, const Facts& f, const Preferences& prefs, double weight);
Factor salary_factor(const Posting& p, const Preferences& prefs, const Rates& rates, double weight);
Factor experience_factor(const Posting& p, const Preferences& prefs, double weight);

/// The hard filters that hit, at most one per id, in FilterId order.
std::vector<Filter> filters_of(const Posting& p, const Facts& f, const Preferences& prefs);

double round1(double v);
/// A number as reasons print it: 13, 12.5, 0.3.
std::string number_text(double v);

}  // namespace aj::rule_scoring

#endif
