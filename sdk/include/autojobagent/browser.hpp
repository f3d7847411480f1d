// AutoJobAgent SDK: a header-only C++ layer over the browser service (browser.h).
//
//   aj::Browser browser(host);                   // in the plugin's constructor
//   aj::Tab tab = browser.open(ctx);             // waits for a free tab slot
//   if (!tab.navigate("https://example.com/jobs", AJ_BROWSER_WAIT_SELECTOR, ".job-card")) return fail(tab.error());
//   std::string cards = tab.evaluate("[...document.querySelectorAll('.job-card')].map(e => e.innerText)").value;
//
// Each call returns an aj::TabResult: its status, failure code, output and
// error. Nothing here crosses the ABI but the C structs of browser.h.
#ifndef AUTOJOBAGENT_BROWSER_HPP
#define AUTOJOBAGENT_BROWSER_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "autojobagent/browser.h"
#include "autojobagent/plugin.hpp"

namespace aj {

/// The outcome of one tab call.
struct TabResult {
  aj_status status = AJ_ERROR;
  aj_browser_failure failure = AJ_BROWSER_FAIL_INVALID;
  std::string value;  // the call's output (URL, JSON, HTML, text, snapshot, PNG/PDF bytes)
  std::string error;  // why it failed
  explicit operator bool() const noexcept { return status == AJ_OK; }
};

/// An open tab; closing it (or destroying this) frees its slot.
class Tab {
 public:
  Tab() = default;
  Tab(const aj_browser_api_v1* api, aj_browser_tab* t) noexcept : api_(api), t_(t) {}
  Tab(Tab&& o) noexcept : api_(o.api_), t_(std::exchange(o.t_, nullptr)) {}
  Tab& operator=(Tab&& o) noexcept {
    std::swap(api_, o.api_);
    std::swap(t_, o.t_);
    return *this;
  }
  ~Tab() { close(); }
  void close() noexcept {
    if (t_) api_->close(std::exchange(t_, nullptr));
  }
  aj_browser_tab* handle() const noexcept { return t_; }

  TabResult navigate(std::string_view url, aj_browser_wait wait = AJ_BROWSER_WAIT_LOAD,
                     std::string_view selector = {}, int64_t timeout_ms = 0) {
    return done(api_->navigate(t_, s(url), wait, s(selector), timeout_ms));
  }
  TabResult wait_for(std::string_view selector, int64_t timeout_ms = 0) {
    return done(api_->wait_for(t_, s(selector), timeout_ms));
  }
  TabResult evaluate(std::string_view js, int64_t timeout_ms = 0) {
    return done(api_->evaluate(t_, s(js), timeout_ms));
  }
  TabResult html(std::string_view target = {}, int64_t timeout_ms = 0) {
    return done(api_->html(t_, s(target), timeout_ms));
  }
  TabResult text(std::string_view target = {}, int64_t timeout_ms = 0) {
    return done(api_->text(t_, s(target), timeout_ms));
  }
  TabResult attribute(std::string_view target, std::string_view name, int64_t timeout_ms = 0) {
    return done(api_->attribute(t_, s(target), s(name), timeout_ms));
  }
  TabResult snapshot(int64_t timeout_ms = 0) { return done(api_->snapshot(t_, timeout_ms)); }
  TabResult click(std::string_view target, int64_t timeout_ms = 0) {
    return done(api_->click(t_, s(target), timeout_ms));
  }
  TabResult fill(std::string_view target, std::string_view value, int64_t timeout_ms = 0) {
    return done(api_->fill(t_, s(target), s(value), timeout_ms));
  }
  TabResult select(std::string_view target, std::string_view value, int64_t timeout_ms = 0) {
    return done(api_->select(t_, s(target), s(value), timeout_ms));
  }
  TabResult check(std::string_view target, bool checked = true, int64_t timeout_ms = 0) {
    return done(api_->check(t_, s(target), checked ? 1 : 0, timeout_ms));
  }
  TabResult upload(std::string_view target, const std::vector<std::string>& paths, int64_t timeout_ms = 0) {
    std::vector<aj_str> c;
    c.reserve(paths.size());
    for (const auto& p : paths) c.push_back(s(p));
    return done(api_->upload(t_, s(target), c.data(), static_cast<uint32_t>(c.size()), timeout_ms));
  }
  TabResult press(std::string_view key, int64_t timeout_ms = 0) { return done(api_->press(t_, s(key), timeout_ms)); }
  TabResult dialogs() { return done(api_->dialogs(t_)); }
  TabResult screenshot(bool full_page = false, int64_t timeout_ms = 0) {
    return done(api_->screenshot(t_, full_page ? AJ_BROWSER_FULL_PAGE : 0u, timeout_ms));
  }
  TabResult pdf(int64_t timeout_ms = 0) { return done(api_->pdf(t_, timeout_ms)); }

  /// The oldest popup this tab opened; check `popup.handle()` / the result.
  std::pair<TabResult, Tab> next_popup(int64_t timeout_ms = 0) {
    aj_browser_tab* out = nullptr;
    aj_status st = api_->next_popup(t_, timeout_ms, &out);
    TabResult r = done(st);
    Tab popup(api_, out);
    if (st != AJ_OK) popup.close();
    return {std::move(r), std::move(popup)};
  }

 private:
  static aj_str s(std::string_view v) { return aj_str{v.data(), v.size()}; }
  static std::string str(aj_str v) { return v.ptr ? std::string(v.ptr, v.len) : std::string(); }
  TabResult done(aj_status st) const {
    TabResult r;
    r.status = st;
    if (!t_) return r;
    r.failure = api_->failure(t_);
    if (st == AJ_OK || st == AJ_SKIP) r.value = str(api_->result(t_));
    r.error = str(api_->error(t_));  // empty after success; AJ_SKIP may say why
    return r;
  }
  const aj_browser_api_v1* api_ = nullptr;
  aj_browser_tab* t_ = nullptr;
};

/// The browser service as one plugin instance uses it.
class Browser {
 public:
  /// Throws aj::Error when the host offers no browser service.
  explicit Browser(Host host)
      : Browser(static_cast<const aj_browser_api_v1*>(host.service(AJ_BROWSER_SERVICE_V1)), host.handle()) {}
  /// From a table already looked up (tests, or a plugin that checked for NULL itself).
  Browser(const aj_browser_api_v1* api, aj_host* host) : host_(host), api_(api) {
    if (!api_) throw Error("this host offers no browser service (aj.browser.v1); see the host's log for why");
  }

  struct OpenOptions {
    std::string session;  // browser context within this instance; empty: the instance's own
    int64_t timeout_ms = 0;
    bool accept_dialogs = false;
    std::string prompt_text;
  };

  /// Opens a tab; on failure the TabResult says why and the Tab is empty.
  std::pair<TabResult, Tab> open(Context& ctx, const OpenOptions& o) const { return open(ctx.handle(), o); }
  std::pair<TabResult, Tab> open(Context& ctx) const { return open(ctx.handle(), OpenOptions{}); }
  std::pair<TabResult, Tab> open(aj_context* ctx, const OpenOptions& o) const {
    aj_browser_open c{};
    c.struct_size = sizeof c;
    c.session = aj_str{o.session.data(), o.session.size()};
    c.timeout_ms = o.timeout_ms;
    c.flags = o.accept_dialogs ? AJ_BROWSER_ACCEPT_DIALOGS : 0u;
    c.prompt_text = aj_str{o.prompt_text.data(), o.prompt_text.size()};
    aj_browser_tab* t = nullptr;
    aj_status st = api_->open(host_, ctx, &c, &t);
    TabResult r;
    r.status = st;
    if (t) {
      r.failure = api_->failure(t);
      if (st != AJ_OK) {
        aj_str e = api_->error(t);
        r.error = e.ptr ? std::string(e.ptr, e.len) : std::string();
      }
    }
    Tab tab(api_, t);
    if (st != AJ_OK) tab.close();
    return {std::move(r), std::move(tab)};
  }
  const aj_browser_api_v1* api() const noexcept { return api_; }

 private:
  aj_host* host_;
  const aj_browser_api_v1* api_;
};

}  // namespace aj

#endif  // AUTOJOBAGENT_BROWSER_HPP
