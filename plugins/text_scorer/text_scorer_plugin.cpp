// text_scorer: stage 2 of scoring, the person's skills against each posting
// (text_matching.hpp), appended to stage 1's breakdown (breakdown.hpp). This
// file reads the settings and the profile once, and each job's text, skills
// and breakdown; it writes score, decision and breakdown.
#include "autojobagent/plugin.hpp"
#include "autojobagent/profile.hpp"
#include "breakdown.hpp"
#include "text_matching.hpp"

#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>

namespace aj::text_matching {
extern const std::string_view kBuiltinSkillsYaml;
extern const std::string_view kBuiltinFrequencies;
}  // namespace aj::text_matching

namespace {

namespace txt = aj::text_matching;

class TextScorer final : public aj::Scorer {
 public:
  static constexpr const char* name = "text_scorer";
  static constexpr const char* version = "0.1.0";
  static constexpr const char* summary =
      "Stage 2: how well the skills in your profile cover those a posting asks for (BM25-weighted), added to the "
      "stage-1 score as one more factor";
  static constexpr aj_config_key config[] = {
      aj::key("weight", AJ_CFG_FLOAT, "25", false, "points of the skills factor, on top of stage 1's 100"),
      aj::key("taxonomy", AJ_CFG_PATH, nullptr, false,
              "the skills taxonomy (YAML, as config/skills.yaml); default: the copy built in. Use the same as extract"),
      aj::key("thresholds", AJ_CFG_MAP, "{apply: 70, review: 45}", false,
              "apply when score >= apply, review when >= review, else skip; only for postings stage 1 did not score "
              "(otherwise stage 1's thresholds decide)"),
  };

  TextScorer(aj::Host host, const aj::Config& cfg) : host_(host) {
    weight_ = cfg.f64("weight").value_or(25);
    if (!std::isfinite(weight_) || weight_ <= 0 || weight_ > 1000)
      throw aj::ConfigError("weight: " + std::to_string(weight_) + " is not a number of points in (0, 1000]");
    thresholds_.apply = cfg.f64("thresholds.apply").value_or(thresholds_.apply);
    thresholds_.review = cfg.f64("thresholds.review").value_or(thresholds_.review);
    if (!(0 <= thresholds_.review && thresholds_.review <= thresholds_.apply && thresholds_.apply <= 100))
      throw aj::ConfigError("thresholds: need 0 <= review <= apply <= 100");

    const std::string path = cfg.str_or("taxonomy", "");
    ajx::Taxonomy taxonomy;
    try {
      taxonomy = path.empty() ? ajx::Taxonomy::parse(txt::kBuiltinSkillsYaml, "the built-in config/skills.yaml")
                              : ajx::Taxonomy::load(path);
    } catch (const std::exception& e) {
      throw aj::ConfigError(std::string("taxonomy: ") + e.what());
    }
    const txt::Frequencies df =
        txt::Frequencies::parse(txt::kBuiltinFrequencies, "the built-in plugins/text_scorer/data/skill_df.tsv");
    matcher_.emplace(std::move(taxonomy), df);

    const std::string_view profile = aj::Profile(host).require();
    try {
      person_ = matcher_->resume(profile);
    } catch (const std::invalid_argument& e) {
      throw aj::ConfigError(e.what());
    }
  }

  ~TextScorer() override {
    if (matched_ + left_ > 0) host_.info("text_scorer: " + totals());
  }

  void process(aj::Context& ctx, aj::Batch& batch) override {
    aj::Scorer::process(ctx, batch);
    ctx.report("summary", totals());  // the run summary prints this worker's totals
  }

  void score(aj::Context&, aj::Job& job) override {
    txt::Posting p;
    p.title = job.str(AJ_F_TITLE).value_or("");
    p.description = job.str(AJ_F_DESCRIPTION).value_or("");
    if (p.description.empty()) p.skills = job.list(AJ_F_SKILLS);
    const txt::Match m = matcher_->match(person_, p, scratch_);
    if (!m.scored) {  // stage 1's score stands
      ++left_;
      return;
    }
    ++matched_;
    ++(m.score >= 0.6 ? strong_ : m.score >= 0.3 ? partial_ : weak_);
    const txt::Scored s = txt::merge(job.str(AJ_F_SCORE_BREAKDOWN).value_or(""), m, weight_, thresholds_);
    job.set(AJ_F_SCORE, s.total);
    job.set(AJ_F_DECISION, s.decision);
    job.set(AJ_F_SCORE_BREAKDOWN, s.breakdown);
  }

 private:
  // Counts only, so the host can sum the workers' lines into one.
  std::string totals() const {
    // No fixed numbers in the text either: the host would add them up too.
    return std::to_string(matched_) + " matched against your skills: " + std::to_string(strong_) + " strong, " +
           std::to_string(partial_) + " partial, " + std::to_string(weak_) + " weak; " + std::to_string(left_) +
           " left to the rules alone (no description and no skills)";
  }

  aj::Host host_;
  double weight_ = 25;
  txt::Thresholds thresholds_;
  std::optional<txt::Matcher> matcher_;
  txt::Resume person_;
  txt::Scratch scratch_;
  uint64_t matched_ = 0, left_ = 0, strong_ = 0, partial_ = 0, weak_ = 0;
};

}  // namespace

AJ_PLUGIN(TextScorer)
