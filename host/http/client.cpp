#include "http/client.hpp"

#include "http/disk_cache.hpp"
#include "http/recorder.hpp"
#include "http/retry_after.hpp"
#include "http/robots.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace aj::http {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::once_flag curl_once;

// The parts of a URL the rules are keyed on.
struct UrlParts {
  std::string origin;  // scheme://host[:port], the port only when it is not the scheme's default
  std::string path;    // path?query
  bool ok = false;
};

UrlParts split_url(const std::string& url) {
  UrlParts out;
  CURLU* u = curl_url();
  if (!u) return out;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char *scheme = nullptr, *host = nullptr, *port = nullptr, *path = nullptr, *query = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    curl_url_get(u, CURLUPART_PATH, &path, 0);
    curl_url_get(u, CURLUPART_QUERY, &query, 0);
    std::string s = scheme ? scheme : "";
    if ((s == "http" || s == "https") && host && *host) {
      // The default port is left out, so that robots.txt, logs and stats name the
      // origin as people write it (and a recording made on one port replays on another).
      std::string p = port ? port : "";
      bool default_port = (s == "http" && p == "80") || (s == "https" && p == "443");
      out.origin = s + "://" + host + (default_port || p.empty() ? "" : ":" + p);
      out.path = path && *path ? path : "/";
      if (query) out.path += std::string("?") + query;
      out.ok = true;
    }
    for (char* p : {scheme, host, port, path, query}) curl_free(p);
  }
  curl_url_cleanup(u);
  return out;
}

bool idempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

bool refused_status(long s) { return s == 429 || s == 502 || s == 503 || s == 504; }

// Network errors worth another attempt: the host may answer next time.
bool retryable(CURLcode c) {
  switch (c) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR: return true;
    default: return false;
  }
}

// Errors after which the request cannot have reached the server: safe to
// repeat even a POST (an application must never be sent twice).
bool never_sent(CURLcode c) { return c == CURLE_COULDNT_CONNECT || c == CURLE_COULDNT_RESOLVE_HOST; }

// The proxy itself failed (not the origin behind it): it could not be reached,
// refused the tunnel (CONNECT answered >= 400, or 407), or broke the SOCKS
// handshake. A SOCKS proxy reporting the *target* unreachable is not its fault.
bool proxy_failed(CURLcode c, long status, long connect_code, long proxy_error) {
  if (c == CURLE_COULDNT_CONNECT || c == CURLE_COULDNT_RESOLVE_PROXY) return true;
  if (connect_code >= 400 || status == 407) return true;
  if (c == CURLE_PROXY) {
    switch (proxy_error) {
      case CURLPX_REPLY_CONNECTION_REFUSED:
      case CURLPX_REPLY_HOST_UNREACHABLE:
      case CURLPX_REPLY_NETWORK_UNREACHABLE:
      case CURLPX_REPLY_TTL_EXPIRED:
      case CURLPX_RESOLVE_HOST: return false;
      default: return true;
    }
  }
  return false;
}

std::string seconds_text(milliseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

struct Job;

struct HostState {
  explicit HostState(asio::io_context& io, std::string k) : key(std::move(k)), timer(io) {}
  std::string key;
  int in_flight = 0;
  std::deque<uint64_t> queue;  // job ids waiting for a slot
  Clock::time_point next_start{};
  asio::steady_timer timer;
  bool timer_armed = false;
  // robots.txt, fetched once per run
  enum class Robots { unknown, fetching, ready } robots_state = Robots::unknown;
  enum class RobotsFile { rules, allow_all, disallow_all } robots_file = RobotsFile::allow_all;
  std::string robots_text;
  std::string robots_unreadable;  // why robots.txt could not be read (5xx, unreachable): "" when it was
  std::map<std::string, RobotsRules> robots_by_token;  // parsed on demand per product token
  std::vector<uint64_t> robots_waiting;
  // circuit breaker
  int refusals = 0;  // in a row
  bool open = false;
  Clock::time_point open_until{};
  bool trial_running = false;
  std::string last_refusal;
  // metrics (guarded by Impl::stats_mutex)
  HostStats stats;
  std::vector<double> latencies;
};

struct ProxyState {
  int failures = 0;
  bool out = false;
};

struct Job {
  Job(asio::io_context& io, uint64_t i) : id(i), timer(io) {}
  uint64_t id;
  Request req;
  Caller caller;
  Client::Done done;
  std::shared_ptr<const Policy> policy;
  UrlParts url;
  HostState* host = nullptr;
  enum class Stage { start, robots, queued, running, backoff } stage = Stage::start;
  bool internal = false;  // a robots.txt fetch of our own
  bool trial = false;     // the one request let through a half-open circuit
  bool redirected = false;  // the last attempt followed a redirect
  int attempts = 0;
  asio::steady_timer timer;
  std::optional<DiskCache::Entry> cached;  // being revalidated
  // the attempt in flight
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  curl_mime* mime = nullptr;
  std::string proxy;
  Clock::time_point started{};
  std::string body;
  std::vector<Header> headers;
  bool too_large = false;
  char errbuf[CURL_ERROR_SIZE] = {};
};

struct Sock {
  Sock(asio::io_context& io, int fd, uint64_t g) : sd(io, fd), gen(g) {}
  ~Sock() { sd.release(); }  // curl owns the descriptor: never close it here
  Sock(const Sock&) = delete;
  Sock& operator=(const Sock&) = delete;
  asio::posix::stream_descriptor sd;
  uint64_t gen;
  int what = 0;
  bool reading = false, writing = false;
};

}  // namespace

struct Client::Impl {
  Impl(ServiceSettings s, Log l) : settings(std::move(s)), log(std::move(l)), curl_timer(io) {
    std::call_once(curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (!log) log = [](int, const std::string&) {};
    defaults = std::make_shared<const Policy>(settings.defaults);
    if (!settings.replay_dir.empty()) {
      replayer = std::make_unique<Replayer>(settings.replay_dir);
    } else if (!settings.cache_dir.empty()) {
      cache = std::make_unique<DiskCache>(settings.cache_dir);
    }
    if (!settings.record_dir.empty()) recorder = std::make_unique<Recorder>(settings.record_dir);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::socket_cb);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::timer_cb);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    thread = std::thread([this] {
      io_thread_id = std::this_thread::get_id();
      io.run();
    });
  }

  ~Impl() {
    asio::post(io, [this] {
      closing = true;
      std::vector<uint64_t> ids;
      for (auto& [id, j] : live) ids.push_back(id);
      for (uint64_t id : ids) cancel(id, "the HTTP service is shutting down");
      io.stop();  // idle connections and timers would keep run() going
    });
    thread.join();
    // Whatever was posted meanwhile runs now and, with `closing` set, only
    // answers "shutting down": every callback still runs exactly once.
    io.restart();
    io.poll();
    socks.clear();
    curl_multi_cleanup(multi);
    for (auto& [k, sh] : shares) curl_share_cleanup(sh);
  }

  // ---- state ------------------------------------------------------------------
  ServiceSettings settings;
  Log log;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
  std::thread thread;
  std::atomic<std::thread::id> io_thread_id{};
  std::atomic<bool> closing{false};
  CURLM* multi = nullptr;
  asio::steady_timer curl_timer;
  std::unordered_map<int, std::unique_ptr<Sock>> socks;
  uint64_t sock_gen = 0;

  std::mutex policy_mutex;
  std::shared_ptr<const Policy> defaults;
  std::map<std::string, std::shared_ptr<const Policy>> policies;

  std::map<std::string, std::unique_ptr<HostState>> hosts;
  int in_flight_total = 0;
  std::deque<HostState*> waiting_for_slot;  // hosts held back by max_total
  std::map<std::string, ProxyState> proxies;
  uint64_t proxy_turn = 0;
  std::map<std::string, std::string> session_proxy;
  std::map<std::string, CURLSH*> shares;

  std::unordered_map<uint64_t, std::unique_ptr<Job>> live;
  uint64_t next_id = 1;
  std::mt19937_64 rng{std::random_device{}()};

  std::unique_ptr<DiskCache> cache;
  bool cache_failure_said = false;  // I/O thread only
  std::unique_ptr<Recorder> recorder;
  std::unique_ptr<Replayer> replayer;

  mutable std::mutex stats_mutex;
  std::mutex tag_mutex;
  std::condition_variable tag_cv;
  std::map<const void*, size_t> outstanding;

  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); }

  std::shared_ptr<const Policy> policy_for(const std::string& component) {
    std::lock_guard lock(policy_mutex);
    auto it = policies.find(component);
    return it == policies.end() ? defaults : it->second;
  }

  HostState& host_state(const std::string& origin) {
    std::lock_guard lock(stats_mutex);  // stats() walks the map from other threads
    auto& h = hosts[origin];
    if (!h) {
      h = std::make_unique<HostState>(io, origin);
      h->stats.host = origin;
    }
    return *h;
  }

  Job* find(uint64_t id) {
    auto it = live.find(id);
    return it == live.end() ? nullptr : it->second.get();
  }

  // ---- entry ------------------------------------------------------------------
  void submit(Request req, Caller caller, Done done, bool internal = false) {
    if (closing) {  // the loop is going away: answer here and now
      Response r;
      r.failure = Failure::cancelled;
      r.error = "the HTTP service is shutting down";
      r.final_url = req.url;
      if (done) done(std::move(r));
      return;
    }
    if (caller.tag) {
      std::lock_guard lock(tag_mutex);
      ++outstanding[caller.tag];
    }
    auto policy = policy_for(caller.component);
    asio::post(io, [this, req = std::move(req), caller = std::move(caller), done = std::move(done),
                    policy = std::move(policy), internal]() mutable {
      uint64_t id = next_id++;
      auto job = std::make_unique<Job>(io, id);
      job->req = std::move(req);
      job->caller = std::move(caller);
      job->done = std::move(done);
      job->policy = std::move(policy);
      job->internal = internal;
      live.emplace(id, std::move(job));
      start(id);
    });
  }

  void start(uint64_t id) {
    Job& j = *find(id);
    j.url = split_url(j.req.url);
    if (!j.url.ok) {
      return fail(j, Failure::invalid,
                  "'" + j.req.url + "' is not an absolute http:// or https:// URL; pass the full address");
    }
    j.host = &host_state(j.url.origin);
    for (const auto& p : j.req.parts) {
      std::error_code ec;
      if (!p.file_path.empty() && !std::filesystem::is_regular_file(p.file_path, ec)) {
        return fail(j, Failure::invalid, "the upload file '" + p.file_path + "' does not exist or is not a file");
      }
    }
    if (j.caller.cancelled && j.caller.cancelled->load()) return fail(j, Failure::cancelled, "the run is stopping");
    check_robots(j);
  }

  // ---- robots.txt ---------------------------------------------------------------
  void check_robots(Job& j) {
    HostState& h = *j.host;
    if (j.internal || !j.policy->robots || j.url.path == "/robots.txt") return after_robots(j);
    if (h.robots_state == HostState::Robots::ready) return after_robots(j);
    j.stage = Job::Stage::robots;
    h.robots_waiting.push_back(j.id);
    if (h.robots_state == HostState::Robots::unknown) {
      h.robots_state = HostState::Robots::fetching;
      Request r;
      r.url = h.key + "/robots.txt";
      r.flags = kNoCache;
      Caller c;
      c.component = j.caller.component;
      HostState* hp = &h;
      submit(std::move(r), std::move(c), [this, hp](Response resp) { robots_arrived(*hp, resp); }, true);
    }
  }

  void robots_arrived(HostState& h, const Response& r) {
    // RFC 9309 2.3.1: 2xx parse; 4xx means no rules; 5xx or unreachable means
    // assume everything is disallowed.
    if (r.failure == Failure::circuit_open || r.failure == Failure::no_proxy || r.failure == Failure::cancelled ||
        r.failure == Failure::not_recorded) {
      // Not the server's answer: nothing is learnt; ask again next time.
      h.robots_state = HostState::Robots::unknown;
      auto waiting = std::move(h.robots_waiting);
      h.robots_waiting.clear();
      for (uint64_t id : waiting)
        if (Job* j = find(id)) fail(*j, r.failure, "robots.txt of " + h.key + " could not be asked: " + r.error);
      return;
    }
    h.robots_unreadable.clear();
    if (r.failure == Failure::too_many_redirects) {
      h.robots_file = HostState::RobotsFile::allow_all;  // RFC 9309 2.3.1.2: unavailable
    } else if (r.failure == Failure::none && r.status >= 200 && r.status < 300) {
      h.robots_file = HostState::RobotsFile::rules;
      h.robots_text = r.body;
    } else if (r.failure == Failure::none && r.status >= 400 && r.status < 500) {
      h.robots_file = HostState::RobotsFile::allow_all;
    } else {
      h.robots_file = HostState::RobotsFile::disallow_all;
      h.robots_unreadable = r.failure == Failure::none ? "HTTP " + std::to_string(r.status) : r.error;
      log(3, h.key + "/robots.txt could not be read (" + h.robots_unreadable +
                 "); RFC 9309 says to assume everything is disallowed");
    }
    h.robots_state = HostState::Robots::ready;
    auto waiting = std::move(h.robots_waiting);
    h.robots_waiting.clear();
    for (uint64_t id : waiting)
      if (Job* j = find(id)) after_robots(*j);
  }

  bool robots_allow(HostState& h, const std::string& token, const std::string& path) {
    switch (h.robots_file) {
      case HostState::RobotsFile::allow_all: return true;
      case HostState::RobotsFile::disallow_all: return false;
      case HostState::RobotsFile::rules: break;
    }
    auto it = h.robots_by_token.find(token);
    if (it == h.robots_by_token.end()) it = h.robots_by_token.emplace(token, RobotsRules::parse(h.robots_text, token)).first;
    return it->second.allowed(path);
  }

  void after_robots(Job& j) {
    HostState& h = *j.host;
    if (!j.internal && j.policy->robots && j.url.path != "/robots.txt" &&
        h.robots_file == HostState::RobotsFile::disallow_all && !h.robots_unreadable.empty()) {
      // The site is down or unreachable, which is what the caller needs to hear (not "forbidden").
      return fail(j, Failure::transport,
                  h.key + " could not be reached: its robots.txt could not be read (" + h.robots_unreadable +
                      "), so by RFC 9309 nothing may be fetched; the request was not made");
    }
    if (!j.internal && j.policy->robots && j.url.path != "/robots.txt" &&
        !robots_allow(h, j.policy->robots_token, j.url.path)) {
      {
        std::lock_guard lock(stats_mutex);
        ++h.stats.robots_blocked;
      }
      return fail(j, Failure::robots,
                  h.key + "/robots.txt disallows " + j.url.path + " for " + j.policy->robots_token +
                      "; the request was not made (a source may turn this off with http: { robots: false })");
    }
    // Cache: fresh entries are served without asking; others are revalidated.
    if (cacheable(j)) {
      if (auto e = cache->lookup(cache_key(j))) {
        auto age = std::chrono::system_clock::now() - e->stored_at;
        if (j.policy->cache_max_age_s > 0 && age < std::chrono::seconds(j.policy->cache_max_age_s)) {
          Response r = e->response;
          r.flags |= kFromCache;
          {
            std::lock_guard lock(stats_mutex);
            ++h.stats.cache_hits;
          }
          return complete(j, std::move(r));
        }
        if (!e->etag.empty() || !e->last_modified.empty()) j.cached = std::move(e);
      }
    }
    if (replayer) return replay(j);
    enqueue(j);
  }

  // GETs without credentials of their own. Entries are per component and
  // cookie session: a page seen logged in is never served to anyone else.
  bool cacheable(const Job& j) const {
    if (!cache || !j.policy->cache || (j.req.flags & kNoCache) || j.req.method != "GET") return false;
    for (const auto& h : j.req.headers)
      if (iequals(h.name, "Authorization") || iequals(h.name, "Cookie")) return false;
    return true;
  }
  static std::string cache_key(const Job& j) { return j.caller.component + '\n' + j.req.session + '\n' + j.req.url; }

  void replay(Job& j) {
    auto r = replayer->next(j.req);
    if (!r) {
      return fail(j, Failure::not_recorded,
                  j.req.method + " " + j.req.url + " is not in the recording " + settings.replay_dir +
                      "; the run asked for something the recorded run did not (record it again with --record)");
    }
    {
      std::lock_guard lock(stats_mutex);
      ++j.host->stats.replayed;
    }
    complete(j, std::move(*r));
  }

  // ---- politeness -------------------------------------------------------------
  void enqueue(Job& j) {
    j.stage = Job::Stage::queued;
    j.host->queue.push_back(j.id);
    pump(*j.host);
  }

  void pump(HostState& h) {
    while (!h.queue.empty()) {
      Job* j = find(h.queue.front());
      if (!j) {
        h.queue.pop_front();
        continue;
      }
      auto now = Clock::now();
      if (h.open) {
        if (now < h.open_until || h.trial_running) {
          if (now < h.open_until) {
            h.queue.pop_front();
            {
              std::lock_guard lock(stats_mutex);
              ++h.stats.circuit_refused;
            }
            fail(*j, Failure::circuit_open,
                 h.key + " kept refusing (" + h.last_refusal + "); its circuit breaker is open, no request until " +
                     seconds_text(std::chrono::duration_cast<milliseconds>(h.open_until - now)) +
                     " from now (http: breaker_threshold / breaker_cooldown_ms)");
            continue;
          }
          return;  // a trial request is out; its answer decides
        }
      }
      if (in_flight_total >= settings.max_total) {
        if (std::find(waiting_for_slot.begin(), waiting_for_slot.end(), &h) == waiting_for_slot.end())
          waiting_for_slot.push_back(&h);
        return;
      }
      if (h.in_flight >= std::max(1, j->policy->max_per_host)) return;
      if (now < h.next_start) {
        if (!h.timer_armed) {
          h.timer_armed = true;
          h.timer.expires_at(h.next_start);
          HostState* hp = &h;
          h.timer.async_wait([this, hp](const boost::system::error_code& ec) {
            hp->timer_armed = false;
            if (!ec) pump(*hp);
          });
        }
        return;
      }
      h.queue.pop_front();
      if (h.open) {
        h.trial_running = true;
        j->trial = true;
      }
      if (j->policy->delay_ms > 0) {
        double f = 1.0 + j->policy->jitter * (2.0 * uniform() - 1.0);
        h.next_start = now + milliseconds(static_cast<int64_t>(static_cast<double>(j->policy->delay_ms) * f));
      }
      launch(*j);
    }
  }

  void slot_freed(HostState& h) {
    pump(h);
    auto waiting = std::move(waiting_for_slot);
    waiting_for_slot.clear();
    for (HostState* w : waiting) pump(*w);
  }

  // ---- proxies ------------------------------------------------------------------
  // Picks the proxy for this attempt; false when every proxy is out.
  bool choose_proxy(Job& j) {
    const auto& list = j.policy->proxies;
    j.proxy.clear();
    if (list.empty()) return true;
    std::vector<const std::string*> usable;
    for (const auto& p : list)
      if (!proxies[p].out) usable.push_back(&p);
    if (usable.empty()) return false;
    if (j.policy->proxy_rotation == "session") {
      std::string& chosen = session_proxy[j.caller.component + '\n' + j.req.session];
      if (chosen.empty() || proxies[chosen].out) chosen = *usable[proxy_turn++ % usable.size()];
      j.proxy = chosen;
    } else {
      j.proxy = *usable[proxy_turn++ % usable.size()];
    }
    return true;
  }

  CURLSH* share_for(const Job& j) {
    CURLSH*& sh = shares[j.caller.component + '\n' + j.req.session];
    if (!sh) {
      sh = curl_share_init();
      curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);  // all use is on the I/O thread
    }
    return sh;
  }

  // ---- one attempt ----------------------------------------------------------------
  static size_t on_body(char* data, size_t size, size_t n, void* user) {
    Job& j = *static_cast<Job*>(user);
    size_t len = size * n;
    if (static_cast<int64_t>(j.body.size() + len) > j.policy->max_body_bytes) {
      j.too_large = true;
      return 0;  // aborts the transfer
    }
    j.body.append(data, len);
    return len;
  }

  static size_t on_header(char* data, size_t size, size_t n, void* user) {
    Job& j = *static_cast<Job*>(user);
    std::string_view line(data, size * n);
    if (line.starts_with("HTTP/")) {
      j.headers.clear();  // a new response (after a redirect or a 100 Continue)
      return size * n;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return size * n;
    auto trim = [](std::string_view s) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
      return s;
    };
    j.headers.push_back({std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    return size * n;
  }

  void launch(Job& j) {
    if (closing) return fail(j, Failure::cancelled, "the HTTP service is shutting down");
    if (!choose_proxy(j)) {
      end_trial(j);
      return fail(j, Failure::no_proxy,
                  "every proxy configured for " + (j.caller.component.empty() ? "the host" : j.caller.component) +
                      " has failed and was taken out; check http.proxies");
    }
    const Policy& p = *j.policy;
    CURL* e = curl_easy_init();
    j.easy = e;
    j.body.clear();
    j.headers.clear();
    j.too_large = false;
    j.errbuf[0] = 0;
    curl_easy_setopt(e, CURLOPT_URL, j.req.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &j);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j.errbuf);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, (j.req.flags & kNoRedirect) ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(p.max_redirects));
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every decoder this libcurl has
    curl_easy_setopt(e, CURLOPT_USERAGENT, p.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(p.connect_timeout_ms));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(j.req.timeout_ms > 0 ? j.req.timeout_ms : p.timeout_ms));
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(p.max_body_bytes));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &j);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &j);
    curl_easy_setopt(e, CURLOPT_SHARE, share_for(j));
    curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");  // the cookie engine on, nothing read from disk
    // Told when curl closes a socket, so the reactor forgets it first.
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &Impl::close_cb);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
    if (!p.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, p.ca_file.c_str());
    if (!j.proxy.empty()) {
      curl_easy_setopt(e, CURLOPT_PROXY, j.proxy.c_str());
      curl_easy_setopt(e, CURLOPT_NOPROXY, "");  // configured proxies are used for every host
    }

    const std::string& m = j.req.method;
    if (m == "HEAD") {
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (j.req.body_kind == BodyKind::multipart) {
      j.mime = curl_mime_init(e);
      for (const auto& part : j.req.parts) {
        curl_mimepart* mp = curl_mime_addpart(j.mime);
        curl_mime_name(mp, part.name.c_str());
        if (!part.file_path.empty()) {
          curl_mime_filedata(mp, part.file_path.c_str());
          if (!part.filename.empty()) curl_mime_filename(mp, part.filename.c_str());
          curl_mime_type(mp, part.content_type.empty() ? "application/octet-stream" : part.content_type.c_str());
        } else {
          curl_mime_data(mp, part.data.data(), part.data.size());
          if (!part.filename.empty()) curl_mime_filename(mp, part.filename.c_str());
          if (!part.content_type.empty()) curl_mime_type(mp, part.content_type.c_str());
        }
      }
      curl_easy_setopt(e, CURLOPT_MIMEPOST, j.mime);
      if (m != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
    } else if (j.req.body_kind != BodyKind::none) {
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, j.req.body.data());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(j.req.body.size()));
      if (m != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
    } else if (m != "GET") {
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
    }

    auto has = [&](std::string_view name) { return find_header(j.req.headers, name) != nullptr; };
    for (const auto& h : j.req.headers) j.header_list = curl_slist_append(j.header_list, (h.name + ": " + h.value).c_str());
    if (j.req.body_kind == BodyKind::json && !has("Content-Type"))
      j.header_list = curl_slist_append(j.header_list, "Content-Type: application/json");
    if (j.req.body_kind == BodyKind::raw && !j.req.content_type.empty() && !has("Content-Type"))
      j.header_list = curl_slist_append(j.header_list, ("Content-Type: " + j.req.content_type).c_str());
    if (j.req.body_kind != BodyKind::none) j.header_list = curl_slist_append(j.header_list, "Expect:");
    if (j.cached) {
      if (!j.cached->etag.empty() && !has("If-None-Match"))
        j.header_list = curl_slist_append(j.header_list, ("If-None-Match: " + j.cached->etag).c_str());
      if (!j.cached->last_modified.empty() && !has("If-Modified-Since"))
        j.header_list = curl_slist_append(j.header_list, ("If-Modified-Since: " + j.cached->last_modified).c_str());
    }
    if (j.header_list) curl_easy_setopt(e, CURLOPT_HTTPHEADER, j.header_list);

    j.stage = Job::Stage::running;
    j.started = Clock::now();
    ++j.attempts;
    ++j.host->in_flight;
    ++in_flight_total;
    curl_multi_add_handle(multi, e);
  }

  // Detaches the attempt's easy handle; true when one was running.
  bool release_easy(Job& j) {
    if (!j.easy) return false;
    curl_multi_remove_handle(multi, j.easy);
    curl_easy_cleanup(j.easy);
    j.easy = nullptr;
    curl_slist_free_all(j.header_list);
    j.header_list = nullptr;
    curl_mime_free(j.mime);
    j.mime = nullptr;
    --j.host->in_flight;
    --in_flight_total;
    return true;
  }

  // The half-open circuit's trial is over, whatever happened to it.
  void end_trial(Job& j) {
    if (!j.trial) return;
    j.trial = false;
    j.host->trial_running = false;
  }

  void attempt_done(Job& j, CURLcode code) {
    HostState& h = *j.host;
    bool was_trial = j.trial;
    end_trial(j);
    long status = 0;
    curl_easy_getinfo(j.easy, CURLINFO_RESPONSE_CODE, &status);
    char* final_url = nullptr;
    curl_easy_getinfo(j.easy, CURLINFO_EFFECTIVE_URL, &final_url);
    curl_off_t retry_after_s = 0;
    curl_easy_getinfo(j.easy, CURLINFO_RETRY_AFTER, &retry_after_s);
    retry_after_s = std::clamp<curl_off_t>(retry_after_s, 0, 86'400);
    long redirects = 0, connect_code = 0, proxy_error = 0;
    curl_easy_getinfo(j.easy, CURLINFO_REDIRECT_COUNT, &redirects);
    curl_easy_getinfo(j.easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
    curl_easy_getinfo(j.easy, CURLINFO_PROXY_ERROR, &proxy_error);
    j.redirected = redirects > 0;
    std::string url_after = final_url ? final_url : j.req.url;
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - j.started).count();
    std::string curl_error = j.errbuf[0] ? j.errbuf : curl_easy_strerror(code);
    {
      std::lock_guard lock(stats_mutex);
      ++h.stats.attempts;
      h.stats.bytes += j.body.size();
      ++h.stats.statuses[code == CURLE_OK ? status : 0];
      h.latencies.push_back(ms);
    }
    release_easy(j);

    // Proxy trouble: take the proxy out and go again through another one.
    if (!j.proxy.empty() && proxy_failed(code, status, connect_code, proxy_error)) {
      ProxyState& ps = proxies[j.proxy];
      if (++ps.failures >= j.policy->proxy_max_failures && !ps.out) {
        ps.out = true;
        log(3, "proxy " + j.proxy + " taken out after " + std::to_string(ps.failures) + " failure(s): " +
                   (code == CURLE_OK ? "HTTP 407" : curl_error));
      }
      // Another proxy, at once: the origin was not reached.
      if (may_retry(j, true, static_cast<int>(j.policy->proxies.size()))) {
        enqueue(j);
        return slot_freed(h);
      }
    } else if (!j.proxy.empty()) {
      proxies[j.proxy].failures = 0;
    }

    // Proxy trouble says nothing about the origin.
    bool proxy_trouble = !j.proxy.empty() && proxy_failed(code, status, connect_code, proxy_error);
    bool refused = !proxy_trouble &&
                   ((code == CURLE_OK && refused_status(status)) || (code != CURLE_OK && retryable(code)));
    if (refused) {
      h.last_refusal = code == CURLE_OK ? "HTTP " + std::to_string(status) : curl_error;
      if (++h.refusals >= j.policy->breaker_threshold || was_trial) open_circuit(h, *j.policy);
    } else if (code == CURLE_OK) {
      h.refusals = 0;
      if (h.open) log(2, h.key + ": circuit closed again, the host answers");
      h.open = false;
    }

    if (code != CURLE_OK) {  // a body cut short is no answer either
      if (j.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        fail(j, Failure::too_large,
             j.req.url + ": the body is larger than the cap of " + std::to_string(j.policy->max_body_bytes) +
                 " bytes (decoded); the transfer was aborted (http: max_body_mb)");
      } else if (code == CURLE_TOO_MANY_REDIRECTS) {
        fail(j, Failure::too_many_redirects,
             j.req.url + ": stopped after " + std::to_string(j.policy->max_redirects) +
                 " redirects (a redirect loop? last address " + url_after + ")");
      } else if (retryable(code) && may_retry(j, never_sent(code))) {
        schedule_retry(j, backoff(j), curl_error);
      } else {
        std::string msg = j.req.url + ": " + curl_error;
        if (j.attempts > 1) msg += " (after " + std::to_string(j.attempts) + " attempts)";
        fail(j, Failure::transport, msg);
      }
      return slot_freed(h);
    }

    if (code == CURLE_OK && refused_status(status) && may_retry(j, status == 429 || status == 503)) {
      milliseconds wait = backoff(j);
      if (retry_after_s > 0) wait = milliseconds(static_cast<int64_t>(retry_after_s) * 1000);
      else if (const std::string* ra = find_header(j.headers, "Retry-After")) {
        if (auto d = parse_retry_after(*ra, std::chrono::system_clock::now())) wait = *d;
      }
      if (wait.count() <= j.policy->max_retry_after_ms) {
        schedule_retry(j, wait, "HTTP " + std::to_string(status));
        return slot_freed(h);
      }
    }

    Response r;
    r.status = status;
    r.headers = std::move(j.headers);
    r.body = std::move(j.body);
    r.final_url = url_after;
    r.attempts = j.attempts;
    if (status == 304 && j.cached) {
      Response c = j.cached->response;
      c.flags |= kRevalidated;
      c.attempts = j.attempts;
      cache->touch(cache_key(j), std::chrono::system_clock::now());
      std::lock_guard lock(stats_mutex);
      ++h.stats.revalidated;
      r = std::move(c);
    } else if (status == 200 && cacheable(j)) {
      // A full disk costs the cache, not the run: the answer is used all the same. Said once.
      const std::string problem_before = cache->last_error();
      if (!cache->store(cache_key(j), r) && !cache_failure_said && cache->last_error() != problem_before) {
        cache_failure_said = true;
        log(3, "HTTP cache: " + cache->last_error() + "; answers are used but not cached (free some space, or turn "
               "the cache off with http: { cache_dir: \"\" })");
      }
    }
    if (refused_status(r.status) && j.attempts > 1)
      r.error = "still HTTP " + std::to_string(r.status) + " after " + std::to_string(j.attempts) + " attempts";
    complete(j, std::move(r));
    slot_freed(h);
  }


  // `safe_for_any_method`: the server cannot have acted on this attempt. After
  // a redirect the answer is the last hop's, so a POST is never repeated then.
  bool may_retry(const Job& j, bool safe_for_any_method, int extra_attempts = 0) const {
    if (j.req.flags & kNoRetry) return false;
    if (!idempotent(j.req.method) && (!safe_for_any_method || j.redirected)) return false;
    if (j.caller.cancelled && j.caller.cancelled->load()) return false;
    return j.attempts <= j.policy->retries + extra_attempts;
  }

  milliseconds backoff(Job& j) {
    return backoff_delay(j.attempts - 1, milliseconds(j.policy->backoff_base_ms),
                         milliseconds(j.policy->backoff_max_ms), uniform());
  }

  void open_circuit(HostState& h, const Policy& p) {
    bool was_open = h.open;
    h.open = true;
    h.open_until = Clock::now() + milliseconds(p.breaker_cooldown_ms);
    if (!was_open) {
      {
        std::lock_guard lock(stats_mutex);
        ++h.stats.circuit_opens;
      }
      log(3, h.key + ": circuit open after " + std::to_string(h.refusals) + " refusals in a row (last: " +
                 h.last_refusal + "); no request to it for " + seconds_text(milliseconds(p.breaker_cooldown_ms)));
    }
  }

  void schedule_retry(Job& j, milliseconds wait, const std::string& why) {
    {
      std::lock_guard lock(stats_mutex);
      ++j.host->stats.retries;
    }
    log(1, j.req.method + " " + j.req.url + ": " + why + ", attempt " + std::to_string(j.attempts + 1) + " in " +
               seconds_text(wait));
    j.stage = Job::Stage::backoff;
    j.timer.expires_after(wait);
    uint64_t id = j.id;
    j.timer.async_wait([this, id](const boost::system::error_code& ec) {
      if (ec) return;
      if (Job* job = find(id)) enqueue(*job);
    });
  }

  // ---- the end of a request -------------------------------------------------------
  void fail(Job& j, Failure f, std::string message) {
    Response r;
    r.failure = f;
    r.error = std::move(message);
    r.final_url = j.req.url;
    r.attempts = j.attempts;
    complete(j, std::move(r));
  }

  void complete(Job& j, Response r) {
    if (recorder && r.failure != Failure::cancelled && !(r.flags & kReplayed)) {
      Response rec = r;
      rec.flags = 0;
      try {
        recorder->record(j.req, rec);
      } catch (const std::exception& e) {
        log(4, std::string("recording stopped, the run goes on: ") + e.what());
        recorder.reset();
      }
    }
    if (j.host) {
      std::lock_guard lock(stats_mutex);
      ++j.host->stats.requests;
      if (r.failure != Failure::none) ++j.host->stats.failures;
    }
    auto owned = std::move(live.at(j.id));
    live.erase(j.id);
    const void* tag = owned->caller.tag;
    if (owned->done) {
      try {
        owned->done(std::move(r));
      } catch (const std::exception& e) {
        log(4, std::string("an HTTP completion callback threw: ") + e.what());
      } catch (...) {
        log(4, "an HTTP completion callback threw");
      }
    }
    owned.reset();
    if (tag) {
      std::lock_guard lock(tag_mutex);
      if (--outstanding[tag] == 0) outstanding.erase(tag);
      tag_cv.notify_all();
    }
  }

  void cancel(uint64_t id, const std::string& why) {
    Job* j = find(id);
    if (!j) return;
    HostState* h = j->host;
    bool freed = false;
    switch (j->stage) {
      case Job::Stage::running: freed = release_easy(*j); break;
      case Job::Stage::queued:
        h->queue.erase(std::remove(h->queue.begin(), h->queue.end(), id), h->queue.end());
        break;
      case Job::Stage::robots:
        h->robots_waiting.erase(std::remove(h->robots_waiting.begin(), h->robots_waiting.end(), id),
                                h->robots_waiting.end());
        break;
      case Job::Stage::backoff: j->timer.cancel(); break;
      case Job::Stage::start: break;
    }
    if (h) end_trial(*j);
    fail(*j, Failure::cancelled, why);
    if (freed) slot_freed(*h);
  }

  // ---- curl <-> Asio ----------------------------------------------------------------
  static int socket_cb(CURL*, curl_socket_t s, int what, void* userp, void*) {
    auto* self = static_cast<Impl*>(userp);
    if (what == CURL_POLL_REMOVE) {
      self->forget_socket(s);
      return 0;
    }
    auto& k = self->socks[s];
    if (!k) k = std::make_unique<Sock>(self->io, s, ++self->sock_gen);
    k->what = what;
    self->arm(s, *k);
    return 0;
  }

  static int close_cb(void* userp, curl_socket_t s) {
    static_cast<Impl*>(userp)->forget_socket(s);
    return ::close(s);
  }

  void forget_socket(curl_socket_t s) {
    auto it = socks.find(s);
    if (it == socks.end()) return;
    boost::system::error_code ec;
    it->second->sd.cancel(ec);
    socks.erase(it);  // releases the descriptor from the reactor before curl closes it
  }

  void arm(curl_socket_t s, Sock& k) {
    uint64_t gen = k.gen;
    if ((k.what & CURL_POLL_IN) && !k.reading) {
      k.reading = true;
      k.sd.async_wait(asio::posix::descriptor_base::wait_read,
                      [this, s, gen](const boost::system::error_code& ec) { ready(s, gen, CURL_CSELECT_IN, ec); });
    }
    if ((k.what & CURL_POLL_OUT) && !k.writing) {
      k.writing = true;
      k.sd.async_wait(asio::posix::descriptor_base::wait_write,
                      [this, s, gen](const boost::system::error_code& ec) { ready(s, gen, CURL_CSELECT_OUT, ec); });
    }
  }

  void ready(curl_socket_t s, uint64_t gen, int flag, const boost::system::error_code& ec) {
    if (closing) return;
    auto it = socks.find(s);
    if (it == socks.end() || it->second->gen != gen) return;  // gone, or the number was reused
    (flag == CURL_CSELECT_IN ? it->second->reading : it->second->writing) = false;
    if (ec) return;
    int running = 0;
    curl_multi_socket_action(multi, s, flag, &running);
    finished_transfers();
    it = socks.find(s);
    if (it != socks.end() && it->second->gen == gen) arm(s, *it->second);
  }

  static int timer_cb(CURLM*, long timeout_ms, void* userp) {
    auto* self = static_cast<Impl*>(userp);
    if (timeout_ms < 0) {
      self->curl_timer.cancel();
      return 0;
    }
    self->curl_timer.expires_after(milliseconds(timeout_ms));
    self->curl_timer.async_wait([self](const boost::system::error_code& ec) {
      if (ec || self->closing) return;
      int running = 0;
      curl_multi_socket_action(self->multi, CURL_SOCKET_TIMEOUT, 0, &running);
      self->finished_transfers();
    });
    return 0;
  }

  void finished_transfers() {
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      Job* j = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &j);
      CURLcode code = m->data.result;
      if (j) attempt_done(*j, code);
    }
  }

  std::vector<HostStats> stats() const {
    std::lock_guard lock(stats_mutex);
    std::vector<HostStats> out;
    for (const auto& [key, h] : hosts) {
      HostStats s = h->stats;
      std::vector<double> l = h->latencies;
      if (!l.empty()) {
        std::sort(l.begin(), l.end());
        auto at = [&](double q) { return l[std::min(l.size() - 1, static_cast<size_t>(q * static_cast<double>(l.size())))]; };
        s.p50_ms = at(0.50);
        s.p90_ms = at(0.90);
        s.p99_ms = at(0.99);
        s.max_ms = l.back();
      }
      out.push_back(std::move(s));
    }
    return out;
  }
};

Client::Client(ServiceSettings settings, Log log)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(log))) {}

Client::~Client() = default;

void Client::set_policy(const std::string& component, Policy policy) {
  std::lock_guard lock(impl_->policy_mutex);
  impl_->policies[component] = std::make_shared<const Policy>(std::move(policy));
}

void Client::submit(Request request, Caller caller, Done done) {
  impl_->submit(std::move(request), std::move(caller), std::move(done));
}

bool Client::on_io_thread() const { return std::this_thread::get_id() == impl_->io_thread_id; }

Response Client::fetch(Request request, Caller caller) {
  if (on_io_thread()) {
    Response r;
    r.failure = Failure::invalid;
    r.error = "a blocking fetch of " + request.url +
              " was called from an HTTP completion callback, which would deadlock; use fetch_async there";
    return r;
  }
  std::promise<Response> p;
  auto f = p.get_future();
  impl_->submit(std::move(request), std::move(caller), [&p](Response r) { p.set_value(std::move(r)); });
  return f.get();
}

void Client::cancel_stopped() {
  asio::post(impl_->io, [impl = impl_.get()] {
    std::vector<uint64_t> ids;
    for (auto& [id, j] : impl->live)
      if (j->caller.cancelled && j->caller.cancelled->load()) ids.push_back(id);
    for (uint64_t id : ids) impl->cancel(id, "the run is stopping");
  });
}

size_t Client::finish(const void* tag) {
  if (!tag) return 0;
  {
    std::lock_guard lock(impl_->tag_mutex);
    if (!impl_->outstanding.count(tag)) return 0;
  }
  std::promise<size_t> p;
  asio::post(impl_->io, [impl = impl_.get(), tag, &p] {
    std::vector<uint64_t> ids;
    for (auto& [id, j] : impl->live)
      if (j->caller.tag == tag) ids.push_back(id);
    for (uint64_t id : ids) impl->cancel(id, "the plugin call that made this request had returned");
    p.set_value(ids.size());
  });
  size_t n = p.get_future().get();
  std::unique_lock lock(impl_->tag_mutex);
  impl_->tag_cv.wait(lock, [&] { return !impl_->outstanding.count(tag); });
  return n;
}

std::vector<HostStats> Client::stats() const { return impl_->stats(); }

}  // namespace aj::http
