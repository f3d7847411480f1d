// How many postings of a corpus name each canonical skill (data/skill_df.tsv,
// made by data/make_df.sh), for the IDF of BM25, and the corpus's average
// posting length in words, for its length normalisation.
#ifndef AJ_PLUGINS_TEXT_SCORER_FREQUENCIES_HPP
#define AJ_PLUGINS_TEXT_SCORER_FREQUENCIES_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aj::text_matching {

class Frequencies {
 public:
  /// Reads the table: "documents<TAB>N" and "average_words<TAB>A" lines, then
  /// "skill<TAB>df" lines; "#" starts a comment. Throws std::invalid_argument
  /// naming origin:line on bad input.
  static Frequencies parse(std::string_view tsv, std::string_view origin);

  /// Smoothed BM25 IDF: ln(1 + (N' - df' + 0.5) / (df' + 0.5)) with
  /// df' = df + 1 and N' = N + 1, as if one more posting named every skill, so
  /// a skill the corpus never saw weighs like one it saw once, not infinitely
  /// more (the corpus is small).
  double idf(std::string_view skill) const;
  std::size_t documents() const { return documents_; }
  double average_words() const { return average_words_; }

 private:
  std::unordered_map<std::string, std::size_t> df_;
  std::size_t documents_ = 0;
  double average_words_ = 0;
};

}  // namespace aj::text_matching

#endif
