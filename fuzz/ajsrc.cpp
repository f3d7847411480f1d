// libFuzzer target: see entries/ and README.md.
#include "entries/entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return aj_fuzz_ajsrc(data, size); }
