// find_min_years, find_level, find_job_type, find_education: requirements as
// postings state them, and the look-alikes that are not ("10 years in
// business", "Senior Living", "Contract Manager", "tuition for a Master's").
#include "extract/extract.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace {
// Readable test names from the case text: "Formats/Finds.ThePay/Salary_80_000_120_000_per_year_0".
std::string slug(std::string_view text, std::size_t index) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 40) break;
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  return out + (out.empty() || out.back() == '_' ? "" : "_") + std::to_string(index);
}
// Each case type has a describe() (found when Named is used).
struct Named {
  template <class P>
  std::string operator()(const testing::TestParamInfo<P>& info) const {
    return slug(describe(info.param), info.index);
  }
};

int years(std::string_view description, std::string_view title = "Software Developer") {
  return ajx::find_min_years(ajx::Text::of(title, description));
}
std::string level(std::string_view title, std::string_view description = "", int min_years = -1) {
  return ajx::find_level(ajx::Text::of(title, description), min_years);
}
std::string type(std::string_view title, std::string_view description = "") {
  return ajx::find_job_type(ajx::Text::of(title, description));
}
std::string education(std::string_view description, std::string_view title = "Analyst") {
  return ajx::find_education(ajx::Text::of(title, description));
}

// ---- minimum years ----------------------------------------------------------------

struct YearsCase {
  const char* text;
  int want;
};
std::string describe(const YearsCase& c) { return c.text; }
void PrintTo(const YearsCase& c, std::ostream* os) { *os << c.want; }  // a short, stable test name
class MinYears : public testing::TestWithParam<YearsCase> {};
TEST_P(MinYears, AreRead) { EXPECT_EQ(years(GetParam().text), GetParam().want) << GetParam().text; }

INSTANTIATE_TEST_SUITE_P(
    Requirements, MinYears,
    testing::Values(
        YearsCase{"5+ years of experience with Python.", 5}, YearsCase{"You have 5+ years experience.", 5},
        YearsCase{"At least 3 years of professional experience.", 3},
        YearsCase{"3-5 years of experience in a similar role.", 3},
        YearsCase{"3 to 5 years in software development.", 3}, YearsCase{"3–5 years building web apps.", 3},
        YearsCase{"A minimum of two years of relevant experience.", 2},
        YearsCase{"Minimum five (5) years of experience.", 5}, YearsCase{"Seven years of experience required.", 7},
        YearsCase{"Experience: 4+ years", 4}, YearsCase{"Experience required: 2-4 years.", 2},
        YearsCase{"3 ans d'expérience en développement.", 3}, YearsCase{"Au moins 5 ans d’expérience.", 5},
        YearsCase{"De 3 à 5 années d'expérience.", 3}, YearsCase{"Minimum 1 an d'expérience pertinente.", 1},
        YearsCase{"8+ yrs of backend development.", 8}, YearsCase{"1 year of experience with SQL.", 1},
        YearsCase{"At least a year of retail experience.", 1}, YearsCase{"3 or more years of experience.", 3},
        YearsCase{"We are looking for 5+ years of experience in Go.", 5},
        YearsCase{"Requirements:\n- 7+ years of software engineering\n- 2+ years of Kubernetes", 2},
        YearsCase{"5 years' experience as a data analyst", 5},
        // The later figures of a sentence qualify its first one.
        YearsCase{"- 10+ years of experience in analytics, including 5 years leading teams", 10},
        YearsCase{"- 3+ years of QA experience, with at least 2 years in test automation", 3},
        YearsCase{"- 6+ years of programming experience or 3+ years of experience + PhD", 6},
        YearsCase{"- 3 years of growth or performance marketing experience", 3},
        YearsCase{"- 3+ years of business analysis experience", 3},
        YearsCase{"What we're looking for\n- 2 years of social media experience for a consumer brand", 2},
        YearsCase{"- 3+ years in customer success at a SaaS company", 3},
        // Saying no experience is needed is a requirement of zero years.
        YearsCase{"No experience needed.", 0}, YearsCase{"- No retail experience required; we train", 0},
        YearsCase{"Aucune expérience requise.", 0}),
    Named{});

INSTANTIATE_TEST_SUITE_P(
    NotRequirements, MinYears,
    testing::Values(YearsCase{"We have been 10 years in business.", -1},
                    YearsCase{"For over 20 years we have helped customers.", -1},
                    YearsCase{"The company was founded 15 years ago.", -1}, YearsCase{"This is a 2-year contract.", -1},
                    YearsCase{"Applicants must be at least 18 years old.", -1},
                    YearsCase{"Within 2 years you will lead the team.", -1},
                    YearsCase{"Over the past 10 years we grew fivefold.", -1},
                    YearsCase{"With over 20 years of experience, our firm serves clients nationwide.", -1},
                    YearsCase{"A 4-year degree in Computer Science.", -1},
                    YearsCase{"Celebrating 25 years of innovation!", -1},
                    YearsCase{"Depuis 30 ans, notre entreprise innove.", -1},
                    YearsCase{"Customer service experience; no courier experience needed.", -1},
                    YearsCase{"We hold more than $1B in assets. 10 years of service to the community.", -1}),
    Named{});

TEST(MinYears, ThePreferredCountsOnlyWithoutARequired) {
  EXPECT_EQ(years("Requirements: 3+ years of Java.\nNice to have: 1 year of Rust experience."), 3);
  EXPECT_EQ(years("Preferred qualifications:\n- 2+ years of Rust\nRequirements:\n- 4+ years of Java"), 4);
  EXPECT_EQ(years("Nice to have: 2+ years of Rust experience."), 2);
  EXPECT_EQ(years("10 years in business. 4+ years of experience required."), 4);
}

// ---- level ------------------------------------------------------------------------

struct LevelCase {
  const char* title;
  const char* text;
  int min_years;
  const char* want;
};
std::string describe(const LevelCase& c) { return std::string(c.title) + " " + c.text; }
void PrintTo(const LevelCase& c, std::ostream* os) { *os << "level " << c.want; }  // a short, stable test name
class Levels : public testing::TestWithParam<LevelCase> {};
TEST_P(Levels, AreRead) {
  const LevelCase& c = GetParam();
  EXPECT_EQ(level(c.title, c.text, c.min_years), c.want) << c.title << " | " << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Titles, Levels,
    testing::Values(
        LevelCase{"Software Engineering Intern", "", -1, "entry"}, LevelCase{"Junior Developer", "", 6, "entry"},
        LevelCase{"Jr. Data Analyst", "", -1, "entry"}, LevelCase{"Graduate Software Engineer", "", -1, "entry"},
        LevelCase{"New Grad Software Engineer", "", -1, "entry"}, LevelCase{"Entry Level Accountant", "", -1, "entry"},
        LevelCase{"Associate Software Engineer", "", -1, "entry"}, LevelCase{"Analyst I", "", -1, "entry"},
        LevelCase{"Software Engineer II", "", -1, "mid"}, LevelCase{"Engineer III - Platform", "", -1, "senior"},
        LevelCase{"Intermediate Developer", "", -1, "mid"}, LevelCase{"Mid-Level Designer", "", -1, "mid"},
        LevelCase{"Senior Software Engineer", "", 2, "senior"}, LevelCase{"Sr. Product Manager", "", -1, "senior"},
        LevelCase{"Lead Engineer", "", -1, "senior"}, LevelCase{"Senior Manager, Finance", "", -1, "senior"},
        LevelCase{"Staff Software Engineer", "", -1, "expert"}, LevelCase{"Principal Architect", "", -1, "expert"},
        LevelCase{"Director of Engineering", "", -1, "expert"}, LevelCase{"Senior Director, Sales", "", -1, "expert"},
        LevelCase{"Head of Data", "", -1, "expert"}, LevelCase{"VP, Marketing", "", -1, "expert"},
        LevelCase{"Vice President of Operations", "", -1, "expert"},
        LevelCase{"Chief Technology Officer", "", -1, "expert"}, LevelCase{"Solutions Architect", "", -1, "expert"},
        LevelCase{"Développeur sénior", "", -1, "senior"}, LevelCase{"Analyste principal", "", -1, "senior"},
        LevelCase{"Comptable principal(e)", "", -1, "senior"}, LevelCase{"Principal Engineer", "", -1, "expert"},
        LevelCase{"Executive Assistant to the CEO", "", -1, ""},
        LevelCase{"Stagiaire en comptabilité", "", -1, "entry"}, LevelCase{"Développeur junior", "", -1, "entry"},
        LevelCase{"Junior/Intermediate Developer", "", -1, "entry"},
        LevelCase{"Stage - Développement web", "", -1, "entry"},
        LevelCase{"Senior Associate, Audit", "", -1, "senior"}),
    Named{});

INSTANTIATE_TEST_SUITE_P(
    NotLevels, Levels,
    testing::Values(LevelCase{"Senior Living Community Manager", "", -1, ""},
                    LevelCase{"Senior Care Aide", "", 1, "entry"}, LevelCase{"Caregiver for Seniors", "", -1, ""},
                    LevelCase{"Staff Accountant", "", 3, "mid"}, LevelCase{"Lead Generation Specialist", "", -1, ""},
                    LevelCase{"Internal Auditor", "", -1, ""}, LevelCase{"Stage Manager", "", -1, ""},
                    LevelCase{"Data Entry Specialist", "", 3, "mid"}, LevelCase{"Student Success Advisor", "", -1, ""},
                    LevelCase{"Manager, Operations", "", -1, ""},
                    LevelCase{"Associate Professor of Biology", "", -1, ""}),
    Named{});

INSTANTIATE_TEST_SUITE_P(
    TextAndYears, Levels,
    testing::Values(LevelCase{"Software Developer", "This entry-level role suits new graduates.", 3, "entry"},
                    LevelCase{"Software Developer", "Recent graduates welcome!", -1, "entry"},
                    LevelCase{"Analyste", "Nouveaux diplômés bienvenus.", -1, "entry"},
                    LevelCase{"Cashier", "No experience required.", -1, "entry"},
                    LevelCase{"Barista", "Barista experience is a plus but not required.", -1, "entry"},
                    LevelCase{"Developer", "This mid-level role...", -1, "mid"}, LevelCase{"Developer", "", 0, "entry"},
                    LevelCase{"Developer", "", 1, "entry"}, LevelCase{"Developer", "", 2, "mid"},
                    LevelCase{"Developer", "", 4, "mid"}, LevelCase{"Developer", "", 5, "senior"},
                    LevelCase{"Developer", "", 7, "senior"}, LevelCase{"Developer", "", 8, "expert"},
                    LevelCase{"Developer", "Work with senior engineers.", -1, ""}),
    Named{});

// ---- job type ---------------------------------------------------------------------

struct TypeCase {
  const char* title;
  const char* text;
  const char* want;
};
std::string describe(const TypeCase& c) { return std::string(c.title) + " " + c.text; }
void PrintTo(const TypeCase& c, std::ostream* os) { *os << "type " << c.want; }  // a short, stable test name
class Types : public testing::TestWithParam<TypeCase> {};
TEST_P(Types, AreRead) {
  const TypeCase& c = GetParam();
  EXPECT_EQ(type(c.title, c.text), c.want) << c.title << " | " << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Titles, Types,
    testing::Values(
        TypeCase{"Contract Manager (Full-time)", "Negotiate contracts with vendors.", "fulltime"},
        TypeCase{"Software Developer (Contract)", "", "contract"},
        TypeCase{"Contract - Java Developer", "Full-time hours.", "contract"},
        TypeCase{"Java Developer - 6 Month Contract", "", "contract"},
        TypeCase{"Part-Time Cashier", "Full-time and part-time roles available.", "parttime"},
        TypeCase{"Summer Intern, Data", "", "internship"}, TypeCase{"Co-op Student - Finance", "", "internship"},
        TypeCase{"Stagiaire en marketing", "", "internship"}, TypeCase{"Stage - Développeur", "", "internship"},
        TypeCase{"Temporary Warehouse Associate", "", "temporary"},
        TypeCase{"Seasonal Sales Associate", "", "temporary"}, TypeCase{"Freelance Writer", "", "contract"},
        TypeCase{"Contracts Administrator", "", ""},
        TypeCase{"Contract Specialist", "This is a full-time position.", "fulltime"},
        TypeCase{"Conseiller (temps partiel)", "", "parttime"}, TypeCase{"Agent (temps plein)", "", "fulltime"},
        TypeCase{"Stage Manager", "", ""}, TypeCase{"Program Officer (PM-02) - Term", "", "temporary"},
        TypeCase{"Elementary Teacher - Long-Term Occasional", "", "temporary"}, TypeCase{"Long-Term Care Aide", "", ""},
        TypeCase{"Seasonal Tax Preparer (Contract, January - April)", "", "contract"}),
    Named{});

INSTANTIATE_TEST_SUITE_P(
    Text, Types,
    testing::Values(
        TypeCase{"Developer", "Job Type: Full-time\nWe also have contract roles.", "fulltime"},
        TypeCase{"Developer", "Job Types: Part-time, Permanent", "parttime"},
        TypeCase{"Developer", "Employment type: Contract", "contract"},
        TypeCase{"Developer", "Type d'emploi : Temps plein, Permanent", "fulltime"},
        TypeCase{"Developer", "This is a full-time, permanent position.", "fulltime"},
        TypeCase{"Developer", "This is a 12-month contract position.", "contract"},
        TypeCase{"Developer", "Full-time, 6 month contract with possible extension.", "contract"},
        TypeCase{"Developer", "Contract-to-hire opportunity.", "contract"},
        TypeCase{"Developer", "You will negotiate contracts and review contract terms.", ""},
        TypeCase{"Developer", "This is a fixed-term role of 12 months.", "contract"},
        TypeCase{"Developer", "This is a temporary position covering a parental leave.", "temporary"},
        TypeCase{"Developer", "Paid summer internship, full-time, 12 weeks.", "internship"},
        TypeCase{"Developer", "We also run an internship program for students. Full-time role.", "fulltime"},
        TypeCase{"Developer", "Poste permanent à temps plein.", "fulltime"},
        TypeCase{"Developer", "Contrat de 6 mois.", "contract"},
        TypeCase{"Developer", "Ce stage rémunéré dure 4 mois.", "internship"},
        TypeCase{"Developer", "Early stage startup, we grew to the next stage.", ""},
        TypeCase{"Developer", "Open to permanent residents and citizens.", ""},
        TypeCase{"Developer", "Part-time: 20 hours per week.", "parttime"},
        TypeCase{"Developer", "Independent contractor role, paid hourly.", "contract"},
        TypeCase{"Developer", "Seasonal promotions and temporary housing offered.", ""},
        TypeCase{"Developer", "Employment tenure: Term of 12 months", "temporary"},
        TypeCase{"Developer", "- Seasonal: June 20 to August 22", "temporary"},
        TypeCase{"Developer", "Lead a content freelancer.\n- Permanent, full-time", "fulltime"},
        TypeCase{"Developer", "0-2 years of experience (co-op terms count). Permanent, full-time.", "fulltime"},
        TypeCase{"Writer", "Work on a freelance basis.", "contract"}),
    Named{});

// ---- education --------------------------------------------------------------------

struct EduCase {
  const char* text;
  const char* want;
};
std::string describe(const EduCase& c) { return c.text; }
void PrintTo(const EduCase& c, std::ostream* os) { *os << "education " << c.want; }  // a short, stable test name
class Education : public testing::TestWithParam<EduCase> {};
TEST_P(Education, IsRead) { EXPECT_EQ(education(GetParam().text), GetParam().want) << GetParam().text; }

INSTANTIATE_TEST_SUITE_P(
    Degrees, Education,
    testing::Values(
        EduCase{"High school diploma or GED required.", "secondary"},
        EduCase{"College diploma in accounting.", "diploma"},
        EduCase{"Bachelor's degree in Computer Science or equivalent experience.", "bachelor"},
        EduCase{"BSc in Engineering.", "bachelor"}, EduCase{"B.Eng. or B.Sc. in a related field.", "bachelor"},
        EduCase{"BA/BS in Economics.", "bachelor"}, EduCase{"University degree in finance.", "bachelor"},
        EduCase{"A degree in statistics or a related field.", "bachelor"},
        EduCase{"Master's degree in Data Science required.", "master"}, EduCase{"MSc or PhD in ML.", "master"},
        EduCase{"MBA required.", "master"}, EduCase{"PhD in Physics.", "doctorate"},
        EduCase{"Ph.D. in Chemistry.", "doctorate"}, EduCase{"Doctorate in Psychology.", "doctorate"},
        EduCase{"Baccalauréat en informatique.", "bachelor"},
        EduCase{"DEC en techniques de l'informatique.", "diploma"}, EduCase{"Maîtrise en administration.", "master"},
        EduCase{"Doctorat en chimie.", "doctorate"}, EduCase{"Diplôme d'études secondaires.", "secondary"},
        EduCase{"Diplôme d'études collégiales en soins.", "diploma"},
        EduCase{"Bachelor's degree required; Master's preferred.", "bachelor"},
        EduCase{"Bachelor's or Master's in CS.", "bachelor"},
        EduCase{"High school diploma required; bachelor's degree preferred.", "secondary"},
        EduCase{"Preferred: Master's degree in Statistics.", ""},
        EduCase{"High school diploma or equivalent is preferred.", ""},
        EduCase{"Graduate of an accredited paralegal program.", "diploma"},
        EduCase{"Formation Bac+2 (BTS) en gestion.", "diploma"}, EduCase{"Bac+5 en informatique.", "master"},
        EduCase{"No degree required.", "none"}, EduCase{"Associate degree in Nursing.", "diploma"},
        EduCase{"4-year degree in a technical field.", "bachelor"}, EduCase{"BS/MS in Computer Science.", "bachelor"},
        EduCase{"- Bachelor of Science in Nursing required; Master's degree in Nursing preferred", "bachelor"},
        EduCase{"- BScN preferred; diploma-prepared RNs are welcome", "diploma"},
        EduCase{"- Maintain fixed asset schedules\n- Bachelor's degree in accounting", "bachelor"},
        EduCase{"Completion of a Personal Support Worker diploma program from a recognized college.", "diploma"},
        EduCase{"Students completing a bachelor's degree in commerce.", "bachelor"}),
    Named{});

INSTANTIATE_TEST_SUITE_P(Unsaid, Education,
                         testing::Values(EduCase{"A high degree of autonomy. 360-degree feedback.", ""},
                                         EduCase{"Tuition reimbursement for your Master's degree.", ""},
                                         EduCase{"Proficiency in MS Office. Scrum Master experience.", ""},
                                         EduCase{"Maîtrise de l'anglais.", ""}, EduCase{"Python, SQL and AWS.", ""},
                                         EduCase{"Currently enrolled in a PhD program in statistics.", ""},
                                         EduCase{"Tutor high school students in math.", ""}),
                         Named{});

}  // namespace
