// The storage service (aj.storage.v1) and what backs it: plugins' records wait
// in memory, are read back at once, reach the database only inside the store's
// transactions, survive to the next run, and are kept apart per plugin.
#include "plugin/handles.hpp"
#include "plugin/storage_service.hpp"
#include "record/job_record.hpp"
#include "store/job_store.hpp"
#include "store/plugin_records.hpp"

#include "test_util.hpp"

#include <autojobagent/storage.h>
#include <gtest/gtest.h>

#include <string>

namespace aj::host {
namespace {

using aj::test::TempDir;

aj_str s(const std::string& text) { return aj_str{text.data(), text.size()}; }

void copy_into(void* user, aj_str value) { static_cast<std::string*>(user)->assign(value.ptr, value.len); }

class PluginRecordsTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = (dir.path() / "jobs.db").string();
};

int64_t rows(JobStore& store) {
  Statement st(store.database().handle(), "SELECT count(*) FROM plugin_records");
  st.step();
  return st.i64(0);
}

TEST_F(PluginRecordsTest, APutIsReadBackAtOnceAndReachesTheDatabaseOnlyWithTheStoresTransaction) {
  JobStore store(db);
  PluginRecords records(db);
  records.put("dedup", "k1", "v1");
  EXPECT_EQ(records.get("dedup", "k1"), "v1");
  EXPECT_EQ(rows(store), 0);  // nothing written outside a transaction of the store

  JobRecord job;
  job.set(AJ_F_SITE, std::string("indeed"));
  job.set(AJ_F_ID, std::string("1"));
  uint64_t mark = 0;
  store.upsert({&job}, [&](Database& d) { mark = records.flush_in(d); });
  records.committed(mark);
  EXPECT_EQ(rows(store), 1);
  EXPECT_EQ(records.pending(), 0u);
  EXPECT_EQ(records.get("dedup", "k1"), "v1");  // now from the database
}

TEST_F(PluginRecordsTest, AKeyFoundMissingIsReadBackOnceItIsPutAndCommitted) {
  JobStore store(db);
  PluginRecords records(db);
  EXPECT_FALSE(records.get("dedup", "k"));  // a miss in the database, remembered
  records.put("dedup", "k", "v");
  uint64_t mark = 0;
  store.transact([&](Database& d) { mark = records.flush_in(d); });
  records.committed(mark);
  EXPECT_EQ(records.pending(), 0u);
  EXPECT_EQ(records.get("dedup", "k"), "v");  // from the database now, not the remembered miss
}

TEST_F(PluginRecordsTest, RecordsOutliveTheRunAndNamespacesAreApart) {
  {
    JobStore store(db);
    PluginRecords records(db);
    records.put("dedup", "key", "first");
    records.put("other", "key", "theirs");
    records.put("dedup", "gone", "x");
    uint64_t mark = 0;
    store.transact([&](Database& d) { mark = records.flush_in(d); });
    records.committed(mark);
    records.erase("dedup", "gone");
    EXPECT_FALSE(records.get("dedup", "gone"));  // erased before it is flushed
    store.transact([&](Database& d) { mark = records.flush_in(d); });
    records.committed(mark);
  }
  JobStore store(db);
  PluginRecords next_run(db);
  EXPECT_EQ(next_run.get("dedup", "key"), "first");
  EXPECT_EQ(next_run.get("other", "key"), "theirs");
  EXPECT_FALSE(next_run.get("dedup", "gone"));
  EXPECT_FALSE(next_run.get("dedup", "never"));
}

TEST_F(PluginRecordsTest, AFailedTransactionLosesNoRecordAndAPutDuringTheFlushWins) {
  JobStore store(db);
  PluginRecords records(db);
  records.put("dedup", "k", "old");
  EXPECT_THROW(store.transact([&](Database& d) {
    records.flush_in(d);
    throw StoreError("disk full");
  }),
               StoreError);
  EXPECT_EQ(rows(store), 0);
  EXPECT_EQ(records.get("dedup", "k"), "old");  // still waiting, not lost

  uint64_t mark = 0;
  store.transact([&](Database& d) { mark = records.flush_in(d); });
  records.put("dedup", "k", "new");  // after the flush, before the commit is noted
  records.committed(mark);
  EXPECT_EQ(records.get("dedup", "k"), "new");
  EXPECT_EQ(records.pending(), 1u);
}

TEST_F(PluginRecordsTest, ADryRunReadsTheDatabaseButNeverWritesIt) {
  {
    JobStore store(db);
    PluginRecords records(db);
    records.put("dedup", "k", "stored");
    uint64_t mark = 0;
    store.transact([&](Database& d) { mark = records.flush_in(d); });
    records.committed(mark);
  }
  JobStore store(db);
  PluginRecords dry(db, /*write=*/false);
  EXPECT_EQ(dry.get("dedup", "k"), "stored");
  dry.put("dedup", "k", "dry");
  uint64_t mark = 0;
  store.transact([&](Database& d) { mark = dry.flush_in(d); });
  dry.committed(mark);
  EXPECT_EQ(dry.get("dedup", "k"), "dry");  // visible to the run itself
  PluginRecords after(db);
  EXPECT_EQ(after.get("dedup", "k"), "stored");
}

TEST_F(PluginRecordsTest, TheServiceTableKeepsEachPluginsRecordsApart) {
  JobStore store(db);
  PluginRecords records(db);
  StorageService::instance().attach(&records);
  const auto* api = static_cast<const aj_storage_api_v1*>(host_api()->get_service(nullptr, AJ_STORAGE_SERVICE_V1));
  ASSERT_NE(api, nullptr);
  ASSERT_GE(api->struct_size, sizeof(aj_storage_api_v1));
  aj_host dedup{"dedup", "dedup"}, other{"other", "x"};
  aj_context ctx;
  EXPECT_EQ(api->put(&dedup, &ctx, s("group:1"), s("a\nb")), AJ_OK);
  std::string out;
  EXPECT_EQ(api->get(&dedup, &ctx, s("group:1"), copy_into, &out), 1);
  EXPECT_EQ(out, "a\nb");
  EXPECT_EQ(api->get(&other, &ctx, s("group:1"), copy_into, &out), 0);
  EXPECT_EQ(api->erase(&dedup, &ctx, s("group:1")), AJ_OK);
  EXPECT_EQ(api->get(&dedup, &ctx, s("group:1"), copy_into, &out), 0);

  std::string huge((1 << 20) + 1, 'x');
  EXPECT_EQ(api->put(&dedup, &ctx, s("big"), s(huge)), AJ_ERROR);
  EXPECT_NE(ctx.error.find("1 MiB"), std::string::npos) << ctx.error;
  StorageService::instance().attach(nullptr);
}

}  // namespace
}  // namespace aj::host
