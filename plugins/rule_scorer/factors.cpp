// The six factors. Each returns its points (rounded to 1 decimal) and one
// reason line ending ": points/max"; a missing input gives half the weight and
// a reason starting "unknown".
#include "factors.hpp"

#include "text.hpp"

#include <algorithm>
#include <cmath>

namespace aj::rule_scoring {
namespace {

Factor make(const char* name, double points, double weight, std::string reason) {
  Factor f{name, round1(points), weight, std::move(reason)};
  f.reason += ": " + number_text(f.points) + "/" + number_text(weight);
  return f;
}

Factor unknown(const char* name, double weight, std::string_view why) {
  return make(name, weight / 2, weight, "unknown: " + std::string(why));
}

std::string quoted(std::string_view s) { return "'" + one_line(s) + "'"; }

std::string km(double d) { return std::to_string(std::lround(d)) + " km"; }

}  // namespace

double round1(double v) { return std::round(v * 10) / 10; }

// By hand: printf's floating-point path was a sixth of the time per posting.
std::string number_text(double v) {
  const long long tenths = std::llround(v * 10);
  const unsigned long long t = tenths < 0 ? 0ULL - static_cast<unsigned long long>(tenths) : tenths;
  std::string out = (tenths < 0 ? "-" : "") + std::to_string(t / 10);
  if (t % 10) out += '.', out += static_cast<char>('0' + t % 10);
  return out;
}

// ---- title -------------------------------------------------------------------

Factor title_factor(const Posting& p, const Facts& f, const Preferences& prefs, double w) {
  if (prefs.title_words.empty()) return unknown("title", w, "no titles in your profile");
  if (p.title.empty()) return unknown("title", w, "the posting has no title");

  const std::vector<std::string> posted = title_words(p.title);
  std::size_t best = 0, best_common = 0;
  double sim = -1;
  for (std::size_t i = 0; i < prefs.title_words.size(); ++i) {
    const std::vector<std::string>& target = prefs.title_words[i];
    std::size_t common = 0;
    for (const std::string& word : target) common += std::count(posted.begin(), posted.end(), word);
    const double s = static_cast<double>(common) / static_cast<double>(target.size());
    if (s > sim) best = i, best_common = common, sim = s;
  }
  const std::vector<std::string>& target = prefs.title_words[best];
  if (best_common == 0) return make("title", 0, w, quoted(p.title) + " shares no word with your titles");

  std::string reason = quoted(p.title);
  if (best_common == target.size())
    reason += " matches your title " + prefs.titles[best];
  else
    reason += " has " + std::to_string(best_common) + " of the " + std::to_string(target.size()) +
              " words of your title " + prefs.titles[best];
  const std::size_t extra = posted.size() - best_common;
  if (extra > 1) {
    sim *= 0.85;
    reason += "; " + std::to_string(extra) + " other words (x0.85)";
  }

  if (!prefs.seniority.empty()) {
    const Level lowest = prefs.seniority.front(), highest = prefs.seniority.back();
    if (!f.level) {
      sim *= 0.9;
      reason += "; its level is unknown (x0.9)";
    } else {
      const std::string level = level_name(*f.level);
      if (std::find(prefs.seniority.begin(), prefs.seniority.end(), *f.level) != prefs.seniority.end()) {
        reason += "; " + level + " is a level you want";
      } else if (*f.level > highest) {
        reason += "; " + level + " is above the levels you want (a hard filter)";
      } else if (*f.level < lowest && static_cast<int>(lowest) - static_cast<int>(*f.level) >= 2) {
        sim *= 0.4;
        reason += "; " + level + " is two or more steps below the levels you want (x0.4)";
      } else if (*f.level < lowest) {
        sim *= 0.7;
        reason += "; " + level + " is one step below the levels you want (x0.7)";
      } else {  // between two wanted levels
        sim *= 0.7;
        reason += "; " + level + " is not a level you want (x0.7)";
      }
    }
  }
  return make("title", w * sim, w, reason);
}

// ---- company -----------------------------------------------------------------

Factor company_factor(const Posting& p, const Facts& f, const Preferences& prefs, double w) {
  if (f.company.empty()) return unknown("company", w, "the posting names no company");
  if (prefs.preferred_companies.empty() && prefs.preferred_industries.empty())
    return unknown("company", w, "no preferred companies or industries in your profile");
  for (const Name& n : prefs.preferred_companies)
    if (has_words(f.company, n.words)) return make("company", w, w, quoted(p.company) + " is " + n.text + ", a company you prefer");
  for (const Name& n : prefs.preferred_industries)
    if (has_words(f.industry, n.words))
      return make("company", 0.7 * w, w, quoted(p.company) + " is in " + n.text + ", an industry you prefer");
  std::string reason = quoted(p.company);
  if (!p.company_industry.empty()) reason += " (" + one_line(p.company_industry) + ")";
  return make("company", 0.4 * w, w, reason + " is not on your lists");
}

// ---- location ----------------------------------------------------------------

Factor location_factor(const Facts& f, const Preferences& prefs, double w) {
  if (f.arrangement == Arrangement::remote) {
    switch (prefs.remote) {
      case Remote::remote: return make("location", w, w, "remote, as you prefer");
      case Remote::any: return make("location", w, w, "remote, and any arrangement suits you");
      case Remote::hybrid: return make("location", 0.8 * w, w, "remote; you prefer hybrid (x0.8)");
      case Remote::onsite: return make("location", 0.5 * w, w, "remote; you prefer onsite (x0.5)");
    }
  }
  if (prefs.locations.empty()) return unknown("location", w, "no locations in your profile");
  if (f.where.empty()) return unknown("location", w, "the posting gives no location");
  if (!f.place && f.city.empty() && f.region.empty())
    return unknown("location", w, quoted(f.where) + " names no city or province");

  // The preferred place that gives the most points; at equal points the nearest.
  double best = -1, best_distance = 0;
  bool best_measured = false;
  std::string reason;
  for (const PreferredPlace& pp : prefs.locations) {
    double points = 0, d = 0;
    const bool measured = f.place && pp.place;
    std::string why;
    if (measured) {
      d = geo::distance_km(*f.place, *pp.place);
      const double r = pp.radius_km;
      if (d <= r)
        points = w;
      else if (d <= 2 * r)
        points = w * (1 - 0.7 * (d - r) / r);
      why = f.where + " is " + km(d) + " from " + pp.text + " (radius " + number_text(r) + " km)";
    } else if (!f.city.empty() && f.city == pp.city) {
      points = w;
      why = f.where + " is in " + pp.text + " (no coordinates)";
    } else if (!f.region.empty() && f.region == pp.region) {
      points = 0.4 * w;
      why = f.where + " is in " + f.region + ", as is " + pp.text + " (no coordinates)";
    } else {
      why = f.where + " is not in " + pp.text + " or its province (no coordinates)";
    }
    const bool better = points > best || (points == best && measured && (!best_measured || d < best_distance));
    if (better) best = points, best_distance = d, best_measured = measured, reason = std::move(why);
  }
  return make("location", best, w, reason);
}

// ---- job type ----------------------------------------------------------------

Factor job_type_factor(const Posting& p, const Facts& f, const Preferences& prefs, double w) {
  if (f.job_types == 0 && f.arrangement == Arrangement::unknown)
    return unknown("job_type", w, "the posting gives no job type or arrangement");

  double type = 0.5;
  std::string reason;
  if (f.job_types == 0) {
    reason = "job type " + (p.job_type.empty() ? std::string("not given") : quoted(p.job_type)) + " (half)";
  } else {
    std::string names;
    for (unsigned bit = fulltime; bit <= temporary; bit <<= 1)
      if (f.job_types & bit) names += (names.empty() ? "" : "/") + std::string(job_type_name(bit));
    if (prefs.job_types == 0) {
      reason = names + " (no job types in your profile, half)";
    } else if (f.job_types & prefs.job_types) {
      type = 1;
      reason = names + " is a type you want";
    } else {
      type = 0;
      reason = names + " is not a type you want";
    }
  }

  // How well the arrangement fits the preference, from the table in README.md.
  double fit = 0.5;
  const char* arrangement = arrangement_name(f.arrangement);
  if (f.arrangement == Arrangement::unknown) {
    reason += "; arrangement not given (half)";
  } else if (prefs.remote == Remote::any) {
    fit = 1;
    reason += std::string("; ") + arrangement + ", and any arrangement suits you";
  } else {
    static constexpr double kFit[3][3] = {
        // posting: remote, hybrid, onsite
        {1.0, 0.5, 0.0},  // you prefer remote
        {0.8, 1.0, 0.4},  // hybrid
        {0.3, 0.6, 1.0},  // onsite
    };
    fit = kFit[static_cast<int>(prefs.remote) - 1][static_cast<int>(f.arrangement) - 1];
    if (fit == 1)
      reason += std::string("; ") + arrangement + ", as you prefer";
    else
      reason += std::string("; ") + arrangement + ", you prefer " + remote_name(prefs.remote) + " (x" +
                number_text(fit) + ")";
  }
  return make("job_type", w * (0.6 * type + 0.4 * fit), w, reason);
}

// ---- salary ------------------------------------------------------------------

Factor salary_factor(const Posting& p, const Preferences& prefs, const Rates& rates, double w) {
  if (!prefs.salary_target) return unknown("salary", w, "no salary target in your profile");

  std::optional<double> lo, hi;
  std::string posted;  // the pay as posted, when it is not per year
  std::string code(p.currency.empty() ? std::string_view(prefs.currency) : p.currency);  // missing: the profile's
  for (char& c : code) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (p.annual_min || p.annual_max) {
    lo = p.annual_min, hi = p.annual_max;
  } else if (p.min_amount || p.max_amount) {
    const std::string interval = fold(p.interval);
    const std::optional<double> times = per_year(interval);
    if (!times) return unknown("salary", w, "pay interval " + quoted(p.interval) + " is not hourly, daily, weekly, monthly or yearly");
    if (p.min_amount) lo = *p.min_amount * *times;
    if (p.max_amount) hi = *p.max_amount * *times;
    if (*times != 1)
      posted = range_text(p.min_amount.value_or(*p.max_amount), p.max_amount.value_or(*p.min_amount)) + " " + code +
               " " + interval;
  }
  if (!lo && !hi) return unknown("salary", w, "the posting gives no pay");
  if (lo && hi && *lo > *hi) std::swap(lo, hi);

  const std::optional<double> one = convert(1, code, prefs.currency, rates);
  if (!one) {
    const bool known = rates.find(code) != rates.end();
    return unknown("salary", w, "no rate for " + (known ? prefs.currency : code));
  }

  const double floor = *prefs.salary_floor, target = *prefs.salary_target;
  auto fraction = [&](double x) { return std::clamp((x - floor) / (target - floor), 0.0, 1.0); };
  double points = 0;
  if (lo && hi)
    points = w * (fraction(*lo * *one) + fraction(*hi * *one)) / 2;
  else
    points = w * fraction(lo.value_or(hi.value_or(0)) * *one);

  const double a = lo.value_or(*hi), b = hi.value_or(*lo);
  std::string reason = "salary ";
  if (!posted.empty()) reason += posted + " = ";
  reason += range_text(a, b) + " " + code;
  if (code != prefs.currency) reason += " = " + range_text(a * *one, b * *one) + " " + prefs.currency;
  reason += " against floor " + amount_text(floor) + ", target " + amount_text(target);
  return make("salary", points, w, reason);
}

// ---- experience --------------------------------------------------------------

Factor experience_factor(const Posting& p, const Preferences& prefs, double w) {
  if (!p.experience_min_years) return unknown("experience", w, "the posting asks no minimum years");
  if (!prefs.years_experience)
    return unknown("experience", w, "your years of experience are not known (no years_experience, no work dates)");
  const double asked = *p.experience_min_years, have = *prefs.years_experience;
  const std::string reason = "asks " + number_text(asked) + " years, you have " + number_text(have);
  if (asked <= have) return make("experience", w, w, reason);
  return make("experience", w * std::max(0.0, 1 - 0.25 * (asked - have)), w, reason);
}

}  // namespace aj::rule_scoring
