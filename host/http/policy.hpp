// How the HTTP service treats one component's requests: the global `http:`
// block of host.yaml, overridden key by key by the component's own `http:`
// block in a pipeline. Plain data; docs/http.md describes each setting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aj::http {

struct Policy {
  std::string user_agent = "AutoJobAgent/0.1 (+https://github.com/autojobagent)";
  std::string robots_token = "AutoJobAgent";  // the product token matched in robots.txt
  bool robots = true;                         // honour robots.txt (RFC 9309)
  int max_per_host = 4;                       // requests in flight to one host
  int64_t delay_ms = 0;                       // between request starts to one host
  double jitter = 0.25;                       // delay varies by +- this fraction
  int64_t max_body_bytes = 32ll << 20;        // decoded size; the transfer is aborted beyond it
  int64_t connect_timeout_ms = 10'000;
  int64_t timeout_ms = 30'000;  // one attempt, all included
  int max_redirects = 10;
  int retries = 3;  // further attempts after the first
  int64_t backoff_base_ms = 500;
  int64_t backoff_max_ms = 30'000;
  int64_t max_retry_after_ms = 120'000;  // a longer Retry-After gives up instead of waiting
  int breaker_threshold = 5;             // consecutive refusals that open a host's circuit
  int64_t breaker_cooldown_ms = 60'000;  // then one trial request is let through
  std::vector<std::string> proxies;      // http://, https://, socks5:// URLs
  std::string proxy_rotation = "request";  // request | session
  int proxy_max_failures = 2;              // consecutive failures that take a proxy out
  int64_t cache_max_age_s = 0;  // serve cached GETs this fresh without asking; 0: always revalidate
  bool cache = true;            // use the disk cache at all (when the host has one)
  std::string ca_file;          // extra CA bundle; TLS verification is always on
};

/// Settings of the whole service, from host.yaml and the command line.
struct ServiceSettings {
  Policy defaults;
  int max_total = 32;         // requests in flight over all hosts
  std::string cache_dir;      // empty: no disk cache
  std::string record_dir;     // --record
  std::string replay_dir;     // --replay: no network at all
};

}  // namespace aj::http
