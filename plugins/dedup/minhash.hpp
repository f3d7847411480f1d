// MinHash signatures of descriptions over word shingles, and the LSH bands
// that find candidate near-duplicates by lookup instead of by a scan.
//
// Each shingle (k consecutive words) is hashed once to 64 bits; the i-th of the
// N min-hash values is the minimum over shingles of the top 32 bits of
// a_i * x + b_i (multiply-shift: one multiply and one add per shingle and value).
// The share of equal values of two signatures estimates the Jaccard similarity
// of their shingle sets. Signatures are only comparable when made with the same
// N and k (Params); a and b derive from the value's index, so they are the same
// in every run.
#ifndef AJ_PLUGINS_DEDUP_MINHASH_HPP
#define AJ_PLUGINS_DEDUP_MINHASH_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aj::dedup {

struct MinHashParams {
  int num_hashes = 64;  ///< values per signature
  int bands = 16;       ///< LSH bands; num_hashes / bands values each
  int shingle_size = 5; ///< words per shingle
  int min_words = 40;   ///< shorter descriptions get no signature
};

struct Signature {
  std::vector<uint32_t> values;  ///< empty: no signature (too short)
  uint32_t shingles = 0;         ///< shingles hashed (words - k + 1)
  bool empty() const { return values.empty(); }
};

class MinHasher {
 public:
  explicit MinHasher(const MinHashParams& params);

  /// The signature of a description (any case, any punctuation); empty when
  /// it has fewer than min_words words.
  Signature sign(std::string_view text) const;

  /// One 64-bit hash per band of the signature (the band's values hashed with
  /// its index), for bucket keys.
  std::vector<uint64_t> bands(const Signature& s) const;

  const MinHashParams& params() const { return p_; }

 private:
  MinHashParams p_;
  std::vector<uint64_t> a_, b_;
};

/// The share of equal values (0 when the sizes differ or either is empty).
double jaccard_estimate(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

/// The estimated share of the smaller shingle set found in the larger one,
/// from the Jaccard estimate and the two set sizes: catches a truncated copy.
double containment_estimate(double jaccard, uint32_t size_a, uint32_t size_b);

}  // namespace aj::dedup

#endif
