// A source for engine tests: emits `count` jobs per query, fails on demand.
#include <autojobagent/plugin.hpp>

#include <string>

class TestSource final : public aj::Source {
 public:
  static constexpr const char* name = "testsrc";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Emits numbered jobs for tests";
  static constexpr aj_config_key config[] = {
      aj::key("count", AJ_CFG_INT, "10", false, "jobs per query; -1 emits until stopped"),
      aj::key("prefix", AJ_CFG_STRING, "job", false, "job id prefix"),
      aj::key("fail_term", AJ_CFG_STRING, nullptr, false, "a query term that fails with AJ_ERROR"),
      aj::key("fatal", AJ_CFG_BOOL, "false", false, "every run returns AJ_FATAL"),
      aj::key("fail_outcome", AJ_CFG_STRING, nullptr, false, "the query fail_term fails with this raw \"outcome\" report"),
      aj::key("fail_create", AJ_CFG_BOOL, "false", false, "create reports invalid settings"),
      aj::key("throw_in_create", AJ_CFG_STRING, nullptr, false, "create throws this (not through the wrapper)"),
  };

  // Exercises the wrapper's init path: once per process, with a host to log to.
  static void init(aj::Host host) { host.debug("testsrc loaded"); }

  TestSource(aj::Host host, const aj::Config& cfg) : host_(host) {
    count_ = cfg.i64("count").value_or(10);
    prefix_ = cfg.str_or("prefix", "job");
    fail_term_ = cfg.str_or("fail_term", "");
    fail_outcome_ = cfg.str_or("fail_outcome", "");
    fatal_ = cfg.boolean("fatal").value_or(false);
    if (cfg.boolean("fail_create").value_or(false)) throw aj::ConfigError("testsrc: fail_create is set");
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    if (fatal_) throw aj::Error("testsrc: told to fail", AJ_FATAL);
    std::string term = query.str_or("term", "");
    std::string location = query.str_or("location", "");
    if (!fail_term_.empty() && term == fail_term_ && !fail_outcome_.empty()) ctx.report("outcome", fail_outcome_);
    if (!fail_term_.empty() && term == fail_term_) throw aj::Error("testsrc: no results page for '" + term + "'");
    for (int64_t i = 0; count_ < 0 || i < count_; ++i) {
      if (ctx.cancelled()) return;
      auto job = ctx.new_job();
      job.set(AJ_F_ID, prefix_ + "-" + term + "-" + location + "-" + std::to_string(i));
      job.set(AJ_F_TITLE, "Engineer " + std::to_string(i) + (term.empty() ? "" : " " + term));
      job.set(AJ_F_COMPANY, "Company " + std::to_string(i % 7));
      if (!location.empty()) job.set(AJ_F_LOCATION, location);
      job.set_extra("query", term + "|" + location);
      ctx.progress(static_cast<uint64_t>(i + 1), count_ < 0 ? 0 : static_cast<uint64_t>(count_));
      if (!ctx.emit(std::move(job))) return;
    }
  }

 private:
  aj::Host host_;
  int64_t count_;
  std::string prefix_, fail_term_, fail_outcome_;
  bool fatal_;
};

AJ_PLUGIN(TestSource)
