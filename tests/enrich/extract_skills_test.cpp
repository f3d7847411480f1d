// The skills taxonomy: the shipped config/skills.yaml loads and maps the
// issue's examples; whole-word matching, punctuation in names, ambiguous
// aliases, verbs; and errors that name file:line.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "extract/skills.hpp"

namespace {

const ajx::Taxonomy& shipped() {
  static const ajx::Taxonomy tax = ajx::Taxonomy::load(AJ_SOURCE_DIR "/config/skills.yaml");
  return tax;
}

std::vector<std::string> skills(const std::string& text, const std::string& title = "") {
  return shipped().find(ajx::Text::of(title, text));
}

bool has(const std::vector<std::string>& v, const std::string& name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

TEST(Skills, ShippedTaxonomyIsLarge) { EXPECT_GE(shipped().size(), 250u); }

TEST(Skills, IssueExamples) {
  EXPECT_EQ(skills("Strong JS skills"), std::vector<std::string>{"JavaScript"});
  EXPECT_EQ(skills("We run on k8s"), std::vector<std::string>{"Kubernetes"});
  EXPECT_EQ(skills("Postgres experience"), std::vector<std::string>{"PostgreSQL"});
  EXPECT_EQ(skills("Deploy to GCP"), std::vector<std::string>{"Google Cloud"});
}

struct Case {
  const char* text;
  std::vector<std::string> expected;  // exactly these, in taxonomy order
};

TEST(Skills, Matching) {
  const std::vector<Case> cases = {
      {"Experience with Java and JavaScript", {"JavaScript", "Java"}},
      {"JavaScript only", {"JavaScript"}},
      {"C++ and C# developers", {"C++", "C#"}},
      {"Programming in C/C++", {"C", "C++"}},
      {"Experience with .NET Core and ASP.NET", {".NET", "ASP.NET"}},
      {"Node.js, Vue.js and React", {"React", "Vue.js", "Node.js"}},
      {"React Native apps", {"React Native"}},
      {"Python, Go, or Rust", {"Python", "Go", "Rust"}},
      {"Golang microservices", {"Go", "Microservices"}},
      {"Go developer wanted", {"Go"}},
      {"Ready to go the extra mile", {}},
      {"Let's go build great products", {}},
      {"Python, R and SQL",
       {
           "Python",
           "R",
           "SQL",
       }},
      {"Grade R students and R&D", {}},
      {"Reactive programming and reaction times", {}},
      {"You will react quickly to incidents", {}},
      {"Excellent communication; you will excel at problem solving", {}},
      {"Advanced Excel (pivot tables, VLOOKUP)", {"Excel"}},
      {"Proficient in Microsoft Excel and Word", {"Excel", "Microsoft Word"}},
      {"MS Office, Outlook, PowerPoint", {"PowerPoint", "Outlook", "Microsoft Office"}},
      {"A positive outlook on life", {}},
      {"AWS, Azure and Google Cloud Platform", {"AWS", "Azure", "Google Cloud"}},
      {"Amazon Web Services (EC2, S3)", {"AWS"}},
      {"Machine learning with scikit-learn and PyTorch", {"Machine Learning", "PyTorch", "scikit-learn"}},
      {"CI/CD pipelines with GitHub Actions", {"GitHub Actions", "CI/CD"}},
      {"Spring 2025 internship", {}},
      {"Java, Spring and Hibernate", {"Java", "Spring", "Hibernate"}},
      {"Spring Boot", {"Spring Boot"}},
      {"Accounting under IFRS and US GAAP; CPA designation required", {"IFRS", "GAAP", "CPA"}},
      {"SAP S/4HANA and Salesforce", {"Salesforce", "SAP"}},
      {"AutoCAD and SolidWorks drafting", {"AutoCAD", "SolidWorks"}},
      {"Lean Six Sigma Green Belt, PMP certified, Agile/Scrum", {"PMP", "Agile", "Scrum", "Six Sigma"}},
      {"Valid forklift licence and WHMIS training", {"Forklift", "WHMIS"}},
      {"Food handler’s certificate", {"Food Safety"}},
      {"Customer service, cash handling and POS", {"Cash Handling", "Point of Sale", "Customer Service"}},
      {"Postgres, postgresql and PostgreSQL", {"PostgreSQL"}},
      {"Objective-C and Swift", {"Swift", "Objective-C"}},
      {"Taylor Swift fans", {}},
      {"Our sales team is growing", {}},
      {"Tableau or Power BI dashboards", {"Tableau", "Power BI"}},
      {"P.Eng. designation", {"P.Eng."}},
      {"GD&T and FEA", {"GD&T", "FEA"}},
      {"three.js and d3", {}},
      // An abbreviation in parentheses spells the skill before it.
      {"Good Clinical Practice (GCP) training", {"Good Clinical Practice"}},
      // Ambiguous spellings: lists, tech words, "in", context skills.
      {"Orchestrate workflows with Airflow; model data in Snowflake", {"Snowflake", "Airflow"}},
      {"Check the airflow of each furnace", {}},
      {"Experience in R", {"R"}},
      {"Work with R&D, AI and quality teams", {}},
      {"Bonne maîtrise de Word et d'Excel", {"Excel", "Microsoft Word"}},
      {"Build Apex classes and triggers in Salesforce", {"Apex", "Salesforce"}},
      {"Document care in Jane", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(joined(skills(c.text)), joined(c.expected)) << c.text;
}

TEST(Skills, TitleCounts) {
  EXPECT_TRUE(has(skills("Join us.", "Senior Python Developer"), "Python"));
  EXPECT_TRUE(has(skills("Join us.", "Backend Developer (Go)"), "Go"));
}

TEST(Skills, Errors) {
  auto message = [](const std::string& yaml) {
    try {
      ajx::Taxonomy::parse(yaml, "t.yaml");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("skills:\n  - name: A\n    aliases: [x]\n  - name: B\n    aliases: [X]\n"),
            "t.yaml:5: alias 'X' of 'B' is already an alias of 'A' (line 3)");
  EXPECT_EQ(message("skills:\n  - aliases: [x]\n"), "t.yaml:2: a skill has no 'name'");
  EXPECT_EQ(message("skills:\n  - name: A\n    alias: [x]\n"),
            "t.yaml:3: unknown key 'alias' (did you mean 'aliases'?)");
  EXPECT_EQ(message("skills:\n  - name: A\n  - name: A\n"), "t.yaml:3: skill 'A' is listed twice");
  EXPECT_EQ(message("skills:\n  - name: A\n    aliases: [\"++\"]\n"),
            "t.yaml:3: alias '++' of 'A' has no letters or digits");
  EXPECT_EQ(message("skils: []\n"),
            "t.yaml:1: expected a map with a 'skills:' list (see the header of config/skills.yaml)");
  EXPECT_NE(message("skills: [\n").find("t.yaml:"), std::string::npos);
  EXPECT_EQ(message("skills:\n  - {name: A, ambiguous: [a], context: [Nope]}\n"),
            "t.yaml:2: context 'Nope' of 'A' is neither a skill nor a category");
  EXPECT_THROW(ajx::Taxonomy::load("/nonexistent/skills.yaml"), std::runtime_error);
}

TEST(Skills, SmallTaxonomy) {
  const auto tax = ajx::Taxonomy::parse(
      "skills:\n"
      "  - {name: Kubernetes, aliases: [k8s]}\n"
      "  - {name: Go, aliases: [golang], ambiguous: [go]}\n",
      "inline");
  EXPECT_EQ(tax.size(), 2u);
  EXPECT_EQ(tax.find(ajx::Text::of("", "Go and k8s")), (std::vector<std::string>{"Kubernetes", "Go"}));
  EXPECT_TRUE(tax.find(ajx::Text::of("", "go home")).empty());
  EXPECT_TRUE(ajx::Taxonomy().find(ajx::Text::of("", "k8s")).empty());
}

}  // namespace
