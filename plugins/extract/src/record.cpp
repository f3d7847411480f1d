// The Record's small helpers and Text: the posting lower-cased once and cut into words.
#include "extract/record.hpp"

namespace ajx {

const char* from_name(From f) {
  switch (f) {
    case From::structured: return "structured";
    case From::jsonld: return "jsonld";
    case From::text: return "text";
    case From::none: break;
  }
  return "";
}

From from_parse(std::string_view name) {
  if (name == "jsonld") return From::jsonld;
  if (name == "text") return From::text;
  return From::structured;
}

double annual_factor(std::string_view interval) {
  if (interval == "hourly") return 2080;  // 40 hours x 52 weeks
  if (interval == "daily") return 260;    // 5 days x 52 weeks
  if (interval == "weekly") return 52;
  if (interval == "monthly") return 12;
  return 1;
}

namespace {

// Lower-cases ASCII and the Latin-1 capitals of UTF-8 (U+00C0..U+00DE but U+00D7),
// which keeps the byte length: "Québec", "ÉTUDIANT" -> "québec", "étudiant".
void lower_into(std::string& out, std::string_view s) {
  std::size_t start = out.size();
  out.append(s);
  for (std::size_t i = start; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 32);
      ++i;
    }
  }
}

bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;  // UTF-8 letters count as word bytes
}

// Multi-byte UTF-8 punctuation that must split words: NBSP (C2 A0), en/em dash and
// quotes (E2 80 xx), the euro and pound signs are not letters either (handled as non-word).
std::size_t non_word_utf8(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0xC2 && i + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d < 0xC0) return 2;  // U+0080..U+00BF: NBSP, £, ·, «, » and friends
  }
  if (c == 0xE2 && i + 2 < s.size()) return 3;  // U+2000..U+2FFF: dashes, quotes, bullets, €, …
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB) return 3;  // BOM
  return 0;
}

}  // namespace

Text Text::of(std::string_view title, std::string_view description) {
  Text t;
  t.lower.reserve(title.size() + 1 + description.size());
  lower_into(t.lower, title);
  t.title_end = static_cast<uint32_t>(t.lower.size());
  t.lower += '\n';
  lower_into(t.lower, description);
  const std::string_view s = t.lower;
  t.words.reserve(s.size() / 6);
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::size_t skip = non_word_utf8(s, i)) {
      i += skip;
      continue;
    }
    if (!word_byte(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < s.size() && word_byte(static_cast<unsigned char>(s[i])) && !non_word_utf8(s, i)) ++i;
    t.words.push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
  return t;
}

}  // namespace ajx
