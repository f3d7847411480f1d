// Starting and stopping a Chromium process: finding the executable, the flags
// a closed network needs, the DevTools address it prints, its memory.
#pragma once

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace aj::browser {

/// The browser to run: `configured` if set, else $AJ_CHROMIUM, else the first
/// of /usr/lib/chromium/chromium, chromium, chromium-browser, google-chrome
/// on PATH. Empty (with `error` saying what to install) when there is none.
std::string find_executable(const std::string& configured, std::string& error);

struct LaunchOptions {
  std::string executable;
  std::string user_data_dir;
  bool headless = true;
  std::vector<std::string> extra_args;
  std::chrono::steady_clock::time_point deadline;
};

/// The command line: headless, no sandbox as root, nothing phoning home.
std::vector<std::string> command_line(const LaunchOptions& o);

struct Launched {
  pid_t pid = -1;
  int stderr_fd = -1;  // the browser's stderr, still open: keep reading it
  std::string ws_url;  // ws://127.0.0.1:PORT/devtools/browser/ID
};

/// Starts the browser (in its own process group; it dies with the thread
/// that calls this) and waits for its DevTools address. On failure the
/// process is gone and `error` quotes what it printed.
bool launch(const LaunchOptions& o, Launched& out, std::string& error);

/// Waits up to `limit` for the process to exit by itself (no signal); true if it did.
bool wait_exit(pid_t pid, std::chrono::milliseconds limit);

/// Ends the process: SIGTERM, then SIGKILL to its group after `grace`; reaps it.
void terminate(pid_t pid, std::chrono::milliseconds grace);

/// How a process that exited is described ("killed by signal 9"); empty while it runs.
std::string reap(pid_t pid);

/// Memory of `pid` and all its descendants, in bytes: resident (RSS, which
/// counts pages the processes share once per process) and proportional (PSS,
/// each shared page split among its sharers: the honest total).
struct Memory {
  uint64_t rss = 0, pss = 0;
};
Memory tree_memory(pid_t pid);

}  // namespace aj::browser
