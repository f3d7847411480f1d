// FNV-1a, 64 bits: stable across builds and platforms, unlike std::hash, so a
// cache or recording made by one build is read by another.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace aj::http {

class Fnv64 {
 public:
  void bytes(std::string_view s) {
    for (unsigned char c : s) {
      h_ ^= c;
      h_ *= 1099511628211ull;
    }
  }
  // Length first, so that ("ab", "c") and ("a", "bc") differ.
  void field(std::string_view s) {
    char n[8];
    for (int i = 0; i < 8; ++i) n[i] = static_cast<char>((static_cast<uint64_t>(s.size()) >> (8 * i)) & 0xff);
    bytes(std::string_view(n, 8));
    bytes(s);
  }
  uint64_t value() const { return h_; }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h_));
    return out;
  }

 private:
  uint64_t h_ = 14695981039346656037ull;
};

}  // namespace aj::http
