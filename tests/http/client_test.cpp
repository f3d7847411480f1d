// The HTTP client against the local fixture web: every rule of docs/http.md
// (robots.txt, retries and Retry-After, the circuit breaker, size caps,
// redirects, proxies, cookies, the cache, record/replay, cancellation).
// Time is only ever asserted as a lower bound: a wait that must happen.
#include "fixture_web.hpp"
#include "http/client.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>

namespace aj::http {
namespace {

using aj::test::FixtureWeb;
using aj::test::Route;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

struct Logged {
  std::mutex m;
  std::vector<std::string> lines;
  Client::Log fn() {
    return [this](int, const std::string& s) {
      std::lock_guard lock(m);
      lines.push_back(s);
    };
  }
  bool contains(std::string_view needle) {
    std::lock_guard lock(m);
    for (const auto& l : lines)
      if (l.find(needle) != std::string::npos) return true;
    return false;
  }
};

// Quick policies: no waiting between attempts unless a test wants it.
Policy fast() {
  Policy p;
  p.backoff_base_ms = 1;
  p.backoff_max_ms = 5;
  p.jitter = 0;
  return p;
}

ServiceSettings settings(Policy p = fast()) {
  ServiceSettings s;
  s.defaults = std::move(p);
  return s;
}

Request get(std::string url) {
  Request r;
  r.url = std::move(url);
  return r;
}

const HostStats* stats_for(const std::vector<HostStats>& all, const FixtureWeb& web) {
  for (const auto& h : all)
    if (h.host == "http://127.0.0.1:" + std::to_string(web.port())) return &h;
  return nullptr;
}

Route route(std::string path, std::string body) {
  Route r;
  r.path = std::move(path);
  r.body = std::move(body);
  return r;
}

TEST(HttpClient, FetchesBodyHeadersAndReusesTheConnection) {
  FixtureWeb web;
  Route r = route("/hi", "hello");
  r.headers = {{"X-Test", "yes"}};
  web.add(r);
  Logged log;
  Client c(settings(), log.fn());
  Response a = c.fetch(get(web.url("/hi")), {});
  Response b = c.fetch(get(web.url("/hi")), {});
  ASSERT_EQ(a.failure, Failure::none) << a.error;
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, "hello");
  ASSERT_NE(a.header("x-test"), nullptr);
  EXPECT_EQ(*a.header("x-test"), "yes");
  EXPECT_EQ(a.final_url, web.url("/hi"));
  EXPECT_EQ(a.attempts, 1);
  auto reqs = web.requests();
  ASSERT_EQ(reqs.size(), 3u);  // robots.txt, then the page twice
  EXPECT_EQ(reqs[0].path, "/robots.txt");
  EXPECT_EQ(reqs[1].connection, reqs[2].connection) << "keep-alive: the second request reuses the connection";
  EXPECT_NE(reqs[1].header("User-Agent").find("AutoJobAgent"), std::string::npos);
  EXPECT_NE(reqs[1].header("Accept-Encoding").find("gzip"), std::string::npos);
}

TEST(HttpClient, RobotsDisallowIsRespectedAndFetchedOncePerHost) {
  FixtureWeb web;
  web.add(route("/robots.txt", "User-agent: *\nDisallow: /private\n"));
  web.add(route("/private/jobs", "secret"));
  web.add(route("/public", "open"));
  Client c(settings(), {});
  Response no = c.fetch(get(web.url("/private/jobs")), {});
  Response yes = c.fetch(get(web.url("/public")), {});
  EXPECT_EQ(no.failure, Failure::robots);
  EXPECT_NE(no.error.find("robots.txt disallows /private/jobs"), std::string::npos) << no.error;
  EXPECT_EQ(yes.failure, Failure::none);
  EXPECT_EQ(yes.body, "open");
  EXPECT_EQ(web.count("/private/jobs"), 0u) << "a disallowed URL is never requested";
  EXPECT_EQ(web.count("/robots.txt"), 1u);
  EXPECT_EQ(stats_for(c.stats(), web)->robots_blocked, 1u);
}

TEST(HttpClient, RobotsForOurTokenBeatsTheWildcardGroup) {
  FixtureWeb web;
  web.add(route("/robots.txt", "User-agent: *\nAllow: /\n\nUser-agent: AutoJobAgent\nDisallow: /jobs\n"));
  web.add(route("/jobs", "x"));
  Client c(settings(), {});
  EXPECT_EQ(c.fetch(get(web.url("/jobs")), {}).failure, Failure::robots);
  Policy other = fast();
  other.robots_token = "SomeOtherBot";
  c.set_policy("other", other);
  Caller caller;
  caller.component = "other";
  EXPECT_EQ(c.fetch(get(web.url("/jobs")), caller).failure, Failure::none);
}

TEST(HttpClient, RobotsCanBeSwitchedOffPerComponent) {
  FixtureWeb web;
  web.add(route("/robots.txt", "User-agent: *\nDisallow: /\n"));
  web.add(route("/page", "ok"));
  Client c(settings(), {});
  Policy off = fast();
  off.robots = false;
  c.set_policy("rude", off);
  Caller rude;
  rude.component = "rude";
  EXPECT_EQ(c.fetch(get(web.url("/page")), rude).body, "ok");
  EXPECT_EQ(web.count("/robots.txt"), 0u);
  EXPECT_EQ(c.fetch(get(web.url("/page")), {}).failure, Failure::robots);
}

TEST(HttpClient, UnreachableRobotsMeansDisallowAllAnd404MeansAllowAll) {
  FixtureWeb down, none;
  Route r = route("/robots.txt", "");
  r.fault.status = 503;
  down.add(r);
  none.add(route("/page", "ok"));  // no robots.txt: 404
  Policy p = fast();
  p.retries = 0;
  Client c(settings(p), {});
  // Nothing is fetched, and the caller hears that the site is down, not that it forbids.
  auto got = c.fetch(get(down.url("/page")), {});
  EXPECT_EQ(got.failure, Failure::transport);
  EXPECT_NE(got.error.find("robots.txt could not be read (HTTP 503)"), std::string::npos) << got.error;
  EXPECT_EQ(down.count("/page"), 0u);
  EXPECT_EQ(c.fetch(get(none.url("/page")), {}).body, "ok");
}

TEST(HttpClient, WaitsForRetryAfterOn429) {
  FixtureWeb web;
  Route r = route("/limited", "finally");
  r.fault.status = 429;
  r.fault.retry_after = "1";
  r.fault.fail_first = 1;
  web.add(r);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  Response resp = c.fetch(get(web.url("/limited")), {});
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "finally");
  EXPECT_EQ(resp.attempts, 2);
  auto reqs = web.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].status, 429);
  EXPECT_GE(reqs[1].at - reqs[0].at, milliseconds(1000)) << "the retry came before Retry-After allowed";
  const HostStats* s = stats_for(c.stats(), web);
  EXPECT_EQ(s->retries, 1u);
  EXPECT_EQ(s->statuses.at(429), 1u);
  EXPECT_EQ(s->statuses.at(200), 1u);
}

TEST(HttpClient, GivesUpWhenRetryAfterIsTooLong) {
  FixtureWeb web;
  Route r = route("/later", "");
  r.fault.status = 503;
  r.fault.retry_after = "3600";
  web.add(r);
  Policy p = fast();
  p.robots = false;
  p.max_retry_after_ms = 10'000;
  Client c(settings(p), {});
  Response resp = c.fetch(get(web.url("/later")), {});
  EXPECT_EQ(resp.status, 503);
  EXPECT_EQ(web.count("/later"), 1u) << "an hour's Retry-After is not waited for";
}

TEST(HttpClient, RetriesServerErrorsThenHandsBackTheLastAnswer) {
  FixtureWeb web;
  Route r = route("/down", "");
  r.fault.status = 503;
  web.add(r);
  Policy p = fast();
  p.robots = false;
  p.retries = 2;
  Client c(settings(p), {});
  Response resp = c.fetch(get(web.url("/down")), {});
  EXPECT_EQ(resp.failure, Failure::none);
  EXPECT_EQ(resp.status, 503);
  EXPECT_EQ(resp.attempts, 3);
  EXPECT_NE(resp.error.find("after 3 attempts"), std::string::npos) << resp.error;
  EXPECT_EQ(web.count("/down"), 3u);
}

TEST(HttpClient, PostIsNotRepeatedAfterAResetButIsAfter503) {
  FixtureWeb web;
  Route reset = route("/apply", "0123456789012345678901234567890123456789");
  reset.fault.reset_after_bytes = 5;
  reset.fault.fail_first = 1;
  web.add(reset);
  Route busy = route("/busy", "ok");
  busy.fault.status = 503;
  busy.fault.fail_first = 1;
  web.add(busy);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  Request post = get(web.url("/apply"));
  post.method = "POST";
  post.body_kind = BodyKind::json;
  post.body = "{}";
  Response a = c.fetch(post, {});
  EXPECT_EQ(a.failure, Failure::transport) << "a POST that may have arrived is never sent twice";
  EXPECT_EQ(web.count("/apply"), 1u);
  post.url = web.url("/busy");
  Response b = c.fetch(post, {});
  EXPECT_EQ(b.status, 200) << "503 means the server did not act on it: safe to repeat";
  EXPECT_EQ(web.count("/busy"), 2u);
}

TEST(HttpClient, ResetMidBodyIsRetriedForGet) {
  FixtureWeb web;
  Route r = route("/flaky", std::string(1000, 'a'));
  r.fault.reset_after_bytes = 100;
  r.fault.fail_first = 1;
  web.add(r);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  Response resp = c.fetch(get(web.url("/flaky")), {});
  ASSERT_EQ(resp.failure, Failure::none) << resp.error;
  EXPECT_EQ(resp.body.size(), 1000u) << "a body cut short is never handed out";
  EXPECT_EQ(resp.attempts, 2);
}

TEST(HttpClient, CircuitBreakerOpensAndStopsHammering) {
  FixtureWeb web;
  Route r = route("/down", "");
  r.fault.status = 503;
  web.add(r);
  Policy p = fast();
  p.robots = false;
  p.retries = 0;
  p.breaker_threshold = 3;
  p.breaker_cooldown_ms = 600'000;
  Logged log;
  Client c(settings(p), log.fn());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.fetch(get(web.url("/down")), {}).status, 503);
  for (int i = 0; i < 4; ++i) {
    Response refused = c.fetch(get(web.url("/down")), {});
    EXPECT_EQ(refused.failure, Failure::circuit_open);
    EXPECT_NE(refused.error.find("circuit breaker is open"), std::string::npos) << refused.error;
  }
  EXPECT_EQ(web.count("/down"), 3u) << "no request reaches a host whose circuit is open";
  const HostStats* s = stats_for(c.stats(), web);
  EXPECT_EQ(s->circuit_opens, 1u);
  EXPECT_EQ(s->circuit_refused, 4u);
  EXPECT_TRUE(log.contains("circuit open after 3 refusals"));
}

TEST(HttpClient, HalfOpenCircuitClosesWhenTheHostAnswers) {
  FixtureWeb web;
  Route r = route("/wobbly", "back");
  r.fault.status = 503;
  r.fault.fail_first = 2;
  web.add(r);
  Policy p = fast();
  p.robots = false;
  p.retries = 0;
  p.breaker_threshold = 2;
  p.breaker_cooldown_ms = 0;  // the next request is the trial
  Client c(settings(p), {});
  EXPECT_EQ(c.fetch(get(web.url("/wobbly")), {}).status, 503);
  EXPECT_EQ(c.fetch(get(web.url("/wobbly")), {}).status, 503);
  Response trial = c.fetch(get(web.url("/wobbly")), {});
  EXPECT_EQ(trial.status, 200);
  EXPECT_EQ(c.fetch(get(web.url("/wobbly")), {}).status, 200);
  EXPECT_EQ(stats_for(c.stats(), web)->circuit_opens, 1u);
}

TEST(HttpClient, SizeCapAbortsAGzipBombOnItsDecodedSize) {
  FixtureWeb web;
  Route bomb = route("/bomb", "");
  bomb.fault.gzip_bomb_bytes = 200ll << 20;
  web.add(bomb);
  Route big = route("/big", "");
  big.fault.oversized_bytes = 3ll << 20;
  web.add(big);
  Policy p = fast();
  p.robots = false;
  p.max_body_bytes = 1 << 20;
  Client c(settings(p), {});
  Response b = c.fetch(get(web.url("/bomb")), {});
  EXPECT_EQ(b.failure, Failure::too_large) << b.error;
  EXPECT_TRUE(b.body.empty());
  EXPECT_NE(b.error.find("larger than the cap"), std::string::npos);
  Response o = c.fetch(get(web.url("/big")), {});
  EXPECT_EQ(o.failure, Failure::too_large) << o.error;
  EXPECT_EQ(web.count("/bomb"), 1u) << "a size failure is not retried";
  EXPECT_LE(stats_for(c.stats(), web)->bytes, uint64_t{1} << 20);
}

TEST(HttpClient, DecodesGzipWithinTheCap) {
  FixtureWeb web;
  Route bomb = route("/zeros", "");
  bomb.fault.gzip_bomb_bytes = 100000;
  web.add(bomb);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  Response r = c.fetch(get(web.url("/zeros")), {});
  ASSERT_EQ(r.failure, Failure::none) << r.error;
  EXPECT_EQ(r.body, std::string(100000, '\0'));
}

TEST(HttpClient, RedirectLoopStops) {
  FixtureWeb web;
  Route a = route("/a", "");
  a.fault.redirect_to = "/b";
  Route b = route("/b", "");
  b.fault.redirect_to = "/a";
  web.add(a);
  web.add(b);
  web.add(route("/end", "arrived"));
  Route hop = route("/hop", "");
  hop.fault.redirect_to = "/end";
  web.add(hop);
  Policy p = fast();
  p.robots = false;
  p.max_redirects = 5;
  Client c(settings(p), {});
  Response loop = c.fetch(get(web.url("/a")), {});
  EXPECT_EQ(loop.failure, Failure::too_many_redirects) << loop.error;
  EXPECT_EQ(web.count("/a") + web.count("/b"), 6u);
  Response ok = c.fetch(get(web.url("/hop")), {});
  EXPECT_EQ(ok.body, "arrived");
  EXPECT_EQ(ok.final_url, web.url("/end"));
  Request no_follow = get(web.url("/hop"));
  no_follow.flags = kNoRedirect;
  Response r302 = c.fetch(no_follow, {});
  EXPECT_EQ(r302.status, 302);
  ASSERT_NE(r302.header("Location"), nullptr);
}

TEST(HttpClient, ProxiesRotatePerRequest) {
  FixtureWeb origin, p1, p2;
  for (FixtureWeb* w : {&origin, &p1, &p2}) w->add(route("/hi", "hello"));
  Policy p = fast();
  p.robots = false;
  p.proxies = {p1.url(""), p2.url("")};
  Client c(settings(p), {});
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.fetch(get(origin.url("/hi")), {}).body, "hello");
  EXPECT_EQ(origin.requests().size(), 0u) << "every request went through a proxy";
  auto via1 = p1.requests(), via2 = p2.requests();
  ASSERT_EQ(via1.size(), 2u);
  ASSERT_EQ(via2.size(), 2u);
  for (const auto& r : via1) {
    EXPECT_TRUE(r.proxied);
    EXPECT_EQ(r.proxied_host, "127.0.0.1:" + std::to_string(origin.port()));
  }
}

TEST(HttpClient, ProxyPerSessionStaysWithItsSession) {
  FixtureWeb origin, p1, p2;
  for (FixtureWeb* w : {&origin, &p1, &p2}) w->add(route("/hi", "hello"));
  Policy p = fast();
  p.robots = false;
  p.proxies = {p1.url(""), p2.url("")};
  p.proxy_rotation = "session";
  Client c(settings(p), {});
  for (int i = 0; i < 3; ++i) {
    Request a = get(origin.url("/hi"));
    a.session = "a";
    Request b = get(origin.url("/hi"));
    b.session = "b";
    c.fetch(a, {});
    c.fetch(b, {});
  }
  EXPECT_EQ(p1.requests().size(), 3u);
  EXPECT_EQ(p2.requests().size(), 3u);
}

TEST(HttpClient, AFailingProxyIsTakenOut) {
  uint16_t dead_port;
  {
    FixtureWeb gone;
    dead_port = gone.port();
  }
  FixtureWeb origin, good;
  origin.add(route("/hi", "hello"));
  good.add(route("/hi", "hello"));
  Policy p = fast();
  p.robots = false;
  p.proxies = {"http://127.0.0.1:" + std::to_string(dead_port), good.url("")};
  p.proxy_max_failures = 1;
  Logged log;
  Client c(settings(p), log.fn());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.fetch(get(origin.url("/hi")), {}).body, "hello");
  EXPECT_EQ(good.requests().size(), 4u);
  EXPECT_TRUE(log.contains("taken out"));

  Policy none = p;
  none.proxies = {"http://127.0.0.1:" + std::to_string(dead_port)};
  Client c2(settings(none), {});
  Response r = c2.fetch(get(origin.url("/hi")), {});
  EXPECT_EQ(r.failure, Failure::no_proxy) << r.error;
}

TEST(HttpClient, CookiesAreKeptWithinASessionOnly) {
  FixtureWeb web;
  Route login = route("/login", "welcome");
  login.headers = {{"Set-Cookie", "sid=abc123; Path=/"}};
  web.add(login);
  Route who = route("/whoami", "");
  who.echo = true;
  web.add(who);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  Caller src;
  src.component = "linkedin";
  c.fetch(get(web.url("/login")), src);
  c.fetch(get(web.url("/whoami")), src);
  Request other = get(web.url("/whoami"));
  other.session = "second";
  c.fetch(other, src);
  Caller another;
  another.component = "indeed";
  c.fetch(get(web.url("/whoami")), another);
  auto reqs = web.requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(reqs[1].header("Cookie"), "sid=abc123");
  EXPECT_EQ(reqs[2].header("Cookie"), "") << "another session of the same component has its own jar";
  EXPECT_EQ(reqs[3].header("Cookie"), "") << "another component has its own jar";
}

TEST(HttpClient, DiskCacheRevalidatesWithETagAndServesFreshEntries) {
  aj::test::TempDir dir;
  FixtureWeb web;
  Route r = route("/listing", "the listing");
  r.headers = {{"ETag", "\"v1\""}};
  r.conditional = true;
  web.add(r);
  Policy p = fast();
  p.robots = false;
  ServiceSettings s = settings(p);
  s.cache_dir = dir / "cache";
  {
    Client c(s, {});
    Response first = c.fetch(get(web.url("/listing")), {});
    EXPECT_EQ(first.flags, 0u);
    Response second = c.fetch(get(web.url("/listing")), {});
    EXPECT_EQ(second.body, "the listing");
    EXPECT_TRUE(second.flags & kRevalidated);
    auto reqs = web.requests();
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].header("If-None-Match"), "\"v1\"");
    EXPECT_EQ(reqs[1].status, 304);
    EXPECT_EQ(stats_for(c.stats(), web)->revalidated, 1u);
  }
  p.cache_max_age_s = 3600;
  s.defaults = p;
  Client fresh(s, {});
  Response third = fresh.fetch(get(web.url("/listing")), {});
  EXPECT_TRUE(third.flags & kFromCache);
  EXPECT_EQ(third.body, "the listing");
  EXPECT_EQ(web.requests().size(), 2u) << "a fresh entry is served without asking";
  Request bypass = get(web.url("/listing"));
  bypass.flags = kNoCache;
  EXPECT_EQ(fresh.fetch(bypass, {}).flags, 0u);
  EXPECT_EQ(web.requests().size(), 3u);
}

TEST(HttpClient, RecordedExchangesReplayWithoutTheServer) {
  aj::test::TempDir dir;
  Policy p = fast();
  std::string url_a, url_b;
  Response ra, rb;
  {
    FixtureWeb web;
    web.add(route("/robots.txt", "User-agent: *\nDisallow: /secret\n"));
    web.add(route("/a", std::string("binary\0body", 11)));
    Route b = route("/b", "");
    b.status = 404;
    web.add(b);
    url_a = web.url("/a");
    url_b = web.url("/b");
    ServiceSettings s = settings(p);
    s.record_dir = dir / "rec";
    Client c(s, {});
    ra = c.fetch(get(url_a), {});
    rb = c.fetch(get(url_b), {});
    EXPECT_EQ(c.fetch(get(web.url("/secret")), {}).failure, Failure::robots);
  }  // the server is gone: its port refuses connections from now on
  ServiceSettings s = settings(p);
  s.replay_dir = dir / "rec";
  Client c(s, {});
  Response a = c.fetch(get(url_a), {});
  EXPECT_EQ(a.body, ra.body);
  EXPECT_EQ(a.status, 200);
  EXPECT_TRUE(a.flags & kReplayed);
  EXPECT_EQ(c.fetch(get(url_b), {}).status, 404);
  Response missing = c.fetch(get(url_a + "?page=9"), {});
  EXPECT_EQ(missing.failure, Failure::not_recorded);
  EXPECT_NE(missing.error.find("--record"), std::string::npos);
  EXPECT_EQ(c.fetch(get(url_a.substr(0, url_a.size() - 2) + "/secret"), {}).failure, Failure::robots)
      << "robots.txt is replayed too, so the same URLs are refused";
}

TEST(HttpClient, SendsJsonFormAndMultipartBodies) {
  aj::test::TempDir dir;
  auto resume = dir.write("resume.pdf", "%PDF-1.4 fake resume");
  FixtureWeb web;
  Route echo = route("/echo", "");
  echo.echo = true;
  web.add(echo);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});

  Request json = get(web.url("/echo"));
  json.method = "POST";
  json.body_kind = BodyKind::json;
  json.body = R"({"a":1})";
  c.fetch(json, {});
  Request form = get(web.url("/echo"));
  form.method = "PUT";
  form.body_kind = BodyKind::form;
  form.body = "name=Ada+L&x=%26";
  c.fetch(form, {});
  Request multi = get(web.url("/echo"));
  multi.method = "POST";
  multi.body_kind = BodyKind::multipart;
  multi.parts = {{"first_name", "Ada", "", "", ""}, {"resume", "", resume.string(), "cv.pdf", "application/pdf"}};
  c.fetch(multi, {});

  auto reqs = web.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].body, R"({"a":1})");
  EXPECT_EQ(reqs[0].header("Content-Type"), "application/json");
  EXPECT_EQ(reqs[1].method, "PUT");
  EXPECT_EQ(reqs[1].body, "name=Ada+L&x=%26");
  EXPECT_EQ(reqs[1].header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_NE(reqs[2].header("Content-Type").find("multipart/form-data; boundary="), std::string::npos);
  EXPECT_NE(reqs[2].body.find("%PDF-1.4 fake resume"), std::string::npos);
  EXPECT_NE(reqs[2].body.find("filename=\"cv.pdf\""), std::string::npos);
  EXPECT_NE(reqs[2].body.find("name=\"first_name\""), std::string::npos);

  Request bad = multi;
  bad.parts[1].file_path = (dir / "missing.pdf");
  Response r = c.fetch(bad, {});
  EXPECT_EQ(r.failure, Failure::invalid);
  EXPECT_NE(r.error.find("missing.pdf"), std::string::npos);
  EXPECT_EQ(web.requests().size(), 3u);
}

TEST(HttpClient, PerHostLimitAndDelayHold) {
  FixtureWeb web;
  Route slow = route("/slow", "ok");
  slow.fault.latency_ms = 100;
  web.add(slow);
  web.add(route("/spaced", "ok"));
  Policy p = fast();
  p.robots = false;
  p.max_per_host = 2;
  Client c(settings(p), {});
  std::vector<std::future<Response>> all;
  auto t0 = Clock::now();
  for (int i = 0; i < 6; ++i) {
    auto pr = std::make_shared<std::promise<Response>>();
    all.push_back(pr->get_future());
    c.submit(get(web.url("/slow")), {}, [pr](Response r) { pr->set_value(std::move(r)); });
  }
  for (auto& f : all) EXPECT_EQ(f.get().status, 200);
  EXPECT_GE(Clock::now() - t0, milliseconds(300)) << "6 requests, 2 at a time, 100 ms each";

  Policy spaced = p;
  spaced.delay_ms = 150;
  c.set_policy("polite", spaced);
  Caller polite;
  polite.component = "polite";
  web.clear_log();
  for (int i = 0; i < 3; ++i) c.fetch(get(web.url("/spaced")), polite);
  auto reqs = web.requests();
  ASSERT_EQ(reqs.size(), 3u);
  // The delay is between request starts at the client; allow the connect time of the first.
  EXPECT_GE(reqs[2].at - reqs[1].at, milliseconds(140));
  EXPECT_GE(reqs[1].at - reqs[0].at, milliseconds(100));
}

TEST(HttpClient, CancelAndFinishEndOutstandingRequests) {
  FixtureWeb web;
  Route slow = route("/slow", "ok");
  slow.fault.latency_ms = 60'000;
  web.add(slow);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});

  std::atomic<bool> stop{true};
  Caller stopped;
  stopped.cancelled = &stop;
  EXPECT_EQ(c.fetch(get(web.url("/slow")), stopped).failure, Failure::cancelled);

  std::atomic<bool> stop2{false};
  Caller running;
  running.cancelled = &stop2;
  auto pr = std::make_shared<std::promise<Response>>();
  auto fut = pr->get_future();
  c.submit(get(web.url("/slow")), running, [pr](Response r) { pr->set_value(std::move(r)); });
  stop2 = true;
  c.cancel_stopped();
  EXPECT_EQ(fut.get().failure, Failure::cancelled);

  int tag = 0;
  Caller tagged;
  tagged.tag = &tag;
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 2; ++i)
    c.submit(get(web.url("/slow")), tagged, [&](Response r) { cancelled += r.failure == Failure::cancelled; });
  EXPECT_EQ(c.finish(&tag), 2u);
  EXPECT_EQ(cancelled.load(), 2) << "finish returns only after every callback ran";
  EXPECT_EQ(c.finish(&tag), 0u);
}

TEST(HttpClient, BlockingFetchFromTheIoThreadIsRefused) {
  FixtureWeb web;
  web.add(route("/x", "x"));
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  std::promise<Response> inner;
  c.submit(get(web.url("/x")), {}, [&](Response) { inner.set_value(c.fetch(get(web.url("/x")), {})); });
  Response r = inner.get_future().get();
  EXPECT_EQ(r.failure, Failure::invalid);
  EXPECT_NE(r.error.find("fetch_async"), std::string::npos);
}

TEST(HttpClient, BadUrlsAreRefusedWithAClearMessage) {
  Client c(settings(), {});
  for (const char* u : {"", "ftp://example.com/x", "not a url", "file:///etc/passwd"}) {
    Response r = c.fetch(get(u), {});
    EXPECT_EQ(r.failure, Failure::invalid) << u;
    EXPECT_NE(r.error.find("http"), std::string::npos);
  }
}

TEST(HttpClient, TimeoutIsANetworkFailureAfterRetries) {
  FixtureWeb web;
  Route slow = route("/slow", "ok");
  slow.fault.latency_ms = 60'000;
  web.add(slow);
  Policy p = fast();
  p.robots = false;
  p.retries = 1;
  p.timeout_ms = 100;
  Client c(settings(p), {});
  Response r = c.fetch(get(web.url("/slow")), {});
  EXPECT_EQ(r.failure, Failure::transport);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_NE(r.error.find("after 2 attempts"), std::string::npos) << r.error;
  EXPECT_EQ(stats_for(c.stats(), web)->retries, 1u);
}

}  // namespace
}  // namespace aj::http

namespace aj::http {
namespace {

TEST(HttpClientReview, PostIsNotRepeatedAfterARedirect) {
  FixtureWeb web;
  Route apply = route("/apply", "");
  apply.fault.redirect_to = "/confirm";
  web.add(apply);
  Route confirm = route("/confirm", "");
  confirm.fault.status = 503;
  web.add(confirm);
  Policy p = fast();
  p.robots = false;
  Client c(settings(p), {});
  Request post = get(web.url("/apply"));
  post.method = "POST";
  post.body_kind = BodyKind::form;
  post.body = "name=Ada";
  Response r = c.fetch(post, {});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(web.count("/apply"), 1u) << "the application went out once, whatever the last hop said";
}

TEST(HttpClientReview, RobotsThatCouldNotBeAskedAreAskedAgainLater) {
  FixtureWeb web;
  Route down = route("/down", "");
  down.fault.status = 503;
  web.add(down);
  web.add(route("/page", "ok"));
  Policy p = fast();
  p.retries = 0;
  p.breaker_threshold = 1;
  p.breaker_cooldown_ms = 600'000;
  Client c(settings(p), {});
  Policy rude = p;
  rude.robots = false;
  c.set_policy("rude", rude);
  Caller a;
  a.component = "rude";
  EXPECT_EQ(c.fetch(get(web.url("/down")), a).status, 503);  // opens the circuit
  Response r = c.fetch(get(web.url("/page")), {});
  EXPECT_EQ(r.failure, Failure::circuit_open) << "an unanswered robots.txt is not a disallow: " << r.error;
  EXPECT_EQ(web.count("/robots.txt"), 0u);
}

TEST(HttpClientReview, CacheEntriesBelongToTheirSession) {
  aj::test::TempDir dir;
  FixtureWeb web;
  Route r = route("/mine", "private page");
  r.headers = {{"ETag", "\"v1\""}};
  web.add(r);
  Policy p = fast();
  p.robots = false;
  p.cache_max_age_s = 3600;
  ServiceSettings s = settings(p);
  s.cache_dir = dir / "cache";
  Client c(s, {});
  Request a = get(web.url("/mine"));
  a.session = "logged-in";
  c.fetch(a, {});
  EXPECT_TRUE(c.fetch(a, {}).flags & kFromCache);
  Response other = c.fetch(get(web.url("/mine")), {});
  EXPECT_EQ(other.flags, 0u) << "another session never sees this session's pages from the cache";
  EXPECT_EQ(web.count("/mine"), 2u);
}

TEST(HttpClientReview, ShutdownAnswersEveryCallbackOnce) {
  FixtureWeb web;
  Route slow = route("/slow", "ok");
  slow.fault.latency_ms = 60'000;
  web.add(slow);
  Policy p = fast();
  p.robots = false;
  std::atomic<int> first{0}, second{0};
  {
    auto c = std::make_unique<Client>(settings(p), Client::Log{});
    Client* cp = c.get();
    std::string url = web.url("/slow");
    c->submit(get(url), {}, [&, cp, url](Response r) {
      first += r.failure == Failure::cancelled;
      cp->submit(get(url), {}, [&](Response r2) { second += r2.failure == Failure::cancelled; });
    });
    c.reset();
  }
  EXPECT_EQ(first.load(), 1);
  EXPECT_EQ(second.load(), 1) << "a request made while shutting down is answered, not lost";
}

}  // namespace
}  // namespace aj::http
