// The host-services table exactly as a plugin sees it: through C pointers.
#include "plugin/handles.hpp"

#include <autojobagent/http.h>
#include <gtest/gtest.h>

#include <string>

using namespace aj::host;

namespace {
aj_str s(const char* text) { return aj_str{text, std::char_traits<char>::length(text)}; }
std::string str(aj_str v) { return std::string(v.ptr, v.len); }
}  // namespace

TEST(HostApi, TableDeclaresItsSizeAndVersion) {
  const aj_host_api* api = host_api();
  EXPECT_EQ(api->struct_size, sizeof(aj_host_api));
  EXPECT_EQ(api->abi_major, AJ_ABI_VERSION_MAJOR);
  EXPECT_EQ(api->abi_minor, AJ_ABI_VERSION_MINOR);
  EXPECT_EQ(api->get_service(nullptr, "aj.no-such-service.v1"), nullptr);
  EXPECT_EQ(api->get_service(nullptr, nullptr), nullptr);
  auto* http = static_cast<const aj_http_api_v1*>(api->get_service(nullptr, AJ_HTTP_SERVICE_V1));
  ASSERT_NE(http, nullptr) << "the HTTP module beside the build's lib/ loads";
  EXPECT_EQ(http->struct_size, sizeof(aj_http_api_v1));
  EXPECT_EQ(api->get_service(nullptr, AJ_HTTP_SERVICE_V1), http) << "one table per process";
}

TEST(HostApi, TypedFieldsRefuseTheWrongTypeAndReadOnlyFields) {
  const aj_host_api* api = host_api();
  aj_job* job = api->job_new(nullptr);
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(api->job_set_str(job, AJ_F_TITLE, s("Data Analyst")), AJ_OK);
  EXPECT_EQ(api->job_set_f64(job, AJ_F_TITLE, 1.0), AJ_ERROR) << "title is a string";
  EXPECT_EQ(api->job_set_str(job, AJ_F_MIN_AMOUNT, s("80000")), AJ_ERROR) << "min_amount is a number";
  EXPECT_EQ(api->job_set_str(job, AJ_F_STATUS, s("applied")), AJ_ERROR) << "status belongs to the host";
  EXPECT_EQ(api->job_clear(job, AJ_F_NOTES), AJ_ERROR);
  EXPECT_EQ(api->job_set_str(job, 0, s("x")), AJ_ERROR);
  EXPECT_EQ(api->job_set_str(job, 100000, s("x")), AJ_ERROR) << "a field from a newer SDK";
  EXPECT_EQ(api->job_set_f64(job, AJ_F_MIN_AMOUNT, 80000.0), AJ_OK);
  double d = 0;
  EXPECT_EQ(api->job_get_f64(job, AJ_F_MIN_AMOUNT, &d), 1);
  EXPECT_EQ(d, 80000.0);
  aj_str out{};
  EXPECT_EQ(api->job_get_str(job, AJ_F_MIN_AMOUNT, &out), 0) << "no silent conversion";
  EXPECT_EQ(api->job_get_str(job, AJ_F_TITLE, &out), 1);
  EXPECT_EQ(str(out), "Data Analyst");
  EXPECT_EQ(api->job_list_add(job, AJ_F_TITLE, s("x")), AJ_ERROR) << "title is not a list";
  api->job_free(job);
}

TEST(HostApi, NullHandlesAreRefusedNotDereferenced) {
  const aj_host_api* api = host_api();
  aj_str out{};
  EXPECT_EQ(api->job_get_str(nullptr, AJ_F_TITLE, &out), 0);
  EXPECT_EQ(api->job_set_str(nullptr, AJ_F_TITLE, s("x")), AJ_ERROR);
  EXPECT_EQ(api->job_list_size(nullptr, AJ_F_SKILLS), 0u);
  EXPECT_EQ(api->config_get_str(nullptr, s("k"), &out), 0);
  EXPECT_EQ(api->batch_size(nullptr), 0u);
  EXPECT_EQ(api->batch_get(nullptr, 0), nullptr);
  EXPECT_EQ(api->is_cancelled(nullptr), 0);
  EXPECT_EQ(api->emit(nullptr, nullptr), AJ_ERROR);
  api->set_error(nullptr, s("x"));
  api->report(nullptr, s("k"), s("v"));
  api->log(nullptr, AJ_LOG_DEBUG, s("a log line without a plugin"));
}

TEST(HostApi, ViewsOfOtherExtrasSurviveAddingMore) {
  const aj_host_api* api = host_api();
  aj_job* job = api->job_new(nullptr);
  ASSERT_EQ(api->job_set_extra(job, s("first"), s("short")), AJ_OK);
  aj_str held{};
  ASSERT_EQ(api->job_get_extra(job, s("first"), &held), 1);
  const char* before = held.ptr;
  for (int i = 0; i < 200; ++i) {
    std::string k = "key" + std::to_string(i);
    ASSERT_EQ(api->job_set_extra(job, aj_str{k.data(), k.size()}, s("v")), AJ_OK);
  }
  EXPECT_EQ(held.ptr, before) << "adding other keys must not move this value";
  EXPECT_EQ(str(held), "short");
  EXPECT_EQ(api->job_extra_count(job), 201u);
  aj_str k{}, v{};
  ASSERT_EQ(api->job_extra_at(job, 200, &k, &v), 1);
  EXPECT_EQ(str(k), "key199");
  EXPECT_EQ(api->job_extra_at(job, 201, &k, &v), 0);
  api->job_free(job);
}

TEST(HostApi, ListsGrowInPlace) {
  const aj_host_api* api = host_api();
  aj_job* job = api->job_new(nullptr);
  for (const char* skill : {"C++", "SQL", "Kubernetes"}) ASSERT_EQ(api->job_list_add(job, AJ_F_SKILLS, s(skill)), AJ_OK);
  EXPECT_EQ(api->job_list_size(job, AJ_F_SKILLS), 3u);
  aj_str out{};
  ASSERT_EQ(api->job_list_get(job, AJ_F_SKILLS, 2, &out), 1);
  EXPECT_EQ(str(out), "Kubernetes");
  EXPECT_EQ(api->job_list_get(job, AJ_F_SKILLS, 3, &out), 0);
  api->job_free(job);
}

TEST(HostApi, ConfigReadsTypedValuesDottedPathsAndJson) {
  Diagnostics d;
  auto node = parse_yaml("count: 12\nratio: 0.5\non: yes\nname: \"42\"\nlist: [a, b]\nweights: {title: 30}\n", "t", d);
  ASSERT_TRUE(node);
  aj_config cfg(*node);
  const aj_host_api* api = host_api();
  int64_t i = 0;
  double f = 0;
  int32_t b = 0;
  aj_str out{};
  EXPECT_EQ(api->config_get_i64(&cfg, s("count"), &i), 1);
  EXPECT_EQ(i, 12);
  EXPECT_EQ(api->config_get_f64(&cfg, s("ratio"), &f), 1);
  EXPECT_EQ(api->config_get_bool(&cfg, s("on"), &b), 1);
  EXPECT_EQ(b, 1);
  EXPECT_EQ(api->config_get_i64(&cfg, s("name"), &i), 0) << "a quoted value is a string";
  EXPECT_EQ(api->config_get_i64(&cfg, s("weights.title"), &i), 1);
  EXPECT_EQ(i, 30);
  EXPECT_EQ(api->config_list_size(&cfg, s("list")), 2u);
  EXPECT_EQ(api->config_list_size(&cfg, s("missing")), 0u);
  ASSERT_EQ(api->config_get_json(&cfg, s("weights"), &out), 1);
  EXPECT_EQ(str(out), R"({"title":30})");
  ASSERT_EQ(api->config_get_json(&cfg, s(""), &out), 1);
  EXPECT_EQ(str(out).substr(0, 11), R"({"count":12)");
}

TEST(HostApi, BatchOutcomesAreRecordedPerJob) {
  const aj_host_api* api = host_api();
  aj_job a, b;
  aj_batch batch;
  batch.jobs = {&a, &b};
  batch.outcomes.resize(2);
  api->batch_drop(&batch, 0, s("French posting"));
  api->batch_fail(&batch, 1, AJ_OK, s("no description"));
  api->batch_fail(&batch, 7, AJ_ERROR, s("out of range: ignored"));
  EXPECT_TRUE(batch.outcomes[0].dropped);
  EXPECT_EQ(batch.outcomes[0].reason, "French posting");
  EXPECT_EQ(batch.outcomes[1].status, AJ_ERROR) << "a failure reported as OK still counts as a failure";
  EXPECT_EQ(batch.outcomes[1].reason, "no description");
}
