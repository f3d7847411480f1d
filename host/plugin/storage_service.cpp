#include "plugin/storage_service.hpp"

#include "plugin/handles.hpp"

#include <atomic>
#include <string>
#include <string_view>

namespace aj::host {

namespace {

constexpr std::size_t kMaxValue = 1 << 20;

std::atomic<PluginRecords*> g_run{nullptr};

std::string_view sv(aj_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }

void fail(aj_context* ctx, const std::string& message) {
  if (ctx) ctx->error = message;
}

int32_t storage_get(aj_host* host, aj_context* ctx, aj_str key, aj_storage_sink sink, void* user) noexcept {
  if (!host || !sink) return -1;
  try {
    auto value = StorageService::instance().records().get(host->plugin, sv(key));
    if (!value) return 0;
    sink(user, aj_str{value->data(), value->size()});
    return 1;
  } catch (const std::exception& e) {
    fail(ctx, std::string("storage: ") + e.what());
    return -1;
  }
}

aj_status storage_put(aj_host* host, aj_context* ctx, aj_str key, aj_str value) noexcept {
  if (!host) return AJ_ERROR;
  if (value.len > kMaxValue) {
    fail(ctx, "storage: a value of " + std::to_string(value.len) + " bytes is over the 1 MiB limit; split it");
    return AJ_ERROR;
  }
  try {
    StorageService::instance().records().put(host->plugin, sv(key), sv(value));
    return AJ_OK;
  } catch (const std::exception& e) {
    fail(ctx, std::string("storage: ") + e.what());
    return AJ_ERROR;
  }
}

aj_status storage_erase(aj_host* host, aj_context* ctx, aj_str key) noexcept {
  if (!host) return AJ_ERROR;
  try {
    StorageService::instance().records().erase(host->plugin, sv(key));
    return AJ_OK;
  } catch (const std::exception& e) {
    fail(ctx, std::string("storage: ") + e.what());
    return AJ_ERROR;
  }
}

const aj_storage_api_v1 kTable = {sizeof(aj_storage_api_v1), storage_get, storage_put, storage_erase};

}  // namespace

StorageService::StorageService() : memory_("") {}

StorageService& StorageService::instance() {
  static StorageService service;
  return service;
}

const aj_storage_api_v1* StorageService::table() const { return &kTable; }

void StorageService::attach(PluginRecords* records) { g_run.store(records); }

PluginRecords& StorageService::records() {
  PluginRecords* run = g_run.load();
  return run ? *run : memory_;
}

}  // namespace aj::host
