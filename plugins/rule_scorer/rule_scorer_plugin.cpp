// rule_scorer: stage-1 scoring of each posting against the person's profile
// (the host's profile service). The rules live in the rule_scoring library
// (README.md); this file reads the settings and the job, and writes score,
// decision and breakdown.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "autojobagent/plugin.hpp"
#include "autojobagent/profile.hpp"
#include "rule_scoring.hpp"

namespace {

namespace rs = aj::rule_scoring;

std::string_view text(const aj::Job& job, aj::Field f) { return job.str(f).value_or(std::string_view()); }

rs::Date today() {
  const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return {static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
          static_cast<int>(static_cast<unsigned>(d.day()))};
}

class RuleScorer final : public aj::Scorer {
 public:
  static constexpr const char* name = "rule_scorer";
  static constexpr const char* version = "0.2.0";
  static constexpr const char* summary =
      "Scores postings 0-100 against your profile's preferences (title, company, location, job type, salary, "
      "experience) and skips those a hard filter rules out";
  static constexpr aj_config_key config[] = {
      aj::key("weights", AJ_CFG_MAP, "{title: 30, company: 15, location: 20, job_type: 10, salary: 15, experience: 10}",
              false, "points per factor; missing keys take these defaults; they must sum to 100"),
      aj::key("thresholds", AJ_CFG_MAP, "{apply: 70, review: 45}", false,
              "apply when score >= apply, review when >= review, else skip"),
      aj::key("gazetteer", AJ_CFG_PATH, nullptr, false,
              "places file (config/places.yaml format) for distances; default: the built-in copy"),
      aj::key("usd_per_unit", AJ_CFG_MAP, nullptr, false,
              "value of one unit of a currency in US dollars, e.g. {CAD: 0.73}; adds to or overrides the built-in "
              "table"),
  };

  RuleScorer(aj::Host host, const aj::Config& cfg) {
    try {
      settings_ = rs::settings_from_json(cfg.json("weights").value_or(""), cfg.json("thresholds").value_or(""),
                                         cfg.json("usd_per_unit").value_or(""));
      if (auto path = cfg.str("gazetteer"); path && !path->empty()) {
        gazetteer_ = std::make_unique<aj::geo::Gazetteer>(aj::geo::Gazetteer::load(std::string(*path)));
        settings_.places = gazetteer_.get();
      } else {
        settings_.places = &aj::geo::Gazetteer::builtin();
      }
    } catch (const std::runtime_error& e) {
      throw aj::ConfigError(e.what());
    }
    const aj::Profile profile(host);
    const std::string_view json = profile.require();
    try {
      prefs_ = rs::parse_profile(json, today(), *settings_.places);
    } catch (const std::runtime_error& e) {
      throw aj::ConfigError("profile " + std::string(profile.source()) + ": " + e.what());
    }
  }

  void process(aj::Context& ctx, aj::Batch& batch) override {
    aj::Scorer::process(ctx, batch);
    ctx.report("summary", tally_.line());  // the run summary prints this worker's counts
  }

  void score(aj::Context&, aj::Job& job) override {
    rs::Posting p;
    p.title = text(job, AJ_F_TITLE);
    p.company = text(job, AJ_F_COMPANY);
    p.company_industry = text(job, AJ_F_COMPANY_INDUSTRY);
    p.location = text(job, AJ_F_LOCATION);
    p.city = text(job, AJ_F_CITY);
    p.state = text(job, AJ_F_STATE);
    p.country = text(job, AJ_F_COUNTRY);
    p.job_type = text(job, AJ_F_JOB_TYPE);
    p.work_arrangement = text(job, AJ_F_WORK_ARRANGEMENT);
    p.is_remote = job.boolean(AJ_F_IS_REMOTE);
    p.min_amount = job.f64(AJ_F_MIN_AMOUNT);
    p.max_amount = job.f64(AJ_F_MAX_AMOUNT);
    p.annual_min = job.f64(AJ_F_ANNUAL_MIN);
    p.annual_max = job.f64(AJ_F_ANNUAL_MAX);
    p.interval = text(job, AJ_F_INTERVAL);
    p.currency = text(job, AJ_F_CURRENCY);
    p.job_level = text(job, AJ_F_JOB_LEVEL);
    if (auto years = job.i64(AJ_F_EXPERIENCE_MIN_YEARS)) p.experience_min_years = static_cast<double>(*years);
    p.french = text(job, AJ_F_FRENCH);
    p.language = text(job, AJ_F_LANGUAGE);
    p.description = text(job, AJ_F_DESCRIPTION);

    const rs::Score s = rs::score(p, prefs_, settings_);
    tally_.add(s);
    // The views above are not read again: setting fields may move them.
    job.set(AJ_F_SCORE, s.total);
    job.set(AJ_F_DECISION, s.decision);
    job.set(AJ_F_SCORE_BREAKDOWN, rs::breakdown_json(s));
  }

 private:
  rs::Settings settings_;
  std::unique_ptr<aj::geo::Gazetteer> gazetteer_;  // when the settings name a file
  rs::Preferences prefs_;
  rs::Tally tally_;
};

}  // namespace

AJ_PLUGIN(RuleScorer)
