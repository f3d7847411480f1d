// bench/extract's driver: the rule-based extractor on one thread over the
// labelled set (tests/fixtures/labelled/postings.jsonl) repeated to COUNT
// postings. Prints one line: postings, seconds, postings per second, µs per
// posting and MB of posting text (title + description) per second. With
// --stages, then one line per stage of ajx::extract (Text::of, each finder, the
// taxonomy, ATS detection) with its µs per posting, to show where the time goes.
//
// usage: aj-extract-bench POSTINGS_JSONL SKILLS_YAML [COUNT] [--stages]     (COUNT defaults to 50000)
//
// ajx::extract fills only values not set yet, so every timed Record is a fresh
// copy made before the clock starts; the taxonomy is loaded once, outside it.
#include "extract/extract.hpp"

#include "ajsrc/ats.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace json = boost::json;

namespace {

std::string str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<double> number(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return v->is_double() ? v->get_double() : static_cast<double>(v->as_int64());
}

// The posting's input as a source gives it, structured values included (as the test builds it).
ajx::Record to_record(const json::object& in) {
  ajx::Record r;
  r.site = str(in, "site"), r.title = str(in, "title"), r.company = str(in, "company");
  r.location = str(in, "location"), r.city = str(in, "city"), r.state = str(in, "state");
  r.country = str(in, "country"), r.description = str(in, "description");
  r.job_url = str(in, "job_url"), r.job_url_direct = str(in, "job_url_direct");
  if (in.contains("min_amount") || in.contains("max_amount"))
    r.salary.set({number(in, "min_amount"), number(in, "max_amount"), str(in, "interval"), str(in, "currency")},
                 ajx::From::structured);
  if (in.contains("job_type")) r.job_type.set(str(in, "job_type"), ajx::From::structured);
  if (in.contains("work_arrangement")) r.arrangement.set(str(in, "work_arrangement"), ajx::From::structured);
  if (in.contains("job_level")) r.level.set(str(in, "job_level"), ajx::From::structured);
  return r;
}

std::vector<ajx::Record> load(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "aj-extract-bench: %s: cannot open\n", path);
    std::exit(2);
  }
  std::vector<ajx::Record> set;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    try {
      set.push_back(to_record(json::parse(line).as_object().at("input").as_object()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "aj-extract-bench: %s:%d: %s\n", path, n, e.what());
      std::exit(2);
    }
  }
  return set;
}

// Keeps the compiler from dropping work whose results nobody reads.
std::size_t checksum(const std::vector<ajx::Record>& records) {
  std::size_t sum = 0;
  for (const auto& r : records)
    sum += r.ats.value.size() + r.french.value.size() + (r.skills.has() ? r.skills.value.size() : 0) +
           (r.salary.has() ? 1 : 0);
  return sum;
}

// Each stage of ajx::extract alone, over the set repeated to `count` postings
// (the same calls extractor.cpp makes, on Texts made before the clock starts).
void stages(const std::vector<ajx::Record>& set, const ajx::Taxonomy& taxonomy, std::size_t count) {
  std::vector<ajx::Text> texts;
  for (const auto& r : set) texts.push_back(ajx::Text::of(r.title, r.description));
  std::size_t sink = 0;
  auto time = [&](const char* name, const std::function<std::size_t(std::size_t)>& stage) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count; ++i) sink += stage(i % set.size());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("stage %-12s us_per_posting %7.2f\n", name, seconds * 1e6 / count);
  };
  time("text", [&](std::size_t i) { return ajx::Text::of(set[i].title, set[i].description).words.size(); });
  time("salary", [&](std::size_t i) {
    return ajx::find_salary(texts[i], ajx::looks_canadian(set[i]) ? "CAD" : "USD").has_value() ? 1u : 0u;
  });
  time("min_years", [&](std::size_t i) { return static_cast<std::size_t>(ajx::find_min_years(texts[i]) + 1); });
  time("level", [&](std::size_t i) { return ajx::find_level(texts[i], ajx::find_min_years(texts[i])).size(); });
  time("job_type", [&](std::size_t i) { return ajx::find_job_type(texts[i]).size(); });
  time("education", [&](std::size_t i) { return ajx::find_education(texts[i]).size(); });
  time("arrangement", [&](std::size_t i) { return ajx::find_arrangement(texts[i], set[i].location).size(); });
  time("skills", [&](std::size_t i) { return taxonomy.find(texts[i]).size(); });
  time("language", [&](std::size_t i) { return ajx::find_french(texts[i], ajx::find_language(texts[i])).size(); });
  time("ats", [&](std::size_t i) {
    std::string ats = ajsrc::ats_from_url(set[i].job_url_direct);
    if (ats.empty()) ats = ajsrc::ats_from_url(set[i].job_url);
    return ats.size();
  });
  if (sink == 0) std::fprintf(stderr, "aj-extract-bench: note: the stages found nothing\n");
}

}  // namespace

int main(int argc, char** argv) {
  bool with_stages = false;
  std::vector<const char*> args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--stages") == 0) {
      with_stages = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (args.size() < 2 || args.size() > 3) {
    std::fprintf(stderr, "usage: %s POSTINGS_JSONL SKILLS_YAML [COUNT] [--stages]\n", argv[0]);
    return 2;
  }
  const std::size_t count = args.size() == 3 ? std::strtoul(args[2], nullptr, 10) : 50000;
  const std::vector<ajx::Record> set = load(args[0]);
  if (set.empty() || count == 0) {
    std::fprintf(stderr, "aj-extract-bench: nothing to run (%zu postings, count %zu)\n", set.size(), count);
    return 2;
  }
  ajx::Taxonomy taxonomy;
  try {
    taxonomy = ajx::Taxonomy::load(args[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aj-extract-bench: %s\n", e.what());
    return 2;
  }

  // Warm-up: three passes over the set (caches, branch predictors, allocator pools).
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<ajx::Record> warm = set;
    for (auto& r : warm) ajx::extract(r, taxonomy);
    if (checksum(warm) == 0) std::fprintf(stderr, "aj-extract-bench: note: the extractor found nothing\n");
  }

  std::vector<ajx::Record> records;
  records.reserve(count);
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < count; ++i) {
    records.push_back(set[i % set.size()]);
    bytes += records.back().title.size() + records.back().description.size();
  }

  const auto t0 = std::chrono::steady_clock::now();
  for (auto& r : records) ajx::extract(r, taxonomy);
  const auto t1 = std::chrono::steady_clock::now();

  const double seconds = std::chrono::duration<double>(t1 - t0).count();
  std::printf("postings %zu seconds %.4f per_second %.0f us_per_posting %.2f text_mb_per_second %.1f checksum %zu\n",
              count, seconds, count / seconds, seconds * 1e6 / count, bytes / 1e6 / seconds, checksum(records));
  if (with_stages) stages(set, taxonomy, count);
  return 0;
}
