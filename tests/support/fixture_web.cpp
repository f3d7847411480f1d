// The fixture web's server: Beast parses requests, responses are written by
// hand so that faults (drip, reset mid-body, chunking) have full control of
// the bytes on the wire. One io_context thread runs a coroutine per
// connection; latency and drip are timers, so thousands of delayed answers
// are in flight at once without a thread each.
#include "fixture_web.hpp"

#include <autojobagent/json.hpp>

#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <yaml-cpp/yaml.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>
#include <climits>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace aj::test {
namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Headers = std::vector<std::pair<std::string, std::string>>;
using Request = http::request<http::string_body>;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kPiece = 64 * 1024;             // write size for bodies that are not dripped
constexpr uint64_t kMaxRequestBody = 64u << 20;  // multipart uploads in tests are far smaller

// ---- text --------------------------------------------------------------------

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string find_header(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers)
    if (iequals(n, name)) return v;
  return "";
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view q) {
  std::map<std::string, std::string> out;
  while (!q.empty()) {
    std::string_view pair = q.substr(0, q.find('&'));
    q.remove_prefix(std::min(q.size(), pair.size() + 1));
    size_t eq = pair.find('=');
    std::string name = percent_decode(pair.substr(0, eq), true);
    if (!name.empty()) out.emplace(name, eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true));
  }
  return out;
}

// A ".." segment (after decoding, so %2e%2e counts) could climb out of the root.
bool climbs(std::string_view path) {
  if (path.find('\0') != std::string_view::npos) return true;
  while (!path.empty()) {
    size_t end = path.find_first_of("/\\");
    if (path.substr(0, end) == "..") return true;
    if (end == std::string_view::npos) break;
    path.remove_prefix(end + 1);
  }
  return false;
}

std::string guess_content_type(const std::string& name) {
  std::string ext = lower(fs::path(name).extension().string());
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".xml") return "application/xml";
  if (ext == ".txt") return "text/plain";
  return "application/octet-stream";
}


// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form we send ourselves.
std::optional<time_t> parse_http_date(const std::string& s) {
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end) return std::nullopt;
  return timegm(&tm);
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  auto strong = [](std::string_view t) { return t.substr(0, 2) == "W/" ? t.substr(2) : t; };
  for (size_t start = 0; start <= if_none_match.size();) {
    size_t comma = std::min(if_none_match.find(',', start), if_none_match.size());
    std::string_view one = trim(if_none_match.substr(start, comma - start));
    if (one == "*" || strong(one) == strong(trim(etag))) return true;
    start = comma + 1;
  }
  return false;
}

std::optional<std::string> read_whole(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in) return std::nullopt;
  return ss.str();
}

// Fills {name} from the query; nullopt (-> 404) when a value is missing or
// could name a file outside the folder the template points into.
std::optional<std::string> fill_template(std::string_view tmpl, const std::map<std::string, std::string>& query) {
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    size_t close = tmpl[i] == '{' ? tmpl.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += tmpl[i++];
      continue;
    }
    auto it = query.find(std::string(tmpl.substr(i + 1, close - i - 1)));
    if (it == query.end() || it->second.empty() || it->second.find_first_of("/\\") != std::string::npos ||
        climbs(it->second))
      return std::nullopt;
    out += it->second;
    i = close + 1;
  }
  return out;
}

// A gzip stream of `n` zero bytes. Z_RLE finds the 258-byte runs at memcpy
// speed, and zeros compress ~1000:1 whatever the level.
std::string gzip_zeros(int64_t n) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_RLE) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  static const std::vector<unsigned char> zeros(1 << 20);
  std::string out;
  unsigned char buf[64 * 1024];
  int64_t left = n;
  do {
    const auto take = static_cast<uInt>(std::min<int64_t>(left, zeros.size()));
    left -= take;
    zs.next_in = const_cast<Bytef*>(zeros.data());
    zs.avail_in = take;
    do {
      zs.next_out = buf;
      zs.avail_out = sizeof buf;
      deflate(&zs, left == 0 ? Z_FINISH : Z_NO_FLUSH);
      out.append(reinterpret_cast<const char*>(buf), sizeof buf - zs.avail_out);
    } while (zs.avail_out == 0);
  } while (left > 0);
  deflateEnd(&zs);
  return out;
}

// ---- responses ---------------------------------------------------------------

// A body held in memory, or `filler` 'x' bytes generated as they are sent.
struct Body {
  std::shared_ptr<const std::string> data;
  int64_t filler = 0;

  static Body text(std::string s) { return {std::make_shared<const std::string>(std::move(s)), 0}; }
  int64_t size() const { return data ? static_cast<int64_t>(data->size()) : filler; }
  std::string_view piece(int64_t offset, size_t max) const {
    const auto n = static_cast<size_t>(std::min<int64_t>(max, size() - offset));
    if (data) return std::string_view(*data).substr(offset, n);
    static const std::string xs(kPiece, 'x');
    return {xs.data(), std::min(n, xs.size())};
  }
};

struct Reply {
  int status = 200;
  Headers headers;  // all but the framing ones (Content-Length, Transfer-Encoding, Connection)
  Body body;
  bool chunked = false;
  bool head_only = false;  // HEAD: GET's head without the body
  bool keep_alive = true;
  bool http10 = false;
  int latency_ms = 0;
  int drip_bytes = 0, drip_interval_ms = 0;
  int64_t reset_after = -1;
  bool drop = false;  // no answer at all: the connection is closed

  bool has_body() const { return status >= 200 && status != 204 && status != 304; }

  std::string head() const {
    std::string reason(http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status))));
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
    for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
    if (has_body())
      out += chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (!keep_alive)
      out += "Connection: close\r\n";
    else if (http10)
      out += "Connection: keep-alive\r\n";
    return out + "\r\n";
  }
};

Reply plain(int status, std::string text) {
  Reply r;
  r.status = status;
  r.headers = {{"Content-Type", "text/plain"}};
  r.body = Body::text(std::move(text));
  return r;
}

std::string echo_json(const Request& req, const RequestLog& e) {
  std::map<std::string, std::string> merged;  // repeated headers joined, as a proxy would
  for (const auto& [name, value] : e.headers) {
    std::string key = lower(name);
    auto [it, fresh] = merged.emplace(key, value);
    if (!fresh) it->second += (key == "cookie" ? "; " : ", ") + value;
  }
  std::string out = "{\"method\":" + aj::json_string(e.method) + ",\"target\":" + aj::json_string(e.target) +
                    ",\"path\":" + aj::json_string(e.path) + ",\"query\":" + aj::json_string(e.query) + ",\"headers\":{";
  bool first = true;
  for (const auto& [name, value] : merged) {
    out += (first ? "" : ",") + aj::json_string(name) + ":" + aj::json_string(value);
    first = false;
  }
  auto cookie = merged.find("cookie");
  return out + "},\"body\":" + aj::json_string(req.body()) +
         ",\"cookie\":" + aj::json_string(cookie == merged.end() ? "" : cookie->second) + "}";
}

bool not_modified(const Request& req, const Route& route) {
  std::string etag = find_header(route.headers, "ETag");
  auto inm = req[http::field::if_none_match];
  if (!inm.empty()) return !etag.empty() && etag_matches(inm, etag);  // it takes precedence (RFC 9110 13.2.2)
  auto ims = parse_http_date(std::string(req[http::field::if_modified_since]));
  auto modified = parse_http_date(find_header(route.headers, "Last-Modified"));
  return ims && modified && *modified <= *ims;
}

// Splits an origin-form or absolute-form target; nullopt when it is neither.
struct Target {
  std::string path, query, proxied_host;
  bool proxied = false;
};
std::optional<Target> split_target(std::string_view target) {
  Target t;
  if (!target.empty() && target.front() != '/') {  // absolute-form: http://host:port/path?query
    size_t scheme = target.find("://");
    if (scheme == std::string_view::npos) return std::nullopt;
    target.remove_prefix(scheme + 3);
    size_t end = target.find_first_of("/?");
    t.proxied = true;
    t.proxied_host = std::string(target.substr(0, end));
    target = end == std::string_view::npos ? "" : target.substr(end);
  }
  size_t q = target.find('?');
  t.path = target.substr(0, q).empty() ? "/" : std::string(target.substr(0, q));
  if (q != std::string_view::npos) t.query = std::string(target.substr(q + 1));
  return t;
}

asio::awaitable<void> wait_ms(int ms) {
  if (ms <= 0) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(nothrow);
}

// Closing with SO_LINGER 0 sends RST and throws away what the kernel has not
// sent yet, so first let the bytes we wrote leave (on loopback, sent = arrived).
asio::awaitable<void> reset(tcp::socket& s) {
  for (int i = 0; i < 1000; ++i) {
    int unsent = 0;
    if (ioctl(s.native_handle(), SIOCOUTQNSD, &unsent) != 0 || unsent == 0) break;
    co_await wait_ms(1);
  }
  boost::system::error_code ec;
  s.set_option(tcp::socket::linger(true, 0), ec);
  s.close(ec);
}

// Writes `r`; true when the connection may carry another request.
asio::awaitable<bool> send(tcp::socket& s, const Reply& r) {
  std::string pending = r.head();  // goes out with the first piece of the body unless dripping
  const bool drip = r.drip_bytes > 0;
  int64_t budget = r.reset_after >= 0 ? r.reset_after : INT64_MAX;  // body bytes on the wire before the RST
  auto write = [&s](const std::string& bytes) -> asio::awaitable<bool> {
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(bytes), nothrow);
    co_return !ec;
  };
  // Appends body bytes as they go on the wire, within the reset budget.
  auto take = [&budget, &pending](std::string_view wire) {
    wire = wire.substr(0, static_cast<size_t>(std::min<int64_t>(budget, wire.size())));
    budget -= static_cast<int64_t>(wire.size());
    pending += wire;
  };
  if (r.has_body() && !r.head_only) {
    if (drip) {
      if (!co_await write(pending)) co_return false;
      pending.clear();
    }
    const size_t step = drip ? static_cast<size_t>(r.drip_bytes) : kPiece;
    for (int64_t offset = 0; offset < r.body.size() && budget > 0;) {
      if (drip) co_await wait_ms(r.drip_interval_ms);
      std::string_view piece = r.body.piece(offset, step);
      offset += static_cast<int64_t>(piece.size());
      if (r.chunked) {
        std::ostringstream size;
        size << std::hex << piece.size() << "\r\n";
        take(size.str());
        take(piece);
        take("\r\n");
      } else {
        take(piece);
      }
      if (!co_await write(pending)) co_return false;
      pending.clear();
    }
    if (r.chunked) take("0\r\n\r\n");
  }
  if (!pending.empty() && !co_await write(pending)) co_return false;
  if (r.reset_after >= 0) {
    co_await reset(s);
    co_return false;
  }
  co_return r.keep_alive;
}

}  // namespace

std::string RequestLog::header(std::string_view name) const { return find_header(headers, name); }

// ---- the server --------------------------------------------------------------

struct FixtureWeb::Impl {
  struct RouteState {
    std::shared_ptr<const Route> route;
    int served = 0;  // for fail_first
  };

  fs::path root;
  std::atomic<int> extra_latency_ms{0};
  std::atomic<uint64_t> connections{0};
  mutable std::mutex mu;  // guards the three below
  std::map<std::string, RouteState, std::less<>> routes;
  std::map<int64_t, std::shared_ptr<const std::string>> bombs;  // gzip_bomb_bytes -> compressed body
  std::vector<RequestLog> log;
  // Declared after what the connections use: stopping destroys their coroutines.
  asio::io_context io;
  tcp::acceptor acceptor{io};
  uint16_t port = 0;
  std::thread thread;

  Impl(fs::path r, uint16_t p) : root(std::move(r)) {
    tcp::endpoint at(asio::ip::make_address_v4("127.0.0.1"), p);
    acceptor.open(at.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(at);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
    asio::co_spawn(io, accept_loop(), asio::detached);
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    io.stop();
    thread.join();
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(nothrow);
      if (ec == asio::error::operation_aborted) co_return;
      if (ec) {  // e.g. out of descriptors: give closing connections a moment
        co_await wait_ms(10);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(io, session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> session(tcp::socket socket) {
    const uint64_t id = ++connections;
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(64 * 1024);
      parser.body_limit(kMaxRequestBody);
      auto [ec, n] = co_await http::async_read_header(socket, buffer, parser, nothrow);
      const auto at = std::chrono::steady_clock::now();
      if (!ec && iequals(parser.get()[http::field::expect], "100-continue")) {
        // curl waits a second for this before sending a large POST body.
        static const std::string go_on = "HTTP/1.1 100 Continue\r\n\r\n";
        std::tie(ec, n) = co_await asio::async_write(socket, asio::buffer(go_on), nothrow);
      }
      if (!ec && !parser.is_done()) std::tie(ec, n) = co_await http::async_read(socket, buffer, parser, nothrow);
      if (ec) {
        if (ec.category() == boost::beast::http::make_error_code(http::error::bad_target).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message) {
          Reply bad = plain(ec == http::error::body_limit ? 413 : 400, ec.message() + "\n");
          bad.keep_alive = false;
          co_await send(socket, bad);
        }
        co_return;
      }
      Reply reply = answer(parser.get(), id, at);
      co_await wait_ms(reply.latency_ms);
      if (reply.drop) co_return;  // the socket closes as the coroutine ends
      if (!co_await send(socket, reply)) co_return;
    }
  }

  // Decides the reply to `req` and logs the request with its status.
  Reply answer(const Request& req, uint64_t connection, std::chrono::steady_clock::time_point at) {
    RequestLog e;
    e.method = std::string(req.method_string());
    e.target = std::string(req.target());
    e.body = req.body();
    for (const auto& field : req) e.headers.emplace_back(field.name_string(), field.value());
    e.connection = connection;
    e.at = at;
    Reply r;
    if (auto t = split_target(e.target)) {
      e.path = t->path;
      e.query = t->query;
      e.proxied = t->proxied;
      e.proxied_host = t->proxied_host;
      r = climbs(percent_decode(e.path, false)) ? plain(400, "path climbs out of the root\n") : content(req, e);
    } else {
      r = plain(400, "unsupported request target\n");
    }
    r.head_only = req.method() == http::verb::head;
    r.keep_alive = r.keep_alive && req.keep_alive();
    r.http10 = req.version() == 10;
    r.latency_ms += extra_latency_ms.load();
    e.status = r.drop ? 0 : r.status;
    std::lock_guard lock(mu);
    log.push_back(std::move(e));
    return r;
  }

  Reply content(const Request& req, const RequestLog& e) {
    std::shared_ptr<const Route> route;
    int nth = 0;
    std::shared_ptr<const std::string> bomb;
    {
      std::lock_guard lock(mu);
      RouteState* state = find_route(e.path);
      if (!state) return static_file(e.path);
      route = state->route;
      nth = ++state->served;
      if (route->fault.gzip_bomb_bytes > 0) bomb = bombs.at(route->fault.gzip_bomb_bytes);
    }
    const Fault& f = route->fault;
    const bool faulty = f.fail_from > 0 ? nth >= f.fail_from : (f.fail_first == 0 || nth <= f.fail_first);
    Reply r;
    if (faulty && f.status) {
      r = plain(f.status, "fault " + std::to_string(f.status) + "\n");
      if (!f.retry_after.empty()) r.headers.emplace_back("Retry-After", f.retry_after);
    } else if (!f.redirect_to.empty()) {
      r.status = 302;
      r.headers = route->headers;
      r.headers.emplace_back("Location", f.redirect_to);
      r.body = Body::text("");
    } else {
      r = route_body(req, e, *route, bomb, nth);
    }
    r.latency_ms = f.latency_ms;
    r.chunked = f.chunked;
    if (faulty) {
      r.drip_bytes = f.drip_bytes;
      r.drip_interval_ms = f.drip_interval_ms;
      r.reset_after = f.reset_after_bytes;
      r.drop = f.drop;
    }
    return r;
  }

  Reply route_body(const Request& req, const RequestLog& e, const Route& route,
                   const std::shared_ptr<const std::string>& bomb, int nth) {
    Reply r;
    r.status = route.status;
    r.headers = route.headers;
    if (route.conditional && not_modified(req, route)) {
      r.status = 304;
      return r;
    }
    std::string type = route.content_type;
    if (route.echo) {
      r.status = 200;
      r.body = Body::text(echo_json(req, e));
      type = "application/json";
    } else if (route.fault.oversized_bytes > 0) {
      r.body.filler = route.fault.oversized_bytes;
    } else if (bomb) {
      r.body.data = bomb;
      r.headers.emplace_back("Content-Encoding", "gzip");
    } else if (!route.file.empty() || !route.sequence.empty()) {
      const std::string& file = route.sequence.empty()
                                    ? route.file
                                    : route.sequence[std::min<size_t>(static_cast<size_t>(nth - 1), route.sequence.size() - 1)];
      auto name = fill_template(file, parse_query(e.query));
      auto text = name ? read_whole(root / *name) : std::nullopt;
      if (!text) return plain(404, "not found\n");
      r.body = Body::text(std::move(*text));
    } else if (route.generate) {
      r.body = Body::text(route.generate(e.path, e.query));
    } else {
      r.body = Body::text(route.body);
    }
    if (type.empty())
      type = guess_content_type(!route.sequence.empty() ? route.sequence.front() : route.file.empty() ? e.path : route.file);
    r.headers.emplace(r.headers.begin(), "Content-Type", type);
    return r;
  }

  Reply static_file(const std::string& path) {
    std::string relative = percent_decode(path, false).substr(1);
    auto text = relative.empty() ? std::nullopt : read_whole(root / relative);
    if (!text) return plain(404, "not found\n");
    Reply r;
    r.headers = {{"Content-Type", guess_content_type(relative)}};
    r.body = Body::text(std::move(*text));
    return r;
  }

  // An exact route, else the longest matching prefix route. Needs `mu`.
  RouteState* find_route(std::string_view path) {
    if (auto it = routes.find(path); it != routes.end()) return &it->second;
    RouteState* best = nullptr;
    size_t best_length = 0;
    for (auto& [key, state] : routes) {
      if (key.empty() || key.back() != '*') continue;
      std::string_view prefix(key.data(), key.size() - 1);
      if (path.substr(0, prefix.size()) == prefix && (!best || prefix.size() > best_length)) {
        best = &state;
        best_length = prefix.size();
      }
    }
    return best;
  }
};

FixtureWeb::FixtureWeb(fs::path root, uint16_t port) : impl_(std::make_unique<Impl>(std::move(root), port)) {}

FixtureWeb::~FixtureWeb() = default;

uint16_t FixtureWeb::port() const { return impl_->port; }

std::string FixtureWeb::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + std::string(path);
}

void FixtureWeb::add(Route r) {
  if (r.path.empty() || r.path.front() != '/') throw std::invalid_argument("route path must start with '/': " + r.path);
  const int64_t bomb_size = r.fault.gzip_bomb_bytes;
  std::shared_ptr<const std::string> bomb;
  if (bomb_size > 0) {
    std::lock_guard lock(impl_->mu);
    if (auto it = impl_->bombs.find(bomb_size); it != impl_->bombs.end()) bomb = it->second;
  }
  if (bomb_size > 0 && !bomb) bomb = std::make_shared<const std::string>(gzip_zeros(bomb_size));  // unlocked: slow
  std::lock_guard lock(impl_->mu);
  if (bomb) impl_->bombs.emplace(bomb_size, bomb);
  std::string key = r.path;
  impl_->routes.insert_or_assign(std::move(key), Impl::RouteState{std::make_shared<const Route>(std::move(r)), 0});
}

void FixtureWeb::load_routes(const fs::path& yaml_file) {
  auto fail = [&](const YAML::Mark& at, const std::string& what) -> void {
    std::string where = yaml_file.string();
    if (!at.is_null()) where += ":" + std::to_string(at.line + 1) + ":" + std::to_string(at.column + 1);
    throw std::runtime_error(where + ": " + what);
  };
  std::vector<Route> parsed;
  try {
    YAML::Node doc = YAML::LoadFile(yaml_file.string());
    YAML::Node list = doc["routes"];
    if (!list || !list.IsSequence()) fail(doc.Mark(), "expected a 'routes' list");
    for (const YAML::Node& node : list) {
      if (!node.IsMap()) fail(node.Mark(), "a route is a mapping");
      Route r;
      for (const auto& kv : node) {
        const std::string key = kv.first.as<std::string>();
        const YAML::Node& v = kv.second;
        if (key == "path") r.path = v.as<std::string>();
        else if (key == "file") r.file = v.as<std::string>();
        else if (key == "sequence") r.sequence = v.as<std::vector<std::string>>();
        else if (key == "body") r.body = v.as<std::string>();
        else if (key == "content_type") r.content_type = v.as<std::string>();
        else if (key == "status") r.status = v.as<int>();
        else if (key == "echo") r.echo = v.as<bool>();
        else if (key == "conditional") r.conditional = v.as<bool>();
        else if (key == "headers") {
          if (!v.IsMap()) fail(v.Mark(), "headers is a mapping name: value");
          for (const auto& h : v) r.headers.emplace_back(h.first.as<std::string>(), h.second.as<std::string>());
        } else if (key == "fault") {
          if (!v.IsMap()) fail(v.Mark(), "fault is a mapping");
          Fault& f = r.fault;
          for (const auto& fkv : v) {
            const std::string fkey = fkv.first.as<std::string>();
            const YAML::Node& fv = fkv.second;
            if (fkey == "latency_ms") f.latency_ms = fv.as<int>();
            else if (fkey == "status") f.status = fv.as<int>();
            else if (fkey == "retry_after") f.retry_after = fv.as<std::string>();
            else if (fkey == "fail_first") f.fail_first = fv.as<int>();
            else if (fkey == "fail_from") f.fail_from = fv.as<int>();
            else if (fkey == "drip_bytes") f.drip_bytes = fv.as<int>();
            else if (fkey == "drip_interval_ms") f.drip_interval_ms = fv.as<int>();
            else if (fkey == "reset_after_bytes") f.reset_after_bytes = fv.as<int>();
            else if (fkey == "redirect_to") f.redirect_to = fv.as<std::string>();
            else if (fkey == "oversized_bytes") f.oversized_bytes = fv.as<int64_t>();
            else if (fkey == "gzip_bomb_bytes") f.gzip_bomb_bytes = fv.as<int64_t>();
            else if (fkey == "chunked") f.chunked = fv.as<bool>();
            else fail(fkv.first.Mark(), "unknown fault key '" + fkey + "'");
          }
        } else {
          fail(kv.first.Mark(), "unknown route key '" + key + "'");
        }
      }
      if (r.path.empty() || r.path.front() != '/') fail(node.Mark(), "a route needs a path starting with '/'");
      parsed.push_back(std::move(r));
    }
  } catch (const YAML::Exception& e) {
    fail(e.mark, e.msg);
  }
  for (Route& r : parsed) add(std::move(r));  // all or nothing
}

void FixtureWeb::set_extra_latency_ms(int ms) { impl_->extra_latency_ms = ms; }

std::vector<RequestLog> FixtureWeb::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->log;
}

size_t FixtureWeb::count(std::string_view path) const {
  std::lock_guard lock(impl_->mu);
  return static_cast<size_t>(
      std::count_if(impl_->log.begin(), impl_->log.end(), [&](const RequestLog& e) { return e.path == path; }));
}

void FixtureWeb::clear_log() {
  std::lock_guard lock(impl_->mu);
  impl_->log.clear();
}

}  // namespace aj::test
