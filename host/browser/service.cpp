// The browser service: Chromium processes (one shared, one per persistent
// profile), tab slots, pages and their operations, and the "aj.browser.v1"
// table of sdk browser.h.
#include "browser/cdp.hpp"
#include "browser/hosts.hpp"
#include "browser/launcher.hpp"
#include "browser/module.hpp"
#include "browser/snapshot.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace aj::browser {
namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;

class Service;
struct Instance;

namespace {
Service* g_service = nullptr;  // the table's free functions reach the service through this

std::string text(aj_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }
aj_str view(const std::string& s) { return aj_str{s.data(), s.size()}; }
std::string js_string(std::string_view s) { return json::serialize(json::value(json::string(s))); }
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
std::string str_at(const json::object& o, std::string_view key) {
  if (auto* v = o.if_contains(key); v && v->is_string()) return std::string(v->as_string());
  return "";
}
}  // namespace

/// One page target: a tab we opened or a popup one of them opened.
struct Page {
  std::shared_ptr<Connection> conn;
  std::weak_ptr<Instance> inst;
  std::string target_id, session_id, component, opener_id;
  Policy policy;

  std::mutex m;
  std::condition_variable cv;
  std::map<std::string, std::set<std::string>> lifecycle;  // loaderId -> events of the main frame
  bool loaded_once = false;
  bool gone = false;
  aj_browser_failure gone_failure = AJ_BROWSER_FAIL_CRASHED;
  std::string gone_reason;
  bool accept_dialogs = false;
  std::string prompt_text;
  json::array dialogs;
  std::deque<std::shared_ptr<Page>> popups;  // opened by this page, not taken yet
  std::string popup_note;                    // a popup closed for want of a slot
  std::string last_refused;
  std::atomic<bool> holds_slot{false};
};

/// One Chromium process.
struct Instance : std::enable_shared_from_this<Instance> {
  std::string profile_dir;  // empty: a temporary profile, removed at the end
  std::string user_data_dir;
  std::atomic<pid_t> pid{-1};  // -1 once reaped
  std::string version;
  std::shared_ptr<Connection> conn;
  std::unique_ptr<asio::posix::stream_descriptor> err;
  std::atomic<bool> alive{false};
  std::atomic<bool> closing{false};
  std::string death;  // why it stopped

  std::mutex m;
  std::condition_variable attached;
  std::map<std::string, std::shared_ptr<Page>> by_target, by_session;
  std::map<std::string, std::string> contexts;  // component \n session -> browserContextId
};

}  // namespace aj::browser

/// The handle a plugin holds.
struct aj_browser_tab {
  std::shared_ptr<aj::browser::Page> page;
  aj_context* ctx = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  std::string result, error;
  aj_browser_failure failure = AJ_BROWSER_OK;
  bool closed = false;
  bool status_skip = false;  // the call succeeded with nothing to return (AJ_SKIP)
};

namespace aj::browser {

class Service final : public Module {
 public:
  explicit Service(const ModuleArgs& a) : args_(a), io_(std::make_shared<asio::io_context>()) {
    work_.emplace(io_->get_executor());
    thread_ = std::thread([io = io_] { io->run(); });
    stats_.max_tabs = args_.settings.max_tabs;
  }

  ~Service() override {
    std::map<std::string, std::shared_ptr<Instance>> all;
    {
      std::lock_guard lock(m_);
      all.swap(instances_);
    }
    for (auto& [k, inst] : all) stop(*inst, "the browser service shut down");
    work_.reset();
    io_->stop();
    if (thread_.joinable()) thread_.join();
    if (!run_dir_.empty()) {
      std::error_code ec;
      fs::remove(run_dir_, ec);  // only when nothing was downloaded
    }
    g_service = nullptr;
  }

  const aj_browser_api_v1* table() const override { return &table_; }

  void set_policy(const std::string& component, const Policy& policy) override {
    std::lock_guard lock(m_);
    policies_[component] = policy;
  }

  void cancel_stopped() override {
    slots_cv_.notify_all();
    std::vector<std::shared_ptr<Page>> pages;
    std::vector<std::shared_ptr<Connection>> conns;
    {
      std::lock_guard lock(m_);
      for (auto* t : live_)
        if (t->page) pages.push_back(t->page);
      for (auto& [k, inst] : instances_)
        if (inst->conn) conns.push_back(inst->conn);
    }
    for (auto& p : pages) {
      std::lock_guard lock(p->m);
      p->cv.notify_all();
    }
    for (auto& c : conns) c->wake_all();
  }

  size_t finish(const aj_context* ctx) override {
    std::vector<aj_browser_tab*> left;
    {
      std::lock_guard lock(m_);
      for (auto* t : live_)
        if (t->ctx == ctx && !t->closed) left.push_back(t);
    }
    for (auto* t : left) close_page_of(t);
    return left.size();
  }

  Stats stats() const override {
    Stats s;
    std::vector<std::pair<std::string, std::vector<double>>> lat;
    pid_t pid = -1;
    {
      std::lock_guard lock(stats_m_);
      s = stats_;
      for (const auto& [op, v] : latencies_) lat.emplace_back(op, v);
      s.active_s = active_s_ + (open_since_ ? std::chrono::duration<double>(Clock::now() - *open_since_).count() : 0);
    }
    std::vector<pid_t> pids;  // every live browser: the shared one and those of persistent profiles
    {
      std::lock_guard lock(m_);
      if (auto it = instances_.find(""); it != instances_.end() && it->second->alive) pid = it->second->pid;
      for (auto& [k, inst] : instances_)
        if (inst->alive && inst->pid > 0) pids.push_back(inst->pid);
      s.open_tabs = open_;
    }
    s.pid = pid > 0 ? pid : 0;
    if (!pids.empty()) {
      s.rss_bytes = s.pss_bytes = 0;
      for (pid_t p : pids) {
        Memory mem = tree_memory(p);
        s.rss_bytes += mem.rss;
        s.pss_bytes += mem.pss;
      }
      s.peak_rss_bytes = std::max(s.peak_rss_bytes, s.rss_bytes);
      s.peak_pss_bytes = std::max(s.peak_pss_bytes, s.pss_bytes);
    }
    s.pages_per_minute = s.active_s > 0 ? static_cast<double>(s.pages) * 60.0 / s.active_s : 0;
    for (auto& [op, v] : lat) {
      std::sort(v.begin(), v.end());
      OpStats o;
      o.op = op;
      o.calls = v.size();
      auto q = [&](double f) { return v.empty() ? 0.0 : v[std::min(v.size() - 1, static_cast<size_t>(f * v.size()))]; };
      o.p50_ms = q(0.5);
      o.p90_ms = q(0.9);
      o.max_ms = v.empty() ? 0 : v.back();
      o.failed = failed_.count(op) ? failed_.at(op) : 0;
      s.ops.push_back(o);
    }
    return s;
  }

  // ---- slots ----

  // Waits for a free slot; false (with the failure set on `t`) when none came.
  bool acquire_slot(aj_browser_tab* t, Clock::time_point deadline) {
    std::unique_lock lock(m_);
    for (;;) {
      if (t->cancel && t->cancel->load()) return fail(t, AJ_BROWSER_FAIL_CANCELLED, "the run is stopping");
      if (open_ < args_.settings.max_tabs) break;
      if (slots_cv_.wait_until(lock, deadline) == std::cv_status::timeout && open_ >= args_.settings.max_tabs)
        return fail(t, AJ_BROWSER_FAIL_TIMEOUT,
                    "no free tab in time: all " + std::to_string(args_.settings.max_tabs) +
                        " are open (browser.max_tabs); close tabs as soon as their work is done");
    }
    took_slot_locked();
    return true;
  }
  bool try_acquire_slot() {
    std::lock_guard lock(m_);
    if (open_ >= args_.settings.max_tabs) return false;
    took_slot_locked();
    return true;
  }
  void release_slot(Page& p) {
    if (p.holds_slot.exchange(false)) returned_slot();
  }
  void returned_slot() {
    {
      std::lock_guard lock(m_);
      --open_;
      if (open_ == 0) {
        std::lock_guard s(stats_m_);
        if (open_since_) active_s_ += std::chrono::duration<double>(Clock::now() - *open_since_).count();
        open_since_.reset();
      }
    }
    slots_cv_.notify_all();
  }

  // ---- the C table ----

  aj_status open(aj_host* host, aj_context* ctx, const aj_browser_open* o, aj_browser_tab** out) {
    auto* t = new aj_browser_tab;
    *out = t;
    t->ctx = ctx;
    if (ctx) t->cancel = args_.cancel_flag_of(ctx);
    auto t0 = Clock::now();
    aj_browser_open opts{};
    if (o) {
      if (o->struct_size < offsetof(aj_browser_open, prompt_text) + sizeof(aj_str))
        return finish_op(t, "open", t0, fail(t, AJ_BROWSER_FAIL_INVALID,
                                             "aj_browser_open is too small (struct_size); rebuild the plugin"));
      std::memcpy(&opts, o, std::min<size_t>(o->struct_size, sizeof opts));
    }
    std::string component = host ? args_.component_of(host) : "";
    Policy policy = policy_of(component);
    int64_t wait_ms = opts.timeout_ms > 0 ? opts.timeout_ms : args_.settings.open_timeout_ms;
    if (!acquire_slot(t, t0 + std::chrono::milliseconds(wait_ms))) return finish_op(t, "open", t0, false);

    // From here the slot is ours until a Page holds it.
    auto give_back = [&] { returned_slot(); };
    Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(args_.settings.launch_timeout_ms);
    std::string error;
    auto inst = instance_for(policy.profile_dir, deadline, error);
    if (!inst) {
      give_back();
      return finish_op(t, "open", t0, fail(t, AJ_BROWSER_FAIL_UNAVAILABLE, error));
    }
    std::string session = text(opts.session);
    json::object create{{"url", "about:blank"}};
    if (policy.profile_dir.empty()) {
      std::string context = context_for(*inst, component, session, deadline, error);
      if (context.empty()) {
        give_back();
        return finish_op(t, "open", t0, fail(t, AJ_BROWSER_FAIL_CRASHED, error));
      }
      create["browserContextId"] = context;
    }
    Reply r = inst->conn->call("Target.createTarget", create, "", deadline, t->cancel);
    if (!r.ok()) {
      give_back();
      return finish_op(t, "open", t0, fail_reply(t, r, "cannot open a tab"));
    }
    std::string target = str_at(r.result, "targetId");
    std::shared_ptr<Page> page;
    {
      std::unique_lock lock(inst->m);
      inst->attached.wait_until(lock, deadline, [&] { return inst->by_target.count(target) || !inst->alive; });
      if (auto it = inst->by_target.find(target); it != inst->by_target.end()) page = it->second;
    }
    if (!page) {
      give_back();
      return finish_op(t, "open", t0, fail(t, AJ_BROWSER_FAIL_CRASHED, "the new tab never attached: " + inst->death));
    }
    page->component = component;
    page->policy = policy;
    page->accept_dialogs = opts.flags & AJ_BROWSER_ACCEPT_DIALOGS;
    page->prompt_text = text(opts.prompt_text);
    page->holds_slot = true;
    t->page = page;
    {
      std::lock_guard lock(m_);
      live_.insert(t);
    }
    setup(*page);
    r = page->conn->call("Runtime.runIfWaitingForDebugger", {}, page->session_id, deadline, t->cancel);
    if (!r.ok()) return finish_op(t, "open", t0, fail_reply(t, r, "cannot start the tab"));
    {
      std::lock_guard lock(stats_m_);
      ++stats_.tabs_opened;
    }
    sample_rss(inst->pid);
    return finish_op(t, "open", t0, true);
  }

  void close(aj_browser_tab* t) {
    if (!t) return;
    close_page_of(t);
    std::lock_guard lock(m_);
    live_.erase(t);
    delete t;
  }

  // ---- operations ----

  struct Op {
    Service& svc;
    aj_browser_tab* t;
    Page& page;
    Clock::time_point deadline;

    Reply cdp(const std::string& method, json::object params = {}) {
      return page.conn->call(method, std::move(params), page.session_id, deadline, t->cancel);
    }
    int64_t left_ms() const {
      return std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
    }
    bool fail(aj_browser_failure f, std::string msg) { return svc.fail(t, f, std::move(msg)); }
    bool fail(const Reply& r, const std::string& what) { return svc.fail_reply(t, r, what); }

    // Evaluates an expression; false (failure set) on a protocol or script error.
    bool eval(const std::string& expr, json::object& result, bool by_value = true, bool await = true,
              const char* what = "the script") {
      for (;;) {
        Reply r = cdp("Runtime.evaluate", {{"expression", expr}, {"returnByValue", by_value},
                                           {"awaitPromise", await}, {"userGesture", true}, {"objectGroup", "aj"}});
        if (!r.ok()) {
          // A navigation replaced the document under us: ask the new one.
          if (r.kind == Reply::Kind::error && retryable(r.error) && Clock::now() < deadline) continue;
          return fail(r, what);
        }
        return script_result(r, result, what);
      }
    }
    bool call_on(const std::string& object, const std::string& fn, json::array args, json::object& result,
                 bool by_value = true) {
      json::array a;
      for (auto& v : args) a.push_back(json::object{{"value", std::move(v)}});
      Reply r = cdp("Runtime.callFunctionOn", {{"functionDeclaration", fn}, {"objectId", object}, {"arguments", a},
                                               {"returnByValue", by_value}, {"awaitPromise", true},
                                               {"userGesture", true}});
      if (!r.ok()) {
        if (r.kind == Reply::Kind::error && retryable(r.error))
          return fail(AJ_BROWSER_FAIL_NOT_FOUND, "the element went away (the page navigated); find it again");
        return fail(r, "the action");
      }
      return script_result(r, result, "the action");
    }
    static bool retryable(const std::string& e) {
      return e.find("context was destroyed") != std::string::npos ||
             e.find("Inspected target navigated or closed") != std::string::npos ||
             e.find("Cannot find context") != std::string::npos ||
             e.find("Cannot find default execution context") != std::string::npos;
    }
    bool script_result(Reply& r, json::object& result, const char* what) {
      if (auto* ex = r.result.if_contains("exceptionDetails"); ex && ex->is_object()) {
        std::string msg = str_at(ex->as_object(), "text");
        if (auto* e = ex->as_object().if_contains("exception"); e && e->is_object()) {
          auto d = str_at(e->as_object(), "description");
          if (!d.empty()) msg = d.substr(0, d.find('\n'));
        }
        return fail(AJ_BROWSER_FAIL_SCRIPT, std::string(what) + " threw: " + msg);
      }
      if (auto* res = r.result.if_contains("result"); res && res->is_object()) result = std::move(res->as_object());
      return true;
    }

    // The element a target names, as a remote object id; waits for a
    // selector to match (a visible element when `visible`).
    bool resolve(const std::string& target, bool visible, std::string& object, bool waiting = false) {
      if (target.empty()) return fail(AJ_BROWSER_FAIL_INVALID, "no target: give a ref from snapshot() or a CSS selector");
      if (int64_t node = ref_node(target)) {
        Reply r = cdp("DOM.resolveNode", {{"backendNodeId", node}, {"objectGroup", "aj"}});
        if (!r.ok()) {
          if (r.kind == Reply::Kind::error)
            return fail(AJ_BROWSER_FAIL_NOT_FOUND, "ref " + target + " is not in the page any more; take a new snapshot");
          return fail(r, "finding " + target);
        }
        if (auto* o = r.result.if_contains("object"); o && o->is_object()) object = str_at(o->as_object(), "objectId");
        if (object.empty()) return fail(AJ_BROWSER_FAIL_NOT_FOUND, "ref " + target + " is not an element");
        return true;
      }
      int64_t wait = std::max<int64_t>(0, left_ms() - 300);
      std::string js = "(() => { const sel = " + js_string(target) + "; const vis = " + (visible ? "true" : "false") +
                       "; const ms = " + std::to_string(wait) + R"(;
  const ok = e => !vis || (e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
  const find = () => { for (const e of document.querySelectorAll(sel)) if (ok(e)) return e; return null; };
  const first = find();
  if (first || ms === 0) return first;
  return new Promise(resolve => {
    let t = 0;
    const obs = new MutationObserver(() => { const e = find(); if (e) { obs.disconnect(); clearTimeout(t); resolve(e); } });
    obs.observe(document, {childList: true, subtree: true, attributes: true});
    t = setTimeout(() => { obs.disconnect(); resolve(find()); }, ms);
  });
})())";
      json::object res;
      if (!eval(js, res, false, true, "the selector")) {
        if (t->failure == AJ_BROWSER_FAIL_SCRIPT && t->error.find("SyntaxError") != std::string::npos)
          return fail(AJ_BROWSER_FAIL_INVALID, "'" + target + "' is not a valid CSS selector");
        return false;
      }
      object = str_at(res, "objectId");
      if (object.empty())
        return fail(waiting ? AJ_BROWSER_FAIL_TIMEOUT : AJ_BROWSER_FAIL_NOT_FOUND,
                    std::string("no ") + (visible ? "visible " : "") + "element matches '" + target + "' after " +
                        std::to_string(wait) + " ms");
      return true;
    }

    // A mouse click at the element's centre. `covered_ok`: report a covered
    // or invisible element instead of failing (the caller falls back).
    bool mouse_click(const std::string& object, bool* unclickable = nullptr) {
      json::object res;
      if (!call_on(object, R"(function() {
  this.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
  const r = this.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return {hidden: true};
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const mine = !hit || hit === this || this.contains(hit) || hit.contains(this) ||
      (this.labels && [...this.labels].some(l => l === hit || l.contains(hit)));
  return mine ? {x, y} : {x, y, covered: hit.outerHTML.slice(0, 160)};
})",
                   {}, res))
        return false;
      auto* v = res.if_contains("value");
      if (!v || !v->is_object()) return fail(AJ_BROWSER_FAIL_NOT_FOUND, "the element has no position");
      auto& p = v->as_object();
      if (p.if_contains("hidden")) {
        if (unclickable) return *unclickable = true, true;
        return fail(AJ_BROWSER_FAIL_NOT_FOUND, "the element is not visible (zero size)");
      }
      if (auto* c = p.if_contains("covered")) {
        if (unclickable) return *unclickable = true, true;
        return fail(AJ_BROWSER_FAIL_OBSCURED,
                    "another element would receive the click: " + std::string(c->as_string()) + " (close it first)");
      }
      double x = p.at("x").to_number<double>(), y = p.at("y").to_number<double>();
      for (const char* type : {"mouseMoved", "mousePressed", "mouseReleased"}) {
        json::object ev{{"type", type}, {"x", x}, {"y", y}};
        if (std::string_view(type) != "mouseMoved") {
          ev["button"] = "left";
          ev["clickCount"] = 1;
          ev["buttons"] = std::string_view(type) == "mousePressed" ? 1 : 0;
        }
        Reply r = cdp("Input.dispatchMouseEvent", ev);
        if (!r.ok()) return fail(r, "the click");
      }
      return true;
    }
  };

  template <class Body>
  aj_status op(aj_browser_tab* t, const char* name, int64_t timeout_ms, Body&& body) {
    if (!t) return AJ_ERROR;
    auto t0 = Clock::now();
    t->result.clear();
    t->error.clear();
    t->failure = AJ_BROWSER_OK;
    if (t->closed || !t->page) return finish_op(t, name, t0, fail(t, AJ_BROWSER_FAIL_INVALID, "the tab is closed"));
    Page& page = *t->page;
    {
      std::lock_guard lock(page.m);
      if (page.gone) return finish_op(t, name, t0, fail(t, page.gone_failure, page.gone_reason));
    }
    int64_t ms = timeout_ms > 0 ? timeout_ms : page.policy.timeout_ms;
    Op op{*this, t, page, Clock::now() + std::chrono::milliseconds(ms)};
    bool ok = body(op);
    if (!ok && t->failure == AJ_BROWSER_FAIL_TIMEOUT && t->error.find(" ms") == std::string::npos)
      t->error += " (timeout " + std::to_string(ms) + " ms)";
    return finish_op(t, name, t0, ok);
  }

  aj_status navigate(aj_browser_tab* t, aj_str url_s, aj_browser_wait wait, aj_str selector_s, int64_t timeout_ms) {
    std::string url = text(url_s), selector = text(selector_s);
    return op(t, "navigate", timeout_ms, [&](Op& op) {
      if (wait > AJ_BROWSER_WAIT_COMMIT) return op.fail(AJ_BROWSER_FAIL_INVALID, "unknown wait " + std::to_string(wait));
      if (wait == AJ_BROWSER_WAIT_SELECTOR && selector.empty())
        return op.fail(AJ_BROWSER_FAIL_INVALID, "AJ_BROWSER_WAIT_SELECTOR needs a selector");
      if (auto why = refusal(url, op.page.policy.allowed_hosts); !why.empty()) {
        refused(op.page, url, why);
        return op.fail(AJ_BROWSER_FAIL_REFUSED, "refused " + url + ": " + why);
      }
      {
        std::lock_guard lock(op.page.m);
        op.page.lifecycle.clear();
        op.page.last_refused.clear();
      }
      Reply r = op.cdp("Page.navigate", {{"url", url}});
      if (!r.ok()) return op.fail(r, "loading " + url);
      if (auto e = str_at(r.result, "errorText"); !e.empty()) {
        std::lock_guard lock(op.page.m);
        if (!op.page.last_refused.empty())
          return op.fail(AJ_BROWSER_FAIL_REFUSED, "refused " + op.page.last_refused);
        return op.fail(AJ_BROWSER_FAIL_NAVIGATION, "could not load " + url + ": " + e);
      }
      std::string loader = str_at(r.result, "loaderId");
      const char* event = wait == AJ_BROWSER_WAIT_LOAD           ? "load"
                          : wait == AJ_BROWSER_WAIT_NETWORK_IDLE ? "networkIdle"
                          : wait == AJ_BROWSER_WAIT_COMMIT       ? nullptr
                                                                 : "DOMContentLoaded";
      if (!loader.empty() && event && !wait_lifecycle(op, loader, event, url)) return false;
      if (wait == AJ_BROWSER_WAIT_SELECTOR) {
        std::string object;
        if (!op.resolve(selector, true, object, true)) return false;
      }
      if (!op.page.policy.cookie_banners.empty()) dismiss_banners(op);
      json::object res;
      t->result = op.eval("location.href", res, true, false) && res.if_contains("value") &&
                          res.at("value").is_string()
                      ? std::string(res.at("value").as_string())
                      : url;
      t->failure = AJ_BROWSER_OK;
      t->error.clear();
      {
        std::lock_guard lock(stats_m_);
        ++stats_.pages;
      }
      if (auto inst = op.page.inst.lock()) sample_rss(inst->pid);
      return true;
    });
  }

  bool wait_lifecycle(Op& op, const std::string& loader, const std::string& event, const std::string& url) {
    std::unique_lock lock(op.page.m);
    bool done = op.page.cv.wait_until(lock, op.deadline, [&] {
      auto it = op.page.lifecycle.find(loader);
      return op.page.gone || (op.t->cancel && op.t->cancel->load()) ||
             (it != op.page.lifecycle.end() && it->second.count(event));
    });
    if (op.page.gone) return fail(op.t, op.page.gone_failure, op.page.gone_reason);
    if (op.t->cancel && op.t->cancel->load()) return fail(op.t, AJ_BROWSER_FAIL_CANCELLED, "the run is stopping");
    if (!done) return fail(op.t, AJ_BROWSER_FAIL_TIMEOUT, url + " did not reach '" + event + "' in time");
    return true;
  }

  void dismiss_banners(Op& op) {
    json::array sels;
    for (const auto& s : op.page.policy.cookie_banners) sels.push_back(json::string(s));
    std::string js = "(() => { let n = 0; for (const s of " + json::serialize(sels) + R"() {
  let list = []; try { list = document.querySelectorAll(s); } catch (e) { continue; }
  for (const e of list) if (e.getClientRects().length > 0) { e.click(); n++; break; }
} return n; })())";
    json::object res;
    Op quick = op;
    quick.deadline = std::min(op.deadline, Clock::now() + std::chrono::seconds(2));
    std::string keep_error = op.t->error;
    if (!quick.eval(js, res, true, false, "dismissing cookie banners")) {
      args_.log(AJ_LOG_DEBUG, op.page.component + ": cookie banners: " + op.t->error);
    }
    op.t->error = keep_error;
    op.t->failure = AJ_BROWSER_OK;
  }

  aj_status wait_for(aj_browser_tab* t, aj_str selector, int64_t timeout_ms) {
    std::string sel = text(selector);
    return op(t, "wait_for", timeout_ms, [&](Op& op) {
      std::string object;
      return op.resolve(sel, true, object, true);
    });
  }

  aj_status evaluate(aj_browser_tab* t, aj_str expression, int64_t timeout_ms) {
    std::string expr = text(expression);
    return op(t, "evaluate", timeout_ms, [&](Op& op) {
      json::object res;
      if (!op.eval(expr, res)) return false;
      auto* v = res.if_contains("value");
      t->result = v ? json::serialize(*v) : "null";
      return true;
    });
  }

  // html / text / attribute: a function of the element (or of the document).
  aj_status read(aj_browser_tab* t, const char* name, aj_str target_s, const char* whole, const char* fn,
                 json::array args, int64_t timeout_ms) {
    std::string target = text(target_s);
    return op(t, name, timeout_ms, [&](Op& op) {
      json::object res;
      if (target.empty()) {
        if (!op.eval(whole, res)) return false;
      } else {
        std::string object;
        if (!op.resolve(target, false, object) || !op.call_on(object, fn, args, res)) return false;
      }
      auto* v = res.if_contains("value");
      if (!v || v->is_null()) {
        t->status_skip = true;
        return true;
      }
      t->result = v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
      return true;
    });
  }

  aj_status snapshot(aj_browser_tab* t, int64_t timeout_ms) {
    return op(t, "snapshot", timeout_ms, [&](Op& op) {
      Reply r = op.cdp("Accessibility.getFullAXTree");
      if (!r.ok()) return op.fail(r, "the accessibility tree");
      if (auto* nodes = r.result.if_contains("nodes"); nodes && nodes->is_array())
        t->result = render_snapshot(nodes->as_array());
      return true;
    });
  }

  aj_status click(aj_browser_tab* t, aj_str target_s, int64_t timeout_ms) {
    std::string target = text(target_s);
    return op(t, "click", timeout_ms, [&](Op& op) {
      std::string object;
      return op.resolve(target, true, object) && op.mouse_click(object);
    });
  }

  // An action done by a function of the element that returns "" or what is wrong.
  aj_status js_action(aj_browser_tab* t, const char* name, aj_str target_s, aj_str value, const char* fn,
                      int64_t timeout_ms) {
    std::string target = text(target_s);
    json::array args{json::string(text(value))};
    return op(t, name, timeout_ms, [&](Op& op) {
      std::string object;
      json::object res;
      return op.resolve(target, true, object) && op.call_on(object, fn, args, res) && complaint(op, res);
    });
  }

  aj_status fill(aj_browser_tab* t, aj_str target, aj_str value, int64_t timeout_ms) {
    return js_action(t, "fill", target, value, R"(function(v) {
  if (this.isContentEditable) { this.focus(); this.textContent = v; this.dispatchEvent(new Event('input', {bubbles: true})); return ''; }
  const tag = this.tagName;
  if (tag !== 'INPUT' && tag !== 'TEXTAREA') return 'not a text field: <' + tag.toLowerCase() + '>';
  const type = (this.type || '').toLowerCase();
  if (['checkbox', 'radio', 'file', 'submit', 'button', 'image', 'reset'].includes(type))
    return 'cannot fill an input of type ' + type + (type === 'file' ? ' (use upload)' : ' (use check or click)');
  if (this.disabled || this.readOnly) return 'the field is ' + (this.disabled ? 'disabled' : 'read-only');
  this.focus();
  const proto = tag === 'INPUT' ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(this, v);
  this.dispatchEvent(new Event('input', {bubbles: true}));
  this.dispatchEvent(new Event('change', {bubbles: true}));
  return '';
})", timeout_ms);
  }

  aj_status select(aj_browser_tab* t, aj_str target, aj_str value, int64_t timeout_ms) {
    return js_action(t, "select", target, value, R"(function(v) {
  if (this.tagName !== 'SELECT') return 'not a <select>: <' + this.tagName.toLowerCase() + '>';
  if (this.disabled) return 'the list is disabled';
  const opts = [...this.options];
  const o = opts.find(o => o.value === v) || opts.find(o => o.label.trim() === v) ||
            opts.find(o => o.textContent.trim() === v) ||
            opts.find(o => o.label.trim().toLowerCase() === v.trim().toLowerCase());
  if (!o) return 'no option "' + v + '"; the options are: ' + opts.map(o => o.label.trim()).join(', ');
  this.focus();
  o.selected = true;
  this.dispatchEvent(new Event('input', {bubbles: true}));
  this.dispatchEvent(new Event('change', {bubbles: true}));
  return '';
})", timeout_ms);
  }

  aj_status check(aj_browser_tab* t, aj_str target_s, int32_t checked, int64_t timeout_ms) {
    std::string target = text(target_s);
    return op(t, "check", timeout_ms, [&](Op& op) {
      std::string object;
      if (!op.resolve(target, false, object)) return false;
      const char* state_fn = R"(function() {
  const t = (this.type || '').toLowerCase();
  if (this.tagName === 'INPUT' && (t === 'checkbox' || t === 'radio')) return {checked: this.checked, radio: t === 'radio'};
  const a = this.getAttribute('aria-checked');
  if (a !== null) return {checked: a === 'true', radio: this.getAttribute('role') === 'radio'};
  return {error: 'not a checkbox or radio button: <' + this.tagName.toLowerCase() + '>'};
})";
      json::object res;
      if (!op.call_on(object, state_fn, {}, res)) return false;
      auto state = res.if_contains("value");
      if (!state || !state->is_object()) return op.fail(AJ_BROWSER_FAIL_INVALID, "cannot read the element's state");
      if (auto* e = state->as_object().if_contains("error")) return op.fail(AJ_BROWSER_FAIL_INVALID, std::string(e->as_string()));
      bool now = state->as_object().at("checked").as_bool();
      bool radio = state->as_object().at("radio").as_bool();
      if (now == (checked != 0)) return true;
      if (radio && !checked) return op.fail(AJ_BROWSER_FAIL_INVALID, "a radio button cannot be unchecked; check another one");
      bool unclickable = false;
      if (!op.mouse_click(object, &unclickable)) return false;
      if (unclickable && !op.call_on(object, "function() { this.click(); }", {}, res)) return false;  // a styled, hidden input
      if (!op.call_on(object, state_fn, {}, res)) return false;
      if (res.at("value").as_object().at("checked").as_bool() != (checked != 0))
        return op.fail(AJ_BROWSER_FAIL_INVALID, "clicking did not change the state (does the page prevent it?)");
      return true;
    });
  }

  aj_status upload(aj_browser_tab* t, aj_str target_s, const aj_str* paths, uint32_t n, int64_t timeout_ms) {
    std::string target = text(target_s);
    json::array files;
    std::string bad;
    for (uint32_t i = 0; i < n && paths; ++i) {
      std::string p = text(paths[i]);
      std::error_code ec;
      if (!fs::path(p).is_absolute() || !fs::is_regular_file(p, ec)) bad = p;
      files.push_back(json::string(p));
    }
    return op(t, "upload", timeout_ms, [&](Op& op) {
      if (files.empty()) return op.fail(AJ_BROWSER_FAIL_INVALID, "no file to upload");
      if (!bad.empty()) return op.fail(AJ_BROWSER_FAIL_INVALID, "cannot upload " + bad + ": not an absolute path to a readable file");
      std::string object;
      json::object res;
      if (!op.resolve(target, false, object) ||
          !op.call_on(object, R"(function(n) {
  if (this.tagName !== 'INPUT' || this.type !== 'file') return 'not a file input: <' + this.tagName.toLowerCase() + '>';
  if (n > 1 && !this.multiple) return 'this file input takes one file';
  return '';
})",
                      json::array{static_cast<int64_t>(files.size())}, res) ||
          !complaint(op, res))
        return false;
      Reply r = op.cdp("DOM.setFileInputFiles", {{"files", files}, {"objectId", object}});
      return r.ok() || op.fail(r, "the upload");
    });
  }

  aj_status press(aj_browser_tab* t, aj_str key_s, int64_t timeout_ms) {
    std::string key = text(key_s);
    return op(t, "press", timeout_ms, [&](Op& op) {
      struct K {
        const char* key;
        const char* code;
        int vk;
        const char* text;
      };
      static const K keys[] = {
          {"Enter", "Enter", 13, "\r"}, {"Tab", "Tab", 9, ""}, {"Escape", "Escape", 27, ""},
          {"Backspace", "Backspace", 8, ""}, {"Delete", "Delete", 46, ""}, {"ArrowUp", "ArrowUp", 38, ""},
          {"ArrowDown", "ArrowDown", 40, ""}, {"ArrowLeft", "ArrowLeft", 37, ""},
          {"ArrowRight", "ArrowRight", 39, ""}, {"Home", "Home", 36, ""}, {"End", "End", 35, ""},
          {"PageUp", "PageUp", 33, ""}, {"PageDown", "PageDown", 34, ""}, {"Space", "Space", 32, " "}};
      json::object down{{"type", "keyDown"}};
      const K* k = nullptr;
      for (const auto& c : keys)
        if (key == c.key) k = &c;
      if (k) {
        down["key"] = k->key == std::string_view("Space") ? " " : k->key;
        down["code"] = k->code;
        down["windowsVirtualKeyCode"] = k->vk;
        if (*k->text) down["text"] = k->text;
        else down["type"] = "rawKeyDown";
      } else if (!key.empty() && key.size() <= 4 && (key.size() == 1 || static_cast<unsigned char>(key[0]) >= 0xC0)) {
        down["key"] = key;
        down["text"] = key;
      } else {
        return op.fail(AJ_BROWSER_FAIL_INVALID, "unknown key '" + key + "': use Enter, Tab, Escape, Backspace, "
                                                "Delete, Arrow*, Home, End, PageUp, PageDown, Space or one character");
      }
      json::object up = down;
      up["type"] = "keyUp";
      up.erase("text");
      Reply r = op.cdp("Input.dispatchKeyEvent", down);
      if (r.ok()) r = op.cdp("Input.dispatchKeyEvent", up);
      return r.ok() || op.fail(r, "the key press");
    });
  }

  aj_status next_popup(aj_browser_tab* t, int64_t timeout_ms, aj_browser_tab** out) {
    if (out) *out = nullptr;
    std::shared_ptr<Page> popup;
    aj_status st = op(t, "next_popup", timeout_ms, [&](Op& op) {
      std::unique_lock lock(op.page.m);
      op.page.cv.wait_until(lock, op.deadline, [&] {
        return !op.page.popups.empty() || !op.page.popup_note.empty() || op.page.gone ||
               (t->cancel && t->cancel->load());
      });
      if (!op.page.popups.empty()) {
        popup = op.page.popups.front();
        op.page.popups.pop_front();
      } else if (!op.page.popup_note.empty()) {
        std::string note = std::exchange(op.page.popup_note, "");
        return fail(t, AJ_BROWSER_FAIL_NO_POPUP, note);
      } else if (op.page.gone) {
        return fail(t, op.page.gone_failure, op.page.gone_reason);
      } else if (t->cancel && t->cancel->load()) {
        return fail(t, AJ_BROWSER_FAIL_CANCELLED, "the run is stopping");
      } else {
        t->failure = AJ_BROWSER_FAIL_NO_POPUP;
        t->error = "this tab opened no popup in time";
        return false;
      }
      lock.unlock();
      // Let it load (a popup starts blank), within the same timeout.
      std::unique_lock plock(popup->m);
      popup->cv.wait_until(plock, op.deadline, [&] { return popup->loaded_once || popup->gone; });
      return true;
    });
    auto* p = new aj_browser_tab;
    p->ctx = t ? t->ctx : nullptr;
    p->cancel = t ? t->cancel : nullptr;
    if (popup) {
      p->page = popup;
      json::object res;
      Op op{*this, p, *popup, Clock::now() + std::chrono::seconds(2)};
      if (op.eval("location.href", res, true, false) && res.if_contains("value") && res.at("value").is_string())
        p->result = t->result = std::string(res.at("value").as_string());
      p->failure = AJ_BROWSER_OK;
      p->error.clear();
      std::lock_guard lock(m_);
      live_.insert(p);
    } else if (t) {
      p->closed = true;
      p->failure = t->failure;
      p->error = t->error;
    }
    if (out) *out = p;
    else close(p);
    return st;
  }

  aj_status dialogs(aj_browser_tab* t) {
    return op(t, "dialogs", 0, [&](Op& op) {
      std::lock_guard lock(op.page.m);
      t->result = json::serialize(op.page.dialogs);
      return true;
    });
  }

  aj_status screenshot(aj_browser_tab* t, uint32_t flags, int64_t timeout_ms) {
    return op(t, "screenshot", timeout_ms, [&](Op& op) {
      json::object params{{"format", "png"}};
      if (flags & AJ_BROWSER_FULL_PAGE) {
        Reply m = op.cdp("Page.getLayoutMetrics");
        if (!m.ok()) return op.fail(m, "the page size");
        if (auto* size = m.result.if_contains("cssContentSize"); size && size->is_object()) {
          params["captureBeyondViewport"] = true;
          params["clip"] = json::object{{"x", 0}, {"y", 0}, {"width", size->as_object().at("width")},
                                        {"height", size->as_object().at("height")}, {"scale", 1}};
        }
      }
      Reply r = op.cdp("Page.captureScreenshot", params);
      return (r.ok() || op.fail(r, "the screenshot")) && decode(op, r);
    });
  }

  aj_status pdf(aj_browser_tab* t, int64_t timeout_ms) {
    return op(t, "pdf", timeout_ms, [&](Op& op) {
      Reply r = op.cdp("Page.printToPDF", {{"printBackground", true}, {"paperWidth", 8.27}, {"paperHeight", 11.69}});
      return (r.ok() || op.fail(r, "printing to PDF")) && decode(op, r);
    });
  }

  // ---- helpers ----

  bool fail(aj_browser_tab* t, aj_browser_failure f, std::string msg) {
    if (t) {
      t->failure = f;
      t->error = std::move(msg);
      t->result.clear();
    }
    return false;
  }

  bool fail_reply(aj_browser_tab* t, const Reply& r, const std::string& what) {
    switch (r.kind) {
      case Reply::Kind::ok: return true;
      case Reply::Kind::timeout: return fail(t, AJ_BROWSER_FAIL_TIMEOUT, what + " did not finish in time (the page may be busy)");
      case Reply::Kind::cancelled: return fail(t, AJ_BROWSER_FAIL_CANCELLED, "the run is stopping");
      case Reply::Kind::closed: {
        if (t && t->page) {
          std::lock_guard lock(t->page->m);
          if (t->page->gone) return fail(t, t->page->gone_failure, t->page->gone_reason);
        }
        return fail(t, AJ_BROWSER_FAIL_CRASHED, what + " failed: " + r.error + "; open a new tab (the browser restarts)");
      }
      case Reply::Kind::error: return fail(t, AJ_BROWSER_FAIL_INVALID, what + " failed: " + r.error);
    }
    return false;
  }

  bool complaint(Op& op, json::object& res) {
    if (auto* v = res.if_contains("value"); v && v->is_string() && !v->as_string().empty())
      return op.fail(AJ_BROWSER_FAIL_INVALID, std::string(v->as_string()));
    return true;
  }

  bool decode(Op& op, Reply& r) {
    namespace b64 = boost::beast::detail::base64;
    std::string data = str_at(r.result, "data");
    std::string out(b64::decoded_size(data.size()), '\0');
    auto [written, read] = b64::decode(out.data(), data.data(), data.size());
    out.resize(written);
    op.t->result = std::move(out);
    return true;
  }

  aj_status finish_op(aj_browser_tab* t, const char* name, Clock::time_point t0, bool ok) {
    bool skip = t && t->status_skip;
    if (t) t->status_skip = false;
    {
      std::lock_guard lock(stats_m_);
      latencies_[name].push_back(ms_since(t0));
      if (!ok) ++failed_[name];
    }
    if (ok) {
      if (t) {
        t->failure = AJ_BROWSER_OK;
        t->error.clear();
      }
      return skip ? AJ_SKIP : AJ_OK;
    }
    switch (t ? t->failure : AJ_BROWSER_FAIL_INVALID) {
      case AJ_BROWSER_FAIL_TIMEOUT:
      case AJ_BROWSER_FAIL_CRASHED: return AJ_RETRY;
      case AJ_BROWSER_FAIL_CANCELLED: return AJ_CANCELLED;
      case AJ_BROWSER_FAIL_NO_POPUP: return AJ_SKIP;
      default: return AJ_ERROR;
    }
  }

  Policy policy_of(const std::string& component) {
    std::lock_guard lock(m_);
    auto it = policies_.find(component);
    return it == policies_.end() ? args_.settings.defaults : it->second;
  }

  void took_slot_locked() {
    ++open_;
    std::lock_guard s(stats_m_);
    stats_.peak_tabs = std::max(stats_.peak_tabs, open_);
    if (!open_since_) open_since_ = Clock::now();
  }

  // At most four samples a second: reading every process's smaps_rollup costs milliseconds.
  void sample_rss(pid_t pid) {
    if (pid <= 0) return;
    {
      std::lock_guard lock(stats_m_);
      auto now = Clock::now();
      if (last_sample_ && now - *last_sample_ < std::chrono::milliseconds(250)) return;
      last_sample_ = now;
    }
    Memory mem = tree_memory(pid);
    std::lock_guard lock(stats_m_);
    stats_.rss_bytes = mem.rss;
    stats_.pss_bytes = mem.pss;
    stats_.peak_rss_bytes = std::max(stats_.peak_rss_bytes, mem.rss);
    stats_.peak_pss_bytes = std::max(stats_.peak_pss_bytes, mem.pss);
  }

  void refused(Page& p, const std::string& url, const std::string& why) {
    {
      std::lock_guard lock(stats_m_);
      ++stats_.refused;
    }
    args_.log(AJ_LOG_WARN, p.component + ": refused " + url + ": " + why);
  }

  // Marks a page gone: its calls fail with `why`, its slot is free. The slot goes
  // back first, so that a close() woken by `gone` returns with the slot free.
  void page_gone(Page& p, aj_browser_failure f, const std::string& why) {
    release_slot(p);
    std::lock_guard lock(p.m);
    if (!p.gone) {
      p.gone = true;
      p.gone_failure = f;
      p.gone_reason = why;
    }
    p.cv.notify_all();
  }

  void close_page_of(aj_browser_tab* t) {
    if (t->closed) return;
    t->closed = true;
    if (!t->page) return;
    auto page = t->page;
    std::deque<std::shared_ptr<Page>> popups;
    {
      std::lock_guard lock(page->m);
      popups.swap(page->popups);
    }
    popups.push_front(page);
    auto deadline = Clock::now() + std::chrono::seconds(5);
    for (auto& p : popups) {
      bool gone;
      {
        std::lock_guard lock(p->m);
        gone = p->gone;
        p->accept_dialogs = true;  // a beforeunload dialog must not keep it open
      }
      if (!gone) p->conn->send("Target.closeTarget", {{"targetId", p->target_id}}, "");
    }
    // The slot is free once Chromium says the page is gone.
    for (auto& p : popups) {
      std::unique_lock lock(p->m);
      if (!p->cv.wait_until(lock, deadline, [&] { return p->gone; })) {
        lock.unlock();
        args_.log(AJ_LOG_WARN, p->component + ": a tab did not close in 5 s; its slot is freed anyway");
        page_gone(*p, AJ_BROWSER_FAIL_INVALID, "the tab is closed");
      }
    }
  }

  // ---- browser processes ----

  std::shared_ptr<Instance> instance_for(const std::string& profile, Clock::time_point deadline, std::string& error) {
    std::lock_guard start(start_m_);  // one start at a time
    std::shared_ptr<Instance> inst;
    {
      std::lock_guard lock(m_);
      if (auto it = instances_.find(profile); it != instances_.end()) inst = it->second;
    }
    if (inst && inst->alive) return inst;
    if (inst) {
      // It died: say how, and start another.
      std::string how = inst->pid > 0 ? reap(inst->pid) : "";
      args_.log(AJ_LOG_WARN, "the browser stopped (" + inst->death + (how.empty() ? "" : ", " + how) +
                                 "); starting a new one");
      stop(*inst, inst->death);
    }
    inst = start_instance(profile, deadline, error);
    std::lock_guard lock(m_);
    if (inst) instances_[profile] = inst;
    else instances_.erase(profile);
    return inst;
  }

  std::shared_ptr<Instance> start_instance(const std::string& profile, Clock::time_point deadline, std::string& error) {
    LaunchOptions lo;
    lo.executable = find_executable(args_.settings.executable, error);
    if (lo.executable.empty()) return nullptr;
    auto inst = std::make_shared<Instance>();
    inst->profile_dir = profile;
    std::error_code ec;
    if (profile.empty()) {
      std::string tmpl = (fs::temp_directory_path(ec) / "aj-chromium-XXXXXX").string();
      if (!::mkdtemp(tmpl.data())) {
        error = "cannot create a browser profile folder in " + fs::temp_directory_path(ec).string();
        return nullptr;
      }
      inst->user_data_dir = tmpl;
    } else {
      fs::create_directories(profile, ec);
      inst->user_data_dir = profile;
    }
    lo.user_data_dir = inst->user_data_dir;
    lo.headless = args_.settings.headless;
    lo.extra_args = args_.settings.args;
    lo.deadline = deadline;
    // Forked from the I/O thread, which lives as long as the service: the
    // browser gets SIGKILL when that thread (the host) goes away.
    Launched l;
    std::promise<bool> launched;
    auto f = launched.get_future();
    asio::post(*io_, [&] { launched.set_value(launch(lo, l, error)); });
    if (!f.get()) {
      if (profile.empty()) fs::remove_all(inst->user_data_dir, ec);
      if (error.find("in use") != std::string::npos || error.find("SingletonLock") != std::string::npos)
        error += " (another browser is using the profile " + profile + ")";
      return nullptr;
    }
    inst->pid = l.pid;
    drain_stderr(*inst, l.stderr_fd);
    std::weak_ptr<Instance> weak = inst;
    inst->conn = std::make_shared<Connection>(
        io_,
        [this, weak](const std::string& method, json::object& params, const std::string& session) {
          if (auto i = weak.lock()) on_event(*i, method, params, session);
        },
        [this, weak](const std::string& reason) {
          if (auto i = weak.lock()) on_closed(*i, reason);
        });
    if (!inst->conn->connect(l.ws_url, deadline, error)) {
      stop(*inst, error);
      return nullptr;
    }
    inst->alive = true;
    Reply v = inst->conn->call("Browser.getVersion", {}, "", deadline);
    if (v.ok()) inst->version = str_at(v.result, "product");
    Reply r = inst->conn->call("Target.setAutoAttach",
                               {{"autoAttach", true}, {"waitForDebuggerOnStart", true}, {"flatten", true}}, "", deadline);
    if (!r.ok()) {
      error = "the browser refused Target.setAutoAttach: " + r.error;
      stop(*inst, error);
      return nullptr;
    }
    // The window it opened at start is not anybody's tab.
    std::vector<std::shared_ptr<Page>> initial;
    {
      std::lock_guard lock(inst->m);
      for (auto& [id, p] : inst->by_target) initial.push_back(p);
    }
    for (auto& p : initial) inst->conn->send("Target.closeTarget", {{"targetId", p->target_id}}, "");
    if (!profile.empty()) {
      inst->conn->send("Browser.setDownloadBehavior",
                       {{"behavior", "allow"}, {"downloadPath", downloads_for("profile")}}, "");
    }
    {
      std::lock_guard lock(stats_m_);
      ++stats_.starts;
      stats_.used = true;
      stats_.version = inst->version;
    }
    args_.log(AJ_LOG_INFO, "started " + (inst->version.empty() ? lo.executable : inst->version) + " (pid " +
                               std::to_string(inst->pid) + (profile.empty() ? "" : ", profile " + profile) + ")");
    return inst;
  }

  // Chromium's stderr, read to its end so it never blocks on a full pipe.
  void drain_stderr(Instance& inst, int fd) {
    inst.err = std::make_unique<asio::posix::stream_descriptor>(*io_, fd);
    struct Reader : std::enable_shared_from_this<Reader> {
      asio::posix::stream_descriptor* d;
      std::array<char, 4096> buf;
      std::function<void(std::string_view)> line;
      std::string partial;
      void go() {
        d->async_read_some(asio::buffer(buf), [self = shared_from_this()](boost::system::error_code ec, size_t n) {
          if (ec) return;
          self->partial.append(self->buf.data(), n);
          size_t nl;
          while ((nl = self->partial.find('\n')) != std::string::npos) {
            self->line(std::string_view(self->partial).substr(0, nl));
            self->partial.erase(0, nl + 1);
          }
          if (self->partial.size() > 8192) self->partial.clear();
          self->go();
        });
      }
    };
    auto r = std::make_shared<Reader>();
    r->d = inst.err.get();
    r->line = [this](std::string_view l) {
      if (!l.empty()) args_.log(AJ_LOG_TRACE, "chromium: " + std::string(l));
    };
    asio::post(*io_, [r] { r->go(); });
  }

  void stop(Instance& inst, const std::string& why) {
    inst.closing = true;
    bool was_alive = inst.alive.exchange(false);
    bool closing = inst.conn && was_alive &&
                   inst.conn->call("Browser.close", {}, "", Clock::now() + std::chrono::seconds(3)).ok();
    if (inst.conn) inst.conn->close(why);
    fail_pages(inst, AJ_BROWSER_FAIL_CRASHED, why);
    if (inst.pid > 0) {
      // It is writing the profile (cookies of a signed-in session): a signal
      // now would lose them. Let it exit, then clear what is left of its group.
      if (closing && !wait_exit(inst.pid, std::chrono::seconds(10)))
        args_.log(AJ_LOG_WARN, "the browser did not exit within 10 s of Browser.close; stopping it");
      terminate(inst.pid, std::chrono::seconds(3));
    }
    inst.pid = -1;
    if (inst.err) {
      std::promise<void> done;
      auto f = done.get_future();
      asio::post(*io_, [&] {
        boost::system::error_code ec;
        inst.err->close(ec);
        done.set_value();
      });
      if (!io_->stopped()) f.wait_for(std::chrono::seconds(5));
    }
    std::error_code ec;
    if (inst.profile_dir.empty() && !inst.user_data_dir.empty()) fs::remove_all(inst.user_data_dir, ec);
  }

  void fail_pages(Instance& inst, aj_browser_failure f, const std::string& why) {
    std::vector<std::shared_ptr<Page>> pages;
    {
      std::lock_guard lock(inst.m);
      for (auto& [id, p] : inst.by_target) pages.push_back(p);
      inst.by_target.clear();
      inst.by_session.clear();
      inst.attached.notify_all();
    }
    for (auto& p : pages) page_gone(*p, f, why);
  }

  // I/O thread.
  void on_closed(Instance& inst, const std::string& reason) {
    if (inst.closing) return;
    inst.alive = false;
    std::string how = inst.pid > 0 ? reap(inst.pid) : "";
    if (!how.empty()) inst.pid = -1;  // reaped: never signal that number again
    inst.death = "the browser died (" + (how.empty() ? reason : how) + ")";
    {
      std::lock_guard lock(stats_m_);
      ++stats_.crashes;
    }
    args_.log(AJ_LOG_WARN, inst.death + "; open tabs fail, and the next open() starts a new browser");
    fail_pages(inst, AJ_BROWSER_FAIL_CRASHED, inst.death + "; open a new tab");
  }

  // I/O thread: must not block.
  void on_event(Instance& inst, const std::string& method, json::object& params, const std::string& session) {
    if (session.empty()) return on_browser_event(inst, method, params);
    std::shared_ptr<Page> page;
    {
      std::lock_guard lock(inst.m);
      if (auto it = inst.by_session.find(session); it != inst.by_session.end()) page = it->second;
    }
    if (!page) return;
    if (method == "Page.lifecycleEvent") {
      if (str_at(params, "frameId") != page->target_id) return;  // the main frame's id is the target's
      std::lock_guard lock(page->m);
      auto name = str_at(params, "name");
      page->lifecycle[str_at(params, "loaderId")].insert(name);
      if (name == "load") page->loaded_once = true;
      page->cv.notify_all();
    } else if (method == "Page.javascriptDialogOpening") {
      std::lock_guard lock(page->m);
      page->conn->send("Page.handleJavaScriptDialog",
                       {{"accept", page->accept_dialogs}, {"promptText", page->prompt_text}}, session);
      page->dialogs.push_back(json::object{{"type", str_at(params, "type")}, {"message", str_at(params, "message")},
                                           {"accepted", page->accept_dialogs}});
      page->cv.notify_all();
    } else if (method == "Fetch.requestPaused") {
      std::string id = str_at(params, "requestId");
      std::string url;
      if (auto* rq = params.if_contains("request"); rq && rq->is_object()) url = str_at(rq->as_object(), "url");
      std::string why = refusal(url, page->policy.allowed_hosts);
      if (why.empty()) {
        page->conn->send("Fetch.continueRequest", {{"requestId", id}}, session);
      } else {
        page->conn->send("Fetch.failRequest", {{"requestId", id}, {"errorReason", "BlockedByClient"}}, session);
        {
          std::lock_guard lock(page->m);
          page->last_refused = url + ": " + why;
        }
        refused(*page, url, why);
      }
    } else if (method == "Inspector.targetCrashed") {
      page_gone(*page, AJ_BROWSER_FAIL_CRASHED, "the tab's renderer crashed; open a new tab");
    }
  }

  void on_browser_event(Instance& inst, const std::string& method, json::object& params) {
    if (method == "Target.attachedToTarget") {
      std::string session = str_at(params, "sessionId");
      json::object info;
      if (auto* i = params.if_contains("targetInfo"); i && i->is_object()) info = i->as_object();
      if (str_at(info, "type") != "page") {
        inst.conn->send("Runtime.runIfWaitingForDebugger", {}, session);
        inst.conn->send("Target.detachFromTarget", {{"sessionId", session}}, "");
        return;
      }
      auto page = std::make_shared<Page>();
      page->conn = inst.conn;
      page->inst = inst.shared_from_this();
      page->target_id = str_at(info, "targetId");
      page->session_id = session;
      page->opener_id = str_at(info, "openerId");
      std::shared_ptr<Page> opener;
      {
        std::lock_guard lock(inst.m);
        if (!page->opener_id.empty())
          if (auto it = inst.by_target.find(page->opener_id); it != inst.by_target.end()) opener = it->second;
        inst.by_target[page->target_id] = page;
        inst.by_session[session] = page;
        inst.attached.notify_all();
      }
      if (!opener) return;  // a tab we are creating: open() sets it up
      {
        std::lock_guard lock(stats_m_);
        ++stats_.popups;
      }
      if (!try_acquire_slot()) {
        std::string url = str_at(info, "url");
        std::string note = "a popup" + (url.empty() || url == "about:blank" ? std::string() : " (" + url + ")") +
                           " was closed at once: all " + std::to_string(args_.settings.max_tabs) +
                           " tabs are in use (browser.max_tabs)";
        args_.log(AJ_LOG_WARN, opener->component + ": " + note);
        {
          std::lock_guard lock(stats_m_);
          ++stats_.popups_closed;
        }
        // Let it run first: a window.open() popup waits for the debugger inside the
        // opener's renderer, and closing it still paused left the opener hanging.
        inst.conn->send("Runtime.runIfWaitingForDebugger", {}, session);
        inst.conn->send("Target.closeTarget", {{"targetId", page->target_id}}, "");
        std::lock_guard lock(opener->m);
        opener->popup_note = note;
        opener->cv.notify_all();
        return;
      }
      page->holds_slot = true;
      page->component = opener->component;
      page->policy = opener->policy;
      page->accept_dialogs = opener->accept_dialogs;
      page->prompt_text = opener->prompt_text;
      setup(*page);
      inst.conn->send("Runtime.runIfWaitingForDebugger", {}, session);
      std::lock_guard lock(opener->m);
      opener->popups.push_back(page);
      opener->cv.notify_all();
    } else if (method == "Target.detachedFromTarget" || method == "Target.targetDestroyed" ||
               method == "Target.targetCrashed") {
      std::string target = str_at(params, "targetId");
      std::shared_ptr<Page> page;
      {
        std::lock_guard lock(inst.m);
        if (target.empty())
          if (auto it = inst.by_session.find(str_at(params, "sessionId")); it != inst.by_session.end())
            target = it->second->target_id;
        if (auto it = inst.by_target.find(target); it != inst.by_target.end()) {
          page = it->second;
          inst.by_target.erase(it);
          inst.by_session.erase(page->session_id);
        }
      }
      if (!page) return;
      if (method == "Target.targetCrashed")
        page_gone(*page, AJ_BROWSER_FAIL_CRASHED, "the tab's renderer crashed; open a new tab");
      else
        page_gone(*page, AJ_BROWSER_FAIL_INVALID, "the tab is closed (by the page, or it was closed)");
    }
  }

  // Enables what a page needs; commands run in order, before it starts.
  void setup(Page& p) {
    p.conn->send("Page.enable", {}, p.session_id);
    p.conn->send("Page.setLifecycleEventsEnabled", {{"enabled", true}}, p.session_id);
    p.conn->send("Emulation.setDeviceMetricsOverride",
                 {{"width", 1280}, {"height", 900}, {"deviceScaleFactor", 1}, {"mobile", false}}, p.session_id);
    if (!p.policy.allowed_hosts.empty())
      p.conn->send("Fetch.enable",
                   {{"patterns", json::array{json::object{{"urlPattern", "*"}, {"resourceType", "Document"},
                                                          {"requestStage", "Request"}}}}},
                   p.session_id);
  }

  std::string context_for(Instance& inst, const std::string& component, const std::string& session,
                          Clock::time_point deadline, std::string& error) {
    std::string key = component + "\n" + session;
    {
      std::lock_guard lock(inst.m);
      if (auto it = inst.contexts.find(key); it != inst.contexts.end()) return it->second;
    }
    Reply r = inst.conn->call("Target.createBrowserContext", {{"disposeOnDetach", false}}, "", deadline);
    if (!r.ok()) {
      error = "cannot create a browser context: " + r.error;
      return "";
    }
    std::string id = str_at(r.result, "browserContextId");
    inst.conn->send("Browser.setDownloadBehavior",
                    {{"behavior", "allow"}, {"browserContextId", id},
                     {"downloadPath", downloads_for(component.empty() ? "default" : component)}},
                    "");
    std::lock_guard lock(inst.m);
    return inst.contexts.emplace(key, id).first->second;
  }

  // <downloads_dir>/run-YYYYmmdd-HHMMSS-PID/<component>, made on first use.
  std::string downloads_for(const std::string& component) {
    std::lock_guard lock(stats_m_);
    if (run_dir_.empty()) {
      fs::path root = args_.settings.downloads_dir.empty() ? fs::temp_directory_path() / "autojobagent-downloads"
                                                           : fs::path(args_.settings.downloads_dir);
      char stamp[32];
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      ::localtime_r(&now, &tm);
      std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
      run_dir_ = root / ("run-" + std::string(stamp) + "-" + std::to_string(::getpid()));
      stats_.downloads_dir = run_dir_.string();
    }
    fs::path dir = run_dir_ / component;
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir.string();
  }

  static const aj_browser_api_v1 table_;

  ModuleArgs args_;
  std::shared_ptr<asio::io_context> io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::thread thread_;

  mutable std::mutex m_;  // instances_, policies_, live_, open_
  std::condition_variable slots_cv_;
  int open_ = 0;
  std::map<std::string, std::shared_ptr<Instance>> instances_;  // by profile ("" = shared)
  std::map<std::string, Policy> policies_;
  std::set<aj_browser_tab*> live_;
  std::mutex start_m_;

  mutable std::mutex stats_m_;
  Stats stats_;
  std::map<std::string, std::vector<double>> latencies_;
  std::map<std::string, uint64_t> failed_;
  std::optional<Clock::time_point> open_since_;
  std::optional<Clock::time_point> last_sample_;
  double active_s_ = 0;
  fs::path run_dir_;
};

// ---- the table's free functions ----
namespace {

template <class F>
aj_status guarded(aj_browser_tab* t, F&& f) noexcept {
  if (!t) return AJ_ERROR;
  if (!g_service) {
    t->failure = AJ_BROWSER_FAIL_UNAVAILABLE;
    t->error = "the browser service has shut down";
    return AJ_ERROR;
  }
  try {
    return f(*g_service);
  } catch (const std::exception& e) {
    t->failure = AJ_BROWSER_FAIL_INVALID;
    t->error = std::string("internal error: ") + e.what();
    return AJ_ERROR;
  }
}

aj_status c_open(aj_host* h, aj_context* ctx, const aj_browser_open* o, aj_browser_tab** out) noexcept {
  if (!out) return AJ_ERROR;
  *out = nullptr;
  if (!g_service) {
    auto* t = new aj_browser_tab;
    t->closed = true;
    t->failure = AJ_BROWSER_FAIL_UNAVAILABLE;
    t->error = "the browser service has shut down";
    *out = t;
    return AJ_ERROR;
  }
  try {
    return g_service->open(h, ctx, o, out);
  } catch (const std::exception& e) {
    if (!*out) *out = new aj_browser_tab;
    (*out)->failure = AJ_BROWSER_FAIL_INVALID;
    (*out)->error = std::string("internal error: ") + e.what();
    return AJ_ERROR;
  }
}
void c_close(aj_browser_tab* t) noexcept {
  if (!t) return;
  if (g_service) {
    try {
      return g_service->close(t);
    } catch (...) {
    }
  }
  delete t;
}
aj_str c_result(const aj_browser_tab* t) noexcept { return t ? view(t->result) : aj_str{nullptr, 0}; }
aj_str c_error(const aj_browser_tab* t) noexcept { return t ? view(t->error) : aj_str{nullptr, 0}; }
aj_browser_failure c_failure(const aj_browser_tab* t) noexcept { return t ? t->failure : AJ_BROWSER_FAIL_INVALID; }

aj_status c_navigate(aj_browser_tab* t, aj_str url, aj_browser_wait w, aj_str sel, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.navigate(t, url, w, sel, ms); });
}
aj_status c_wait_for(aj_browser_tab* t, aj_str sel, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.wait_for(t, sel, ms); });
}
aj_status c_evaluate(aj_browser_tab* t, aj_str e, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.evaluate(t, e, ms); });
}
aj_status c_html(aj_browser_tab* t, aj_str target, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) {
    return s.read(t, "html", target, "document.documentElement ? document.documentElement.outerHTML : ''",
                  "function() { return this.outerHTML; }", {}, ms);
  });
}
aj_status c_text(aj_browser_tab* t, aj_str target, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) {
    return s.read(t, "text", target, "document.body ? document.body.innerText : ''",
                  "function() { return this.innerText ?? this.textContent; }", {}, ms);
  });
}
aj_status c_attribute(aj_browser_tab* t, aj_str target, aj_str name, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) {
    return s.read(t, "attribute", target, "null", "function(n) { return this.getAttribute(n); }",
                  json::array{json::string(text(name))}, ms);
  });
}
aj_status c_snapshot(aj_browser_tab* t, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.snapshot(t, ms); });
}
aj_status c_click(aj_browser_tab* t, aj_str target, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.click(t, target, ms); });
}
aj_status c_fill(aj_browser_tab* t, aj_str target, aj_str v, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.fill(t, target, v, ms); });
}
aj_status c_select(aj_browser_tab* t, aj_str target, aj_str v, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.select(t, target, v, ms); });
}
aj_status c_check(aj_browser_tab* t, aj_str target, int32_t on, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.check(t, target, on, ms); });
}
aj_status c_upload(aj_browser_tab* t, aj_str target, const aj_str* p, uint32_t n, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.upload(t, target, p, n, ms); });
}
aj_status c_press(aj_browser_tab* t, aj_str key, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.press(t, key, ms); });
}
aj_status c_next_popup(aj_browser_tab* t, int64_t ms, aj_browser_tab** out) noexcept {
  if (out) *out = nullptr;
  aj_status st = guarded(t, [&](Service& s) { return s.next_popup(t, ms, out); });
  if (out && !*out) {  // always set, as documented
    *out = new aj_browser_tab;
    (*out)->closed = true;
    (*out)->failure = t ? t->failure : AJ_BROWSER_FAIL_INVALID;
    if (t) (*out)->error = t->error;
  }
  return st;
}
aj_status c_dialogs(aj_browser_tab* t) noexcept {
  return guarded(t, [&](Service& s) { return s.dialogs(t); });
}
aj_status c_screenshot(aj_browser_tab* t, uint32_t flags, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.screenshot(t, flags, ms); });
}
aj_status c_pdf(aj_browser_tab* t, int64_t ms) noexcept {
  return guarded(t, [&](Service& s) { return s.pdf(t, ms); });
}

}  // namespace

const aj_browser_api_v1 Service::table_ = {
    sizeof(aj_browser_api_v1), &c_open, &c_close, &c_result, &c_error, &c_failure, &c_navigate, &c_wait_for,
    &c_evaluate, &c_html, &c_text, &c_attribute, &c_snapshot, &c_click, &c_fill, &c_select, &c_check, &c_upload,
    &c_press, &c_next_popup, &c_dialogs, &c_screenshot, &c_pdf};

Module* create_module(const ModuleArgs& args, std::string& error) {
  try {
    if (g_service) {
      error = "the browser service is already running";
      return nullptr;
    }
    auto* s = new Service(args);
    g_service = s;
    return s;
  } catch (const std::exception& e) {
    error = e.what();
    return nullptr;
  }
}

}  // namespace aj::browser
