// Replays every seed of fuzz/corpus/<target>/ and every input of
// tests/fixtures/fuzz/<target>/ (what a fuzzer found, since fixed) through the
// target's entry, the code the fuzzer runs: each must return 0 without a crash,
// a sanitizer report or an exception escaping.
#include "entries/entries.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Target {
  const char* name;
  int (*entry)(const uint8_t*, size_t);
};
// Shown by name in test listings (not as the bytes of two pointers, which change from run to run).
void PrintTo(const Target& t, std::ostream* os) { *os << t.name; }

#define AJ_FUZZ_TARGET_(n) Target{#n, aj_fuzz_##n},
const std::vector<Target> kTargets = {AJ_FUZZ_TARGETS(AJ_FUZZ_TARGET_)};
#undef AJ_FUZZ_TARGET_

const fs::path kCorpus = fs::path(AJ_SOURCE_DIR) / "fuzz" / "corpus";
const fs::path kFound = fs::path(AJ_FIXTURES_DIR) / "fuzz";

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Replay : public ::testing::TestWithParam<Target> {};

TEST_P(Replay, SeedsAndFoundInputsRun) {
  const Target& t = GetParam();
  auto seeds = files_in(kCorpus / t.name);
  ASSERT_FALSE(seeds.empty()) << "fuzz/corpus/" << t.name << "/ has no seed inputs";
  auto inputs = seeds;
  auto found = files_in(kFound / t.name);
  inputs.insert(inputs.end(), found.begin(), found.end());
  for (const auto& file : inputs) {
    SCOPED_TRACE(file.string());
    std::string bytes = read(file);
    EXPECT_EQ(t.entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Fuzz, Replay, ::testing::ValuesIn(kTargets),
                         [](const ::testing::TestParamInfo<Target>& info) { return std::string(info.param.name); });

// A folder of found inputs for a target that does not exist would never be replayed.
TEST(FuzzFixtures, EveryFolderIsATargetAndEveryInputIsDescribed) {
  std::set<std::string> names;
  for (const auto& t : kTargets) names.insert(t.name);
  std::string readme = read(kFound / "README.md");
  ASSERT_FALSE(readme.empty()) << (kFound / "README.md") << " is missing";
  for (const auto& e : fs::directory_iterator(kFound)) {
    if (!e.is_directory()) continue;
    std::string target = e.path().filename().string();
    EXPECT_TRUE(names.count(target)) << e.path() << " is not a fuzz target's folder";
    for (const auto& file : files_in(e.path())) {
      std::string name = target + "/" + file.filename().string();
      EXPECT_NE(readme.find(name), std::string::npos) << name << " is not described in tests/fixtures/fuzz/README.md";
    }
  }
}

}  // namespace
