// Plugin discovery and loading: good plugins load, each kind of broken plugin
// is reported with its path and reason, and loading goes on past it.
#include "plugin/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace fs = std::filesystem;
using namespace aj::host;

namespace {

const LoadProblem* problem_for(const PluginRegistry& reg, const std::string& file) {
  for (const auto& p : reg.problems())
    if (p.path.filename() == file) return &p;
  return nullptr;
}

class LoaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    reg_ = new PluginRegistry();
    // Broken first: the good ones after them must still load.
    reg_->load_dirs({AJ_TEST_BROKEN_PLUGINS, AJ_TEST_GOOD_PLUGINS, AJ_PLUGINS_DIR});
  }
  static void TearDownTestSuite() { delete reg_; }
  static PluginRegistry* reg_;
};
PluginRegistry* LoaderTest::reg_ = nullptr;

}  // namespace

TEST_F(LoaderTest, NotALibraryIsReportedWithPathAndReason) {
  const LoadProblem* p = problem_for(*reg_, "not_a_plugin.so");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->path, fs::path(AJ_TEST_BROKEN_PLUGINS) / "not_a_plugin.so");
  EXPECT_NE(p->reason.find("not a loadable library"), std::string::npos) << p->reason;
}

TEST_F(LoaderTest, LibraryWithoutEntrySymbolIsReported) {
  const LoadProblem* p = problem_for(*reg_, "no_symbol.so");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->reason.find("does not export aj_plugin_entry_v1"), std::string::npos) << p->reason;
}

TEST_F(LoaderTest, FutureMajorAbiIsRefused) {
  const LoadProblem* p = problem_for(*reg_, "future_major.so");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->reason.find("built for plugin ABI 2.0"), std::string::npos) << p->reason;
  EXPECT_NE(p->reason.find("upgrade ajhost"), std::string::npos) << p->reason;
  EXPECT_EQ(reg_->find("future_major"), nullptr);
}

TEST_F(LoaderTest, NewerMinorAbiIsRefused) {
  const LoadProblem* p = problem_for(*reg_, "future_minor.so");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->reason.find("needs plugin ABI 1.99"), std::string::npos) << p->reason;
  EXPECT_EQ(reg_->find("future_minor"), nullptr);
}

TEST_F(LoaderTest, FailingInitIsReportedWithThePluginsMessage) {
  const LoadProblem* p = problem_for(*reg_, "init_fails.so");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->reason.find("failed to initialise: cannot find its model file /nonexistent/model.bin"),
            std::string::npos)
      << p->reason;
  EXPECT_EQ(reg_->find("init_fails"), nullptr);
}

TEST_F(LoaderTest, ThrowingInitIsCaughtAndReported) {
  const LoadProblem* p = problem_for(*reg_, "init_throws.so");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(p->reason.find("threw an exception from init"), std::string::npos) << p->reason;
  EXPECT_EQ(reg_->find("init_throws"), nullptr);
}

TEST_F(LoaderTest, GoodPluginsLoadAfterBrokenOnes) {
  for (const char* name : {"testsrc", "testenrich", "import", "rule_scorer"}) {
    const Plugin* p = reg_->find(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->abi_major, AJ_ABI_VERSION_MAJOR);
    EXPECT_FALSE(p->version.empty());
    EXPECT_TRUE(fs::exists(p->path));
  }
  EXPECT_EQ(reg_->find("testsrc")->kind, static_cast<aj_kind>(AJ_KIND_SOURCE));
  EXPECT_EQ(reg_->find("testenrich")->kind, static_cast<aj_kind>(AJ_KIND_ENRICHER));
  EXPECT_EQ(reg_->find("rule_scorer")->kind, static_cast<aj_kind>(AJ_KIND_SCORER));
}

TEST_F(LoaderTest, ConfigSchemaIsCopiedFromTheDescriptor) {
  const Plugin* p = reg_->find("testenrich");
  ASSERT_NE(p, nullptr);
  auto it = std::find_if(p->config.begin(), p->config.end(), [](const ConfigKeyInfo& k) { return k.key == "mode"; });
  ASSERT_NE(it, p->config.end());
  EXPECT_EQ(it->type, static_cast<aj_config_type>(AJ_CFG_STRING));
  EXPECT_EQ(it->default_value.value_or(""), "normal");
  EXPECT_EQ(it->choices, (std::vector<std::string>{"normal", "fatal", "fatal_one"}));
}

TEST(Loader, SamePluginTwiceKeepsTheFirstAndReportsTheSecond) {
  PluginRegistry reg;
  reg.load_file(fs::path(AJ_TEST_GOOD_PLUGINS) / "testsrc.so");
  reg.load_file(fs::path(AJ_TEST_GOOD_PLUGINS) / "testsrc.so");
  ASSERT_EQ(reg.plugins().size(), 1u);
  ASSERT_EQ(reg.problems().size(), 1u);
  EXPECT_NE(reg.problems()[0].reason.find("already provided by"), std::string::npos);
}

TEST(Loader, MissingDirectoryIsSearchedQuietly) {
  PluginRegistry reg;
  reg.load_dirs({"/nonexistent/ajtest/plugins"});
  EXPECT_TRUE(reg.plugins().empty());
  EXPECT_TRUE(reg.problems().empty());
  ASSERT_EQ(reg.searched().size(), 1u);
}
