// An enricher for engine tests: tags, drops or fails jobs by title.
#include <autojobagent/plugin.hpp>

#include <atomic>
#include <string>

class TestEnricher final : public aj::Enricher {
 public:
  static constexpr const char* name = "testenrich";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Tags, drops or fails jobs for tests";
  static constexpr aj_config_key config[] = {
      aj::key("tag", AJ_CFG_STRING, "seen", false, "appended to the job's `trail` extra"),
      aj::key("drop_if_title_has", AJ_CFG_STRING, nullptr, false, "drop jobs whose title contains this"),
      aj::key("fail_if_title_has", AJ_CFG_STRING, nullptr, false, "fail jobs whose title contains this"),
      aj::key("mode", AJ_CFG_STRING, "normal", false,
              "normal; fatal: every call returns AJ_FATAL; fatal_one: only the first instance to run does",
              "normal|fatal|fatal_one"),
  };

  TestEnricher(aj::Host, const aj::Config& cfg)
      : tag_(cfg.str_or("tag", "seen")),
        drop_(cfg.str_or("drop_if_title_has", "")),
        fail_(cfg.str_or("fail_if_title_has", "")),
        fatal_(cfg.str_or("mode", "normal") == "fatal"),
        fatal_one_(cfg.str_or("mode", "normal") == "fatal_one") {}

  void process(aj::Context& ctx, aj::Batch& batch) override {
    if (fatal_) throw aj::Error("testenrich: told to stop", AJ_FATAL);
    static std::atomic<bool> one_died{false};
    if (fatal_one_ && !one_died.exchange(true)) throw aj::Error("testenrich: this one instance stops", AJ_FATAL);
    for (uint32_t i = 0; i < batch.size(); ++i) {
      aj::Job job = batch[i];
      std::string title(job.str(AJ_F_TITLE).value_or(""));
      if (!drop_.empty() && title.find(drop_) != std::string::npos) {
        batch.drop(i, "title has '" + drop_ + "'");
        continue;
      }
      if (!fail_.empty() && title.find(fail_) != std::string::npos) {
        batch.fail(i, AJ_ERROR, "cannot enrich '" + title + "'");
        continue;
      }
      std::string trail(job.extra("trail").value_or(""));
      job.set_extra("trail", trail.empty() ? tag_ : trail + "," + tag_);
    }
    (void)ctx;
  }

 private:
  std::string tag_, drop_, fail_;
  bool fatal_, fatal_one_;
};

AJ_PLUGIN(TestEnricher)
