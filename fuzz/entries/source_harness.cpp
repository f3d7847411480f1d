#include "source_harness.hpp"

#include "config/node.hpp"
#include "pipeline/search_filter.hpp"
#include "plugin/handles.hpp"
#include "record/job_record.hpp"

#include <autojobagent/http.h>
#include <autojobagent/plugin.hpp>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>

namespace aj::fuzz {
namespace {

// More than any page of any board holds; past it the query is told it has enough.
constexpr size_t kMaxJobs = 500;

struct Answer {
  int status = 0;
  std::string body, url, error;
  aj_http_failure failure = AJ_HTTP_OK;
};

// The answers of the run in progress (libFuzzer runs one input at a time).
struct Script {
  std::vector<std::string_view> parts;
  size_t next = 0;
};
Script* g_script = nullptr;

const Answer& answer(const aj_http_response* r) { return *reinterpret_cast<const Answer*>(r); }

aj_status http_fetch(aj_host*, aj_context*, const aj_http_request* req, aj_http_response** out) noexcept {
  auto* a = new Answer;
  if (req && req->url.ptr) a->url.assign(req->url.ptr, req->url.len);
  if (!g_script || g_script->next >= g_script->parts.size()) {
    a->failure = AJ_HTTP_FAIL_NETWORK;
    a->error = "fuzz: the input has no more answers";
  } else {
    std::string_view part = g_script->parts[g_script->next++];
    a->status = 200;
    if (part.size() >= 9 && part.starts_with("HTTP/") && part[8] == '\n') {
      int code = 0;
      auto [p, ec] = std::from_chars(part.data() + 5, part.data() + 8, code);
      if (ec == std::errc() && p == part.data() + 8) {
        a->status = code;
        part.remove_prefix(9);
      }
    }
    a->body.assign(part);
  }
  *out = reinterpret_cast<aj_http_response*>(a);
  return a->failure == AJ_HTTP_OK ? AJ_OK : AJ_RETRY;
}

// Answered at once, on the caller's thread: the plugin waits for it as it would for an I/O thread.
aj_status http_fetch_async(aj_host* host, aj_context* ctx, const aj_http_request* req, aj_http_done done,
                           void* user) noexcept {
  aj_http_response* r = nullptr;
  aj_status s = http_fetch(host, ctx, req, &r);
  done(user, s, r);
  return AJ_OK;
}

aj_str view(const std::string& s) { return aj_str{s.data(), s.size()}; }
int32_t r_status(const aj_http_response* r) noexcept { return answer(r).status; }
aj_str r_body(const aj_http_response* r) noexcept { return view(answer(r).body); }
aj_str r_url(const aj_http_response* r) noexcept { return view(answer(r).url); }
aj_str r_error(const aj_http_response* r) noexcept { return view(answer(r).error); }
aj_http_failure r_failure(const aj_http_response* r) noexcept { return answer(r).failure; }
uint32_t r_flags(const aj_http_response*) noexcept { return 0; }
uint32_t r_header_count(const aj_http_response*) noexcept { return 0; }
int32_t r_header_at(const aj_http_response*, uint32_t, aj_str*, aj_str*) noexcept { return 0; }
int32_t r_header(const aj_http_response*, aj_str, aj_str*) noexcept { return 0; }
void r_free(aj_http_response* r) noexcept { delete reinterpret_cast<Answer*>(r); }

const aj_http_api_v1 kHttp = {sizeof(aj_http_api_v1), http_fetch, http_fetch_async, r_status, r_body, r_url,
                              r_error, r_failure, r_flags, r_header_count, r_header_at, r_header, r_free};

void quiet(aj_host*, aj_log_level, aj_str) noexcept {}
const void* services(aj_host*, const char* name) noexcept {
  return name && std::strcmp(name, AJ_HTTP_SERVICE_V1) == 0 ? &kHttp : nullptr;
}

// The host's own table, with the fake HTTP service and without logging (plugins warn a lot about bad pages).
const aj_host_api* fuzz_api() {
  static const aj_host_api api = [] {
    aj_host_api a = *aj::host::host_api();
    a.log = quiet;
    a.get_service = services;
    return a;
  }();
  return &api;
}

[[noreturn]] void harness_broken(const std::string& what) {
  std::fprintf(stderr, "fuzz harness: %s\n", what.c_str());
  std::abort();
}

aj::host::Node yaml(std::string_view text) {
  aj::host::Diagnostics diags;
  auto n = aj::host::parse_yaml(std::string(text), "fuzz", diags);
  if (!n) harness_broken("bad YAML in the harness: " + std::string(text));
  return *n;
}

// What the engine does with an emitted job before it stores it.
void read_back(const aj::host::JobRecord& job, const aj::host::SearchFilter& filter) {
  std::vector<std::string> unknown;
  (void)filter.check(job, &unknown);
  (void)job.key();
  (void)job.extras_json();
  if (const std::string* url = job.str(AJ_F_JOB_URL)) (void)aj::host::canonical_url(*url);
}

}  // namespace

std::vector<std::string_view> split_parts(std::string_view input) {
  std::vector<std::string_view> parts;
  for (;;) {
    size_t at = input.find(kSeparator);
    parts.push_back(input.substr(0, at));
    if (at == std::string_view::npos) return parts;
    input.remove_prefix(at + kSeparator.size());
  }
}

void run_source(aj_plugin_entry_fn entry, std::string_view settings, std::string_view query, std::string_view input) {
  const aj_plugin_descriptor* d = entry();
  if (!d || d->kind != AJ_KIND_SOURCE) harness_broken("not a source plugin");
  const aj_host_api* api = fuzz_api();
  aj_host host{d->name, "fuzz"};
  aj_config cfg(yaml(settings));
  aj_config q(yaml(query));
  aj::host::SearchFilter filter(q.node, {}, std::time_t{1767225600});  // 2026-01-01

  std::atomic<bool> cancelled{false};
  aj_context ctx;
  ctx.cancelled = &cancelled;
  size_t emitted = 0;
  ctx.emit = [&](aj_job* job) {
    std::unique_ptr<aj_job> owned(job);
    read_back(*owned, filter);
    return ++emitted < kMaxJobs ? AJ_OK : AJ_CANCELLED;
  };
  if (d->init && d->init(api, &host, &ctx) != AJ_OK) harness_broken(std::string(d->name) + ": init: " + ctx.error);
  void* instance = nullptr;
  if (d->create(api, &host, &cfg, &ctx, &instance) != AJ_OK) {
    if (instance) d->destroy(instance);
    harness_broken(std::string(d->name) + ": create: " + ctx.error);
  }

  Script script{split_parts(input)};
  g_script = &script;
  ctx.reset();
  aj_status status = static_cast<const aj_source_v1*>(d->kind_table)->run(instance, &ctx, &q);
  g_script = nullptr;
  d->destroy(instance);
  if (std::getenv("AJ_FUZZ_VERBOSE"))  // to see how far a seed gets
    std::fprintf(stderr, "%s: status %d, %zu jobs, %zu of %zu answers used%s%s\n", d->name, status, emitted,
                 script.next, script.parts.size(), ctx.error.empty() ? "" : ": ", ctx.error.c_str());
}

void use_host_api() {
  static const bool done = [] {
    aj::detail::api_slot().store(fuzz_api());
    return true;
  }();
  (void)done;
}

}  // namespace aj::fuzz
