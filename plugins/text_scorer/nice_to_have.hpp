// Which words of a posting are only "nice to have": those in a sentence with a
// cue ("Kafka is a plus", "Terraform preferred", "la connaissance d'Azure est
// un atout") and those under a heading that says so ("Nice to have",
// "Preferred qualifications", "Bonus points", "Atouts :") until the next
// heading. The same reading as the extractor's requirements.hpp (private to
// the extraction library), with two changes: a line such as "Nice to have:
// Kafka, Terraform" is a clause, not a heading, so the lines after it stay
// required; and "ideally", "preferably" qualify only what follows them
// ("customer service experience, ideally in distribution").
#ifndef AJ_PLUGINS_TEXT_SCORER_NICE_TO_HAVE_HPP
#define AJ_PLUGINS_TEXT_SCORER_NICE_TO_HAVE_HPP

#include "extract/record.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace aj::text_matching {

class NiceToHave {
 public:
  explicit NiceToHave(const ajx::Text& t) : t_(t) {}
  /// Whether word k (an index into t.words) is only nice to have. Ask with
  /// non-decreasing k: headings are read once, line by line, as k moves on.
  bool at(std::size_t k);

 private:
  enum class Cue : uint8_t { none, sentence, forward };
  bool breaks(std::size_t k) const;
  Cue cue(std::size_t k) const;
  bool clause(std::size_t k);
  void next_line();

  const ajx::Text& t_;
  std::size_t line_end_ = 0, next_word_ = 0;
  bool started_ = false, section_ = false;
  std::size_t sentence_begin_ = 1, sentence_end_ = 0;  // the last sentence read, words [begin, end)
  std::vector<std::pair<std::size_t, Cue>> cues_;       // its cues

};

}  // namespace aj::text_matching

#endif
