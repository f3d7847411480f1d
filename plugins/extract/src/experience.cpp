// Minimum years of experience and level from the text of a posting. Each
// finder walks the shared Text's words once, looking at a few words on either
// side of a cue, so "5+ years of experience" is a requirement and "10 years in
// business" is not, "Senior Living" a care home and "Senior Manager" a level.
// Job type is read in job_type.cpp, education in education.cpp; the word
// reading all three share is requirements.hpp.
//
// Decisions where the issue is silent:
// - Level from the title: intern/junior/jr/graduate/new grad/entry/trainee/
//   apprentice/stagiaire/co-op and a trailing "I" -> entry; intermediate/mid
//   and "II" -> mid; senior/sr/lead and "III"/"IV" -> senior; staff (before an
//   engineering word)/principal/distinguished/architect/director/head of/vp/
//   vice president/chief/C-level/fellow -> expert. Expert words win ("Senior
//   Director"); else the first level word in the title. "Associate" is entry
//   only when nothing else in the title says a level. "Manager" says nothing.
// - Years: the lowest required, counting the first figure of each sentence
//   only ("8+ years, including 3 in manufacturing" is 8); a "preferred / nice
//   to have / asset" one (its clause or its section) counts only when nothing
//   is required; "no experience required" is 0.
#include "extract/extract.hpp"

#include "requirements.hpp"
#include "words.hpp"

#include <climits>
#include <cstdint>
#include <iterator>

namespace ajx {

namespace {

using sv = std::string_view;
using detail::Preference;
using detail::Words;
using words::is_digit;
using words::one_of;
using words::WordGate;

// ---- minimum years ------------------------------------------------------------

int number_value(sv w) {
  if (w.empty()) return -1;
  if (is_digit(w[0])) {
    if (w.size() > 2) return -1;
    int v = 0;
    for (char c : w) {
      if (!is_digit(c)) return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  static constexpr sv kEn[] = {"zero",     "one",     "two",     "three",     "four",     "five",     "six",
                               "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
                               "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (std::size_t i = 0; i < std::size(kEn); ++i)
    if (w == kEn[i]) return static_cast<int>(i);
  static constexpr sv kFr[] = {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"};
  for (std::size_t i = 1; i < std::size(kFr); ++i)
    if (w == kFr[i]) return static_cast<int>(i);
  if (w == "une") return 1;
  if (w == "quinze") return 15;
  if (w == "vingt") return 20;
  return -1;
}

bool year_unit(sv w) {
  return one_of(w, "year", "years", "yr", "yrs", "ans", "an", "année", "années", "annee", "annees");
}

bool experience_word(sv w) {
  return one_of(w, "experience", "expérience", "experiences", "expériences", "experienced", "exp", "expertise",
                "working", "worked", "work", "professional", "professionally", "background", "track", "hands",
                "relevant", "related", "industry", "practical", "proven", "progressive", "progressively",
                "demonstrated", "developing", "building", "designing", "managing", "leading", "programming", "coding",
                "commercial", "production", "post", "combined", "direct", "prior", "previous", "using", "applied",
                "solid", "hands-on", "engineering", "development");
}

// What right after "N years" says it is not a requirement: "ago", "old", "a
// 2-year contract", "10 years in business", "20 years of history".
enum After : int { kMaybe = 0, kNever = 1, kUnlessExperience = 2 };
// kUnlessExperience: "10 years of service" is history, "5 years of service desk experience" is not.
int not_requirement_after(const Words& w, std::size_t k) {
  sv a = w[k + 1], b = w[k + 2];
  if (one_of(a, "ago", "old", "olds", "later", "contract", "contracts", "degree", "degrees", "program", "programme",
             "programs", "term", "plan", "warranty", "guarantee", "commitment", "running", "straight", "anniversary",
             "history", "span", "period", "mandate", "assignment", "project", "journey", "cycle", "roadmap", "horizon",
             "from", "after", "diploma", "college", "university", "apprenticeship", "lease", "agreement", "deal",
             "partnership", "since", "now"))
    return kNever;
  if ((a == "of" && b == "age") || (a == "d" && b == "âge") || (a == "in" && b == "a" && w[k + 3] == "row"))
    return kNever;
  if (a == "in" && one_of(b, "business", "operation", "operations", "existence")) return kUnlessExperience;
  if (a == "in" && b == "the" && one_of(w[k + 3], "business", "market", "community", "making"))
    return kUnlessExperience;
  if (a == "of" && one_of(b, "service", "history", "operation", "operations", "existence", "growth", "business",
                          "success", "excellence", "partnership", "innovation", "serving", "tradition", "collaboration",
                          "schooling", "study", "studies", "university", "college"))
    return kUnlessExperience;
  if (a == "d" && one_of(b, "existence", "histoire", "études")) return kUnlessExperience;
  if (a == "de" && one_of(b, "service", "croissance", "succès", "histoire", "garantie", "contrat"))
    return kUnlessExperience;
  return kMaybe;
}

// Before the number: "for over 20 years", "within 2 years", "in the past 5 years", "founded 15 years ago".
bool not_requirement_before(const Words& w, std::size_t start) {
  sv a = w.before_in(start, 1), b = w.before_in(start, 2), c = w.before_in(start, 3);
  if (one_of(a, "for", "within", "past", "last", "next", "first", "after", "every", "since", "in", "during", "pendant",
             "depuis", "dans", "ici", "celebrating", "aged", "age", "founded", "established"))
    return true;
  // "for over 20", "for more than 20", "in nearly 30", "over the last 10"
  if (one_of(a, "over", "nearly", "almost", "about", "around", "than"))
    return one_of(b, "for", "within", "past", "last", "since", "in", "during", "the") ||
           (b == "more" && one_of(c, "for", "in", "within", "since"));
  return false;
}

bool candidate_word(sv x) {
  return one_of(x, "you", "your", "you'll", "candidate", "candidates", "applicant", "applicants", "someone", "person",
                "individual", "ideal", "require", "required", "requires", "requirement", "requirements", "must", "need",
                "needs", "should", "looking", "seeking", "minimum", "least", "vous", "votre", "candidat", "candidate",
                "profil", "exigé", "exigée", "requis", "recherchons", "cherchons", "hire", "hiring", "qualifications",
                "possess", "possédez", "détenez", "bring", "possédant", "avoir");
}
bool boast_word(sv x) {
  return one_of(x, "we", "our", "us", "nous", "notre", "founded", "established", "we've", "we're");
}
// "With over 20 years of experience, our firm..." talks about the company:
// its sentence names the company and nobody being hired.
bool company_boast(const Words& w, std::size_t start, std::size_t unit) {
  bool boast = false;
  for (std::size_t n = 0; n < 25 && start >= n; ++n) {
    std::size_t k = start - n;
    if (n > 0) {
      sv x = w[k];
      if (candidate_word(x)) return false;
      if (boast_word(x)) boast = true;
    }
    if (k == 0 || w.breaks(k)) break;
  }
  for (std::size_t k = unit + 1; k < w.size() && k < unit + 12 && !w.breaks(k); ++k) {
    if (candidate_word(w[k])) return false;
    if (boast_word(w[k])) boast = true;
  }
  return boast;
}

// "No experience required", "no prior retail experience needed", "aucune expérience requise": zero years.
bool no_experience(const Words& w, std::size_t k) {
  sv x = w[k];
  if (one_of(x, "aucune", "aucun", "sans")) return w[k + 1] == "expérience" && !w.breaks(k + 1);
  if (x != "no") return false;
  // "Customer service experience; no courier experience needed": some experience is still asked for.
  for (std::size_t j = k; j > 0 && w.gap(j).find('\n') == sv::npos; --j)
    if (w[j - 1] == "experience") return false;
  for (std::size_t j = k + 1; j <= k + 4 && j < w.size() && !w.breaks(j); ++j) {
    if (w[j] != "experience") continue;
    sv after = w[j + 1];
    return one_of(after, "required", "needed", "necessary", "is", "requirement") || w.breaks(j + 1) ||
           w.gap(j + 1).find('?') != sv::npos;
  }
  return false;
}

}  // namespace

int find_min_years(const Text& t) {
  const Words w{t};
  Preference pref(t);
  int required = INT_MAX, preferred = INT_MAX;
  std::size_t counted_sentence = SIZE_MAX;  // only the first requirement of a sentence counts
  static const WordGate gate{"year",   "years", "yr",     "yrs", "ans",    "an",    "année",
                             "années", "annee", "annees", "no",  "aucune", "aucun", "sans"};
  for (std::size_t k = 1; k < w.size(); ++k) {
    if (!gate.may(w[k])) continue;
    if (no_experience(w, k)) {
      required = 0;
      continue;
    }
    if (!year_unit(w[k])) continue;
    std::size_t nk = k - 1;
    int n = number_value(w[nk]);
    bool strong = false;
    if (n < 0) {
      if (w[nk] == "more" && w.before(nk, 1) == "or" && number_value(w.before(nk, 2)) >= 0) {
        n = number_value(w.before(nk, 2)), nk -= 2, strong = true;  // "3 or more years"
      } else if (w[nk] == "a" && one_of(w.before(nk, 1), "least", "minimum")) {
        n = 1, strong = true;  // "at least a year"
      } else {
        continue;
      }
    }
    if (n > 40 || (w[k] == "an" && n != 1 && w.before(k, 1) != "1")) continue;
    sv between = w.gap(nk + 1);
    if (between.find('+') != sv::npos) strong = true;       // "5+ years"
    const bool hyphenated = nk + 1 == k && between == "-";  // "a 2-year contract"
    int lo = n;
    std::size_t start = nk;
    // Ranges: "3-5 years", "3 to 5 years", "de 3 à 5 ans", "between 3 and 5 years", "five (5) years".
    if (nk >= 1) {
      sv g = w.gap(nk);
      int before = number_value(w[nk - 1]);
      bool dash = g == "-" || g == " - " || g == "\xE2\x80\x93" || g == " \xE2\x80\x93 " || g == "\xE2\x80\x94";
      if (before >= 0 && dash) {
        lo = before, start = nk - 1, strong = true;
      } else if (before >= 0 && g.find('(') != sv::npos && before == n) {
        start = nk - 1;  // "five (5) years"
      } else if (nk >= 2 && one_of(w[nk - 1], "to", "à", "and", "or", "a", "ou", "et") &&
                 number_value(w[nk - 2]) >= 0) {
        lo = number_value(w[nk - 2]), start = nk - 2, strong = true;
      }
    }
    if (lo > n || lo > 30) continue;
    sv b1 = w.before_in(start, 1), b2 = w.before_in(start, 2);
    if (one_of(b1, "least", "minimum", "min", "moins", "minimal", "minimally", "than") ||
        (b1 == "of" && b2 == "minimum") || (b1 == "de" && one_of(b2, "minimum", "plus")))
      strong = true;
    const int after = not_requirement_after(w, k);
    if (after == kNever) continue;
    if (hyphenated && !experience_word(w[k + 1]) && w[k + 1] != "of") continue;
    // Experience said after ("years of experience", "years in software") or before ("Experience: 3-5 years").
    bool said = false;
    for (std::size_t j = k + 1; !said && j < w.size() && j <= k + 7 && !w.breaks(j); ++j) said = experience_word(w[j]);
    if (after == kUnlessExperience && !said) continue;
    bool experience =
        said || (one_of(w[k + 1], "of", "in", "with", "as", "en", "dans", "d", "de", "on") && !w.breaks(k + 1));
    for (std::size_t j = start; !experience && j > 0 && j + 4 > start && !w.breaks(j); --j)
      experience = experience_word(w[j - 1]);
    if (not_requirement_before(w, start) && !(strong && experience)) continue;
    if (!experience && !strong) continue;
    if (company_boast(w, start, k)) continue;
    // "8+ years of accounting, including 3 in manufacturing", "6+ years ... or 3+ years + PhD":
    // the later ones qualify the first.
    std::size_t sentence = w.sentence_of(start);
    if (sentence == counted_sentence) continue;
    counted_sentence = sentence;
    int& slot = pref.at(k) ? preferred : required;
    if (lo < slot) slot = lo;
  }
  if (required != INT_MAX) return required;
  if (preferred != INT_MAX) return preferred;
  return -1;
}

// ---- level --------------------------------------------------------------------------

namespace {

enum Level : int { kNone = -1, kEntry = 0, kMid = 1, kSenior = 2, kExpert = 3 };
const char* level_name(int level) {
  switch (level) {
    case kEntry:
      return "entry";
    case kMid:
      return "mid";
    case kSenior:
      return "senior";
    case kExpert:
      return "expert";
    default:
      return "";
  }
}

// A word right after "staff" that makes it a rank ("Staff Engineer") rather than
// a plain employee ("Staff Accountant", "Staff Nurse").
bool staff_rank_next(sv x) {
  return one_of(x, "engineer", "software", "data", "machine", "ml", "backend", "frontend", "front", "back", "full",
                "fullstack", "site", "security", "product", "designer", "scientist", "research", "researcher",
                "developer", "infrastructure", "platform", "systems", "applied", "ux", "mobile", "cloud", "devops",
                "analytics", "sre", "ios", "android", "technical", "quality", "hardware", "firmware", "network",
                "database", "solutions", "ai", "frontend", "test", "reliability", "performance");
}
// After "senior": care for older people, not a level.
bool senior_care_next(sv x) {
  return one_of(x, "living", "care", "caregiver", "caregivers", "home", "homes", "services", "community", "communities",
                "center", "centre", "citizens", "citizen", "housing", "residence", "residences", "residents",
                "resident", "lifestyle", "apartments", "companion", "companions", "daycare", "assisted", "day",
                "wellness", "retirement");
}
// A trailing roman numeral ("Analyst I", "Engineer II - Toronto").
bool roman_position(const Words& w, std::size_t k) {
  if (k == 0 || !w.in_title(k - 1) || w[k - 1].size() < 2 || is_digit(w[k - 1][0])) return false;
  if (!w.in_title(k + 1)) return true;
  sv g = w.gap(k + 1);
  return g.find_first_of("-,(|/:)") != sv::npos || (!g.empty() && static_cast<unsigned char>(g[0]) != ' ') ||
         g.find('\xE2') != sv::npos;
}

// The level one title word says, looking at its neighbours; kNone when none.
int title_level(const Words& w, std::size_t k) {
  sv x = w[k];
  sv next = w.in_title(k + 1) ? w[k + 1] : sv{};
  // French puts "principal" after the noun, where it means senior: "Comptable principal(e)",
  // "Analyste principal, risques"; English puts it first: "Principal Engineer".
  if (x == "principale" || (x == "principal" && k > 0 && w.in_title(k - 1) &&
                            w.gap(k).find_first_not_of(" )") == sv::npos && title_level(w, k - 1) == kNone &&
                            (next.empty() || next == "e" || w.gap(k + 1).find_first_of("-,(|/:") != sv::npos)))
    return kSenior;
  if (one_of(x, "principal", "principale", "distinguished", "architect", "architecte", "architects", "director",
             "directeur", "directrice", "directors", "vp", "svp", "evp", "avp", "chief", "cto", "ceo", "cfo", "coo",
             "cio", "ciso", "cso", "cmo", "cpo", "cdo", "cro", "president", "fellow", "présidente", "président"))
    return kExpert;
  if (x == "head" && one_of(next, "of", "de")) return kExpert;
  if (x == "vice" && next == "president") return kExpert;
  if (x == "staff" && staff_rank_next(next)) return kExpert;
  if (one_of(x, "senior", "sénior", "sr", "snr", "séniors")) return senior_care_next(next) ? kNone : kSenior;
  if (x == "lead" && !one_of(next, "generation", "gen", "generator", "generating", "abatement", "paint", "nurturing",
                             "qualification", "development", "poisoning"))
    return kSenior;
  if (one_of(x, "intermediate", "intermédiaire", "mid", "midlevel")) return kMid;
  if (one_of(x, "intern", "interns", "internship", "junior", "jr", "júnior", "graduate", "grad", "graduates",
             "trainee", "apprentice", "apprenti", "apprentie", "stagiaire", "stagiaires", "coop"))
    return kEntry;
  if (x == "entry" && one_of(next, "level", "lvl")) return kEntry;  // not "Data Entry Clerk"
  if (x == "new" && one_of(next, "grad", "grads", "graduate", "graduates")) return kEntry;
  if (x == "co" && next == "op") return kEntry;
  if (x == "stage" && (one_of(next, "en", "de", "d", "été", "hiver", "automne", "rémunéré") || !w.in_title(k + 1) ||
                       w.gap(k + 1).find_first_of("-:(|") != sv::npos))
    return kEntry;
  if (one_of(x, "student", "étudiant", "étudiante", "students") &&
      (!w.in_title(k + 1) ||
       one_of(next, "intern", "internship", "assistant", "worker", "developer", "engineer", "analyst", "position",
              "programmer", "researcher") ||
       w.gap(k + 1).find_first_of("-:(|,") != sv::npos))
    return kEntry;
  if (one_of(x, "i", "ii", "iii", "iv") && roman_position(w, k)) return x == "i" ? kEntry : x == "ii" ? kMid : kSenior;
  return kNone;
}

// Phrases in the description that state the level: "entry-level", "new graduates welcome".
int text_level(const Words& w, std::size_t k) {
  static const WordGate gate{"entry",    "new",          "recent",    "nouveaux",   "nouvelles",  "nouveau",
                             "nouvelle", "jeunes",       "finissant", "finissants", "finissante", "finissantes",
                             "no",       "aucune",       "aucun",     "sans",       "experience", "expérience",
                             "junior",   "intermediate", "mid",       "senior"};
  if (!gate.may(w[k])) return kNone;
  sv x = w[k], next = w[k + 1];
  bool near = w.joined(k + 1);
  if (x == "entry" && next == "level" && near) return kEntry;
  if (one_of(x, "new", "recent") && near && one_of(next, "grad", "grads", "graduate", "graduates", "graduation"))
    return kEntry;
  if (one_of(x, "nouveaux", "nouvelles", "nouveau", "nouvelle", "jeunes") && near &&
      one_of(next, "diplômés", "diplômées", "diplômé", "diplômée"))
    return kEntry;
  if (one_of(x, "finissant", "finissants", "finissante", "finissantes")) return kEntry;
  if (no_experience(w, k)) return kEntry;
  // "Barista experience is a plus but not required"
  if ((x == "experience" || x == "expérience") && !w.breaks(k + 1)) {
    for (std::size_t j = k + 1; j <= k + 7 && j < w.size() && !w.breaks(j); ++j)
      if ((w[j] == "not" && one_of(w[j + 1], "required", "necessary", "needed", "mandatory")) ||
          (w[j] == "pas" && one_of(w[j + 1], "requise", "nécessaire", "obligatoire", "exigée")))
        return kEntry;
  }
  if (one_of(x, "junior", "intermediate", "mid", "senior") && near) {
    sv role = next == "level" && w.joined(k + 2) ? w[k + 2] : next;
    if (one_of(role, "role", "position", "poste") || (x == "mid" && next == "level"))
      return x == "junior" ? kEntry : x == "senior" ? kSenior : kMid;
  }
  return kNone;
}

}  // namespace

std::string find_level(const Text& t, int min_years) {
  const Words w{t};
  int first = kNone;
  bool expert = false, associate = false;
  std::size_t k = 0;
  for (; w.in_title(k); ++k) {
    int level = title_level(w, k);
    // "Executive Assistant to the CEO", "Office of the President": whom the job serves, not its level.
    sv b1 = w.before(k, 1), b2 = w.before(k, 2);
    if (level == kExpert && (b1 == "to" || (b1 == "the" && one_of(b2, "to", "of")))) level = kNone;
    if (level == kExpert)
      expert = true;
    else if (level != kNone && first == kNone)
      first = level;
    if (w[k] == "associate" &&
        !one_of(w.in_title(k + 1) ? w[k + 1] : sv{}, "professor", "partner", "dean", "general", "counsel"))
      associate = true;
  }
  if (expert) return level_name(kExpert);
  if (first != kNone) return level_name(first);
  if (associate) return level_name(kEntry);
  for (; k < w.size(); ++k)
    if (int level = text_level(w, k); level != kNone) return level_name(level);
  if (min_years < 0) return "";
  if (min_years <= 1) return level_name(kEntry);
  if (min_years <= 4) return level_name(kMid);
  if (min_years <= 7) return level_name(kSenior);
  return level_name(kExpert);
}

}  // namespace ajx
