// aj_http.so: the "aj.http.v1" table of sdk http.h on top of http::Client.
#include "http/client.hpp"
#include "http/module.hpp"

#include <autojobagent/http.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <memory>
#include <stdexcept>

struct aj_http_response {
  aj::http::Response r;
};

namespace aj::http {
namespace {

// One module per process: the table's free functions reach it through this.
class ServiceModule;
ServiceModule* g_module = nullptr;

std::string text(aj_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }
aj_str view(const std::string& s) { return aj_str{s.data(), s.size()}; }

// RFC 3986 unreserved characters stay; everything else is %XX.
void percent_encode(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

std::string encode_pairs(const aj_http_pair* pairs, uint32_t n) {
  std::string out;
  for (uint32_t i = 0; i < n; ++i) {
    if (i) out += '&';
    percent_encode(out, std::string_view(pairs[i].name.ptr ? pairs[i].name.ptr : "", pairs[i].name.len));
    out += '=';
    percent_encode(out, std::string_view(pairs[i].value.ptr ? pairs[i].value.ptr : "", pairs[i].value.len));
  }
  return out;
}

// The C request as a Request; false (with `error`) when it cannot be one.
// The size of aj_http_request in SDK 1.0; later SDKs only append fields, so a
// larger struct is read up to what this host knows and a smaller one is refused.
constexpr size_t kRequestV1Size = offsetof(aj_http_request, flags) + sizeof(uint32_t);
constexpr size_t kPartV1Size = offsetof(aj_http_part, content_type) + sizeof(aj_str);

bool lower(const aj_http_request* request, Request& out, std::string& error) {
  if (!request || request->struct_size < kRequestV1Size) {
    error = "aj_http_request is missing or too small (struct_size); rebuild the plugin against this SDK";
    return false;
  }
  aj_http_request copy{};
  std::memcpy(&copy, request, std::min<size_t>(request->struct_size, sizeof copy));
  const aj_http_request* in = &copy;
  out.method = in->method.len ? text(in->method) : "GET";
  for (auto& c : out.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out.url = text(in->url);
  if (in->query_count) {
    auto hash = out.url.find('#');
    std::string fragment = hash == std::string::npos ? "" : out.url.substr(hash);
    if (hash != std::string::npos) out.url.resize(hash);
    out.url += out.url.find('?') == std::string::npos ? '?' : '&';
    out.url += encode_pairs(in->query, in->query_count);
    out.url += fragment;
  }
  for (uint32_t i = 0; i < in->header_count; ++i)
    out.headers.push_back({text(in->headers[i].name), text(in->headers[i].value)});
  switch (in->body_kind) {
    case AJ_HTTP_BODY_NONE: break;
    case AJ_HTTP_BODY_RAW:
      out.body_kind = BodyKind::raw;
      out.body = text(in->body);
      out.content_type = text(in->content_type);
      break;
    case AJ_HTTP_BODY_JSON:
      out.body_kind = BodyKind::json;
      out.body = text(in->body);
      break;
    case AJ_HTTP_BODY_FORM:
      out.body_kind = BodyKind::form;
      out.body = encode_pairs(in->form, in->form_count);
      break;
    case AJ_HTTP_BODY_MULTIPART: {
      out.body_kind = BodyKind::multipart;
      for (uint32_t i = 0; i < in->form_count; ++i) {
        Part p;
        p.name = text(in->form[i].name);
        p.data = text(in->form[i].value);
        out.parts.push_back(std::move(p));
      }
      if (in->part_count) {
        uint32_t stride = in->parts[0].struct_size;
        if (stride < kPartV1Size) {
          error = "aj_http_part.struct_size is too small; rebuild the plugin against this SDK";
          return false;
        }
        auto* base = reinterpret_cast<const char*>(in->parts);
        for (uint32_t i = 0; i < in->part_count; ++i) {
          aj_http_part p{};
          std::memcpy(&p, base + size_t{i} * stride, std::min<size_t>(stride, sizeof p));
          out.parts.push_back({text(p.name), text(p.data), text(p.file_path), text(p.filename),
                               text(p.content_type)});
        }
      }
      break;
    }
    default: error = "unknown body_kind " + std::to_string(in->body_kind); return false;
  }
  out.session = text(in->session);
  out.timeout_ms = in->timeout_ms;
  out.flags = in->flags;
  return true;
}

aj_status status_of(const Response& r) {
  switch (r.failure) {
    case Failure::none: return AJ_OK;
    case Failure::robots: return AJ_SKIP;
    case Failure::transport:
    case Failure::circuit_open: return AJ_RETRY;
    case Failure::cancelled: return AJ_CANCELLED;
    default: return AJ_ERROR;
  }
}

aj_http_response* invalid(std::string message) {
  auto* r = new aj_http_response;
  r->r.failure = Failure::invalid;
  r->r.error = std::move(message);
  return r;
}

class ServiceModule final : public Module {
 public:
  explicit ServiceModule(const ModuleArgs& a)
      : args_(a), client_(a.settings, a.log) {}
  ~ServiceModule() override { g_module = nullptr; }

  const aj_http_api_v1* table() const override { return &table_; }
  void set_policy(const std::string& component, const Policy& p) override { client_.set_policy(component, p); }
  void cancel_stopped() override { client_.cancel_stopped(); }
  size_t finish(const aj_context* ctx) override { return client_.finish(ctx); }
  std::vector<HostStats> stats() const override { return client_.stats(); }

  Caller caller(aj_host* host, aj_context* ctx) const {
    Caller c;
    if (host) c.component = args_.component_of(host);
    if (ctx) c.cancelled = args_.cancel_flag_of(ctx);
    c.tag = ctx;
    return c;
  }
  Client& client() { return client_; }

 private:
  static aj_status fetch(aj_host* host, aj_context* ctx, const aj_http_request* req, aj_http_response** out) noexcept {
    if (!out) return AJ_ERROR;
    if (!g_module) {
      *out = invalid("the HTTP service has shut down");
      return AJ_ERROR;
    }
    try {
      Request r;
      std::string error;
      if (!lower(req, r, error)) {
        *out = invalid(std::move(error));
        return AJ_ERROR;
      }
      auto* resp = new aj_http_response{g_module->client().fetch(std::move(r), g_module->caller(host, ctx))};
      *out = resp;
      return status_of(resp->r);
    } catch (const std::exception& e) {
      *out = invalid(e.what());
      return AJ_ERROR;
    }
  }

  static aj_status fetch_async(aj_host* host, aj_context* ctx, const aj_http_request* req, aj_http_done done,
                               void* user) noexcept {
    if (!done || !g_module) return AJ_ERROR;
    try {
      Request r;
      std::string error;
      if (!lower(req, r, error)) {
        g_module->args_.log(4, "fetch_async refused: " + error);
        return AJ_ERROR;
      }
      g_module->client().submit(std::move(r), g_module->caller(host, ctx), [done, user](Response resp) {
        aj_status s = status_of(resp);
        done(user, s, new aj_http_response{std::move(resp)});
      });
      return AJ_OK;
    } catch (const std::exception& e) {
      g_module->args_.log(4, std::string("fetch_async refused: ") + e.what());
      return AJ_ERROR;
    }
  }

  static int32_t status(const aj_http_response* r) noexcept { return r ? static_cast<int32_t>(r->r.status) : 0; }
  static aj_str body(const aj_http_response* r) noexcept { return r ? view(r->r.body) : aj_str{nullptr, 0}; }
  static aj_str url(const aj_http_response* r) noexcept { return r ? view(r->r.final_url) : aj_str{nullptr, 0}; }
  static aj_str error(const aj_http_response* r) noexcept { return r ? view(r->r.error) : aj_str{nullptr, 0}; }
  static aj_http_failure failure(const aj_http_response* r) noexcept {
    return r ? static_cast<aj_http_failure>(r->r.failure) : AJ_HTTP_FAIL_INVALID;
  }
  static uint32_t flags(const aj_http_response* r) noexcept { return r ? r->r.flags : 0; }
  static uint32_t header_count(const aj_http_response* r) noexcept {
    return r ? static_cast<uint32_t>(r->r.headers.size()) : 0;
  }
  static int32_t header_at(const aj_http_response* r, uint32_t i, aj_str* name, aj_str* value) noexcept {
    if (!r || i >= r->r.headers.size()) return 0;
    if (name) *name = view(r->r.headers[i].name);
    if (value) *value = view(r->r.headers[i].value);
    return 1;
  }
  static int32_t header(const aj_http_response* r, aj_str name, aj_str* value) noexcept {
    if (!r) return 0;
    const std::string* v = r->r.header(std::string_view(name.ptr ? name.ptr : "", name.len));
    if (!v) return 0;
    if (value) *value = view(*v);
    return 1;
  }
  static void free_response(aj_http_response* r) noexcept { delete r; }

  static constexpr aj_http_api_v1 table_{sizeof(aj_http_api_v1), &fetch, &fetch_async, &status, &body, &url,
                                         &error, &failure, &flags, &header_count, &header_at, &header,
                                         &free_response};
  ModuleArgs args_;
  Client client_;
};

// The Failure values are the AJ_HTTP_FAIL_* codes: keep them in step.
static_assert(static_cast<int>(Failure::transport) == AJ_HTTP_FAIL_NETWORK);
static_assert(static_cast<int>(Failure::too_large) == AJ_HTTP_FAIL_TOO_LARGE);
static_assert(static_cast<int>(Failure::too_many_redirects) == AJ_HTTP_FAIL_REDIRECTS);
static_assert(static_cast<int>(Failure::robots) == AJ_HTTP_FAIL_ROBOTS);
static_assert(static_cast<int>(Failure::circuit_open) == AJ_HTTP_FAIL_CIRCUIT_OPEN);
static_assert(static_cast<int>(Failure::no_proxy) == AJ_HTTP_FAIL_NO_PROXY);
static_assert(static_cast<int>(Failure::not_recorded) == AJ_HTTP_FAIL_NOT_RECORDED);
static_assert(static_cast<int>(Failure::cancelled) == AJ_HTTP_FAIL_CANCELLED);
static_assert(static_cast<int>(Failure::invalid) == AJ_HTTP_FAIL_INVALID);
static_assert(kNoCache == AJ_HTTP_NO_CACHE && kNoRetry == AJ_HTTP_NO_RETRY && kNoRedirect == AJ_HTTP_NO_REDIRECT);
static_assert(kFromCache == AJ_HTTP_FROM_CACHE && kRevalidated == AJ_HTTP_REVALIDATED && kReplayed == AJ_HTTP_REPLAYED);

}  // namespace
}  // namespace aj::http

extern "C" __attribute__((visibility("default"))) aj::http::Module* aj_http_module_create(
    const aj::http::ModuleArgs& args, std::string& error) {
  try {
    auto m = std::make_unique<aj::http::ServiceModule>(args);
    aj::http::g_module = m.get();
    return m.release();
  } catch (const std::exception& e) {
    error = e.what();
    return nullptr;
  }
}
