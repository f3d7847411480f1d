// The posting's own language (en | fr) from its function words, and whether
// French is required, an asset or not asked for.
//
// French: mentions of languages are grouped ("bilingual (English/French)",
// "français et anglais" are one group each), and each qualifier of a sentence
// ("required", "must", "an asset", "atout", "nice to have") is given to the
// nearest group, so "English required, French an asset" and "l'anglais est un
// atout" say what they mean. A group with no qualifier takes the heading it is
// listed under ("Assets:", "Nice to have:", "Requirements:"), else counts as
// required when it is a skill ("fluent in French", "bilingual").
#include "extract/extract.hpp"

#include "words.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace ajx {

namespace {

using words::in;
using words::kGapByte;
using words::one_of;
using words::WordSet;
using words::WordTable;

// ---- the posting's language ---------------------------------------------------

// Function words: +1 French, -1 English.
const WordTable<int8_t> kFunctionWords = [] {
  WordTable<int8_t> t;
  for (std::string_view w :
       {"le",  "la",  "les", "des",  "et",   "pour", "avec",  "vous", "nous",  "une",  "dans",  "est",   "du",  "au",
        "aux", "sur", "par", "sont", "qui",  "que",  "notre", "nos",  "votre", "vos",  "ce",    "cette", "ses", "leur",
        "l",   "d",   "qu",  "à",    "être", "où",   "très",  "afin", "selon", "chez", "ainsi", "aussi"})
    t.insert(w, 1);
  for (std::string_view w : {"the",  "and",  "for",  "with", "you", "we",   "our",   "to",  "of",  "is",
                             "are",  "will", "this", "that", "be",  "your", "in",    "as",  "an",  "have",
                             "from", "who",  "by",   "at",   "it",  "they", "their", "can", "all", "about"})
    t.insert(w, -1);
  return t;
}();

bool accented(std::string_view w) {
  for (std::size_t i = 0; i + 1 < w.size(); ++i)
    if (static_cast<unsigned char>(w[i]) == 0xC3) {
      unsigned char d = static_cast<unsigned char>(w[i + 1]);
      if (d == 0xA9 || d == 0xA8 || d == 0xAA || d == 0xA7 || d == 0xA0 || d == 0xA2 || d == 0xB4 || d == 0xAE)
        return true;  // é è ê ç à â ô î
    }
  return false;
}

// ---- French required ----------------------------------------------------------

enum class Lang : uint8_t { none, french, bilingual, english, other };

// Words after "French" that make it a dish or a door, not the language.
const WordSet kFrenchOtherSense = {
    "fries",    "fry",      "press",    "toast",     "doors",   "door",       "drain",       "drains",    "horn",
    "kiss",     "polish",   "riviera",  "bread",     "cuisine", "restaurant", "restaurants", "bakery",    "pastry",
    "pastries", "quarter",  "manicure", "braid",     "braids",  "revolution", "cooking",     "culinary",  "wine",
    "wines",    "dressing", "onion",    "vanilla",   "cut",     "canadian",   "canadians",   "market",    "markets",
    "bulldog",  "country",  "company",  "companies", "brand",   "brands",     "style",       "cuff",      "cuffs",
    "seam",     "tips",     "roast",    "oak",       "cleat",   "cleats",     "patisserie",  "provincial"};

// Every language word, with the language it names.
const WordTable<Lang> kLanguages = [] {
  WordTable<Lang> t;
  for (std::string_view w : {"french", "français", "francais", "française", "francaise", "francophone", "francophones"})
    t.insert(w, Lang::french);
  for (std::string_view w : {"bilingual", "bilingualism", "bilingue", "bilingues", "bilinguisme"})
    t.insert(w, Lang::bilingual);
  for (std::string_view w : {"english", "anglais", "anglaise", "anglophone", "anglophones"}) t.insert(w, Lang::english);
  for (std::string_view w :
       {"spanish", "mandarin",  "cantonese", "chinese",    "punjabi",   "hindi",      "arabic",  "portuguese",
        "german",  "italian",   "tagalog",   "korean",     "japanese",  "vietnamese", "russian", "polish",
        "urdu",    "tamil",     "farsi",     "persian",    "ukrainian", "dutch",      "greek",   "turkish",
        "hebrew",  "gujarati",  "bengali",   "somali",     "espagnol",  "allemand",   "italien", "chinois",
        "arabe",   "portugais", "cree",      "ojibwe",     "inuktitut", "swahili",    "amharic", "tigrinya",
        "dari",    "pashto",    "romanian",  "hungarian",  "swedish",   "norwegian",  "danish",  "finnish",
        "czech",   "thai",      "malay",     "indonesian", "filipino"})
    t.insert(w, Lang::other);
  return t;
}();

// People and places a language describes: "French-speaking clients".
const WordSet kPeople = {"clients",  "customers", "community", "communities", "population", "populations", "market",
                         "markets",  "patients",  "students",  "families",    "members",    "residents",   "audiences",
                         "audience", "regions",   "countries", "canadians",   "users",      "provinces",   "world",
                         "public",   "partners",  "guests",    "visitors",    "callers",    "consumers"};

Lang lang_of(std::string_view w) {
  const Lang* l = kLanguages.find(w);
  return l ? *l : Lang::none;
}

enum class Says : uint8_t { nothing, required, not_required, asset };

const WordSet kAsset = {
    "asset",        "assets",   "atout",       "atouts",     "preferred",    "preferable", "preferably", "preference",
    "desirable",    "desired",  "bonus",       "advantage",  "advantageous", "beneficial", "helpful",    "ideally",
    "welcome",      "welcomed", "appreciated", "apprécié",   "appréciée",    "souhaité",   "souhaitée",  "souhaitable",
    "souhaitables", "avantage", "optional",    "facultatif", "encouraged",   "valued",     "plus"};
const WordSet kRequired = {"required",    "requirement",   "requirements", "require",     "requires",  "mandatory",
                           "must",        "essential",     "necessary",    "needed",      "need",      "obligatory",
                           "obligatoire", "obligatoires",  "requis",       "requise",     "requises",  "exigé",
                           "exigée",      "exigés",        "exigées",      "exigence",    "exigences", "essentiel",
                           "essentielle", "indispensable", "nécessaire",   "nécessaires", "doit",      "doivent",
                           "critical"};
// Words that make a bare mention a skill the job asks for.
const WordSet kSkillContext = {
    "fluent",       "fluency",       "fluently",    "proficient",    "proficiency",    "speak",      "speaks",
    "speaking",     "spoken",        "written",     "write",         "writing",        "oral",       "verbal",
    "read",         "reading",       "communicate", "communication", "communications", "language",   "languages",
    "knowledge",    "skills",        "skill",       "level",         "maîtrise",       "maitrise",   "maîtriser",
    "connaissance", "connaissances", "parler",      "parlé",         "écrit",          "écrite",     "orale",
    "langue",       "langues",       "excellent",   "strong",        "working",        "native",     "conversational",
    "capacité",     "aptitude",      "ability",     "able",          "command",        "competency", "competent",
    "fluide",       "courant",       "couramment",  "parfaite",      "bonne"};
const WordSet kNegation = {"not", "no", "non", "pas", "never", "aucun", "aucune", "nor"};
// Heading words that open a list of what the job requires.
const WordSet kRequirementHeading = {"requirements",   "required", "qualifications", "must",    "exigences", "requis",
                                     "qualifications", "bring",    "need",           "profile", "profil",    "skills",
                                     "compétences",    "have",     "possess",        "looking"};

/// One run of language words: "bilingual (English/French)" is one group.
struct Group {
  std::size_t first = 0, last = 0;
  bool french = false, bilingual = false, english = false, other = false;
  bool asset = false, required = false, not_required = false;
  bool either = false;  // "English or French": one of them will do
  bool is_french() const { return (french && !either) || (bilingual && !other); }
};

class Scan {
 public:
  explicit Scan(const Text& t) : t_(t), n_(t.words.size()), sentence_(n_), line_(n_) {
    // Number every word's sentence and line once; the finders ask often.
    uint32_t sentence = 0, line = 0;
    for (std::size_t i = 1; i < n_; ++i) {
      const std::string_view g = gap(i);
      unsigned seen = 0;
      for (char c : g) seen |= kGapByte[static_cast<unsigned char>(c)];
      if ((seen & 4) && g.find("•") != std::string_view::npos) seen |= 1;  // a bullet
      sentence += (seen & 1) != 0, line += (seen & 2) != 0;
      sentence_[i] = sentence, line_[i] = line;
    }
  }
  std::size_t size() const { return n_; }
  std::string_view w(std::size_t i) const { return i < n_ ? t_.word(i) : std::string_view{}; }
  std::string_view gap(std::size_t i) const {
    std::size_t b = i == 0 ? 0 : t_.words[i - 1].end;
    std::size_t e = i < n_ ? t_.words[i].begin : t_.lower.size();
    return {t_.lower.data() + b, e - b};
  }
  /// A sentence or line ends between word i-1 and word i.
  bool breaks(std::size_t i) const { return i == 0 || i >= n_ || sentence_[i] != sentence_[i - 1]; }
  bool newline(std::size_t i) const { return i == 0 || i >= n_ || line_[i] != line_[i - 1]; }
  /// Words a and b are in the same sentence.
  bool same_sentence(std::size_t a, std::size_t b) const { return a < n_ && b < n_ && sentence_[a] == sentence_[b]; }

 private:
  const Text& t_;
  std::size_t n_;
  std::vector<uint32_t> sentence_, line_;
};

bool joiner(std::string_view w) {
  return one_of(w, "and", "or", "et", "ou", "in", "en", "both", "the", "of", "l", "le", "la", "d", "du", "de", "to");
}

/// The language groups of the text, in order.
std::vector<Group> groups_of(const Scan& s) {
  std::vector<Group> out;
  std::size_t last_lang = 0;
  bool open = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string_view w = s.w(i);
    Lang l = lang_of(w);
    if (l == Lang::none) continue;
    if (l == Lang::french) {
      const std::string_view next = s.breaks(i + 1) ? std::string_view{} : s.w(i + 1);
      if (in(next, kFrenchOtherSense)) continue;
      // "French-speaking clients" describes the people served, not what the job asks.
      if (next == "speaking" && !s.breaks(i + 2) && in(s.w(i + 2), kPeople)) continue;
    }
    // Joined to the previous group by at most two joining words ("English and/or French").
    bool joined = open && i - last_lang <= 3 && s.same_sentence(last_lang, i);
    bool alternative = false;
    for (std::size_t j = last_lang + 1; joined && j < i; ++j) {
      joined = joiner(s.w(j));
      alternative |= s.w(j) == "or" || s.w(j) == "ou";
    }
    if (!joined) out.push_back(Group{i, i});
    Group& g = out.back();
    if (joined && alternative) g.either = true;  // checked with english below
    g.last = i;
    g.french |= l == Lang::french;
    g.bilingual |= l == Lang::bilingual;
    g.english |= l == Lang::english;
    g.other |= l == Lang::other;
    last_lang = i, open = true;
  }
  // "English or French essential": either will do, so French is not required;
  // "French or Mandarin is an asset" still makes French an asset.
  for (Group& g : out) g.either = g.either && g.english;
  return out;
}

/// What the word at i says of a language, if it is a qualifier.
Says qualifier_at(const Scan& s, std::size_t i) {
  const std::string_view w = s.w(i);
  const std::string_view prev = s.breaks(i) ? std::string_view{} : s.w(i - 1);
  if (w == "plus") {
    // "a plus", "un plus"; French "plus" is otherwise "more".
    return one_of(prev, "a", "big", "huge", "definite", "strong", "nice", "considered", "real", "un", "major")
               ? Says::asset
               : Says::nothing;
  }
  if (w == "nice" && s.w(i + 1) == "to" && s.w(i + 2) == "have") return Says::asset;
  if (w == "need" && prev != "will" && prev != "you" && prev != "may") return Says::nothing;  // "the need for"
  if (in(w, kAsset)) return Says::asset;
  if (in(w, kRequired)) {
    for (std::size_t k = 1; k <= 2 && k <= i; ++k) {
      if (s.breaks(i - k + 1)) break;
      std::string_view b = s.w(i - k);
      if (in(b, kNegation) || (b == "t" && i > k && one_of(s.w(i - k - 1), "isn", "aren", "doesn", "don")))
        return Says::not_required;
    }
    return Says::required;
  }
  return Says::nothing;
}

/// Gives each qualifier to the nearest group of its sentence (within 12 words).
void attach_qualifiers(const Scan& s, std::vector<Group>& groups) {
  constexpr std::size_t kReach = 12;
  if (groups.empty()) return;
  std::size_t gi = 0;  // the first group not wholly before the window
  for (std::size_t i = 0; i < s.size(); ++i) {
    while (gi < groups.size() && groups[gi].last + kReach < i) ++gi;
    if (gi == groups.size()) break;
    if (groups[gi].first > i + kReach) {
      i = groups[gi].first - kReach - 1;
      continue;
    }
    Says q = qualifier_at(s, i);
    if (q == Says::nothing) continue;
    Group* best = nullptr;
    std::size_t best_distance = kReach + 1;
    for (std::size_t g = gi; g < groups.size() && groups[g].first <= i + kReach; ++g) {
      Group& c = groups[g];
      if (i >= c.first && i <= c.last) {  // inside the group: "English (required) / French"
        best = &c, best_distance = 0;
        break;
      }
      std::size_t d = i < c.first ? c.first - i : i - c.last;
      bool ok = i < c.first ? s.same_sentence(i, c.first) : s.same_sentence(c.last, i);
      // Ties go to the group before: "English required, French an asset" splits at the comma.
      if (ok && d < best_distance) best = &c, best_distance = d;
    }
    if (!best) continue;
    if (q == Says::asset) best->asset = true;
    if (q == Says::required) best->required = true;
    if (q == Says::not_required) best->not_required = true;
  }
  // A group right before another in the same sentence shares its qualifier:
  // "Bilingual counsellors (English/French) are an asset".
  for (std::size_t g = groups.size(); g-- > 1;) {
    Group& a = groups[g - 1];
    const Group& b = groups[g];
    if (a.asset || a.required || a.not_required) continue;
    if (b.first - a.last <= 4 && s.same_sentence(a.last, b.first))
      a.asset = b.asset, a.required = b.required, a.not_required = b.not_required;
  }
}

/// The heading the group is listed under: asset ("Assets:", "Nice to have",
/// "Preferred qualifications") or required ("Requirements:"), else nothing.
Says heading_of(const Scan& s, std::size_t first) {
  // Walk back line by line, past the list items, to the first heading: a short
  // line that is not a list item ("Assets:", "Nice to have", "Exigences").
  std::size_t line_end = first;
  int lines = 0;
  while (line_end > 0 && !s.newline(line_end)) --line_end;  // start of the group's own line
  while (line_end > 0 && lines < 15) {
    std::size_t b = line_end - 1;  // last word of the previous line
    std::size_t a = b;
    while (a > 0 && !s.newline(a)) --a;
    ++lines;
    line_end = a;
    const std::string_view lead = s.gap(a);
    const std::string_view marker = lead.substr(std::min(lead.rfind('\n') + 1, lead.size()));
    const bool item =
        marker.find_first_of("-*") != std::string_view::npos || marker.find("•") != std::string_view::npos;  // •
    if (item || b - a >= 8) continue;
    bool asset = false, required = false;
    for (std::size_t i = a; i <= b; ++i) {
      const std::string_view w = s.w(i);
      if (in(w, kAsset) || w == "nice" || w == "bonus" || w == "plus") asset = true;
      if (in(w, kRequirementHeading) || in(w, kRequired)) required = true;
    }
    if (asset) return Says::asset;
    if (required) return Says::required;
    return Says::nothing;  // another section's heading
  }
  return Says::nothing;
}

bool skill_context(const Scan& s, const Group& g) {
  for (std::size_t k = 1; k <= 4; ++k) {
    if (g.first >= k && s.same_sentence(g.first - k, g.first) && in(s.w(g.first - k), kSkillContext)) return true;
    if (g.last + k < s.size() && s.same_sentence(g.last, g.last + k) && in(s.w(g.last + k), kSkillContext)) return true;
  }
  return false;
}

}  // namespace

std::string find_language(const Text& t) {
  int score = 0, seen = 0;  // French words minus English words; how many of either
  for (std::size_t i = 0; i < t.words.size(); ++i) {
    const std::string_view w = t.word(i);
    if (w.size() > 6) continue;  // "être" is 6 bytes
    if (const int8_t* side = kFunctionWords.find(w)) score += *side, ++seen;
  }
  if (score > 0) return "fr";
  // A title alone ("Développeur principal") has few function words to go by.
  if (seen < 3 && score == 0) {
    for (std::size_t i = 0; i < t.words.size(); ++i)
      if (accented(t.word(i))) return "fr";
  }
  return "en";
}

std::string find_french(const Text& t, std::string_view language) {
  // Most postings name no language at all: say so before building anything.
  bool named = false;
  for (std::size_t i = 0; i < t.words.size() && !named; ++i) {
    const Lang l = lang_of(t.word(i));
    named = l == Lang::french || l == Lang::bilingual;
  }
  if (!named) return language == "fr" ? "required" : "none";
  const Scan s(t);
  std::vector<Group> groups = groups_of(s);
  attach_qualifiers(s, groups);

  bool required = false, asset = false, not_required = false;
  bool french_asset = false, french_not_required = false;  // said of "French" itself, not of bilingualism
  for (const Group& g : groups) {
    if (!g.is_french()) continue;
    Says says = Says::nothing;
    if (g.asset)
      says = Says::asset;
    else if (g.required)
      says = Says::required;
    else if (g.not_required)
      says = Says::not_required;
    else if (Says h = heading_of(s, g.first); h != Says::nothing)
      says = h;
    else if (g.bilingual || skill_context(s, g))
      says = Says::required;
    required |= says == Says::required;
    asset |= says == Says::asset;
    not_required |= says == Says::not_required;
    french_asset |= g.french && says == Says::asset;
    french_not_required |= g.french && says == Says::not_required;
  }
  if (language == "fr") {
    // Written in French: the reader must read French, unless French itself is only an asset.
    if (!required && french_asset) return "asset";
    if (!required && french_not_required) return "none";
    return "required";
  }
  if (required) return "required";
  if (asset) return "asset";
  (void)not_required;
  return "none";
}

}  // namespace ajx
