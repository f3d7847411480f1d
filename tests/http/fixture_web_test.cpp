// The fixture web itself, driven by a plain blocking client (Beast/Asio, not
// libcurl) so that what is checked is the bytes the server puts on the wire.
// Timing checks are lower bounds or orderings only: never "faster than".
#include "fixture_web.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using aj::test::FixtureWeb;
using Clock = std::chrono::steady_clock;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Response = http::response<http::string_body>;

const std::string kWeb = AJ_FIXTURES_DIR "/web";

std::string get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

// One blocking TCP connection to a fixture web.
class Conn {
 public:
  explicit Conn(uint16_t port) : socket_(io_) { socket_.connect({asio::ip::make_address_v4("127.0.0.1"), port}); }

  void send(const std::string& raw) { asio::write(socket_, asio::buffer(raw)); }

  Response read(bool head_request = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(head_request);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }

  Response exchange(const std::string& raw) {
    send(raw);
    return read();
  }

  // Raw bytes until the server closes or resets, and how many reads that took.
  struct Raw {
    std::string bytes;
    int reads = 0;
    boost::system::error_code end;
  };
  Raw read_until_closed() {
    Raw raw;
    std::array<char, 64 * 1024> chunk;
    for (;;) {
      size_t n = socket_.read_some(asio::buffer(chunk), raw.end);
      if (raw.end) return raw;
      raw.bytes.append(chunk.data(), n);
      ++raw.reads;
    }
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

Response fetch(const FixtureWeb& web, const std::string& target, const std::string& extra_headers = "") {
  Conn c(web.port());
  return c.exchange(get(target, extra_headers));
}

std::string header(const Response& r, const std::string& name) { return std::string(r[name]); }

TEST(FixtureWeb, ServesStaticFilesUnderTheRoot) {
  FixtureWeb web(kWeb);
  EXPECT_EQ(web.url("/a"), "http://127.0.0.1:" + std::to_string(web.port()) + "/a");
  Response r = fetch(web, "/hello.html");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(header(r, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.body(), aj::test::read_file(kWeb + "/hello.html"));
  EXPECT_EQ(header(r, "Content-Length"), std::to_string(r.body().size()));
  ASSERT_EQ(web.requests().size(), 1u);
  EXPECT_EQ(web.requests()[0].status, 200);
  EXPECT_EQ(web.count("/hello.html"), 1u);
}

TEST(FixtureWeb, DefaultRootIsTheWebFixtures) {
  FixtureWeb web;
  EXPECT_EQ(fetch(web, "/jobs/page-1.json").result_int(), 200);
}

TEST(FixtureWeb, TemplatedRouteServesThePageOfTheQuery) {
  FixtureWeb web(kWeb);
  web.add({.path = "/jobs", .file = "jobs/page-{page}.json"});
  Response r = fetch(web, "/jobs?page=2");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(header(r, "Content-Type"), "application/json");
  EXPECT_EQ(r.body(), aj::test::read_file(kWeb + "/jobs/page-2.json"));
  EXPECT_EQ(fetch(web, "/jobs?page=9").result_int(), 404);
  EXPECT_EQ(fetch(web, "/jobs").result_int(), 404);
  auto log = web.requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].path, "/jobs");
  EXPECT_EQ(log[0].query, "page=2");
  EXPECT_EQ(log[1].status, 404);
  EXPECT_EQ(web.count("/jobs"), 3u);
}

TEST(FixtureWeb, PrefixRouteMatchesEverythingBelowIt) {
  FixtureWeb web(kWeb);
  web.add({.path = "/bench/*", .body = "bench"});
  web.add({.path = "/bench/special", .body = "exact wins"});
  EXPECT_EQ(fetch(web, "/bench/1").body(), "bench");
  EXPECT_EQ(fetch(web, "/bench/a/b?x=1").body(), "bench");
  EXPECT_EQ(fetch(web, "/bench/special").body(), "exact wins");
  EXPECT_EQ(fetch(web, "/benchmark").result_int(), 404);
}

TEST(FixtureWeb, UnknownPathAndMissingRobotsAre404) {
  FixtureWeb web(kWeb);
  EXPECT_EQ(fetch(web, "/no/such/page").result_int(), 404);
  EXPECT_EQ(fetch(web, "/robots.txt").result_int(), 404);
  EXPECT_EQ(fetch(web, "/jobs").result_int(), 404);  // a folder is not a file
  web.add({.path = "/robots.txt", .file = "robots/disallow-all.txt"});
  Response r = fetch(web, "/robots.txt");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(header(r, "Content-Type"), "text/plain");
  EXPECT_NE(r.body().find("Disallow: /"), std::string::npos);
}

TEST(FixtureWeb, PathTraversalIsRefused) {
  aj::test::TempDir dir;
  dir.write("root/ok.txt", "inside");
  dir.write("secret.txt", "outside");
  FixtureWeb web(dir.path() / "root");
  web.add({.path = "/t", .file = "{name}.txt"});
  EXPECT_EQ(fetch(web, "/ok.txt").body(), "inside");
  for (const char* target : {"/../secret.txt", "/a/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                             "/t?name=../secret", "/t?name=..%2Fsecret"}) {
    Response r = fetch(web, target);
    EXPECT_TRUE(r.result_int() == 400 || r.result_int() == 404) << target << " -> " << r.result_int();
    EXPECT_EQ(r.body().find("outside"), std::string::npos) << target;
  }
}

TEST(FixtureWeb, LatencyDelaysTheAnswer) {
  FixtureWeb web(kWeb);
  web.add({.path = "/slow", .body = "ok", .fault = {.latency_ms = 150}});
  const auto start = Clock::now();
  Response r = fetch(web, "/slow");
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(150));
  EXPECT_EQ(r.body(), "ok");
}

TEST(FixtureWeb, TooManyRequestsWithRetryAfterThenSuccess) {
  FixtureWeb web(kWeb);
  web.add({.path = "/limited", .file = "hello.html", .fault = {.status = 429, .retry_after = "1", .fail_first = 1}});
  Response first = fetch(web, "/limited");
  EXPECT_EQ(first.result_int(), 429);
  EXPECT_EQ(header(first, "Retry-After"), "1");
  Response second = fetch(web, "/limited");
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_EQ(second.body(), aj::test::read_file(kWeb + "/hello.html"));
  EXPECT_EQ(header(second, "Retry-After"), "");
  auto log = web.requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, 429);
  EXPECT_EQ(log[1].status, 200);
}

TEST(FixtureWeb, ServiceUnavailableEveryTimeWithoutFailFirst) {
  FixtureWeb web(kWeb);
  const std::string date = "Wed, 21 Oct 2015 07:28:00 GMT";
  web.add({.path = "/down", .body = "never", .fault = {.status = 503, .retry_after = date}});
  for (int i = 0; i < 3; ++i) {
    Response r = fetch(web, "/down");
    EXPECT_EQ(r.result_int(), 503);
    EXPECT_EQ(header(r, "Retry-After"), date);
    EXPECT_EQ(r.body().find("never"), std::string::npos);
  }
}

TEST(FixtureWeb, RouteStatusAndExtraHeaders) {
  FixtureWeb web(kWeb);
  web.add({.path = "/gone",
           .body = "gone",
           .content_type = "text/plain",
           .status = 410,
           .headers = {{"Set-Cookie", "a=1; Path=/"}, {"Set-Cookie", "b=2"}, {"X-Fixture", "yes"}}});
  Response r = fetch(web, "/gone");
  EXPECT_EQ(r.result_int(), 410);
  EXPECT_EQ(r.body(), "gone");
  EXPECT_EQ(header(r, "Content-Type"), "text/plain");
  EXPECT_EQ(header(r, "X-Fixture"), "yes");
  auto cookies = r.equal_range("Set-Cookie");
  EXPECT_EQ(std::distance(cookies.first, cookies.second), 2);
}

TEST(FixtureWeb, DripSendsTheWholeBodyInSeveralReads) {
  FixtureWeb web(kWeb);
  const std::string body(1000, 'd');
  web.add({.path = "/drip", .body = body, .fault = {.drip_bytes = 100, .drip_interval_ms = 20}});
  Conn c(web.port());
  const auto start = Clock::now();
  c.send(get("/drip", "Connection: close\r\n"));
  Conn::Raw raw = c.read_until_closed();
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(10 * 20));
  EXPECT_EQ(raw.end, asio::error::eof);
  const size_t head_end = raw.bytes.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_NE(raw.bytes.find("Content-Length: 1000\r\n"), std::string::npos);
  EXPECT_EQ(raw.bytes.substr(head_end + 4), body);
  EXPECT_GE(raw.reads, 5);
}

TEST(FixtureWeb, ResetMidBodyCutsTheConnection) {
  FixtureWeb web(kWeb);
  const std::string body(10000, 'r');
  web.add({.path = "/cut", .body = body, .fault = {.fail_first = 1, .reset_after_bytes = 1000}});
  Conn c(web.port());
  c.send(get("/cut"));
  Conn::Raw raw = c.read_until_closed();
  EXPECT_EQ(raw.end, asio::error::connection_reset);
  const size_t head_end = raw.bytes.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_NE(raw.bytes.find("Content-Length: 10000\r\n"), std::string::npos);
  EXPECT_EQ(raw.bytes.size() - head_end - 4, 1000u);
  EXPECT_EQ(fetch(web, "/cut").body(), body);  // fail_first: the retry gets everything
}

TEST(FixtureWeb, RedirectsCanLoop) {
  FixtureWeb web(kWeb);
  web.add({.path = "/a", .fault = {.redirect_to = "/b"}});
  web.add({.path = "/b", .fault = {.redirect_to = "/a"}});
  web.add({.path = "/away", .fault = {.redirect_to = web.url("/hello.html")}});
  Response a = fetch(web, "/a");
  EXPECT_EQ(a.result_int(), 302);
  EXPECT_EQ(header(a, "Location"), "/b");
  EXPECT_EQ(header(a, "Content-Length"), "0");
  EXPECT_EQ(header(fetch(web, "/b"), "Location"), "/a");
  EXPECT_EQ(header(fetch(web, "/away"), "Location"), web.url("/hello.html"));
}

TEST(FixtureWeb, OversizedBodyHasItsContentLength) {
  FixtureWeb web(kWeb);
  const int64_t size = 5 << 20;
  web.add({.path = "/big", .fault = {.oversized_bytes = size}});
  Response r = fetch(web, "/big");
  EXPECT_EQ(header(r, "Content-Length"), std::to_string(size));
  ASSERT_EQ(static_cast<int64_t>(r.body().size()), size);
  EXPECT_EQ(r.body().find_first_not_of('x'), std::string::npos);
}

TEST(FixtureWeb, GzipBombIsSmallAndInflatesToItsSize) {
  FixtureWeb web(kWeb);
  const size_t size = 10 << 20;
  web.add({.path = "/bomb.html", .fault = {.gzip_bomb_bytes = static_cast<int64_t>(size)}});
  Response r = fetch(web, "/bomb.html");
  EXPECT_EQ(header(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(r, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_LT(r.body().size(), 64u * 1024);

  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(r.body().data());
  zs.avail_in = static_cast<uInt>(r.body().size());
  std::vector<unsigned char> out(1 << 20);
  size_t inflated = 0;
  bool all_zero = true;
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    const size_t n = out.size() - zs.avail_out;
    for (size_t i = 0; i < n; ++i) all_zero = all_zero && out[i] == 0;
    inflated += n;
  }
  inflateEnd(&zs);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(inflated, size);
  EXPECT_TRUE(all_zero);
}

TEST(FixtureWeb, ChunkedHasNoContentLength) {
  FixtureWeb web(kWeb);
  std::string body;
  for (int i = 0; body.size() < 200 * 1024; ++i) body += "line " + std::to_string(i) + "\n";
  web.add({.path = "/chunked.txt", .body = body, .fault = {.chunked = true}});
  Conn c(web.port());
  Response r = c.exchange(get("/chunked.txt"));
  EXPECT_TRUE(r.chunked());
  EXPECT_FALSE(r.has_content_length());
  EXPECT_EQ(r.body(), body);
  EXPECT_EQ(c.exchange(get("/chunked.txt")).body(), body);  // framing ended cleanly: the connection lives on
}

TEST(FixtureWeb, EchoDescribesThePost) {
  FixtureWeb web(kWeb);
  web.add({.path = "/echo", .echo = true});
  const std::string body = "a=1&b=\"two\"\n";
  Conn c(web.port());
  Response r = c.exchange(
      "POST /echo?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: yes\r\nCookie: sid=abc\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(header(r, "Content-Type"), "application/json");
  for (const char* part : {R"("method":"POST")", R"("target":"/echo?q=1")", R"("path":"/echo")", R"("query":"q=1")",
                           R"("x-test":"yes")", R"("body":"a=1&b=\"two\"\n")", R"("cookie":"sid=abc")"})
    EXPECT_NE(r.body().find(part), std::string::npos) << part << " in " << r.body();
  auto log = web.requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].method, "POST");
  EXPECT_EQ(log[0].body, body);
  EXPECT_EQ(log[0].header("x-TEST"), "yes");
  EXPECT_EQ(log[0].header("absent"), "");
}

TEST(FixtureWeb, EchoAnswersExpectContinue) {
  FixtureWeb web(kWeb);
  web.add({.path = "/echo", .echo = true});
  Conn c(web.port());
  c.send("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  EXPECT_EQ(c.read().result_int(), 100);
  c.send("hello");
  Response r = c.read();
  EXPECT_NE(r.body().find(R"("body":"hello")"), std::string::npos) << r.body();
}

TEST(FixtureWeb, ConditionalRequestsGet304) {
  FixtureWeb web(kWeb);
  const std::string modified = "Sun, 06 Nov 1994 08:49:37 GMT";
  web.add({.path = "/cached.html",
           .file = "hello.html",
           .headers = {{"ETag", "\"v1\""}, {"Last-Modified", modified}},
           .conditional = true});
  web.add({.path = "/plain.html", .file = "hello.html", .headers = {{"ETag", "\"v1\""}}});

  Response hit = fetch(web, "/cached.html", "If-None-Match: \"v0\", W/\"v1\"\r\n");
  EXPECT_EQ(hit.result_int(), 304);
  EXPECT_EQ(hit.body(), "");
  EXPECT_EQ(header(hit, "ETag"), "\"v1\"");
  EXPECT_EQ(fetch(web, "/cached.html", "If-None-Match: \"v2\"\r\n").result_int(), 200);
  EXPECT_EQ(fetch(web, "/cached.html", "If-Modified-Since: " + modified + "\r\n").result_int(), 304);
  EXPECT_EQ(fetch(web, "/cached.html", "If-Modified-Since: Sat, 05 Nov 1994 08:49:37 GMT\r\n").result_int(), 200);
  EXPECT_EQ(fetch(web, "/plain.html", "If-None-Match: \"v1\"\r\n").result_int(), 200);
}

TEST(FixtureWeb, HeadGetsTheHeadOnly) {
  FixtureWeb web(kWeb);
  Conn c(web.port());
  c.send("HEAD /hello.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  Response head = c.read(/*head_request=*/true);
  EXPECT_EQ(header(head, "Content-Length"), std::to_string(aj::test::read_file(kWeb + "/hello.html").size()));
  // Had a body followed, it would be read as the next response.
  EXPECT_EQ(c.exchange(get("/hello.html")).result_int(), 200);
}

TEST(FixtureWeb, ProxyFormRequestIsServedAndLogged) {
  FixtureWeb origin(kWeb), proxy(kWeb);
  proxy.add({.path = "/jobs", .file = "jobs/page-{page}.json"});
  const std::string host = "127.0.0.1:" + std::to_string(origin.port());
  Conn c(proxy.port());
  Response r = c.exchange("GET http://" + host + "/jobs?page=3 HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), aj::test::read_file(kWeb + "/jobs/page-3.json"));
  auto log = proxy.requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_TRUE(log[0].proxied);
  EXPECT_EQ(log[0].proxied_host, host);
  EXPECT_EQ(log[0].target, "http://" + host + "/jobs?page=3");
  EXPECT_EQ(log[0].path, "/jobs");
  EXPECT_EQ(log[0].query, "page=3");
  EXPECT_TRUE(origin.requests().empty());

  fetch(origin, "/hello.html");
  ASSERT_EQ(origin.requests().size(), 1u);
  EXPECT_FALSE(origin.requests()[0].proxied);
}

TEST(FixtureWeb, KeepAliveReusesTheConnection) {
  FixtureWeb web(kWeb);
  {
    Conn c(web.port());
    EXPECT_EQ(c.exchange(get("/hello.html")).result_int(), 200);
    EXPECT_EQ(c.exchange(get("/jobs/page-1.json")).result_int(), 200);
  }
  fetch(web, "/hello.html");
  auto log = web.requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_NE(log[0].connection, 0u);
  EXPECT_EQ(log[0].connection, log[1].connection);
  EXPECT_NE(log[1].connection, log[2].connection);
  web.clear_log();
  EXPECT_TRUE(web.requests().empty());
}

TEST(FixtureWeb, ConcurrentDelayedRequestsAreAllAcceptedBeforeAnyAnswer) {
  FixtureWeb web(kWeb);
  web.add({.path = "/slow", .body = "ok", .fault = {.latency_ms = 200}});
  constexpr int kClients = 20;
  std::vector<std::unique_ptr<Conn>> conns;
  for (int i = 0; i < kClients; ++i) {
    conns.push_back(std::make_unique<Conn>(web.port()));
    conns.back()->send(get("/slow?n=" + std::to_string(i)));
  }
  EXPECT_EQ(conns[0]->read().body(), "ok");
  const auto first_answered = Clock::now();
  for (int i = 1; i < kClients; ++i) EXPECT_EQ(conns[i]->read().body(), "ok");
  auto log = web.requests();
  ASSERT_EQ(log.size(), static_cast<size_t>(kClients));
  for (const auto& e : log) EXPECT_LT(e.at, first_answered) << e.target;
}

TEST(FixtureWeb, StoppingClosesConnectionsWithAnswersPending) {
  auto web = std::make_unique<FixtureWeb>(kWeb);
  web->add({.path = "/forever", .body = "late", .fault = {.latency_ms = 600'000}});
  Conn c(web->port());
  c.send(get("/forever"));
  web.reset();  // must not wait for the answer
  EXPECT_TRUE(c.read_until_closed().bytes.empty());
}

TEST(FixtureWeb, LoadsRoutesFromYaml) {
  aj::test::TempDir dir;
  auto file = dir.write("routes.yaml", R"(routes:
  - path: /jobs
    file: jobs/page-{page}.json
  - path: /slow
    body: "ok"
    fault: { latency_ms: 50 }
  - path: /limited
    file: hello.html
    headers: { X-Limit: "10", Set-Cookie: "s=1" }
    fault: { status: 429, retry_after: "1", fail_first: 1 }
)");
  FixtureWeb web(kWeb);
  web.load_routes(file);
  EXPECT_EQ(fetch(web, "/jobs?page=1").body(), aj::test::read_file(kWeb + "/jobs/page-1.json"));
  const auto start = Clock::now();
  EXPECT_EQ(fetch(web, "/slow").body(), "ok");
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(50));
  Response limited = fetch(web, "/limited");
  EXPECT_EQ(limited.result_int(), 429);
  EXPECT_EQ(header(limited, "Retry-After"), "1");
  Response ok = fetch(web, "/limited");
  EXPECT_EQ(ok.result_int(), 200);
  EXPECT_EQ(header(ok, "X-Limit"), "10");
  EXPECT_EQ(header(ok, "Set-Cookie"), "s=1");
}

TEST(FixtureWeb, BadYamlNamesFileAndLine) {
  aj::test::TempDir dir;
  auto file = dir.write("routes.yaml", "routes:\n  - path: /a\n    body: x\n  - path: /b\n    latency: 5\n");
  FixtureWeb web(kWeb);
  try {
    web.load_routes(file);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string() + ":5:5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("latency"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fetch(web, "/a").result_int(), 404);  // nothing added from a bad file
}

}  // namespace
