// Accent folding for the Latin-1 letters of UTF-8 text ("é" is C3 A9): the
// ASCII a matcher compares instead. Shared by dedup's normaliser and the rule
// scorer's text folding, which both work byte by byte for speed.
#pragma once

#include <array>
#include <string_view>

namespace ajsrc {

/// The ASCII form of the letter whose UTF-8 lead byte is C3 and second byte
/// `second` ("e" for A9); "" for a byte outside 80-BF. × and ÷ become a space.
inline std::string_view latin1_ascii(unsigned char second) {
  static constexpr std::array<std::string_view, 64> map = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // 80-8F
      "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss", // 90-9F
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // A0-AF
      "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y",  // B0-BF
  };
  if (second < 0x80 || second > 0xBF) return {};
  return map[second - 0x80];
}

}  // namespace ajsrc
