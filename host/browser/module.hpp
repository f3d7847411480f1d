// The boundary between ajhost and its browser module (aj_browser.so). Both
// sides are built together by this project, so C++ types may cross it; plugins
// never see it (they get the C table of sdk/include/autojobagent/browser.h).
#pragma once

#include "browser/settings.hpp"

#include <autojobagent/browser.h>

#include <atomic>
#include <functional>
#include <string>

namespace aj::browser {

struct ModuleArgs {
  Settings settings;
  std::function<void(int level, const std::string& message)> log;
  std::function<std::string(aj_host*)> component_of;                    // whose policy and contexts
  std::function<const std::atomic<bool>*(aj_context*)> cancel_flag_of;  // the run stopping
};

class Module {
 public:
  virtual ~Module() = default;
  virtual const aj_browser_api_v1* table() const = 0;
  virtual void set_policy(const std::string& component, const Policy& policy) = 0;
  /// Wakes callers waiting for a tab slot or a page whose run is stopping.
  virtual void cancel_stopped() = 0;
  /// Closes the tabs a plugin call left open; returns how many.
  virtual size_t finish(const aj_context* ctx) = 0;
  virtual Stats stats() const = 0;
};

/// The one symbol aj_browser.so exports; it calls create_module.
#define AJ_BROWSER_MODULE_SYMBOL "aj_browser_module_create"
using ModuleCreate = Module* (*)(const ModuleArgs& args, std::string& error);

/// The service itself (tests link it directly). Never fails for a missing
/// browser: that is reported by each open() (AJ_BROWSER_FAIL_UNAVAILABLE).
Module* create_module(const ModuleArgs& args, std::string& error);

}  // namespace aj::browser
