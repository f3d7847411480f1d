// Crash safety: a large import SIGKILLed in the middle, several times, then
// re-run, ends with exactly the rows of an uninterrupted run; statuses and
// notes written between the kills survive; the database passes its check.
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

#include <iostream>
#include <map>

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

// Starts ajhost, waits until it has committed `commits` batches (it says so at
// debug level), then SIGKILLs it. Returns false if it finished first.
bool run_and_kill_after(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                        int commits) {
  int err_pipe[2];
  if (pipe(err_pipe) != 0) return false;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(err_pipe[1], STDERR_FILENO);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    close(err_pipe[0]);
    close(err_pipe[1]);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(AJHOST)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
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
std::map<std::string, std::string> stable_rows(const std::string& db) {
  auto r = run_ajhost({"jobs", "export", "--format", "jsonl", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> rows;
  for (const auto& line : aj::test::lines(r.out)) {
    auto v = boost::json::parse(line).as_object();
    std::string key(v.at("job_key").as_string().c_str());
    for (const char* volatile_field : {"job_id", "first_seen", "last_seen", "seen_count", "status", "notes"})
      v.erase(volatile_field);
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
    // The child gets the same isolated settings run_ajhost() gives.
    std::map<std::string, std::string> child_env = env;
    child_env.insert({{"XDG_CONFIG_HOME", "/nonexistent-ajtest-config"}, {"AJ_CONFIG", ""}, {"AJ_PLUGIN_PATH", ""},
                      {"AJ_PROFILE", AJ_SOURCE_DIR "/config/profile.example.yaml"}});
    if (run_and_kill_after(args(db), child_env, commits)) ++kills;
    EXPECT_EQ(integrity(db), "ok") << "after kill at commit " << commits;
    std::size_t stored = stable_rows(db).size();
    if (stored > 0 && stored < static_cast<std::size_t>(kRows)) ++partial;
    if (marked.empty() && stored > 0) {
      auto first = run_ajhost({"jobs", "list", "--sort", "job_id", "--ascending", "--limit", "1", "--format", "json",
                               "--db", db});
      marked = boost::json::parse(first.out).as_array().at(0).as_object().at("job_key").as_string().c_str();
      auto set = run_ajhost({"jobs", "set-status", marked, "applied", "--note", "phoned them", "--db", db});
      ASSERT_EQ(set.exit_code, 0) << set.err;
    }
  }
  // A loaded machine may let a run finish before the kill lands; one real
  // kill in the middle is what this test needs, and it says how many it got.
  ASSERT_GE(partial, 1) << "no kill landed mid-import (" << kills << " kills); make the input larger";
  std::cout << "[ info ] " << kills << " kills, " << partial << " left a partial import\n";

  auto final_run = run_ajhost(args(db), env);
  ASSERT_EQ(final_run.exit_code, 0) << final_run.err;
  EXPECT_EQ(integrity(db), "ok");

  auto expected = stable_rows(reference);
  auto got = stable_rows(db);
  EXPECT_EQ(expected.size(), static_cast<std::size_t>(kRows));
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

  auto show = run_ajhost({"jobs", "show", marked, "--db", db, "--format", "json"});
  auto job = boost::json::parse(show.out).as_object();
  EXPECT_EQ(job.at("status").as_string(), "applied");
  EXPECT_EQ(job.at("notes").as_string(), "phoned them");
}
