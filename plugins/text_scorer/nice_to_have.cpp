#include "nice_to_have.hpp"

#include <string_view>

namespace aj::text_matching {

namespace {

using sv = std::string_view;

template <std::size_t... N>
bool one_of(sv w, const char (&... words)[N]) {
  return ((w.size() == N - 1 && sv(words, N - 1) == w) || ...);
}

// Words of a heading that starts a section of its own: "Requirements",
// "What we offer", "About you", "Exigences", "Compétences".
bool section_word(sv x) {
  return one_of(x, "requirements", "requirement", "required", "qualifications", "qualification", "must",
                "responsibilities", "duties", "role", "benefits", "perks", "offer", "about", "skills", "minimum",
                "basic", "essential", "mandatory", "need", "needs", "bring", "exigences", "exigence", "profil",
                "requis", "obligatoire", "obligatoires", "responsabilités", "tâches", "avantages", "offrons",
                "propos", "compétences");
}

}  // namespace

bool NiceToHave::breaks(std::size_t k) const {
  if (k == 0 || k >= t_.words.size()) return true;
  const sv s = t_.lower;
  const sv g = s.substr(t_.words[k - 1].end, t_.words[k].begin - t_.words[k - 1].end);
  for (std::size_t i = 0; i < g.size(); ++i) {
    const char c = g[i];
    if (c == '\n' || c == ';' || c == '!' || c == '?' || c == '|') return true;
    if (c == '.' && (i + 1 == g.size() || g[i + 1] == ' ')) return true;
    if (g.substr(i, 3) == "\xE2\x80\xA2") return true;  // a bullet
  }
  return false;
}

// The extractor's preferred_cue: "preferred", "nice to have", "is an asset",
// "a plus", "un atout", "Atouts :", "bonus points"; not "fixed asset
// schedules", "plus benefits", "annual bonus". "Ideally", "preferably" and
// "de préférence" look forward only.
NiceToHave::Cue NiceToHave::cue(std::size_t k) const {
  const std::size_t n = t_.words.size();
  const sv x = t_.word(k), next = k + 1 < n ? t_.word(k + 1) : sv{}, before = k > 0 ? t_.word(k - 1) : sv{};
  if (one_of(x, "ideally", "preferably", "idéalement") || (x == "préférence" && before == "de")) return Cue::forward;
  if (one_of(x, "preferred", "prefer", "desired", "desirable", "advantageous", "optional", "appreciated", "apprécié",
             "appréciée", "appréciés", "appréciées", "souhaitable", "souhaitables", "souhaité", "souhaitée",
             "souhaités", "souhaitées"))
    return Cue::sentence;
  if (one_of(x, "asset", "assets", "atout", "atouts", "advantage", "plus", "pluses", "bonus"))
    return one_of(before, "an", "a", "un", "is", "are", "considered", "definite", "big", "huge", "strong", "great",
                  "constitue", "est", "sont", "seront", "serait") ||
                   (x != "plus" && breaks(k)) || (x == "bonus" && next == "points")
               ? Cue::sentence
               : Cue::none;
  if ((x == "nice" || x == "good") && (next == "to" || (x == "nice" && next == "have"))) return Cue::sentence;
  return Cue::none;
}

bool NiceToHave::clause(std::size_t k) {
  if (k < sentence_begin_ || k >= sentence_end_) {
    sentence_begin_ = k;
    while (!breaks(sentence_begin_)) --sentence_begin_;
    sentence_end_ = k + 1;
    while (!breaks(sentence_end_)) ++sentence_end_;
    cues_.clear();
    for (std::size_t j = sentence_begin_; j < sentence_end_; ++j)
      if (const Cue c = cue(j); c != Cue::none) cues_.emplace_back(j, c);
  }
  // A run-on "sentence" (a page without punctuation) counts 40 words either
  // side of k, so one cue does not make the whole page optional.
  for (const auto& [j, c] : cues_)
    if (j + 40 >= k && j <= k + 40 && (c == Cue::sentence || j < k)) return true;
  return false;
}

// A heading is a short line, not a bullet, not a sentence, with no text after
// a colon: "Nice to have", "Preferred qualifications:", "Atouts :". One with a cue
// opens a nice-to-have section; one that names another section closes it.
void NiceToHave::next_line() {
  const sv s = t_.lower;
  const std::size_t begin = started_ ? line_end_ + 1 : t_.title_end + 1;
  started_ = true;
  if (begin >= s.size()) {
    line_end_ = s.size();
    return;
  }
  const std::size_t end = s.find('\n', begin);
  line_end_ = end == sv::npos ? s.size() : end;
  const std::size_t n = t_.words.size();
  while (next_word_ < n && t_.words[next_word_].begin < begin) ++next_word_;
  const std::size_t first = next_word_;
  while (next_word_ < n && t_.words[next_word_].begin < line_end_) ++next_word_;
  const std::size_t count = next_word_ - first;
  if (count == 0 || count > 6) return;
  const sv line = s.substr(begin, line_end_ - begin);
  const std::size_t lead = line.find_first_not_of(" \t");
  if (line[lead] == '-' || (line[lead] == '*' && line.substr(lead, 2) == "* ") || line.substr(lead, 3) == "\xE2\x80\xA2")
    return;
  const std::size_t colon = line.find(':');
  const bool ends_with_colon = colon != sv::npos && line.find_first_not_of(" \t*:", colon) == sv::npos;
  if (colon != sv::npos && !ends_with_colon) return;  // "Nice to have: Kafka" is a clause
  for (std::size_t k = first + 1; k < next_word_; ++k)
    if (breaks(k)) return;  // so is "Terraform preferred. You will write Python"
  if (line.find_last_not_of(" \t\r") == line.find_last_of(".;!?")) return;  // and "Kafka is a plus."
  bool nice = false, other = ends_with_colon;
  for (std::size_t k = first; k < next_word_; ++k) {
    nice |= cue(k) != Cue::none;
    other |= section_word(t_.word(k));
  }
  if (nice)
    section_ = true;
  else if (other)
    section_ = false;
}

bool NiceToHave::at(std::size_t k) {
  const std::size_t pos = t_.words[k].begin;
  if (pos < t_.title_end) return false;  // the title asks for what it names
  while (!started_ || pos >= line_end_) next_line();
  return section_ || clause(k);
}

}  // namespace aj::text_matching
