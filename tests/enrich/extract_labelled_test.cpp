// The labelled set (tests/fixtures/labelled/postings.jsonl: real and constructed
// postings with the values a careful reader finds in them, see the README there)
// through the extractor: prints right / total / accuracy per field (skills:
// micro precision, recall, F1), then every miss (id, field, expected, got), and
// fails below the accuracy issue 6 asks for.
// The hold-out set (holdout.jsonl: postings written after the extractor was tuned)
// goes through the same scoring and is only printed: it is the honest figure, and
// a test that failed on it would invite tuning against it.
#include "extract/extract.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace json = boost::json;

namespace {

const char* const kSetPath = AJ_FIXTURES_DIR "/labelled/postings.jsonl";
const char* const kHoldoutPath = AJ_FIXTURES_DIR "/labelled/holdout.jsonl";
const char* const kSkillsPath = AJ_SOURCE_DIR "/config/skills.yaml";

struct Labelled {
  std::string id, origin;
  ajx::Record record;       // the input as a source gives it
  json::object expected;    // the labels
  std::set<std::string> structured;  // fields the source gave in structured form
};

std::string str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<double> number(const json::value* v) {
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  throw std::runtime_error("not a number: " + json::serialize(*v));
}

// One posting's Record: the text fields, then what the source gave in structured
// form, set as From::structured exactly as a source plugin's row would arrive.
Labelled to_labelled(const json::object& p) {
  Labelled l;
  l.id = str(p, "id");
  l.origin = str(p, "origin");
  const json::object& in = p.at("input").as_object();
  ajx::Record& r = l.record;
  r.site = str(in, "site"), r.title = str(in, "title"), r.company = str(in, "company");
  r.location = str(in, "location"), r.city = str(in, "city"), r.state = str(in, "state");
  r.country = str(in, "country"), r.description = str(in, "description");
  r.job_url = str(in, "job_url"), r.job_url_direct = str(in, "job_url_direct");
  if (in.contains("min_amount") || in.contains("max_amount")) {
    ajx::Salary pay;
    pay.min = number(in.if_contains("min_amount"));
    pay.max = number(in.if_contains("max_amount"));
    pay.interval = str(in, "interval");
    pay.currency = str(in, "currency");
    r.salary.set(pay, ajx::From::structured);
    l.structured.insert("salary");
  }
  if (in.contains("job_type")) {
    r.job_type.set(str(in, "job_type"), ajx::From::structured);
    l.structured.insert("job_type");
  }
  if (in.contains("work_arrangement")) {
    r.arrangement.set(str(in, "work_arrangement"), ajx::From::structured);
    l.structured.insert("arrangement");
  }
  if (in.contains("job_level")) {
    r.level.set(str(in, "job_level"), ajx::From::structured);
    l.structured.insert("level");
  }
  l.expected = p.at("expected").as_object();
  return l;
}

std::vector<Labelled> load_set(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string(path) + ": cannot open (see tests/fixtures/labelled/README.md)");
  std::vector<Labelled> set;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    try {
      set.push_back(to_labelled(json::parse(line).as_object()));
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string(path) + ":" + std::to_string(n) + ": " + e.what());
    }
  }
  return set;
}

// Every posting has an id (unique), a title and every label; returns the number of real ones.
int check_well_formed(const std::vector<Labelled>& set) {
  std::set<std::string> ids;
  int real = 0;
  for (const Labelled& l : set) {
    EXPECT_TRUE(ids.insert(l.id).second) << "id used twice: " << l.id;
    EXPECT_FALSE(l.id.empty()) << "a posting without id";
    EXPECT_FALSE(l.record.title.empty()) << l.id;
    for (const char* key : {"salary", "arrangement", "level", "min_years", "job_type", "skills", "ats", "french",
                            "education", "language"})
      EXPECT_TRUE(l.expected.contains(key)) << l.id << " has no expected " << key;
    if (l.origin.rfind("real: ", 0) == 0) ++real;
  }
  return real;
}

// ---- comparing one field ------------------------------------------------------

std::string show_amount(const std::optional<double>& v) {
  if (!v) return "-";
  std::ostringstream s;
  s << *v;
  return s.str();
}

std::string show(const ajx::Value<ajx::Salary>& v) {
  if (!v.has()) return "null";
  return show_amount(v.value.min) + ".." + show_amount(v.value.max) + " " + v.value.currency + " " + v.value.interval;
}

std::string show_expected_salary(const json::value& e) {
  if (e.is_null()) return "null";
  const json::object& o = e.as_object();
  return show_amount(number(o.if_contains("min"))) + ".." + show_amount(number(o.if_contains("max"))) + " " +
         str(o, "currency") + " " + str(o, "interval");
}

bool same_amount(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || std::fabs(*a - *b) < 0.005;
}

// min, max, interval and currency all right; a null label needs no salary found.
bool salary_right(const json::value& e, const ajx::Value<ajx::Salary>& got) {
  if (e.is_null()) return !got.has();
  if (!got.has()) return false;
  const json::object& o = e.as_object();
  return same_amount(number(o.if_contains("min")), got.value.min) &&
         same_amount(number(o.if_contains("max")), got.value.max) && str(o, "interval") == got.value.interval &&
         str(o, "currency") == got.value.currency;
}

// A text field: a null label means nothing found ("" counts as nothing).
std::string got_text(const ajx::Value<std::string>& v) { return v.has() && !v.value.empty() ? v.value : "null"; }
std::string expected_text(const json::value& e) { return e.is_null() ? "null" : std::string(e.as_string()); }

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return "[" + out + "]";
}

// ---- the tally ----------------------------------------------------------------

struct Tally {
  int right = 0, total = 0;
  double accuracy() const { return total ? static_cast<double>(right) / total : 0; }
};

struct Miss {
  std::string id, field, expected, got;
};

struct Results {
  std::map<std::string, Tally> fields;
  int skills_tp = 0, skills_fp = 0, skills_fn = 0;
  Tally french_required;  // required vs not, the yes/no question
  std::vector<Miss> misses;
  std::vector<std::string> structured_lost;  // structured inputs the extractor changed

  double precision() const { return skills_tp + skills_fp ? double(skills_tp) / (skills_tp + skills_fp) : 0; }
  double recall() const { return skills_tp + skills_fn ? double(skills_tp) / (skills_tp + skills_fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

void count(Results& res, const std::string& id, const std::string& field, bool right, std::string expected,
           std::string got) {
  Tally& t = res.fields[field];
  ++t.total;
  if (right) {
    ++t.right;
  } else {
    res.misses.push_back({id, field, std::move(expected), std::move(got)});
  }
}

void check_text(Results& res, const Labelled& l, const char* field, const ajx::Value<std::string>& got) {
  std::string e = expected_text(l.expected.at(field)), g = got_text(got);
  count(res, l.id, field, e == g, e, g);
}

Results evaluate(std::vector<Labelled>& set, const ajx::Taxonomy& taxonomy) {
  Results res;
  for (Labelled& l : set) {
    ajx::Record& r = l.record;
    ajx::extract(r, taxonomy);
    const json::object& e = l.expected;

    count(res, l.id, "salary", salary_right(e.at("salary"), r.salary), show_expected_salary(e.at("salary")),
          show(r.salary));
    check_text(res, l, "arrangement", r.arrangement);
    check_text(res, l, "level", r.level);
    check_text(res, l, "job_type", r.job_type);
    check_text(res, l, "ats", r.ats);
    check_text(res, l, "french", r.french);
    check_text(res, l, "education", r.education);
    if (!e.at("language").is_null()) check_text(res, l, "language", r.language);  // null: neither English nor French

    const json::value& years = e.at("min_years");
    std::string ey = years.is_null() ? "null" : std::to_string(years.as_int64());
    std::string gy = r.min_years.has() ? std::to_string(r.min_years.value) : "null";
    count(res, l.id, "min_years", ey == gy, ey, gy);

    bool want_required = expected_text(e.at("french")) == "required";
    bool got_required = got_text(r.french) == "required";
    ++res.french_required.total;
    if (want_required == got_required) ++res.french_required.right;

    std::set<std::string> want, got;
    for (const auto& s : e.at("skills").as_array()) want.insert(std::string(s.as_string()));
    if (r.skills.has()) got.insert(r.skills.value.begin(), r.skills.value.end());
    std::set<std::string> missing, extra;
    for (const auto& s : want) {
      if (got.count(s)) {
        ++res.skills_tp;
      } else {
        missing.insert(s);
        ++res.skills_fn;
      }
    }
    for (const auto& s : got) {
      if (!want.count(s)) {
        extra.insert(s);
        ++res.skills_fp;
      }
    }
    if (!missing.empty() || !extra.empty())
      res.misses.push_back({l.id, "skills", "missing " + join(missing), "extra " + join(extra)});

    // Values a source gave are kept, with their origin.
    auto kept = [&](const char* field, ajx::From from) {
      if (l.structured.count(field) && from != ajx::From::structured)
        res.structured_lost.push_back(l.id + " " + field);
    };
    kept("salary", r.salary.from);
    kept("job_type", r.job_type.from);
    kept("arrangement", r.arrangement.from);
    kept("level", r.level.from);
  }
  return res;
}

// Thresholds from issue 6 ("What it must show"); fields without one are printed only.
const std::map<std::string, double> kThresholds = {
    {"salary", 0.95}, {"arrangement", 0.95}, {"level", 0.90}, {"job_type", 0.95}, {"ats", 0.98}, {"french", 0.97},
};
constexpr double kSkillsF1 = 0.85;
const char* const kFieldOrder[] = {"salary", "arrangement", "level", "job_type", "ats",
                                   "french", "min_years", "education", "language"};

// with_thresholds: the development set shows issue 6's targets (and FAIL marks);
// the hold-out shows none, as it is printed, never judged.
void print(const Results& res, std::size_t postings, const char* path, bool with_thresholds) {
  std::printf("\n%s: %zu postings (%s)\n\n", with_thresholds ? "Labelled set" : "Hold-out set", postings, path);
  std::printf("%-12s %6s %6s %9s %10s\n", "field", "right", "total", "accuracy", "threshold");
  for (const char* field : kFieldOrder) {
    auto it = res.fields.find(field);
    if (it == res.fields.end()) continue;
    const Tally& t = it->second;
    auto th = kThresholds.find(field);
    char target[32] = "-";
    if (with_thresholds && th != kThresholds.end())
      std::snprintf(target, sizeof target, "%.0f%%%s", th->second * 100, t.accuracy() < th->second ? " FAIL" : "");
    std::printf("%-12s %6d %6d %8.1f%% %10s\n", field, t.right, t.total, t.accuracy() * 100, target);
  }
  std::printf("%-12s %6d %6d %8.1f%% %10s  (required vs not)\n", "french-req", res.french_required.right,
              res.french_required.total, res.french_required.accuracy() * 100, "-");
  std::printf("\nskills: %d right, %d extra, %d missing: precision %.3f, recall %.3f, F1 %.3f", res.skills_tp,
              res.skills_fp, res.skills_fn, res.precision(), res.recall(), res.f1());
  if (with_thresholds)
    std::printf(" (threshold %.2f%s)", kSkillsF1, res.f1() < kSkillsF1 ? " FAIL" : "");
  std::printf("\n");
  if (!res.structured_lost.empty()) {
    std::printf("structured values not kept (%zu):", res.structured_lost.size());
    for (const auto& s : res.structured_lost) std::printf(" %s;", s.c_str());
    std::printf("\n");
  }

  std::printf("\nMisses (%zu):\n", res.misses.size());
  std::map<std::string, std::vector<const Miss*>> by_field;
  for (const Miss& m : res.misses) by_field[m.field].push_back(&m);
  for (const char* field : kFieldOrder) {
    for (const Miss* m : by_field[field])
      std::printf("  %-24s %-12s expected %-28s got %s\n", m->id.c_str(), field, m->expected.c_str(),
                  m->got.c_str());
  }
  for (const Miss* m : by_field["skills"])
    std::printf("  %-24s %-12s %s; %s\n", m->id.c_str(), "skills", m->expected.c_str(), m->got.c_str());
  std::fflush(stdout);
}

}  // namespace

TEST(LabelledSet, IsLargeAndWellFormed) {
  std::vector<Labelled> set = load_set(kSetPath);
  EXPECT_GE(set.size(), 150u) << "issue 6 asks for at least 150 labelled postings";
  EXPECT_GT(check_well_formed(set), 0) << "the real postings from ../shared/realdata belong in the set";
}

TEST(LabelledSet, AccuracyPerField) {
  std::vector<Labelled> set = load_set(kSetPath);
  ajx::Taxonomy taxonomy = ajx::Taxonomy::load(kSkillsPath);
  Results res = evaluate(set, taxonomy);
  print(res, set.size(), kSetPath, true);

  for (const auto& [field, threshold] : kThresholds)
    EXPECT_GE(res.fields[field].accuracy(), threshold)
        << field << ": " << res.fields[field].right << " of " << res.fields[field].total << " right";
  EXPECT_GE(res.f1(), kSkillsF1) << "skills F1 (precision " << res.precision() << ", recall " << res.recall() << ")";
  EXPECT_TRUE(res.structured_lost.empty()) << "structured values not kept: " << res.structured_lost.size()
                                           << ", first: " << (res.structured_lost.empty() ? "" : res.structured_lost[0]);
}

// The hold-out: loaded, checked for form and scored like the set above, then only
// printed. It fails when the file is missing or malformed, never on accuracy.
TEST(LabelledHoldout, AccuracyPrintedOnly) {
  std::vector<Labelled> set;
  ASSERT_NO_THROW(set = load_set(kHoldoutPath));
  ASSERT_FALSE(set.empty()) << kHoldoutPath << " has no postings";
  check_well_formed(set);
  ASSERT_FALSE(HasFailure()) << kHoldoutPath << " is malformed";
  ajx::Taxonomy taxonomy = ajx::Taxonomy::load(kSkillsPath);
  Results res;
  ASSERT_NO_THROW(res = evaluate(set, taxonomy)) << kHoldoutPath << ": a label has the wrong type";
  print(res, set.size(), kHoldoutPath, false);
}
