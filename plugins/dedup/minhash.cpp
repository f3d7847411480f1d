// MinHash signatures and LSH band hashes (see minhash.hpp).
#include "minhash.hpp"

#include <algorithm>
#include <limits>

namespace aj::dedup {
namespace {

// splitmix64's finaliser: a strong 64-bit mix, so that similar inputs give unrelated outputs.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

MinHasher::MinHasher(const MinHashParams& params) : p_(params) {
  a_.resize(p_.num_hashes);
  b_.resize(p_.num_hashes);
  for (int i = 0; i < p_.num_hashes; ++i) {
    a_[i] = mix(2 * static_cast<uint64_t>(i) + 1) | 1;  // odd multipliers
    b_[i] = mix(2 * static_cast<uint64_t>(i) + 2);
  }
}

Signature MinHasher::sign(std::string_view text) const {
  // Words as 64-bit FNV-1a hashes of their lower-case bytes. Typographic
  // punctuation (UTF-8 E2 80 xx: dashes, quotes, bullets) and no-break spaces
  // separate words, so "don’t" and "don't" agree.
  std::vector<uint64_t> words;
  words.reserve(text.size() / 6 + 1);
  uint64_t h = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool sep = !word_byte(c);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      sep = true;
      i += 2;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      sep = true;
      i += 1;
    }
    if (sep) {
      if (in_word) words.push_back(h);
      in_word = false;
      continue;
    }
    if (!in_word) h = 1469598103934665603ull;
    in_word = true;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    h = (h ^ c) * 1099511628211ull;
  }
  if (in_word) words.push_back(h);

  Signature s;
  const std::size_t k = static_cast<std::size_t>(p_.shingle_size);
  if (words.size() < static_cast<std::size_t>(p_.min_words) || words.size() < k) return s;
  const std::size_t n = a_.size();
  s.values.assign(n, std::numeric_limits<uint32_t>::max());
  s.shingles = static_cast<uint32_t>(words.size() - k + 1);
  uint32_t* v = s.values.data();
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  for (std::size_t start = 0; start + k <= words.size(); ++start) {
    uint64_t x = 0;
    for (std::size_t j = 0; j < k; ++j) x = (x ^ words[start + j]) * 0x100000001B3ull + j;
    x = mix(x);
    for (std::size_t i = 0; i < n; ++i) v[i] = std::min(v[i], static_cast<uint32_t>((a[i] * x + b[i]) >> 32));
  }
  return s;
}

std::vector<uint64_t> MinHasher::bands(const Signature& s) const {
  std::vector<uint64_t> out;
  if (s.empty() || p_.bands <= 0) return out;
  const std::size_t rows = s.values.size() / static_cast<std::size_t>(p_.bands);
  out.reserve(p_.bands);
  for (int band = 0; band < p_.bands; ++band) {
    uint64_t h = mix(static_cast<uint64_t>(band) + 0x5bd1e995ull);
    for (std::size_t r = 0; r < rows; ++r) h = mix(h ^ s.values[band * rows + r]);
    out.push_back(h);
  }
  return out;
}

double jaccard_estimate(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

double containment_estimate(double jaccard, uint32_t size_a, uint32_t size_b) {
  uint32_t smaller = std::min(size_a, size_b);
  if (smaller == 0) return 0;
  // |A n B| = J (|A| + |B|) / (1 + J)
  double common = jaccard * (static_cast<double>(size_a) + size_b) / (1.0 + jaccard);
  return std::min(1.0, common / smaller);
}

}  // namespace aj::dedup
