// Loads one of ajhost's own service modules (aj_http.so, aj_browser.so):
// from $<env> when set, else lib/autojobagent/<file> beside bin/ajhost.
#pragma once

#include <string>

namespace aj::host {

/// The address of `symbol` in the module, or null with `error` saying what to do.
/// The module stays loaded for the life of the process (its threads' code).
void* load_host_module(const char* file, const char* env, const char* symbol, const char* what, std::string& error);

/// A module's log line into the host's log, as "<prefix>: message".
void log_module_line(const char* prefix, int level, const std::string& message);

}  // namespace aj::host
