// The extractor's word-matching helpers, one copy for every finder: a literal
// word list compared at compile time (one_of), a bit-table first look at a word
// (WordGate), and a hash table of words for longer lists (WordTable, WordSet).
// Private to the extraction library (src/, not include/); header-only.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ajx::words {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Whether w is one of the literal words: unrolled at compile time into length
/// and byte compares. Prefer it to an initializer_list of string_views, which
/// GCC rebuilds on the stack at every call (2-3x slower in per-word loops).
template <std::size_t... N>
inline bool one_of(std::string_view w, const char (&... words)[N]) {
  return ((w.size() == N - 1 && std::char_traits<char>::compare(w.data(), words, N - 1) == 0) || ...);
}

/// A cheap first look at a word: could it be one of a finder's cue words? A
/// bit per (first byte, last byte, length), so most words of a posting are
/// passed over with one lookup before any string comparison.
class WordGate {
 public:
  WordGate(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) bits_.set(slot(w));
  }
  bool may(std::string_view w) const { return !w.empty() && bits_.test(slot(w)); }

 private:
  static std::size_t slot(std::string_view w) {
    const unsigned first = static_cast<unsigned char>(w.front()), last = static_cast<unsigned char>(w.back());
    return (first * 131u + last * 7u + static_cast<unsigned>(w.size()) * 1031u) % 4096u;
  }
  std::bitset<4096> bits_;
};

/// Words to values in an open-addressing table keyed by the word's length and
/// bytes (all of a short word, the first and last 4 of a longer one): a lookup
/// is a multiply, a probe or two and an integer compare, plus a string compare
/// only for words over 8 bytes. Built once, read often.
template <class T>
class WordTable {
 public:
  WordTable() = default;
  WordTable(std::initializer_list<std::pair<std::string_view, T>> entries) {
    for (const auto& [w, v] : entries) insert(w, v);
  }
  /// Adds a word, or returns the value it already has.
  T& insert(std::string_view w, T value) {
    if (w.empty()) throw std::logic_error("WordTable: empty word");
    if (T* found = find_mutable(w)) return *found;
    if ((words_.size() + 1) * 2 > slots_.size()) grow();
    words_.emplace_back(w);
    values_.push_back(std::move(value));
    place(static_cast<uint32_t>(words_.size() - 1));
    return values_.back();
  }
  const T* find(std::string_view w) const { return const_cast<WordTable*>(this)->find_mutable(w); }
  bool contains(std::string_view w) const { return find(w) != nullptr; }
  std::size_t size() const { return words_.size(); }
  /// Calls f(word, value) for each word, in insertion order.
  template <class F>
  void each(F f) {
    for (std::size_t i = 0; i < words_.size(); ++i) f(std::string_view(words_[i]), values_[i]);
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t len = 0;  // 0: empty
    uint32_t index = 0;
  };
  static uint64_t key_of(std::string_view w) {
    // Up to 8 bytes exactly; longer words by their first and last 4 bytes
    // (the length and, on a key match, the whole word are compared too).
    const char* p = w.data();
    const std::size_t n = w.size();
    if (n >= 4) {
      uint32_t head, tail;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      return uint64_t{head} | uint64_t{tail} << 32;
    }
    return uint64_t{static_cast<unsigned char>(p[0])} | uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
           uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
  }
  std::size_t slot_of(uint64_t key, std::size_t len) const {
    return ((key ^ (len * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull >> 32) & (slots_.size() - 1);
  }
  T* find_mutable(std::string_view w) {
    if (w.empty() || slots_.empty()) return nullptr;
    const uint64_t key = key_of(w);
    for (std::size_t i = slot_of(key, w.size());; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.len == 0) return nullptr;
      if (s.len == w.size() && s.key == key && (w.size() <= 8 || words_[s.index] == w)) return &values_[s.index];
    }
  }
  void place(uint32_t index) {
    const std::string_view w = words_[index];
    const uint64_t key = key_of(w);
    std::size_t i = slot_of(key, w.size());
    while (slots_[i].len != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = Slot{key, static_cast<uint32_t>(w.size()), index};
  }
  void grow() {
    slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, Slot{});
    for (uint32_t i = 0; i < words_.size(); ++i) place(i);
  }
  std::vector<Slot> slots_;
  std::vector<std::string> words_;
  std::vector<T> values_;
};

/// A set of words (a WordTable without values), for lists too long for one_of.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) table_.insert(w, 1);
  }
  bool has(std::string_view w) const { return table_.contains(w); }

 private:
  WordTable<char> table_;
};

inline bool in(std::string_view w, const WordSet& set) { return set.has(w); }

/// What a byte of the gap between two words says: 1 ends a sentence, 2 ends a
/// line, 4 may start a bullet ("•" is E2 80 A2 in UTF-8).
inline constexpr auto kGapByte = [] {
  std::array<uint8_t, 256> t{};
  for (unsigned char c : {'.', '!', '?', ';', '|', '\r'}) t[c] = 1;
  t['\n'] = 1 | 2;
  t[0xE2] = 4;
  return t;
}();

}  // namespace ajx::words
