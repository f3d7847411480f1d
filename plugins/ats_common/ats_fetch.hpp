// What the keyless ATS board sources (smartrecruiters, bamboohr, workday) share:
// parallel detail fetches and the record of failed companies. Header-only, built
// only against sdk/; a candidate for ajsrc.
#pragma once

#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ats {

/// Several requests at once through the host's HTTP service, answers in request
/// order. The host still paces them (max_per_host, delay_ms, robots.txt), so "at
/// once" never exceeds the politeness settings; it only saves the round trips a
/// one-by-one loop would wait for.
inline std::vector<aj::HttpResponse> fetch_all(const aj::Http& http, aj::Context& ctx,
                                               const std::vector<aj::HttpRequest>& requests) {
  std::vector<std::optional<aj::HttpResponse>> got(requests.size());
  std::vector<size_t> refused;
  std::mutex m;
  std::condition_variable cv;
  size_t left = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    {
      std::lock_guard lock(m);
      ++left;
    }
    bool queued = http.fetch_async(ctx, requests[i], [&, i](aj::HttpResponse r) {
      std::lock_guard lock(m);
      got[i].emplace(std::move(r));
      if (--left == 0) cv.notify_one();
    });
    if (!queued) {
      std::lock_guard lock(m);
      --left;
      refused.push_back(i);
    }
  }
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return left == 0; });
  }
  // Refused at once (the run is stopping, say): the blocking call returns a response saying why.
  for (size_t i : refused) got[i].emplace(http.fetch(ctx, requests[i]));
  std::vector<aj::HttpResponse> out;
  out.reserve(got.size());
  for (auto& g : got) out.push_back(std::move(*g));
  return out;
}

/// A failure kept while the other companies of a query go on.
struct Failure {
  std::optional<aj::Outcome> outcome;  // none: a plain error (say, a board that does not exist)
  std::string message;
  aj_status status = AJ_ERROR;

  static Failure of(const aj::SourceError& e) { return {e.outcome(), e.what(), e.status()}; }
  static Failure of(const aj::Error& e) { return {std::nullopt, e.what(), e.status()}; }
  [[noreturn]] void raise() const {
    if (outcome) throw aj::SourceError(*outcome, message, status);
    throw aj::Error(message, status);
  }
  /// Says how the query went while it returns normally (a partial result).
  void report(aj::Context& ctx) const {
    if (outcome) return ctx.outcome(*outcome, message);
    // The engine ranks "error" with the other outcomes; aj::Outcome has no member for it.
    ctx.report("outcome", "error");
    ctx.report("outcome_reason", message);
  }
};

/// How one query went over every company it read.
struct QueryState {
  uint64_t emitted = 0;                // jobs handed to the host
  std::optional<Failure> list_failure;  // the first list (board) that could not be read
  std::optional<Failure> detail_failure;
  size_t detail_failures = 0, details_asked = 0;
  bool details_stopped = false;  // a detail was refused: no more were asked for

  void list_failed(Failure f) {
    if (!list_failure) list_failure = std::move(f);
  }
  void detail_failed(Failure f) {
    ++detail_failures;
    if (!detail_failure) detail_failure = std::move(f);
  }
  /// The end of a query: fails it when nothing was found and a board failed,
  /// or says what went wrong next to what was found.
  void finish(aj::Context& ctx) const {
    if (list_failure && emitted == 0) list_failure->raise();
    std::string details;
    if (detail_failure)
      details = std::to_string(detail_failures) + " of " + std::to_string(details_asked) +
                " job descriptions could not be read, so those postings are stored without one (first: " +
                detail_failure->message + ")" + (details_stopped ? "; no more were asked for this run" : "");
    if (list_failure) {
      // One outcome per query: the list's, with the details' trouble added to its reason.
      Failure f = *list_failure;
      if (!details.empty()) f.message += "; also " + details;
      return f.report(ctx);
    }
    if (detail_failure) {
      Failure f = *detail_failure;
      f.message = details;
      f.report(ctx);
    }
  }
};

/// Sets a text field unless the value is empty (an empty field stays NULL).
inline void set_text(aj::Job& job, aj::Field f, std::string_view value) {
  if (!value.empty()) job.set(f, value);
}

/// True for an HTTP status that means the posting is gone (closed since the list was read).
inline bool gone(const aj::HttpResponse& r) { return r.ok() && (r.status() == 404 || r.status() == 410); }

}  // namespace ats
