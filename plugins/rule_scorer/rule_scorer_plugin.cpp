// rule_scorer: stage-1 scoring with PRODUCT.md's six weighted factors on the
// fields a posting has. The rules live in rule_scoring.cpp; this file reads the
// settings and the job, and writes score, decision and breakdown.
#include <string>

#include "autojobagent/plugin.hpp"
#include "rule_scoring.hpp"

namespace {

namespace rs = aj::rule_scoring;

std::optional<std::string> text(const aj::Job& job, aj::Field f) {
  if (auto v = job.str(f)) return std::string(*v);
  return std::nullopt;
}

std::vector<std::string> strings(const aj::Config& cfg, std::string_view key) {
  std::vector<std::string> out;
  for (std::string_view item : cfg.list(key)) out.emplace_back(item);
  return out;
}

class RuleScorer final : public aj::Scorer {
 public:
  static constexpr const char* name = "rule_scorer";
  static constexpr const char* version = "0.1.0";
  static constexpr const char* summary = "Scores postings 0-100 with weighted rules (title, company, location, job type, salary, experience)";
  static constexpr aj_config_key config[] = {
      aj::key("target_titles", AJ_CFG_STRING_LIST, nullptr, false, "job titles you are after, e.g. Data Analyst"),
      aj::key("preferred_companies", AJ_CFG_STRING_LIST, nullptr, false, "companies you would like to work for"),
      aj::key("preferred_industries", AJ_CFG_STRING_LIST, nullptr, false, "industries you prefer, e.g. Banking"),
      aj::key("locations", AJ_CFG_STRING_LIST, nullptr, false, "places you would work: \"City, PROV\" or \"City, PROV, Country\""),
      aj::key("remote_preference", AJ_CFG_STRING, "any", false, "how you want to work", "remote|hybrid|onsite|any"),
      aj::key("salary_target", AJ_CFG_FLOAT, nullptr, false, "the annual salary you aim for"),
      aj::key("salary_currency", AJ_CFG_STRING, "CAD", false, "the currency of salary_target (ISO 4217)"),
      aj::key("years_experience", AJ_CFG_INT, nullptr, false, "your years of experience"),
      aj::key("weights", AJ_CFG_MAP, "{title: 30, company: 15, location: 20, job_type: 10, salary: 15, experience: 10}",
              false, "points per factor; missing keys take these defaults; they must sum to 100"),
      aj::key("thresholds", AJ_CFG_MAP, "{apply: 70, review: 45}", false,
              "apply when score >= apply, review when >= review, else skip"),
  };

  RuleScorer(aj::Host, const aj::Config& cfg) {
    prefs_.target_titles = strings(cfg, "target_titles");
    prefs_.preferred_companies = strings(cfg, "preferred_companies");
    prefs_.preferred_industries = strings(cfg, "preferred_industries");
    prefs_.locations = strings(cfg, "locations");
    const std::string pref = cfg.str_or("remote_preference", "any");
    const auto remote = rs::parse_remote_preference(pref);
    if (!remote) throw aj::ConfigError("remote_preference: '" + pref + "' is not one of remote, hybrid, onsite, any");
    prefs_.remote_preference = *remote;
    prefs_.salary_target = cfg.f64("salary_target");
    prefs_.salary_currency = cfg.str_or("salary_currency", "CAD");
    prefs_.years_experience = cfg.i64("years_experience");
    // The host fills in nothing inside a map, so each key falls back here.
    rs::Weights& w = prefs_.weights;
    w.title = cfg.f64("weights.title").value_or(w.title);
    w.company = cfg.f64("weights.company").value_or(w.company);
    w.location = cfg.f64("weights.location").value_or(w.location);
    w.job_type = cfg.f64("weights.job_type").value_or(w.job_type);
    w.salary = cfg.f64("weights.salary").value_or(w.salary);
    w.experience = cfg.f64("weights.experience").value_or(w.experience);
    rs::Thresholds& t = prefs_.thresholds;
    t.apply = cfg.f64("thresholds.apply").value_or(t.apply);
    t.review = cfg.f64("thresholds.review").value_or(t.review);
    if (std::string problem = rs::validate(prefs_); !problem.empty()) throw aj::ConfigError(problem);
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
    p.work_from_home_type = text(job, AJ_F_WORK_FROM_HOME_TYPE);
    p.is_remote = job.boolean(AJ_F_IS_REMOTE);
    p.min_amount = job.f64(AJ_F_MIN_AMOUNT);
    p.max_amount = job.f64(AJ_F_MAX_AMOUNT);
    p.interval = text(job, AJ_F_INTERVAL);
    p.currency = text(job, AJ_F_CURRENCY);
    p.experience_min_years = job.i64(AJ_F_EXPERIENCE_MIN_YEARS);

    const rs::Score s = rs::score(p, prefs_);
    job.set(AJ_F_SCORE, s.total);
    job.set(AJ_F_DECISION, s.decision);
    job.set(AJ_F_SCORE_BREAKDOWN, rs::breakdown_json(s));
  }

 private:
  rs::Preferences prefs_;
};

}  // namespace

AJ_PLUGIN(RuleScorer)
