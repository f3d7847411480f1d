// bench/store's driver: COUNT generated jobs through JobStore, the code path
// `ajhost run` stores with, into a new database, then reads as `ajhost jobs
// list` does. Prints one line per figure:
//
//   insert rows N seconds S per_second P cpu_seconds C per_cpu_second Q
//                         the first sighting of every job, in the engine's batches
//   reupsert ...          the same jobs again (a daily re-run)
//   page NAME ms M rows R                     a page of `jobs list`, median of 201 calls
//   text NAME ms M rows R matches K query Q   a full-text search, median of 21 calls
//   size bytes B                              the database file after closing
//
// usage: aj-store-bench [--count N] [--no-text-index] DB POSTINGS_JSONL...
//        aj-store-bench --read DB    (the page, text and size lines, on a database made before)
//
// The jobs are made from real postings (the JSONL files: bench/score's sets): a
// job takes a posting's title (with a level word), company and place, and a ~3 KB
// description of sentences, most from that posting and the rest from any other,
// with about one word in twelve swapped for a word of the whole set (picked by
// its frequency there). So the text has the words, the topics and the word
// frequencies of job postings, and the index the size it would have. Job i is
// made from a seed and i alone: the re-upsert makes the same jobs again, and no
// run holds more than one batch in memory. Only JobStore's calls are timed.
// --no-text-index drops migration 3's triggers first, to show what the index
// costs a write (the insert line only).
#include "store/job_store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace json = boost::json;
using aj::host::JobFilter;
using aj::host::JobRecord;
using aj::host::JobStore;

namespace {

// As the engine's store writer (host/pipeline/engine.cpp) batches its upserts.
constexpr std::size_t kBatch = 512;
constexpr std::uint64_t kSeed = 20261122;

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "aj-store-bench: %s\n", message.c_str());
  std::exit(2);
}

struct Posting {
  std::string title, company, location, city, state, country;
  std::vector<std::vector<std::string>> sentences;  // words
};

struct Corpus {
  std::vector<Posting> postings;
  std::vector<std::string> words;  // every word of every description: a uniform pick is a pick by frequency
};

std::string str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// Sentences end at ". ", "! ", "? " or a line break; words at spaces.
std::vector<std::vector<std::string>> sentences_of(std::string_view text, std::vector<std::string>& all_words) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word)), all_words.push_back(words.back());
    word.clear();
  };
  auto end_sentence = [&] {
    end_word();
    if (words.size() >= 3) out.push_back(std::move(words));
    words.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool stop = (c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ');
    if (c == '\n' || c == '\r' || stop) end_sentence();
    else if (c == ' ' || c == '\t') end_word();
    else word += c;
  }
  end_sentence();
  return out;
}

Corpus load(const std::vector<const char*>& paths) {
  Corpus c;
  for (const char* path : paths) {
    std::ifstream in(path);
    if (!in) fail(std::string(path) + ": cannot open");
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      try {
        const json::value parsed = json::parse(line);
        const json::object& o = parsed.as_object();
        const json::value* input = o.if_contains("input");  // a labelled posting
        const json::object& p = input ? input->as_object() : o;
        Posting posting{str(p, "title"), str(p, "company"), str(p, "location"), str(p, "city"), str(p, "state"),
                        str(p, "country"), sentences_of(str(p, "description"), c.words)};
        if (!posting.title.empty() && !posting.sentences.empty()) c.postings.push_back(std::move(posting));
      } catch (const std::exception& e) {
        fail(std::string(path) + ":" + std::to_string(n) + ": " + e.what());
      }
    }
  }
  if (c.postings.empty()) fail("no posting with a title and a description in the input");
  return c;
}

JobRecord make_job(const Corpus& c, std::uint64_t i) {
  static constexpr const char* kLevel[] = {"", "Senior ", "Junior ", "Intermediate ", "Lead ", "Principal "};
  static constexpr const char* kSite[] = {"indeed", "linkedin", "glassdoor", "eluta", "greenhouse", "lever"};
  std::mt19937_64 rng(kSeed + i * 0x9E3779B97F4A7C15ull);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const Posting& base = c.postings[pick(c.postings.size())];

  std::string description;
  const std::size_t length = 2700 + pick(700);
  while (description.size() < length) {
    const Posting& from = pick(10) < 6 ? base : c.postings[pick(c.postings.size())];
    for (const std::string& w : from.sentences[pick(from.sentences.size())]) {
      description += pick(12) == 0 ? c.words[pick(c.words.size())] : w;
      description += ' ';
    }
    description.back() = '.';
    description += pick(4) == 0 ? "\n" : " ";
  }

  JobRecord r;
  const char* site = kSite[i % std::size(kSite)];
  r.set(AJ_F_SITE, std::string(site));
  r.set(AJ_F_ID, "bench-" + std::to_string(i));
  r.set(AJ_F_JOB_URL, "https://www." + std::string(site) + ".example/jobs/" + std::to_string(i));
  r.set(AJ_F_TITLE, kLevel[pick(std::size(kLevel))] + base.title);
  r.set(AJ_F_COMPANY, base.company);
  r.set(AJ_F_LOCATION, base.location);
  if (!base.city.empty()) r.set(AJ_F_CITY, base.city);
  if (!base.state.empty()) r.set(AJ_F_STATE, base.state);
  if (!base.country.empty()) r.set(AJ_F_COUNTRY, base.country);
  r.set(AJ_F_DATE_POSTED, "2026-" + std::to_string(10 + i % 3) + "-" + std::to_string(10 + i % 19));
  r.set(AJ_F_JOB_TYPE, std::string(i % 5 ? "fulltime" : "contract"));
  const double pay = 50000 + static_cast<double>(pick(90)) * 1000;
  r.set(AJ_F_MIN_AMOUNT, pay), r.set(AJ_F_MAX_AMOUNT, pay + 20000);
  r.set(AJ_F_INTERVAL, std::string("yearly")), r.set(AJ_F_CURRENCY, std::string("CAD"));
  r.set(AJ_F_DESCRIPTION, std::move(description));
  r.set(AJ_F_SKILLS, std::vector<std::string>{c.words[pick(c.words.size())], c.words[pick(c.words.size())]});
  if (pick(10) != 0) {  // one in ten not scored yet: status discovered
    const double score = static_cast<double>(pick(1000)) / 10;
    const std::string decision = score >= 70 ? "apply" : score >= 45 ? "review" : "skip";
    r.set(AJ_F_SCORE, score);
    r.set(AJ_F_DECISION, decision);
    // A breakdown of about the size the rule scorer writes (~0.9 KB here, ~1.1 KB there).
    std::string breakdown = "{\"version\":1,\"total\":" + std::to_string(score) + ",\"decision\":\"" + decision +
                            "\",\"factors\":[";
    for (const char* factor : {"title", "company", "location", "job_type", "salary", "experience", "skills"})
      breakdown += std::string("{\"factor\":\"") + factor + "\",\"stage\":1,\"points\":" + std::to_string(pick(20)) +
                   ",\"max\":20,\"reason\":\"" + factor + " compared with the profile's preferences: " +
                   std::to_string(pick(20)) + "/20\"},";
    breakdown.back() = ']';
    r.set(AJ_F_SCORE_BREAKDOWN, breakdown + "}");
  }
  return r;
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Upserts COUNT jobs in batches and prints the time spent in JobStore::upsert:
// wall clock, and this thread's CPU time (steadier on a busy machine).
void upsert_all(JobStore& store, const Corpus& c, std::uint64_t count, const char* name) {
  double seconds = 0, cpu = 0;
  std::vector<JobRecord> batch;
  std::vector<const JobRecord*> ptrs;
  for (std::uint64_t start = 0; start < count; start += kBatch) {
    batch.clear(), ptrs.clear();
    const std::uint64_t end = std::min<std::uint64_t>(count, start + kBatch);
    for (std::uint64_t i = start; i < end; ++i) batch.push_back(make_job(c, i));
    for (const auto& r : batch) ptrs.push_back(&r);
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    store.upsert(ptrs);
    cpu += cpu_seconds() - c0;
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  const auto rows = static_cast<double>(count);
  std::printf("%s rows %.0f seconds %.3f per_second %.0f cpu_seconds %.3f per_cpu_second %.0f\n", name, rows, seconds,
              rows / seconds, cpu, rows / cpu);
}

// The median of `runs` timings of fn, in ms, after one untimed call (SQLite's page cache).
double median_ms(int runs, const std::function<void()>& fn) {
  fn();
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

void page(JobStore& store, const char* name, const JobFilter& filter) {
  std::size_t rows = 0;
  const double ms = median_ms(201, [&] { rows = store.list(filter).size(); });
  std::printf("page %s ms %.3f rows %zu\n", name, ms, rows);
}

void text(JobStore& store, const char* name, const std::string& query) {
  JobFilter filter;
  filter.text = query;
  filter.limit = 50;
  std::size_t rows = 0;
  const double ms = median_ms(21, [&] { rows = store.list(filter).size(); });
  aj::host::Statement count(store.database().handle(), "SELECT count(*) FROM jobs_text WHERE jobs_text MATCH ?1");
  count.bind(1, aj::host::fts_query(query));
  count.step();
  std::printf("text %s ms %.3f rows %zu matches %lld query %s\n", name, ms, rows,
              static_cast<long long>(count.i64(0)), query.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 100000;
  bool text_index = true, read_only = false;
  std::vector<const char*> args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::strtoull(argv[++i], nullptr, 10);
    else if (std::strcmp(argv[i], "--no-text-index") == 0) text_index = false;
    else if (std::strcmp(argv[i], "--read") == 0) read_only = true;
    else args.push_back(argv[i]);
  }
  if (args.empty() || (!read_only && args.size() < 2) || count == 0) {
    std::fprintf(stderr, "usage: %s [--count N] [--no-text-index] DB POSTINGS_JSONL...\n       %s --read DB\n", argv[0],
                 argv[0]);
    return 2;
  }
  const std::string db = args[0];
  if (!read_only && std::filesystem::exists(db)) fail(db + " exists; the bench writes a new database");

  try {
    if (!read_only) {
      const Corpus corpus = load({args.begin() + 1, args.end()});
      JobStore store(db);
      if (!text_index)
        store.database().exec(
            "DROP TRIGGER jobs_text_insert; DROP TRIGGER jobs_text_update; DROP TRIGGER jobs_text_delete;");
      upsert_all(store, corpus, count, "insert");
      if (store.count() != static_cast<std::int64_t>(count))
        fail("the store holds " + std::to_string(store.count()) + " jobs, not " + std::to_string(count));
      if (!text_index) return 0;
      upsert_all(store, corpus, count, "reupsert");
    }
    // As `ajhost jobs list` reads: a store opened read-only.
    auto store = JobStore::open_read_only(db);
    JobFilter apply;
    apply.decision = "apply";
    apply.limit = 50;
    page(*store, "decision_apply_by_score", apply);
    JobFilter scored;
    scored.status = "scored";
    scored.limit = 50;
    page(*store, "status_scored_by_score", scored);
    text(*store, "two_words", "software developer");
    text(*store, "rare_word", "welder");
    text(*store, "common_word", "experience");
  } catch (const std::exception& e) {
    fail(e.what());
  }
  std::printf("size bytes %llu\n", static_cast<unsigned long long>(std::filesystem::file_size(db)));
  return 0;
}
