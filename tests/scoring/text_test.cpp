// Stage 2 (plugins/text_scorer): the person's skills against a posting's,
// hand-checked. Most cases use a small frequency table in which every skill
// has the same IDF, so a score is a ratio of BM25 term weights that can be
// worked out by hand; the shipped table is checked on its own.
#include "breakdown.hpp"
#include "frequencies.hpp"
#include "nice_to_have.hpp"
#include "text_matching.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

namespace txt = aj::text_matching;
namespace json = boost::json;

const ajx::Taxonomy& shipped_taxonomy() {
  static const ajx::Taxonomy t = ajx::Taxonomy::load(std::string(AJ_SOURCE_DIR) + "/config/skills.yaml");
  return t;
}

ajx::Taxonomy taxonomy() { return ajx::Taxonomy::load(std::string(AJ_SOURCE_DIR) + "/config/skills.yaml"); }

// Every skill a test posting names has df 10 of 100: one IDF for all.
const char* const kEvenTable =
    "documents\t100\naverage_words\t50\n"
    "Python\t10\nSQL\t10\nAWS\t10\nKubernetes\t10\nTerraform\t10\nKafka\t10\nDocker\t10\nGo\t10\n";

txt::Matcher even_matcher() { return txt::Matcher(taxonomy(), txt::Frequencies::parse(kEvenTable, "test")); }

std::string profile_with_skills(const std::string& keywords) {
  return R"({"basics": {"name": "Alex"}, "skills": [{"name": "Backend", "keywords": )" + keywords + "}]}";
}

txt::Match match(const txt::Matcher& m, const txt::Resume& r, std::string_view title, std::string_view description) {
  txt::Scratch scratch;
  txt::Posting p;
  p.title = title;
  p.description = description;
  return m.match(r, p, scratch);
}

// BM25's saturated tf with the defaults (k1 1.2, b 0.75) and the table's average length 50.
double saturated(double tf, double words) {
  const double k1 = 1.2, b = 0.75;
  return tf * (k1 + 1) / (tf + k1 * (1 - b + b * words / 50));
}

std::size_t words_of(std::string_view title, std::string_view description) {
  return ajx::Text::of(title, description).words.size();
}

using Names = std::vector<std::string>;

// ---- the score -----------------------------------------------------------------

TEST(TextScore, PostingAskingExactlyThePersonsSkillsScoresOne) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python", "SQL", "AWS"])"));
  const txt::Match x = match(m, r, "Analyst", "You will build reports in Python and SQL on AWS.");
  ASSERT_TRUE(x.scored);
  ASSERT_TRUE(x.known);
  EXPECT_DOUBLE_EQ(x.score, 1.0);
  EXPECT_EQ(x.must_matched.size(), 3u);
  EXPECT_TRUE(x.must_missing.empty());
}

TEST(TextScore, NothingInCommonScoresZero) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python", "SQL"])"));
  const txt::Match x = match(m, r, "Platform Engineer", "You will run Kubernetes clusters built with Terraform.");
  ASSERT_TRUE(x.known);
  EXPECT_DOUBLE_EQ(x.score, 0.0);
  EXPECT_EQ(x.must_missing, (Names{"Kubernetes", "Terraform"}));
}

TEST(TextScore, MatchedMustHavesCountTwiceNiceToHaves) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python", "SQL"])"));
  // The same words in both, so the same length: only the clauses differ.
  const txt::Match asks_mine =
      match(m, r, "Engineer", "Requirements: Python and SQL.\nNice to have: Kubernetes and Terraform.");
  const txt::Match asks_others =
      match(m, r, "Engineer", "Requirements: Kubernetes and Terraform.\nNice to have: Python and SQL.");
  // Equal IDF and tf: a must-have weighs 1, a nice-to-have 0.5.
  EXPECT_NEAR(asks_mine.score, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(asks_others.score, 1.0 / 3.0, 1e-12);
  EXPECT_GT(asks_mine.score, asks_others.score);
}

TEST(TextScore, TermFrequencySaturates) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  const std::string once = "Python and Kubernetes.";
  const std::string often = "Python, Python, Python and Python with Kubernetes.";
  EXPECT_NEAR(match(m, r, "Engineer", once).score, 0.5, 1e-12);
  const double dl = static_cast<double>(words_of("Engineer", often));
  const double w4 = saturated(4, dl), w1 = saturated(1, dl);
  const txt::Match x = match(m, r, "Engineer", often);
  EXPECT_NEAR(x.score, w4 / (w4 + w1), 1e-12);
  EXPECT_LT(x.score, 4.0 / 5.0);  // four mentions weigh less than four times one
  EXPECT_GT(x.score, 0.5);
  EXPECT_EQ(x.terms.front().tf, 4u);
}

TEST(TextScore, RarerSkillsWeighMore) {
  const txt::Matcher m(taxonomy(), txt::Frequencies::parse("documents\t100\naverage_words\t50\nPython\t60\nTerraform\t2\n", "t"));
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  const txt::Match x = match(m, r, "Engineer", "Python and Terraform.");
  ASSERT_EQ(x.terms.size(), 2u);
  EXPECT_EQ(m.taxonomy().name(x.terms[0].skill), "Terraform");  // heaviest first
  EXPECT_LT(x.score, 0.5);
  EXPECT_EQ(x.must_missing, (Names{"Terraform"}));
}

TEST(TextScore, LongerPostingsWeighEachMentionLess) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  // Python twice, Kubernetes once: in a longer text the second mention adds more, relatively.
  std::string filler;
  for (int i = 0; i < 150; ++i) filler += " lorem";
  const txt::Match brief = match(m, r, "Engineer", "Python, Python and Kubernetes.");
  const txt::Match wordy = match(m, r, "Engineer", "Python, Python and Kubernetes." + filler);
  EXPECT_GT(wordy.score, brief.score);
  const double dl = static_cast<double>(words_of("Engineer", "Python, Python and Kubernetes." + filler));
  EXPECT_NEAR(wordy.score, saturated(2, dl) / (saturated(2, dl) + saturated(1, dl)), 1e-12);
}

// ---- the lists and the reason ----------------------------------------------------

TEST(TextScore, MatchedAndMissingListsPerKind) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python", "Docker"])"));
  const txt::Match x = match(m, r, "Backend Developer",
                            "What you need:\n- Python\n- SQL\n- Kubernetes\n\nNice to have:\n- Docker\n- Kafka\n");
  EXPECT_EQ(x.must_matched, (Names{"Python"}));
  EXPECT_EQ(x.must_missing, (Names{"SQL", "Kubernetes"}));  // equal weights: taxonomy order
  EXPECT_EQ(x.nice_matched, (Names{"Docker"}));
  EXPECT_EQ(x.nice_missing, (Names{"Kafka"}));
  // 1 + 0.5 of 3 + 1 = 4 units.
  EXPECT_NEAR(x.score, 1.5 / 4.0, 1e-12);
  const txt::Factor f = txt::factor(x, 25);
  EXPECT_DOUBLE_EQ(f.points, 9.4);
  EXPECT_EQ(f.reason,
            "skills: you have 1 of 3 the posting asks for (Python); missing SQL, Kubernetes; 1 of 2 nice-to-have "
            "(Docker): 9.4/25");
}

TEST(TextScore, ASkillBothRequiredAndNiceIsRequired) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  const txt::Match x = match(m, r, "Engineer", "You write Python daily.\nPython 3.12 experience is a plus.");
  ASSERT_EQ(x.terms.size(), 1u);
  EXPECT_TRUE(x.terms[0].must);
  EXPECT_EQ(x.terms[0].tf, 2u);
}

TEST(TextScore, ReasonsOfFullNoneAndNiceOnly) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python", "SQL", "AWS", "Docker", "Kafka"])"));
  EXPECT_EQ(txt::factor(match(m, r, "Engineer", "Python, SQL, AWS, Docker and Kafka."), 25).reason,
            "skills: you have all 5 the posting asks for (Python, SQL, AWS, Docker, ...): 25/25");
  EXPECT_EQ(txt::factor(match(m, r, "Engineer", "Kubernetes and Terraform."), 25).reason,
            "skills: you have none of the 2 the posting asks for; missing Kubernetes, Terraform: 0/25");
  EXPECT_EQ(txt::factor(match(m, r, "Engineer", "Kafka or Terraform would be a plus."), 25).reason,
            "skills: you have 1 of 2 nice-to-have (Kafka): 12.5/25");
}

TEST(TextScore, PostingWithoutKnownSkillsIsUnknownAtHalf) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  const txt::Match x = match(m, r, "Barista", "Make coffee and smile at our guests.");
  EXPECT_TRUE(x.scored);
  EXPECT_FALSE(x.known);
  EXPECT_DOUBLE_EQ(x.score, 0.5);
  const txt::Factor f = txt::factor(x, 25);
  EXPECT_DOUBLE_EQ(f.points, 12.5);
  EXPECT_EQ(f.reason.rfind("unknown", 0), 0u);
  EXPECT_EQ(f.reason.substr(f.reason.size() - 9), ": 12.5/25");
}

TEST(TextScore, SkillsListStandsInForAMissingDescription) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python", "Go"])"));
  txt::Scratch scratch;
  txt::Posting p;
  p.title = "Developer";
  EXPECT_FALSE(m.match(r, p, scratch).scored);  // no description, no skills: stage 1 alone
  p.skills = {"Go", "Kubernetes", "Not A Skill"};
  const txt::Match x = m.match(r, p, scratch);
  ASSERT_TRUE(x.scored);
  EXPECT_EQ(x.must_matched, (Names{"Go"}));
  EXPECT_EQ(x.must_missing, (Names{"Kubernetes"}));
  EXPECT_NEAR(x.score, 0.5, 1e-12);
  // With a description the list is not read: the text says what is asked.
  p.description = "We use Python.";
  EXPECT_EQ(m.match(r, p, scratch).must_matched, (Names{"Python"}));
  EXPECT_TRUE(m.match(r, p, scratch).must_missing.empty());
}

TEST(TextScore, ScratchCarriesNothingFromOnePostingToTheNext) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  txt::Scratch scratch;
  txt::Posting a, b;
  a.title = b.title = "Engineer";
  a.description = "Python, Python, Python; Kafka is a plus.";
  b.description = "Kafka and Python.";
  m.match(r, a, scratch);
  const txt::Match again = m.match(r, b, scratch);
  ASSERT_EQ(again.terms.size(), 2u);
  for (const txt::Term& t : again.terms) {
    EXPECT_EQ(t.tf, 1u);
    EXPECT_TRUE(t.must);
  }
  EXPECT_NEAR(again.score, 0.5, 1e-12);
}

// ---- nice-to-have clauses ---------------------------------------------------------

// The skills of a posting read as nice to have.
Names nice_of(std::string_view description) {
  static const txt::Matcher m = even_matcher();
  static const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  const txt::Match x = match(m, r, "Engineer", description);
  Names out = x.nice_matched;
  out.insert(out.end(), x.nice_missing.begin(), x.nice_missing.end());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(NiceToHave, EnglishClauses) {
  EXPECT_EQ(nice_of("Experience with Kafka is a plus."), (Names{"Kafka"}));
  EXPECT_EQ(nice_of("Python is required; Kafka is an asset."), (Names{"Kafka"}));
  EXPECT_EQ(nice_of("Terraform preferred. You will write Python."), (Names{"Terraform"}));
  EXPECT_EQ(nice_of("Bonus points for Docker."), (Names{"Docker"}));
  EXPECT_EQ(nice_of("Ideally you know AWS."), (Names{"AWS"}));
  // "Ideally" qualifies what follows it only.
  EXPECT_EQ(nice_of("3 years of Python, ideally with Django and Kafka."), (Names{"Django", "Kafka"}));
  EXPECT_EQ(nice_of("Customer service experience, ideally in distribution."), Names{});
  EXPECT_EQ(nice_of("You know Python and SQL. You will use AWS."), Names{});
  // "plus" and "bonus" as ordinary words are no cue.
  EXPECT_EQ(nice_of("We offer salary plus benefits and an annual bonus to Kafka engineers."), Names{});
}

TEST(NiceToHave, EnglishHeadings) {
  EXPECT_EQ(nice_of("Requirements:\n- Python\n- SQL\n\nNice to have:\n- Kafka\n- Docker\n"), (Names{"Docker", "Kafka"}));
  EXPECT_EQ(nice_of("Preferred qualifications\n- AWS\n- Terraform\nMinimum qualifications\n- Python\n"),
            (Names{"AWS", "Terraform"}));
  EXPECT_EQ(nice_of("**Bonus**\n* Docker\n\nWhat we offer\n* A team that uses Kubernetes\n"), (Names{"Docker"}));
  // A line that is a clause, not a heading: the lines after it are required.
  EXPECT_EQ(nice_of("Nice to have: Kafka, Docker\nYou will build services in Python and SQL.\n"),
            (Names{"Docker", "Kafka"}));
}

TEST(NiceToHave, FrenchAtout) {
  EXPECT_EQ(nice_of("Maîtrise de Python exigée. La connaissance de Kubernetes est un atout."), (Names{"Kubernetes"}));
  EXPECT_EQ(nice_of("Exigences :\n- Python\n- SQL\nAtouts :\n- Terraform\n- AWS\n"), (Names{"AWS", "Terraform"}));
  EXPECT_EQ(nice_of("Une expérience avec Docker serait un atout."), (Names{"Docker"}));
  EXPECT_EQ(nice_of("Connaissance de Kafka souhaitée."), (Names{"Kafka"}));
  EXPECT_EQ(nice_of("Python, et de préférence Docker."), (Names{"Docker"}));
}

TEST(NiceToHave, TitleWordsAreRequired) {
  const ajx::Text t = ajx::Text::of("Python Developer (Kafka a plus)", "Nice to have:\n- Docker\n");
  txt::NiceToHave nice(t);
  EXPECT_FALSE(nice.at(0));  // "python", in the title
  std::size_t docker = t.words.size() - 1;
  EXPECT_TRUE(nice.at(docker));
}

// ---- the person -----------------------------------------------------------------------

TEST(TextResume, ListedSkillsWeighMostThenWorkThenSummary) {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(R"({
    "basics": {"label": "Developer", "summary": "I like Terraform."},
    "work": [{"position": "Developer", "highlights": ["Ran Kafka on Kubernetes", "Some Python too"]}],
    "skills": [{"name": "Languages", "keywords": ["Python", "Go", "CI/CD"]}],
    "preferences": {"keywords": {"must_have": ["Docker"]}}})");
  const ajx::Taxonomy& t = m.taxonomy();
  auto strength = [&](std::string_view name) { return r.strength[*t.lookup(name)]; };
  EXPECT_FLOAT_EQ(strength("Python"), 1.0f);  // listed, and in work: the listing counts
  EXPECT_FLOAT_EQ(strength("Go"), 1.0f);      // an ambiguous name listed alone is the skill
  EXPECT_FLOAT_EQ(strength("CI/CD"), 1.0f);
  EXPECT_FLOAT_EQ(strength("Kafka"), 0.8f);
  EXPECT_FLOAT_EQ(strength("Kubernetes"), 0.8f);
  EXPECT_FLOAT_EQ(strength("Terraform"), 0.6f);
  EXPECT_FLOAT_EQ(strength("Docker"), 0.0f);  // preferences are stage 1's
  EXPECT_EQ(r.terms, 6u);
}

TEST(TextResume, ProfileWithoutSkillsIsAnError) {
  const txt::Matcher m = even_matcher();
  try {
    m.resume(R"({"basics": {"name": "Alex"}, "preferences": {"titles": ["Cook"]}})");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), txt::kNoSkills);
    EXPECT_NE(std::string(e.what()).find("processing_method: rule_based"), std::string::npos);
  }
  EXPECT_THROW(m.resume("[1, 2]"), std::invalid_argument);
  EXPECT_THROW(m.resume("not json"), std::invalid_argument);
  // Work history alone is enough.
  EXPECT_GT(m.resume(R"({"work": [{"summary": "Kept Linux servers up"}]})").terms, 0u);
}

TEST(TextResume, TheExampleProfilesSkillsAllCount) {
  // config/profile.example.yaml's skills, as the host gives them in JSON.
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(R"({"skills": [
    {"name": "Backend", "keywords": ["Python", "Go", "Django", "REST", "PostgreSQL", "SQL"]},
    {"name": "Cloud and delivery", "keywords": ["AWS", "Docker", "Kubernetes", "CI/CD", "GitHub Actions", "Apache Airflow", "Linux"]},
    {"name": "Other", "keywords": ["Java", "pandas", "Git", "Agile"]}]})");
  for (const char* s : {"Python", "Go", "Django", "REST", "PostgreSQL", "SQL", "AWS", "Docker", "Kubernetes", "CI/CD",
                        "GitHub Actions", "Airflow", "Linux", "Java", "pandas", "Git", "Agile"}) {
    auto id = m.taxonomy().lookup(s);
    ASSERT_TRUE(id) << s;
    EXPECT_FLOAT_EQ(r.strength[*id], 1.0f) << s;
  }
}

// ---- the breakdown ------------------------------------------------------------------------

const char* const kStage1 = R"({"version": 1, "total": 72.5, "decision": "apply", "method": "rule_based",
  "thresholds": {"apply": 70, "review": 45}, "points": 72.5, "max": 100, "filters": [],
  "factors": [
    {"factor": "title", "stage": 1, "points": 24.0, "max": 30, "reason": "a: 24/30"},
    {"factor": "company", "stage": 1, "points": 5, "max": 15, "reason": "b: 5/15"},
    {"factor": "location", "stage": 1, "points": 20, "max": 20, "reason": "c: 20/20"},
    {"factor": "job_type", "stage": 1, "points": 10, "max": 10, "reason": "d: 10/10"},
    {"factor": "salary", "stage": 1, "points": 7.5, "max": 15, "reason": "e: 7.5/15"},
    {"factor": "experience", "stage": 1, "points": 6, "max": 10, "reason": "f: 6/10"}]})";

txt::Match half_match() {
  const txt::Matcher m = even_matcher();
  const txt::Resume r = m.resume(profile_with_skills(R"(["Python"])"));
  return match(m, r, "Engineer", "Python and Kafka.");  // 0.5: 12.5 of 25
}

TEST(TextBreakdown, AppendsTheSkillsFactorToStageOne) {
  const txt::Scored s = txt::merge(kStage1, half_match(), 25, {});
  const json::object b = json::parse(s.breakdown).as_object();
  const json::array& factors = b.at("factors").as_array();
  ASSERT_EQ(factors.size(), 7u);
  const json::object& skills = factors.back().as_object();
  EXPECT_EQ(skills.at("factor").as_string(), "skills");
  EXPECT_EQ(skills.at("stage").to_number<int>(), 2);
  EXPECT_DOUBLE_EQ(skills.at("points").to_number<double>(), 12.5);
  EXPECT_DOUBLE_EQ(skills.at("max").to_number<double>(), 25);
  EXPECT_EQ(std::string(skills.at("reason").as_string()),
            "skills: you have 1 of 2 the posting asks for (Python); missing Kafka: 12.5/25");
  // 72.5 + 12.5 of 125 is 68: review.
  EXPECT_DOUBLE_EQ(b.at("points").to_number<double>(), 85);
  EXPECT_DOUBLE_EQ(b.at("max").to_number<double>(), 125);
  EXPECT_DOUBLE_EQ(b.at("total").to_number<double>(), 68);
  EXPECT_EQ(b.at("decision").as_string(), "review");
  EXPECT_DOUBLE_EQ(s.total, 68);
  EXPECT_EQ(s.decision, "review");
  EXPECT_EQ(b.at("method").as_string(), "hybrid");
  EXPECT_EQ(b.at("version").to_number<int>(), 1);
  EXPECT_EQ(factors.front().as_object().at("reason").as_string(), "a: 24/30");  // stage 1 kept as it was
  const json::object& lists = b.at("skills").as_object();
  const json::object& must = lists.at("must_have").as_object();
  EXPECT_EQ(must.at("matched").as_array(), (json::array{"Python"}));
  EXPECT_EQ(must.at("missing").as_array(), (json::array{"Kafka"}));
  EXPECT_TRUE(lists.at("nice_to_have").as_object().at("matched").as_array().empty());
  // Numbers read as people write them, not 7.25E1.
  EXPECT_NE(s.breakdown.find("\"total\":68"), std::string::npos) << s.breakdown;
  EXPECT_EQ(s.breakdown.find("E1"), std::string::npos) << s.breakdown;
}

TEST(TextBreakdown, StageOneThresholdsDecide) {
  std::string stage1 = kStage1;
  stage1.replace(stage1.find("\"apply\": 70"), 11, "\"apply\": 60");
  const txt::Scored s = txt::merge(stage1, half_match(), 25, {90, 80});
  EXPECT_DOUBLE_EQ(s.total, 68);
  EXPECT_EQ(s.decision, "apply");  // 68 >= 60 (stage 1's), not the fallback 90
}

TEST(TextBreakdown, AHardFilterStaysSkipAtZero) {
  std::string stage1 = kStage1;
  stage1.replace(stage1.find("\"filters\": []"), 13,
                 R"("filters": [{"filter": "blocked_company", "reason": "Acme is on your blocked list"}])");
  stage1.replace(stage1.find("\"total\": 72.5"), 13, "\"total\": 0");
  const txt::Scored s = txt::merge(stage1, half_match(), 25, {});
  const json::object b = json::parse(s.breakdown).as_object();
  EXPECT_DOUBLE_EQ(s.total, 0);
  EXPECT_EQ(s.decision, "skip");
  EXPECT_DOUBLE_EQ(b.at("total").to_number<double>(), 0);
  EXPECT_EQ(b.at("decision").as_string(), "skip");
  EXPECT_EQ(b.at("factors").as_array().size(), 7u);  // the breakdown still says why
  EXPECT_DOUBLE_EQ(b.at("points").to_number<double>(), 85);
  EXPECT_EQ(b.at("filters").as_array().size(), 1u);
}

TEST(TextBreakdown, FreshBreakdownWhenStageOneWroteNone) {
  for (const char* before : {"", "not json", "[1]"}) {
    const txt::Scored s = txt::merge(before, half_match(), 25, {60, 30});
    const json::object b = json::parse(s.breakdown).as_object();
    EXPECT_EQ(b.at("version").to_number<int>(), 1) << before;
    EXPECT_EQ(b.at("method").as_string(), "hybrid");
    EXPECT_DOUBLE_EQ(b.at("thresholds").as_object().at("apply").to_number<double>(), 60);
    EXPECT_DOUBLE_EQ(b.at("thresholds").as_object().at("review").to_number<double>(), 30);
    EXPECT_TRUE(b.at("filters").as_array().empty());
    EXPECT_EQ(b.at("factors").as_array().size(), 1u);
    EXPECT_DOUBLE_EQ(b.at("points").to_number<double>(), 12.5);
    EXPECT_DOUBLE_EQ(b.at("max").to_number<double>(), 25);
    EXPECT_DOUBLE_EQ(s.total, 50);  // 12.5 of 25
    EXPECT_EQ(s.decision, "review");
    EXPECT_TRUE(b.contains("skills"));
  }
}

TEST(TextBreakdown, ScoringTwiceKeepsOneSkillsFactor) {
  const txt::Scored once = txt::merge(kStage1, half_match(), 25, {});
  const txt::Scored twice = txt::merge(once.breakdown, half_match(), 25, {});
  EXPECT_EQ(json::parse(twice.breakdown).at("factors").as_array().size(), 7u);
  EXPECT_DOUBLE_EQ(twice.total, once.total);
  EXPECT_EQ(twice.breakdown, once.breakdown);
}

// ---- the frequency table and the taxonomy additions --------------------------------------

TEST(TextFrequencies, SmoothedIdf) {
  const txt::Frequencies f = txt::Frequencies::parse(kEvenTable, "t");
  EXPECT_EQ(f.documents(), 100u);
  EXPECT_DOUBLE_EQ(f.average_words(), 50);
  // ln(1 + (N' - df' + 0.5) / (df' + 0.5)), N' = 101, df' = df + 1.
  EXPECT_NEAR(f.idf("Python"), std::log(1 + (101 - 11 + 0.5) / 11.5), 1e-12);
  EXPECT_NEAR(f.idf("Never Seen"), std::log(1 + (101 - 1 + 0.5) / 1.5), 1e-12);
  EXPECT_LT(f.idf("Never Seen"), 5);  // finite, like a skill seen once
  EXPECT_GT(f.idf("Never Seen"), f.idf("Python"));
  try {
    txt::Frequencies::parse("documents\t10\naverage_words\t5\nPython ten\n", "table.tsv");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("table.tsv:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(txt::Frequencies::parse("Python\t3\n", "t"), std::invalid_argument);
}

TEST(TextFrequencies, ShippedTableCoversTheFixtures) {
  std::ifstream in(std::string(AJ_SOURCE_DIR) + "/plugins/text_scorer/data/skill_df.tsv");
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  const txt::Frequencies f = txt::Frequencies::parse(text.str(), "skill_df.tsv");
  EXPECT_GT(f.documents(), 250u);
  EXPECT_GT(f.average_words(), 50);
  // Python is everywhere in the fixtures, Terraform in a few, Fortran nowhere.
  EXPECT_LT(f.idf("Python"), f.idf("Terraform"));
  EXPECT_LE(f.idf("Terraform"), f.idf("Fortran"));
}

TEST(TaxonomyAdditions, HitsCountEveryMentionWithItsPlace) {
  const ajx::Taxonomy& t = shipped_taxonomy();
  const ajx::Text text = ajx::Text::of("Go Developer", "Go, Python and SQL. More Python; Node.js too.");
  std::vector<ajx::Taxonomy::Hit> hits;
  t.hits(text, hits);
  Names names;
  for (const auto& h : hits) names.push_back(t.name(h.skill));
  EXPECT_EQ(names, (Names{"Go", "Go", "Python", "SQL", "Python", "Node.js"}));
  EXPECT_EQ(text.word(hits[4].word), "python");
  // find() gives the same skills once each.
  EXPECT_EQ(t.find(text).size(), 4u);
}

TEST(TaxonomyAdditions, LookupSpellingsExactly) {
  const ajx::Taxonomy& t = shipped_taxonomy();
  ASSERT_TRUE(t.lookup("Go"));  // ambiguous, so never found alone by a scan
  EXPECT_EQ(t.name(*t.lookup("Go")), "Go");
  EXPECT_EQ(t.name(*t.lookup("golang")), "Go");
  EXPECT_EQ(t.name(*t.lookup("k8s")), "Kubernetes");
  EXPECT_EQ(t.name(*t.lookup("ci/cd")), "CI/CD");
  EXPECT_EQ(t.name(*t.lookup("C++")), "C++");
  EXPECT_EQ(t.name(*t.lookup("C")), "C");
  EXPECT_FALSE(t.lookup("Python developer"));
  EXPECT_FALSE(t.lookup(""));
  ajx::Text empty = ajx::Text::of("Go", "");
  EXPECT_TRUE(t.find(empty).empty());
}

}  // namespace
