// AutoJobAgent SDK: header-only C++ layer over plugin.h.
//
// Write a class that derives from aj::Source, aj::Enricher, aj::Scorer,
// aj::DocumentGenerator or aj::Submitter, give it static `name`, `version`,
// `summary` (and optionally `config`), a constructor taking (aj::Host,
// const aj::Config&), and export it with AJ_PLUGIN(ClassName).
//
// The trampolines here are noexcept and catch everything: an exception thrown by
// plugin code becomes a status code and a message, never an unwinding across the
// C boundary. Nothing but C types leaves this header.
#ifndef AUTOJOBAGENT_PLUGIN_HPP
#define AUTOJOBAGENT_PLUGIN_HPP

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "autojobagent/plugin.h"

namespace aj {

using Field = aj_field;

namespace detail {
// The host's table, stored at init/create. One per plugin library (hidden
// visibility); atomic because create may run while other instances work.
inline std::atomic<const aj_host_api*>& api_slot() noexcept {
  static std::atomic<const aj_host_api*> table{nullptr};
  return table;
}
inline const aj_host_api* api() noexcept { return api_slot().load(std::memory_order_relaxed); }
inline std::string_view view(aj_str s) noexcept { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }
inline aj_str str(std::string_view s) noexcept { return aj_str{s.data(), s.size()}; }
}  // namespace detail

/// Thrown by plugin code to fail the current call with a status and message.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, aj_status status = AJ_ERROR)
      : std::runtime_error(message), status_(status) {}
  aj_status status() const noexcept { return status_; }

 private:
  aj_status status_;
};

/// How a source's query went when it did not simply find postings; the run
/// summary shows it per source (docs/sdk.md, "Source outcomes").
enum class Outcome {
  blocked,         // 403, a 429 storm, a CAPTCHA or a sign-in wall
  layout_changed,  // the page came back but the structure the plugin reads was not there
  network_error,   // no answer: connection, DNS, timeouts, 5xx after the retries
  no_results,      // the site answered and has nothing for this query
  error,           // anything else (a board that does not exist, a 404): for a partial result
};
inline const char* outcome_name(Outcome o) noexcept {
  switch (o) {
    case Outcome::blocked: return "blocked";
    case Outcome::layout_changed: return "layout changed";
    case Outcome::network_error: return "network error";
    case Outcome::no_results: return "no results";
    case Outcome::error: return "error";
  }
  return "no results";
}

/// Fails a source's query with an outcome: `throw aj::SourceError(aj::Outcome::blocked,
/// "HTTP 429 from https://...")`. The message names the URL and what to do.
class SourceError : public Error {
 public:
  SourceError(Outcome outcome, const std::string& message, aj_status status = AJ_ERROR)
      : Error(message, status), outcome_(outcome) {}
  Outcome outcome() const noexcept { return outcome_; }

 private:
  Outcome outcome_;
};

/// Wrong or missing settings; the host reports it as a configuration error.
class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& message) : Error(message, AJ_INVALID_CONFIG) {}
};

/// A plugin's settings (or a source's query). Views live as long as the config.
class Config {
 public:
  explicit Config(const aj_config* handle) noexcept : h_(handle) {}

  std::optional<std::string_view> str(std::string_view key) const {
    aj_str out{};
    if (!detail::api()->config_get_str(h_, detail::str(key), &out)) return std::nullopt;
    return detail::view(out);
  }
  std::string str_or(std::string_view key, std::string_view fallback) const {
    return std::string(str(key).value_or(fallback));
  }
  std::optional<int64_t> i64(std::string_view key) const {
    int64_t out = 0;
    if (!detail::api()->config_get_i64(h_, detail::str(key), &out)) return std::nullopt;
    return out;
  }
  std::optional<double> f64(std::string_view key) const {
    double out = 0;
    if (!detail::api()->config_get_f64(h_, detail::str(key), &out)) return std::nullopt;
    return out;
  }
  std::optional<bool> boolean(std::string_view key) const {
    int32_t out = 0;
    if (!detail::api()->config_get_bool(h_, detail::str(key), &out)) return std::nullopt;
    return out != 0;
  }
  std::vector<std::string_view> list(std::string_view key) const {
    std::vector<std::string_view> items;
    uint32_t n = detail::api()->config_list_size(h_, detail::str(key));
    items.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      aj_str out{};
      if (detail::api()->config_list_get(h_, detail::str(key), i, &out)) items.push_back(detail::view(out));
    }
    return items;
  }
  /// The value (or the whole block, for an empty key) as JSON text.
  std::optional<std::string_view> json(std::string_view key = {}) const {
    aj_str out{};
    if (!detail::api()->config_get_json(h_, detail::str(key), &out)) return std::nullopt;
    return detail::view(out);
  }
  const aj_config* handle() const noexcept { return h_; }

 private:
  const aj_config* h_;
};

/// A job record held by the current call. Views live until the field is set again.
class Job {
 public:
  explicit Job(aj_job* handle) noexcept : h_(handle) {}

  std::optional<std::string_view> str(Field f) const {
    aj_str out{};
    if (!detail::api()->job_get_str(h_, f, &out)) return std::nullopt;
    return detail::view(out);
  }
  std::optional<int64_t> i64(Field f) const {
    int64_t out = 0;
    if (!detail::api()->job_get_i64(h_, f, &out)) return std::nullopt;
    return out;
  }
  std::optional<double> f64(Field f) const {
    double out = 0;
    if (!detail::api()->job_get_f64(h_, f, &out)) return std::nullopt;
    return out;
  }
  std::optional<bool> boolean(Field f) const {
    int32_t out = 0;
    if (!detail::api()->job_get_bool(h_, f, &out)) return std::nullopt;
    return out != 0;
  }
  std::vector<std::string_view> list(Field f) const {
    std::vector<std::string_view> items;
    uint32_t n = detail::api()->job_list_size(h_, f);
    items.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      aj_str out{};
      if (detail::api()->job_list_get(h_, f, i, &out)) items.push_back(detail::view(out));
    }
    return items;
  }
  std::optional<std::string_view> extra(std::string_view key) const {
    aj_str out{};
    if (!detail::api()->job_get_extra(h_, detail::str(key), &out)) return std::nullopt;
    return detail::view(out);
  }

  void set(Field f, std::string_view v) { check(detail::api()->job_set_str(h_, f, detail::str(v)), f); }
  void set(Field f, const char* v) { set(f, std::string_view(v)); }
  void set(Field f, const std::string& v) { set(f, std::string_view(v)); }
  void set(Field f, int64_t v) { check(detail::api()->job_set_i64(h_, f, v), f); }
  void set(Field f, int v) { set(f, static_cast<int64_t>(v)); }
  void set(Field f, double v) { check(detail::api()->job_set_f64(h_, f, v), f); }
  void set(Field f, bool v) { check(detail::api()->job_set_bool(h_, f, v ? 1 : 0), f); }
  void add(Field f, std::string_view v) { check(detail::api()->job_list_add(h_, f, detail::str(v)), f); }
  void clear(Field f) { check(detail::api()->job_clear(h_, f), f); }
  void set_extra(std::string_view key, std::string_view value) {
    if (detail::api()->job_set_extra(h_, detail::str(key), detail::str(value)) != AJ_OK)
      throw Error("cannot set extra field '" + std::string(key) + "'");
  }
  template <class Fn>  // Fn(std::string_view key, std::string_view value)
  void for_each_extra(Fn&& fn) const {
    uint32_t n = detail::api()->job_extra_count(h_);
    for (uint32_t i = 0; i < n; ++i) {
      aj_str k{}, v{};
      if (detail::api()->job_extra_at(h_, i, &k, &v)) fn(detail::view(k), detail::view(v));
    }
  }
  aj_job* handle() const noexcept { return h_; }

 protected:
  static void check(aj_status s, Field f) {
    if (s != AJ_OK)
      throw Error(std::string("cannot set job field '") + field_name(f) +
                  "': this host does not know it, it is read-only (status, notes, first_seen, last_seen), "
                  "or the value is of another type (see fields.h)");
  }

 public:
  /// The column name of a field ("title"), or "#N" for one this SDK does not know.
  static std::string field_name(Field f) {
#define AJ_FIELD_NAME_(num, name, column, type, access) \
  if (f == num) return column;
    AJ_FIELD_LIST(AJ_FIELD_NAME_)
#undef AJ_FIELD_NAME_
    return "#" + std::to_string(f);
  }

 protected:
  aj_job* h_;
};

/// A job a source made and has not emitted yet; given back to the host if dropped.
class NewJob : public Job {
 public:
  explicit NewJob(aj_job* handle) noexcept : Job(handle) {}
  NewJob(NewJob&& o) noexcept : Job(std::exchange(o.h_, nullptr)) {}
  NewJob& operator=(NewJob&&) = delete;
  ~NewJob() {
    if (h_) detail::api()->job_free(h_);
  }
  aj_job* release() noexcept { return std::exchange(h_, nullptr); }
};

/// The current call: cancellation, progress, results, and (for sources) emit.
class Context {
 public:
  explicit Context(aj_context* handle) noexcept : h_(handle) {}
  bool cancelled() const { return detail::api()->is_cancelled(h_) != 0; }
  void progress(uint64_t done, uint64_t total = 0) { detail::api()->progress(h_, done, total); }
  void report(std::string_view key, std::string_view value) {
    detail::api()->report(h_, detail::str(key), detail::str(value));
  }
  NewJob new_job() { return NewJob(detail::api()->job_new(h_)); }
  /// Sources: the search keys of this query that the site applied itself
  /// ("term", "location", "distance_km", "job_type", "remote_only", "hours_old",
  /// "country", "offset"), with an optional note on why others were not (shown in
  /// the run summary). Call it before the first emit: the host applies the
  /// query's other filters to each job it is handed.
  void server_filters(std::initializer_list<std::string_view> keys, std::string_view note = {}) {
    server_filters(std::vector<std::string_view>(keys), note);
  }
  void server_filters(const std::vector<std::string_view>& keys, std::string_view note = {}) {
    std::string joined;
    for (auto k : keys) (joined += joined.empty() ? "" : ",") += k;
    report("server_filters", joined);
    if (!note.empty()) report("filter_note", note);
  }
  /// Sources: how this query went when it returns normally anyway (a partial
  /// result, say blocked after three pages). To fail the query, throw SourceError.
  void outcome(Outcome o, std::string_view reason) {
    report("outcome", outcome_name(o));
    report("outcome_reason", reason);
  }
  /// Hands the job to the pipeline. False once the run, or this query (at its
  /// results_wanted), wants no more jobs: stop paging then.
  bool emit(NewJob&& job) { return detail::api()->emit(h_, job.release()) == AJ_OK; }
  aj_context* handle() const noexcept { return h_; }

 private:
  aj_context* h_;
};

/// The jobs given to one process call.
class Batch {
 public:
  explicit Batch(aj_batch* handle) noexcept : h_(handle) {}
  uint32_t size() const { return detail::api()->batch_size(h_); }
  Job operator[](uint32_t i) { return Job(detail::api()->batch_get(h_, i)); }
  void drop(uint32_t i, std::string_view reason) { detail::api()->batch_drop(h_, i, detail::str(reason)); }
  void fail(uint32_t i, aj_status status, std::string_view message) {
    detail::api()->batch_fail(h_, i, status, detail::str(message));
  }

 private:
  aj_batch* h_;
};

/// The host as seen by one plugin instance: logging and optional services.
class Host {
 public:
  explicit Host(aj_host* handle) noexcept : h_(handle) {}
  void log(aj_log_level level, std::string_view message) const {
    detail::api()->log(h_, level, detail::str(message));
  }
  void debug(std::string_view m) const { log(AJ_LOG_DEBUG, m); }
  void info(std::string_view m) const { log(AJ_LOG_INFO, m); }
  void warn(std::string_view m) const { log(AJ_LOG_WARN, m); }
  void error(std::string_view m) const { log(AJ_LOG_ERROR, m); }
  /// An optional host service table by name ("aj.http.v1"), or nullptr.
  const void* service(const char* name) const { return detail::api()->get_service(h_, name); }
  aj_host* handle() const noexcept { return h_; }

 private:
  aj_host* h_;
};

struct SubmitRequest {
  aj_submit_mode mode = AJ_SUBMIT_MANUAL;
  bool dry_run = true;
  std::vector<std::string_view> documents;
};

// ---- base classes, one per kind ---------------------------------------------

class Source {
 public:
  static constexpr aj_kind kind = AJ_KIND_SOURCE;
  static constexpr uint32_t source_flags = 0;  // AJ_SOURCE_RUNS_ONCE to ignore the search
  virtual ~Source() = default;
  /// Find postings for one query and emit them. Throw aj::Error to fail.
  virtual void run(Context& ctx, const Config& query) = 0;
};

namespace detail {
// Calls per_job on each job of the batch; an exception fails that job only.
template <class Fn>
void for_each_job(Batch& batch, Fn&& per_job) {
  for (uint32_t i = 0, n = batch.size(); i < n; ++i) {
    Job job = batch[i];
    try {
      per_job(job);
    } catch (const Error& e) {
      batch.fail(i, e.status(), e.what());
    } catch (const std::exception& e) {
      batch.fail(i, AJ_ERROR, e.what());
    } catch (...) {
      batch.fail(i, AJ_ERROR, "unknown exception");
    }
  }
}
}  // namespace detail

class Enricher {
 public:
  static constexpr aj_kind kind = AJ_KIND_ENRICHER;
  virtual ~Enricher() = default;
  /// Override for batch work; the default calls enrich() per job.
  virtual void process(Context& ctx, Batch& batch) {
    detail::for_each_job(batch, [&](Job& job) { enrich(ctx, job); });
  }
  virtual void enrich(Context&, Job&) {}
};

class Scorer {
 public:
  static constexpr aj_kind kind = AJ_KIND_SCORER;
  virtual ~Scorer() = default;
  virtual void process(Context& ctx, Batch& batch) {
    detail::for_each_job(batch, [&](Job& job) { score(ctx, job); });
  }
  /// Set AJ_F_SCORE, AJ_F_SCORE_BREAKDOWN and AJ_F_DECISION.
  virtual void score(Context&, Job&) {}
};

class DocumentGenerator {
 public:
  static constexpr aj_kind kind = AJ_KIND_DOCUMENT;
  virtual ~DocumentGenerator() = default;
  /// Write documents; report each file with ctx.report("artifact", path).
  virtual void generate(Context& ctx, Job& job, std::string_view output_dir) = 0;
};

class Submitter {
 public:
  static constexpr aj_kind kind = AJ_KIND_SUBMITTER;
  virtual ~Submitter() = default;
  /// Apply; report "outcome" (submitted | filled | needs_manual | drafted).
  virtual void submit(Context& ctx, Job& job, const SubmitRequest& request) = 0;
};

/// One entry of a plugin's config schema.
constexpr aj_config_key key(const char* name, aj_config_type type, const char* default_value, bool required,
                            const char* doc, const char* choices = nullptr) {
  return aj_config_key{sizeof(aj_config_key), name, type, default_value, required ? 1 : 0, doc, choices};
}

namespace detail {

template <class Fn>
aj_status guard(aj_context* ctx, Fn&& fn) noexcept {
  try {
    fn();
    return AJ_OK;
  } catch (const Error& e) {
    api()->set_error(ctx, str(e.what()));
    return e.status();
  } catch (const std::exception& e) {
    api()->set_error(ctx, str(e.what()));
    return AJ_ERROR;
  } catch (...) {
    api()->set_error(ctx, str("unknown exception"));
    return AJ_ERROR;
  }
}

template <class T>
struct Export {
  static aj_status init(const aj_host_api* table, aj_host* host, aj_context* ctx) noexcept {
    api_slot().store(table, std::memory_order_relaxed);
    if constexpr (requires { T::init(Host(host)); }) return guard(ctx, [&] { T::init(Host(host)); });
    return AJ_OK;
  }
  static aj_status create(const aj_host_api* table, aj_host* host, const aj_config* config, aj_context* ctx,
                          void** out) noexcept {
    api_slot().store(table, std::memory_order_relaxed);
    *out = nullptr;
    return guard(ctx, [&] { *out = new T(Host(host), Config(config)); });
  }
  static void destroy(void* instance) noexcept { delete static_cast<T*>(instance); }

  static aj_status run(void* self, aj_context* c, const aj_config* query) noexcept {
    return guard(c, [&] {
      Context ctx(c);
      Config q(query);
      try {
        static_cast<T*>(self)->run(ctx, q);
      } catch (const SourceError& e) {
        ctx.report("outcome", outcome_name(e.outcome()));
        throw;
      }
    });
  }
  static aj_status process(void* self, aj_context* c, aj_batch* b) noexcept {
    return guard(c, [&] {
      Context ctx(c);
      Batch batch(b);
      static_cast<T*>(self)->process(ctx, batch);
    });
  }
  static aj_status generate(void* self, aj_context* c, aj_job* j, const aj_document_request* r) noexcept {
    return guard(c, [&] {
      Context ctx(c);
      Job job(j);
      static_cast<T*>(self)->generate(ctx, job, view(r->output_dir));
    });
  }
  static aj_status submit(void* self, aj_context* c, aj_job* j, const aj_submit_request* r) noexcept {
    return guard(c, [&] {
      Context ctx(c);
      Job job(j);
      SubmitRequest req;
      req.mode = r->mode;
      req.dry_run = r->dry_run != 0;
      for (uint32_t i = 0; i < r->document_count; ++i) req.documents.push_back(view(r->documents[i]));
      static_cast<T*>(self)->submit(ctx, job, req);
    });
  }

  static const void* kind_table() noexcept {
    if constexpr (T::kind == AJ_KIND_SOURCE) {
      static const aj_source_v1 t{sizeof(aj_source_v1), T::source_flags, &run};
      return &t;
    } else if constexpr (T::kind == AJ_KIND_ENRICHER) {
      static const aj_enricher_v1 t{sizeof(aj_enricher_v1), &process};
      return &t;
    } else if constexpr (T::kind == AJ_KIND_SCORER) {
      static const aj_scorer_v1 t{sizeof(aj_scorer_v1), &process};
      return &t;
    } else if constexpr (T::kind == AJ_KIND_DOCUMENT) {
      static const aj_document_v1 t{sizeof(aj_document_v1), &generate};
      return &t;
    } else {
      static const aj_submitter_v1 t{sizeof(aj_submitter_v1), &submit};
      return &t;
    }
  }

  static const aj_plugin_descriptor* descriptor() noexcept {
    static const aj_plugin_descriptor d = [] {
      aj_plugin_descriptor x{};
      x.struct_size = sizeof(aj_plugin_descriptor);
      x.abi_major = AJ_ABI_VERSION_MAJOR;
      x.abi_minor = AJ_ABI_VERSION_MINOR;
      x.kind = T::kind;
      x.name = T::name;
      x.version = T::version;
      x.summary = T::summary;
      if constexpr (requires { T::config; }) {
        x.config_keys = T::config;
        x.config_key_count = static_cast<uint32_t>(std::size(T::config));
      }
      x.init = &init;
      x.create = &create;
      x.destroy = &destroy;
      x.kind_table = kind_table();
      return x;
    }();
    return &d;
  }
};

}  // namespace detail
}  // namespace aj

/// Exports class T as this library's plugin. Use once per library.
#define AJ_PLUGIN(T)                                                          \
  extern "C" AJ_EXPORT const aj_plugin_descriptor* aj_plugin_entry_v1(void) { \
    return ::aj::detail::Export<T>::descriptor();                             \
  }

#endif  // AUTOJOBAGENT_PLUGIN_HPP
