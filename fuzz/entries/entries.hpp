// What each libFuzzer target runs, as plain functions: fuzz/<target>.cpp calls
// one from LLVMFuzzerTestOneInput, and tests/fuzz replays the corpus and every
// crash found through the same code in the ordinary build. Each returns 0; bad
// input may make a parser throw its own error (caught here) but never crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#define AJ_FUZZ_TARGETS(X) \
  X(linkedin)              \
  X(indeed)                \
  X(glassdoor)             \
  X(eluta)                 \
  X(feed)                  \
  X(greenhouse)            \
  X(lever)                 \
  X(ashby)                 \
  X(smartrecruiters)       \
  X(bamboohr)              \
  X(workday)               \
  X(ajsrc)                 \
  X(describe)              \
  X(extract)               \
  X(config)                \
  X(import)

#define AJ_FUZZ_DECLARE_(name) int aj_fuzz_##name(const uint8_t* data, size_t size);
AJ_FUZZ_TARGETS(AJ_FUZZ_DECLARE_)
#undef AJ_FUZZ_DECLARE_

namespace aj::fuzz {

/// The input as text.
inline std::string_view text_of(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace aj::fuzz
