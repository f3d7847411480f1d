// The local fixture web: an HTTP/1.1 server that tests start in-process on
// 127.0.0.1 (a free port), serving routes and files from tests/fixtures/web/
// with faults injected per route (latency, error statuses, slow drip, resets,
// dropped connections, redirects, oversized and gzip-bomb bodies). Every HTTP
// test runs against it, so no test touches the network. Standard headers only:
// the Asio/Beast machinery stays in fixture_web.cpp so that tests including
// this compile fast.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aj::test {

// Every member has an initializer, `{}` included: GCC 12 then accepts designated
// initializers naming only some fields (Route{.path = "/a", .body = "x"}) under
// -Wextra's -Wmissing-field-initializers.

/// What to do wrong on a route; every field zero/empty means "nothing".
struct Fault {
  int latency_ms = 0;                        // wait before answering (a timer, never a sleeping thread)
  int status = 0;                            // answer with this status instead of the content (429, 503, ...)
  std::string retry_after{};                 // Retry-After value sent with `status` ("1" or an HTTP-date)
  int fail_first = 0;                        // status/reset/drip only for the route's first N requests (0 = always)
  int fail_from = 0;                         // ... or only from the route's Nth request on (1-based; 0 = unused)
  int drip_bytes = 0, drip_interval_ms = 0;  // the body drip_bytes at a time, each piece after the interval
  int reset_after_bytes = -1;                // the head (full Content-Length) and this many body bytes, then RST
  std::string redirect_to{};                 // 302 with this Location (relative or absolute)
  int64_t oversized_bytes = 0;               // a generated body of this many 'x' bytes, Content-Length set
  int64_t gzip_bomb_bytes = 0;               // Content-Encoding: gzip body inflating to this many zero bytes
  bool chunked = false;                      // Transfer-Encoding: chunked, no Content-Length
  bool drop = false;                         // close the connection right after reading the request: no answer
};

struct Route {
  std::string path{};          // exact path ("/jobs") or a prefix ending in '*' ("/bench/*"); query not matched
  std::string file{};          // under the root; {name} is filled from query parameter `name`; missing -> 404
  std::vector<std::string> sequence{};  // files (like `file`) for the 1st, 2nd, ... request; the last one repeats
  std::string body{};          // inline body, used when `file` is empty
  /// A body made for each request from its path and query (bench boards of
  /// thousands of generated pages); used when `file` is empty. Called on the
  /// server's thread: keep it quick and thread-safe.
  std::function<std::string(std::string_view path, std::string_view query)> generate{};
  std::string content_type{};  // default: guessed from the file's (or path's) extension
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers{};  // extra headers (Set-Cookie, ETag, ...)
  bool echo = false;         // 200 application/json describing the request (method, target, headers, body, ...)
  bool conditional = false;  // 304 on If-None-Match (ETag header) / If-Modified-Since (Last-Modified header)
  Fault fault{};
};

/// One request as the server saw it.
struct RequestLog {
  std::string method, target, path, query, body;
  std::vector<std::pair<std::string, std::string>> headers;  // as received, in order
  bool proxied = false;      // absolute-form request line: we were used as an HTTP proxy
  std::string proxied_host;  // host:port of that absolute URL
  uint64_t connection = 0;   // id of the TCP connection (1, 2, ...): equal ids = a reused connection
  std::chrono::steady_clock::time_point at;  // when the request head was read
  int status = 0;                            // what was answered (0: nothing, the connection was dropped)
  /// The first header with this name, case-insensitively; "" if absent.
  std::string header(std::string_view name) const;
};

class FixtureWeb {
 public:
  /// Listens on 127.0.0.1:`port` (0: a free one) at once, serving from its own thread.
#ifdef AJ_FIXTURES_DIR
  explicit FixtureWeb(std::filesystem::path root = AJ_FIXTURES_DIR "/web", uint16_t port = 0);
#else
  explicit FixtureWeb(std::filesystem::path root, uint16_t port = 0);
#endif
  /// Stops, closes every connection and joins the thread.
  ~FixtureWeb();
  FixtureWeb(const FixtureWeb&) = delete;
  FixtureWeb& operator=(const FixtureWeb&) = delete;

  uint16_t port() const;
  /// "http://127.0.0.1:PORT" + path.
  std::string url(std::string_view path = "/") const;

  /// Thread-safe; a route with the same path replaces the earlier one (and its fail_first count).
  void add(Route r);
  /// Adds the routes of a YAML file (format in tests/fixtures/web/README.md); throws with file:line on errors.
  void load_routes(const std::filesystem::path& yaml_file);
  /// Latency added to every request, routes and static files alike (aj-fixture-web --latency-ms).
  void set_extra_latency_ms(int ms);

  /// A copy of the log so far, in arrival order.
  std::vector<RequestLog> requests() const;
  /// Logged requests whose path is exactly `path`.
  size_t count(std::string_view path) const;
  void clear_log();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aj::test
