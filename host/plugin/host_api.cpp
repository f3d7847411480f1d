// The aj_host_api table: the only code a plugin calls in the host. Every entry
// is noexcept in effect: nothing here throws past the C boundary.
#include "plugin/handles.hpp"
#include "plugin/browser_service.hpp"
#include "plugin/http_service.hpp"
#include "plugin/profile_service.hpp"
#include "plugin/storage_service.hpp"
#include "record/json_text.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cstring>

namespace aj::host {
namespace {

std::string_view sv(aj_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }
aj_str out_str(const std::string& s) { return aj_str{s.data(), s.size()}; }

void api_log(aj_host* host, aj_log_level level, aj_str message) noexcept {
  auto lvl = level <= AJ_LOG_TRACE   ? spdlog::level::trace
             : level == AJ_LOG_DEBUG ? spdlog::level::debug
             : level == AJ_LOG_INFO  ? spdlog::level::info
             : level == AJ_LOG_WARN  ? spdlog::level::warn
                                     : spdlog::level::err;
  try {
    spdlog::log(lvl, "[{}] {}", host ? host->label() : std::string("plugin"), sv(message));
  } catch (...) {
  }
}

const void* api_get_service(aj_host*, const char* name) noexcept {
  if (name && std::strcmp(name, AJ_HTTP_SERVICE_V1) == 0) return HttpService::instance().table();
  if (name && std::strcmp(name, AJ_BROWSER_SERVICE_V1) == 0) return BrowserService::instance().table();
  if (name && std::strcmp(name, AJ_STORAGE_SERVICE_V1) == 0) return StorageService::instance().table();
  if (name && std::strcmp(name, AJ_PROFILE_SERVICE_V1) == 0) return ProfileService::instance().table();
  return nullptr;
}

void api_set_error(aj_context* ctx, aj_str message) noexcept {
  if (!ctx) return;
  try {
    ctx->error.assign(sv(message));
  } catch (...) {
    ctx->error.clear();
  }
}
int32_t api_is_cancelled(aj_context* ctx) noexcept {
  if (!ctx || !ctx->cancelled || !ctx->cancelled->load()) return 0;
  ctx->cancel_seen = true;
  return 1;
}
void api_progress(aj_context* ctx, uint64_t done, uint64_t total) noexcept {
  try {
    if (ctx && ctx->on_progress) ctx->on_progress(done, total);
  } catch (...) {
  }
}
void api_report(aj_context* ctx, aj_str key, aj_str value) noexcept {
  if (!ctx) return;
  try {
    ctx->reports.emplace_back(std::string(sv(key)), std::string(sv(value)));
    if (ctx->on_report) ctx->on_report(ctx->reports.back().first, ctx->reports.back().second);
  } catch (...) {
  }
}

// ---- config ----
const Node* cfg_node(const aj_config* cfg, aj_str key) {
  if (!cfg) return nullptr;
  std::string_view k = sv(key);
  if (k.empty()) return &cfg->node;
  return cfg->node.path(k);
}
int32_t cfg_get_str(const aj_config* cfg, aj_str key, aj_str* out) noexcept {
  const Node* n = cfg_node(cfg, key);
  if (!n || !n->is_scalar()) return 0;
  *out = out_str(n->scalar);
  return 1;
}
int32_t cfg_get_i64(const aj_config* cfg, aj_str key, int64_t* out) noexcept {
  const Node* n = cfg_node(cfg, key);
  auto v = n ? as_int(*n) : std::nullopt;
  if (!v) return 0;
  *out = *v;
  return 1;
}
int32_t cfg_get_f64(const aj_config* cfg, aj_str key, double* out) noexcept {
  const Node* n = cfg_node(cfg, key);
  auto v = n ? as_float(*n) : std::nullopt;
  if (!v) return 0;
  *out = *v;
  return 1;
}
int32_t cfg_get_bool(const aj_config* cfg, aj_str key, int32_t* out) noexcept {
  const Node* n = cfg_node(cfg, key);
  auto v = n ? as_bool(*n) : std::nullopt;
  if (!v) return 0;
  *out = *v ? 1 : 0;
  return 1;
}
uint32_t cfg_list_size(const aj_config* cfg, aj_str key) noexcept {
  const Node* n = cfg_node(cfg, key);
  if (!n) return 0;
  if (n->is_scalar()) return 1;
  return n->is_seq() ? static_cast<uint32_t>(n->items.size()) : 0;
}
int32_t cfg_list_get(const aj_config* cfg, aj_str key, uint32_t index, aj_str* out) noexcept {
  const Node* n = cfg_node(cfg, key);
  if (!n) return 0;
  if (n->is_scalar() && index == 0) {
    *out = out_str(n->scalar);
    return 1;
  }
  if (!n->is_seq() || index >= n->items.size() || !n->items[index].is_scalar()) return 0;
  *out = out_str(n->items[index].scalar);
  return 1;
}
int32_t cfg_get_json(const aj_config* cfg, aj_str key, aj_str* out) noexcept {
  const Node* n = cfg_node(cfg, key);
  if (!n) return 0;
  try {
    std::lock_guard lock(cfg->json_mutex);
    auto [it, inserted] = cfg->json_cache.try_emplace(std::string(sv(key)));
    if (inserted) it->second = to_json(*n);
    *out = out_str(it->second);
    return 1;
  } catch (...) {
    return 0;
  }
}

// ---- jobs ----
template <class T>
const T* typed(const aj_job* job, aj_field f) {
  return job ? std::get_if<T>(&job->get(f)) : nullptr;
}
bool settable(aj_field f) {
  const FieldInfo* info = field_info(f);
  return info && info->writable;
}
template <class T>
aj_status set_typed(aj_job* job, aj_field f, T value) {
  if (!job || !settable(f)) return AJ_ERROR;
  try {
    return job->set(f, FieldValue(std::move(value))) ? AJ_OK : AJ_ERROR;
  } catch (...) {
    return AJ_ERROR;
  }
}

int32_t job_get_str(const aj_job* job, aj_field f, aj_str* out) noexcept {
  const std::string* s = typed<std::string>(job, f);
  if (!s) return 0;
  *out = out_str(*s);
  return 1;
}
aj_status job_set_str(aj_job* job, aj_field f, aj_str v) noexcept {
  try {
    return set_typed(job, f, valid_utf8(sv(v)));  // the store keeps text as UTF-8, whatever a page held
  } catch (...) {
    return AJ_ERROR;
  }
}
int32_t job_get_i64(const aj_job* job, aj_field f, int64_t* out) noexcept {
  const int64_t* v = typed<int64_t>(job, f);
  if (!v) return 0;
  *out = *v;
  return 1;
}
aj_status job_set_i64(aj_job* job, aj_field f, int64_t v) noexcept { return set_typed(job, f, v); }
int32_t job_get_f64(const aj_job* job, aj_field f, double* out) noexcept {
  const double* v = typed<double>(job, f);
  if (!v) return 0;
  *out = *v;
  return 1;
}
aj_status job_set_f64(aj_job* job, aj_field f, double v) noexcept { return set_typed(job, f, v); }
int32_t job_get_bool(const aj_job* job, aj_field f, int32_t* out) noexcept {
  const bool* v = typed<bool>(job, f);
  if (!v) return 0;
  *out = *v ? 1 : 0;
  return 1;
}
aj_status job_set_bool(aj_job* job, aj_field f, int32_t v) noexcept { return set_typed(job, f, v != 0); }
uint32_t job_list_size(const aj_job* job, aj_field f) noexcept {
  const auto* v = typed<std::vector<std::string>>(job, f);
  return v ? static_cast<uint32_t>(v->size()) : 0;
}
int32_t job_list_get(const aj_job* job, aj_field f, uint32_t i, aj_str* out) noexcept {
  const auto* v = typed<std::vector<std::string>>(job, f);
  if (!v || i >= v->size()) return 0;
  *out = out_str((*v)[i]);
  return 1;
}
aj_status job_list_add(aj_job* job, aj_field f, aj_str value) noexcept {
  const FieldInfo* info = field_info(f);
  if (!job || !info || !info->writable || info->type != FieldType::List) return AJ_ERROR;
  try {
    return job->append(f, valid_utf8(sv(value))) ? AJ_OK : AJ_ERROR;
  } catch (...) {
    return AJ_ERROR;
  }
}
aj_status job_clear(aj_job* job, aj_field f) noexcept {
  if (!job || !settable(f)) return AJ_ERROR;
  job->clear(f);
  return AJ_OK;
}
int32_t job_get_extra(const aj_job* job, aj_str key, aj_str* out) noexcept {
  const std::string* v = job ? job->extra(sv(key)) : nullptr;
  if (!v) return 0;
  *out = out_str(*v);
  return 1;
}
aj_status job_set_extra(aj_job* job, aj_str key, aj_str value) noexcept {
  if (!job || key.len == 0) return AJ_ERROR;
  try {
    job->set_extra(valid_utf8(sv(key)), valid_utf8(sv(value)));
    return AJ_OK;
  } catch (...) {
    return AJ_ERROR;
  }
}
uint32_t job_extra_count(const aj_job* job) noexcept { return job ? static_cast<uint32_t>(job->extras().size()) : 0; }
int32_t job_extra_at(const aj_job* job, uint32_t i, aj_str* key, aj_str* value) noexcept {
  if (!job || i >= job->extras().size()) return 0;
  *key = out_str(job->extras()[i].first);
  *value = out_str(job->extras()[i].second);
  return 1;
}

aj_job* job_new(aj_context*) noexcept {
  try {
    return new aj_job();
  } catch (...) {
    return nullptr;
  }
}
aj_status emit(aj_context* ctx, aj_job* job) noexcept {
  if (!job) return AJ_ERROR;
  if (!ctx || !ctx->emit) {
    delete job;
    return AJ_ERROR;
  }
  try {
    return ctx->emit(job);  // takes ownership in every case
  } catch (...) {
    return AJ_ERROR;
  }
}
void job_free(aj_job* job) noexcept { delete job; }

uint32_t batch_size(const aj_batch* b) noexcept { return b ? static_cast<uint32_t>(b->jobs.size()) : 0; }
aj_job* batch_get(aj_batch* b, uint32_t i) noexcept { return b && i < b->jobs.size() ? b->jobs[i] : nullptr; }
void batch_drop(aj_batch* b, uint32_t i, aj_str reason) noexcept {
  if (!b || i >= b->outcomes.size()) return;
  b->outcomes[i].dropped = true;
  try {
    b->outcomes[i].reason.assign(sv(reason));
  } catch (...) {
  }
}
void batch_fail(aj_batch* b, uint32_t i, aj_status status, aj_str message) noexcept {
  if (!b || i >= b->outcomes.size()) return;
  b->outcomes[i].status = status == AJ_OK ? AJ_ERROR : status;
  try {
    b->outcomes[i].reason.assign(sv(message));
  } catch (...) {
  }
}

const aj_host_api kApi = {
    sizeof(aj_host_api), AJ_ABI_VERSION_MAJOR, AJ_ABI_VERSION_MINOR,
    api_log, api_get_service, api_set_error, api_is_cancelled, api_progress, api_report,
    cfg_get_str, cfg_get_i64, cfg_get_f64, cfg_get_bool, cfg_list_size, cfg_list_get, cfg_get_json,
    job_get_str, job_set_str, job_get_i64, job_set_i64, job_get_f64, job_set_f64, job_get_bool, job_set_bool,
    job_list_size, job_list_get, job_list_add, job_clear, job_get_extra, job_set_extra, job_extra_count, job_extra_at,
    job_new, emit, job_free,
    batch_size, batch_get, batch_drop, batch_fail,
};

}  // namespace

const aj_host_api* host_api() { return &kApi; }

}  // namespace aj::host
