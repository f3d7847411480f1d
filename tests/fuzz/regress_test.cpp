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
const fs::path kFixtures = AJ_FIXTURES_DIR;
const fs::path kFound = kFixtures / "fuzz";

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

// The test fixtures fuzz/seeds.txt names for a target; a missing one fails the test.
std::vector<fs::path> fixture_seeds(const std::string& target) {
  std::vector<fs::path> out;
  std::istringstream lines(read(fs::path(AJ_SOURCE_DIR) / "fuzz" / "seeds.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string name, path;
    if (line.empty() || line[0] == '#' || !(fields >> name >> path) || name != target) continue;
    out.push_back(kFixtures / path);
    EXPECT_TRUE(fs::is_regular_file(out.back())) << "fuzz/seeds.txt names " << out.back() << ", which is not there";
  }
  return out;
}

class Replay : public ::testing::TestWithParam<Target> {};

TEST_P(Replay, SeedsAndFoundInputsRun) {
  const Target& t = GetParam();
  auto seeds = files_in(kCorpus / t.name);
  for (const auto& file : fixture_seeds(t.name)) seeds.push_back(file);
  ASSERT_FALSE(seeds.empty()) << "neither fuzz/corpus/" << t.name << "/ nor fuzz/seeds.txt gives a seed";
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
