// ajhost's side of the browser service: loads aj_browser.so the first time a
// plugin asks for "aj.browser.v1" (no Beast or Chromium cost otherwise), hands
// it the settings and per-component policies, and gives the engine cancel,
// finish (tabs a call left open) and metrics.
#pragma once

#include "browser/settings.hpp"

#include <autojobagent/browser.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace aj::browser {
class Module;
}

namespace aj::host {

class BrowserService {
 public:
  static BrowserService& instance();

  /// Settings for the next start of the module.
  void configure(browser::Settings settings);
  browser::Settings settings() const;
  void set_policy(const std::string& component, const browser::Policy& policy);

  /// The service table, loading the module on first use; null (logged) when it cannot be loaded.
  const aj_browser_api_v1* table();

  // No-ops until the module is loaded.
  void cancel_stopped();
  size_t finish(const aj_context* ctx);
  /// Metrics; nullopt when no plugin used the browser.
  std::optional<browser::Stats> stats() const;

  /// Closes the browser(s); a later table() starts afresh.
  void shutdown();

 private:
  BrowserService() = default;
  ~BrowserService();
  mutable std::mutex mutex_;
  browser::Settings settings_;
  std::map<std::string, browser::Policy> policies_;
  browser::Module* module_ = nullptr;
  bool tried_ = false;
  std::string error_;
};

}  // namespace aj::host
