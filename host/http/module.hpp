// The boundary between ajhost and its HTTP module (aj_http.so). Both sides are
// built together by this project, so C++ types may cross it; plugins never see
// it (they get the C table of sdk/include/autojobagent/http.h).
#pragma once

#include "http/policy.hpp"
#include "http/stats.hpp"

#include <autojobagent/http.h>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace aj::http {

struct ModuleArgs {
  ServiceSettings settings;
  std::function<void(int level, const std::string& message)> log;
  std::function<std::string(aj_host*)> component_of;                    // whose policy
  std::function<const std::atomic<bool>*(aj_context*)> cancel_flag_of;  // the run stopping
};

class Module {
 public:
  virtual ~Module() = default;
  virtual const aj_http_api_v1* table() const = 0;
  virtual void set_policy(const std::string& component, const Policy& policy) = 0;
  virtual void cancel_stopped() = 0;
  virtual size_t finish(const aj_context* ctx) = 0;
  virtual std::vector<HostStats> stats() const = 0;
};

/// The one symbol aj_http.so exports. Returns null with `error` set when the
/// service cannot start (a replay folder without a recording, say).
#define AJ_HTTP_MODULE_SYMBOL "aj_http_module_create"
using ModuleCreate = Module* (*)(const ModuleArgs& args, std::string& error);

}  // namespace aj::http
