// How the browser service is set up: the `browser:` block of host.yaml, and
// each component's own `browser:` block over it (docs/browser.md). Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aj::browser {

/// What one component may do.
struct Policy {
  std::vector<std::string> allowed_hosts;   // "example.com", "*.example.com", "host:port"; empty: any http(s) host
  std::string profile_dir;                  // a persistent profile (own browser process); empty: a fresh context
  std::vector<std::string> cookie_banners;  // selectors clicked after each navigation when visible
  int64_t timeout_ms = 30'000;              // default per operation
};

struct Settings {
  std::string executable;  // empty: found (AJ_CHROMIUM, /usr/lib/chromium/chromium, chromium, ... on PATH)
  int max_tabs = 5;        // open pages over all components, popups included
  int64_t launch_timeout_ms = 30'000;
  int64_t open_timeout_ms = 300'000;  // how long open() waits for a free slot by default
  bool headless = true;
  std::vector<std::string> args;  // extra command-line flags
  std::string downloads_dir;      // each run gets a folder inside; empty: $TMPDIR
  Policy defaults;
};

/// Latency of one kind of operation.
struct OpStats {
  std::string op;
  uint64_t calls = 0, failed = 0;
  double p50_ms = 0, p90_ms = 0, max_ms = 0;
};

/// What the run summary shows.
struct Stats {
  bool used = false;        // a browser was started this run
  std::string version;      // "Chrome/156.0.8078.79"
  int pid = 0;              // the current browser process (0: none)
  uint64_t starts = 0;      // processes started, restarts included
  uint64_t crashes = 0;     // browser processes that died while in use
  uint64_t tabs_opened = 0;
  uint64_t pages = 0;       // navigations that loaded
  uint64_t popups = 0, popups_closed = 0;  // popups met; closed for lack of a slot
  uint64_t refused = 0;     // navigations refused (allowed hosts)
  int open_tabs = 0, peak_tabs = 0, max_tabs = 0;
  double active_s = 0;      // time with at least one tab open
  double pages_per_minute = 0;
  uint64_t rss_bytes = 0, peak_rss_bytes = 0;  // summed over the browser's processes (shared pages counted per process)
  uint64_t pss_bytes = 0, peak_pss_bytes = 0;  // the same, shared pages split among their sharers
  std::vector<OpStats> ops;
  std::string downloads_dir;
};

}  // namespace aj::browser
