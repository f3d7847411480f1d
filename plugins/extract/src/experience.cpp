// Experience, level, job type and education from the text of a posting. Each
// finder walks the shared Text's words once, looking at a few words on either
// side of a cue, so "5+ years of experience" is a requirement and "10 years in
// business" is not, "Contract Manager" is a title and "(Contract)" a job type,
// "Senior Living" a care home and "Senior Manager" a level.
//
// Decisions where the issue is silent:
// - Level from the title: intern/junior/jr/graduate/new grad/entry/trainee/
//   apprentice/stagiaire/co-op and a trailing "I" -> entry; intermediate/mid
//   and "II" -> mid; senior/sr/lead and "III"/"IV" -> senior; staff (before an
//   engineering word)/principal/distinguished/architect/director/head of/vp/
//   vice president/chief/C-level/fellow -> expert. Expert words win ("Senior
//   Director"); else the first level word in the title. "Associate" is entry
//   only when nothing else in the title says a level. "Manager" says nothing.
// - Job type: "fixed-term" (and French "durée déterminée", CDD) is contract, a
//   contract of a set length; "temporary", "seasonal", "temporaire", a public
//   sector "Term" and a "Long-Term Occasional" teacher are temporary;
//   "permanent" and CDI are fulltime unless part time is said too; "casual"
//   (on call) is parttime. Among several: internship, then contract ("seasonal
//   contract"), then temporary, then part/full time (the first), then
//   permanent, so "full-time 6-month contract" is contract.
// - Years: the lowest required, counting the first figure of each sentence
//   only ("8+ years, including 3 in manufacturing" is 8); a "preferred / nice
//   to have / asset" one (its clause or its section) counts only when nothing
//   is required; "no experience required" is 0.
// - Education: the lowest degree required; one that is only preferred says
//   nothing, nor does study ("currently enrolled in a PhD program", tuition
//   benefits). "Bac+N" (France) counts N years after secondary school.
#include "extract/extract.hpp"

#include <bitset>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <iterator>

namespace ajx {

namespace {

using sv = std::string_view;

// Whether w is one of the literal words: unrolled at compile time (an
// initializer_list of string_views is rebuilt on the stack at every call).
template <std::size_t... N>
bool one_of(sv w, const char (&... words)[N]) {
  return ((w.size() == N - 1 && std::char_traits<char>::compare(w.data(), words, N - 1) == 0) || ...);
}

// A cheap first look at a word: could it be one of a finder's cue words? A
// bit per (first byte, last byte, length), so most words of a posting are
// passed over with one lookup before any string comparison.
class WordGate {
 public:
  WordGate(std::initializer_list<sv> words) {
    for (sv w : words) bits_.set(slot(w));
  }
  bool may(sv w) const { return !w.empty() && bits_.test(slot(w)); }

 private:
  static std::size_t slot(sv w) {
    const unsigned first = static_cast<unsigned char>(w.front()), last = static_cast<unsigned char>(w.back());
    return (first * 131u + last * 7u + static_cast<unsigned>(w.size()) * 1031u) % 4096u;
  }
  std::bitset<4096> bits_;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Word access with bounds: "" past either end.
struct Words {
  const Text& t;
  std::size_t size() const { return t.words.size(); }
  sv operator[](std::size_t k) const { return k < t.words.size() ? t.word(k) : sv{}; }
  sv before(std::size_t k, std::size_t n) const { return k >= n ? t.word(k - n) : sv{}; }
  // The same within the sentence of word k: "" when a line or sentence ends in between.
  sv before_in(std::size_t k, std::size_t n) const {
    if (k < n) return {};
    for (std::size_t i = 0; i < n; ++i)
      if (breaks(k - i)) return {};
    return t.word(k - n);
  }
  // The first word of the sentence (or line, or bullet) of word k.
  std::size_t sentence_of(std::size_t k) const {
    while (k > 0 && !breaks(k)) --k;
    return k;
  }
  // The bytes between word k-1 and word k.
  sv gap(std::size_t k) const {
    if (k == 0 || k >= t.words.size()) return {};
    return sv(t.lower).substr(t.words[k - 1].end, t.words[k].begin - t.words[k - 1].end);
  }
  // Word k follows word k-1 with only spaces or a hyphen between (same phrase).
  bool joined(std::size_t k) const {
    if (k == 0 || k >= t.words.size()) return false;
    sv g = gap(k);
    if (g.size() > 3) return false;
    for (char c : g)  // spaces, hyphens, and UTF-8 no-break spaces and dashes
      if (c != ' ' && c != '-' && c != '\t' && static_cast<unsigned char>(c) < 0x80) return false;
    return true;
  }
  // A sentence or line ends between word k-1 and word k.
  bool breaks(std::size_t k) const {
    sv g = gap(k);
    for (std::size_t i = 0; i < g.size(); ++i) {
      char c = g[i];
      if (c == '\n' || c == ';' || c == '!' || c == '?' || c == '|') return true;
      if (c == '.' && (i + 1 == g.size() || g[i + 1] == ' ' || g[i + 1] == '\n')) return true;
      if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < g.size() && static_cast<unsigned char>(g[i + 1]) == 0x80 &&
          static_cast<unsigned char>(g[i + 2]) == 0xA2)
        return true;  // a bullet
    }
    return false;
  }
  bool in_title(std::size_t k) const { return k < t.words.size() && t.words[k].begin < t.title_end; }
};

// ---- preferred lines and sections -------------------------------------------

bool preferred_cue(const Words& w, std::size_t k) {
  sv x = w[k];
  if (one_of(x, "preferred", "preferably", "prefer", "ideally", "desired", "desirable", "advantageous", "optional",
             "appreciated", "apprécié", "appréciée", "souhaitable", "souhaité", "souhaitée", "souhaités", "souhaitées"))
    return true;
  // "is an asset", "a plus", "un atout", "Atouts :", "bonus points"; not "fixed asset schedules", "plus bonus".
  if (one_of(x, "asset", "assets", "atout", "atouts", "advantage", "plus", "pluses", "bonus"))
    return one_of(w.before(k, 1), "an", "a", "un", "is", "are", "considered", "definite", "big", "huge", "strong",
                  "great", "constitue", "est", "sont", "seront", "serait") ||
           (x != "plus" && w.breaks(k)) || (x == "bonus" && w[k + 1] == "points");
  return x == "nice" && one_of(w[k + 1], "to", "have");
}
bool section_word(sv x) {
  return one_of(x, "requirements", "requirement", "required", "qualifications", "must", "responsibilities", "benefits",
                "exigences", "exigence", "profil", "minimum", "basic", "essential", "mandatory", "requis",
                "obligatoire", "obligatoires", "need", "needs");
}

// Whether a word sits in a "preferred" clause ("Nice to have: 5+ years of
// Go", "BScN preferred; diploma-prepared RNs welcome") or under a "Preferred
// qualifications" / "Atouts" heading. Asked with increasing word indices;
// each line is read once for headings.
class Preference {
 public:
  explicit Preference(const Text& t) : w_{t} {}
  bool at(std::size_t k) {
    const std::size_t pos = w_.t.words[k].begin;
    while (pos >= line_end_) next_line();
    return section_pref_ || clause_pref(k);
  }

 private:
  bool clause_pref(std::size_t k) const {
    std::size_t j = w_.sentence_of(k);
    for (std::size_t n = 0; j < w_.size() && n < 40 && (j <= k || !w_.breaks(j)); ++j, ++n)
      if (gate().may(w_[j]) && preferred_cue(w_, j)) return true;
    return false;
  }
  static const WordGate& gate() {
    static const WordGate g{"preferred",        "preferably",   "prefer",    "nice",           "asset",
                            "assets",           "bonus",        "ideally",   "desired",        "desirable",
                            "advantage",        "advantageous", "atout",     "atouts",         "souhaitable",
                            "souhaité",         "souhaitée",    "souhaités", "souhaitées",     "optional",
                            "appreciated",      "apprécié",     "appréciée", "plus",           "pluses",
                            "requirements",     "requirement",  "required",  "qualifications", "must",
                            "responsibilities", "benefits",     "exigences", "exigence",       "profil",
                            "minimum",          "basic",        "essential", "mandatory",      "requis",
                            "obligatoire",      "obligatoires", "need",      "needs"};
    return g;
  }
  // A heading is a short line that is not a bullet ("Nice to have", "Requirements:").
  void next_line() {
    const sv s = w_.t.lower;
    std::size_t begin = started_ ? line_end_ + 1 : 0;
    started_ = true;
    std::size_t end = s.find('\n', begin);
    line_end_ = end == sv::npos ? s.size() : end;
    bool pref = false, header_word = false;
    std::size_t count = 0;
    for (; k_ < w_.size() && w_.t.words[k_].begin < line_end_; ++k_, ++count) {
      if (!gate().may(w_[k_])) continue;
      if (preferred_cue(w_, k_)) pref = true;
      if (section_word(w_[k_])) header_word = true;
    }
    std::size_t first = s.find_first_not_of(" \t", begin);
    bool bullet = first < line_end_ && (s[first] == '-' || s[first] == '*' || s.substr(first, 3) == "\xE2\x80\xA2");
    if (count == 0 || count > 6 || bullet) return;
    if (pref)
      section_pref_ = true;
    else if (header_word)
      section_pref_ = false;
  }
  Words w_;
  std::size_t line_end_ = 0, k_ = 0;
  bool started_ = false, section_pref_ = false;
};

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

// ---- job type -----------------------------------------------------------------------

namespace {

// kPermanent is full time unless part time is said too ("Permanent Part-Time").
enum Type : int { kNoType = -1, kFull, kPart, kContract, kInternship, kTemporary, kPermanent };
const char* type_name(int type) {
  switch (type) {
    case kFull:
    case kPermanent:
      return "fulltime";
    case kPart:
      return "parttime";
    case kContract:
      return "contract";
    case kInternship:
      return "internship";
    case kTemporary:
      return "temporary";
    default:
      return "";
  }
}

// Nouns after "contract", "temporary", "seasonal", "permanent" that make them a
// job type: "contract role", "temporary position", "permanent full-time".
bool engagement_noun(sv x) {
  return one_of(x, "position", "positions", "role", "roles", "job", "jobs", "assignment", "assignments", "basis",
                "opportunity", "opportunities", "engagement", "term", "length", "duration", "employee", "employees",
                "employment", "worker", "workers", "opening", "gig", "period", "hire", "contract", "contractor", "full",
                "part", "post", "poste", "staff", "associate", "associates", "team", "placement", "status", "w2",
                "extension", "work", "only");
}
// What "contract" is followed by in a title when it is a duty, not a job type: "Contract Manager".
bool contract_duty_next(sv x) {
  return one_of(x, "manager", "management", "managers", "administrator", "administration", "admin", "specialist",
                "analyst", "negotiator", "coordinator", "officer", "lawyer", "attorney", "counsel", "compliance",
                "review", "reviewer", "lifecycle", "associate", "paralegal", "director", "lead", "support", "drafting",
                "services", "operations", "professional", "accountant", "clerk", "advisor", "consultant", "assistant",
                "supervisor", "pricing", "sales", "writer", "lawyers", "and", "de", "program", "programs", "closeout",
                "negotiations", "negotiation", "estimator", "procurement", "performance", "risk", "legal", "law");
}

// Where a word is read: in the title and after "Job type:" a bare "Contract"
// or "Temporary" is a label; in the running text they need context.
enum class Where { title, label, text };

// The type a word says at k, reading neighbours.
int type_at(const Words& w, std::size_t k, Where where) {
  static const WordGate gate{"full",
                             "fulltime",
                             "temps",
                             "cdi",
                             "part",
                             "parttime",
                             "permanent",
                             "permanente",
                             "casual",
                             "internship",
                             "internships",
                             "stagiaire",
                             "stagiaires",
                             "intern",
                             "interns",
                             "co",
                             "coop",
                             "stage",
                             "contractuel",
                             "contractuelle",
                             "cdd",
                             "freelance",
                             "freelancer",
                             "fixed",
                             "durée",
                             "contract",
                             "contractor",
                             "contrat",
                             "term",
                             "occasional",
                             "tidsbegränsad",
                             "vikariat",
                             "visstidsanställning",
                             "heltid",
                             "deltid",
                             "temporary",
                             "temp",
                             "seasonal",
                             "temporaire",
                             "temporaires",
                             "saisonnier",
                             "saisonnière",
                             "saisonniers"};
  if (!gate.may(w[k])) return kNoType;
  sv x = w[k], next = w[k + 1], prev = w.before(k, 1);
  bool near = w.joined(k + 1);
  const bool title = where != Where::text;
  if ((where == Where::title && !w.in_title(k + 1)) || (where == Where::label && w.breaks(k + 1))) next = {};
  if ((x == "full" && near && one_of(next, "time", "timer")) || x == "fulltime" ||
      (x == "temps" && one_of(next, "plein", "complet")) || x == "cdi")
    return kFull;
  if ((x == "part" && near && one_of(next, "time", "timer")) || x == "parttime" || (x == "temps" && next == "partiel"))
    return kPart;
  if (x == "permanent" || x == "permanente") {
    if (title || engagement_noun(next) || one_of(prev, "poste", "position", "emploi", "role") || w.breaks(k + 1) ||
        w.gap(k + 1).find_first_of(",)") != sv::npos)
      return kPermanent;
  }
  // "Casual position" (on call, Canadian boards): part time.
  if (x == "casual" && (where == Where::label || (title && next.empty()) || engagement_noun(next))) return kPart;
  // Internship.
  if (one_of(x, "internship", "internships", "stagiaire", "stagiaires")) {
    if (title || x[0] == 's' ||
        one_of(prev, "this", "paid", "unpaid", "summer", "fall", "winter", "spring", "month", "months", "week", "weeks",
               "term", "time") ||
        (prev == "an" && !one_of(next, "program", "programs", "programme")) ||
        one_of(next, "position", "role", "opportunity", "term", "placement", "period", "duration", "length", "start",
               "starts", "begins", "will", "is", "runs"))
      return kInternship;
  }
  if (x == "intern" || x == "interns") {
    if (title || (one_of(prev, "an", "as") && !one_of(next, "mentor", "manager"))) return kInternship;
  }
  if ((x == "co" && next == "op" && near) || x == "coop") {
    std::size_t after = x == "co" ? k + 2 : k + 1;
    if (title ||
        one_of(w[after], "student", "students", "position", "placement", "opportunity", "role", "job", "stage",
               "stagiaire") ||
        one_of(prev, "a", "this", "summer", "fall", "winter", "month", "months"))
      return kInternship;
  }
  if (x == "stage" && (title ? (one_of(next, "en", "de", "d", "été", "hiver", "automne", "rémunéré", "") ||
                                w.gap(k + 1).find_first_of("-:(|") != sv::npos)
                             : (one_of(prev, "un", "ce", "le", "du", "votre", "ton") ||
                                one_of(next, "rémunéré", "pratique", "crédité"))))
    return kInternship;
  // Contract.
  if (x == "contractuel" || x == "contractuelle" || x == "cdd") return kContract;
  // "Freelance Writer", "on a freelance basis", "as a freelancer"; not "work with a content freelancer".
  if ((x == "freelance" || x == "freelancer") &&
      (title || engagement_noun(next) || prev == "as" || (prev == "a" && w.before(k, 2) == "as")))
    return kContract;
  if (x == "fixed" && near && next == "term") return kContract;
  if (x == "durée" && one_of(next, "déterminée", "determinee")) return kContract;
  if (x == "durée" && one_of(next, "indéterminée", "indeterminee")) return kFull;
  if (x == "contract" || x == "contractor" || x == "contrat") {
    if (x == "contrat") {
      if (next == "à" && w[k + 2] == "durée") return kNoType;  // read at "durée"
      if (one_of(next, "permanent", "cdi")) return kPermanent;
      if (one_of(next, "de", "d", "temporaire", "contractuel") || engagement_noun(next)) return kContract;
      return kNoType;
    }
    if (title) {
      // A label: "(Contract)", "Contract - Java Developer", "Developer, 6-month contract", "Contract Java Developer";
      // not a duty: "Contract Manager", "Contractor Safety Coordinator".
      if (contract_duty_next(next) || (x == "contractor" && one_of(next, "safety", "relations", "quality")))
        return kNoType;
      return kContract;
    }
    if (x == "contract" && next == "to" && w[k + 2] == "hire") return kContract;
    if (one_of(prev, "month", "months", "mois", "year", "week", "weeks", "fixed", "term", "temporary", "short", "long",
               "initial", "w2", "c2c", "1099") ||
        (x == "contractor" && one_of(prev, "independent", "a", "as", "an", "1099")) ||
        (x == "contract" && prev == "on") || engagement_noun(next) ||
        (x == "contract" && prev == "a" && w.breaks(k + 1)))
      return kContract;
    return kNoType;
  }
  // Temporary: a "term" appointment (public sector), a long-term occasional teacher, Swedish "vikariat".
  if (x == "term" && !one_of(prev, "fixed", "long", "short", "mid", "medium", "full", "part") &&
      (where == Where::label ||
       (title && (next.empty() || w.gap(k).find_first_of("-(,|/") != sv::npos ||
                  w.gap(k + 1).find_first_of(")-,|/") != sv::npos)) ||
       one_of(next, "position", "appointment", "employment", "assignment", "role", "contract") ||
       (next == "of" && w[k + 2].size() > 0 && (is_digit(w[k + 2][0]) || w[k + 2] == "one" || w[k + 2] == "six"))))
    return kTemporary;
  if (title && (x == "occasional" || x == "tidsbegränsad" || x == "vikariat" || x == "visstidsanställning"))
    return kTemporary;
  if (title && x == "heltid") return kFull;
  if (title && x == "deltid") return kPart;
  if (one_of(x, "temporary", "temp", "seasonal", "temporaire", "temporaires", "saisonnier", "saisonnière",
             "saisonniers")) {
    if (title || x == "temporaire" || x == "temporaires" || engagement_noun(next) || (x == "temp" && next == "to") ||
        w.breaks(k + 1) || w.gap(k + 1).find_first_of(",):") != sv::npos)
      return kTemporary;
  }
  return kNoType;
}

// Which of two found types to keep: internship first, then contract ("a
// seasonal contract"), then temporary, then part or full time (the earlier).
int rank(int type) {
  switch (type) {
    case kInternship:
      return 5;
    case kContract:
      return 4;
    case kTemporary:
      return 3;
    case kFull:
    case kPart:
      return 2;
    case kPermanent:
      return 1;
    default:
      return 0;
  }
}
void keep(int& best, int found) {
  if (rank(found) > rank(best)) best = found;
}

// "Job Type: Full-time", "Employment type: Contract", "Type d'emploi : Temps plein".
bool type_label(const Words& w, std::size_t k) {
  static const WordGate gate{"type",     "types", "status", "tenure", "employment",
                             "position", "job",   "emploi", "poste",  "contrat"};
  if (!gate.may(w[k])) return false;
  sv x = w[k], prev = w.before(k, 1), prev2 = w.before(k, 2);
  if (one_of(x, "type", "types", "status", "tenure") &&
      one_of(prev, "job", "employment", "position", "work", "contract", "engagement", "role", "worker"))
    return true;
  if (one_of(x, "employment", "position", "job", "emploi", "poste", "contrat") && one_of(prev, "of", "d", "de", "du") &&
      one_of(prev2, "type", "statut", "nature"))
    return true;
  if (x == "employment" && (k == 0 || w.breaks(k))) return true;  // "Employment: Full-time"
  return false;
}

}  // namespace

std::string find_job_type(const Text& t) {
  const Words w{t};
  int title_type = kNoType;
  std::size_t k = 0;
  for (; w.in_title(k); ++k) keep(title_type, type_at(w, k, Where::title));
  if (title_type != kNoType) return type_name(title_type);
  const std::size_t body = k;
  // An explicit label wins ("Job Types: Full-time, Contract" is contract).
  for (std::size_t j = body; j < w.size(); ++j) {
    if (!type_label(w, j)) continue;
    sv g = w.gap(j + 1);
    if (g.find(':') == sv::npos && g.find('\xE2') == sv::npos && g.find('-') == sv::npos) continue;
    int found = kNoType;
    for (std::size_t i = j + 1; i < w.size() && i < j + 12; ++i) {
      if (i > j + 1 && w.gap(i).find('\n') != sv::npos) break;
      keep(found, type_at(w, i, Where::label));
    }
    if (found != kNoType) return type_name(found);
  }
  int best = kNoType;
  for (std::size_t j = body; j < w.size(); ++j) keep(best, type_at(w, j, Where::text));
  return type_name(best);
}

// ---- education --------------------------------------------------------------------

namespace {

enum Degree : int { kNoDegree = 0, kSecondary, kDiploma, kBachelor, kMaster, kDoctorate, kUnsaid };
const char* degree_name(int d) {
  switch (d) {
    case kNoDegree:
      return "none";
    case kSecondary:
      return "secondary";
    case kDiploma:
      return "diploma";
    case kBachelor:
      return "bachelor";
    case kMaster:
      return "master";
    case kDoctorate:
      return "doctorate";
    default:
      return "";
  }
}

// The degree named at word k (reading its neighbours), or kUnsaid.
int degree_at(const Words& w, std::size_t k) {
  static const WordGate gate{"phd",
                             "doctorate",
                             "doctoral",
                             "doctorat",
                             "dphil",
                             "phds",
                             "ph",
                             "msc",
                             "mba",
                             "meng",
                             "mastère",
                             "msci",
                             "mphil",
                             "mfa",
                             "mpa",
                             "mph",
                             "mcs",
                             "m",
                             "master",
                             "masters",
                             "ms",
                             "maîtrise",
                             "graduate",
                             "advanced",
                             "postgraduate",
                             "post",
                             "bachelor",
                             "bachelors",
                             "bsc",
                             "beng",
                             "btech",
                             "bcomm",
                             "bcom",
                             "bba",
                             "bcs",
                             "baccalauréat",
                             "baccalaureat",
                             "bachelier",
                             "undergraduate",
                             "bs",
                             "b",
                             "ba",
                             "bscn",
                             "degree",
                             "degrees",
                             "universitaire",
                             "universitaires",
                             "diploma",
                             "diplomas",
                             "diplôme",
                             "associate",
                             "dec",
                             "aec",
                             "dep",
                             "collégial",
                             "collégiales",
                             "collégiale",
                             "collegial",
                             "college",
                             "high",
                             "highschool",
                             "ged",
                             "secondary",
                             "secondaire",
                             "secondaires",
                             "grade",
                             "bac",
                             "bts",
                             "dut",
                             "licence"};
  sv x = w[k];
  if (!gate.may(x)) return kUnsaid;
  sv next = w[k + 1], prev = w.before(k, 1);
  sv g = w.gap(k + 1);
  bool dotted = g == ".";  // "ph.d", "m.sc", "b.eng"
  // Doctorate.
  if (one_of(x, "phd", "doctorate", "doctoral", "doctorat", "dphil", "phds")) return kDoctorate;
  if (x == "ph" && dotted && next == "d") return kDoctorate;
  // Master.
  if (one_of(x, "msc", "mba", "meng", "mastère", "msci", "mphil", "mfa", "mpa", "mph", "mcs")) return kMaster;
  if (x == "m" && dotted && one_of(next, "sc", "eng", "s", "a", "ing")) return kMaster;
  if (x == "master" && (one_of(next, "s", "degree", "of", "in", "en") || g.find('\'') != sv::npos)) return kMaster;
  if (x == "masters" && one_of(next, "degree", "in", "of", "or", "level")) return kMaster;
  if (x == "ms" && (one_of(next, "in", "degree", "or") || one_of(prev, "bs", "ba", "bsc"))) return kMaster;
  if (x == "maîtrise" && one_of(next, "en", "universitaire", "ès", "ou")) return kMaster;
  if (one_of(x, "graduate", "advanced", "postgraduate", "post") && one_of(next, "degree", "degrees", "graduate")) {
    if (x == "post" && next == "graduate") return w[k + 2] == "degree" ? kMaster : kUnsaid;
    return x == "post" ? kUnsaid : kMaster;
  }
  // France: "Bac+2" (two years after the secondary-school bac), BTS, DUT, licence, "Master 2".
  if (x == "bac" && w.gap(k + 1).find('+') != sv::npos && !next.empty() && is_digit(next[0])) {
    int years = next[0] - '0';
    return years <= 2 ? kDiploma : years <= 4 ? kBachelor : years <= 7 ? kMaster : kDoctorate;
  }
  if (x == "bac" && one_of(next, "en", "ès", "in")) return kBachelor;  // Québec: "un bac en informatique"
  if (one_of(x, "bts", "dut", "but")) return x == "but" ? kUnsaid : kDiploma;
  if (x == "licence" && one_of(next, "en", "professionnelle", "pro")) return kBachelor;
  // "Graduate of an accredited paralegal program", "graduate from a university program".
  if (x == "graduate" && one_of(next, "of", "from")) {
    for (std::size_t j = k + 2; j <= k + 7 && j < w.size() && !w.breaks(j); ++j) {
      if (one_of(w[j], "university", "université")) return kBachelor;
      if (one_of(w[j], "college", "program", "programme", "diploma")) return kDiploma;
    }
    return kUnsaid;
  }
  // Bachelor.
  if (one_of(x, "bachelor", "bachelors", "bsc", "bscn", "bcomm", "beng", "btech", "bcomm", "bcom", "bba", "bcs",
             "baccalauréat", "baccalaureat", "bachelier", "undergraduate", "bs")) {
    if (x == "undergraduate") return one_of(next, "degree", "degrees") ? kBachelor : kUnsaid;
    if (x == "bs") return one_of(next, "in", "degree", "or", "ms") || g == "/" ? kBachelor : kUnsaid;
    return kBachelor;
  }
  if (x == "b" && dotted && one_of(next, "sc", "eng", "s", "a", "tech", "comm", "com", "ing")) return kBachelor;
  if (x == "ba" && (one_of(next, "in", "degree", "or") || g == "/")) return kBachelor;
  if (x == "degree" || x == "degrees") {
    if (prev == "year" && one_of(w.before(k, 2), "2", "two", "3", "three")) return kDiploma;  // "2-year degree"
    // "Master's degree", "graduate degree", "associate degree": read at the word before.
    if (one_of(prev, "s", "master", "masters", "graduate", "advanced", "doctoral", "associate", "associates",
               "postgraduate", "phd", "mba", "msc"))
      return kUnsaid;
    if (one_of(prev, "university", "college", "year", "undergraduate", "a", "relevant", "related", "technical",
               "engineering", "science", "sciences", "business", "accounting", "finance", "bachelor", "or", "post",
               "secondary") ||
        one_of(next, "in", "from", "required", "or")) {
      if (one_of(next, "of")) return kUnsaid;
      if (prev == "secondary" && w.before(k, 2) == "post") return kDiploma;
      return kBachelor;
    }
    return kUnsaid;
  }
  if (x == "universitaire" || x == "universitaires") {
    if (one_of(prev, "diplôme", "grade", "formation", "études", "baccalauréat")) return kBachelor;
    return kUnsaid;
  }
  // Diploma.
  if (x == "diploma" || x == "diplomas" || x == "diplôme") {
    if (prev == "school" || one_of(next, "d", "de")) return kUnsaid;  // read elsewhere
    return x == "diplôme" ? kUnsaid : kDiploma;
  }
  if (x == "associate" && (next == "degree" || (next == "s" && w[k + 2] == "degree"))) return kDiploma;
  if (one_of(x, "dec", "aec", "dep") &&
      (one_of(next, "en", "ou", "or", "in", "dans") || one_of(prev, "un", "une", "d", "dec", "aec")))
    return kDiploma;
  if (one_of(x, "collégial", "collégiales", "collégiale", "collegial")) return kDiploma;
  if (x == "college" && one_of(next, "diploma", "program", "certificate")) return kDiploma;
  // Secondary.
  if (x == "high" && next == "school") return kSecondary;
  if (one_of(x, "highschool", "ged")) return kSecondary;
  if (x == "secondary" && one_of(next, "school", "education", "diploma") && prev != "post") return kSecondary;
  if (one_of(x, "secondaire", "secondaires") && prev != "post") return kSecondary;
  if (x == "grade" && next == "12") return kSecondary;
  return kUnsaid;
}

// "no degree required", "degree not required", "aucun diplôme".
bool no_degree(const Words& w, std::size_t k) {
  sv x = w[k];
  if (x.size() < 6 || !one_of(x, "degree", "diploma", "diplôme", "formal")) return false;
  sv prev = w.before(k, 1);
  if (prev == "no" || prev == "aucun" || (prev == "university" && w.before(k, 2) == "no")) return true;
  return w[k + 1] == "not" && one_of(w[k + 2], "required", "necessary", "needed");
}

// A degree named for what people study or teach, not one the job asks for:
// "tuition reimbursement for your Master's", "currently enrolled in a PhD
// program", "tutor high school students".
bool not_asked(const Words& w, std::size_t k) {
  for (std::size_t j = k + 1; j <= k + 2; ++j)
    if (one_of(w[j], "student", "students", "candidate", "candidates", "teacher", "teachers", "curriculum", "étudiant",
               "étudiants", "étudiante", "étudiantes", "élèves", "intern", "interns", "internship") &&
        !w.breaks(j))
      return true;
  for (std::size_t j = k; j > 0 && j + 10 > k && !w.breaks(j); --j)
    if (one_of(w[j - 1], "tuition", "reimbursement", "sponsorship", "sponsor", "remboursement", "enrolled",
               "enrollment", "enrolment", "pursuing", "inscrit", "inscrite", "inscrits", "currently"))
      return true;
  return false;
}

}  // namespace

std::string find_education(const Text& t) {
  const Words w{t};
  Preference pref(t);
  int required = kUnsaid;
  std::size_t k = 0;
  while (w.in_title(k)) ++k;  // a title's "(PhD)" names whom an internship is for
  for (; k < w.size(); ++k) {
    int d = no_degree(w, k) ? kNoDegree : degree_at(w, k);
    if (d == kUnsaid || d >= required || not_asked(w, k)) continue;
    // Only what is required: a degree that is "preferred" or "an asset" is not asked for.
    if (pref.at(k)) continue;
    required = d;
  }
  return degree_name(required);
}

}  // namespace ajx
