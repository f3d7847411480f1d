// The import plugin's reader and field mapping, without a host.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "field_mapping.hpp"
#include "jobspy_reader.hpp"

namespace imp = aj::import;

namespace {

const std::string kDir = std::string(AJ_FIXTURES_DIR) + "/import/";

struct Problem {
  std::size_t line;
  std::string message;
  bool row_skipped;
};

// Keeps everything the reader reports.
struct Collector : imp::RowHandler {
  std::vector<imp::Row> rows;
  std::vector<Problem> problems;
  std::uint64_t last_done = 0, last_total = 0;
  std::size_t stop_after = 0;  // rows; 0 = never

  bool on_row(imp::Row&& row) override {
    rows.push_back(std::move(row));
    return stop_after == 0 || rows.size() < stop_after;
  }
  bool on_problem(std::size_t line, std::string_view message, bool skipped) override {
    problems.push_back({line, std::string(message), skipped});
    return true;
  }
  bool on_progress(std::uint64_t done, std::uint64_t total) override {
    last_done = done;
    last_total = total;
    return true;
  }
};

Collector read_csv_text(const std::string& text) {
  std::istringstream in(text);
  Collector c;
  imp::read_csv(in, text.size(), c);
  return c;
}

Collector read_jsonl_text(const std::string& text) {
  std::istringstream in(text);
  Collector c;
  imp::read_jsonl(in, text.size(), c);
  return c;
}

const imp::Cell* cell(const imp::Row& row, std::string_view column) {
  for (const imp::Cell& c : row.cells)
    if (c.column == column) return &c;
  return nullptr;
}

std::string text(const imp::Row& row, std::string_view column) {
  const imp::Cell* c = cell(row, column);
  return c ? c->text : "<absent>";
}

// The mapped value of `field`, when the row sets it exactly once.
template <class T>
std::optional<T> get(const imp::MappedRow& m, aj_field field) {
  std::optional<T> found;
  for (const auto& [f, v] : m.fields) {
    if (f != field) continue;
    if (found || !std::holds_alternative<T>(v)) return std::nullopt;
    found = std::get<T>(v);
  }
  return found;
}

bool sets(const imp::MappedRow& m, aj_field field) {
  for (const auto& fv : m.fields)
    if (fv.first == field) return true;
  return false;
}

}  // namespace

// ---- CSV ------------------------------------------------------------------

TEST(ImportCsv, JobspyExportReadsEveryRowWithItsStartLine) {
  Collector c;
  imp::ReadStats stats = imp::read_file(kDir + "jobspy_export.csv", imp::Format::Auto, c);
  EXPECT_TRUE(c.problems.empty()) << c.problems.front().line << ": " << c.problems.front().message;
  ASSERT_EQ(c.rows.size(), 11u);
  EXPECT_EQ(stats.rows, 11u);
  EXPECT_EQ(stats.skipped_rows, 0u);
  // Row 1's description spans lines 2-8, so row k >= 2 starts on line k + 7.
  EXPECT_EQ(c.rows[0].line, 2u);
  EXPECT_EQ(c.rows[1].line, 9u);
  EXPECT_EQ(c.rows[10].line, 18u);
  EXPECT_EQ(c.rows[0].cells.size(), 34u);
  EXPECT_EQ(c.rows[0].cells.front().column, "id");  // no BOM or quote left on the first name
  EXPECT_EQ(text(c.rows[0], "id"), "li-4012345678");
  EXPECT_EQ(text(c.rows[1], "id"), "in-7f3a9c2e1b4d5a6f");
  EXPECT_EQ(text(c.rows[10], "work_from_home_type"), "Hybrid");
  EXPECT_EQ(c.last_total, c.last_done);
  EXPECT_GT(c.last_total, 0u);
}

TEST(ImportCsv, QuotedFieldKeepsNewlinesCommasAndDoubledQuotes) {
  Collector c;
  imp::read_file(kDir + "jobspy_export.csv", imp::Format::Csv, c);
  ASSERT_FALSE(c.rows.empty());
  const std::string d = text(c.rows[0], "description");
  EXPECT_TRUE(d.starts_with("We are looking for a Data Analyst to join our Wealth Management team, in Toronto.\n\n"));
  EXPECT_NE(d.find("- Partner with the \"Client Insights\" group, and present \"what the data says\"\n"),
            std::string::npos);
  EXPECT_TRUE(d.ends_with("Salary: $75,000 - $90,000 a year"));
  EXPECT_EQ(d.find('\r'), std::string::npos);
}

TEST(ImportCsv, BomAndCrlfAreHandled) {
  Collector c = read_csv_text(
      "\xEF\xBB\xBFid,title,description\r\n"
      "a1,\"Analyst, Data\",\"line one\r\nline two\"\r\n"
      "\r\n"
      "a2,BI Developer,plain\r\n");
  ASSERT_TRUE(c.problems.empty()) << c.problems.front().message;
  ASSERT_EQ(c.rows.size(), 2u);
  EXPECT_EQ(c.rows[0].cells[0].column, "id");
  EXPECT_EQ(text(c.rows[0], "title"), "Analyst, Data");
  EXPECT_EQ(text(c.rows[0], "description"), "line one\nline two");
  EXPECT_EQ(c.rows[0].line, 2u);
  EXPECT_EQ(c.rows[1].line, 5u);  // the CRLF inside the quotes and the blank line both count
  EXPECT_EQ(text(c.rows[1], "title"), "BI Developer");
}

TEST(ImportCsv, LastRowWithoutLineBreakIsRead) {
  Collector c = read_csv_text("id,title\nx1,Analyst");
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(text(c.rows[0], "title"), "Analyst");
  EXPECT_TRUE(c.problems.empty());
}

TEST(ImportCsv, UnnamedColumnsAreLeftOutAndEmptyRowsSkipped) {
  Collector c = read_csv_text(",id,title\n0,x1,Analyst\n,,\n1,x2,Developer\n");
  ASSERT_EQ(c.rows.size(), 2u);
  ASSERT_EQ(c.rows[0].cells.size(), 2u);
  EXPECT_EQ(c.rows[0].cells[0].column, "id");
  EXPECT_EQ(c.rows[1].line, 4u);
}

TEST(ImportCsv, MalformedRowsAreReportedAtTheirLineAndSkipped) {
  Collector c;
  imp::ReadStats stats = imp::read_file(kDir + "malformed.csv", imp::Format::Auto, c);
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_EQ(text(c.rows[0], "id"), "in-good1");
  EXPECT_EQ(c.rows[0].line, 2u);
  EXPECT_EQ(text(c.rows[0], "description"), "Two lines\nof text");
  EXPECT_EQ(text(c.rows[1], "id"), "in-good2");
  EXPECT_EQ(c.rows[1].line, 5u);
  EXPECT_EQ(text(c.rows[2], "id"), "in-good3");
  EXPECT_EQ(c.rows[2].line, 7u);

  ASSERT_EQ(c.problems.size(), 5u);
  EXPECT_EQ(c.problems[0].line, 4u);
  EXPECT_EQ(c.problems[0].message, "row has 5 cells, the header has 9");
  EXPECT_EQ(c.problems[1].line, 6u);
  EXPECT_NE(c.problems[1].message.find("stray quote"), std::string::npos) << c.problems[1].message;
  EXPECT_EQ(c.problems[2].line, 8u);
  EXPECT_EQ(c.problems[2].message, "row has 10 cells, the header has 9");
  EXPECT_EQ(c.problems[3].line, 9u);
  EXPECT_EQ(c.problems[3].message, "unexpected text after a closing quote");
  EXPECT_EQ(c.problems[4].line, 10u);
  EXPECT_EQ(c.problems[4].message, "unterminated quoted field");
  for (const Problem& p : c.problems) EXPECT_TRUE(p.row_skipped);
  EXPECT_EQ(stats.skipped_rows, 5u);
}

TEST(ImportCsv, ErrorInsideAMultiLineRowNamesBothLines) {
  Collector c = read_csv_text("id,description\nx1,\"first\nsecond\" oops\nx2,fine\n");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].line, 2u);
  EXPECT_EQ(c.problems[0].message, "unexpected text after a closing quote on line 3");
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(text(c.rows[0], "id"), "x2");
  EXPECT_EQ(c.rows[0].line, 4u);
}

TEST(ImportCsv, LineNumbersSurviveChunkBoundaries) {
  // The reader takes 64 KiB at a time: put a CRLF and a quoted CRLF across the boundary.
  const std::string header = "id,text\r\n";
  std::string first = "1,\"";
  const std::size_t pad = 65536 - 1 - header.size() - first.size() - 1;  // '"' then '\r' at 65535
  first += std::string(pad, 'x') + "\"\r\n";
  ASSERT_EQ(header.size() + first.size(), 65537u);
  std::string second = "2,\"";
  second += std::string(65531, 'y') + "\r\nz\"\r\n";  // its quoted CR is byte 131071, the LF 131072
  Collector c = read_csv_text(header + first + second + "3,last\r\n");
  ASSERT_TRUE(c.problems.empty()) << c.problems.front().message;
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_EQ(c.rows[0].line, 2u);
  EXPECT_EQ(c.rows[1].line, 3u);
  EXPECT_EQ(c.rows[2].line, 5u);
  EXPECT_EQ(text(c.rows[1], "text").size(), 65531u + 2);
  EXPECT_TRUE(text(c.rows[1], "text").ends_with("y\nz"));
}

TEST(ImportCsv, ManyRowsAcrossChunksKeepCountAndLines) {
  std::string csv = "id,title,description\n";
  for (int i = 0; i < 3000; ++i)
    csv += "id" + std::to_string(i) + ",\"Analyst, " + std::to_string(i) + "\",\"a \"\"quoted\"\"\nsecond line\"\n";
  Collector c = read_csv_text(csv);
  ASSERT_TRUE(c.problems.empty());
  ASSERT_EQ(c.rows.size(), 3000u);
  for (std::size_t i = 0; i < c.rows.size(); i += 499) {
    EXPECT_EQ(c.rows[i].line, 2 + 2 * i);
    EXPECT_EQ(text(c.rows[i], "id"), "id" + std::to_string(i));
    EXPECT_EQ(text(c.rows[i], "description"), "a \"quoted\"\nsecond line");
  }
}

TEST(ImportCsv, HandlerCanStopReading) {
  Collector c;
  c.stop_after = 3;
  std::istringstream in("id\n1\n2\n3\n4\n5\n");
  imp::ReadStats stats = imp::read_csv(in, 0, c);
  EXPECT_TRUE(stats.stopped);
  EXPECT_EQ(c.rows.size(), 3u);
}

// ---- JSON Lines ------------------------------------------------------------

TEST(ImportJsonl, ReadsTheSamePostingsAsTheCsv) {
  Collector csv, jsonl;
  imp::read_file(kDir + "jobspy_export.csv", imp::Format::Auto, csv);
  imp::read_file(kDir + "jobspy_export.jsonl", imp::Format::Auto, jsonl);
  ASSERT_TRUE(jsonl.problems.empty()) << jsonl.problems.front().message;
  ASSERT_EQ(jsonl.rows.size(), csv.rows.size());
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    EXPECT_EQ(jsonl.rows[i].line, i + 1);
    imp::MappedRow a = imp::map_row(csv.rows[i], "import");
    imp::MappedRow b = imp::map_row(jsonl.rows[i], "import");
    EXPECT_TRUE(a.problems.empty() && b.problems.empty()) << "row " << i;
    EXPECT_EQ(a.fields, b.fields) << "row " << i;  // typed values agree: 75000.0 vs 75000, "False" vs false
    EXPECT_EQ(a.extras, b.extras) << "row " << i;
  }
  const imp::Cell* emails = cell(jsonl.rows[0], "emails");
  ASSERT_NE(emails, nullptr);
  EXPECT_TRUE(emails->is_list);
  EXPECT_EQ(emails->items, (std::vector<std::string>{"careers@rbc.example", "talent@rbc.example"}));
}

TEST(ImportJsonl, BadLinesAreReportedAndSkipped) {
  Collector c;
  imp::ReadStats stats = imp::read_file(kDir + "malformed.jsonl", imp::Format::Auto, c);
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_EQ(c.rows[0].line, 1u);
  EXPECT_EQ(c.rows[1].line, 6u);
  EXPECT_EQ(c.rows[2].line, 7u);
  EXPECT_EQ(stats.skipped_rows, 3u);

  ASSERT_EQ(c.problems.size(), 5u);
  EXPECT_EQ(c.problems[0].line, 2u);
  EXPECT_TRUE(c.problems[0].row_skipped);
  EXPECT_NE(c.problems[0].message.find("at column 35"), std::string::npos) << c.problems[0].message;
  EXPECT_EQ(c.problems[1].line, 3u);
  EXPECT_EQ(c.problems[1].message, "expected a JSON object, found an array");
  EXPECT_EQ(c.problems[2].line, 5u);
  EXPECT_NE(c.problems[2].message.find("at the end of the line"), std::string::npos) << c.problems[2].message;
  // Line 6 keeps its row; only the two unsupported cells go.
  EXPECT_EQ(c.problems[3].line, 6u);
  EXPECT_FALSE(c.problems[3].row_skipped);
  EXPECT_EQ(c.problems[3].message, "column company_addresses: nested objects are not supported");
  EXPECT_EQ(c.problems[4].message, "column skills: a list may hold only strings, numbers and bools");
  EXPECT_EQ(cell(c.rows[1], "company_addresses"), nullptr);
  EXPECT_EQ(cell(c.rows[1], "skills"), nullptr);
}

TEST(ImportJsonl, ScalarsBecomeTextAndNullsAreLeftOut) {
  Collector c = read_jsonl_text(
      "\xEF\xBB\xBF{\"id\": 4012345678, \"min_amount\": 85000.5, \"is_remote\": true, \"title\": null, "
      "\"skills\": [\"SQL\", 3, null]}\r\n");
  ASSERT_TRUE(c.problems.empty()) << c.problems.front().message;
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(text(c.rows[0], "id"), "4012345678");
  EXPECT_EQ(text(c.rows[0], "min_amount"), "85000.5");
  EXPECT_EQ(text(c.rows[0], "is_remote"), "true");
  EXPECT_EQ(cell(c.rows[0], "title"), nullptr);
  EXPECT_EQ(cell(c.rows[0], "skills")->items, (std::vector<std::string>{"SQL", "3"}));
}

TEST(ImportJsonl, TrailingGarbageIsAnError) {
  Collector c = read_jsonl_text("{\"id\": \"a\"} x\n{\"id\": \"b\"}\n");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].line, 1u);
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(text(c.rows[0], "id"), "b");
}

// ---- formats ---------------------------------------------------------------

TEST(ImportFormat, ByExtensionThenByFirstByte) {
  EXPECT_EQ(imp::detect_format("jobs.csv", "{"), imp::Format::Csv);
  EXPECT_EQ(imp::detect_format("jobs.CSV", ""), imp::Format::Csv);
  EXPECT_EQ(imp::detect_format("jobs.jsonl", "id,title"), imp::Format::Jsonl);
  EXPECT_EQ(imp::detect_format("jobs.ndjson", ""), imp::Format::Jsonl);
  EXPECT_EQ(imp::detect_format("jobs.json", ""), imp::Format::Jsonl);
  EXPECT_EQ(imp::detect_format("export.txt", "\xEF\xBB\xBF  \n{\"id\":1}"), imp::Format::Jsonl);
  EXPECT_EQ(imp::detect_format("export", "id,title\n"), imp::Format::Csv);
  EXPECT_EQ(imp::parse_format("jsonl"), imp::Format::Jsonl);
  EXPECT_THROW(imp::parse_format("xml"), std::invalid_argument);
}

TEST(ImportFormat, MissingFileThrows) {
  Collector c;
  EXPECT_THROW(imp::read_file(kDir + "no-such-file.csv", imp::Format::Auto, c), imp::ReadError);
}

// ---- field mapping ---------------------------------------------------------

TEST(ImportMapping, JobspyColumnsBecomeTypedFields) {
  Collector c;
  imp::read_file(kDir + "jobspy_export.csv", imp::Format::Csv, c);
  ASSERT_EQ(c.rows.size(), 11u);
  imp::MappedRow rbc = imp::map_row(c.rows[0], "import");
  EXPECT_TRUE(rbc.problems.empty());
  EXPECT_EQ(get<std::string>(rbc, AJ_F_ID), "li-4012345678");
  EXPECT_EQ(get<std::string>(rbc, AJ_F_SITE), "linkedin");
  EXPECT_EQ(get<double>(rbc, AJ_F_MIN_AMOUNT), 75000.0);
  EXPECT_EQ(get<double>(rbc, AJ_F_MAX_AMOUNT), 90000.0);
  EXPECT_EQ(get<bool>(rbc, AJ_F_IS_REMOTE), false);
  EXPECT_EQ(get<std::vector<std::string>>(rbc, AJ_F_EMAILS),
            (std::vector<std::string>{"careers@rbc.example", "talent@rbc.example"}));
  EXPECT_EQ(get<std::string>(rbc, AJ_F_CITY), "Toronto");
  EXPECT_EQ(get<std::string>(rbc, AJ_F_STATE), "ON");
  EXPECT_EQ(get<std::string>(rbc, AJ_F_COUNTRY), "Canada");
  EXPECT_FALSE(sets(rbc, AJ_F_LISTING_TYPE));  // "" sets nothing
  EXPECT_TRUE(rbc.extras.empty());

  imp::MappedRow scotia = imp::map_row(c.rows[1], "import");
  EXPECT_EQ(get<std::int64_t>(scotia, AJ_F_COMPANY_REVIEWS_COUNT), 4821);  // from "4821.0"
  EXPECT_EQ(get<double>(scotia, AJ_F_COMPANY_RATING), 3.9);
  EXPECT_EQ(get<std::string>(scotia, AJ_F_COMPANY_NUM_EMPLOYEES), "10,000+");

  imp::MappedRow bell = imp::map_row(c.rows[10], "import");
  EXPECT_EQ(get<std::vector<std::string>>(bell, AJ_F_SKILLS), (std::vector<std::string>{"SQL", "Python", "Tableau"}));
  EXPECT_EQ(get<std::string>(bell, AJ_F_WORK_FROM_HOME_TYPE), "Hybrid");
}

TEST(ImportMapping, OtherKnownColumnsExtrasAndDefaultSite) {
  Collector c = read_csv_text(
      "Title,work_arrangement,ats,city,experience_min_years,recruiter,status,location\n"
      "Data Analyst,hybrid,workday,Mississauga,3,Jane Doe,applied,\"Toronto, ON, Canada\"\n");
  ASSERT_EQ(c.rows.size(), 1u);
  imp::MappedRow m = imp::map_row(c.rows[0], "my_csv");
  EXPECT_EQ(get<std::string>(m, AJ_F_TITLE), "Data Analyst");  // column names match in any case
  EXPECT_EQ(get<std::string>(m, AJ_F_WORK_ARRANGEMENT), "hybrid");
  EXPECT_EQ(get<std::string>(m, AJ_F_ATS), "workday");
  EXPECT_EQ(get<std::int64_t>(m, AJ_F_EXPERIENCE_MIN_YEARS), 3);
  EXPECT_EQ(get<std::string>(m, AJ_F_SITE), "my_csv");
  // A city column wins over splitting the location.
  EXPECT_EQ(get<std::string>(m, AJ_F_CITY), "Mississauga");
  EXPECT_FALSE(sets(m, AJ_F_STATE));
  EXPECT_EQ(m.extras, (std::vector<std::pair<std::string, std::string>>{{"recruiter", "Jane Doe"}}));
  EXPECT_EQ(m.read_only_columns, (std::vector<std::string>{"status"}));
  EXPECT_FALSE(sets(m, AJ_F_STATUS));
}

// The plugin's view: reader problems and mapping problems, each as line: message.
TEST(ImportMapping, ConversionErrorsNameLineAndColumnAndKeepTheRow) {
  Collector c;
  imp::read_file(kDir + "malformed.csv", imp::Format::Csv, c);
  ASSERT_EQ(c.rows.size(), 3u);
  const imp::Row& row = c.rows[1];
  ASSERT_EQ(row.line, 5u);
  imp::MappedRow m = imp::map_row(row, "import");
  EXPECT_EQ(m.problems, (std::vector<std::string>{"column min_amount: 'abc' is not a number",
                                                  "column is_remote: 'maybe' is not true or false"}));
  EXPECT_FALSE(sets(m, AJ_F_MIN_AMOUNT));
  EXPECT_FALSE(sets(m, AJ_F_IS_REMOTE));
  EXPECT_EQ(get<double>(m, AJ_F_MAX_AMOUNT), 90000.0);
  EXPECT_EQ(get<std::string>(m, AJ_F_DESCRIPTION), "fine");

  Collector j;
  imp::read_file(kDir + "malformed.jsonl", imp::Format::Jsonl, j);
  ASSERT_EQ(j.rows.size(), 3u);
  ASSERT_EQ(j.rows[1].line, 6u);
  imp::MappedRow typed = imp::map_row(j.rows[1], "import");
  EXPECT_EQ(typed.problems, (std::vector<std::string>{"column min_amount: 'eighty' is not a number",
                                                      "column vacancy_count: '2.5' is not a whole number",
                                                      "column is_remote: 'perhaps' is not true or false"}));
  EXPECT_EQ(get<std::string>(typed, AJ_F_TITLE), "Typed errors");
  imp::MappedRow last = imp::map_row(j.rows[2], "import");
  EXPECT_EQ(get<std::string>(last, AJ_F_SITE), "import");
  EXPECT_EQ(last.extras, (std::vector<std::pair<std::string, std::string>>{{"recruiter", "Jane Doe"}}));
}

TEST(ImportMapping, NumberBoolAndListParsing) {
  EXPECT_EQ(imp::parse_f64("85000"), 85000.0);
  EXPECT_EQ(imp::parse_f64(" 85000.0 "), 85000.0);
  EXPECT_EQ(imp::parse_f64("1.5e5"), 150000.0);
  EXPECT_FALSE(imp::parse_f64("85,000"));
  EXPECT_FALSE(imp::parse_f64("abc"));
  EXPECT_FALSE(imp::parse_f64("nan"));
  EXPECT_FALSE(imp::parse_f64("12abc"));
  EXPECT_EQ(imp::parse_i64("12"), 12);
  EXPECT_EQ(imp::parse_i64("12.0"), 12);
  EXPECT_EQ(imp::parse_i64("-3"), -3);
  EXPECT_FALSE(imp::parse_i64("12.5"));
  EXPECT_FALSE(imp::parse_i64("twelve"));
  for (const char* t : {"True", "true", "1", "yes", "YES"}) EXPECT_EQ(imp::parse_bool(t), true) << t;
  for (const char* f : {"False", "false", "0", "no", "No"}) EXPECT_EQ(imp::parse_bool(f), false) << f;
  EXPECT_FALSE(imp::parse_bool("maybe"));
  EXPECT_FALSE(imp::parse_bool("2"));
  EXPECT_EQ(imp::split_list("a@x.com, b@y.com"), (std::vector<std::string>{"a@x.com", "b@y.com"}));
  EXPECT_EQ(imp::split_list(" SQL ,, Python,"), (std::vector<std::string>{"SQL", "Python"}));
}

TEST(ImportMapping, LocationSplitting) {
  auto three = imp::split_location("Toronto, ON, Canada");
  ASSERT_TRUE(three);
  EXPECT_EQ(three->city, "Toronto");
  EXPECT_EQ(three->state, "ON");
  EXPECT_EQ(three->country, "Canada");
  auto two = imp::split_location("Mississauga,ON");
  ASSERT_TRUE(two);
  EXPECT_EQ(two->city, "Mississauga");
  EXPECT_EQ(two->state, "ON");
  EXPECT_EQ(two->country, "");
  EXPECT_FALSE(imp::split_location("Canada"));
  EXPECT_FALSE(imp::split_location("Remote"));
  EXPECT_FALSE(imp::split_location("A, B, C, D"));
  EXPECT_FALSE(imp::split_location("Toronto, , Canada"));

  imp::Row row;
  row.cells = {{"location", "Mississauga, ON", {}, false}};
  imp::MappedRow m = imp::map_row(row, "import");
  EXPECT_EQ(get<std::string>(m, AJ_F_CITY), "Mississauga");
  EXPECT_EQ(get<std::string>(m, AJ_F_STATE), "ON");
  EXPECT_FALSE(sets(m, AJ_F_COUNTRY));
  row.cells = {{"location", "Canada", {}, false}};
  EXPECT_FALSE(sets(imp::map_row(row, "import"), AJ_F_CITY));
}

TEST(ImportCsv, MalformedHeaderStopsTheRead) {
  Collector c = read_csv_text("id,\"title\" x,company\nx1,Analyst,Acme\n");
  EXPECT_TRUE(c.rows.empty());  // the data row must not become the header
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].line, 1u);
  EXPECT_EQ(c.problems[0].message, "header row: unexpected text after a closing quote; nothing read");
}
