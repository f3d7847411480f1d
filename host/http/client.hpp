// The HTTP client behind the "aj.http.v1" service: libcurl's multi interface
// driven by an Asio event loop on one I/O thread (curl_multi_socket_action, no
// thread per request), with the politeness, robots.txt, retry, circuit-breaker,
// proxy, cookie, cache and record/replay rules of docs/http.md.
#pragma once

#include "http/message.hpp"
#include "http/policy.hpp"
#include "http/stats.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aj::http {

/// Who is asking: whose policy applies, how to tell the run is stopping, and
/// which plugin call the request belongs to.
struct Caller {
  std::string component;  // policy and cookie sessions; "" = the defaults
  const std::atomic<bool>* cancelled = nullptr;
  const void* tag = nullptr;  // finish(tag) waits for every request carrying it
};

class Client {
 public:
  /// level: 0 trace .. 4 error (the AJ_LOG_* values)
  using Log = std::function<void(int level, const std::string& message)>;
  using Done = std::function<void(Response)>;

  /// Starts the I/O thread. Throws std::runtime_error for an unusable
  /// cache, record or replay folder.
  Client(ServiceSettings settings, Log log);
  ~Client();  // cancels whatever is still going and joins the I/O thread
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// The policy for one component; components without one use the defaults.
  void set_policy(const std::string& component, Policy policy);

  /// Asynchronous: `done` runs exactly once, on the I/O thread.
  void submit(Request request, Caller caller, Done done);
  /// Blocking; refused (Failure::invalid) on the I/O thread itself.
  Response fetch(Request request, Caller caller);
  bool on_io_thread() const;

  /// Ends, as cancelled, every request whose caller's flag is set.
  void cancel_stopped();
  /// Cancels what `tag` still has going and waits until all of it has
  /// completed; returns how many were cancelled.
  size_t finish(const void* tag);

  std::vector<HostStats> stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aj::http
