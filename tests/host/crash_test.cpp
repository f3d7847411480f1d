// Crash safety: runs SIGKILLed in the middle, several times, then re-run, end
// with exactly the rows of an uninterrupted run; statuses and notes written
// between the kills survive; the database passes its check. Two runs are
// killed: a large import (at chosen commits) and a web run through every
// stage, on bench/run-all's generated board (at random employer pages).
#include "serve.hpp"
#include "test_util.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>

namespace fs = std::filesystem;
using aj::test::run_ajhost;
using aj::test::TempDir;

namespace {

constexpr int kRows = 20000;

std::string make_csv() {
  std::string s = "id,site,job_url,title,company,location,min_amount,max_amount,interval,currency,is_remote,description\n";
  for (int i = 0; i < kRows; ++i) {
    std::string n = std::to_string(i);
    s += "in-" + n + ",indeed,https://ca.indeed.com/viewjob?jk=" + n + ",Software Developer " + n + ",Company " +
         std::to_string(i % 97) + ",\"Toronto, ON, Canada\"," + std::to_string(70000 + i % 50 * 1000) + "," +
         std::to_string(90000 + i % 50 * 1000) + ",yearly,CAD," + (i % 3 ? "False" : "True") +
         ",\"Build and run services in C++ and Python. Posting " + n + " of a generated board, with \"\"quotes\"\", "
         "commas, and a second line.\nWe value tests.\"\n";
  }
  return s;
}

// Starts ajhost with its output thrown away, or its stderr into `err_pipe`
// when given; the caller waits.
pid_t spawn_ajhost(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                   const int* err_pipe = nullptr) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    dup2(err_pipe ? err_pipe[1] : devnull, STDERR_FILENO);
    if (err_pipe) close(err_pipe[0]), close(err_pipe[1]);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(AJHOST)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Starts ajhost, waits until it has committed `commits` batches (it says so at
// debug level), then SIGKILLs it. Returns false if it finished first.
bool run_and_kill_after(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                        int commits) {
  int err_pipe[2];
  if (pipe(err_pipe) != 0) return false;
  pid_t pid = spawn_ajhost(args, env, err_pipe);
  close(err_pipe[1]);
  std::string buffer;
  int seen = 0;
  char chunk[4096];
  bool killed = false;
  while (!killed) {
    ssize_t n = read(err_pipe[0], chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t pos;
    while ((pos = buffer.find('\n')) != std::string::npos) {
      if (buffer.substr(0, pos).find("store: committed") != std::string::npos) ++seen;
      buffer.erase(0, pos + 1);
      if (seen >= commits) {
        kill(pid, SIGKILL);
        killed = true;
        break;
      }
    }
  }
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// Every stored job by key, without what legitimately differs between runs.
std::map<std::string, std::string> stable_rows(const std::string& db, std::vector<const char*> also_volatile = {}) {
  auto r = run_ajhost({"jobs", "export", "--format", "jsonl", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> rows;
  for (const auto& line : aj::test::lines(r.out)) {
    auto v = boost::json::parse(line).as_object();
    std::string key(v.at("job_key").as_string().c_str());
    for (const char* volatile_field : {"job_id", "first_seen", "last_seen", "seen_count", "status", "notes"})
      v.erase(volatile_field);
    for (const char* volatile_field : also_volatile) v.erase(volatile_field);
    EXPECT_TRUE(rows.emplace(key, boost::json::serialize(v)).second) << "duplicate key " << key;
  }
  return rows;
}

std::string integrity(const std::string& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string result = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
  sqlite3_finalize(st);
  sqlite3_close(h);
  return result;
}

bool killed_by_sigkill(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// The child gets the same isolated settings run_ajhost() gives.
std::map<std::string, std::string> child_env(std::map<std::string, std::string> env) {
  env.insert({{"XDG_CONFIG_HOME", "/nonexistent-ajtest-config"}, {"AJ_CONFIG", ""}, {"AJ_PLUGIN_PATH", ""},
              {"AJ_PROFILE", AJ_SOURCE_DIR "/config/profile.example.yaml"}});
  return env;
}

// A person marks the first stored job between two kills; "" when none is stored yet.
std::string mark_first_job(const std::string& db) {
  auto first = run_ajhost({"jobs", "list", "--sort", "job_id", "--ascending", "--limit", "1", "--format", "json",
                           "--db", db});
  auto list = boost::json::parse(first.out).as_array();
  if (list.empty()) return "";
  std::string key = list.at(0).as_object().at("job_key").as_string().c_str();
  auto set = run_ajhost({"jobs", "set-status", key, "applied", "--note", "phoned them", "--db", db});
  EXPECT_EQ(set.exit_code, 0) << set.err;
  return key;
}

void expect_marked(const std::string& db, const std::string& key) {
  auto show = run_ajhost({"jobs", "show", key, "--db", db, "--format", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto job = boost::json::parse(show.out).as_object();
  EXPECT_EQ(job.at("status").as_string(), "applied");
  EXPECT_EQ(job.at("notes").as_string(), "phoned them");
}

// The rows after the kills are the rows of the uninterrupted run; the first
// differences are shown field by field.
void expect_same_rows(const std::map<std::string, std::string>& expected,
                      const std::map<std::string, std::string>& got) {
  EXPECT_EQ(got.size(), expected.size());
  int shown = 0;
  for (const auto& [key, row] : expected) {
    auto it = got.find(key);
    if (it != got.end() && it->second == row) continue;
    if (++shown > 3) break;
    if (it == got.end()) {
      ADD_FAILURE() << "row " << key << " is missing after the kills";
      continue;
    }
    std::string fields;
    auto want = boost::json::parse(row).as_object(), have = boost::json::parse(it->second).as_object();
    for (const auto& kv : want)
      if (!have.contains(kv.key()) || have.at(kv.key()) != kv.value())
        fields += "\n  " + std::string(kv.key()) + ": expected " + boost::json::serialize(kv.value()) + ", got " +
                  (have.contains(kv.key()) ? boost::json::serialize(have.at(kv.key())) : std::string("(none)"));
    ADD_FAILURE() << "row " << key << " differs from an uninterrupted run:" << fields;
  }
}

int64_t count_rows(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr);
  int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

}  // namespace

TEST(CrashSafety, KilledImportsResumeToTheSameRows) {
  TempDir dir;
  std::string csv = dir / "big.csv";
  aj::test::write_file(csv, make_csv());
  const std::string pipeline = std::string(AJ_SOURCE_DIR) + "/pipelines/import.yaml";
  const std::map<std::string, std::string> env = {{"AJ_IMPORT", csv}};
  auto args = [&](const std::string& db) {
    return std::vector<std::string>{"--log-level", "debug", "run", pipeline, "--db", db, "--no-progress"};
  };

  std::string reference = dir / "reference.db";
  ASSERT_EQ(run_ajhost(args(reference), env).exit_code, 0);

  std::string db = dir / "killed.db";
  int kills = 0, partial = 0;
  std::string marked;  // the job a person marks between kills
  for (int commits : {1, 4, 9}) {
    if (run_and_kill_after(args(db), child_env(env), commits)) ++kills;
    EXPECT_EQ(integrity(db), "ok") << "after kill at commit " << commits;
    std::size_t stored = stable_rows(db).size();
    if (stored > 0 && stored < static_cast<std::size_t>(kRows)) ++partial;
    if (marked.empty() && stored > 0) marked = mark_first_job(db);
  }
  // A loaded machine may let a run finish before the kill lands; one real
  // kill in the middle is what this test needs, and it says how many it got.
  ASSERT_GE(partial, 1) << "no kill landed mid-import (" << kills << " kills); make the input larger";
  std::cout << "[ info ] " << kills << " kills, " << partial << " left a partial import\n";

  auto final_run = run_ajhost(args(db), env);
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  EXPECT_EQ(integrity(db), "ok");

  auto expected = stable_rows(reference);
  EXPECT_EQ(expected.size(), static_cast<std::size_t>(kRows));
  expect_same_rows(expected, stable_rows(db));
  expect_marked(db, marked);
}

// A run through every stage (the linkedin source on the generated board,
// describe, extract, dedup, both scorers, the store), SIGKILLed from the
// fixture web's thread as it answers the k-th employer page, k drawn at random
// each time: anywhere in fetching, enriching, scoring or storing. The seed is
// printed; AJ_CRASH_SEED repeats the draws.
TEST(CrashSafety, KilledWebRunsResumeToTheSameRows) {
  constexpr int kPostings = 400;
  std::atomic<int> served{0}, kill_at{-1};
  std::atomic<pid_t> child{-1};
  aj::test::FixtureWeb pages, search;
  bench_board::Board board;
  board.postings = kPostings;
  board.queries = 2;
  bench_board::serve(board, search, pages, [&] {
    if (++served == kill_at.load() && child.load() > 0) kill(child.load(), SIGKILL);
  });

  TempDir dir;
  auto host = dir.write("host.yaml", "http:\n  retries: 0\n  delay_ms: 0\n  cache_dir: \"\"\n");
  auto pipeline = dir.write("pipeline.yaml", "version: 1\nextends: " AJ_SOURCE_DIR "/pipelines/base/enrichment.yaml\n"
                            "name: crash-web\nsettings: { max_jobs: 0 }\nsearch: { terms: [q0, q1] }\n"
                            "sources:\n  board:\n    use: linkedin\n    workers: 2\n"
                            "    http: { max_per_host: 4, delay_ms: 0 }\n    settings: { base_url: \"" +
                                search.url("") + "\" }\n"
                            "enrichers:\n  describe:\n    workers: 2\n    http: { max_per_host: 8, delay_ms: 0 }\n"
                            "    settings: { parallel: 4 }\n");
  auto args = [&](const std::string& db) {
    return std::vector<std::string>{"--config", host.string(), "run", pipeline.string(), "--db", db, "--no-progress"};
  };

  std::string reference = dir / "reference.db";
  auto ref = run_ajhost(args(reference));
  ASSERT_EQ(ref.exit_code, 0) << ref.err;

  const char* given = std::getenv("AJ_CRASH_SEED");
  const unsigned seed = given ? static_cast<unsigned>(std::strtoul(given, nullptr, 10)) : std::random_device{}();
  std::cout << "[ info ] seed " << seed << " (AJ_CRASH_SEED=" << seed << " repeats these kills)\n";
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> moment(1, kPostings);

  std::string db = dir / "killed.db";
  int partial = 0;
  std::string marked;
  for (int k = 0; k < 4; ++k) {
    served = 0;
    kill_at = moment(rng);
    child = spawn_ajhost(args(db), child_env({}));
    const bool killed = killed_by_sigkill(child.load());
    child = -1;
    SCOPED_TRACE("kill " + std::to_string(k + 1) + " at employer page " + std::to_string(kill_at.load()));
    ASSERT_TRUE(std::filesystem::exists(db));  // ajhost makes it before the first request
    EXPECT_EQ(integrity(db), "ok");
    const int64_t stored = count_rows(db, "SELECT COUNT(*) FROM jobs");
    EXPECT_EQ(count_rows(db, "SELECT COUNT(DISTINCT job_key) FROM jobs"), stored);
    if (killed && stored < kPostings) ++partial;
    std::cout << "[ info ] kill " << k + 1 << " at employer page " << kill_at.load() << ": "
              << (killed ? "killed" : "ended first") << ", " << stored << " stored\n";
    if (marked.empty() && stored > 0) marked = mark_first_job(db);
  }
  // The draws may all fall after the last row was stored; one kill that
  // interrupted storing is what this test needs, and it says how many it got.
  ASSERT_GE(partial, 1) << "no kill landed before the run had stored everything (seed " << seed << ")";

  auto final_run = run_ajhost(args(db));
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  EXPECT_EQ(integrity(db), "ok");
  // Every posting once, each with its description and score, and de-duplicated once.
  EXPECT_EQ(count_rows(db, "SELECT COUNT(*) FROM jobs"), kPostings) << final_run.err;
  EXPECT_EQ(count_rows(db, "SELECT COUNT(*) FROM jobs WHERE description IS NOT NULL AND score IS NOT NULL"), kPostings)
      << final_run.err;
  EXPECT_EQ(count_rows(db, "SELECT COUNT(*) FROM plugin_records WHERE key LIKE 'm/%'"), kPostings);
  // Group ids name a group's first member, which depends on the order the
  // killed runs met the postings in: compared apart, by number of groups.
  expect_same_rows(stable_rows(reference, {"duplicate_group"}), stable_rows(db, {"duplicate_group"}));
  EXPECT_EQ(count_rows(db, "SELECT COUNT(DISTINCT duplicate_group) FROM jobs"),
            count_rows(reference, "SELECT COUNT(DISTINCT duplicate_group) FROM jobs"));
  if (!marked.empty()) expect_marked(db, marked);
}
