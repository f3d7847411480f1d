// The dedup enricher through ajhost: the de-duplication set imported in two runs
// into one database. The second run's copies join the first run's groups
// through the host's storage service, the stored groups are the core's, and a
// re-run stores nothing twice.
#include "dedup.hpp"
#include "job_key.hpp"
#include "source_harness.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace aj::test {
namespace {

std::vector<std::string> set_lines() {
  std::ifstream in(AJ_FIXTURES_DIR "/dedup/postings.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string join(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

std::string pipeline(int workers = 1) {
  return "version: 1\nname: dedup-test\nsources:\n  file:\n    use: import\n    settings: { path: \"${AJ_IMPORT}\" }\n"
         "enrichers:\n  dedup: { use: dedup, workers: " +
         std::to_string(workers) + " }\n";
}

// namespace 'dedup' of plugin_records: key -> value.
std::map<std::string, std::string, std::less<>> records(const std::string& db) {
  std::map<std::string, std::string, std::less<>> out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, "SELECT key, value FROM plugin_records WHERE namespace = 'dedup'", -1, &st, nullptr) ==
        SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        auto blob = [&](int i) {
          return std::string(static_cast<const char*>(sqlite3_column_blob(st, i)), sqlite3_column_bytes(st, i));
        };
        out[blob(0)] = blob(1);
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

std::string extra(const Row& job, const char* key) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.at("extra"), ec);
  if (ec || !v.is_object()) return "";
  const auto* s = v.as_object().if_contains(key);
  return s && s->is_string() ? std::string(s->as_string()) : "";
}

// The core in memory over the same postings, in the same order: group per job key.
std::map<std::string, std::string> groups_in_memory(const std::vector<std::string>& lines, dedup::MemoryKeyValue& kv) {
  dedup::Deduplicator d(kv);
  std::map<std::string, std::string> out;
  for (const std::string& line : lines) {
    boost::json::object o = boost::json::parse(line).as_object();
    auto text = [&](const char* k) {
      const auto* v = o.if_contains(k);
      return v ? std::string(v->as_string()) : std::string();
    };
    dedup::Posting p;
    p.site = text("site");
    p.title = text("title");
    p.company = text("company");
    p.location = text("location");
    p.job_url = text("job_url");
    p.job_url_direct = text("job_url_direct");
    p.requisition_id = text("requisition_id");
    p.date_posted = text("date_posted");
    p.description = text("description");
    // What the import source derives from "City, ST[, Country]".
    std::vector<std::string> parts;
    for (std::string_view rest = p.location;;) {
      std::size_t comma = rest.find(',');
      std::string_view part = rest.substr(0, comma);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      parts.emplace_back(part);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (parts.size() == 2 || parts.size() == 3) {
      p.city = parts[0];
      p.state = parts[1];
      if (parts.size() == 3) p.country = parts[2];
    }
    p.key = dedup::job_key(p.site, text("id"), p.job_url, p.job_url_direct, p.company, p.title, p.location);
    out[p.key] = d.add(p).group;
  }
  return out;
}

class DedupRun : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = dir / "jobs.db";
  std::vector<std::string> lines = set_lines();
  std::size_t half = lines.size() / 2;

  PipelineRun import(const std::string& file, int workers = 1) {
    dir.write("pipeline.yaml", pipeline(workers));
    return run_ajhost_on(dir, {"run", dir / "pipeline.yaml", "--db", db}, db, quick_host_yaml(), {{"AJ_IMPORT", file}});
  }
  // Skips (rather than fails) on a host without the storage service, saying so.
  bool storage_missing(const PipelineRun& run) {
    return run.proc.err.find("no storage service") != std::string::npos;
  }
};

TEST_F(DedupRun, TheSecondRunsCopiesJoinTheFirstRunsGroups) {
  ASSERT_GE(lines.size(), 120u);
  const std::string a = dir.write("a.jsonl", join(lines, 0, half)).string();
  const std::string b = dir.write("b.jsonl", join(lines, half, lines.size())).string();
  auto first = import(a);
  if (storage_missing(first)) GTEST_SKIP() << "this ajhost has no storage service (aj.storage.v1): " << first.explain();
  ASSERT_EQ(first.proc.exit_code, 0) << first.explain();
  ASSERT_EQ(first.jobs.size(), half) << first.explain();
  auto second = import(b);
  ASSERT_EQ(second.proc.exit_code, 0) << second.explain();
  ASSERT_EQ(second.jobs.size(), lines.size()) << second.explain();
  EXPECT_NE(second.proc.err.find("dedup: " + std::to_string(lines.size() - half) + " postings"), std::string::npos)
      << second.explain();

  dedup::MemoryKeyValue kv;
  const auto expected = groups_in_memory(lines, kv);
  std::map<std::string, const Row*> by_key;
  for (const Row& j : second.jobs) by_key[j.at("site") + ":" + j.at("id")] = &j;

  std::size_t joined_across = 0, pairs = 0, together = 0;
  for (const Row& j : second.jobs) {
    const std::string key = j.at("site") + ":" + j.at("id");
    const std::string group = j.at("duplicate_group");
    ASSERT_TRUE(expected.count(key)) << key;
    EXPECT_EQ(group, expected.at(key)) << key << ": the stored group is the core's";
    ASSERT_TRUE(by_key.count(group)) << key << ": the group is named by a stored job's key, " << group;
    if (group != key) {
      EXPECT_EQ(extra(j, "duplicate_of"), group) << key;
      EXPECT_NE(extra(j, "duplicate_reason"), "") << key;
      // A posting of run 2 in a group that run 1 started.
      if (first.job(j.at("id")) == nullptr && first.job(by_key.at(group)->at("id")) != nullptr) ++joined_across;
    }
    if (extra(j, "repost") == "true") {
      EXPECT_NE(extra(j, "repost_of"), "") << key << " is a re-post";
    }
  }
  // The labels: pairs of one labelled group stored in one group.
  for (std::size_t i = 0; i < second.jobs.size(); ++i)
    for (std::size_t k = i + 1; k < second.jobs.size(); ++k)
      if (extra(second.jobs[i], "group") == extra(second.jobs[k], "group")) {
        ++pairs;
        together += second.jobs[i].at("duplicate_group") == second.jobs[k].at("duplicate_group");
      }
  std::printf("through ajhost: %zu postings of run 2 joined groups of run 1; %zu of %zu labelled pairs together\n",
              joined_across, together, pairs);
  EXPECT_GE(joined_across, 20u);
  EXPECT_GE(static_cast<double>(together) / pairs, 0.9);

  // What the plugin stored is exactly what the core keeps in memory for the same postings.
  EXPECT_EQ(records(db), kv.map());
}

TEST_F(DedupRun, ARerunStoresNothingTwice) {
  const std::string a = dir.write("a.jsonl", join(lines, 0, half)).string();
  auto first = import(a);
  if (storage_missing(first)) GTEST_SKIP() << "this ajhost has no storage service (aj.storage.v1): " << first.explain();
  ASSERT_EQ(first.proc.exit_code, 0) << first.explain();
  const auto before = records(db);
  ASSERT_FALSE(before.empty());

  auto again = import(a);  // the same file again: a re-run after a crash, say
  ASSERT_EQ(again.proc.exit_code, 0) << again.explain();
  EXPECT_EQ(again.jobs.size(), first.jobs.size());
  EXPECT_NE(again.proc.err.find(std::to_string(half) + " seen in an earlier run"), std::string::npos)
      << again.explain();
  for (const Row& j : again.jobs) {
    const Row* old = first.job(j.at("id"));
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(j.at("duplicate_group"), old->at("duplicate_group")) << j.at("id");
  }
  EXPECT_EQ(records(db), before);
}

TEST_F(DedupRun, ADescriptionStoredInOneRunIsFoundByTheNext) {
  // Signatures are binary records: they must come back from the database whole.
  boost::json::object ats = boost::json::parse(lines[0]).as_object();
  boost::json::object copy = ats;
  copy["site"] = "glassdoor";
  copy["id"] = "1009999999999";
  copy["job_url"] = "https://www.glassdoor.ca/job-listing/x.htm?jl=1009999999999";
  copy.erase("job_url_direct");
  copy.erase("company");  // no company, no URL in common: only the text links them
  copy["title"] = std::string(ats["title"].as_string()) + " (Team)";
  copy["description"] = "Job description\n" + std::string(ats["description"].as_string());
  const std::string a = dir.write("a.jsonl", boost::json::serialize(ats) + "\n").string();
  const std::string b = dir.write("b.jsonl", boost::json::serialize(copy) + "\n").string();
  auto first = import(a);
  if (storage_missing(first)) GTEST_SKIP() << "this ajhost has no storage service (aj.storage.v1)";
  ASSERT_EQ(first.proc.exit_code, 0) << first.explain();
  auto second = import(b);
  ASSERT_EQ(second.proc.exit_code, 0) << second.explain();
  const Row* original = second.job(std::string(ats["id"].as_string()));
  const Row* found = second.job("1009999999999");
  ASSERT_TRUE(original && found) << second.explain();
  EXPECT_EQ(found->at("duplicate_group"), original->at("duplicate_group"));
  EXPECT_EQ(extra(*found, "duplicate_reason").rfind("near-identical description (", 0), 0u)
      << extra(*found, "duplicate_reason");
}

TEST_F(DedupRun, WarnsWhenGivenMoreThanOneWorker) {
  const std::string a = dir.write("a.jsonl", join(lines, 0, 10)).string();
  auto run = import(a, 2);
  if (storage_missing(run)) GTEST_SKIP() << "this ajhost has no storage service (aj.storage.v1)";
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  EXPECT_NE(run.proc.err.find("more than one worker"), std::string::npos) << run.explain();
  for (const Row& j : run.jobs) EXPECT_NE(j.at("duplicate_group"), "") << j.at("id");
}

}  // namespace
}  // namespace aj::test
