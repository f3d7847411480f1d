#include "http/policy_config.hpp"

#include <algorithm>
#include <filesystem>

namespace aj::host {

SchemaPtr http_schema(bool global) {
  std::vector<SchemaKey> keys = {
      {"user_agent", schema::string(), false, "the User-Agent header", ""},
      {"robots", schema::boolean(), false, "honour robots.txt (RFC 9309); false logs a warning", "true"},
      {"robots_token", schema::string(), false, "the product token looked up in robots.txt", "AutoJobAgent"},
      {"max_per_host", schema::integer(1, 1024), false, "requests in flight to one host", "4"},
      {"delay_ms", schema::integer(0), false, "least time between two request starts to one host", "0"},
      {"jitter", schema::number(), false, "the delay varies by +- this fraction (0-1)", "0.25"},
      {"max_body_mb", schema::integer(1, 4096), false, "decoded body cap; the transfer is aborted beyond it", "32"},
      {"connect_timeout_ms", schema::integer(1), false, "connect timeout of one attempt", "10000"},
      {"timeout_ms", schema::integer(1), false, "total time of one attempt", "30000"},
      {"max_redirects", schema::integer(0, 100), false, "redirects followed", "10"},
      {"retries", schema::integer(0, 20), false, "attempts after the first on 429, 502-504, timeouts, resets", "3"},
      {"backoff_base_ms", schema::integer(0), false, "first backoff; doubles per attempt, with jitter", "500"},
      {"backoff_max_ms", schema::integer(0), false, "longest backoff", "30000"},
      {"max_retry_after_s", schema::integer(0), false, "a longer Retry-After gives up instead of waiting", "120"},
      {"breaker_threshold", schema::integer(1), false, "refusals in a row that open a host's circuit", "5"},
      {"breaker_cooldown_s", schema::integer(0), false, "how long an open circuit refuses requests", "60"},
      {"proxies", schema::string_list(), false, "proxy URLs (http://, https://, socks5://)", "[]"},
      {"proxy_rotation", schema::string({"request", "session"}), false, "a new proxy per request or per session",
       "request"},
      {"proxy_max_failures", schema::integer(1), false, "failures in a row that take a proxy out", "2"},
      {"cache", schema::boolean(), false, "use the disk cache for GETs", "true"},
      {"cache_max_age_s", schema::integer(0), false, "serve cached GETs this fresh without asking; 0 revalidates",
       "0"},
      {"ca_file", schema::string(), false, "an extra CA bundle (TLS verification is always on)", ""},
  };
  if (global) {
    keys.push_back({"max_total", schema::integer(1, 4096), false, "requests in flight over all hosts", "32"});
    keys.push_back({"cache_dir", schema::string(), false,
                    "the disk cache (default $XDG_CACHE_HOME/autojobagent/http; \"\" for none)", ""});
  }
  return schema::object(std::move(keys));
}

http::Policy policy_from(const Node& block, http::Policy p) {
  if (!block.is_map()) return p;
  auto str = [&](const char* k, std::string& out) {
    if (const Node* n = block.find(k); n && n->is_scalar()) out = n->scalar;
  };
  auto boolean = [&](const char* k, bool& out) {
    if (const Node* n = block.find(k)) out = as_bool(*n).value_or(out);
  };
  auto i64 = [&](const char* k, int64_t& out, int64_t scale = 1) {
    if (const Node* n = block.find(k))
      if (auto v = as_int(*n)) out = *v * scale;
  };
  auto i32 = [&](const char* k, int& out) {
    if (const Node* n = block.find(k))
      if (auto v = as_int(*n)) out = static_cast<int>(*v);
  };
  str("user_agent", p.user_agent);
  boolean("robots", p.robots);
  str("robots_token", p.robots_token);
  i32("max_per_host", p.max_per_host);
  i64("delay_ms", p.delay_ms);
  if (const Node* n = block.find("jitter"))
    if (auto v = as_float(*n)) p.jitter = std::clamp(*v, 0.0, 1.0);
  i64("max_body_mb", p.max_body_bytes, int64_t{1} << 20);
  i64("connect_timeout_ms", p.connect_timeout_ms);
  i64("timeout_ms", p.timeout_ms);
  i32("max_redirects", p.max_redirects);
  i32("retries", p.retries);
  i64("backoff_base_ms", p.backoff_base_ms);
  i64("backoff_max_ms", p.backoff_max_ms);
  i64("max_retry_after_s", p.max_retry_after_ms, 1000);
  i32("breaker_threshold", p.breaker_threshold);
  i64("breaker_cooldown_s", p.breaker_cooldown_ms, 1000);
  if (const Node* n = block.find("proxies"); n && n->is_seq()) {
    p.proxies.clear();
    for (const auto& item : n->items)
      if (item.is_scalar()) p.proxies.push_back(item.scalar);
  }
  str("proxy_rotation", p.proxy_rotation);
  i32("proxy_max_failures", p.proxy_max_failures);
  boolean("cache", p.cache);
  i64("cache_max_age_s", p.cache_max_age_s);
  str("ca_file", p.ca_file);
  return p;
}

void service_from(const Node& block, const std::string& dir, http::ServiceSettings& out) {
  out.defaults = policy_from(block, out.defaults);
  if (!block.is_map()) return;
  if (const Node* n = block.find("max_total"))
    if (auto v = as_int(*n)) out.max_total = static_cast<int>(*v);
  if (const Node* n = block.find("cache_dir"); n && n->is_scalar()) {
    std::filesystem::path p(n->scalar);
    out.cache_dir = p.empty() || p.is_absolute() ? p.string() : (std::filesystem::path(dir) / p).string();
  }
}

}  // namespace aj::host
