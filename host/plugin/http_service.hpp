// ajhost's side of the HTTP service: loads aj_http.so the first time a plugin
// asks for "aj.http.v1" (so commands that make no request never pay for
// libcurl), hands it the settings and the per-component policies, and gives
// the engine cancel, finish and metrics.
#pragma once

#include "http/policy.hpp"
#include "http/stats.hpp"

#include <autojobagent/http.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aj::http {
class Module;
}

namespace aj::host {

class HttpService {
 public:
  static HttpService& instance();

  /// Settings for the module; before it is loaded (later calls are ignored
  /// once it runs, with a warning).
  void configure(http::ServiceSettings settings);
  http::Policy defaults() const;
  void set_policy(const std::string& component, const http::Policy& policy);

  /// The service table, loading the module on first use; null (logged once)
  /// when it cannot be loaded or started.
  const aj_http_api_v1* table();
  /// Why table() returned null, empty otherwise.
  std::string load_error() const;

  // No-ops until the module is loaded.
  void cancel_stopped();
  size_t finish(const aj_context* ctx);
  std::vector<http::HostStats> stats() const;

  /// Stops the module's I/O thread (cancelling what is left); a later table()
  /// starts a fresh one.
  void shutdown();

 private:
  HttpService() = default;
  ~HttpService();
  mutable std::mutex mutex_;
  http::ServiceSettings settings_;
  std::map<std::string, http::Policy> policies_;  // the latest per component
  http::Module* module_ = nullptr;
  bool tried_ = false;
  std::string error_;
};

}  // namespace aj::host
