// Full-text search in the job store: the person's text as an FTS5 query, accent
// folding, ranking, the index kept in step with the rows by migration 3's
// triggers, hostile queries, and a version-2 database migrated with its rows.
#include "record/job_record.hpp"
#include "store/job_store.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aj::host {
namespace {

using aj::test::TempDir;

class SearchTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db_path = dir / "jobs.db";
  JobStore store{db_path};

  int64_t add(const std::string& id, const std::string& title, const std::string& description,
              std::optional<double> score = std::nullopt, const std::string& decision = "") {
    JobRecord r;
    r.set(AJ_F_SITE, std::string("indeed"));
    r.set(AJ_F_ID, id);
    r.set(AJ_F_TITLE, title);
    r.set(AJ_F_COMPANY, std::string("Acme"));
    if (!description.empty()) r.set(AJ_F_DESCRIPTION, description);
    if (score) r.set(AJ_F_SCORE, *score);
    if (!decision.empty()) r.set(AJ_F_DECISION, decision);
    return store.upsert({&r})[0].job_id;
  }

  std::vector<std::string> find(const std::string& text, JobFilter f = {}) {
    f.text = text;
    std::vector<std::string> ids;
    for (const auto& j : store.list(f)) ids.push_back(j.record.str_or_empty(AJ_F_ID));
    return ids;
  }

  // FTS5's own check, comparing the index with the rows of `jobs` too (rank 1).
  void expect_index_in_step() {
    EXPECT_NO_THROW(store.database().exec("INSERT INTO jobs_text(jobs_text, rank) VALUES ('integrity-check', 1)"));
  }
};

using Ids = std::vector<std::string>;

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const StoreError& e) {
    return e.what();
  }
  return "<nothing thrown>";
}

// ------------------------------------------------------------ the query ----

TEST(FtsQuery, QuotesEveryWordKeepsPhrasesAndPrefixes) {
  EXPECT_EQ(fts_query("data analyst"), R"("data" "analyst")");
  EXPECT_EQ(fts_query("  \"data analyst\"  remote "), R"("data analyst" "remote")");
  EXPECT_EQ(fts_query("analy*"), R"("analy"*)");
  EXPECT_EQ(fts_query("\"data ana\"*"), R"("data ana"*)");
  EXPECT_EQ(fts_query("\"unbalanced"), R"("unbalanced")");
  EXPECT_EQ(fts_query("AND OR NOT"), R"("AND" "OR" "NOT")");
  EXPECT_EQ(fts_query("col:x NEAR(a b)"), R"q("col:x" "NEAR(a" "b)")q");
  EXPECT_EQ(fts_query("C++ a\"b c\"d"), R"("C++" "a" "b c" "d")");
  EXPECT_EQ(fts_query("* data"), R"("data")");
  EXPECT_EQ(fts_query(std::string("\"c\0sql\"\tx", 9)), R"("c sql" "x")");
}

TEST(FtsQuery, TextWithoutAWordIsAnErrorThatSaysWhatToGive) {
  for (const std::string text : {"", "   ", "*", "** *", "\"\"", "\"\"\"", "\" \"*", "\t\n"}) {
    std::string msg = error_of([&] { fts_query(text); });
    EXPECT_NE(msg.find("has no word to look for"), std::string::npos) << "'" << text << "': " << msg;
    EXPECT_NE(msg.find("double quotes"), std::string::npos) << msg;
  }
}

// ------------------------------------------------------------ searching ----

TEST_F(SearchTest, AccentsAreFoldedBothWays) {
  add("1", "Analyste", "Poste basé à Montréal, équipe de développement.");
  add("2", "Analyst", "Office in Montreal, a development team.");
  EXPECT_EQ(find("Montreal").size(), 2u);
  EXPECT_EQ(find("montréal").size(), 2u);
  EXPECT_EQ(find("developpement"), Ids{"1"});
  EXPECT_EQ(find("BASE equipe"), Ids{"1"});
}

TEST_F(SearchTest, TitleHitRanksAboveDescriptionOnlyHitUnlessAnotherSortIsAsked) {
  add("desc", "Engineer", "Works next to the analyst team; the analyst role is separate.", 90.0);
  add("title", "Data Analyst", "Spreadsheets and reports.", 40.0);
  add("none", "Welder", "No match here.", 99.0);
  EXPECT_EQ(find("analyst"), (Ids{"title", "desc"}));
  JobFilter by_score;
  by_score.sort = "score";
  EXPECT_EQ(find("analyst", by_score), (Ids{"desc", "title"}));
  JobFilter worst_first;
  worst_first.descending = false;
  EXPECT_EQ(find("analyst", worst_first), (Ids{"desc", "title"}));
  // A page (a limit) is chosen on the index first, then read: the same order.
  for (JobFilter* f : {&by_score, &worst_first}) f->limit = 1;
  JobFilter best;
  best.limit = 1;
  EXPECT_EQ(find("analyst", best), Ids{"title"});
  EXPECT_EQ(find("analyst", by_score), Ids{"desc"});
  EXPECT_EQ(find("analyst", worst_first), Ids{"desc"});
  best.limit = 5;
  EXPECT_EQ(find("analyst", best), (Ids{"title", "desc"}));
}

TEST_F(SearchTest, WordsAreAllRequiredPhrasesAndPrefixesWork) {
  add("adjacent", "Data Analyst", "");
  add("apart", "Analyst", "Data entry");
  add("other", "Data Engineer", "");
  EXPECT_EQ(find("data analyst").size(), 2u);
  EXPECT_EQ(find("\"data analyst\""), Ids{"adjacent"});
  EXPECT_EQ(find("analy*").size(), 2u);
  EXPECT_EQ(find("engin*"), Ids{"other"});
  EXPECT_TRUE(find("analyst welder").empty());
}

TEST_F(SearchTest, CombinesWithStatusDecisionGroupAndLimit) {
  int64_t a = add("a", "Analyst", "", 80.0, "apply");
  add("b", "Analyst II", "", 70.0, "apply");
  add("c", "Analyst III", "", 60.0, "skip");
  add("d", "Welder", "", 95.0, "apply");
  JobFilter apply;
  apply.decision = "apply";
  EXPECT_EQ(find("analyst", apply).size(), 2u);
  apply.limit = 1;
  EXPECT_EQ(find("analyst", apply).size(), 1u);
  store.set_status(a, "applied", "", "test");
  JobFilter applied;
  applied.status = "applied";
  EXPECT_EQ(find("analyst", applied), Ids{"a"});
  JobFilter group;
  group.group = "nobody";
  EXPECT_TRUE(find("analyst", group).empty());
}

TEST_F(SearchTest, SortingByRankWithoutTextIsAnError) {
  JobFilter f;
  f.sort = "rank";
  std::string msg = error_of([&] { store.list(f); });
  EXPECT_NE(msg.find("needs a search text"), std::string::npos) << msg;
}

TEST_F(SearchTest, HostileQueriesGiveResultsOrAClearError) {
  add("cpp", "C++ Developer", "Modern C++ and SQL; col:x in the notes.");
  add("emoji", "Barista", "Coffee ☕ and smiles 😀");
  const std::vector<std::string> queries = {
      "C++", "\"unbalanced", "AND OR NOT", "col:x", "title:barista", "NEAR(c sql)", "(", ")", "a AND", "^c",
      "-sql", "+", "'", "\\", "a\"b\"c", "😀", "☕ coffee", std::string("c\0sql", 5), "\xff\xfe\x80",
      "**sql**", "\"c++\"*", "{title company}: c", std::string(5000, 'x')};
  for (const auto& q : queries) {
    SCOPED_TRACE(q.substr(0, 40));
    EXPECT_NO_THROW(find(q));
  }
  EXPECT_EQ(find("C++"), Ids{"cpp"});
  EXPECT_EQ(find(std::string("c\0sql", 5)), Ids{"cpp"}) << "FTS5 would read the NUL as the end of the query";
  EXPECT_EQ(find("col:x"), Ids{"cpp"}) << "a phrase of col and x, not a column filter";
  EXPECT_EQ(find("title:barista"), Ids{}) << "the words title and barista, not a column filter";
  EXPECT_EQ(find("☕ coffee"), Ids{"emoji"}) << "a symbol alone is no word: it matches nothing and is ignored";
  std::string msg = error_of([&] { find("*"); });
  EXPECT_NE(msg.find("has no word to look for"), std::string::npos) << msg;
  expect_index_in_step();
}

// --------------------------------------------------- the index in step ----

TEST_F(SearchTest, ChangedDescriptionIsReindexed) {
  add("1", "Operator", "Drives a forklift in the warehouse.");
  EXPECT_EQ(find("forklift"), Ids{"1"});
  add("1", "Operator", "Runs the overhead crane.");
  EXPECT_TRUE(find("forklift").empty());
  EXPECT_EQ(find("crane"), Ids{"1"});
  add("1", "Crane Operator", "");  // no description: the stored one is kept, the title changes
  EXPECT_EQ(find("overhead"), Ids{"1"});
  JobFilter crane;
  crane.text = "crane";
  EXPECT_EQ(store.list(crane).at(0).record.str_or_empty(AJ_F_TITLE), "Crane Operator");
  expect_index_in_step();
}

// The upsert rewrites every row it sees again; the index must only be touched
// when the title, company or description really changed (else a daily re-run
// of 100,000 jobs would tokenize 300 MB again). Any write to an FTS5 index
// changes its shadow table jobs_text_data (a new segment, a new structure record).
TEST_F(SearchTest, ReUpsertWithTheSameTextLeavesTheIndexAlone) {
  auto index_bytes = [&] {
    Statement st(store.database().handle(), "SELECT id, hex(block) FROM jobs_text_data ORDER BY id");
    std::string all;
    while (st.step()) all += st.text(0) + ":" + st.text(1) + ";";
    return all;
  };
  int64_t id = add("1", "Operator", "Forklift.");
  const std::string before = index_bytes();
  add("1", "Operator", "Forklift.", 50.0);  // a new score, the same text
  add("1", "Operator", "");                 // no description: the stored one is kept
  store.set_status(id, "applied", "a note", "test");
  EXPECT_EQ(index_bytes(), before);
  add("1", "Operator", "Crane.");
  EXPECT_NE(index_bytes(), before);
  EXPECT_EQ(find("crane"), Ids{"1"});
  expect_index_in_step();
}

TEST_F(SearchTest, DeletesAndManyUpsertsKeepTheIndexInStep) {
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 200; ++i)
      add(std::to_string(i), "Job " + std::to_string(i % 7),
          i % 3 == round ? "" : "word" + std::to_string((i + round) % 11) + " common text");
  EXPECT_EQ(find("common").size(), 200u);
  store.database().exec("DELETE FROM jobs WHERE job_id % 2 = 0");
  EXPECT_EQ(find("common").size(), 100u);
  EXPECT_EQ(find("job").size(), 100u);
  expect_index_in_step();
}

// The triggers queue what is written to `jobs`; JobStore indexes the queue with
// each batch and when it opens, so rows another program wrote are found too.
TEST_F(SearchTest, RowsWrittenByAnotherProgramAreIndexedWhenAStoreOpens) {
  {
    Database other(db_path);
    other.exec(
        "INSERT INTO jobs (job_key, title, description, first_seen, last_seen) VALUES"
        " ('x:1', 'Glazier', 'Cuts glass', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
        " ('x:2', 'Glazier II', 'Cuts more glass', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "UPDATE jobs SET description = 'Fits windows' WHERE job_key = 'x:1';"
        "DELETE FROM jobs WHERE job_key = 'x:2';");
  }
  EXPECT_TRUE(find("glazier").empty()) << "queued, not yet indexed";
  JobStore reopened(db_path);
  JobFilter f;
  f.text = "glazier windows";
  ASSERT_EQ(reopened.list(f).size(), 1u);
  f.text = "glass";
  EXPECT_TRUE(reopened.list(f).empty());
  EXPECT_NO_THROW(reopened.database().exec("INSERT INTO jobs_text(jobs_text, rank) VALUES ('integrity-check', 1)"));
}

// --------------------------------------------------------- migration 3 ----

TEST(SearchMigration, Version2DatabaseWithRowsGetsItsIndexFilled) {
  TempDir dir;
  std::string path = dir / "v2.db";
  {
    Database raw(path);
    for (int v = 0; v < 2; ++v) raw.exec(migrations()[static_cast<std::size_t>(v)]);
    raw.exec(
        "PRAGMA user_version = 2;"
        "INSERT INTO jobs (job_key, title, company, description, first_seen, last_seen) VALUES"
        " ('indeed:1', 'Développeur', 'Acme', 'Java à Québec', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
        " ('indeed:2', 'Welder', 'Québec Steel', NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
  }
  JobStore store(path);
  EXPECT_EQ(store.current_version(), JobStore::schema_version());
  JobFilter f;
  f.text = "quebec";
  EXPECT_EQ(store.list(f).size(), 2u);
  f.text = "developpeur java";
  ASSERT_EQ(store.list(f).size(), 1u);
  EXPECT_EQ(store.list(f)[0].job_key, "indeed:1");
  EXPECT_NO_THROW(store.database().exec("INSERT INTO jobs_text(jobs_text, rank) VALUES ('integrity-check', 1)"));
}

}  // namespace
}  // namespace aj::host
