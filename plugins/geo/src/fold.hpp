// Location text as words: lower-case ASCII without accents or apostrophes,
// joined by single spaces so that any run of words is a substring to look up
// ("Saint-Jérôme, QC" -> "st jerome qc"), each word knowing what stood before
// it and whether it was written in capitals. Private to the geo library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aj::geo::detail {

/// What separated a word from the one before it, weakest first; several
/// marks in a row count as the strongest of them.
enum class Gap : uint8_t {
  space,  // spaces, a dot, a quote
  dash,   // - – — :
  comma,  // , ( ) [ ]
  stop,   // / ; | & + • and line breaks: the end of one place, the start of another
};

struct Word {
  uint32_t begin = 0, end = 0;  // in Words::text
  Gap gap = Gap::space;         // before this word
  bool upper = false;           // written in capitals: "ON", "NY"
  bool digit = false;           // has a digit: a number, a postal or ZIP code
};

struct Words {
  std::string text;  // "toronto on m5v 2t6"
  std::vector<Word> list;

  /// Replaces the contents with the words of `in` (UTF-8), reusing the buffers.
  /// "St."/"Saint", "Ste."/"Sainte", "Mt."/"Mount" and "Ft."/"Fort" come out as
  /// st, ste, mt, ft; dotted initials join ("U.S.A." -> usa, "D.C." -> dc).
  void fold(std::string_view in);
  std::size_t size() const { return list.size(); }
  /// Words [from, to) as they stand in `text`, one space apart.
  std::string_view span(std::size_t from, std::size_t to) const {
    return std::string_view(text).substr(list[from].begin, list[to - 1].end - list[from].begin);
  }
};

/// The folded words of `in` joined by spaces: the form of every key.
std::string folded(std::string_view in);

}  // namespace aj::geo::detail
