// The hard filters: a posting the person would never take is skipped whatever
// its points. Each hit is one line naming why.
#include "factors.hpp"

#include "text.hpp"

#include <algorithm>

namespace aj::rule_scoring {
namespace {

const Name* blocked(const std::vector<std::string>& words, const std::vector<Name>& list) {
  for (const Name& n : list)
    if (has_words(words, n.words)) return &n;
  return nullptr;
}

bool french_required(const Posting& p) {
  const std::string french = fold(p.french);
  if (french == "required") return true;
  const std::string language = fold(p.language);
  const bool in_french = language == "fr" || language.starts_with("fr-") || language.starts_with("fr_");
  return in_french && french != "none" && french != "asset";
}

}  // namespace

std::vector<Filter> filters_of(const Posting& p, const Facts& f, const Preferences& prefs) {
  std::vector<Filter> out;

  if (const Name* n = blocked(f.company, prefs.blocked_companies))
    out.push_back({FilterId::blocked_company, one_line(p.company) + " is on your blocked list (" + n->text + ")"});
  if (const Name* n = blocked(f.industry, prefs.blocked_industries))
    out.push_back({FilterId::blocked_industry,
                   (p.company.empty() ? std::string("the company") : one_line(p.company)) + " is in " +
                       one_line(p.company_industry) + ", on your blocked list (" + n->text + ")"});

  // Only a profile that lists languages says whether the person speaks French.
  if (prefs.languages_listed && !prefs.speaks("fr") && french_required(p))
    out.push_back({FilterId::french, fold(p.french) == "required"
                                         ? "French is required and your profile lists no French you speak"
                                         : "the posting is in French and your profile lists no French you speak"});

  const std::optional<double> asked = p.experience_min_years, have = prefs.years_experience;
  if (!prefs.seniority.empty() && f.level && *f.level > prefs.seniority.back())
    out.push_back({FilterId::too_senior, std::string(level_name(*f.level)) + " level is above the highest you want (" +
                                             level_name(prefs.seniority.back()) + ")"});
  else if (asked && have && *asked > *have + 3)
    out.push_back({FilterId::too_senior,
                   "asks " + number_text(*asked) + "+ years, you have " + number_text(*have)});

  if (!prefs.work_authorization.empty() && !f.country.empty() &&
      std::find(prefs.work_authorization.begin(), prefs.work_authorization.end(), f.country) ==
          prefs.work_authorization.end()) {
    std::string where;
    for (const std::string& c : prefs.work_authorization) where += (where.empty() ? "" : ", ") + c;
    out.push_back({FilterId::not_authorised,
                   "the posting is in " + f.country + "; you may work without sponsorship in " + where});
  }

  if (prefs.avoid.empty() && prefs.must_have.empty()) return out;
  // The title and description folded once, into a buffer each thread reuses.
  thread_local std::string text;
  text.clear();
  fold_for_search(text, p.title);
  text += " | ";  // no phrase spans the title and the description
  fold_for_search(text, p.description);

  for (const Keyword& k : prefs.avoid)
    if (has_phrase(text, k.folded)) {
      out.push_back({FilterId::avoid_keyword, "mentions '" + k.text + "', which you avoid"});
      break;
    }
  if (p.description.size() >= 200) {
    std::string missing;
    for (const Keyword& k : prefs.must_have)
      if (!has_phrase(text, k.folded)) missing += (missing.empty() ? "" : ", ") + k.text;
    if (!missing.empty()) out.push_back({FilterId::must_have_keyword, "does not mention must-have " + missing});
  }
  return out;
}

}  // namespace aj::rule_scoring
