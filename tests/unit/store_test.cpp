// Unit tests for the SQLite job store: schema and migrations, upsert merging,
// status tracking, listing, runs, read-only opening and a bulk insert.
#include "record/fields.hpp"
#include "record/job_record.hpp"
#include "store/job_store.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace aj::host {
namespace {
namespace fs = std::filesystem;

using aj::test::TempDir;

class StoreTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db_path = (dir.path() / "data" / "jobs.db").string();  // folder created by JobStore
};

JobRecord make_job(const std::string& id, std::optional<double> score = std::nullopt,
                   const std::string& site = "indeed") {
  JobRecord r;
  r.set(AJ_F_SITE, site);
  r.set(AJ_F_ID, id);
  r.set(AJ_F_TITLE, std::string("Engineer ") + id);
  r.set(AJ_F_COMPANY, std::string("Acme"));
  if (score) r.set(AJ_F_SCORE, *score);
  return r;
}

std::vector<const JobRecord*> ptrs(const std::vector<JobRecord>& v) {
  std::vector<const JobRecord*> out;
  for (const auto& r : v) out.push_back(&r);
  return out;
}

std::string query_text(Database& db, const std::string& sql) {
  Statement st(db.handle(), sql);
  if (!st.step()) return "<no row>";
  return st.text(0);
}

int64_t query_int(Database& db, const std::string& sql) {
  Statement st(db.handle(), sql);
  if (!st.step()) return -1;
  return st.i64(0);
}

template <class F>
std::string thrown_message(F&& f) {
  try {
    f();
  } catch (const StoreError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("non-StoreError: ") + e.what();
  }
  return "<nothing thrown>";
}

// ---------------------------------------------------------------- schema ----

TEST_F(StoreTest, FreshFileIsMigratedAndInWalMode) {
  JobStore store(db_path);
  EXPECT_TRUE(fs::exists(db_path));
  EXPECT_EQ(JobStore::schema_version(), static_cast<int>(migrations().size()));
  EXPECT_GE(JobStore::schema_version(), 1);
  EXPECT_EQ(store.current_version(), JobStore::schema_version());
  EXPECT_EQ(query_text(store.database(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store.count(), 0);
  EXPECT_EQ(store.path(), db_path);
}

TEST_F(StoreTest, ReopeningDoesNotRemigrate) {
  { JobStore store(db_path); std::vector<JobRecord> v{make_job("1")}; store.upsert(ptrs(v)); }
  JobStore again(db_path);
  EXPECT_EQ(again.current_version(), JobStore::schema_version());
  EXPECT_EQ(again.count(), 1);
}

TEST_F(StoreTest, EveryFieldHasAColumnOfACompatibleType) {
  JobStore store(db_path);
  std::map<std::string, std::string> columns;  // name -> declared type
  Statement st(store.database().handle(), "PRAGMA table_info(jobs)");
  while (st.step()) columns[st.text(1)] = st.text(2);
  ASSERT_FALSE(columns.empty());
  for (const auto& f : all_fields()) {
    std::string col(f.column);
    auto it = columns.find(col);
    ASSERT_NE(it, columns.end()) << "field " << f.id << " '" << col
                                 << "' has no column in `jobs`: add a migration in host/store/migrations.cpp";
    std::string want;
    switch (f.type) {
      case FieldType::Str:
      case FieldType::List: want = "TEXT"; break;
      case FieldType::I64:
      case FieldType::Bool: want = "INTEGER"; break;
      case FieldType::F64: want = "REAL"; break;
    }
    EXPECT_EQ(it->second, want) << "column '" << col << "' of field " << f.id;
  }
  for (const char* own : {"job_id", "job_key", "seen_count", "extra", "status", "notes", "first_seen", "last_seen"})
    EXPECT_TRUE(columns.count(own)) << own;
}

TEST_F(StoreTest, HistoryAndRunTablesExist) {
  JobStore store(db_path);
  EXPECT_EQ(query_int(store.database(),
                      "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                      "('jobs','job_status_history','runs')"),
            3);
}

// ---------------------------------------------------------------- upsert ----

TEST_F(StoreTest, UpsertInsertsThenMerges) {
  JobStore store(db_path);
  std::vector<JobRecord> jobs{make_job("a"), make_job("b"), make_job("c")};
  auto first = store.upsert(ptrs(jobs));
  ASSERT_EQ(first.size(), 3u);
  for (const auto& r : first) EXPECT_TRUE(r.inserted);
  EXPECT_NE(first[0].job_id, first[1].job_id);
  EXPECT_NE(first[1].job_id, first[2].job_id);
  EXPECT_EQ(store.count(), 3);

  // Pretend the first sighting was long ago, then see the jobs again.
  store.database().exec("UPDATE jobs SET first_seen = '2000-01-01T00:00:00Z', last_seen = '2000-01-01T00:00:00Z'");
  auto second = store.upsert(ptrs(jobs));
  ASSERT_EQ(second.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_FALSE(second[i].inserted);
    EXPECT_EQ(second[i].job_id, first[i].job_id);
  }
  EXPECT_EQ(store.count(), 3);
  auto got = store.get(first[0].job_id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->job_key, "indeed:a");
  EXPECT_EQ(got->seen_count, 2);
  EXPECT_EQ(got->record.str_or_empty(AJ_F_FIRST_SEEN), "2000-01-01T00:00:00Z");
  EXPECT_NE(got->record.str_or_empty(AJ_F_LAST_SEEN), "2000-01-01T00:00:00Z");
  EXPECT_EQ(got->record.str_or_empty(AJ_F_LAST_SEEN).size(), std::string("2026-11-22T17:45:01Z").size());
  EXPECT_TRUE(store.contains("indeed:a"));
  EXPECT_FALSE(store.contains("indeed:zzz"));
  auto by_key = store.find_by_key("indeed:b");
  ASSERT_TRUE(by_key);
  EXPECT_EQ(by_key->job_id, first[1].job_id);
  EXPECT_FALSE(store.find_by_key("nope:1"));
  EXPECT_FALSE(store.get(987654));
}

TEST_F(StoreTest, SameKeyTwiceInOneBatch) {
  JobStore store(db_path);
  std::vector<JobRecord> jobs{make_job("dup"), make_job("dup")};
  auto res = store.upsert(ptrs(jobs));
  ASSERT_EQ(res.size(), 2u);
  EXPECT_TRUE(res[0].inserted);
  EXPECT_FALSE(res[1].inserted);
  EXPECT_EQ(res[0].job_id, res[1].job_id);
  EXPECT_EQ(store.count(), 1);
  EXPECT_EQ(store.get(res[0].job_id)->seen_count, 2);
}

TEST_F(StoreTest, MissingFieldKeepsStoredValueNewValueReplaces) {
  JobStore store(db_path);
  JobRecord full = make_job("x");
  full.set(AJ_F_DESCRIPTION, std::string("long text"));
  full.set(AJ_F_MIN_AMOUNT, 80000.0);
  full.set(AJ_F_IS_REMOTE, true);
  full.set(AJ_F_SKILLS, std::vector<std::string>{"C++"});
  auto id = store.upsert({&full})[0].job_id;

  JobRecord sparse = make_job("x");
  sparse.clear(AJ_F_COMPANY);
  sparse.set(AJ_F_TITLE, std::string("Senior Engineer"));  // new value
  sparse.set(AJ_F_IS_REMOTE, false);                        // false is a value, not "missing"
  store.upsert({&sparse});

  auto got = store.get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->record.str_or_empty(AJ_F_TITLE), "Senior Engineer");
  EXPECT_EQ(got->record.str_or_empty(AJ_F_COMPANY), "Acme");
  EXPECT_EQ(got->record.str_or_empty(AJ_F_DESCRIPTION), "long text");
  EXPECT_DOUBLE_EQ(std::get<double>(got->record.get(AJ_F_MIN_AMOUNT)), 80000.0);
  ASSERT_TRUE(got->record.has(AJ_F_IS_REMOTE));
  EXPECT_FALSE(std::get<bool>(got->record.get(AJ_F_IS_REMOTE)));
  EXPECT_EQ(std::get<std::vector<std::string>>(got->record.get(AJ_F_SKILLS)), std::vector<std::string>{"C++"});
}

TEST_F(StoreTest, ExtrasAreMergedNotReplaced) {
  JobStore store(db_path);
  JobRecord a = make_job("e");
  a.set_extra("source_page", "3");
  a.set_extra("keep", "yes");
  auto id = store.upsert({&a})[0].job_id;

  JobRecord b = make_job("e");
  b.set_extra("source_page", "4");
  b.set_extra("added", "new \"quoted\" value");
  store.upsert({&b});

  JobRecord c = make_job("e");  // no extras at all: nothing is lost
  store.upsert({&c});

  auto got = store.get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->record.extras().size(), 3u);
  ASSERT_NE(got->record.extra("source_page"), nullptr);
  EXPECT_EQ(*got->record.extra("source_page"), "4");
  ASSERT_NE(got->record.extra("keep"), nullptr);
  EXPECT_EQ(*got->record.extra("keep"), "yes");
  ASSERT_NE(got->record.extra("added"), nullptr);
  EXPECT_EQ(*got->record.extra("added"), "new \"quoted\" value");
}

TEST_F(StoreTest, BindingsDoNotLeakBetweenJobsOfABatch) {
  JobStore store(db_path);
  JobRecord rich = make_job("rich", 88.0);
  rich.set(AJ_F_DESCRIPTION, std::string("only on rich"));
  rich.set(AJ_F_VACANCY_COUNT, int64_t{4});
  rich.set_extra("k", "v");
  JobRecord bare;
  bare.set(AJ_F_SITE, std::string("indeed"));
  bare.set(AJ_F_ID, std::string("bare"));
  auto res = store.upsert({&rich, &bare});
  auto got = store.get(res[1].job_id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->record.has(AJ_F_DESCRIPTION));
  EXPECT_FALSE(got->record.has(AJ_F_VACANCY_COUNT));
  EXPECT_FALSE(got->record.has(AJ_F_SCORE));
  EXPECT_FALSE(got->record.has(AJ_F_TITLE));
  EXPECT_TRUE(got->record.extras().empty());
  EXPECT_EQ(got->record.str_or_empty(AJ_F_STATUS), "discovered");
}

TEST_F(StoreTest, EveryFieldTypeRoundTrips) {
  JobStore store(db_path);
  JobRecord r = make_job("rt");
  const std::string unicode = "Montr\xC3\xA9" "al \xE2\x82\xAC \xF0\x9F\x98\x80 \xE6\x97\xA5\xE6\x9C\xAC";
  const std::vector<std::string> skills{"C++", "say \"hi\"", unicode, "back\\slash", "tab\there", "new\nline", ""};
  r.set(AJ_F_DESCRIPTION, std::string("quote \" apostrophe ' nul-free ") + unicode);
  r.set(AJ_F_COMPANY_REVIEWS_COUNT, std::numeric_limits<int64_t>::max());
  r.set(AJ_F_EXPERIENCE_MIN_YEARS, int64_t{-3});
  r.set(AJ_F_VACANCY_COUNT, int64_t{0});
  r.set(AJ_F_MIN_AMOUNT, 72.5);
  r.set(AJ_F_MAX_AMOUNT, 0.1);
  r.set(AJ_F_COMPANY_RATING, 4.25);
  r.set(AJ_F_IS_REMOTE, true);
  r.set(AJ_F_SKILLS, skills);
  r.set(AJ_F_EMAILS, std::vector<std::string>{"jobs@example.com"});
  auto id = store.upsert({&r})[0].job_id;
  auto got = store.get(id);
  ASSERT_TRUE(got);
  const JobRecord& g = got->record;
  EXPECT_EQ(g.str_or_empty(AJ_F_DESCRIPTION), std::string("quote \" apostrophe ' nul-free ") + unicode);
  EXPECT_EQ(std::get<int64_t>(g.get(AJ_F_COMPANY_REVIEWS_COUNT)), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(std::get<int64_t>(g.get(AJ_F_EXPERIENCE_MIN_YEARS)), -3);
  EXPECT_EQ(std::get<int64_t>(g.get(AJ_F_VACANCY_COUNT)), 0);
  EXPECT_EQ(std::get<double>(g.get(AJ_F_MIN_AMOUNT)), 72.5);
  EXPECT_EQ(std::get<double>(g.get(AJ_F_MAX_AMOUNT)), 0.1);
  EXPECT_EQ(std::get<double>(g.get(AJ_F_COMPANY_RATING)), 4.25);
  EXPECT_TRUE(std::get<bool>(g.get(AJ_F_IS_REMOTE)));
  EXPECT_EQ(std::get<std::vector<std::string>>(g.get(AJ_F_SKILLS)), skills);
  EXPECT_EQ(std::get<std::vector<std::string>>(g.get(AJ_F_EMAILS)), std::vector<std::string>{"jobs@example.com"});
  // Every writable field that was not set stays empty.
  for (const auto& f : all_fields()) {
    if (f.writable && !r.has(f.id)) {
      EXPECT_FALSE(g.has(f.id)) << f.column;
    }
  }
  // The stored list is JSON text.
  EXPECT_EQ(query_text(store.database(), "SELECT json_valid(skills) FROM jobs WHERE job_id = " + std::to_string(id)),
            "1");
}

TEST_F(StoreTest, InvalidUtf8DoesNotLoseListsOrExtras) {
  // Regression: a lone surrogate made the stored list invalid JSON, and reading
  // it back dropped the whole list and every extra.
  JobStore store(db_path);
  JobRecord r = make_job("bad-utf8");
  r.set(AJ_F_SKILLS, std::vector<std::string>{"C++", std::string("x\xED\xA0\x80y")});
  r.set_extra("good", "kept");
  r.set_extra("bad", std::string("a\xED\xA0\x80" "b"));
  auto id = store.upsert({&r})[0].job_id;
  auto got = store.get(id);
  ASSERT_TRUE(got);
  auto skills = std::get_if<std::vector<std::string>>(&got->record.get(AJ_F_SKILLS));
  ASSERT_NE(skills, nullptr);
  EXPECT_EQ(skills->size(), 2u);  // comes back empty today
  EXPECT_NE(got->record.extra("good"), nullptr);  // lost today
}

// ---------------------------------------------------------------- status ----

TEST_F(StoreTest, ScoreDecidesInitialStatus) {
  JobStore store(db_path);
  std::vector<JobRecord> jobs{make_job("s", 75.0), make_job("d")};
  auto res = store.upsert(ptrs(jobs));
  EXPECT_EQ(store.get(res[0].job_id)->record.str_or_empty(AJ_F_STATUS), "scored");
  EXPECT_EQ(store.get(res[1].job_id)->record.str_or_empty(AJ_F_STATUS), "discovered");
  // A later sighting with a score moves discovered -> scored.
  JobRecord scored_later = make_job("d", 50.0);
  store.upsert({&scored_later});
  EXPECT_EQ(store.get(res[1].job_id)->record.str_or_empty(AJ_F_STATUS), "scored");
}

TEST_F(StoreTest, SetStatusRecordsHistoryAndAppendsNotes) {
  JobStore store(db_path);
  JobRecord r = make_job("st", 80.0);
  auto id = store.upsert({&r})[0].job_id;
  store.set_status(id, "applying", "opened the form", "hybrid");
  store.set_status(id, "applied", "submitted", "alice");
  store.set_status(id, "interview", "", "alice");  // empty note: notes unchanged

  auto got = store.get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->record.str_or_empty(AJ_F_STATUS), "interview");
  EXPECT_EQ(got->record.str_or_empty(AJ_F_NOTES), "opened the form\nsubmitted");

  auto h = store.history(id);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].from_status, "scored");
  EXPECT_EQ(h[0].to_status, "applying");
  EXPECT_EQ(h[0].note, "opened the form");
  EXPECT_EQ(h[0].by, "hybrid");
  EXPECT_FALSE(h[0].at.empty());
  EXPECT_EQ(h[1].from_status, "applying");
  EXPECT_EQ(h[1].to_status, "applied");
  EXPECT_EQ(h[1].by, "alice");
  EXPECT_EQ(h[2].from_status, "applied");
  EXPECT_EQ(h[2].to_status, "interview");
  EXPECT_EQ(h[2].note, "");
  EXPECT_TRUE(store.history(id + 1000).empty());
}

TEST_F(StoreTest, ReUpsertNeverOverwritesStatusOrNotes) {
  JobStore store(db_path);
  JobRecord r = make_job("keep", 60.0);
  auto id = store.upsert({&r})[0].job_id;
  store.set_status(id, "applied", "sent via Greenhouse", "me");

  // Even a record that carries status/notes (e.g. read back and re-saved) does not win.
  JobRecord again = make_job("keep", 90.0);
  again.set(AJ_F_STATUS, std::string("discovered"));
  again.set(AJ_F_NOTES, std::string("overwritten?"));
  again.set(AJ_F_FIRST_SEEN, std::string("1999-01-01T00:00:00Z"));
  store.upsert({&again});

  auto got = store.get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->record.str_or_empty(AJ_F_STATUS), "applied");
  EXPECT_EQ(got->record.str_or_empty(AJ_F_NOTES), "sent via Greenhouse");
  EXPECT_NE(got->record.str_or_empty(AJ_F_FIRST_SEEN), "1999-01-01T00:00:00Z");
  EXPECT_DOUBLE_EQ(std::get<double>(got->record.get(AJ_F_SCORE)), 90.0);
  EXPECT_EQ(store.history(id).size(), 1u);
}

// The upsert leaves the indexed columns (score, decision, duplicate_group,
// status) of a job seen again alone unless one of them changes: assigning them
// rewrote every index entry of every row on each daily re-run.
TEST_F(StoreTest, ReUpsertRewritesIndexedColumnsOnlyWhenTheyChange) {
  JobStore store(db_path);
  auto rows_changed_by = [&](const JobRecord& r) {
    int64_t before = sqlite3_total_changes64(store.database().handle());
    store.upsert({&r});
    return sqlite3_total_changes64(store.database().handle()) - before;
  };
  auto decided = [&](const char* decision) {
    JobFilter f;
    f.decision = decision;
    return store.list(f).size();
  };
  // Pages the last write put in the WAL (log frames of a checkpoint that cannot run).
  auto pages_written_by = [&](const JobRecord& r) {
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    store.upsert({&r});
    Statement st(store.database().handle(), "PRAGMA wal_checkpoint(NOOP)");
    return st.step() ? st.i64(1) : -1;
  };
  JobRecord r = make_job("ix", 50.0);
  r.set(AJ_F_DECISION, std::string("review"));
  auto id = store.upsert({&r})[0].job_id;
  EXPECT_EQ(rows_changed_by(r), 1) << "the same job again: last_seen and seen_count only";
  EXPECT_EQ(pages_written_by(r), 1) << "the row's page, and no page of the indexes on score, decision and status";

  JobRecord better = make_job("ix", 80.0);
  better.set(AJ_F_DECISION, std::string("apply"));
  EXPECT_EQ(rows_changed_by(better), 2);
  EXPECT_EQ(decided("apply"), 1u);
  EXPECT_EQ(decided("review"), 0u);

  JobRecord sparse = make_job("ix");  // no score, no decision: the stored ones stay
  EXPECT_EQ(rows_changed_by(sparse), 1);
  EXPECT_DOUBLE_EQ(std::get<double>(store.get(id)->record.get(AJ_F_SCORE)), 80.0);

  JobRecord grouped = make_job("ix");
  grouped.set(AJ_F_DUPLICATE_GROUP, std::string("g1"));
  EXPECT_EQ(rows_changed_by(grouped), 2);
  EXPECT_EQ(store.group("g1").size(), 1u);

  JobRecord unscored = make_job("later");
  auto later = store.upsert({&unscored})[0].job_id;
  JobRecord scored = make_job("later", 10.0);
  EXPECT_EQ(rows_changed_by(scored), 2);
  EXPECT_EQ(store.get(later)->record.str_or_empty(AJ_F_STATUS), "scored");
  JobFilter by_status;
  by_status.status = "scored";
  EXPECT_EQ(store.list(by_status).size(), 2u);
  EXPECT_EQ(query_text(store.database(), "PRAGMA integrity_check"), "ok");
}

TEST_F(StoreTest, StatusOnFirstInsertIgnoresRecordStatus) {
  JobStore store(db_path);
  JobRecord r = make_job("ro");
  r.set(AJ_F_STATUS, std::string("offer"));
  r.set(AJ_F_NOTES, std::string("plugin-written"));
  auto id = store.upsert({&r})[0].job_id;
  auto got = store.get(id);
  EXPECT_EQ(got->record.str_or_empty(AJ_F_STATUS), "discovered");
  EXPECT_FALSE(got->record.has(AJ_F_NOTES));
}

TEST_F(StoreTest, UnknownStatusThrowsListingStatuses) {
  JobStore store(db_path);
  JobRecord r = make_job("u");
  auto id = store.upsert({&r})[0].job_id;
  std::string msg = thrown_message([&] { store.set_status(id, "hired", "", "me"); });
  EXPECT_NE(msg.find("unknown status 'hired'"), std::string::npos) << msg;
  for (const auto& s : job_statuses()) EXPECT_NE(msg.find(s), std::string::npos) << s << " missing in: " << msg;
  EXPECT_EQ(store.get(id)->record.str_or_empty(AJ_F_STATUS), "discovered");
  EXPECT_TRUE(store.history(id).empty());

  std::string missing = thrown_message([&] { store.set_status(id + 99, "applied", "", "me"); });
  EXPECT_NE(missing.find("no job with id " + std::to_string(id + 99)), std::string::npos) << missing;
  EXPECT_TRUE(store.history(id + 99).empty());  // the failed change left nothing behind
}

TEST(JobStatuses, LifecycleFromProduct) {
  const auto& s = job_statuses();
  for (const char* want : {"discovered", "scored", "documents_ready", "applying", "applied", "failed", "needs_manual",
                           "interview", "rejected", "offer"})
    EXPECT_NE(std::find(s.begin(), s.end(), want), s.end()) << want;
}

// ------------------------------------------------------------------ list ----

TEST_F(StoreTest, ListFiltersAndSorts) {
  JobStore store(db_path);
  std::vector<JobRecord> jobs;
  auto add = [&](const std::string& id, std::optional<double> score, const char* decision) {
    JobRecord r = make_job(id, score);
    if (decision) r.set(AJ_F_DECISION, std::string(decision));
    jobs.push_back(r);
  };
  add("low", 30.0, "skip");
  add("none", std::nullopt, nullptr);
  add("high", 90.0, "apply");
  add("mid", 60.0, "review");
  add("high2", 75.0, "apply");
  auto res = store.upsert(ptrs(jobs));
  std::map<std::string, int64_t> id_of;
  for (std::size_t i = 0; i < jobs.size(); ++i) id_of[jobs[i].str_or_empty(AJ_F_ID)] = res[i].job_id;

  auto ids = [](const std::vector<StoredJob>& v) {
    std::vector<std::string> out;
    for (const auto& j : v) out.push_back(j.record.str_or_empty(AJ_F_ID));
    return out;
  };

  JobFilter all;
  EXPECT_EQ(ids(store.list(all)), (std::vector<std::string>{"high", "high2", "mid", "low", "none"}));
  JobFilter asc;
  asc.descending = false;
  EXPECT_EQ(ids(store.list(asc)), (std::vector<std::string>{"low", "mid", "high2", "high", "none"}));  // NULL last

  JobFilter apply;
  apply.decision = "apply";
  EXPECT_EQ(ids(store.list(apply)), (std::vector<std::string>{"high", "high2"}));

  store.set_status(id_of["high2"], "applied", "", "me");
  JobFilter scored;
  scored.status = "scored";
  EXPECT_EQ(ids(store.list(scored)), (std::vector<std::string>{"high", "mid", "low"}));
  JobFilter discovered;
  discovered.status = "discovered";
  EXPECT_EQ(ids(store.list(discovered)), (std::vector<std::string>{"none"}));
  JobFilter both;
  both.status = "scored";
  both.decision = "apply";
  EXPECT_EQ(ids(store.list(both)), (std::vector<std::string>{"high"}));

  JobFilter limited;
  limited.limit = 2;
  EXPECT_EQ(ids(store.list(limited)), (std::vector<std::string>{"high", "high2"}));
  JobFilter zero;
  zero.limit = 0;
  EXPECT_TRUE(store.list(zero).empty());

  JobFilter by_id;
  by_id.sort = "job_id";
  by_id.descending = false;
  EXPECT_EQ(ids(store.list(by_id)), (std::vector<std::string>{"low", "none", "high", "mid", "high2"}));

  JobFilter by_title;
  by_title.sort = "title";
  by_title.descending = false;
  EXPECT_EQ(store.list(by_title).front().record.str_or_empty(AJ_F_TITLE), "Engineer high");
}

TEST_F(StoreTest, ListRejectsUnknownSort) {
  JobStore store(db_path);
  JobFilter f;
  f.sort = "score; DROP TABLE jobs";
  std::string msg = thrown_message([&] { store.list(f); });
  EXPECT_NE(msg.find("cannot sort by"), std::string::npos) << msg;
  EXPECT_NE(msg.find("score"), std::string::npos);
  EXPECT_EQ(query_int(store.database(), "SELECT count(*) FROM sqlite_master WHERE name='jobs'"), 1);
}

// ------------------------------------------------------------------ runs ----

TEST_F(StoreTest, RunsAreRecorded) {
  JobStore store(db_path);
  int64_t r1 = store.begin_run("pipelines/fast.yaml", "--max 50");
  int64_t r2 = store.begin_run("pipelines/quality.yaml", "");
  EXPECT_NE(r1, r2);
  store.finish_run(r1, "ok", R"({"jobs":50})");

  auto runs = store.runs(10);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].run_id, r2);  // newest first
  EXPECT_EQ(runs[0].outcome, "running");
  EXPECT_EQ(runs[0].finished_at, "");
  EXPECT_EQ(runs[0].pipeline, "pipelines/quality.yaml");
  EXPECT_EQ(runs[1].run_id, r1);
  EXPECT_EQ(runs[1].outcome, "ok");
  EXPECT_EQ(runs[1].summary_json, R"({"jobs":50})");
  EXPECT_EQ(runs[1].args, "--max 50");
  EXPECT_FALSE(runs[1].started_at.empty());
  EXPECT_FALSE(runs[1].finished_at.empty());
  EXPECT_FALSE(runs[1].hostname.empty());
  EXPECT_EQ(store.runs(1).size(), 1u);
}

// ----------------------------------------------------------- opening ----

TEST_F(StoreTest, OpenReadOnlyMissingFileNamesThePath) {
  std::string missing = (dir.path() / "no" / "such.db").string();
  std::string msg = thrown_message([&] { JobStore::open_read_only(missing); });
  EXPECT_NE(msg.find(missing), std::string::npos) << msg;
  EXPECT_FALSE(fs::exists(missing));  // and nothing was created
}

TEST_F(StoreTest, OpenReadOnlyReadsButDoesNotWrite) {
  JobRecord r = make_job("ro1", 70.0);
  { JobStore store(db_path); store.upsert({&r}); }
  auto ro = JobStore::open_read_only(db_path);
  ASSERT_TRUE(ro);
  EXPECT_EQ(ro->count(), 1);
  EXPECT_EQ(ro->list(JobFilter{}).size(), 1u);
  JobRecord other = make_job("ro2");
  EXPECT_THROW(ro->upsert({&other}), StoreError);
  EXPECT_EQ(ro->count(), 1);
}

TEST_F(StoreTest, NewerSchemaIsRefused) {
  { JobStore store(db_path); store.database().exec("PRAGMA user_version = 999"); }
  std::string rw = thrown_message([&] { JobStore again(db_path); });
  EXPECT_NE(rw.find("upgrade ajhost"), std::string::npos) << rw;
  EXPECT_NE(rw.find("999"), std::string::npos) << rw;
  EXPECT_NE(rw.find(db_path), std::string::npos) << rw;
  std::string ro = thrown_message([&] { JobStore::open_read_only(db_path); });
  EXPECT_NE(ro.find("upgrade ajhost"), std::string::npos) << ro;
}

TEST_F(StoreTest, OlderSchemaIsRefusedReadOnly) {
  // An empty SQLite file has user_version 0: read-only open asks for a migration.
  std::string path = (dir.path() / "raw.db").string();
  { Database raw(path); raw.exec("CREATE TABLE t(x)"); }
  std::string msg = thrown_message([&] { JobStore::open_read_only(path); });
  EXPECT_NE(msg.find("migrate"), std::string::npos) << msg;
}

// ------------------------------------------------------------------ bulk ----

TEST_F(StoreTest, FiveThousandJobsInBatchesOf500) {
  JobStore store(db_path);
  constexpr int kTotal = 5000, kBatch = 500;
  int inserted = 0;
  for (int start = 0; start < kTotal; start += kBatch) {
    std::vector<JobRecord> batch;
    batch.reserve(kBatch);
    for (int i = start; i < start + kBatch; ++i) {
      JobRecord r = make_job("bulk-" + std::to_string(i), (i % 3 == 0) ? std::optional<double>(i % 100) : std::nullopt,
                             i % 2 ? "linkedin" : "indeed");
      r.set(AJ_F_DESCRIPTION, std::string(200, 'x'));
      r.set(AJ_F_SKILLS, std::vector<std::string>{"C++", "SQL"});
      r.set_extra("n", std::to_string(i));
      batch.push_back(std::move(r));
    }
    auto res = store.upsert(ptrs(batch));
    ASSERT_EQ(res.size(), static_cast<std::size_t>(kBatch));
    for (const auto& x : res) inserted += x.inserted ? 1 : 0;
  }
  EXPECT_EQ(inserted, kTotal);
  EXPECT_EQ(store.count(), kTotal);
  EXPECT_EQ(query_text(store.database(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_int(store.database(), "SELECT count(*) FROM jobs WHERE status = 'scored'"), (kTotal + 2) / 3);
  EXPECT_EQ(query_int(store.database(), "SELECT count(DISTINCT job_key) FROM jobs"), kTotal);
}

}  // namespace
}  // namespace aj::host
