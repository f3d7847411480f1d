// ajhost as a person runs it: exit codes, output formats, validation messages.
#include "test_util.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>

namespace fs = std::filesystem;
using aj::test::lines;
using aj::test::run_ajhost;
using aj::test::TempDir;

namespace {

const std::string kSource = AJ_SOURCE_DIR;
const std::string kJobsCsv = std::string(AJ_FIXTURES_DIR) + "/import/jobspy_export.csv";

boost::json::value parse_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  EXPECT_FALSE(ec) << "not JSON: " << text.substr(0, 300);
  return v;
}

// Data rows of a CSV file whose quoted cells may hold newlines.
std::size_t csv_rows(const std::string& path) {
  std::string text = aj::test::read_file(path);
  std::size_t rows = 0;
  bool quoted = false, content = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      if (content) ++rows;
      content = false;
    } else if (c != '\r') {
      content = true;
    }
  }
  if (content) ++rows;
  return rows - 1;  // the header
}

}  // namespace

TEST(Cli, VersionNamesHostAndAbi) {
  auto r = run_ajhost({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^ajhost \d+\.\d+\.\d+ \(plugin ABI 1\.2\))"))) << r.out;
}

TEST(Cli, UsageErrorsExitWith2) {
  EXPECT_EQ(run_ajhost({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(run_ajhost({"jobs", "list", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(run_ajhost({"run", "--help"}).exit_code, 0);
}

TEST(Cli, PluginsListJsonHasNameKindVersionAbiAndPath) {
  auto r = run_ajhost({"plugins", "list", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto v = parse_json(r.out);
  const auto& plugins = v.as_object().at("plugins").as_array();
  std::map<std::string, std::string> kinds;
  for (const auto& p : plugins) {
    const auto& o = p.as_object();
    for (const char* k : {"name", "kind", "version", "abi_version", "path"}) ASSERT_TRUE(o.contains(k)) << k;
    EXPECT_EQ(o.at("abi_version").as_string(), "1.2");
    EXPECT_TRUE(fs::exists(std::string(o.at("path").as_string().c_str())));
    kinds[std::string(o.at("name").as_string().c_str())] = o.at("kind").as_string().c_str();
  }
  EXPECT_EQ(kinds["import"], "source");
  EXPECT_EQ(kinds["rule_scorer"], "scorer");
}

TEST(Cli, BrokenPluginsAreReportedAndTheHostKeepsWorking) {
  auto r = run_ajhost({"plugins", "list"}, {{"AJ_PLUGIN_PATH", AJ_TEST_BROKEN_PLUGINS}});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* f : {"not_a_plugin.so", "no_symbol.so", "future_major.so", "future_minor.so", "init_fails.so",
                        "init_throws.so"})
    EXPECT_NE(r.err.find(std::string(AJ_TEST_BROKEN_PLUGINS) + "/" + f + ": "), std::string::npos) << f << "\n" << r.err;
  EXPECT_NE(r.out.find("import"), std::string::npos) << "the good plugins are still listed";
  auto info = run_ajhost({"plugins", "info", "import"}, {{"AJ_PLUGIN_PATH", AJ_TEST_BROKEN_PLUGINS}});
  EXPECT_EQ(info.exit_code, 0);
  EXPECT_NE(info.out.find("path"), std::string::npos);
}

TEST(Cli, PluginsInfoPrintsTheSettingsSchema) {
  auto r = run_ajhost({"plugins", "info", "import"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("import"), std::string::npos);
  EXPECT_NE(r.out.find("path"), std::string::npos);
  EXPECT_NE(r.out.find("yes"), std::string::npos) << "path is required";
  auto miss = run_ajhost({"plugins", "info", "imprt"});
  EXPECT_EQ(miss.exit_code, 2);
  EXPECT_NE(miss.err.find("did you mean 'import'"), std::string::npos) << miss.err;
}

TEST(Cli, ValidatePrintsThreeLocatedErrorsAndExits2) {
  std::string file = std::string(AJ_FIXTURES_DIR) + "/pipelines/invalid.yaml";
  auto r = run_ajhost({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  std::vector<std::string> errors;
  for (const auto& l : lines(r.err))
    if (std::regex_search(l, std::regex("^" + file + R"(:\d+:\d+: error: )"))) errors.push_back(l);
  ASSERT_EQ(errors.size(), 3u) << r.err;
  EXPECT_NE(errors[0].find(":7:5: error: unknown key 'sources.file.wokers' (did you mean 'workers'?)"),
            std::string::npos)
      << errors[0];
  EXPECT_NE(errors[1].find(":13:14: error: scorers.rules.workers: expected an integer, got 'ten'"), std::string::npos)
      << errors[1];
  EXPECT_NE(errors[2].find(":15:10: error: scorers.extra: unknown plugin 'rule_scorr' (did you mean 'rule_scorer'?)"),
            std::string::npos)
      << errors[2];
}

TEST(Cli, ValidateChecksPluginSettings) {
  TempDir dir;
  aj::test::write_file(dir / "p.yaml", "sources:\n  f:\n    use: import\n    settings:\n      format: xml\n      colour: red\n");
  auto r = run_ajhost({"validate", dir / "p.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing required key 'path'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'xml' is not one of auto, csv, jsonl"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown key 'sources.f.settings.colour'"), std::string::npos) << r.err;
}

TEST(Cli, ShippedPipelinesValidate) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kSource + "/pipelines")) {
    if (entry.path().extension() != ".yaml") continue;
    auto r = run_ajhost({"validate", entry.path().string()}, {{"AJ_IMPORT", kJobsCsv}});
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
    ++checked;
  }
  EXPECT_EQ(checked, 7);  // the six presets and import
  auto import = run_ajhost({"validate", kSource + "/pipelines/import.yaml"}, {{"AJ_IMPORT", kJobsCsv}});
  EXPECT_EQ(import.exit_code, 0) << import.err;
  auto unset = run_ajhost({"validate", kSource + "/pipelines/import.yaml"});
  EXPECT_EQ(unset.exit_code, 2);
  EXPECT_NE(unset.err.find("environment variable AJ_IMPORT is not set"), std::string::npos) << unset.err;
}

TEST(Cli, ImportTwiceStoresEachPostingOnce) {
  TempDir dir;
  std::string db = dir / "jobs.db";
  std::size_t rows = csv_rows(kJobsCsv);
  ASSERT_GT(rows, 5u);
  for (int round = 0; round < 2; ++round) {
    auto r = run_ajhost({"run", kSource + "/pipelines/import.yaml", "--db", db}, {{"AJ_IMPORT", kJobsCsv}});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find(round == 0 ? std::to_string(rows) + " new" : "0 new"), std::string::npos) << r.out;
    auto list = run_ajhost({"jobs", "list", "--db", db, "--format", "json"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_EQ(parse_json(list.out).as_array().size(), rows);
  }
  auto runs = run_ajhost({"runs", "list", "--db", db, "--format", "json"});
  EXPECT_EQ(parse_json(runs.out).as_array().size(), 2u);
}

TEST(Cli, OutputUsesJobspyColumnNamesThenOurs) {
  TempDir dir;
  std::string db = dir / "jobs.db";
  ASSERT_EQ(run_ajhost({"run", kSource + "/pipelines/import.yaml", "--db", db}, {{"AJ_IMPORT", kJobsCsv}}).exit_code, 0);
  const std::string jobspy =
      "id,site,job_url,job_url_direct,title,company,location,date_posted,job_type,salary_source,interval,min_amount,"
      "max_amount,currency,is_remote,job_level,job_function,listing_type,emails,description,company_industry,"
      "company_url,company_logo,company_url_direct,company_addresses,company_num_employees,company_revenue,"
      "company_description,skills,experience_range,company_rating,company_reviews_count,vacancy_count,"
      "work_from_home_type,job_id,job_key,";
  for (auto args : {std::vector<std::string>{"jobs", "export", "--format", "csv", "--db", db},
                    std::vector<std::string>{"jobs", "list", "--format", "csv", "--db", db}}) {
    auto r = run_ajhost(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, jobspy.size()), jobspy);
    std::string header = lines(r.out)[0];
    for (const char* ours : {"work_arrangement", "ats", "score", "decision", "score_breakdown", "status", "first_seen"})
      EXPECT_NE(header.find(std::string(",") + ours + ","), std::string::npos) << ours;
  }
  auto jsonl = run_ajhost({"jobs", "export", "--format", "jsonl", "--db", db});
  auto first = parse_json(lines(jsonl.out).at(0)).as_object();
  EXPECT_TRUE(first.at("score_breakdown").is_object()) << "the breakdown is JSON, not a string";
  EXPECT_TRUE(first.at("decision").is_string());
  EXPECT_EQ(first.at("status").as_string(), "scored");
}

TEST(Cli, StatusChangesAreKeptWithNotesAndHistory) {
  TempDir dir;
  std::string db = dir / "jobs.db";
  ASSERT_EQ(run_ajhost({"run", kSource + "/pipelines/import.yaml", "--db", db}, {{"AJ_IMPORT", kJobsCsv}}).exit_code, 0);
  auto set = run_ajhost({"jobs", "set-status", "1", "applied", "--note", "sent through the company site", "--db", db});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(run_ajhost({"jobs", "set-status", "1", "hired", "--db", db}).exit_code, 2) << "an unknown status is invalid input";
  // A re-run must not touch the status or the notes.
  ASSERT_EQ(run_ajhost({"run", kSource + "/pipelines/import.yaml", "--db", db}, {{"AJ_IMPORT", kJobsCsv}}).exit_code, 0);
  auto show = run_ajhost({"jobs", "show", "1", "--db", db});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("applied"), std::string::npos);
  EXPECT_NE(show.out.find("sent through the company site"), std::string::npos);
  EXPECT_NE(show.out.find("Status history"), std::string::npos);
  EXPECT_NE(show.out.find("FACTOR"), std::string::npos) << "the score breakdown is shown as a table";
  auto applied = run_ajhost({"jobs", "list", "--status", "applied", "--db", db, "--format", "json"});
  EXPECT_EQ(parse_json(applied.out).as_array().size(), 1u);
}

TEST(Cli, MissingDatabaseIsAClearError) {
  auto r = run_ajhost({"jobs", "list", "--db", "/nonexistent/ajtest/jobs.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/ajtest/jobs.db does not exist"), std::string::npos) << r.err;
}

TEST(Cli, RunRefusesAnInvalidPipeline) {
  auto r = run_ajhost({"run", std::string(AJ_FIXTURES_DIR) + "/pipelines/invalid.yaml", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not run"), std::string::npos);
}

TEST(Cli, JobsListTextFindsAllTheWordsBestMatchFirst) {
  TempDir dir;
  std::string db = dir / "jobs.db";
  ASSERT_EQ(run_ajhost({"run", kSource + "/pipelines/import.yaml", "--db", db}, {{"AJ_IMPORT", kJobsCsv}}).exit_code, 0);
  std::size_t all = parse_json(run_ajhost({"jobs", "list", "--db", db, "--format", "json"}).out).as_array().size();

  auto r = run_ajhost({"jobs", "list", "--db", db, "--text", "DATA analyst", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto found = parse_json(r.out).as_array();
  EXPECT_GT(found.size(), 1u);
  EXPECT_LT(found.size(), all);
  for (const auto& j : found) {
    std::string text;
    for (const char* k : {"title", "company", "description"})
      if (const auto* v = j.as_object().if_contains(k); v && v->is_string()) text += std::string(v->as_string()) + " ";
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_NE(text.find("data"), std::string::npos) << text.substr(0, 200);
    EXPECT_NE(text.find("analyst"), std::string::npos) << text.substr(0, 200);
  }
  auto exported = run_ajhost({"jobs", "export", "--db", db, "--text", "DATA analyst", "--format", "jsonl"});
  EXPECT_EQ(lines(exported.out).size(), found.size()) << exported.err;

  auto company = run_ajhost({"jobs", "list", "--db", db, "--text", "shopify", "--format", "json"});
  ASSERT_EQ(company.exit_code, 0) << company.err;
  ASSERT_FALSE(parse_json(company.out).as_array().empty());
  EXPECT_EQ(parse_json(company.out).as_array()[0].as_object().at("company").as_string(), "Shopify");

  auto hostile = run_ajhost({"jobs", "list", "--db", db, "--text", "\"unbalanced AND (col:x", "--format", "json"});
  EXPECT_EQ(hostile.exit_code, 0) << hostile.err;
  EXPECT_TRUE(parse_json(hostile.out).as_array().empty());

  for (const char* empty : {"", "*"}) {
    auto e = run_ajhost({"jobs", "list", "--db", db, "--text", empty});
    EXPECT_EQ(e.exit_code, 2) << "'" << empty << "'";
    EXPECT_NE(e.err.find("has no word to look for"), std::string::npos) << e.err;
  }
  auto rank = run_ajhost({"jobs", "list", "--db", db, "--sort", "rank"});
  EXPECT_EQ(rank.exit_code, 2);
  EXPECT_NE(rank.err.find("--sort rank needs --text"), std::string::npos) << rank.err;
}
