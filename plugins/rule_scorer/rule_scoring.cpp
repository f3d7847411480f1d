// score(): the facts, the six factors and the filters put together into a
// total and a decision; the settings; the breakdown JSON of the contract.
#include "rule_scoring.hpp"

#include "factors.hpp"

#include <autojobagent/json.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <span>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace aj::rule_scoring {
namespace {

// The weights in breakdown order, with their names.
std::array<std::pair<const char*, double*>, 6> named(Weights& w) {
  return {{{"title", &w.title},
           {"company", &w.company},
           {"location", &w.location},
           {"job_type", &w.job_type},
           {"salary", &w.salary},
           {"experience", &w.experience}}};
}

// Reads a map of numbers into the named slots; keys left out keep their value.
void read_numbers(std::string_view text, const char* map, std::span<const std::pair<const char*, double*>> slots,
                  const char* choices) {
  if (text.empty()) return;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) throw std::runtime_error(std::string(map) + ": expected a map of names to numbers");
  for (const auto& [key, value] : v.get_object()) {
    const std::string path = std::string(map) + "." + std::string(key);
    auto slot = std::find_if(slots.begin(), slots.end(), [&](const auto& s) { return key == s.first; });
    if (slot == slots.end()) throw std::runtime_error(path + ": not one of " + choices);
    if (!value.is_number()) throw std::runtime_error(path + ": expected a number");
    *slot->second = value.to_number<double>();
  }
}

void append_number(std::string& out, double v) { out += number_text(v); }

}  // namespace

std::string validate(const Settings& s) {
  Weights w = s.weights;
  double sum = 0;
  for (const auto& [name, value] : named(w)) {
    if (!(*value >= 0)) return std::string("weights.") + name + ": must be 0 or more";
    sum += *value;
  }
  if (std::fabs(sum - 100) > 0.01) return "weights: must sum to 100, they sum to " + number_text(sum);
  const Thresholds& t = s.thresholds;
  if (!(t.review >= 0 && t.review <= t.apply && t.apply <= 100))
    return "thresholds: must satisfy 0 <= review <= apply <= 100 (review " + number_text(t.review) + ", apply " +
           number_text(t.apply) + ")";
  return {};
}

Settings settings_from_json(std::string_view weights, std::string_view thresholds, std::string_view usd_per_unit) {
  Settings s;
  const auto factors = named(s.weights);
  read_numbers(weights, "weights", factors, "title, company, location, job_type, salary, experience");
  const std::pair<const char*, double*> limits[] = {{"apply", &s.thresholds.apply}, {"review", &s.thresholds.review}};
  read_numbers(thresholds, "thresholds", limits, "apply, review");
  if (!usd_per_unit.empty()) merge_usd_per_unit(s.usd_per_unit, usd_per_unit);
  if (std::string problem = validate(s); !problem.empty()) throw std::runtime_error(problem);
  return s;
}

const char* filter_name(FilterId id) {
  switch (id) {
    case FilterId::blocked_company: return "blocked_company";
    case FilterId::blocked_industry: return "blocked_industry";
    case FilterId::french: return "french";
    case FilterId::too_senior: return "too_senior";
    case FilterId::not_authorised: return "not_authorised";
    case FilterId::avoid_keyword: return "avoid_keyword";
    case FilterId::must_have_keyword: return "must_have_keyword";
  }
  return "";
}

const char* decide(double total, const Thresholds& t) {
  if (total >= t.apply) return "apply";
  if (total >= t.review) return "review";
  return "skip";
}

Score score(const Posting& p, const Preferences& prefs, const Settings& settings) {
  const geo::Gazetteer& places = settings.places ? *settings.places : geo::Gazetteer::builtin();
  const Facts facts = facts_of(p, places);
  const Weights& w = settings.weights;
  Score s;
  s.thresholds = settings.thresholds;
  s.factors.reserve(6);
  s.factors.push_back(title_factor(p, facts, prefs, w.title));
  s.factors.push_back(company_factor(p, facts, prefs, w.company));
  s.factors.push_back(location_factor(facts, prefs, w.location));
  s.factors.push_back(job_type_factor(p, facts, prefs, w.job_type));
  s.factors.push_back(salary_factor(p, prefs, settings.usd_per_unit, w.salary));
  s.factors.push_back(experience_factor(p, prefs, w.experience));
  s.filters = filters_of(p, facts, prefs);
  for (const Factor& f : s.factors) {
    s.points += f.points;
    s.max += f.max;
  }
  s.points = round1(s.points);
  s.total = s.filters.empty() && s.max > 0 ? round1(100 * s.points / s.max) : 0;
  s.decision = s.filters.empty() ? decide(s.total, s.thresholds) : "skip";
  return s;
}

std::string breakdown_json(const Score& s) {
  std::string out;
  out.reserve(1024);
  out += "{\"version\":1,\"total\":";
  append_number(out, s.total);
  out += ",\"decision\":";
  aj::append_json_string(out, s.decision);
  out += ",\"method\":\"rule_based\",\"thresholds\":{\"apply\":";
  append_number(out, s.thresholds.apply);
  out += ",\"review\":";
  append_number(out, s.thresholds.review);
  out += "},\"points\":";
  append_number(out, s.points);
  out += ",\"max\":";
  append_number(out, s.max);
  out += ",\"filters\":[";
  for (std::size_t i = 0; i < s.filters.size(); ++i) {
    out += i ? ",{\"filter\":\"" : "{\"filter\":\"";
    out += filter_name(s.filters[i].id);
    out += "\",\"reason\":";
    aj::append_json_string(out, s.filters[i].reason);
    out += '}';
  }
  out += "],\"factors\":[";
  for (std::size_t i = 0; i < s.factors.size(); ++i) {
    const Factor& f = s.factors[i];
    out += i ? ",{\"factor\":\"" : "{\"factor\":\"";
    out += f.name;
    out += "\",\"stage\":1,\"points\":";
    append_number(out, f.points);
    out += ",\"max\":";
    append_number(out, f.max);
    out += ",\"reason\":";
    aj::append_json_string(out, f.reason);
    out += '}';
  }
  out += "]}";
  return out;
}

void Tally::add(const Score& s) {
  ++scored_;
  if (s.decision == "apply")
    ++apply_;
  else if (s.decision == "review")
    ++review_;
  else
    ++skip_;
  for (const Filter& f : s.filters) ++filtered_[static_cast<std::size_t>(f.id)];
}

std::string Tally::line() const {
  std::string out = std::to_string(scored_) + " scored: " + std::to_string(apply_) + " apply, " +
                    std::to_string(review_) + " review, " + std::to_string(skip_) + " skip";
  // Every filter, zeros too, each count before its name: the host sums the
  // workers' lines when only their counts (a number followed by a word) differ.
  out += "; hard filters:";
  for (std::size_t i = 0; i < kFilterCount; ++i)
    out += std::string(i ? ", " : " ") + std::to_string(filtered_[i]) + " " + filter_name(static_cast<FilterId>(i));
  return out;
}

}  // namespace aj::rule_scoring
