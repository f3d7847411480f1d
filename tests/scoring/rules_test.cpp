// The stage-1 rules (plugins/rule_scorer) on hand-checked postings: every
// factor full, partial, zero and unknown; every hard filter hit and a near
// miss; the thresholds at their edges; settings; profile parsing; and the
// breakdown JSON of the scoring contract. Each expected number is worked out
// in the comment beside it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

#include "rule_scoring.hpp"

namespace rs = aj::rule_scoring;
namespace json = boost::json;

namespace {

constexpr rs::Date kToday{2025, 6, 30};

// Alex Example (config/profile.example.yaml), with the years stated.
constexpr const char* kProfile = R"({
  "basics": {"name": "Alex Example"},
  "languages": [{"language": "English", "fluency": "Native speaker"},
                {"language": "French", "fluency": "Elementary"}],
  "preferences": {
    "titles": ["Software Developer", "Backend Developer"],
    "seniority": ["mid", "senior"],
    "locations": [{"place": "Mississauga, ON", "radius_km": 25}, {"place": "Toronto, ON", "radius_km": 20}],
    "remote": "hybrid",
    "job_types": ["fulltime", "contract"],
    "salary": {"floor": 80000, "target": 110000, "currency": "CAD"},
    "companies": {"preferred": ["Shopify", "RBC"], "blocked": ["Example Staffing Agency"]},
    "industries": {"preferred": ["Financial Services"], "blocked": ["Gambling"]},
    "keywords": {"must_have": [], "avoid": ["commission only", "unpaid"]},
    "work_authorization": ["CA"],
    "years_experience": 6
  }
})";

// A posting that earns every point under kProfile.
rs::Posting ideal() {
  rs::Posting p;
  p.title = "Backend Developer";
  p.job_level = "senior";
  p.company = "Shopify";
  p.company_industry = "Software Development";
  p.location = "Toronto, ON";
  p.city = "Toronto";
  p.state = "ON";
  p.country = "Canada";
  p.job_type = "fulltime";
  p.work_arrangement = "hybrid";
  p.annual_min = 110000;
  p.annual_max = 130000;
  p.currency = "CAD";
  p.experience_min_years = 5;
  p.french = "none";
  p.language = "en";
  p.description = "Build payment APIs in Go and Python.";
  return p;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::string parse_error(std::string_view profile) {
  try {
    rs::parse_profile(profile, kToday);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string settings_error(std::string_view weights, std::string_view thresholds, std::string_view rates = "") {
  try {
    rs::settings_from_json(weights, thresholds, rates);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

class Rules : public ::testing::Test {
 protected:
  json::object profile = json::parse(kProfile).as_object();
  rs::Posting job = ideal();
  rs::Settings settings;

  json::object& prefs() { return profile["preferences"].as_object(); }
  rs::Preferences read() { return rs::parse_profile(json::serialize(profile), kToday); }
  rs::Score run() { return rs::score(job, read(), settings); }
  rs::Factor factor(std::string_view name) {
    for (rs::Factor& f : run().factors)
      if (f.name == name) return f;
    throw std::runtime_error("no factor " + std::string(name));
  }
  // The factor's points and its whole reason.
  void expect(std::string_view name, double points, std::string_view reason) {
    const rs::Factor f = factor(name);
    EXPECT_DOUBLE_EQ(f.points, points) << f.reason;
    EXPECT_EQ(f.reason, reason);
  }
  std::vector<rs::Filter> filters() { return run().filters; }
  // The one filter that hit, as "id: reason", or "" / "several".
  std::string filter() {
    const std::vector<rs::Filter> f = filters();
    if (f.empty()) return "";
    if (f.size() > 1) return "several";
    return std::string(rs::filter_name(f[0].id)) + ": " + f[0].reason;
  }
};

// ---- the whole score -----------------------------------------------------------

TEST_F(Rules, IdealPostingGetsEveryPoint) {
  const rs::Score s = run();
  ASSERT_EQ(s.factors.size(), 6u);
  const char* names[] = {"title", "company", "location", "job_type", "salary", "experience"};
  const double max[] = {30, 15, 20, 10, 15, 10};
  for (int i = 0; i < 6; ++i) {
    EXPECT_STREQ(s.factors[i].name, names[i]);
    EXPECT_DOUBLE_EQ(s.factors[i].max, max[i]);
    EXPECT_DOUBLE_EQ(s.factors[i].points, max[i]) << s.factors[i].reason;
  }
  EXPECT_TRUE(s.filters.empty());
  EXPECT_DOUBLE_EQ(s.points, 100);
  EXPECT_DOUBLE_EQ(s.total, 100);
  EXPECT_EQ(s.decision, "apply");
}

TEST_F(Rules, EmptyPostingIsHalfOfEveryFactor) {
  job = rs::Posting{};
  const rs::Score s = run();
  for (const rs::Factor& f : s.factors) {
    EXPECT_DOUBLE_EQ(f.points, f.max / 2) << f.name;
    EXPECT_TRUE(f.reason.starts_with("unknown: ")) << f.reason;
  }
  EXPECT_TRUE(s.filters.empty());
  EXPECT_DOUBLE_EQ(s.total, 50);  // 15 + 7.5 + 10 + 5 + 7.5 + 5
  EXPECT_EQ(s.decision, "review");
}

// ---- title (30) ----------------------------------------------------------------

TEST_F(Rules, TitleFullWithAbbreviationsAndLevel) {
  expect("title", 30, "'Backend Developer' matches your title Backend Developer; senior is a level you want: 30/30");
  job.title = "Sr. Back-End Dev";  // sr -> senior (a level), back end, dev -> developer
  job.job_level = "";             // the level from the title: senior
  expect("title", 30, "'Sr. Back-End Dev' matches your title Backend Developer; senior is a level you want: 30/30");
  job.title = "Backend Developer - Payments";  // one other word: no penalty
  job.job_level = "Mid-Senior level";          // LinkedIn's words: senior
  EXPECT_DOUBLE_EQ(factor("title").points, 30);
  prefs()["titles"] = json::array{"Software Engineer"};
  job.title = "SWE II";  // swe -> software engineer; II is mid, a level
  job.job_level = "";
  expect("title", 30, "'SWE II' matches your title Software Engineer; mid is a level you want: 30/30");
}

TEST_F(Rules, TitlePartial) {
  job.title = "Backend Engineer";  // back, end of back, end, developer: 2/3 of 30
  job.job_level = "mid";
  expect("title", 20, "'Backend Engineer' has 2 of the 3 words of your title Backend Developer; mid is a level you want: 20/30");
  job.title = "Backend Developer, Payments Platform Team";  // 3 other words: x0.85
  job.job_level = "senior";
  expect("title", 25.5,
         "'Backend Developer, Payments Platform Team' matches your title Backend Developer; 3 other words (x0.85); "
         "senior is a level you want: 25.5/30");
}

TEST_F(Rules, TitleSeniority) {
  job.job_level = "";
  job.title = "Junior Backend Developer";  // entry: one step below mid, x0.7
  expect("title", 21,
         "'Junior Backend Developer' matches your title Backend Developer; entry is one step below the levels you "
         "want (x0.7): 21/30");
  job.title = "Backend Developer";
  job.job_level = "Entry level";  // LinkedIn's words: entry
  EXPECT_DOUBLE_EQ(factor("title").points, 21);
  job.job_level = "Associate";
  EXPECT_DOUBLE_EQ(factor("title").points, 21);
  job.job_level = "";  // and nothing in the title: x0.9
  expect("title", 27, "'Backend Developer' matches your title Backend Developer; its level is unknown (x0.9): 27/30");

  job.job_level = "entry";
  prefs()["seniority"] = json::array{"senior", "expert"};  // two steps below: x0.4
  expect("title", 12,
         "'Backend Developer' matches your title Backend Developer; entry is two or more steps below the levels you "
         "want (x0.4): 12/30");
  prefs()["seniority"] = json::array{"entry", "senior"};  // mid between two wanted levels: x0.7
  job.job_level = "mid";
  EXPECT_TRUE(contains(factor("title").reason, "mid is not a level you want (x0.7): 21/30"));
  prefs().erase("seniority");  // no levels asked for: the title alone
  job.job_level = "";
  expect("title", 30, "'Backend Developer' matches your title Backend Developer: 30/30");
}

TEST_F(Rules, TitleZeroAndUnknown) {
  job.title = "Chef";
  expect("title", 0, "'Chef' shares no word with your titles: 0/30");
  job.title = "";
  expect("title", 15, "unknown: the posting has no title: 15/30");
  job.title = "Backend Developer";
  prefs().erase("titles");
  expect("title", 15, "unknown: no titles in your profile: 15/30");
}

// ---- company (15) --------------------------------------------------------------

TEST_F(Rules, Company) {
  expect("company", 15, "'Shopify' is Shopify, a company you prefer: 15/15");
  job.company = "Shopify Inc.";  // the legal form is ignored
  EXPECT_DOUBLE_EQ(factor("company").points, 15);
  job.company = "RBC Capital Markets";  // whole words inside a longer name
  expect("company", 15, "'RBC Capital Markets' is RBC, a company you prefer: 15/15");
  job.company = "Scotiabank";
  job.company_industry = "Banking, Financial Services";  // a preferred industry: 0.7 x 15
  expect("company", 10.5, "'Scotiabank' is in Financial Services, an industry you prefer: 10.5/15");
  job.company = "Verbco";  // "rbc" only inside a word: not RBC; 0.4 x 15
  job.company_industry = "Retail";
  expect("company", 6, "'Verbco' (Retail) is not on your lists: 6/15");
  job.company = "";
  expect("company", 7.5, "unknown: the posting names no company: 7.5/15");
  job.company = "Shopify";
  prefs()["companies"].as_object().erase("preferred");
  prefs()["industries"].as_object().erase("preferred");
  expect("company", 7.5, "unknown: no preferred companies or industries in your profile: 7.5/15");
}

// ---- location (20) -------------------------------------------------------------

TEST_F(Rules, LocationRemote) {
  job.work_arrangement = "remote";  // you prefer hybrid: 0.8 x 20
  expect("location", 16, "remote; you prefer hybrid (x0.8): 16/20");
  prefs()["remote"] = "remote";
  expect("location", 20, "remote, as you prefer: 20/20");
  prefs()["remote"] = "any";
  expect("location", 20, "remote, and any arrangement suits you: 20/20");
  prefs()["remote"] = "onsite";
  expect("location", 10, "remote; you prefer onsite (x0.5): 10/20");
  prefs()["remote"] = "hybrid";
  job.work_arrangement = "";
  job.is_remote = true;  // is_remote counts when no arrangement is given
  EXPECT_DOUBLE_EQ(factor("location").points, 16);
  job.work_arrangement = "hybrid";  // a hybrid job is measured from the place
  EXPECT_DOUBLE_EQ(factor("location").points, 20);
}

TEST_F(Rules, LocationByDistance) {
  expect("location", 20, "Toronto, ON is 0 km from Toronto, ON (radius 20 km): 20/20");

  const aj::geo::Gazetteer& places = aj::geo::Gazetteer::builtin();
  const aj::geo::Place* ottawa = places.find("Ottawa, ON");
  const aj::geo::Place* mississauga = places.find("Mississauga, ON");
  ASSERT_NE(ottawa, nullptr);
  ASSERT_NE(mississauga, nullptr);
  const double d = aj::geo::distance_km(*ottawa, *mississauga);
  ASSERT_GT(d, 300);
  ASSERT_LT(d, 420);
  job.location = "Ottawa, ON";
  job.city = "Ottawa";
  auto only_mississauga = [&](double radius) {
    prefs()["locations"] = json::array{json::object{{"place", "Mississauga, ON"}, {"radius_km", radius}}};
  };
  only_mississauga(25);  // beyond twice the radius: 0
  expect("location", 0,
         "Ottawa, ON is " + std::to_string(std::lround(d)) + " km from Mississauga, ON (radius 25 km): 0/20");
  only_mississauga(d + 1);  // within the radius: 20
  EXPECT_DOUBLE_EQ(factor("location").points, 20);
  only_mississauga(d / 1.5);  // half way between r and 2r: 20 x (1 - 0.7 x 0.5) = 13
  EXPECT_DOUBLE_EQ(factor("location").points, 13);
  only_mississauga(d / 1.2);  // a fifth of the way: 20 x (1 - 0.7 x 0.2) = 17.2
  EXPECT_DOUBLE_EQ(factor("location").points, 17.2);
}

TEST_F(Rules, LocationWithoutCoordinates) {
  job.city = job.state = job.country = "";
  job.location = "Zorbaville, ON";  // a town the gazetteer does not know, in Ontario: 0.4 x 20
  expect("location", 8, "Zorbaville, ON is in ON, as is Mississauga, ON (no coordinates): 8/20");
  job.location = "Zorbaville, BC";
  expect("location", 0, "Zorbaville, BC is not in Mississauga, ON or its province (no coordinates): 0/20");
  prefs()["locations"] = json::array{json::object{{"place", "Zorbaville, BC"}}};  // the same city name: 20
  expect("location", 20, "Zorbaville, BC is in Zorbaville, BC (no coordinates): 20/20");
}

TEST_F(Rules, LocationUnknown) {
  job.location = job.city = job.state = job.country = "";
  expect("location", 10, "unknown: the posting gives no location: 10/20");
  job.country = "Canada";  // a country names no city
  expect("location", 10, "unknown: 'Canada' names no city or province: 10/20");
  job = ideal();
  prefs().erase("locations");
  expect("location", 10, "unknown: no locations in your profile: 10/20");
  job.work_arrangement = "remote";  // the remote rule still applies
  EXPECT_DOUBLE_EQ(factor("location").points, 16);
}

// ---- job type (10) -------------------------------------------------------------

TEST_F(Rules, JobType) {
  expect("job_type", 10, "fulltime is a type you want; hybrid, as you prefer: 10/10");
  job.job_type = "contract";  // 6 + 4 x 0.8
  job.work_arrangement = "remote";
  expect("job_type", 9.2, "contract is a type you want; remote, you prefer hybrid (x0.8): 9.2/10");
  job.job_type = "parttime";  // 0 + 4 x 0.4
  job.work_arrangement = "onsite";
  expect("job_type", 1.6, "parttime is not a type you want; onsite, you prefer hybrid (x0.4): 1.6/10");
  job.job_type = "";  // 3 + 4
  job.work_arrangement = "hybrid";
  expect("job_type", 7, "job type not given (half); hybrid, as you prefer: 7/10");
  job.job_type = "Full-time";  // 6 + 2
  job.work_arrangement = "";
  expect("job_type", 8, "fulltime is a type you want; arrangement not given (half): 8/10");
  job.job_type = "";
  expect("job_type", 5, "unknown: the posting gives no job type or arrangement: 5/10");
}

TEST_F(Rules, JobTypeArrangementTable) {
  job.work_arrangement = "hybrid";
  prefs()["remote"] = "remote";  // hybrid for a remote person: 6 + 4 x 0.5
  EXPECT_DOUBLE_EQ(factor("job_type").points, 8);
  job.work_arrangement = "remote";
  prefs()["remote"] = "onsite";  // 6 + 4 x 0.3
  EXPECT_DOUBLE_EQ(factor("job_type").points, 7.2);
  job.work_arrangement = "onsite";
  prefs()["remote"] = "any";
  expect("job_type", 10, "fulltime is a type you want; onsite, and any arrangement suits you: 10/10");
  prefs()["remote"] = "hybrid";
  job.work_arrangement = "hybrid";
  prefs().erase("job_types");  // 3 + 4
  expect("job_type", 7, "fulltime (no job types in your profile, half); hybrid, as you prefer: 7/10");
}

// ---- salary (15): floor 80k, target 110k CAD -----------------------------------

TEST_F(Rules, SalaryPerYear) {
  job.annual_min = 90000;  // f = 1/3 and 1: 15 x 2/3
  job.annual_max = 110000;
  expect("salary", 10, "salary 90-110k CAD against floor 80k, target 110k: 10/15");
  job.currency = "";  // a missing currency is the profile's
  EXPECT_DOUBLE_EQ(factor("salary").points, 10);
  job.annual_max.reset();  // one figure: f(95k) = 0.5
  job.annual_min = 95000;
  expect("salary", 7.5, "salary 95k CAD against floor 80k, target 110k: 7.5/15");
  job.annual_min = 50000;  // at or under the floor: 0
  job.annual_max = 70000;
  expect("salary", 0, "salary 50-70k CAD against floor 80k, target 110k: 0/15");
}

TEST_F(Rules, SalaryIntervalsAndCurrencies) {
  job.annual_min.reset();
  job.annual_max.reset();
  job.min_amount = 40;  // x 2080 = 83200 and 104000: f = 0.107 and 0.8, 15 x 0.453 = 6.8
  job.max_amount = 50;
  job.interval = "hourly";
  expect("salary", 6.8, "salary 40-50 CAD hourly = 83-104k CAD against floor 80k, target 110k: 6.8/15");
  job.min_amount = 8000;  // monthly x 12 = 96000: 15 x 16/30 = 8
  job.max_amount.reset();
  job.interval = "monthly";
  expect("salary", 8, "salary 8k CAD monthly = 96k CAD against floor 80k, target 110k: 8/15");
  job.min_amount = 80000;  // USD at 1, CAD at 0.72: 111111 and 131944 CAD, over the target
  job.max_amount = 95000;
  job.interval = "yearly";
  job.currency = "USD";
  expect("salary", 15, "salary 80-95k USD = 111-132k CAD against floor 80k, target 110k: 15/15");
  job.currency = "XYZ";
  expect("salary", 7.5, "unknown: no rate for XYZ: 7.5/15");
  settings.usd_per_unit["XYZ"] = 0.36;  // half a CAD: 40-47.5k CAD
  expect("salary", 0, "salary 80-95k XYZ = 40-48k CAD against floor 80k, target 110k: 0/15");
  job.currency = "CAD";
  job.interval = "fortnightly";
  expect("salary", 7.5,
         "unknown: pay interval 'fortnightly' is not hourly, daily, weekly, monthly or yearly: 7.5/15");
}

TEST_F(Rules, SalaryUnknownAndDefaultFloor) {
  job.annual_min.reset();
  job.annual_max.reset();
  expect("salary", 7.5, "unknown: the posting gives no pay: 7.5/15");
  job.annual_max = 80000;
  prefs()["salary"] = json::object{{"target", 100000}};  // floor 0.6 x 100k = 60k: f(80k) = 0.5
  expect("salary", 7.5, "salary 80k CAD against floor 60k, target 100k: 7.5/15");
  prefs().erase("salary");
  expect("salary", 7.5, "unknown: no salary target in your profile: 7.5/15");
}

// ---- experience (10): you have 6 years -----------------------------------------

TEST_F(Rules, Experience) {
  expect("experience", 10, "asks 5 years, you have 6: 10/10");
  job.experience_min_years = 6;
  EXPECT_DOUBLE_EQ(factor("experience").points, 10);
  job.experience_min_years = 8;  // 2 beyond: 10 x (1 - 0.5)
  expect("experience", 5, "asks 8 years, you have 6: 5/10");
  job.experience_min_years = 9;  // 3 beyond: 10 x 0.25
  EXPECT_DOUBLE_EQ(factor("experience").points, 2.5);
  job.experience_min_years = 10;  // 4 beyond: 0 (and too_senior)
  EXPECT_DOUBLE_EQ(factor("experience").points, 0);
  job.experience_min_years.reset();
  expect("experience", 5, "unknown: the posting asks no minimum years: 5/10");
  job.experience_min_years = 3;
  prefs().erase("years_experience");  // and no work[] to count from
  expect("experience", 5,
         "unknown: your years of experience are not known (no years_experience, no work dates): 5/10");
}

// ---- hard filters --------------------------------------------------------------

TEST_F(Rules, FilteredPostingSkipsWithTotalZeroButKeepsItsFactors) {
  job.company = "Example Staffing Agency Inc.";
  const rs::Score s = run();
  ASSERT_EQ(s.filters.size(), 1u);
  EXPECT_EQ(s.filters[0].id, rs::FilterId::blocked_company);
  EXPECT_DOUBLE_EQ(s.total, 0);
  EXPECT_EQ(s.decision, "skip");
  EXPECT_EQ(s.factors.size(), 6u);
  EXPECT_DOUBLE_EQ(s.points, 91);  // every factor full but company, 0.4 x 15
}

TEST_F(Rules, BlockedCompanyAndIndustry) {
  job.company = "Example Staffing Agency Inc.";
  EXPECT_EQ(filter(), "blocked_company: Example Staffing Agency Inc. is on your blocked list (Example Staffing Agency)");
  job.company = "Example Staffing";  // not the whole blocked name
  EXPECT_EQ(filter(), "");
  job.company = "Shopify";
  job.company_industry = "Gambling Facilities and Casinos";
  EXPECT_EQ(filter(),
            "blocked_industry: Shopify is in Gambling Facilities and Casinos, on your blocked list (Gambling)");
  job.company_industry = "Gaming";
  EXPECT_EQ(filter(), "");
}

TEST_F(Rules, French) {
  job.french = "required";
  EXPECT_EQ(filter(), "french: French is required and your profile lists no French you speak");
  job.french = "asset";
  EXPECT_EQ(filter(), "");
  job.french = "";
  job.language = "fr";  // written in French, nothing said otherwise
  EXPECT_EQ(filter(), "french: the posting is in French and your profile lists no French you speak");
  job.french = "none";
  EXPECT_EQ(filter(), "");
  job.french = "required";
  profile["languages"] = json::array{json::object{{"language", "Français"}, {"fluency", "Professional working proficiency"}}};
  EXPECT_EQ(filter(), "");  // spoken
  profile.erase("languages");  // no languages listed: not known, not filtered
  EXPECT_EQ(filter(), "");
}

TEST_F(Rules, TooSenior) {
  job.job_level = "expert";
  EXPECT_EQ(filter(), "too_senior: expert level is above the highest you want (senior)");
  job.job_level = "Director";  // LinkedIn's words: expert
  EXPECT_EQ(filter(), "too_senior: expert level is above the highest you want (senior)");
  job.job_level = "senior";
  EXPECT_EQ(filter(), "");
  job.experience_min_years = 10;  // more than 6 + 3
  EXPECT_EQ(filter(), "too_senior: asks 10+ years, you have 6");
  job.experience_min_years = 9;
  EXPECT_EQ(filter(), "");
}

TEST_F(Rules, NotAuthorised) {
  job.country = "US";
  EXPECT_EQ(filter(), "not_authorised: the posting is in US; you may work without sponsorship in CA");
  job.country = "Canada";
  EXPECT_EQ(filter(), "");
  job.location = "New York, NY";  // no country: the place's, or its state's
  job.city = "New York";
  job.state = "NY";
  job.country = "";
  EXPECT_EQ(filter(), "not_authorised: the posting is in US; you may work without sponsorship in CA");
  job.location = "Remote";  // a remote posting with a known country counts
  job.city = job.state = "";
  job.country = "United States";
  job.work_arrangement = "remote";
  EXPECT_EQ(filter(), "not_authorised: the posting is in US; you may work without sponsorship in CA");
  job.country = "";  // nowhere known
  EXPECT_EQ(filter(), "");
  job.country = "US";
  prefs().erase("work_authorization");
  EXPECT_EQ(filter(), "");
}

TEST_F(Rules, AvoidKeyword) {
  job.description = "Base pay is Commission-Only, paid weekly.";
  EXPECT_EQ(filter(), "avoid_keyword: mentions 'commission only', which you avoid");
  job.description = "Pay: commission\n   only.";  // a line break in the phrase
  EXPECT_EQ(filter(), "avoid_keyword: mentions 'commission only', which you avoid");
  job.description = "Commission plus a base salary; prepaid transit pass.";  // neither phrase whole
  EXPECT_EQ(filter(), "");
  job.title = "Unpaid Backend Developer";
  EXPECT_EQ(filter(), "avoid_keyword: mentions 'unpaid', which you avoid");
}

TEST_F(Rules, MustHaveKeyword) {
  prefs()["keywords"].as_object()["must_have"] = json::array{"Kubernetes", "CI/CD"};
  const std::string filler(200, 'x');
  std::string text = "We run Go services with ci-cd pipelines. " + filler;  // 200+ characters, no Kubernetes
  job.description = text;
  EXPECT_EQ(filter(), "must_have_keyword: does not mention must-have Kubernetes");
  std::string with = "We run Go services on kubernetes with CI/CD. " + filler;
  job.description = with;
  EXPECT_EQ(filter(), "");
  job.description = "We run Go services.";  // under 200 characters: too short to judge
  EXPECT_EQ(filter(), "");
}

// ---- thresholds and settings -----------------------------------------------------

TEST(RuleDecision, ThresholdEdges) {
  const rs::Thresholds t;
  EXPECT_STREQ(rs::decide(70, t), "apply");
  EXPECT_STREQ(rs::decide(69.9, t), "review");
  EXPECT_STREQ(rs::decide(45, t), "review");
  EXPECT_STREQ(rs::decide(44.9, t), "skip");
}

TEST_F(Rules, TotalsAtTheThresholdEdges) {
  // Only title (full) and location (0: Ottawa is far from both places) weigh.
  job.location = "Ottawa, ON";
  job.city = "Ottawa";
  auto total_with_title_weight = [&](const char* title, const char* location) {
    settings = rs::settings_from_json(std::string(R"({"title": )") + title + R"(, "company": 0, "location": )" +
                                          location + R"(, "job_type": 0, "salary": 0, "experience": 0})",
                                      "", "");
    return run();
  };
  rs::Score s = total_with_title_weight("70", "30");
  EXPECT_DOUBLE_EQ(s.total, 70);
  EXPECT_EQ(s.decision, "apply");
  s = total_with_title_weight("69.9", "30.1");
  EXPECT_DOUBLE_EQ(s.total, 69.9);
  EXPECT_EQ(s.decision, "review");
  s = total_with_title_weight("45", "55");
  EXPECT_DOUBLE_EQ(s.total, 45);
  EXPECT_EQ(s.decision, "review");
  s = total_with_title_weight("44.9", "55.1");
  EXPECT_DOUBLE_EQ(s.total, 44.9);
  EXPECT_EQ(s.decision, "skip");
  settings.thresholds = {44.9, 40};  // lower thresholds from the settings
  EXPECT_EQ(run().decision, "apply");
}

TEST_F(Rules, WeightsFromSettingsChangeThePoints) {
  job.title = "Backend Engineer";  // 2/3 of the title weight
  job.job_level = "mid";
  EXPECT_DOUBLE_EQ(factor("title").points, 20);
  settings = rs::settings_from_json(R"({"title": 40, "company": 5})", R"({"apply": 80})", "");
  const rs::Factor title = factor("title");
  EXPECT_DOUBLE_EQ(title.max, 40);
  EXPECT_DOUBLE_EQ(title.points, 26.7);  // 40 x 2/3
  EXPECT_TRUE(title.reason.ends_with(": 26.7/40")) << title.reason;
  EXPECT_DOUBLE_EQ(factor("company").max, 5);
  EXPECT_DOUBLE_EQ(settings.thresholds.apply, 80);
  EXPECT_DOUBLE_EQ(settings.thresholds.review, 45);  // left out: the default
  // 26.7 + 5 + 20 + 10 + 15 + 10 = 86.7: apply at 80
  const rs::Score s = run();
  EXPECT_DOUBLE_EQ(s.total, 86.7);
  EXPECT_EQ(s.decision, "apply");
}

TEST(RuleSettings, ValidationErrorsNameTheKey) {
  EXPECT_EQ(settings_error("", ""), "(no error)");
  EXPECT_EQ(settings_error(R"({"title": 40})", ""), "weights: must sum to 100, they sum to 110");
  EXPECT_EQ(settings_error(R"({"titel": 30})", ""),
            "weights.titel: not one of title, company, location, job_type, salary, experience");
  EXPECT_EQ(settings_error(R"({"title": "30"})", ""), "weights.title: expected a number");
  EXPECT_EQ(settings_error(R"({"title": -10, "company": 55})", ""), "weights.title: must be 0 or more");
  EXPECT_EQ(settings_error("", R"({"apply": 40})"),
            "thresholds: must satisfy 0 <= review <= apply <= 100 (review 45, apply 40)");
  EXPECT_EQ(settings_error("", R"({"apply": 101})"),
            "thresholds: must satisfy 0 <= review <= apply <= 100 (review 45, apply 101)");
  EXPECT_EQ(settings_error("", R"({"reveiw": 40})"), "thresholds.reveiw: not one of apply, review");
  EXPECT_EQ(settings_error("", "", R"({"XYZ": 0})"), "usd_per_unit.XYZ: expected a number above 0");
  EXPECT_EQ(settings_error("", "", R"({"XY": 1})"), "usd_per_unit.XY: not an ISO 4217 code");
  const rs::Settings s = rs::settings_from_json("", "", R"({"chf": 1.25})");
  EXPECT_DOUBLE_EQ(s.usd_per_unit.at("CHF"), 1.25);  // upper-cased, overriding the table
  EXPECT_DOUBLE_EQ(s.usd_per_unit.at("CAD"), 0.72);  // the rest kept
}

// ---- the profile -----------------------------------------------------------------

TEST(RuleProfile, ReadsTheExampleProfile) {
  const rs::Preferences p = rs::parse_profile(kProfile, kToday);
  EXPECT_EQ(p.titles, (std::vector<std::string>{"Software Developer", "Backend Developer"}));
  EXPECT_EQ(p.title_words[1], (std::vector<std::string>{"back", "end", "developer"}));
  EXPECT_EQ(p.seniority, (std::vector<rs::Level>{rs::Level::mid, rs::Level::senior}));
  ASSERT_EQ(p.locations.size(), 2u);
  EXPECT_EQ(p.locations[0].text, "Mississauga, ON");
  EXPECT_DOUBLE_EQ(p.locations[0].radius_km, 25);
  ASSERT_TRUE(p.locations[0].place);  // looked up once, here
  EXPECT_EQ(p.locations[0].place->region, "ON");
  EXPECT_EQ(p.locations[0].place->country, "CA");
  EXPECT_EQ(p.remote, rs::Remote::hybrid);
  EXPECT_EQ(p.job_types, rs::fulltime | rs::contract);
  EXPECT_EQ(p.salary_floor, 80000);
  EXPECT_EQ(p.salary_target, 110000);
  EXPECT_EQ(p.currency, "CAD");
  ASSERT_EQ(p.avoid.size(), 2u);
  EXPECT_EQ(p.avoid[0].folded, "commission only");
  EXPECT_EQ(p.work_authorization, (std::vector<std::string>{"CA"}));
  EXPECT_EQ(p.years_experience, 6);
  EXPECT_EQ(p.languages, (std::vector<std::string>{"en"}));  // French is elementary: not spoken
  EXPECT_TRUE(p.languages_listed);
  const rs::Preferences none = rs::parse_profile("{}", kToday);  // every key may be missing
  EXPECT_TRUE(none.titles.empty());
  EXPECT_EQ(none.remote, rs::Remote::any);
  EXPECT_FALSE(none.years_experience);
  EXPECT_FALSE(none.languages_listed);
}

TEST(RuleProfile, YearsFromOverlappingWorkPeriods) {
  // 2015-01-01..2019-12-31 (2017 in both periods, counted once) is 1826 days, and
  // 2024-07-01..today (2025-06-30) 365: 2191 / 365.2425 = 5.9988 -> 6.0, not 7.
  const rs::Preferences p = rs::parse_profile(R"({"work": [
      {"name": "A", "startDate": "2015-01", "endDate": "2017-12"},
      {"name": "B", "startDate": "2017-01", "endDate": "2019-12"},
      {"name": "C", "startDate": "2018-03-15", "endDate": "2018-06-01"},
      {"name": "D", "startDate": "2024-07"}]})",
                                              kToday);
  EXPECT_EQ(p.years_experience, 6.0);
  // A bare year is a number in the JSON: 2010 is one year; a period not yet begun counts nothing.
  EXPECT_EQ(rs::parse_profile(R"({"work": [{"startDate": 2010, "endDate": 2010}, {"startDate": "2026-01"}]})", kToday)
                .years_experience,
            1.0);
  EXPECT_EQ(rs::years_worked({{"2025-01-01", ""}}, kToday), 0.5);  // 181 days to today
  EXPECT_FALSE(rs::years_worked({}, kToday));
  // Stated years win over work[].
  EXPECT_EQ(rs::parse_profile(R"({"preferences": {"years_experience": 12},
                                  "work": [{"startDate": "2020-01"}]})",
                              kToday)
                .years_experience,
            12);
}

TEST(RuleProfile, LanguagesWithFluency) {
  const rs::Preferences p = rs::parse_profile(R"({"languages": [
      {"language": "Français", "fluency": "Courant"},
      {"language": "Spanish", "fluency": "Limited working proficiency"},
      {"language": "de", "fluency": "Notions"},
      {"language": "en"}]})",
                                              kToday);
  EXPECT_EQ(p.languages, (std::vector<std::string>{"fr", "en"}));
  EXPECT_TRUE(p.speaks("fr"));
  EXPECT_FALSE(p.speaks("es"));
}

TEST(RuleProfile, BadValuesNameTheKeyPath) {
  EXPECT_EQ(parse_error(R"({"preferences": {"salary": {"target": "lots"}}})"),
            "preferences.salary.target: expected a number");
  EXPECT_EQ(parse_error(R"({"preferences": {"titles": ["Developer", 3]}})"), "preferences.titles[1]: expected a string");
  EXPECT_EQ(parse_error(R"({"preferences": {"seniority": ["guru"]}})"),
            "preferences.seniority[0]: 'guru' is not one of entry, mid, senior, expert");
  EXPECT_EQ(parse_error(R"({"preferences": {"locations": [{"place": "Toronto, ON", "radius_km": "far"}]}})"),
            "preferences.locations[0].radius_km: expected a number");
  EXPECT_EQ(parse_error(R"({"preferences": {"remote": "sometimes"}})"),
            "preferences.remote: 'sometimes' is not one of remote, hybrid, onsite, any");
  EXPECT_EQ(parse_error(R"({"preferences": {"job_types": ["gig"]}})"),
            "preferences.job_types[0]: 'gig' is not one of fulltime, parttime, contract, internship, temporary");
  EXPECT_EQ(parse_error(R"({"preferences": {"companies": ["Shopify"]}})"), "preferences.companies: expected an object");
  EXPECT_EQ(parse_error(R"({"preferences": {"salary": {"floor": 120000, "target": 110000}}})"),
            "preferences.salary.floor: must be below the target");
  EXPECT_EQ(parse_error(R"({"preferences": {"salary": {"target": 1, "currency": "dollars"}}})"),
            "preferences.salary.currency: 'dollars' is not an ISO 4217 code (CAD, USD, EUR)");
  EXPECT_EQ(parse_error(R"({"preferences": {"years_experience": true}})"),
            "preferences.years_experience: expected a number");
  EXPECT_EQ(parse_error(R"({"work": [{"startDate": "March 2020"}]})"),
            "work[0].startDate: 'March 2020' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD");
  EXPECT_EQ(parse_error(R"({"languages": [{"language": 5}]})"), "languages[0].language: expected a string");
  EXPECT_EQ(parse_error(R"({"preferences": []})"), "preferences: expected an object");
  EXPECT_EQ(parse_error("[]"), "the profile is not a JSON object");
  EXPECT_TRUE(parse_error("{oops").starts_with("the profile is not JSON")) << parse_error("{oops");
}

// ---- the breakdown ---------------------------------------------------------------

TEST_F(Rules, BreakdownHasTheContractsShape) {
  job.title = "Backend \"Core\"\nDeveloper \\ Toronto";  // quotes, a newline and a backslash in a reason
  const rs::Score s = run();
  const json::object b = json::parse(rs::breakdown_json(s)).as_object();
  for (const char* key : {"version", "total", "decision", "method", "thresholds", "points", "max", "filters", "factors"})
    EXPECT_TRUE(b.contains(key)) << key;
  EXPECT_EQ(b.size(), 9u);  // and nothing else: no "skills" at stage 1
  EXPECT_EQ(b.at("version").to_number<int>(), 1);
  EXPECT_EQ(b.at("method").as_string(), "rule_based");
  EXPECT_DOUBLE_EQ(b.at("thresholds").at("apply").to_number<double>(), 70);
  EXPECT_DOUBLE_EQ(b.at("thresholds").at("review").to_number<double>(), 45);
  EXPECT_DOUBLE_EQ(b.at("max").to_number<double>(), 100);
  EXPECT_TRUE(b.at("filters").as_array().empty());
  const json::array& factors = b.at("factors").as_array();
  ASSERT_EQ(factors.size(), 6u);
  double sum = 0;
  for (const json::value& v : factors) {
    const json::object& f = v.as_object();
    EXPECT_EQ(f.size(), 5u);
    EXPECT_EQ(f.at("stage").to_number<int>(), 1);
    const std::string reason(f.at("reason").as_string());
    EXPECT_EQ(reason.find('\n'), std::string::npos) << reason;  // one line
    EXPECT_EQ(reason, s.factors[static_cast<std::size_t>(&v - factors.data())].reason);
    sum += f.at("points").to_number<double>();
  }
  EXPECT_EQ(factors[0].at("factor").as_string(), "title");
  EXPECT_EQ(std::string(factors[0].at("reason").as_string()),
            "'Backend \"Core\" Developer \\ Toronto' matches your title Backend Developer; 2 other words (x0.85); "
            "senior is a level you want: 25.5/30");
  EXPECT_DOUBLE_EQ(sum, b.at("points").to_number<double>());
  EXPECT_DOUBLE_EQ(b.at("total").to_number<double>(), 95.5);  // 25.5 + 70
  EXPECT_EQ(b.at("decision").as_string(), "apply");
}

TEST_F(Rules, BreakdownOfAFilteredPosting) {
  job.company = "Example Staffing Agency";
  job.french = "required";
  const json::object b = json::parse(rs::breakdown_json(run())).as_object();
  EXPECT_DOUBLE_EQ(b.at("total").to_number<double>(), 0);
  EXPECT_EQ(b.at("decision").as_string(), "skip");
  EXPECT_DOUBLE_EQ(b.at("points").to_number<double>(), 91);
  const json::array& filters = b.at("filters").as_array();
  ASSERT_EQ(filters.size(), 2u);
  EXPECT_EQ(filters[0].at("filter").as_string(), "blocked_company");
  EXPECT_EQ(filters[1].at("filter").as_string(), "french");
  EXPECT_EQ(filters[1].at("reason").as_string(), "French is required and your profile lists no French you speak");
}

TEST_F(Rules, TallyCountsDecisionsAndFilters) {
  rs::Tally tally;
  tally.add(run());  // apply
  job.title = "Chef";  // title 0, company 6 (not on the lists): 61, review
  job.company = "Verbco";
  job.company_industry = "";
  tally.add(run());
  job.french = "required";
  tally.add(run());
  job.experience_min_years = 12;
  tally.add(run());
  EXPECT_EQ(tally.line(), "4 scored: 1 apply, 1 review, 2 skip; hard filters: 0 blocked_company, 0 blocked_industry, "
                         "2 french, 1 too_senior, 0 not_authorised, 0 avoid_keyword, 0 must_have_keyword");
}

}  // namespace
