#include "rule_scoring.hpp"

#include <autojobagent/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

namespace aj::rule_scoring {
namespace {

// ---- text helpers ----------------------------------------------------------

bool word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;  // UTF-8 letters count as word characters
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) { return lower(trim(a)) == lower(trim(b)); }

// Lower-case words, punctuation ignored; "sr" reads as "senior".
std::set<std::string> words(std::string_view s) {
  std::set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w == "sr") w = "senior";
    if (!w.empty()) out.insert(w);
    w.clear();
  };
  for (char c : s) {
    if (word_char(c))
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else
      flush();
  }
  flush();
  return out;
}

// `needle` occurs in `hay` as whole words, ignoring case ("RBC" in "RBC Capital Markets").
bool contains_words(std::string_view hay, std::string_view needle) {
  const std::string h = lower(hay), n = lower(trim(needle));
  if (n.empty()) return false;
  for (std::size_t at = h.find(n); at != std::string::npos; at = h.find(n, at + 1)) {
    const bool starts = at == 0 || !word_char(h[at - 1]) || !word_char(n.front());
    const std::size_t end = at + n.size();
    const bool ends = end == h.size() || !word_char(h[end]) || !word_char(n.back());
    if (starts && ends) return true;
  }
  return false;
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> parts;
  while (true) {
    std::size_t comma = s.find(',');
    std::string_view part = trim(s.substr(0, comma));
    if (!part.empty()) parts.emplace_back(part);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return parts;
}

bool given(const std::optional<std::string>& s) { return s && !trim(*s).empty(); }

std::string num(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string quoted(std::string_view s) { return "'" + std::string(trim(s)) + "'"; }

Factor unknown(std::string name, double weight, std::string why) {
  return Factor{std::move(name), weight / 2, weight, "unknown: " + std::move(why) + " (neutral, half points)"};
}

// ---- places ----------------------------------------------------------------

// Canadian provinces and territories: the product's home ground.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kProvinces{{
    {"on", "ontario"}, {"qc", "quebec"}, {"bc", "british columbia"}, {"ab", "alberta"},
    {"mb", "manitoba"}, {"sk", "saskatchewan"}, {"ns", "nova scotia"}, {"nb", "new brunswick"},
    {"nl", "newfoundland and labrador"}, {"pe", "prince edward island"}, {"nt", "northwest territories"},
    {"yt", "yukon"}, {"nu", "nunavut"},
}};

// A province as its code ("Ontario" -> "on"); other regions lower-cased.
std::string region_key(std::string_view s) {
  std::string l = lower(trim(s));
  if (l == "québec") return "qc";
  for (const auto& [code, name] : kProvinces)
    if (l == code || l == name) return std::string(code);
  return l;
}

std::string country_key(std::string_view s) {
  std::string l = lower(trim(s));
  if (l == "ca" || l == "can" || l == "canada") return "canada";
  if (l == "us" || l == "usa" || l == "united states" || l == "united states of america") return "united states";
  return l;
}

bool is_province(const std::string& key) {
  return std::any_of(kProvinces.begin(), kProvinces.end(), [&](const auto& p) { return p.first == key; });
}

struct Place {
  std::string region;   // region_key
  std::string country;  // country_key
};

// "City, ST" / "City, ST, Country": the region is the second part, the country
// the third, or Canada for a Canadian province.
Place place_of(std::string_view text, const std::optional<std::string>& state = {},
               const std::optional<std::string>& country = {}) {
  Place p;
  std::vector<std::string> parts = split_commas(text);
  if (given(state))
    p.region = region_key(*state);
  else if (parts.size() >= 2)
    p.region = region_key(parts[1]);
  else if (parts.size() == 1 && is_province(region_key(parts[0])))
    p.region = region_key(parts[0]);
  if (given(country))
    p.country = country_key(*country);
  else if (parts.size() >= 3)
    p.country = country_key(parts[2]);
  else if (parts.size() == 1 && !is_province(region_key(parts[0])))
    p.country = country_key(parts[0]);
  if (p.country.empty() && is_province(p.region)) p.country = "canada";
  return p;
}

enum class Arrangement { Unknown, Remote, Hybrid, Onsite };

Arrangement arrangement_of(const Posting& job) {
  if (given(job.work_arrangement)) {
    std::string a;
    for (char c : lower(*job.work_arrangement))
      if (std::isalnum(static_cast<unsigned char>(c))) a.push_back(c);
    if (a == "remote") return Arrangement::Remote;
    if (a == "hybrid") return Arrangement::Hybrid;
    if (a == "onsite" || a == "inoffice" || a == "office") return Arrangement::Onsite;
  }
  if (job.is_remote == true) return Arrangement::Remote;
  if (given(job.work_from_home_type)) {
    std::string w = lower(*job.work_from_home_type);
    if (w.find("hybrid") != std::string::npos) return Arrangement::Hybrid;
    if (w.find("remote") != std::string::npos || w.find("home") != std::string::npos) return Arrangement::Remote;
    if (w.find("office") != std::string::npos || w.find("site") != std::string::npos) return Arrangement::Onsite;
  }
  if (job.is_remote == false) return Arrangement::Onsite;
  return Arrangement::Unknown;
}

const char* arrangement_name(Arrangement a) {
  switch (a) {
    case Arrangement::Remote: return "remote";
    case Arrangement::Hybrid: return "hybrid";
    case Arrangement::Onsite: return "onsite";
    default: return "unknown";
  }
}

const char* preference_name(RemotePreference p) {
  switch (p) {
    case RemotePreference::Remote: return "remote";
    case RemotePreference::Hybrid: return "hybrid";
    case RemotePreference::Onsite: return "onsite";
    default: return "any";
  }
}

// ---- the six factors -------------------------------------------------------

Factor title_factor(const Posting& job, const Preferences& prefs) {
  const double w = prefs.weights.title;
  if (!given(job.title)) return unknown("title", w, "the posting has no title");
  if (prefs.target_titles.empty()) return unknown("title", w, "no target_titles set");

  const std::set<std::string> title = words(*job.title);
  double best = -1;
  std::size_t best_hits = 0, best_size = 0;
  std::string best_target;
  std::set<std::string> target_words;  // of every target, for the seniority check
  for (const std::string& target : prefs.target_titles) {
    std::set<std::string> tw = words(target);
    if (tw.empty()) continue;
    std::size_t hits = 0;
    for (const std::string& t : tw) hits += title.count(t);
    const double overlap = static_cast<double>(hits) / static_cast<double>(tw.size());
    if (overlap > best) {
      best = overlap;
      best_hits = hits;
      best_size = tw.size();
      best_target = target;
    }
    target_words.insert(tw.begin(), tw.end());
  }
  if (best < 0) return unknown("title", w, "no target_titles set");

  double points = w * best;
  std::string reason = quoted(*job.title) + (best_hits ? " matches target " : " matches no target; best ") +
                       quoted(best_target) + " (" + std::to_string(best_hits) + "/" + std::to_string(best_size) +
                       " words)";
  for (std::string_view senior : {"senior", "lead", "principal", "staff", "director", "head", "vp"}) {
    const std::string s(senior);
    if (title.count(s) && !target_words.count(s)) {
      points = std::max(0.0, points - w / 3);
      reason += "; " + s + " not in targets (-1/3)";
      break;
    }
  }
  return Factor{"title", points, w, reason};
}

Factor company_factor(const Posting& job, const Preferences& prefs) {
  const double w = prefs.weights.company;
  if (!given(job.company)) return unknown("company", w, "the posting names no company");
  if (prefs.preferred_companies.empty() && prefs.preferred_industries.empty())
    return unknown("company", w, "no preferred_companies or preferred_industries set");
  const std::string company = quoted(*job.company);
  for (const std::string& preferred : prefs.preferred_companies)
    if (contains_words(*job.company, preferred))
      return Factor{"company", w, w, company + " is preferred company " + quoted(preferred)};
  if (prefs.preferred_industries.empty())
    return Factor{"company", w / 3, w, company + " is not a preferred company"};
  if (!given(job.company_industry))
    return unknown("company", w, company + " is not a preferred company and its industry is not given");
  for (const std::string& industry : prefs.preferred_industries)
    if (contains_words(*job.company_industry, industry))
      return Factor{"company", w * 2 / 3, w, company + " is in preferred industry " + quoted(industry)};
  return Factor{"company", w / 3, w,
                company + " (" + std::string(trim(*job.company_industry)) +
                    ") is neither a preferred company nor in a preferred industry"};
}

Factor location_factor(const Posting& job, const Preferences& prefs) {
  const double w = prefs.weights.location;
  const bool remote = job.is_remote == true || (given(job.work_arrangement) && iequals(*job.work_arrangement, "remote"));
  const auto pref = prefs.remote_preference;
  if (remote && (pref == RemotePreference::Remote || pref == RemotePreference::Any))
    return Factor{"location", w, w, std::string("remote job; remote_preference ") + preference_name(pref)};

  std::string text;
  if (given(job.location)) {
    text = trim(*job.location);
  } else {
    for (const auto* part : {&job.city, &job.state, &job.country})
      if (given(*part)) text += (text.empty() ? "" : ", ") + std::string(trim(**part));
  }
  if (text.empty()) return unknown("location", w, "the posting has no location");
  if (prefs.locations.empty()) return unknown("location", w, "no target locations set");

  for (const std::string& target : prefs.locations) {
    std::vector<std::string> parts = split_commas(target);
    if (!parts.empty() && contains_words(text, parts[0]))
      return Factor{"location", w, w, quoted(text) + " is in target city " + parts[0]};
  }
  const Place here = place_of(text, job.state, job.country);
  for (const std::string& target : prefs.locations) {
    std::vector<std::string> parts = split_commas(target);
    if (parts.size() < 2) continue;  // a bare city names no province
    const Place there = place_of(target);
    if (!here.region.empty() && here.region == there.region)
      return Factor{"location", w / 2, w, quoted(text) + " is in the province of target " + quoted(target)};
  }
  for (const std::string& target : prefs.locations) {
    const Place there = place_of(target);
    if (split_commas(target).size() >= 2 && !here.country.empty() && here.country == there.country)
      return Factor{"location", w / 2, w, quoted(text) + " is in the country of target " + quoted(target)};
  }
  return Factor{"location", 0, w, quoted(text) + " is outside the target locations"};
}

Factor job_type_factor(const Posting& job, const Preferences& prefs) {
  const double w = prefs.weights.job_type;
  const auto pref = prefs.remote_preference;
  if (pref == RemotePreference::Remote || pref == RemotePreference::Hybrid) {
    const Arrangement a = arrangement_of(job);
    const std::string why = std::string(arrangement_name(a)) + " job; remote_preference " + preference_name(pref);
    switch (a) {
      case Arrangement::Remote: return Factor{"job_type", w, w, why};
      case Arrangement::Hybrid: return Factor{"job_type", w * 0.7, w, why};
      case Arrangement::Onsite: return Factor{"job_type", w * 0.4, w, why};
      default: return unknown("job_type", w, "the posting does not say remote, hybrid or onsite");
    }
  }
  if (!given(job.job_type)) return unknown("job_type", w, "the posting has no job type");
  std::string type;
  for (char c : lower(*job.job_type))
    if (std::isalnum(static_cast<unsigned char>(c))) type.push_back(c);
  if (type.find("fulltime") != std::string::npos) return Factor{"job_type", w, w, "full-time"};
  return Factor{"job_type", w * 0.6, w, quoted(*job.job_type) + " is not full-time (60%)"};
}

Factor salary_factor(const Posting& job, const Preferences& prefs) {
  const double w = prefs.weights.salary;
  if (!prefs.salary_target) return unknown("salary", w, "no salary_target set");
  const std::optional<double> amount = job.max_amount ? job.max_amount : job.min_amount;
  if (!amount) return unknown("salary", w, "the posting gives no salary");
  if (given(job.currency) && !iequals(*job.currency, prefs.salary_currency))
    return Factor{"salary", w / 2, w,
                  "currencies differ (" + std::string(trim(*job.currency)) + " vs " + prefs.salary_currency +
                      "), no conversion table (half points)"};

  constexpr std::pair<std::string_view, double> kPerYear[] = {
      {"yearly", 1}, {"monthly", 12}, {"weekly", 52}, {"daily", 260}, {"hourly", 2080}};
  const std::string interval = given(job.interval) ? lower(trim(*job.interval)) : "yearly";
  double per_year = 0;
  for (const auto& [name, times] : kPerYear)
    if (interval == name) per_year = times;
  if (per_year == 0)
    return unknown("salary", w,
                   "salary interval " + quoted(*job.interval) + " is not hourly, daily, weekly, monthly or yearly");

  const double annual = *amount * per_year;
  const double target = *prefs.salary_target;
  const double fraction = std::clamp((annual - 0.6 * target) / (0.4 * target), 0.0, 1.0);
  std::string reason = (job.max_amount ? "max " : "min ") + num(*amount) + " " + interval;
  if (per_year != 1) reason += " = " + num(annual) + "/yr";
  if (!given(job.interval)) reason += " (interval not given, taken as yearly)";
  reason += annual >= target ? " meets target " + num(target)
                             : " is " + num(std::round(annual / target * 100)) + "% of target " + num(target) +
                                   " (0 points at 60%)";
  return Factor{"salary", w * fraction, w, reason};
}

Factor experience_factor(const Posting& job, const Preferences& prefs) {
  const double w = prefs.weights.experience;
  if (!job.experience_min_years) return unknown("experience", w, "the posting states no minimum years");
  if (!prefs.years_experience) return unknown("experience", w, "no years_experience set");
  const std::int64_t need = *job.experience_min_years, have = *prefs.years_experience;
  const std::string reason = "needs " + std::to_string(need) + " years, you have " + std::to_string(have);
  if (need <= have) return Factor{"experience", w, w, reason};
  const double points = std::max(0.0, w - 0.3 * w * static_cast<double>(need - have));
  return Factor{"experience", points, w, reason + " (-30% per year beyond)"};
}

double round1(double v) { return std::round(v * 10) / 10; }

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::optional<RemotePreference> parse_remote_preference(std::string_view text) {
  const std::string t = lower(trim(text));
  if (t == "any") return RemotePreference::Any;
  if (t == "remote") return RemotePreference::Remote;
  if (t == "hybrid") return RemotePreference::Hybrid;
  if (t == "onsite") return RemotePreference::Onsite;
  return std::nullopt;
}

std::string validate(const Preferences& prefs) {
  const Weights& w = prefs.weights;
  const std::pair<const char*, double> weights[] = {{"title", w.title},   {"company", w.company},
                                                    {"location", w.location}, {"job_type", w.job_type},
                                                    {"salary", w.salary}, {"experience", w.experience}};
  double sum = 0;
  for (const auto& [name, value] : weights) {
    if (!(value >= 0)) return std::string("weights.") + name + " must be 0 or more";
    sum += value;
  }
  if (std::fabs(sum - 100) > 0.01) return "weights must sum to 100, they sum to " + num(sum);
  const Thresholds& t = prefs.thresholds;
  if (!(t.review >= 0 && t.review <= t.apply && t.apply <= 100))
    return "thresholds must satisfy 0 <= review <= apply <= 100";
  if (prefs.salary_target && !(*prefs.salary_target > 0)) return "salary_target must be more than 0";
  if (prefs.years_experience && *prefs.years_experience < 0) return "years_experience must be 0 or more";
  return {};
}

std::string decide(double total, const Thresholds& thresholds) {
  if (total >= thresholds.apply) return "apply";
  if (total >= thresholds.review) return "review";
  return "skip";
}

Score score(const Posting& posting, const Preferences& prefs) {
  Score s;
  s.factors = {title_factor(posting, prefs),    company_factor(posting, prefs), location_factor(posting, prefs),
               job_type_factor(posting, prefs), salary_factor(posting, prefs),  experience_factor(posting, prefs)};
  double total = 0;
  for (Factor& f : s.factors) {
    f.points = round1(f.points);
    total += f.points;
  }
  s.total = std::clamp(round1(total), 0.0, 100.0);
  s.decision = decide(s.total, prefs.thresholds);
  return s;
}

std::string breakdown_json(const Score& score) {
  std::string out = "{\"total\":" + one_decimal(score.total) + ",\"decision\":";
  aj::append_json_string(out, score.decision);
  out += ",\"factors\":[";
  for (std::size_t i = 0; i < score.factors.size(); ++i) {
    const Factor& f = score.factors[i];
    if (i) out += ',';
    out += "{\"factor\":";
    aj::append_json_string(out, f.name);
    out += ",\"points\":" + one_decimal(f.points) + ",\"max\":" + num(f.max) + ",\"reason\":";
    aj::append_json_string(out, f.reason);
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace aj::rule_scoring
