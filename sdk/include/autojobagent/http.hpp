// AutoJobAgent SDK: a header-only C++ layer over the HTTP service (http.h).
//
//   aj::Http http(host);                        // in the plugin's constructor
//   aj::HttpResponse r = http.get(ctx, "https://example.com/jobs", {{"page", "2"}});
//   if (r.ok() && r.status() == 200) parse(r.body());
//
// Nothing here crosses the ABI but the C structs of http.h.
#ifndef AUTOJOBAGENT_HTTP_HPP
#define AUTOJOBAGENT_HTTP_HPP

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "autojobagent/http.h"
#include "autojobagent/plugin.hpp"

namespace aj {

using HttpPairs = std::vector<std::pair<std::string, std::string>>;

/// One part of a multipart body: data, or a file the host reads.
struct HttpPart {
  std::string name, data, file_path, filename, content_type;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpPairs headers, query;
  aj_http_body_kind body_kind = AJ_HTTP_BODY_NONE;
  std::string body, content_type;
  HttpPairs form;
  std::vector<HttpPart> parts;
  std::string session;  // cookie jar within this instance; empty: the instance's own
  int64_t timeout_ms = 0;
  uint32_t flags = 0;  // AJ_HTTP_NO_CACHE | AJ_HTTP_NO_RETRY | AJ_HTTP_NO_REDIRECT

  HttpRequest& json(std::string text) {
    body_kind = AJ_HTTP_BODY_JSON;
    body = std::move(text);
    return *this;
  }
};

/// A response; owns the host's handle.
class HttpResponse {
 public:
  HttpResponse(const aj_http_api_v1* api, aj_status status, aj_http_response* r) noexcept
      : api_(api), status_(status), r_(r) {}
  HttpResponse(HttpResponse&& o) noexcept
      : api_(o.api_), status_(o.status_), r_(std::exchange(o.r_, nullptr)) {}
  HttpResponse& operator=(HttpResponse&& o) noexcept {
    std::swap(api_, o.api_);
    std::swap(status_, o.status_);
    std::swap(r_, o.r_);
    return *this;
  }
  ~HttpResponse() {
    if (r_) api_->response_free(r_);
  }

  /// The service's verdict: AJ_OK when an HTTP answer arrived (any code).
  aj_status result() const noexcept { return status_; }
  bool ok() const noexcept { return status_ == AJ_OK; }
  int status() const { return r_ ? api_->response_status(r_) : 0; }
  std::string_view body() const { return r_ ? view(api_->response_body(r_)) : std::string_view{}; }
  std::string_view url() const { return r_ ? view(api_->response_url(r_)) : std::string_view{}; }
  std::string_view error() const { return r_ ? view(api_->response_error(r_)) : std::string_view{}; }
  aj_http_failure failure() const { return r_ ? api_->response_failure(r_) : AJ_HTTP_FAIL_INVALID; }
  uint32_t flags() const { return r_ ? api_->response_flags(r_) : 0; }
  /// The first header of that name (case-insensitive), or an empty view.
  std::string_view header(std::string_view name) const {
    aj_str v{nullptr, 0};
    if (r_ && api_->response_header(r_, aj_str{name.data(), name.size()}, &v)) return view(v);
    return {};
  }
  std::vector<std::pair<std::string_view, std::string_view>> headers() const {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    if (!r_) return out;
    for (uint32_t i = 0, n = api_->response_header_count(r_); i < n; ++i) {
      aj_str k{nullptr, 0}, v{nullptr, 0};
      if (api_->response_header_at(r_, i, &k, &v)) out.emplace_back(view(k), view(v));
    }
    return out;
  }

 private:
  static std::string_view view(aj_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view{}; }
  const aj_http_api_v1* api_;
  aj_status status_;
  aj_http_response* r_;
};

/// The HTTP service as one plugin instance uses it.
class Http {
 public:
  /// Throws aj::Error when the host offers no HTTP service.
  explicit Http(Host host)
      : host_(host), api_(static_cast<const aj_http_api_v1*>(host.service(AJ_HTTP_SERVICE_V1))) {
    if (!api_) throw Error("this host offers no HTTP service (aj.http.v1); see the host's log for why");
  }

  /// Blocking. Never call it from an async completion callback.
  HttpResponse fetch(Context& ctx, const HttpRequest& req) const {
    Lowered l(req);
    aj_http_response* out = nullptr;
    aj_status s = api_->fetch(host_.handle(), ctx.handle(), &l.c, &out);
    return HttpResponse(api_, s, out);
  }
  HttpResponse get(Context& ctx, std::string url, HttpPairs query = {}, HttpPairs headers = {}) const {
    HttpRequest r;
    r.url = std::move(url);
    r.query = std::move(query);
    r.headers = std::move(headers);
    return fetch(ctx, r);
  }

  /// Asynchronous: `done` runs once, on a host I/O thread, and must not block.
  /// Returns false (and `done` never runs) when the host refused the request
  /// at once. Every request must finish before the plugin call returns.
  bool fetch_async(Context& ctx, const HttpRequest& req, std::function<void(HttpResponse)> done) const {
    Lowered l(req);
    auto* cb = new Callback{api_, std::move(done)};
    aj_status s = api_->fetch_async(host_.handle(), ctx.handle(), &l.c, &Callback::trampoline, cb);
    if (s != AJ_OK) {
      delete cb;
      return false;
    }
    return true;
  }

 private:
  struct Callback {
    const aj_http_api_v1* api;
    std::function<void(HttpResponse)> fn;
    static void trampoline(void* user, aj_status status, aj_http_response* r) {
      std::unique_ptr<Callback> self(static_cast<Callback*>(user));
      HttpResponse resp(self->api, status, r);
      try {
        self->fn(std::move(resp));
      } catch (...) {
        // An exception must not reach the host's I/O thread.
      }
    }
  };

  // The C view of an HttpRequest; borrows from it.
  struct Lowered {
    aj_http_request c{};
    std::vector<aj_http_pair> headers, query, form;
    std::vector<aj_http_part> parts;
    explicit Lowered(const HttpRequest& r) {
      auto s = [](const std::string& x) { return aj_str{x.data(), x.size()}; };
      auto pairs = [&](const HttpPairs& in, std::vector<aj_http_pair>& out) {
        out.reserve(in.size());
        for (const auto& [k, v] : in) out.push_back(aj_http_pair{s(k), s(v)});
      };
      pairs(r.headers, headers);
      pairs(r.query, query);
      pairs(r.form, form);
      for (const auto& p : r.parts)
        parts.push_back(aj_http_part{sizeof(aj_http_part), s(p.name), s(p.data), s(p.file_path), s(p.filename),
                                     s(p.content_type)});
      c.struct_size = sizeof(aj_http_request);
      c.method = s(r.method);
      c.url = s(r.url);
      c.headers = headers.data();
      c.header_count = static_cast<uint32_t>(headers.size());
      c.query = query.data();
      c.query_count = static_cast<uint32_t>(query.size());
      c.body_kind = r.body_kind;
      c.body = s(r.body);
      c.content_type = s(r.content_type);
      c.form = form.data();
      c.form_count = static_cast<uint32_t>(form.size());
      c.parts = parts.data();
      c.part_count = static_cast<uint32_t>(parts.size());
      c.session = s(r.session);
      c.timeout_ms = r.timeout_ms;
      c.flags = r.flags;
    }
  };

  Host host_;
  const aj_http_api_v1* api_;
};

}  // namespace aj

#endif  // AUTOJOBAGENT_HTTP_HPP
