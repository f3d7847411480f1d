#include "fold.hpp"

#include <algorithm>

namespace aj::geo::detail {

namespace {

bool ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

using namespace std::string_view_literals;

// U+00C0..U+00FF without their accents; '\0' for × and ÷; Æ, Þ and ß are
// two letters (see second_letter).
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty"sv;
// U+0100..U+017F (Latin Extended-A) without their accents; Œ/œ are "oe".
constexpr std::string_view kLatinA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuu"
    "uuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 64 && kLatinA.size() == 128);

// The second letter of Æ, Þ, ß and Œ (and their lower cases), or 0.
char second_letter(uint32_t cp) {
  if (cp == 0xC6 || cp == 0xE6 || cp == 0x152 || cp == 0x153) return 'e';  // ae, oe
  if (cp == 0xDE || cp == 0xFE) return 'h';                                // th
  return cp == 0xDF ? 's' : 0;                                             // ss
}

constexpr auto npos = std::u32string_view::npos;

// What a mark that is not a letter does: an apostrophe joins ("St. John's" ->
// johns), the others separate as fold.hpp says; anything else is a space.
constexpr std::u32string_view kApostrophes = U"'`\u2018\u2019\u02BC\u02BB";
constexpr std::u32string_view kDashes = U"-:\u2010\u2011\u2012\u2013\u2014\u2212";
constexpr std::u32string_view kCommas = U",()[]";
constexpr std::u32string_view kStops = U"/;|&+\n\r\u00B7\u2022\u2028";

enum class Kind { letter, apostrophe, gap };

struct Char {
  Kind kind = Kind::gap;
  char a = 0, b = 0;  // the letter (and a second one)
  bool upper = false, lower = false;
  Gap gap = Gap::space;
};

/// Decodes the UTF-8 character at in[i], advancing i; a broken sequence is one
/// separating byte.
uint32_t decode(std::string_view in, std::size_t& i) {
  const unsigned char c = static_cast<unsigned char>(in[i]);
  const int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > in.size()) {
    ++i;
    return ' ';
  }
  uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(in[i + k]) & 0x3F);
  i += len;
  return cp;
}

Char classify(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return {Kind::letter, static_cast<char>(cp), 0, false, true};
  if (cp >= 'A' && cp <= 'Z') return {Kind::letter, static_cast<char>(cp - 'A' + 'a'), 0, true, false};
  if (cp >= '0' && cp <= '9') return {Kind::letter, static_cast<char>(cp), 0, false, false};
  if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '\0')
    return {Kind::letter, kLatin1[cp - 0xC0], second_letter(cp), cp < 0xDF, cp >= 0xDF};
  if (cp >= 0x100 && cp <= 0x17F) return {Kind::letter, kLatinA[cp - 0x100], second_letter(cp), false, false};
  Char out;
  if (kApostrophes.find(cp) != npos) out.kind = Kind::apostrophe;
  if (kDashes.find(cp) != npos) out.gap = Gap::dash;
  if (kCommas.find(cp) != npos) out.gap = Gap::comma;
  if (kStops.find(cp) != npos) out.gap = Gap::stop;
  return out;
}

// Short forms, so that "Saint-Jérôme" and "St-Jérôme" are one key.
std::string_view short_form(std::string_view w) {
  if (w == "saint") return "st";
  if (w == "sainte") return "ste";
  if (w == "mount") return "mt";
  if (w == "fort") return "ft";
  return {};
}

}  // namespace

void Words::fold(std::string_view in) {
  text.clear();
  list.clear();
  Gap pending = Gap::space;
  bool open = false, has_upper = false, has_lower = false;
  std::size_t segment = 0;  // letters since the word began or since a joined dot

  auto close = [&] {
    if (!open) return;
    Word& w = list.back();
    w.end = static_cast<uint32_t>(text.size());
    if (auto s = short_form(std::string_view(text).substr(w.begin)); !s.empty()) {
      text.resize(w.begin);
      text += s;
      w.end = static_cast<uint32_t>(text.size());
    }
    w.upper = has_upper && !has_lower;
    open = false;
    pending = Gap::space;
  };
  auto add = [&](char ch) {
    if (!open) {
      if (!list.empty()) text += ' ';
      list.push_back(Word{static_cast<uint32_t>(text.size()), 0, pending, false, false});
      open = true;
      has_upper = has_lower = false;
      segment = 0;
    }
    text += ch;
    ++segment;
    if (ch >= '0' && ch <= '9') list.back().digit = true;
  };

  for (std::size_t i = 0; i < in.size();) {
    // A dot between single letters joins them: "U.S.A.", "D.C.", "N.W.T."
    if (in[i] == '.' && open && segment == 1 && i + 1 < in.size() &&
        ascii_alnum(static_cast<unsigned char>(in[i + 1])) &&
        (i + 2 >= in.size() || !ascii_alnum(static_cast<unsigned char>(in[i + 2])))) {
      ++i;
      segment = 0;
      continue;
    }
    const Char ch = classify(decode(in, i));
    if (ch.kind == Kind::apostrophe) continue;  // "St. John's" -> johns
    if (ch.kind == Kind::gap) {
      close();
      pending = std::max(pending, ch.gap);
      continue;
    }
    add(ch.a);
    if (ch.b) add(ch.b);
    has_upper |= ch.upper;
    has_lower |= ch.lower;
  }
  close();
}

std::string folded(std::string_view in) {
  Words w;
  w.fold(in);
  return w.text;
}

}  // namespace aj::geo::detail
