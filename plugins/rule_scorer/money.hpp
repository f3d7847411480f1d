// Pay as the salary factor compares it: per year, in the person's currency,
// and written the way reasons show it ("90-110k CAD").
#ifndef AJ_PLUGINS_RULE_SCORER_MONEY_HPP
#define AJ_PLUGINS_RULE_SCORER_MONEY_HPP

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace aj::rule_scoring {

/// ISO 4217 code -> the value of one unit in US dollars.
using Rates = std::map<std::string, double, std::less<>>;

/// The built-in table (CAD 0.72, USD 1, EUR 1.08, GBP 1.27, ...): rough
/// rates, good enough to tell 80k USD from 80k CAD.
const Rates& default_usd_per_unit();

/// Adds or replaces rates from a JSON object ({"CAD": 0.73, "chf": 1.1});
/// codes are upper-cased. Throws std::runtime_error naming the entry
/// ("usd_per_unit.XYZ: expected a number above 0").
void merge_usd_per_unit(Rates& rates, std::string_view json);

/// Periods in a year for a pay interval: hourly 2080, daily 260, weekly 52,
/// monthly 12, yearly (or "") 1; nullopt for anything else.
std::optional<double> per_year(std::string_view interval);

/// `amount` in `from` expressed in `to` (codes in any case); nullopt when
/// either has no rate.
std::optional<double> convert(double amount, std::string_view from, std::string_view to, const Rates& rates);

/// 95000 -> "95k", 7500 -> "7.5k", 28.5 -> "28.5".
std::string amount_text(double amount);
/// "90-110k", "95k" (min == max), "28.5-32"; a k on the upper figure only
/// when both are in thousands.
std::string range_text(double min, double max);

}  // namespace aj::rule_scoring

#endif
