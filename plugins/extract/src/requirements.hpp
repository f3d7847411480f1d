// Reading a requirement in a posting's words, shared by the finders of years
// and level (experience.cpp), job type (job_type.cpp) and education
// (education.cpp): Words gives bounded access to the shared Text's words with
// sentence breaks and joins; Preference says whether a word sits in a
// "preferred" clause ("Nice to have: 5+ years of Go") or under a "Preferred
// qualifications" / "Atouts" heading. Private to the extraction library.
#pragma once

#include "extract/record.hpp"
#include "words.hpp"

#include <cstddef>
#include <string_view>

namespace ajx::detail {

using sv = std::string_view;
using words::one_of;
using words::WordGate;

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

inline bool preferred_cue(const Words& w, std::size_t k) {
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
inline bool section_word(sv x) {
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

}  // namespace ajx::detail
