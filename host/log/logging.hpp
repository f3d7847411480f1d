// spdlog set-up: stderr (colours on a TTY) plus an optional rotating file.
#pragma once

#include <functional>
#include <string>

namespace aj::host {

struct LogSettings {
  std::string level = "info";  // trace | debug | info | warn | error
  std::string file;            // empty: no file
  int64_t max_size_mb = 10;
  int64_t max_files = 3;
};

/// Returns false (with `error` set) for an unknown level or an unwritable file.
bool setup_logging(const LogSettings& settings, std::string& error);

/// While set, stderr log lines call `before` and `after` around their output
/// (a progress display clears and redraws itself). Pass empty functions to unset.
void set_console_overlay(std::function<void()> before, std::function<void()> after);
/// Runs `fn` holding the console lock (no log line is written meanwhile).
void with_console(const std::function<void()>& fn);

}  // namespace aj::host
