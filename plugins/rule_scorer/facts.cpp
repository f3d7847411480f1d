#include "facts.hpp"

#include "text.hpp"

#include <algorithm>
#include <cctype>

namespace aj::rule_scoring {
namespace {

// The letters and digits of a folded text: "Full-Time" -> "fulltime".
std::string squeezed(std::string_view text) {
  std::string out;
  for (char c : fold(text))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> comma_parts(std::string_view text) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t comma = text.find(',');
    if (std::string_view part = trimmed(text.substr(0, comma)); !part.empty()) parts.push_back(part);
    if (comma == std::string_view::npos) return parts;
    text.remove_prefix(comma + 1);
  }
}

std::string country_of(std::string_view text) {
  std::string code = geo::country_code(text);
  if (code.empty() && text.size() == 2 && std::isalpha(static_cast<unsigned char>(text[0])) &&
      std::isalpha(static_cast<unsigned char>(text[1])))
    for (char c : text) code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return code;
}

// LinkedIn's "seniority level" words, folded.
std::optional<Level> level_of_words(std::string_view folded) {
  if (auto l = parse_level(folded)) return l;
  if (folded == "entry level" || folded == "internship" || folded == "associate") return Level::entry;
  if (folded == "mid-senior level") return Level::senior;
  if (folded == "director" || folded == "executive") return Level::expert;
  return std::nullopt;
}

Arrangement arrangement_of(const Posting& p) {
  const std::string a = squeezed(p.work_arrangement);
  if (a == "remote") return Arrangement::remote;
  if (a == "hybrid") return Arrangement::hybrid;
  if (a == "onsite" || a == "inoffice" || a == "office" || a == "inperson") return Arrangement::onsite;
  if (p.is_remote == true) return Arrangement::remote;
  return Arrangement::unknown;
}

unsigned job_types_of(std::string_view text) {
  const std::string t = squeezed(text);
  unsigned bits = 0;
  auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
  if (has("fulltime") || has("permanent")) bits |= fulltime;
  if (has("parttime")) bits |= parttime;
  if (has("contract") || has("freelance")) bits |= contract;
  if (has("intern") || has("coop")) bits |= internship;
  if (has("temporary") || has("seasonal")) bits |= temporary;
  return bits;
}

}  // namespace

const char* arrangement_name(Arrangement a) {
  switch (a) {
    case Arrangement::remote: return "remote";
    case Arrangement::hybrid: return "hybrid";
    case Arrangement::onsite: return "onsite";
    case Arrangement::unknown: break;
  }
  return "unknown";
}

std::optional<Level> level_of_title(std::string_view title) {
  const std::vector<std::string> w = words(title);
  std::optional<Level> level;
  auto raise = [&](Level l) {
    if (!level || l > *level) level = l;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::string& x = w[i];
    const bool last = i + 1 == w.size();
    if (x == "intern" || x == "internship" || x == "junior" || x == "jr" || x == "trainee" || x == "graduate" ||
        x == "apprentice" || (x == "i" && last))
      raise(Level::entry);
    else if (x == "intermediate" || x == "mid" || x == "ii")
      raise(Level::mid);
    else if (x == "senior" || x == "sr" || x == "snr" || x == "lead" || x == "iii" || x == "iv")
      raise(Level::senior);
    else if (x == "principal" || x == "director" || x == "head" || x == "vp" || x == "chief" || x == "distinguished")
      raise(Level::expert);
    else if (x == "staff" && !last)
      for (std::string_view eng : {"engineer", "developer", "scientist", "architect", "software", "data"})
        if (w[i + 1] == eng) raise(Level::expert);
  }
  return level;
}

Facts facts_of(const Posting& p, const geo::Gazetteer& places) {
  Facts f;
  if (!p.job_level.empty()) f.level = level_of_words(fold(trimmed(p.job_level)));
  if (!f.level && !p.title.empty()) f.level = level_of_title(p.title);
  f.arrangement = arrangement_of(p);
  f.job_types = job_types_of(p.job_type);
  if (!p.company.empty()) f.company = name_words(p.company);
  if (!p.company_industry.empty()) f.industry = name_words(p.company_industry);

  if (!p.city.empty() || !p.state.empty()) f.place = places.find(p.city, p.state, p.country);
  if (!f.place && !p.location.empty()) f.place = places.find(p.location);

  const std::vector<std::string_view> parts = comma_parts(p.location);
  if (f.place) {
    f.where = f.place->display();
    f.city = fold(f.place->name);
    f.region = f.place->region;
  } else if (!p.city.empty() || !p.state.empty()) {
    f.city = fold(trimmed(p.city));
    f.region = geo::region_code(trimmed(p.state));
    f.where = one_line(p.city);
    if (!p.state.empty()) f.where += (f.where.empty() ? "" : ", ") + one_line(p.state);
  } else if (!parts.empty()) {
    f.where = one_line(p.location);
    // "Ontario" or "Canada" alone names no city.
    if (!geo::region_code(parts[0]).empty())
      f.region = geo::region_code(parts[0]);
    else if (parts.size() > 1 || geo::country_code(parts[0]).empty())
      f.city = fold(parts[0]);
    if (parts.size() > 1 && f.region.empty()) f.region = geo::region_code(parts[1]);
  }
  if (f.where.empty() && !p.country.empty()) f.where = one_line(p.country);

  if (!p.country.empty()) f.country = country_of(trimmed(p.country));
  if (f.country.empty() && f.place) f.country = f.place->country;
  if (f.country.empty() && !f.region.empty()) f.country = geo::country_of_region(f.region);
  if (f.country.empty() && parts.size() > 1) f.country = geo::country_code(parts.back());
  return f;
}

}  // namespace aj::rule_scoring
