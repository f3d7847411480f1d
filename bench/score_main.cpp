// bench/score's driver: stage 1 (rule_scoring) and stages 1+2 (rule_scoring,
// then text_matching) on one thread over enriched postings repeated to COUNT.
// Prints one line per stage: postings, seconds, postings per second, µs per
// posting, and the decision mix of the run. --stage runs one stage only (for
// its peak RSS). With --parts, then one line per part of the per-posting work
// (score, breakdown_json, match, merge) with its µs per posting, to show where
// the time goes (not with --stage 1).
//
// usage: aj-score-bench [--stage 1|1+2] [--parts] PROFILE_YAML SKILLS_YAML SKILL_DF_TSV COUNT POSTINGS_JSONL...
//
// Each posting is what the scorers see after `extract`: a labelled posting
// (a line with "input" and "expected") takes the extractor's expected values, any
// other line (the import format) is run through ajx::extract once, before the
// clock starts. Copy k of a posting changes its title's level word and its pay a
// little, and every copy owns its strings, as the host's jobs do. Per posting,
// the timed loop does what rule_scorer_plugin.cpp and text_scorer_plugin.cpp
// do, minus the ABI: score, tally, write score, decision and breakdown; then
// match, merge into the stage-1 breakdown, and write them again.
#include "breakdown.hpp"
#include "extract/extract.hpp"
#include "rule_scoring.hpp"
#include "text_matching.hpp"

#include <boost/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace json = boost::json;
namespace rs = aj::rule_scoring;
namespace txt = aj::text_matching;

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "aj-score-bench: %s\n", message.c_str());
  std::exit(2);
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(std::string(path) + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- the profile: YAML to the JSON the host hands plugins -------------------

// Unquoted numbers become JSON numbers, every other scalar a string, as the
// host's profile service gives them (common brief: "numbers as numbers").
json::value to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : n) o[kv.first.as<std::string>()] = to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      json::array a;
      for (const auto& item : n) a.push_back(to_json(item));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      const char* end = s.data() + s.size();
      if (n.Tag() != "!") {  // "!" marks a quoted scalar
        std::int64_t i = 0;
        if (auto r = std::from_chars(s.data(), end, i); r.ec == std::errc() && r.ptr == end) return i;
        double d = 0;
        if (auto r = std::from_chars(s.data(), end, d); r.ec == std::errc() && r.ptr == end) return d;
      }
      return json::string(s);
    }
    default:
      return nullptr;
  }
}

std::string profile_json(const char* path) {
  try {
    return json::serialize(to_json(YAML::LoadFile(path)));
  } catch (const YAML::Exception& e) {
    fail(std::string(path) + ": " + e.what());
  }
}

rs::Date today() {  // as rule_scorer_plugin.cpp counts years of work
  const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return {static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
          static_cast<int>(static_cast<unsigned>(d.day()))};
}

// ---- the postings ------------------------------------------------------------

/// One posting's fields as the host holds them after enrichment, and what the scorers write.
struct Job {
  std::string title, company, company_industry, location, city, state, country;
  std::string job_type, work_arrangement, interval, currency, job_level, french, language, description;
  std::optional<bool> is_remote;
  std::optional<double> min_amount, max_amount, annual_min, annual_max;
  std::optional<std::int64_t> experience_min_years;
  std::vector<std::string> skills;

  double score = 0;
  std::string decision, breakdown;
};

std::string str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<double> number(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

// The source's values, as the extract plugin reads them (bench/extract builds the same).
ajx::Record to_record(const json::object& in) {
  ajx::Record r;
  r.site = str(in, "site"), r.title = str(in, "title"), r.company = str(in, "company");
  r.location = str(in, "location"), r.city = str(in, "city"), r.state = str(in, "state");
  r.country = str(in, "country"), r.description = str(in, "description");
  r.job_url = str(in, "job_url"), r.job_url_direct = str(in, "job_url_direct");
  if (number(in, "min_amount") || number(in, "max_amount"))
    r.salary.set({number(in, "min_amount"), number(in, "max_amount"), str(in, "interval"), str(in, "currency")},
                 ajx::From::structured);
  if (!str(in, "job_type").empty()) r.job_type.set(str(in, "job_type"), ajx::From::structured);
  if (!str(in, "work_arrangement").empty()) r.arrangement.set(str(in, "work_arrangement"), ajx::From::structured);
  const json::value* remote = in.if_contains("is_remote");
  if (!r.arrangement.has() && remote && remote->is_bool() && remote->get_bool())
    r.arrangement.set("remote", ajx::From::structured);
  return r;
}

// A labelled posting's expected values are what the extractor writes for it.
void set_expected(ajx::Record& r, const json::object& e) {
  constexpr auto given = ajx::From::structured;
  if (const json::value* s = e.if_contains("salary"); s && s->is_object()) {
    const json::object& o = s->get_object();
    r.salary.set({number(o, "min"), number(o, "max"), str(o, "interval"), str(o, "currency")}, given);
  }
  auto text = [&](ajx::Value<std::string>& v, const char* key) {
    if (std::string s = str(e, key); !s.empty()) v.set(std::move(s), given);
  };
  text(r.arrangement, "arrangement");
  text(r.level, "level");
  text(r.job_type, "job_type");
  text(r.french, "french");
  text(r.language, "language");
  if (auto years = number(e, "min_years")) r.min_years.set(static_cast<int>(*years), given);
  if (const json::value* list = e.if_contains("skills"); list && list->is_array()) {
    std::vector<std::string> names;
    for (const auto& name : list->get_array())
      if (name.is_string()) names.emplace_back(name.get_string());
    r.skills.set(std::move(names), given);
  }
}

// The fields extract_plugin.cpp writes (annual pay included), plus the source's industry and remote flag.
Job to_job(const ajx::Record& r, const json::object& in) {
  Job j;
  j.title = r.title, j.company = r.company, j.company_industry = str(in, "company_industry");
  j.location = r.location, j.city = r.city, j.state = r.state, j.country = r.country;
  j.description = r.description;
  if (r.salary.has()) {
    const ajx::Salary& s = r.salary.value;
    const double factor = ajx::annual_factor(s.interval);
    j.min_amount = s.min, j.max_amount = s.max, j.interval = s.interval, j.currency = s.currency;
    if (s.min) j.annual_min = std::round(*s.min * factor);
    if (s.max) j.annual_max = std::round(*s.max * factor);
  }
  j.work_arrangement = r.arrangement.value;
  if (const json::value* remote = in.if_contains("is_remote"); remote && remote->is_bool())
    j.is_remote = remote->get_bool();
  else if (r.arrangement.has())
    j.is_remote = r.arrangement.value == "remote";
  j.job_level = r.level.value;
  if (r.min_years.has()) j.experience_min_years = r.min_years.value;
  j.job_type = r.job_type.value, j.french = r.french.value, j.language = r.language.value;
  j.skills = r.skills.value;
  return j;
}

void load(const char* path, const ajx::Taxonomy& taxonomy, std::vector<Job>& set) {
  std::ifstream in(path);
  if (!in) fail(std::string(path) + ": cannot open");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    try {
      const json::value parsed = json::parse(line);
      const json::object& o = parsed.as_object();
      const json::value* input = o.if_contains("input");
      const json::object& posting = input ? input->as_object() : o;
      ajx::Record r = to_record(posting);
      if (input)
        set_expected(r, o.at("expected").as_object());
      else
        ajx::extract(r, taxonomy);
      set.push_back(to_job(r, posting));
    } catch (const std::exception& e) {
      fail(std::string(path) + ":" + std::to_string(n) + ": " + e.what());
    }
  }
}

// Copy `copy` of a posting: another level word in front of its title, pay within ±6%.
Job vary(const Job& base, std::size_t copy) {
  static constexpr std::string_view kLevel[] = {"", "Senior ", "Junior ", "Intermediate ", "Lead "};
  Job j = base;
  if (const std::string_view word = kLevel[copy % std::size(kLevel)]; !word.empty()) {
    std::string_view title = j.title;
    for (std::string_view old : kLevel)
      if (!old.empty() && title.starts_with(old)) title.remove_prefix(old.size());
    j.title = std::string(word) + std::string(title);
  }
  const double pay = 1 + 0.02 * (static_cast<double>(copy % 7) - 3);
  for (std::optional<double>* amount : {&j.min_amount, &j.max_amount, &j.annual_min, &j.annual_max})
    if (*amount) **amount = std::round(**amount * pay);
  return j;
}

// ---- the scoring, as the two plugins do it ----------------------------------

rs::Posting view(const Job& j) {
  rs::Posting p;
  p.title = j.title, p.company = j.company, p.company_industry = j.company_industry;
  p.location = j.location, p.city = j.city, p.state = j.state, p.country = j.country;
  p.job_type = j.job_type, p.work_arrangement = j.work_arrangement, p.is_remote = j.is_remote;
  p.min_amount = j.min_amount, p.max_amount = j.max_amount, p.annual_min = j.annual_min, p.annual_max = j.annual_max;
  p.interval = j.interval, p.currency = j.currency, p.job_level = j.job_level;
  if (j.experience_min_years) p.experience_min_years = static_cast<double>(*j.experience_min_years);
  p.french = j.french, p.language = j.language, p.description = j.description;
  return p;
}

struct Stage1 {
  rs::Settings settings;
  rs::Preferences prefs;
};

struct Stage2 {
  std::optional<txt::Matcher> matcher;
  txt::Resume person;
  double weight = 25;  // text_scorer's defaults
  txt::Thresholds thresholds;
};

/// How far the per-posting work goes: the parts are timed as differences.
enum class Upto { score, breakdown, match, merge };

struct Totals {
  rs::Tally tally;
  std::uint64_t matched = 0, left = 0;
  double score_sum = 0;
};

double run(std::vector<Job>& jobs, Upto upto, const Stage1& one, const Stage2& two, Totals& totals) {
  txt::Scratch scratch;  // one worker's buffers, as text_scorer keeps them
  const auto t0 = std::chrono::steady_clock::now();
  for (Job& job : jobs) {
    const rs::Score s = rs::score(view(job), one.prefs, one.settings);
    totals.tally.add(s);
    if (upto == Upto::score) continue;
    job.score = s.total;
    job.decision = s.decision;
    job.breakdown = rs::breakdown_json(s);
    if (upto == Upto::breakdown) continue;

    txt::Posting p;
    p.title = job.title;
    p.description = job.description;
    if (p.description.empty()) p.skills.assign(job.skills.begin(), job.skills.end());
    const txt::Match m = two.matcher->match(two.person, p, scratch);
    if (!m.scored) {
      ++totals.left;
      continue;
    }
    ++totals.matched;
    totals.score_sum += m.score;
    if (upto == Upto::match) continue;
    txt::Scored merged = txt::merge(job.breakdown, m, two.weight, two.thresholds);
    job.score = merged.total;
    job.decision = std::move(merged.decision);
    job.breakdown = std::move(merged.breakdown);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Each timed pass starts from jobs nobody has scored, as a fresh batch does.
void reset(std::vector<Job>& jobs) {
  for (Job& j : jobs) j.score = 0, j.decision = std::string(), j.breakdown = std::string();
}

void report(const char* stage, const std::vector<Job>& jobs, double seconds, const Totals& totals) {
  std::size_t apply = 0, review = 0, skip = 0, checksum = 0;
  for (const Job& j : jobs) {
    apply += j.decision == "apply", review += j.decision == "review", skip += j.decision == "skip";
    checksum += j.breakdown.size();
  }
  const double count = static_cast<double>(jobs.size());
  std::printf("stage %s postings %zu seconds %.4f per_second %.0f us_per_posting %.2f apply %zu review %zu skip %zu "
              "checksum %zu\n",
              stage, jobs.size(), seconds, count / seconds, seconds * 1e6 / count, apply, review, skip, checksum);
  if (std::strcmp(stage, "1") == 0) {
    std::printf("mix 1 %s\n", totals.tally.line().c_str());
  } else {
    std::printf("mix 1+2 %zu scored: %zu apply, %zu review, %zu skip; %llu matched against the skills (average %.2f), "
                "%llu left to stage 1 (no description, no skills)\n",
                jobs.size(), apply, review, skip, static_cast<unsigned long long>(totals.matched),
                totals.matched ? totals.score_sum / static_cast<double>(totals.matched) : 0.0,
                static_cast<unsigned long long>(totals.left));
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool parts = false;
  std::string only;  // "", "1" or "1+2"
  std::vector<const char*> args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--parts") == 0) {
      parts = true;
    } else if (std::strcmp(argv[i], "--stage") == 0 && i + 1 < argc) {
      only = argv[++i];
    } else {
      args.push_back(argv[i]);
    }
  }
  if (args.size() < 5 || (only != "" && only != "1" && only != "1+2")) {
    std::fprintf(stderr,
                 "usage: %s [--stage 1|1+2] [--parts] PROFILE_YAML SKILLS_YAML SKILL_DF_TSV COUNT POSTINGS_JSONL...\n",
                 argv[0]);
    return 2;
  }
  const std::size_t count = std::strtoul(args[3], nullptr, 10);
  const bool with_two = only != "1";

  Stage1 one;
  Stage2 two;
  std::vector<Job> set;
  try {
    const std::string profile = profile_json(args[0]);
    one.settings.places = &aj::geo::Gazetteer::builtin();
    one.prefs = rs::parse_profile(profile, today(), *one.settings.places);
    ajx::Taxonomy taxonomy = ajx::Taxonomy::load(args[1]);
    for (std::size_t i = 4; i < args.size(); ++i) load(args[i], taxonomy, set);
    if (with_two) {
      two.matcher.emplace(std::move(taxonomy), txt::Frequencies::parse(read_file(args[2]), args[2]));
      two.person = two.matcher->resume(profile);
    }
  } catch (const std::exception& e) {
    fail(e.what());
  }
  if (set.empty() || count == 0) fail("nothing to run (" + std::to_string(set.size()) + " postings, count " +
                                      std::to_string(count) + ")");

  std::vector<Job> jobs;
  jobs.reserve(count);
  for (std::size_t i = 0; i < count; ++i) jobs.push_back(vary(set[i % set.size()], i / set.size()));

  // Warm-up: one untimed pass over all of them (caches, branch predictors, and
  // the allocator's pools, so no timed pass pays the first touch of the memory
  // its breakdowns take: that made the first pass ~8% slower than the next).
  {
    Totals totals;
    run(jobs, with_two ? Upto::merge : Upto::breakdown, one, two, totals);
  }

  if (only != "1+2") {
    reset(jobs);
    Totals totals;
    const double seconds = run(jobs, Upto::breakdown, one, two, totals);
    report("1", jobs, seconds, totals);
  }
  if (with_two) {
    reset(jobs);
    Totals totals;
    const double seconds = run(jobs, Upto::merge, one, two, totals);
    report("1+2", jobs, seconds, totals);
  }
  if (parts && with_two) {
    // Each pass does one more part than the one before; a part's cost is the
    // difference, of the fastest of three passes each so that noise from other
    // processes does not swamp the small parts.
    static constexpr std::pair<const char*, Upto> kParts[] = {
        {"score", Upto::score}, {"breakdown_json", Upto::breakdown}, {"match", Upto::match}, {"merge", Upto::merge}};
    double before = 0;
    for (const auto& [name, upto] : kParts) {
      double seconds = 0;
      for (int pass = 0; pass < 3; ++pass) {
        reset(jobs);
        Totals totals;
        const double s = run(jobs, upto, one, two, totals);
        seconds = pass == 0 ? s : std::min(seconds, s);
      }
      std::printf("part %-14s us_per_posting %7.2f\n", name, (seconds - before) * 1e6 / static_cast<double>(count));
      before = seconds;
    }
  }
  return 0;
}
