#include "text.hpp"

#include "ajsrc/latin1.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

namespace aj::rule_scoring {
namespace {

bool space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Letters, digits, UTF-8 bytes, and the '+' and '#' of "C++" and "C#".
bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '+' ||
         c == '#';
}

using ajsrc::latin1_ascii;

template <std::size_t N>
bool in(std::string_view word, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), word) != std::end(set);
}

// Legal forms dropped from the end of a company name.
constexpr std::string_view kLegalForms[] = {"inc",  "incorporated", "corp", "corporation", "co",  "ltd",
                                            "limited", "llc",       "llp",  "lp",          "plc", "gmbh",
                                            "ulc",  "ltee",         "sa",   "ag",          "bv",  "pty"};

// Abbreviations in titles, and the words they stand for.
constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
    {"sr", "senior"},        {"snr", "senior"},       {"jr", "junior"},          {"dev", "developer"},
    {"devs", "developers"},  {"eng", "engineer"},     {"engr", "engineer"},      {"mgr", "manager"},
    {"swe", "software engineer"}, {"sw", "software"}, {"fullstack", "full stack"}, {"frontend", "front end"},
    {"backend", "back end"}, {"ml", "machine learning"}, {"js", "javascript"},    {"admin", "administrator"},
    {"asst", "assistant"},   {"assoc", "associate"},  {"coord", "coordinator"},  {"rep", "representative"},
    {"mgmt", "management"},  {"ops", "operations"},   {"dir", "director"},       {"intl", "international"},
};

// Words that say the level, not the job: compared separately (seniority).
constexpr std::string_view kLevelWords[] = {"junior", "senior", "lead",     "principal", "staff", "intermediate",
                                            "mid",    "i",      "ii",       "iii",       "iv"};
// Words that fill a title without changing the job ("Developer (Remote)").
constexpr std::string_view kFillerWords[] = {"of",     "and",    "the",    "a",   "an",  "for", "to",
                                             "in",     "at",     "with",   "or",  "level", "remote",
                                             "hybrid", "onsite", "wfh"};

}  // namespace

namespace {

// The folded form of each ASCII byte, whitespace as ' '; the search table also
// reads '-' and '/' as spaces. A table and a loop with one predictable branch,
// because descriptions of several kilobytes go through here.
struct FoldTable {
  std::array<char, 128> plain{}, search{};
  constexpr FoldTable() {
    for (int c = 0; c < 128; ++c) plain[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (int c : {'\t', '\n', '\v', '\f', '\r'}) plain[c] = ' ';
    search = plain;
    search['-'] = search['/'] = ' ';
  }
};
constexpr FoldTable kFold;

// Appends the folded text to `out`; never longer than the input.
void fold(std::string& out, std::string_view text, bool search) {
  const std::size_t start = out.size();
  out.resize(start + text.size());
  char* const first = out.data() + start;
  char* o = first;
  const std::array<char, 128>& table = search ? kFold.search : kFold.plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      *o++ = table[c];
      continue;
    }
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    const std::string_view ascii = c == 0xC2 && next == 0xA0 ? std::string_view(" ")  // a non-breaking space
                                   : c == 0xC3              ? latin1_ascii(next)
                                                            : std::string_view();
    if (ascii.empty()) {
      *o++ = static_cast<char>(c);
    } else {
      for (char a : ascii) *o++ = a;
      ++i;
    }
  }
  out.resize(start + static_cast<std::size_t>(o - first));
}

}  // namespace

void fold_into(std::string& out, std::string_view text) {
  out.clear();
  fold(out, text, false);
}
void fold_for_search(std::string& out, std::string_view text) { fold(out, text, true); }

std::string fold(std::string_view text) {
  std::string out;
  fold_into(out, text);
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!space_byte(static_cast<unsigned char>(c)))
      out.push_back(c);
    else if (!out.empty() && out.back() != ' ')
      out.push_back(' ');
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool has_phrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  const std::string_view head = phrase.substr(0, phrase.find(' '));
  const bool word_start = word_byte(static_cast<unsigned char>(phrase.front()));
  const bool word_end = word_byte(static_cast<unsigned char>(phrase.back()));
  for (std::size_t at = text.find(head); at != std::string_view::npos; at = text.find(head, at + 1)) {
    if (word_start && at > 0 && word_byte(static_cast<unsigned char>(text[at - 1]))) continue;
    // The rest of the phrase, each of its spaces matching a run of spaces.
    std::size_t i = at + head.size(), j = head.size();
    while (j < phrase.size() && i < text.size()) {
      if (phrase[j] != ' ') {
        if (text[i] != phrase[j]) break;
        ++i, ++j;
      } else {
        if (text[i] != ' ') break;
        while (i < text.size() && text[i] == ' ') ++i;
        ++j;
      }
    }
    if (j < phrase.size()) continue;
    if (word_end && i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) continue;
    return true;
  }
  return false;
}

std::vector<std::string> words(std::string_view text) {
  const std::string folded = fold(text);
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    if (i < folded.size() && word_byte(static_cast<unsigned char>(folded[i]))) continue;
    if (i > start) out.emplace_back(folded, start, i - start);
    start = i + 1;
  }
  return out;
}

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> w = words(name);
  while (w.size() > 1 && in(w.back(), kLegalForms)) w.pop_back();
  return w;
}

bool has_words(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

std::vector<std::string> title_words(std::string_view title) {
  std::vector<std::string> out;
  auto add = [&](std::string_view w) {
    if (in(w, kLevelWords) || in(w, kFillerWords)) return;
    if (std::find(out.begin(), out.end(), w) == out.end()) out.emplace_back(w);
  };
  for (const std::string& w : words(title)) {
    auto abbr = std::find_if(std::begin(kAbbreviations), std::end(kAbbreviations),
                             [&](const auto& a) { return a.first == w; });
    if (abbr == std::end(kAbbreviations)) {
      add(w);
      continue;
    }
    std::string_view expanded = abbr->second;  // one or more words
    while (!expanded.empty()) {
      const std::size_t space = expanded.find(' ');
      add(expanded.substr(0, space));
      expanded = space == std::string_view::npos ? std::string_view() : expanded.substr(space + 1);
    }
  }
  return out;
}

}  // namespace aj::rule_scoring
