// What the HTTP service did per host in a run: for the run summary, the runs
// table and (later) the dashboard. Plain data.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace aj::http {

struct HostStats {
  std::string host;                  // scheme://host[:port] (no default port)
  uint64_t requests = 0;             // asked for by plugins (and robots.txt)
  uint64_t attempts = 0;             // sent over the network
  uint64_t bytes = 0;                // bodies received, decoded
  uint64_t retries = 0;
  uint64_t failures = 0;             // requests that ended without a usable answer
  uint64_t cache_hits = 0, revalidated = 0, replayed = 0;
  uint64_t robots_blocked = 0;
  uint64_t circuit_opens = 0, circuit_refused = 0;
  std::map<long, uint64_t> statuses;  // per HTTP status of each attempt; 0 = no answer
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;  // per attempt
};

}  // namespace aj::http
