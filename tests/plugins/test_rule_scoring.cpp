// The rule scorer's rules, on hand-checked postings. Each expected number is
// worked out in the comment beside it from the rules in rule_scoring.hpp.
#include <gtest/gtest.h>

#include <boost/json/src.hpp>  // to parse the breakdown; this test's one TU

#include "rule_scoring.hpp"

namespace rs = aj::rule_scoring;

namespace {

// A Toronto-area data analyst: the preferences most tests use.
rs::Preferences analyst() {
  rs::Preferences p;
  p.target_titles = {"Data Analyst", "Business Intelligence Analyst"};
  p.preferred_companies = {"RBC", "Shopify"};
  p.preferred_industries = {"Banking"};
  p.locations = {"Mississauga, ON", "Toronto, ON"};
  p.salary_target = 90000;
  p.years_experience = 3;
  return p;
}

// A posting that earns every point under analyst().
rs::Posting ideal() {
  rs::Posting j;
  j.title = "Data Analyst";
  j.company = "RBC Capital Markets";
  j.company_industry = "Banking";
  j.location = "Toronto, ON, Canada";
  j.job_type = "fulltime";
  j.interval = "yearly";
  j.min_amount = 80000;
  j.max_amount = 95000;
  j.currency = "CAD";
  j.is_remote = false;
  j.experience_min_years = 2;
  return j;
}

const rs::Factor& factor(const rs::Score& s, std::string_view name) {
  for (const rs::Factor& f : s.factors)
    if (f.name == name) return f;
  throw std::runtime_error("no factor " + std::string(name));
}

double points(const rs::Posting& j, const rs::Preferences& p, std::string_view name) {
  return factor(rs::score(j, p), name).points;
}

std::string reason(const rs::Posting& j, const rs::Preferences& p, std::string_view name) {
  return factor(rs::score(j, p), name).reason;
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(RuleScoring, IdealPostingGetsEveryPoint) {
  rs::Score s = rs::score(ideal(), analyst());
  ASSERT_EQ(s.factors.size(), 6u);
  const char* names[] = {"title", "company", "location", "job_type", "salary", "experience"};
  const double max[] = {30, 15, 20, 10, 15, 10};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(s.factors[i].name, names[i]);
    EXPECT_DOUBLE_EQ(s.factors[i].max, max[i]);
    EXPECT_DOUBLE_EQ(s.factors[i].points, max[i]) << names[i] << ": " << s.factors[i].reason;
  }
  EXPECT_DOUBLE_EQ(s.total, 100);
  EXPECT_EQ(s.decision, "apply");
}

TEST(RuleScoring, EveryFieldMissingGivesHalfOfEachFactor) {
  rs::Score s = rs::score(rs::Posting{}, analyst());
  for (const rs::Factor& f : s.factors) {
    EXPECT_DOUBLE_EQ(f.points, f.max / 2) << f.name;
    EXPECT_TRUE(f.reason.starts_with("unknown: ")) << f.reason;
  }
  EXPECT_DOUBLE_EQ(s.total, 50);  // 15 + 7.5 + 10 + 5 + 7.5 + 5
  EXPECT_EQ(s.decision, "review");
  // No preferences at all: also neutral.
  rs::Score none = rs::score(ideal(), rs::Preferences{});
  EXPECT_DOUBLE_EQ(factor(none, "title").points, 15);
  EXPECT_DOUBLE_EQ(factor(none, "company").points, 7.5);
  EXPECT_DOUBLE_EQ(factor(none, "location").points, 10);
  EXPECT_DOUBLE_EQ(factor(none, "salary").points, 7.5);
  EXPECT_DOUBLE_EQ(factor(none, "experience").points, 5);
  EXPECT_DOUBLE_EQ(factor(none, "job_type").points, 10);  // fulltime needs no preference
}

TEST(RuleScoring, Title) {
  rs::Preferences p = analyst();
  rs::Posting j = ideal();
  j.title = "Senior Data Analyst";  // 2/2 words = 30, senior not in targets: -10
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 20);
  EXPECT_EQ(reason(j, p, "title"),
            "'Senior Data Analyst' matches target 'Data Analyst' (2/2 words); senior not in targets (-1/3)");
  j.title = "Sr. Data Analyst";  // sr reads as senior
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 20);
  j.title = "Lead Data Analyst";
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 20);
  j.title = "DATA ANALYST (Toronto) - II";  // case and punctuation ignored
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 30);
  j.title = "Business Analyst";  // best: 2/3 of "Business Intelligence Analyst" = 20
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 20);
  j.title = "Head of Data";  // 1/2 of "Data Analyst" = 15, head: -10
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 5);
  j.title = "Principal Chef";  // 0 - 10, floored at 0
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 0);
  j.title = "Chef";
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 0);
  EXPECT_TRUE(has(reason(j, p, "title"), "matches no target"));
  p.target_titles.push_back("Senior Data Analyst");  // seniority asked for: no penalty
  j.title = "Senior Data Analyst";
  EXPECT_DOUBLE_EQ(points(j, p, "title"), 30);
}

TEST(RuleScoring, Company) {
  rs::Preferences p = analyst();
  rs::Posting j = ideal();
  j.company = "Shopify";
  j.company_industry = "Internet";
  EXPECT_DOUBLE_EQ(points(j, p, "company"), 15);  // exact, any case
  j.company = "rbc capital markets";
  EXPECT_DOUBLE_EQ(points(j, p, "company"), 15);  // contains
  j.company = "Scotiabank";
  j.company_industry = "Banking";
  EXPECT_DOUBLE_EQ(points(j, p, "company"), 10);  // preferred industry: 2/3 of 15
  j.company = "Verbco";  // "rbc" only inside a word: no match
  j.company_industry = "Retail";
  EXPECT_DOUBLE_EQ(points(j, p, "company"), 5);  // 1/3 of 15
  j.company_industry.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "company"), 7.5);  // industry unknown: neutral
  EXPECT_TRUE(reason(j, p, "company").starts_with("unknown"));
  j.company.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "company"), 7.5);
}

TEST(RuleScoring, Location) {
  rs::Preferences p = analyst();
  rs::Posting j = ideal();
  j.location = "Mississauga, ON, Canada";
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 20);
  j.location = "Ottawa, ON, Canada";  // same province
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 10);
  j.location = "Ottawa, Ontario, Canada";  // the province by name
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 10);
  j.location = "Vancouver, BC, Canada";  // same country
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 10);
  j.location = "Seattle, WA, US";
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 0);
  j.is_remote = true;  // remote with preference any: full
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 20);
  p.remote_preference = rs::RemotePreference::Remote;
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 20);
  p.remote_preference = rs::RemotePreference::Onsite;  // remote no longer counts: Seattle again
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 0);
  j.is_remote = false;
  j.work_arrangement = "remote";
  p.remote_preference = rs::RemotePreference::Any;
  EXPECT_DOUBLE_EQ(points(j, p, "location"), 20);

  rs::Posting parts;  // no location text, only its parts
  parts.city = "Mississauga";
  parts.state = "ON";
  EXPECT_DOUBLE_EQ(points(parts, p, "location"), 20);
  parts.city = "Kingston";
  EXPECT_DOUBLE_EQ(points(parts, p, "location"), 10);
  rs::Posting nowhere;
  EXPECT_DOUBLE_EQ(points(nowhere, p, "location"), 10);
}

TEST(RuleScoring, JobType) {
  rs::Preferences p = analyst();  // remote_preference any: by job type
  rs::Posting j = ideal();
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 10);
  j.job_type = "contract";
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 6);
  j.job_type = "Full-time";
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 10);
  j.job_type.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 5);

  p.remote_preference = rs::RemotePreference::Remote;  // by arrangement
  j = ideal();
  j.is_remote = true;
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 10);
  j.is_remote = false;
  j.work_arrangement = "hybrid";
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 7);
  j.work_arrangement.reset();  // is_remote false and nothing else: onsite
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 4);
  j.is_remote.reset();
  j.work_from_home_type = "Hybrid";
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 7);
  j.work_from_home_type.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 5);  // unknown
  p.remote_preference = rs::RemotePreference::Hybrid;
  j.work_arrangement = "onsite";
  EXPECT_DOUBLE_EQ(points(j, p, "job_type"), 4);
}

TEST(RuleScoring, Salary) {
  rs::Preferences p = analyst();  // target 90000 CAD: 0 points at 54000, full at 90000
  rs::Posting j = ideal();
  auto pay = [&](std::optional<double> min, std::optional<double> max, const char* interval) {
    j.min_amount = min;
    j.max_amount = max;
    j.interval = interval;
    return points(j, p, "salary");
  };
  EXPECT_DOUBLE_EQ(pay(70000, 100000, "yearly"), 15);  // the max counts
  EXPECT_DOUBLE_EQ(pay(std::nullopt, 81000, "yearly"), 11.3);  // (81000-54000)/36000 = .75 -> 11.25
  EXPECT_DOUBLE_EQ(pay(60000, std::nullopt, "yearly"), 2.5);   // min when no max: 6000/36000 * 15
  EXPECT_DOUBLE_EQ(pay(35, 40, "hourly"), 12.2);               // 83200: 29200/36000 * 15 = 12.17
  EXPECT_DOUBLE_EQ(pay(5000, 6000, "monthly"), 7.5);           // 72000: half way
  EXPECT_DOUBLE_EQ(pay(1400, 1500, "weekly"), 10);             // 78000: 24000/36000
  EXPECT_DOUBLE_EQ(pay(250, 300, "daily"), 10);                // 78000
  EXPECT_DOUBLE_EQ(pay(40000, 50000, "yearly"), 0);            // under 60% of target
  EXPECT_TRUE(has(reason(j, p, "salary"), "56% of target 90000"));
  pay(70000, 100000, "yearly");
  j.currency = "USD";
  EXPECT_DOUBLE_EQ(points(j, p, "salary"), 7.5);
  EXPECT_TRUE(has(reason(j, p, "salary"), "currencies differ (USD vs CAD)"));
  j.currency = "cad";
  EXPECT_DOUBLE_EQ(points(j, p, "salary"), 15);
  j.min_amount.reset();
  j.max_amount.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "salary"), 7.5);
  p.salary_target.reset();
  j.max_amount = 100000;
  EXPECT_DOUBLE_EQ(points(j, p, "salary"), 7.5);
}

TEST(RuleScoring, Experience) {
  rs::Preferences p = analyst();  // 3 years
  rs::Posting j = ideal();
  j.experience_min_years = 3;
  EXPECT_DOUBLE_EQ(points(j, p, "experience"), 10);
  j.experience_min_years = 5;  // 2 years beyond: -6
  EXPECT_DOUBLE_EQ(points(j, p, "experience"), 4);
  j.experience_min_years = 7;  // 4 beyond: -12, floored
  EXPECT_DOUBLE_EQ(points(j, p, "experience"), 0);
  j.experience_min_years.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "experience"), 5);
  j.experience_min_years = 1;
  p.years_experience.reset();
  EXPECT_DOUBLE_EQ(points(j, p, "experience"), 5);
}

TEST(RuleScoring, DecisionThresholdEdges) {
  const rs::Thresholds t;
  EXPECT_EQ(rs::decide(70, t), "apply");
  EXPECT_EQ(rs::decide(69.9, t), "review");
  EXPECT_EQ(rs::decide(45, t), "review");
  EXPECT_EQ(rs::decide(44.9, t), "skip");
  EXPECT_EQ(rs::decide(100, t), "apply");
  EXPECT_EQ(rs::decide(0, t), "skip");
}

TEST(RuleScoring, TotalsAtTheEdges) {
  rs::Preferences p = analyst();
  // title 30 + company 7.5 (unknown) + location 20 + job type 5 (unknown) + salary 7.5 (unknown)
  // + experience 0 (needs 7, has 3) = 70.0
  rs::Posting j;
  j.title = "Data Analyst";
  j.location = "Toronto, ON";
  j.experience_min_years = 7;
  rs::Score s = rs::score(j, p);
  EXPECT_DOUBLE_EQ(s.total, 70);
  EXPECT_EQ(s.decision, "apply");
  // A salary of 71760 earns 15 * 17760/36000 = 7.4 instead of 7.5: 69.9.
  j.max_amount = 71760;
  s = rs::score(j, p);
  EXPECT_DOUBLE_EQ(factor(s, "salary").points, 7.4);
  EXPECT_DOUBLE_EQ(s.total, 69.9);
  EXPECT_EQ(s.decision, "review");
  // title 0 + company 7.5 + location 20 + job type 10 + salary 7.5 + experience 0 = 45.0
  j.title = "Chef";
  j.job_type = "fulltime";
  j.max_amount.reset();
  s = rs::score(j, p);
  EXPECT_DOUBLE_EQ(s.total, 45);
  EXPECT_EQ(s.decision, "review");
  j.max_amount = 71760;  // 44.9
  s = rs::score(j, p);
  EXPECT_DOUBLE_EQ(s.total, 44.9);
  EXPECT_EQ(s.decision, "skip");
}

TEST(RuleScoring, WeightsAndThresholdsFromSettingsChangeTheResult) {
  rs::Posting j;
  j.title = "Data Analyst";
  j.company = "Acme";
  j.company_industry = "Retail";
  j.location = "Seattle, WA";
  j.job_type = "fulltime";
  j.experience_min_years = 2;
  rs::Preferences p = analyst();
  p.salary_target.reset();
  // Default weights: 30 + 5 + 0 + 10 + 7.5 + 10 = 62.5
  rs::Score s = rs::score(j, p);
  EXPECT_DOUBLE_EQ(s.total, 62.5);
  EXPECT_EQ(s.decision, "review");
  // Title-heavy: 50 + 5/3 (1.7) + 0 + 10 + 5 + 10 = 76.7
  p.weights = rs::Weights{50, 5, 15, 10, 10, 10};
  ASSERT_EQ(rs::validate(p), "");
  s = rs::score(j, p);
  EXPECT_DOUBLE_EQ(factor(s, "title").max, 50);
  EXPECT_DOUBLE_EQ(factor(s, "company").points, 1.7);
  EXPECT_DOUBLE_EQ(s.total, 76.7);
  EXPECT_EQ(s.decision, "apply");
  // Default weights with a lower apply threshold.
  p.weights = rs::Weights{};
  p.thresholds.apply = 60;
  EXPECT_EQ(rs::score(j, p).decision, "apply");
}

TEST(RuleScoring, InvalidSettingsAreNamed) {
  rs::Preferences p = analyst();
  EXPECT_EQ(rs::validate(p), "");
  p.weights.title = 40;
  EXPECT_EQ(rs::validate(p), "weights must sum to 100, they sum to 110");
  p.weights.title = -10;
  EXPECT_EQ(rs::validate(p), "weights.title must be 0 or more");
  p = analyst();
  p.thresholds = {40, 45};
  EXPECT_EQ(rs::validate(p), "thresholds must satisfy 0 <= review <= apply <= 100");
  EXPECT_EQ(rs::parse_remote_preference("Hybrid"), rs::RemotePreference::Hybrid);
  EXPECT_FALSE(rs::parse_remote_preference("sometimes"));
}

TEST(RuleScoring, BreakdownIsJsonWithEveryFactor) {
  rs::Posting j = ideal();
  j.title = "Senior \"Data\"\nAnalyst \\ Toronto";
  rs::Score s = rs::score(j, analyst());
  const std::string text = rs::breakdown_json(s);
  EXPECT_TRUE(text.starts_with("{\"total\":90.0,\"decision\":\"apply\",\"factors\":[{\"factor\":\"title\",\"points\":20.0,"
                               "\"max\":30,"))
      << text;
  boost::json::value v = boost::json::parse(text);
  EXPECT_DOUBLE_EQ(v.at("total").to_number<double>(), 90);
  EXPECT_EQ(v.at("decision").as_string(), "apply");
  const boost::json::array& factors = v.at("factors").as_array();
  ASSERT_EQ(factors.size(), 6u);
  double sum = 0;
  for (const boost::json::value& f : factors) sum += f.at("points").to_number<double>();
  EXPECT_DOUBLE_EQ(sum, 90);
  const std::string why(factors[0].at("reason").as_string());
  EXPECT_TRUE(has(why, "'Senior \"Data\"\nAnalyst \\ Toronto' matches target 'Data Analyst' (2/2 words)")) << why;
}
