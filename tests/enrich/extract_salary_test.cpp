// find_salary: pay in the many ways postings write it, and the amounts that
// are not pay (bonus, 401k match, stipend, funding, referral...). Table-driven:
// each row is a posting text, the currency of a bare "$", and the expected pay.
#include "extract/extract.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>

namespace ajx {
// For EXPECT_EQ and readable failures (the shared header defines neither).
bool operator==(const Salary& a, const Salary& b) {
  return a.min == b.min && a.max == b.max && a.interval == b.interval && a.currency == b.currency;
}
std::ostream& operator<<(std::ostream& os, const Salary& s) {
  os << "{";
  if (s.min)
    os << *s.min;
  else
    os << "-";
  os << ", ";
  if (s.max)
    os << *s.max;
  else
    os << "-";
  return os << ", " << s.interval << ", " << s.currency << "}";
}
}  // namespace ajx

namespace {

using ajx::Salary;
using std::nullopt;

std::optional<Salary> salary(std::string_view description, std::string_view dollar = "USD",
                             std::string_view title = "Software Developer") {
  return ajx::find_salary(ajx::Text::of(title, description), dollar);
}

struct Case {
  const char* text;
  const char* dollar;
  Salary want;
};
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
void PrintTo(const Case& c, std::ostream* os) { *os << c.want; }  // a short, stable test name
struct Named {
  template <class P>
  std::string operator()(const testing::TestParamInfo<P>& info) const {
    return slug(text_of(info.param), info.index);
  }
  static std::string_view text_of(const Case& c) { return c.text; }
  static std::string_view text_of(const char* text) { return text; }
};

class Finds : public testing::TestWithParam<Case> {};

TEST_P(Finds, ThePay) {
  const Case& c = GetParam();
  auto got = salary(c.text, c.dollar);
  ASSERT_TRUE(got.has_value()) << c.text;
  EXPECT_EQ(*got, c.want) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, Finds,
    testing::Values(
        Case{"Salary: $80,000 - $120,000 per year", "CAD", {80000, 120000, "yearly", "CAD"}},
        Case{"Salary: $80,000 - $120,000 per year", "USD", {80000, 120000, "yearly", "USD"}},
        Case{"Compensation: $100k-$130k plus equity", "USD", {100000, 130000, "yearly", "USD"}},
        Case{"Base pay CA$95K", "USD", {95000, 95000, "yearly", "CAD"}},
        Case{"Salaire : 45 $/h", "CAD", {45, 45, "hourly", "CAD"}},
        Case{"Pay rate: 28.50/hour", "CAD", {28.5, 28.5, "hourly", "CAD"}},
        Case{"Salary: £55,000", "USD", {55000, 55000, "yearly", "GBP"}},
        Case{"Gehalt / salary €60.000", "USD", {60000, 60000, "yearly", "EUR"}},
        Case{"Salaire annuel : 60 000 €", "CAD", {60000, 60000, "yearly", "EUR"}},
        Case{"Rémunération : 95 000 $ par année", "CAD", {95000, 95000, "yearly", "CAD"}},
        Case{"Earn up to $120,000 a year.", "USD", {nullopt, 120000, "yearly", "USD"}},
        Case{"Pay starting at $22.50 per hour.", "CAD", {22.5, nullopt, "hourly", "CAD"}},
        Case{"Wage: from $18/hr depending on experience", "USD", {18, nullopt, "hourly", "USD"}},
        Case{"Salary: $5,000 per month", "USD", {5000, 5000, "monthly", "USD"}},
        Case{"Stipend-free role. Pay: $4,500 a month", "USD", {4500, 4500, "monthly", "USD"}},
        Case{"Salary is $6,200/mo", "USD", {6200, 6200, "monthly", "USD"}},
        Case{"We pay $90,000 annually", "USD", {90000, 90000, "yearly", "USD"}},
        Case{"$75,000/yr - $90,000/yr", "CAD", {75000, 90000, "yearly", "CAD"}},
        Case{"Pay: $400 per day", "USD", {400, 400, "daily", "USD"}},
        Case{"Day rate $650/day outside IR35", "GBP", {650, 650, "daily", "GBP"}},
        Case{"Pay: $1,200 per week", "USD", {1200, 1200, "weekly", "USD"}},
        Case{"Range: USD 120,000–150,000", "CAD", {120000, 150000, "yearly", "USD"}},
        Case{"Compensation 120-150K USD", "CAD", {120000, 150000, "yearly", "USD"}},
        Case{"$45-$55 an hour", "USD", {45, 55, "hourly", "USD"}},
        Case{"Salary range: 95,000 to 115,000 CAD", "USD", {95000, 115000, "yearly", "CAD"}},
        Case{"Le salaire se situe entre 55 000 $ et 65 000 $ par année.", "CAD", {55000, 65000, "yearly", "CAD"}},
        Case{"Taux horaire : 45 $ de l'heure", "CAD", {45, 45, "hourly", "CAD"}},
        Case{"Salaire : 25,50 $ de l’heure", "CAD", {25.5, 25.5, "hourly", "CAD"}},
        Case{"Hourly rate: $25", "USD", {25, 25, "hourly", "USD"}},
        Case{"The base salary range is $80,000 — $100,000 USD.", "CAD", {80000, 100000, "yearly", "USD"}},
        Case{"Salary: $80,000 - $100,000 CAD", "USD", {80000, 100000, "yearly", "CAD"}},
        Case{"Salary: 80 000 $ CAD", "USD", {80000, 80000, "yearly", "CAD"}},
        Case{"Pay: C$70,000 - C$85,000", "USD", {70000, 85000, "yearly", "CAD"}},
        Case{"Salary: US$150,000", "CAD", {150000, 150000, "yearly", "USD"}},
        Case{"Salary: $100-130k", "USD", {100000, 130000, "yearly", "USD"}},
        Case{"Salary between $70,000 and $90,000", "USD", {70000, 90000, "yearly", "USD"}},
        Case{"Salary: $80,000.00 - $95,000.00", "USD", {80000, 95000, "yearly", "USD"}},
        Case{"Salaire : 60.000,00 € - 70.000,00 €", "CAD", {60000, 70000, "yearly", "EUR"}},
        Case{"Salary: 65\u00A0000 $ à 75\u00A0000 $", "CAD", {65000, 75000, "yearly", "CAD"}},
        Case{"Salary: 65\u202F000\u00A0$", "CAD", {65000, 65000, "yearly", "CAD"}},
        Case{"$30 - $35 per hour", "CAD", {30, 35, "hourly", "CAD"}},
        Case{"Salary: 80k", "USD", {80000, 80000, "yearly", "USD"}},
        Case{"Salary: 80,000 - 100,000", "CAD", {80000, 100000, "yearly", "CAD"}},
        Case{"OTE $150K", "USD", {150000, 150000, "yearly", "USD"}},
        Case{"Pay: 60k€ per year", "USD", {60000, 60000, "yearly", "EUR"}},
        Case{"Salaire : 70 k$", "CAD", {70000, 70000, "yearly", "CAD"}},
        Case{"Pay: £450 per day", "USD", {450, 450, "daily", "GBP"}},
        Case{"$5.5k per month base salary", "USD", {5500, 5500, "monthly", "USD"}},
        Case{"Hourly Rate: 22.00 - 26.00", "CAD", {22, 26, "hourly", "CAD"}},
        Case{"Salary Range: $120,000.00 - $150,000.00 USD Annual", "CAD", {120000, 150000, "yearly", "USD"}},
        Case{"Monthly salary: $4,000", "USD", {4000, 4000, "monthly", "USD"}},
        Case{"Rémunération : entre 23 $ et 27 $ l'heure", "CAD", {23, 27, "hourly", "CAD"}},
        Case{"Salary: £30-35k", "USD", {30000, 35000, "yearly", "GBP"}}),
    Named{});

INSTANTIATE_TEST_SUITE_P(
    NotPayIgnored, Finds,
    testing::Values(
        // The salary is found among amounts that are not the salary.
        Case{"We raised $50M from top investors. Salary: $90,000 - $110,000", "USD", {90000, 110000, "yearly", "USD"}},
        Case{"$5,000 signing bonus! Base salary $85,000", "USD", {85000, 85000, "yearly", "USD"}},
        Case{"Salary: $120,000 + $20,000 bonus", "USD", {120000, 120000, "yearly", "USD"}},
        Case{"Salary: $120,000 plus annual bonus of $15,000", "USD", {120000, 120000, "yearly", "USD"}},
        Case{"401(k) match up to $6,000. Pay: $70,000/year", "USD", {70000, 70000, "yearly", "USD"}},
        Case{"Benefits: $1,500 home office stipend, $500 referral bonus.\nSalary: $95k",
             "USD",
             {95000, 95000, "yearly", "USD"}},
        Case{"Our ARR passed $20M in 2023 and we serve 5,000 customers. Pay range $60,000 to $75,000.",
             "USD",
             {60000, 75000, "yearly", "USD"}},
        Case{"Valued at $2B. $2,000 learning budget. Compensation: $140,000–$160,000",
             "USD",
             {140000, 160000, "yearly", "USD"}},
        Case{"Salary: $60,000 - $70,000 depending on education and experience", "USD", {60000, 70000, "yearly", "USD"}},
        Case{"RRSP matching up to $3,000. Salaire : 75 000 $ par année", "CAD", {75000, 75000, "yearly", "CAD"}},
        Case{"Call (555) 123-4567 or 1-800-555-1234. Salary: $55,000", "USD", {55000, 55000, "yearly", "USD"}},
        Case{"Founded in 2015, 20% growth in 2023. Salary $65,000", "USD", {65000, 65000, "yearly", "USD"}},
        Case{"Monthly allowance of $300 for meals. Salary: $70,000", "USD", {70000, 70000, "yearly", "USD"}},
        Case{"Budget of $2,000,000 managed. Salary: $70,000", "USD", {70000, 70000, "yearly", "USD"}},
        // "Earn" and "earnings" name pay with commission: the base salary wins.
        Case{"A base salary of $45,000 plus uncapped commission. Top performers earn over $150,000 a year.",
             "CAD",
             {45000, 45000, "yearly", "CAD"}},
        Case{"Compensation: $55,000 base salary plus monthly commission (first-year earnings of $75,000 - $85,000 "
             "are typical).",
             "CAD",
             {55000, 55000, "yearly", "CAD"}}),
    Named{});

class Nothing : public testing::TestWithParam<const char*> {};

TEST_P(Nothing, IsFound) {
  auto got = salary(GetParam(), "USD");
  EXPECT_FALSE(got.has_value()) << GetParam() << " -> " << *got;
}

INSTANTIATE_TEST_SUITE_P(
    NotPay, Nothing,
    testing::Values(
        "We raised $50M in Series B funding.", "$5,000 signing bonus for new hires.",
        "Get a $500 referral bonus for every hire.", "401(k) with 4% match; 401k plan; 403(b).",
        "Home office stipend of $1,000 and an equipment allowance.", "Our revenue reached $10 million last year.",
        "Company valuation of $2B.", "We have 5,000 customers and $30M ARR.", "Manage a $2,000,000 budget.",
        "5+ years of experience; 40 hours per week; 3 days a week in office.", "Call (555) 123-4567 or 416-555-1234.",
        "Founded in 2015; 2020-2024 growth.", "Salary: competitive. 5 years experience required.", "Up to 20% bonus.",
        "Team of 250 people in 12 countries.", "Earn $1,500 in annual learning credits.",
        "Tuition reimbursement up to $5,250 per year.", "Wellness allowance: $100 per month.",
        "Version 2.5.1 of the API, H1B, B2B, x86.", "We process $1.2B in payments.", "$10,000 relocation package.",
        "Hourly pay plus monthly incentives: earn up to $500/month in quality and speed bonuses.",
        "Physicians bill an average of $350,000+ per year through capitation.",
        "We did $10M in sales and process $2B in payments.", "You'll get $1,000 per month for housing.",
        "Earn $50 for every referral you make.", "Our clients range from startups to $1B companies.", "Salary: $4,000"),
    Named{});

TEST(Salary, PrefersTheAmountNearPayWords) {
  auto got = salary(
      "Join us. $75,000 for our partners program. Salary range for this role: $90,000 - $105,000 per year.", "USD");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, (Salary{90000, 105000, "yearly", "USD"}));
}

TEST(Salary, TakesTheFirstOfSeveralRanges) {
  auto got =
      salary("Pay ranges: California $150,000 - $180,000; New York $145,000 - $175,000; elsewhere $130,000 - $160,000.",
             "USD");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, (Salary{150000, 180000, "yearly", "USD"}));
}

TEST(Salary, ReadsTheTitle) {
  auto got = ajx::find_salary(ajx::Text::of("Line Cook - $18/hr", "Join our kitchen team."), "CAD");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, (Salary{18, 18, "hourly", "CAD"}));
}

TEST(Salary, ASalesTitleKeepsItsPay) {
  auto got = ajx::find_salary(ajx::Text::of("Sales Associate - $18/hr", "Inside sales role."), "CAD");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, (Salary{18, 18, "hourly", "CAD"}));
}

TEST(Salary, ImplausibleIntervalsAreDropped) {
  EXPECT_FALSE(salary("Salary: $80,000 per hour"));
  EXPECT_FALSE(salary("Salary: $12 per year"));
}

}  // namespace
