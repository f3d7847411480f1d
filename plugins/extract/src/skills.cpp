// The skills taxonomy (config/skills.yaml, whose header documents the format)
// and its matcher. Each alias is cut into the same words as the posting's Text,
// keeping the punctuation the tokenizer drops: before it (".NET"), between its
// words ("Node.js", "CI/CD") and after it ("C++", "C#"). Matching looks each
// word of the text up in a map from an alias's first word, takes the longest
// alias that fits there, and moves past it, so "Node.js" does not also give
// "JS" and "React Native" does not also give "React". Ambiguous aliases ("Go",
// "R", "Spring") count only in a list of other skills, beside a word such as
// "developer" ("Go developer", "Developer (Go)", "experience in R"), or when
// the posting names a skill of their context ("Airflow" beside Snowflake);
// per-skill word lists drop verbs ("excel at", "react to"); an abbreviation in
// parentheses after another skill's words is that skill's ("Good Clinical
// Practice (GCP)" is not Google Cloud). Canonical names come back once each,
// in the taxonomy's order; hits() gives every mention that counts with its
// place, and lookup() a skill spelled exactly as a name or alias.
#include "extract/skills.hpp"

#include "words.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ajx {

namespace {

using words::one_of;
using words::WordSet;
using words::WordTable;

struct Alias {
  uint32_t skill = 0;
  std::vector<std::string> words;  // lower-cased, as Text cuts them
  std::vector<std::string> gaps;   // gaps[k] between words[k] and words[k+1]; "" = spaces or a hyphen
  std::string prefix, suffix;      // punctuation glued before / after: ".net", "c++"
  bool ambiguous = false;
  std::string key() const {
    std::string k = prefix;
    for (std::size_t i = 0; i < words.size(); ++i) k += (i ? (gaps[i - 1].empty() ? " " : gaps[i - 1]) : "") + words[i];
    return k + suffix;
  }
};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Skill {
  std::string name, category;
  std::unordered_set<std::string, Hash, std::equal_to<>> unless_followed_by, unless_preceded_by;
  // Skills whose presence confirms an ambiguous spelling of this one.
  std::vector<uint32_t> context;
};

// Words after an ambiguous alias that make it the technology: "Go developer", "R programming".
bool tech_word(std::string_view w) {
  static const WordSet kWords = {
      "programming", "language",  "languages",    "developer",     "developers",  "development",  "engineer",
      "engineers",   "code",      "coding",       "programmer",    "programmers", "scripting",    "lang",
      "scripts",     "framework", "frameworks",   "library",       "libraries",   "sdk",          "runtime",
      "ecosystem",   "modules",   "packages",     "microservices", "services",    "backend",      "apis",
      "api",         "codebase",  "applications", "developpeur",   "développeur", "programmation"};
  return kWords.has(w);
}

// Words before "in": "experience in R", "written in Go", "proficiency in C".
bool skilled_word(std::string_view w) {
  static const WordSet kWords = {"experience", "experienced", "proficiency", "proficient", "written",   "expertise",
                                 "fluency",    "fluent",      "skills",      "skilled",    "knowledge", "built",
                                 "writing",    "services",    "expert",      "programs"};
  return kWords.has(w);
}

// Categories where "developer", "code", "development" after a word make it software.
bool software(std::string_view category) {
  static const WordSet kSoftware = {"language", "web",  "mobile", "database", "cloud",
                                    "devops",   "data", "ml",     "testing",  "tools"};
  return kSoftware.has(category);
}

// The separators of a list of skills: "Python, Go", "C/C++", "R & Python", "(Spring)".
bool list_gap(std::string_view gap) {
  for (char c : gap)
    if (c == ',' || c == '/' || c == '|' || c == '&' || c == '(' || c == ')' || c == '+') return true;
  return false;
}

// "and", "or"; French "et", "ou", "en" and the elisions of "d'Excel", "l'Excel".
bool list_word(std::string_view w) { return one_of(w, "and", "or", "et", "ou", "en", "d", "l"); }

bool sentence_gap(std::string_view gap) {
  for (char c : gap)
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == ':') return true;
  return false;
}

/// The punctuation of a gap as an alias spells it, one byte at a time to
/// `emit` (which returns false to stop): spaces, hyphens and dashes dropped, a
/// typographic apostrophe as "'". Nothing when the gap is only spaces and hyphens.
template <class Emit>
void punctuation_of(std::string_view gap, Emit emit) {
  for (std::size_t i = 0; i < gap.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(gap[i]);
    if (c == ' ' || c == '\t' || c == '-') continue;
    if (c == 0xC2 && i + 1 < gap.size() && static_cast<unsigned char>(gap[i + 1]) == 0xA0) {  // NBSP
      ++i;
      continue;
    }
    if (c == 0xE2 && gap.substr(i, 3) == "’") {  // ’
      i += 2;
      c = '\'';
    } else if (c == 0xE2 && gap.substr(i, 3) == "–") {  // –
      i += 2;
      continue;
    }
    if (!emit(static_cast<char>(c))) return;
  }
}

std::string punctuation(std::string_view gap) {
  std::string out;
  punctuation_of(gap, [&](char c) { return out += c, true; });
  return out;
}

/// punctuation(gap) == expected, without building a string: the matcher's hot path.
bool punctuation_is(std::string_view gap, std::string_view expected) {
  std::size_t k = 0;
  bool same = true;
  punctuation_of(gap, [&](char c) { return same = k < expected.size() && expected[k++] == c; });
  return same && k == expected.size();
}

/// Cuts a spelling into an alias's words, gaps and glued punctuation, as Text
/// cuts a posting; false when it has no letters or digits.
bool cut_alias(std::string_view text, Alias& a) {
  const Text cut = Text::of(text, "");
  const std::string_view low = std::string_view(cut.lower).substr(0, cut.title_end);
  for (std::size_t k = 0; k < cut.words.size(); ++k) {
    if (cut.words[k].begin >= cut.title_end) break;
    a.words.emplace_back(cut.word(k));
    if (k > 0)
      a.gaps.push_back(punctuation(low.substr(cut.words[k - 1].end, cut.words[k].begin - cut.words[k - 1].end)));
  }
  if (a.words.empty()) return false;
  a.prefix = punctuation(low.substr(0, cut.words.front().begin));
  a.suffix = punctuation(low.substr(cut.words[a.words.size() - 1].end));
  return true;
}

/// Edit distance, for "did you mean" on unknown keys.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

struct Taxonomy::Impl {
  std::vector<Skill> skills;
  std::vector<Alias> aliases;
  // First word -> aliases starting with it, longest first.
  WordTable<uint32_t> by_first;                 // first word -> index into `starting`
  std::vector<std::vector<uint32_t>> starting;  // aliases starting with a word
  std::unordered_map<std::string, uint32_t> by_key;  // Alias::key() -> skill, for lookup()
  // A bit per (length, first byte, last byte) of the first words: most words of
  // a posting start no alias and are turned away here before any hashing.
  std::vector<uint64_t> maybe = std::vector<uint64_t>(1024);
  static std::size_t filter_bit(std::string_view w) {
    const auto f = static_cast<unsigned char>(w.front()), l = static_cast<unsigned char>(w.back());
    return ((w.size() & 31) << 11 ^ f << 3 ^ l * 37u) & 0xFFFF;
  }
  bool may_start(std::string_view w) const {
    const std::size_t b = filter_bit(w);
    return (maybe[b >> 6] >> (b & 63)) & 1;
  }

  struct Match {
    uint32_t skill;
    std::size_t first, last;  // word indexes
    bool ambiguous;
    bool dropped = false;  // the abbreviation of the skill before it
  };

  bool fits(const Text& t, const Alias& a, std::size_t i) const;
  /// The matches that count, in text order.
  std::vector<Match> standing(const Text& t) const;
  std::vector<std::string> find(const Text& t) const;
};

bool Taxonomy::Impl::fits(const Text& t, const Alias& a, std::size_t i) const {
  const std::size_t n = t.words.size();
  if (i + a.words.size() > n) return false;
  const std::string_view s = t.lower;
  for (std::size_t k = 1; k < a.words.size(); ++k) {
    if (t.word(i + k) != a.words[k]) return false;
    const std::string_view gap = s.substr(t.words[i + k - 1].end, t.words[i + k].begin - t.words[i + k - 1].end);
    if (gap.find('\n') != std::string_view::npos || !punctuation_is(gap, a.gaps[k - 1])) return false;
  }
  const std::size_t begin = t.words[i].begin, end = t.words[i + a.words.size() - 1].end;
  // Punctuation glued before: ".NET" needs the dot; "JS" must not be the tail of "three.js".
  if (!a.prefix.empty()) {
    if (begin < a.prefix.size() || s.substr(begin - a.prefix.size(), a.prefix.size()) != a.prefix) return false;
  } else if (begin >= 2 && s[begin - 1] == '.' && std::isalnum(static_cast<unsigned char>(s[begin - 2]))) {
    return false;
  }
  // Punctuation glued after: "C++" needs it; "C" must not be the head of "C++" or "C#".
  if (!a.suffix.empty()) {
    if (s.substr(end, a.suffix.size()) != a.suffix) return false;
  } else if (end < s.size() && (s[end] == '+' || s[end] == '#')) {
    return false;
  }
  const Skill& skill = skills[a.skill];
  if (!skill.unless_followed_by.empty() && i + a.words.size() < n) {
    const std::size_t j = i + a.words.size();
    const std::string_view gap = s.substr(end, t.words[j].begin - end);
    if (!sentence_gap(gap) && skill.unless_followed_by.contains(t.word(j))) return false;
  }
  if (!skill.unless_preceded_by.empty() && i > 0) {
    const std::string_view gap = s.substr(t.words[i - 1].end, begin - t.words[i - 1].end);
    if (!sentence_gap(gap) && skill.unless_preceded_by.contains(t.word(i - 1))) return false;
  }
  return true;
}

std::vector<Taxonomy::Impl::Match> Taxonomy::Impl::standing(const Text& t) const {
  std::vector<Match> matches;
  const std::size_t n = t.words.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!may_start(t.word(i))) continue;
    const uint32_t* list = by_first.find(t.word(i));
    if (!list) continue;
    for (uint32_t ai : starting[*list]) {
      const Alias& a = aliases[ai];
      if (!fits(t, a, i)) continue;
      matches.push_back({a.skill, i, i + a.words.size() - 1, a.ambiguous, false});
      i += a.words.size() - 1;
      break;
    }
  }

  // Ambiguous matches stand when a word such as "developer" follows, or when they
  // sit in a list beside a skill that stands ("Python, Go or Rust").
  const std::string_view s = t.lower;
  auto gap_before = [&](std::size_t w) { return s.substr(t.words[w - 1].end, t.words[w].begin - t.words[w - 1].end); };
  // An abbreviation in parentheses right after another skill's words spells
  // that skill: "Good Clinical Practice (GCP)" is not Google Cloud.
  for (std::size_t m = 1; m < matches.size(); ++m) {
    const Match &p = matches[m - 1], &a = matches[m];
    if (a.first != p.last + 1 || a.first != a.last || gap_before(a.first).find('(') == std::string_view::npos) continue;
    std::string initials;
    for (std::size_t w = p.first; w <= p.last; ++w) initials += t.word(w)[0];
    if (initials == t.word(a.first) && p.skill != a.skill) matches[m].dropped = true;
  }
  std::vector<char> stands(matches.size());
  for (std::size_t m = 0; m < matches.size(); ++m) {
    stands[m] = !matches[m].ambiguous;
    if (stands[m] || !software(skills[matches[m].skill].category)) continue;
    // "Go developer", "R programming"; "Backend Developer (Go)", "written in Go".
    const std::size_t next = matches[m].last + 1, first = matches[m].first;
    if (next < n && !sentence_gap(gap_before(next)) && tech_word(t.word(next))) stands[m] = 1;
    if (first > 0 && !sentence_gap(gap_before(first)) && tech_word(t.word(first - 1)) &&
        gap_before(first).find('(') != std::string_view::npos)
      stands[m] = 1;
    if (first > 1 && (t.word(first - 1) == "in" || t.word(first - 1) == "en") && !sentence_gap(gap_before(first)) &&
        !sentence_gap(gap_before(first - 1)) && (tech_word(t.word(first - 2)) || skilled_word(t.word(first - 2))))
      stands[m] = 1;
  }
  for (std::size_t m = 0; m < matches.size(); ++m)
    if (matches[m].dropped) stands[m] = 0;
  // Whether matches a (before) and b are neighbours in a list.
  auto listed_together = [&](const Match& a, const Match& b) {
    if (b.first <= a.last || b.first - a.last > 3) return false;
    bool separated = false;
    for (std::size_t w = a.last + 1; w <= b.first; ++w) {
      std::string_view gap = gap_before(w);
      if (sentence_gap(gap)) return false;
      separated |= list_gap(gap);
      if (w < b.first) {
        if (!list_word(t.word(w))) return false;
        // "d'Excel" is an elision, "R&D" is not.
        if ((t.word(w) == "d" || t.word(w) == "l") && !punctuation_is(gap_before(w + 1), "'")) return false;
        separated = true;
      }
    }
    return separated;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t m = 0; m < matches.size(); ++m) {
      if (stands[m]) continue;
      bool ok = (m > 0 && stands[m - 1] && matches[m - 1].skill != matches[m].skill &&
                 listed_together(matches[m - 1], matches[m])) ||
                (m + 1 < matches.size() && stands[m + 1] && matches[m + 1].skill != matches[m].skill &&
                 listed_together(matches[m], matches[m + 1]));
      if (ok && !matches[m].dropped) stands[m] = 1, changed = true;
    }
  }

  std::vector<char> found(skills.size());
  for (std::size_t m = 0; m < matches.size(); ++m)
    if (stands[m]) found[matches[m].skill] = 1;
  // An ambiguous spelling also stands when the posting names a skill of its
  // context: "Airflow" in a posting about Snowflake and dbt, "Apex" beside Salesforce.
  for (std::size_t m = 0; m < matches.size(); ++m) {
    if (stands[m] || matches[m].dropped) continue;
    for (uint32_t other : skills[matches[m].skill].context)
      if (found[other] && other != matches[m].skill) {
        stands[m] = 1;
        break;
      }
  }
  std::size_t kept = 0;
  for (std::size_t m = 0; m < matches.size(); ++m)
    if (stands[m]) matches[kept++] = matches[m];
  matches.resize(kept);
  return matches;
}

std::vector<std::string> Taxonomy::Impl::find(const Text& t) const {
  std::vector<uint32_t> ids;
  for (const Match& m : standing(t)) ids.push_back(m.skill);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (uint32_t id : ids) out.push_back(skills[id].name);
  return out;
}

Taxonomy::Taxonomy() : impl_(std::make_unique<Impl>()) {}
Taxonomy::~Taxonomy() = default;
Taxonomy::Taxonomy(Taxonomy&&) noexcept = default;
Taxonomy& Taxonomy::operator=(Taxonomy&&) noexcept = default;

std::size_t Taxonomy::size() const { return impl_ ? impl_->skills.size() : 0; }

std::vector<std::string> Taxonomy::find(const Text& t) const {
  return impl_ ? impl_->find(t) : std::vector<std::string>{};
}

void Taxonomy::hits(const Text& t, std::vector<Hit>& out) const {
  out.clear();
  if (!impl_) return;
  for (const Impl::Match& m : impl_->standing(t)) out.push_back({m.skill, static_cast<uint32_t>(m.first)});
}

const std::string& Taxonomy::name(std::size_t id) const { return impl_->skills.at(id).name; }

std::optional<std::size_t> Taxonomy::lookup(std::string_view spelling) const {
  Alias a;
  if (!impl_ || !cut_alias(spelling, a)) return std::nullopt;
  auto it = impl_->by_key.find(a.key());
  if (it == impl_->by_key.end()) return std::nullopt;
  return it->second;
}

Taxonomy Taxonomy::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the skills taxonomy: " + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

Taxonomy Taxonomy::parse(std::string_view yaml, const std::string& origin) {
  auto fail = [&](const YAML::Mark& mark, const std::string& what) -> std::runtime_error {
    return std::runtime_error(origin + ":" + std::to_string(mark.line + 1) + ": " + what);
  };
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(origin + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap() || !root["skills"])
    throw std::runtime_error(origin +
                             ":1: expected a map with a 'skills:' list (see the header of config/skills.yaml)");
  const YAML::Node list = root["skills"];
  if (!list.IsSequence()) throw fail(list.Mark(), "'skills' must be a list of { name, aliases } entries");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key != "skills") throw fail(kv.first.Mark(), "unknown key '" + key + "' (the file holds only 'skills:')");
  }

  Taxonomy tax;
  Impl& impl = *tax.impl_;
  std::unordered_map<std::string, std::pair<std::string, int>> owner;  // alias key -> skill name, line
  std::unordered_set<std::string> names;
  static const std::vector<std::string> kKeys = {
      "name", "aliases", "ambiguous", "category", "context", "unless_followed_by", "unless_preceded_by"};
  // Each skill's `context` entries, resolved once every skill is known.
  std::vector<std::vector<std::pair<std::string, YAML::Mark>>> contexts;

  auto strings = [&](const YAML::Node& node, const std::string& key) {
    std::vector<std::pair<std::string, YAML::Mark>> out;
    const YAML::Node list = node[key];
    if (!list) return out;
    if (!list.IsSequence()) throw fail(list.Mark(), "'" + key + "' must be a list, e.g. [a, b]");
    for (const auto& item : list) {
      if (!item.IsScalar() || item.Scalar().empty())
        throw fail(item.Mark(), "each entry of '" + key + "' must be a non-empty string");
      out.emplace_back(item.Scalar(), item.Mark());
    }
    return out;
  };

  for (const auto& entry : list) {
    if (!entry.IsMap())
      throw fail(entry.Mark(), "each skill must be a map such as { name: Kubernetes, aliases: [k8s] }");
    for (const auto& kv : entry) {
      const std::string key = kv.first.as<std::string>();
      if (std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end()) continue;
      std::string hint;
      for (const auto& k : kKeys)
        if (distance(key, k) <= 2) hint = " (did you mean '" + k + "'?)";
      throw fail(kv.first.Mark(), "unknown key '" + key + "'" + hint);
    }
    const YAML::Node name_node = entry["name"];
    if (!name_node || !name_node.IsScalar() || name_node.Scalar().empty())
      throw fail(entry.Mark(), "a skill has no 'name'");
    const std::string name = name_node.Scalar();
    if (!names.insert(name).second) throw fail(name_node.Mark(), "skill '" + name + "' is listed twice");
    if (entry["category"] && !entry["category"].IsScalar())
      throw fail(entry["category"].Mark(), "'category' must be a string");

    Skill skill{name, entry["category"] ? entry["category"].Scalar() : "", {}, {}, {}};
    contexts.push_back(strings(entry, "context"));
    for (const auto& [word, mark] : strings(entry, "unless_followed_by"))
      skill.unless_followed_by.insert(Text::of(word, "").lower.substr(0, word.size()));
    for (const auto& [word, mark] : strings(entry, "unless_preceded_by"))
      skill.unless_preceded_by.insert(Text::of(word, "").lower.substr(0, word.size()));
    const uint32_t id = static_cast<uint32_t>(impl.skills.size());
    impl.skills.push_back(std::move(skill));

    // The name is an alias too, unless it is one of the ambiguous words.
    const auto ambiguous = strings(entry, "ambiguous");
    std::vector<std::pair<std::pair<std::string, YAML::Mark>, bool>> all;
    auto is_ambiguous = [&](const std::string& s) {
      const std::string low = Text::of(s, "").lower;
      for (const auto& a : ambiguous)
        if (Text::of(a.first, "").lower == low) return true;
      return false;
    };
    if (!is_ambiguous(name)) all.push_back({{name, name_node.Mark()}, false});
    for (const auto& a : strings(entry, "aliases")) all.push_back({a, false});
    for (const auto& a : ambiguous) all.push_back({a, true});

    for (const auto& [spelled, is_amb] : all) {
      const auto& [text, mark] = spelled;
      Alias a;
      a.skill = id;
      a.ambiguous = is_amb;
      if (!cut_alias(text, a)) throw fail(mark, "alias '" + text + "' of '" + name + "' has no letters or digits");
      const std::string key = a.key();
      auto [it, fresh] = owner.try_emplace(key, name, mark.line + 1);
      if (!fresh) {
        if (it->second.first == name) continue;  // the same skill spelled twice: harmless
        throw fail(mark, "alias '" + text + "' of '" + name + "' is already an alias of '" + it->second.first +
                             "' (line " + std::to_string(it->second.second) + ")");
      }
      impl.by_key.emplace(key, id);
      const uint32_t list = impl.by_first.insert(a.words.front(), static_cast<uint32_t>(impl.starting.size()));
      if (list == impl.starting.size()) impl.starting.emplace_back();
      impl.starting[list].push_back(static_cast<uint32_t>(impl.aliases.size()));
      impl.aliases.push_back(std::move(a));
    }
  }
  // Context entries name skills or whole categories.
  for (std::size_t id = 0; id < impl.skills.size(); ++id) {
    for (const auto& [what, mark] : contexts[id]) {
      bool known = false;
      for (std::size_t other = 0; other < impl.skills.size(); ++other)
        if (impl.skills[other].name == what || impl.skills[other].category == what) {
          impl.skills[id].context.push_back(static_cast<uint32_t>(other));
          known = true;
        }
      if (!known)
        throw fail(mark, "context '" + what + "' of '" + impl.skills[id].name + "' is neither a skill nor a category");
    }
  }
  impl.by_first.each([&](std::string_view first, uint32_t) {
    const std::size_t b = Impl::filter_bit(first);
    impl.maybe[b >> 6] |= uint64_t{1} << (b & 63);
  });
  // Longest aliases first, so "react native" wins over "react".
  for (auto& ids : impl.starting)
    std::stable_sort(ids.begin(), ids.end(), [&](uint32_t x, uint32_t y) {
      return impl.aliases[x].words.size() > impl.aliases[y].words.size();
    });
  return tax;
}

}  // namespace ajx
