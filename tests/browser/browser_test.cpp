// The browser service (aj.browser.v1) driving real headless Chromium against
// the local fixture web (tests/fixtures/web/browser/, constructed pages):
// JavaScript-rendered listings, popups and modals, cookie banners, sessions
// and persistent profiles, a multi-step application form through snapshot
// refs, dialogs, the tab limit under concurrent callers, a browser killed
// mid-run, allowed hosts, a page that hangs its renderer, screenshots and
// PDFs, and a run that stops.
//
// Skipped when Chromium is not installed. No sleeps: every wait is one of the
// service's (navigate's wait conditions, wait_for, timeouts), and no time is
// asserted, only that a call that must time out says so.
#include "browser/launcher.hpp"
#include "browser/module.hpp"
#include "fixture_web.hpp"
#include "test_util.hpp"

#include <autojobagent/browser.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <cstdint>
#include <initializer_list>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace aj::browser {
namespace {

using aj::test::FixtureWeb;
using aj::test::RequestLog;
using aj::test::Route;
using aj::test::TempDir;

constexpr int64_t kTimeout = 15'000;      // any one call that waits
constexpr int64_t kOpenTimeout = 30'000;  // the first open() starts Chromium

/// Why the browser tests cannot run here ("" when Chromium is found the way the service finds it).
std::string no_chromium() {
  std::string error;
  return find_executable("", error).empty() ? error : "";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

/// Success, or the call's status, failure and error.
::testing::AssertionResult Ok(const TabResult& r) {
  if (r.status == AJ_OK) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "status " << r.status << ", failure " << r.failure << ": " << r.error;
}

/// The call's value; a failed call is reported at the caller's line (and "" returned).
std::string must(const TabResult& r, std::source_location at = std::source_location::current()) {
  if (r.status != AJ_OK)
    ADD_FAILURE_AT(at.file_name(), static_cast<int>(at.line()))
        << "status " << r.status << ", failure " << r.failure << ": " << r.error;
  return r.value;
}

/// A JSON string value as evaluate() returns it: "\"text\"" -> text.
std::string json_string(const TabResult& r, std::source_location at = std::source_location::current()) {
  std::string v = must(r, at);
  if (v.empty()) return v;
  boost::json::value j = boost::json::parse(v);
  if (!j.is_string()) {
    ADD_FAILURE_AT(at.file_name(), static_cast<int>(at.line())) << "not a JSON string: " << v;
    return v;
  }
  return std::string(j.as_string());
}

std::string field(const boost::json::value& v, const char* key) {
  const auto* o = v.if_object();
  if (!o || !o->contains(key) || !o->at(key).is_string()) return "<missing " + std::string(key) + ">";
  return std::string(o->at(key).as_string());
}

// ---- the snapshot text (browser.h) -------------------------------------------
//   - textbox "First name" [ref=e7] [required]: "Ada"
// indented by depth: "- ", the role, the quoted name (JSON escapes), then
// bracketed items ([ref=eN] and states), then optionally ": " and the value
// (quoted, or bare).

struct SnapLine {
  std::string role, name, ref, value;
  std::vector<std::string> states;
  bool has(std::string_view state) const {
    return std::find(states.begin(), states.end(), state) != states.end();
  }
};

// A quoted string at s[i] == '"'; leaves i after the closing quote.
std::string unquote(std::string_view s, size_t& i) {
  std::string out;
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'u':
        if (i + 4 < s.size()) {  // ASCII is all these tests need
          out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 4)), nullptr, 16));
          i += 4;
        }
        break;
      default: out += c;  // \" \\ \/
    }
  }
  if (i < s.size()) ++i;
  return out;
}

std::optional<SnapLine> parse_snapshot_line(std::string_view s) {
  size_t i = s.find_first_not_of(' ');
  if (i == std::string_view::npos || s.substr(i, 2) != "- ") return std::nullopt;
  i += 2;
  SnapLine l;
  size_t e = i;
  while (e < s.size() && s[e] != ' ' && s[e] != ':') ++e;
  l.role = std::string(s.substr(i, e - i));
  i = e;
  auto skip = [&] {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  skip();
  if (i < s.size() && s[i] == '"') l.name = unquote(s, i);
  for (;;) {
    skip();
    if (i >= s.size() || s[i] != '[') break;
    size_t close = s.find(']', i);
    if (close == std::string_view::npos) break;
    std::string_view item = s.substr(i + 1, close - i - 1);
    if (item.starts_with("ref="))
      l.ref = std::string(item.substr(4));
    else
      l.states.emplace_back(item);
    i = close + 1;
  }
  if (i < s.size() && s[i] == ':') {
    ++i;
    skip();
    l.value = i < s.size() && s[i] == '"' ? unquote(s, i) : std::string(s.substr(i));
  }
  return l;
}

/// The first line with one of `roles` (any role when empty) and exactly `name`.
std::optional<SnapLine> find_line(const std::string& snapshot, std::initializer_list<std::string_view> roles,
                                  std::string_view name) {
  for (const std::string& text : aj::test::lines(snapshot)) {
    auto l = parse_snapshot_line(text);
    if (!l || l->name != name) continue;
    if (roles.size() == 0 || std::find(roles.begin(), roles.end(), l->role) != roles.end()) return l;
  }
  return std::nullopt;
}

/// The ref of that element ("e7"), or "" when the snapshot does not show it.
std::string ref_of(const std::string& snapshot, std::initializer_list<std::string_view> roles, std::string_view name) {
  auto l = find_line(snapshot, roles, name);
  return l ? l->ref : std::string();
}
std::string ref_of(const std::string& snapshot, std::string_view role, std::string_view name) {
  return ref_of(snapshot, {role}, name);
}

bool has_state(const std::string& snapshot, std::string_view role, std::string_view name, std::string_view state) {
  auto l = find_line(snapshot, {role}, name);
  return l && l->has(state);
}

std::string value_in(const std::string& snapshot, std::string_view role, std::string_view name) {
  auto l = find_line(snapshot, {role}, name);
  return l ? l->value : "<not in the snapshot>";
}

// ---- multipart/form-data as the fixture web logged it ---------------------------

struct Part {
  std::string name, filename, content_type, data;
};

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// `name="x"` style parameters of a header value ("form-data; name="a"; filename="b"").
std::map<std::string, std::string> header_params(std::string_view v) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i <= v.size()) {
    size_t semi = v.find(';', i);
    std::string item = trim(v.substr(i, semi == std::string_view::npos ? std::string_view::npos : semi - i));
    if (size_t eq = item.find('='); eq != std::string::npos) {
      std::string val = trim(std::string_view(item).substr(eq + 1));
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
      out[lower(trim(std::string_view(item).substr(0, eq)))] = val;
    }
    if (semi == std::string_view::npos) break;
    i = semi + 1;
  }
  return out;
}

std::vector<Part> multipart(const RequestLog& req) {
  std::vector<Part> parts;
  auto params = header_params(req.header("Content-Type"));
  if (!params.count("boundary")) return parts;
  const std::string delim = "--" + params["boundary"];
  const std::string& body = req.body;
  size_t pos = body.find(delim);
  while (pos != std::string::npos) {
    pos += delim.size();
    if (body.compare(pos, 2, "--") == 0) break;  // the closing delimiter
    if (body.compare(pos, 2, "\r\n") == 0) pos += 2;
    size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string::npos) break;
    size_t next = body.find("\r\n" + delim, head_end + 4);
    if (next == std::string::npos) break;
    Part p;
    p.data = body.substr(head_end + 4, next - head_end - 4);
    std::string_view head(body.data() + pos, head_end - pos);
    for (size_t a = 0; a <= head.size();) {
      size_t b = head.find("\r\n", a);
      std::string_view line = head.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a);
      if (size_t colon = line.find(':'); colon != std::string_view::npos) {
        std::string key = lower(std::string(line.substr(0, colon)));
        std::string_view val = line.substr(colon + 1);
        if (key == "content-disposition") {
          auto ps = header_params(val);
          p.name = ps["name"];
          p.filename = ps["filename"];
        } else if (key == "content-type") {
          p.content_type = trim(val);
        }
      }
      if (b == std::string_view::npos) break;
      a = b + 2;
    }
    parts.push_back(std::move(p));
    pos = next + 2;
  }
  return parts;
}

const Part* part(const std::vector<Part>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (p.name == name) return &p;
  return nullptr;
}

std::string part_value(const std::vector<Part>& parts, std::string_view name) {
  const Part* p = part(parts, name);
  return p ? p->data : "<no part " + std::string(name) + ">";
}

// ---- the service under test ----------------------------------------------------

struct Logged {
  std::mutex m;
  std::vector<std::string> lines;
  void add(const std::string& s) {
    std::lock_guard lock(m);
    lines.push_back(s);
  }
  std::string all() {
    std::lock_guard lock(m);
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
};

/// Tests tag each caller with a C string as its aj_host* ("board"), which
/// component_of reads back, and with the address of an int as its aj_context*.
aj_host* host(const char* component) { return reinterpret_cast<aj_host*>(const_cast<char*>(component)); }

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = no_chromium(); !why.empty()) GTEST_SKIP() << "browser tests skipped: " << why;
  }
  void TearDown() override {
    if (HasFailure() && !log_.all().empty()) std::cerr << "browser service log:\n" << log_.all();
  }

  /// Creates the service (Chromium itself starts on the first open()).
  void start(int max_tabs = 4) {
    ModuleArgs a;
    a.settings.max_tabs = max_tabs;
    a.settings.launch_timeout_ms = 30'000;
    a.settings.open_timeout_ms = kOpenTimeout;
    a.settings.downloads_dir = downloads_.path().string();
    a.settings.defaults.timeout_ms = kTimeout;
    a.log = [this](int, const std::string& message) { log_.add(message); };
    a.component_of = [](aj_host* h) { return std::string(reinterpret_cast<const char*>(h)); };
    a.cancel_flag_of = [this](aj_context* c) -> const std::atomic<bool>* {
      std::lock_guard lock(flags_m_);
      auto it = flags_.find(c);
      return it == flags_.end() ? nullptr : it->second;
    };
    std::string error;
    module_.reset(create_module(a, error));
    ASSERT_NE(module_, nullptr) << error;
    ASSERT_NE(module_->table(), nullptr);
  }

  aj::Browser browser(const char* component = "board") const { return aj::Browser(module_->table(), host(component)); }
  aj_context* ctx() { return reinterpret_cast<aj_context*>(&ctx_tag_); }

  /// Makes calls carrying `c` see `flag` as "the run is stopping".
  void cancel_flag(aj_context* c, const std::atomic<bool>* flag) {
    std::lock_guard lock(flags_m_);
    flags_[c] = flag;
  }

  /// A tab for `component`; empty (and a failure recorded) when open() failed.
  Tab open(const char* component = "board", aj::Browser::OpenOptions o = {},
           std::source_location at = std::source_location::current()) {
    if (o.timeout_ms == 0) o.timeout_ms = kOpenTimeout;
    auto [r, tab] = browser(component).open(ctx(), o);
    if (r.status != AJ_OK)
      ADD_FAILURE_AT(at.file_name(), static_cast<int>(at.line()))
          << "open: status " << r.status << ", failure " << r.failure << ": " << r.error;
    return std::move(tab);
  }

  Logged log_;
  TempDir downloads_;
  int ctx_tag_ = 0;
  std::mutex flags_m_;
  std::map<aj_context*, const std::atomic<bool>*> flags_;
  std::unique_ptr<Module> module_;  // last: destroyed first, before what its callbacks use
};

// ---- a. JavaScript-rendered listings ------------------------------------------------

TEST_F(BrowserTest, JsRenderedCards) {
  ASSERT_NO_FATAL_FAILURE(start());
  FixtureWeb web;
  Tab tab = open();
  ASSERT_TRUE(tab.handle());

  const std::string url = web.url("/browser/results.html");
  TabResult nav = tab.navigate(url, AJ_BROWSER_WAIT_SELECTOR, ".job-card", kTimeout);
  ASSERT_TRUE(nav) << nav.error;
  EXPECT_EQ(nav.value, url) << "navigate's result is the final URL";

  TabResult cards = tab.evaluate(
      "[...document.querySelectorAll('.job-card')].map(c => ({"
      " title: c.querySelector('.title').textContent,"
      " company: c.querySelector('.company').textContent,"
      " location: c.querySelector('.location').textContent,"
      " href: c.querySelector('.apply').getAttribute('href') }))",
      kTimeout);
  ASSERT_TRUE(cards) << cards.error;
  boost::json::value parsed = boost::json::parse(cards.value);
  ASSERT_TRUE(parsed.is_array()) << cards.value;
  const auto& arr = parsed.as_array();
  ASSERT_EQ(arr.size(), 3u) << cards.value;
  EXPECT_EQ(field(arr[0], "title"), "Senior C++ Developer");
  EXPECT_EQ(field(arr[0], "company"), "Maple Robotics");
  EXPECT_EQ(field(arr[0], "location"), "Toronto, ON");
  EXPECT_EQ(field(arr[0], "href"), "/browser/job/101");
  EXPECT_EQ(field(arr[1], "title"), "Embedded Software Engineer");
  EXPECT_EQ(field(arr[1], "company"), "Northern Lights Systems");
  EXPECT_EQ(field(arr[1], "location"), "Montr\xC3\xA9" "al, QC") << "UTF-8 survives the JSON";
  EXPECT_EQ(field(arr[2], "title"), "Backend Developer (C++/Rust)");
  EXPECT_EQ(field(arr[2], "company"), "Fraser Data Inc.");
  EXPECT_EQ(field(arr[2], "location"), "Vancouver, BC");

  std::string card = must(tab.html(".job-card", kTimeout));
  EXPECT_TRUE(card.starts_with("<div class=\"job-card\"")) << card;
  EXPECT_TRUE(contains(card, "Senior C++ Developer")) << card;
  EXPECT_FALSE(contains(card, "Embedded")) << "html(selector) is the first match only: " << card;
  EXPECT_TRUE(contains(must(tab.html({}, kTimeout)), "<h1>C++ jobs in Canada</h1>"));
  EXPECT_EQ(must(tab.text("h1", kTimeout)), "C++ jobs in Canada");
  EXPECT_EQ(must(tab.text("#status", kTimeout)), "3 jobs");
  EXPECT_EQ(must(tab.attribute(".apply", "href", kTimeout)), "/browser/job/101");
  EXPECT_EQ(tab.attribute(".apply", "data-missing", kTimeout).status, AJ_SKIP);
  TabResult none = tab.text(".no-such-element", 2'000);
  EXPECT_NE(none.status, AJ_OK);
  EXPECT_EQ(none.failure, AJ_BROWSER_FAIL_NOT_FOUND) << none.error;

  // Cards that never come within the timeout: navigate says so, and the tab
  // stays usable.
  TabResult slow = tab.navigate(web.url("/browser/results.html?delay=600000"), AJ_BROWSER_WAIT_SELECTOR, ".job-card",
                                1'500);
  EXPECT_NE(slow.status, AJ_OK);
  EXPECT_EQ(slow.failure, AJ_BROWSER_FAIL_TIMEOUT) << slow.error;
  EXPECT_EQ(must(tab.evaluate("document.querySelectorAll('.job-card').length", kTimeout)), "0");
  EXPECT_EQ(must(tab.text("#status", kTimeout)), "Loading jobs...");
}

// ---- b. popups and an in-page modal --------------------------------------------------

TEST_F(BrowserTest, PopupAndModal) {
  ASSERT_NO_FATAL_FAILURE(start(4));
  FixtureWeb web;
  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(Ok(tab.navigate(web.url("/browser/popup.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));

  {  // window.open() from the load handler
    auto [r, popup] = tab.next_popup(kTimeout);
    ASSERT_EQ(r.status, AJ_OK) << r.failure << ": " << r.error;
    ASSERT_TRUE(popup.handle());
    EXPECT_TRUE(Ok(popup.wait_for("#subscribe", kTimeout)));
    EXPECT_EQ(json_string(popup.evaluate("document.title", kTimeout)), "Maple Jobs Newsletter");
    EXPECT_EQ(json_string(popup.evaluate("location.pathname", kTimeout)), "/browser/newsletter.html");
    popup.close();
  }

  // The modal covers the page: a click on the link would land on its backdrop,
  // so click() refuses, naming what is in the way, and no popup comes of it.
  EXPECT_EQ(must(tab.evaluate("getComputedStyle(document.querySelector('#modal')).display", kTimeout)), "\"flex\"");
  TabResult covered = tab.click("#terms-link", kTimeout);
  EXPECT_NE(covered.status, AJ_OK);
  EXPECT_EQ(covered.failure, AJ_BROWSER_FAIL_OBSCURED) << covered.error;
  EXPECT_TRUE(contains(covered.error, "modal")) << covered.error;
  EXPECT_EQ(must(tab.evaluate("window.backdropClicks", kTimeout)), "0") << "no click was sent";
  {
    auto [r, popup] = tab.next_popup(1'000);
    EXPECT_EQ(r.status, AJ_SKIP) << "the link under the modal was followed";
    EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_NO_POPUP) << r.error;
    EXPECT_TRUE(contains(r.error, "no popup")) << r.error;
    EXPECT_FALSE(popup.handle());
  }

  ASSERT_TRUE(Ok(tab.click("#modal-close", kTimeout)));
  EXPECT_EQ(must(tab.evaluate("document.querySelector('#modal') === null", kTimeout)), "true");

  // Now the target=_blank link opens a second popup.
  ASSERT_TRUE(Ok(tab.click("#terms-link", kTimeout)));
  {
    auto [r, popup] = tab.next_popup(kTimeout);
    ASSERT_EQ(r.status, AJ_OK) << r.failure << ": " << r.error;
    ASSERT_TRUE(popup.handle());
    EXPECT_TRUE(Ok(popup.wait_for("#subscribe", kTimeout)));
    EXPECT_EQ(json_string(popup.evaluate("location.search", kTimeout)), "?from=link");
    EXPECT_EQ(json_string(popup.evaluate("document.title", kTimeout)), "Maple Jobs Newsletter");
  }
  EXPECT_EQ(web.count("/browser/newsletter.html"), 2u);
  Stats st = module_->stats();
  EXPECT_GE(st.popups, 2u);
  EXPECT_EQ(st.popups_closed, 0u);
  EXPECT_LE(st.peak_tabs, 4);
}

// A window.open() popup closed for want of a slot must not leave its opener hanging
// (it waits for the debugger inside the opener's renderer until it is let run).
TEST_F(BrowserTest, APopupClosedForWantOfASlotLeavesItsOpenerWorking) {
  ASSERT_NO_FATAL_FAILURE(start(1));
  FixtureWeb web;
  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(Ok(tab.navigate(web.url("/browser/popup.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  {
    auto [r, popup] = tab.next_popup(kTimeout);
    EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_NO_POPUP) << r.error;
    EXPECT_TRUE(contains(r.error, "tabs are in use")) << r.error;
    EXPECT_FALSE(popup.handle());
  }
  EXPECT_EQ(must(tab.evaluate("1 + 1", kTimeout)), "2");
  EXPECT_TRUE(Ok(tab.click("#modal-close", kTimeout)));
  EXPECT_EQ(must(tab.evaluate("document.querySelector('#modal') === null", kTimeout)), "true");
  EXPECT_EQ(module_->stats().popups_closed, 1u);
}

// ---- c. cookie banners -----------------------------------------------------------------

TEST_F(BrowserTest, CookieBanner) {
  ASSERT_NO_FATAL_FAILURE(start());
  Policy p;
  p.cookie_banners = {"#cookie-accept"};
  p.timeout_ms = kTimeout;
  module_->set_policy("board", p);
  FixtureWeb web;

  Tab tab = open("board");
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(Ok(tab.navigate(web.url("/browser/cookies.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_EQ(must(tab.evaluate("document.querySelector('#cookie-banner') === null", kTimeout)), "true")
      << "the configured banner button was clicked after the load";
  EXPECT_EQ(json_string(tab.evaluate("document.cookie", kTimeout)), "consent=yes");
  EXPECT_EQ(must(tab.text("h1", kTimeout)), "Careers at Maple Robotics");

  // Another component has no banner selectors (and its own cookies).
  Tab other = open("plain");
  ASSERT_TRUE(other.handle());
  ASSERT_TRUE(Ok(other.navigate(web.url("/browser/cookies.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_EQ(must(other.evaluate("document.querySelector('#cookie-banner') === null", kTimeout)), "false");
  EXPECT_EQ(must(other.text("#cookie-accept", kTimeout)), "Accept all cookies");
  EXPECT_EQ(json_string(other.evaluate("document.cookie", kTimeout)), "")
      << "components browse in separate contexts";
}

// ---- c'. sessions and persistent profiles ---------------------------------------------

TEST_F(BrowserTest, SessionsAreIsolatedContexts) {
  ASSERT_NO_FATAL_FAILURE(start(4));
  FixtureWeb web;
  const std::string page = web.url("/browser/cookies.html");
  aj::Browser::OpenOptions a, b;
  a.session = "a";
  b.session = "b";

  // Session a accepts the banner: the page sets consent=yes.
  Tab first = open("board", a);
  ASSERT_TRUE(first.handle());
  ASSERT_TRUE(Ok(first.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_EQ(json_string(first.evaluate("document.cookie", kTimeout)), "");
  ASSERT_TRUE(Ok(first.click("#cookie-accept", kTimeout)));
  EXPECT_EQ(must(first.evaluate("document.querySelector('#cookie-banner') === null", kTimeout)), "true");
  EXPECT_EQ(json_string(first.evaluate("document.cookie", kTimeout)), "consent=yes");

  // Another tab of session a shares its cookies (the first one still open).
  Tab again = open("board", a);
  ASSERT_TRUE(again.handle());
  ASSERT_TRUE(Ok(again.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_TRUE(contains(json_string(again.evaluate("document.cookie", kTimeout)), "consent=yes"));

  // Session b of the same component, and the component's own session, do not.
  Tab other = open("board", b);
  ASSERT_TRUE(other.handle());
  ASSERT_TRUE(Ok(other.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_EQ(json_string(other.evaluate("document.cookie", kTimeout)), "") << "sessions browse in separate contexts";
  EXPECT_EQ(must(other.evaluate("document.querySelector('#cookie-banner') === null", kTimeout)), "false");
  Tab own = open("board");
  ASSERT_TRUE(own.handle());
  ASSERT_TRUE(Ok(own.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_EQ(json_string(own.evaluate("document.cookie", kTimeout)), "");

  // Closing every tab of session a keeps its context: a later tab still has the cookie.
  first.close();
  again.close();
  Tab later = open("board", a);
  ASSERT_TRUE(later.handle());
  ASSERT_TRUE(Ok(later.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  EXPECT_TRUE(contains(json_string(later.evaluate("document.cookie", kTimeout)), "consent=yes"));
  EXPECT_EQ(module_->stats().starts, 1u) << "one browser for every session";
}

TEST_F(BrowserTest, PersistentProfileKeepsCookiesAcrossBrowsers) {
  TempDir profile;
  Policy p;
  p.profile_dir = (profile.path() / "board-profile").string();
  p.timeout_ms = kTimeout;
  FixtureWeb web;  // one origin for both browsers
  const std::string page = web.url("/browser/cookies.html");

  ASSERT_NO_FATAL_FAILURE(start());
  module_->set_policy("board", p);
  {
    Tab tab = open("board");
    ASSERT_TRUE(tab.handle());
    ASSERT_TRUE(Ok(tab.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
    EXPECT_EQ(json_string(tab.evaluate("document.cookie", kTimeout)), "");
    ASSERT_TRUE(Ok(tab.evaluate("document.cookie = \"login=ada; max-age=3600; path=/\"", kTimeout)));
    EXPECT_EQ(json_string(tab.evaluate("document.cookie", kTimeout)), "login=ada");
  }
  EXPECT_EQ(module_->stats().starts, 1u);
  EXPECT_TRUE(std::filesystem::is_directory(p.profile_dir)) << "the profile is made where the policy says";
  module_.reset();  // closes Chromium gracefully: the cookie is written to the profile

  ASSERT_NO_FATAL_FAILURE(start());
  module_->set_policy("board", p);
  {
    Tab tab = open("board");
    ASSERT_TRUE(tab.handle());
    ASSERT_TRUE(Ok(tab.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
    EXPECT_EQ(json_string(tab.evaluate("document.cookie", kTimeout)), "login=ada")
        << "a new browser on the same profile still has the cookie";
  }
  {
    // A component without the profile browses in a fresh context, without it.
    Tab fresh = open("plain");
    ASSERT_TRUE(fresh.handle());
    ASSERT_TRUE(Ok(fresh.navigate(page, AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
    EXPECT_EQ(json_string(fresh.evaluate("document.cookie", kTimeout)), "");
  }
  EXPECT_EQ(module_->stats().starts, 2u) << "the profile's browser and the shared one";
  module_.reset();  // before the profile folder goes
}

// ---- d. a multi-step application form through snapshot refs ---------------------------

constexpr const char* kThanks =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Application received</title></head>"
    "<body><h1 id=\"thanks\">Thanks, your application was received</h1></body></html>";

TEST_F(BrowserTest, MultiStepApplicationThroughSnapshotRefs) {
  ASSERT_NO_FATAL_FAILURE(start());
  FixtureWeb web;
  web.add(Route{.path = "/browser/apply/submit", .body = kThanks, .content_type = "text/html; charset=utf-8"});
  TempDir dir;
  const std::string resume_text = "Ada Lovelace\nC++ developer, Toronto\n";
  const std::string resume = dir.write("resume.txt", resume_text).string();
  ASSERT_TRUE(std::filesystem::path(resume).is_absolute());

  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(Ok(tab.navigate(web.url("/browser/apply.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));

  // Step 1.
  std::string snap = must(tab.snapshot(kTimeout));
  const std::string heading = ref_of(snap, "heading", "Apply for Senior C++ Developer");
  const std::string first = ref_of(snap, "textbox", "First name");
  const std::string last = ref_of(snap, "textbox", "Last name");
  const std::string email = ref_of(snap, "textbox", "Email");
  const std::string province = ref_of(snap, {"combobox", "listbox"}, "Province");
  const std::string next = ref_of(snap, "button", "Next");
  for (const auto* r : {&heading, &first, &last, &email, &province, &next}) ASSERT_FALSE(r->empty()) << snap;
  EXPECT_TRUE(has_state(snap, "textbox", "First name", "required")) << snap;
  EXPECT_TRUE(has_state(snap, "textbox", "Email", "required")) << snap;
  EXPECT_FALSE(has_state(snap, "textbox", "Last name", "required")) << snap;
  EXPECT_EQ(ref_of(snap, "textbox", "Phone"), "") << "step 2 is hidden, so not in the snapshot\n" << snap;

  // Next with nothing filled in: the page says what is missing and stays on step 1.
  ASSERT_TRUE(Ok(tab.click(next, kTimeout)));
  std::string errors = must(tab.text("#errors", kTimeout));
  EXPECT_TRUE(contains(errors, "First name is required")) << errors;
  EXPECT_TRUE(contains(errors, "Email is required")) << errors;
  EXPECT_FALSE(contains(errors, "Last name")) << errors;
  EXPECT_EQ(must(tab.evaluate("document.querySelector('#step2').hidden", kTimeout)), "true");

  EXPECT_TRUE(Ok(tab.fill(first, "Ada", kTimeout)));
  EXPECT_TRUE(Ok(tab.fill(last, "Lovelace", kTimeout)));
  EXPECT_TRUE(Ok(tab.fill(email, "ada@example.com", kTimeout)));
  EXPECT_TRUE(Ok(tab.select(province, "Quebec", kTimeout))) << "select() takes an option's label";
  EXPECT_EQ(json_string(tab.evaluate("document.querySelector('#province').value", kTimeout)), "QC");
  snap = must(tab.snapshot(kTimeout));
  EXPECT_EQ(ref_of(snap, "textbox", "First name"), first) << "same element, same ref\n" << snap;
  EXPECT_EQ(value_in(snap, "textbox", "First name"), "Ada") << snap;
  EXPECT_EQ(value_in(snap, "textbox", "Email"), "ada@example.com") << snap;
  EXPECT_EQ(value_in(snap, "combobox", "Province"), "Quebec") << snap;

  ASSERT_TRUE(Ok(tab.click(next, kTimeout)));
  ASSERT_TRUE(Ok(tab.wait_for("#phone", kTimeout)));

  // Step 2.
  snap = must(tab.snapshot(kTimeout));
  EXPECT_EQ(ref_of(snap, "heading", "Apply for Senior C++ Developer"), heading) << snap;
  EXPECT_EQ(ref_of(snap, "textbox", "First name"), "") << "step 1 is hidden now\n" << snap;
  const std::string yes = ref_of(snap, "radio", "Yes");
  const std::string no = ref_of(snap, "radio", "No");
  const std::string privacy = ref_of(snap, "checkbox", "I agree to the privacy policy");
  const std::string resume_ref = ref_of(snap, {"button", "file", "textbox"}, "Resume");  // Chromium: a button
  const std::string phone = ref_of(snap, "textbox", "Phone");
  const std::string submit = ref_of(snap, "button", "Submit");
  for (const auto* r : {&yes, &no, &privacy, &resume_ref, &phone, &submit}) ASSERT_FALSE(r->empty()) << snap;
  EXPECT_NE(yes, no);
  EXPECT_FALSE(has_state(snap, "radio", "Yes", "checked")) << snap;
  EXPECT_TRUE(has_state(snap, "textbox", "Phone", "required")) << snap;

  EXPECT_TRUE(Ok(tab.check(yes, true, kTimeout)));
  EXPECT_TRUE(Ok(tab.check(privacy, true, kTimeout)));
  EXPECT_TRUE(Ok(tab.upload(resume_ref, {resume}, kTimeout)));
  snap = must(tab.snapshot(kTimeout));
  EXPECT_TRUE(has_state(snap, "radio", "Yes", "checked")) << snap;
  EXPECT_FALSE(has_state(snap, "radio", "No", "checked")) << snap;
  EXPECT_TRUE(has_state(snap, "checkbox", "I agree to the privacy policy", "checked")) << snap;
  EXPECT_EQ(json_string(tab.evaluate("document.querySelector('#resume').files[0]?.name ?? ''", kTimeout)),
            "resume.txt");

  // Submit with Phone empty: the page's validation stops it and says why.
  ASSERT_TRUE(Ok(tab.click(submit, kTimeout)));
  errors = must(tab.text("#errors", kTimeout));
  EXPECT_TRUE(contains(errors, "Phone is required")) << errors;
  EXPECT_FALSE(contains(errors, "Resume")) << errors;
  EXPECT_FALSE(contains(errors, "Privacy")) << errors;
  EXPECT_FALSE(contains(errors, "Authorized")) << errors;
  snap = must(tab.snapshot(kTimeout));
  EXPECT_TRUE(contains(snap, "Phone is required")) << "the alert's text is in the snapshot\n" << snap;
  EXPECT_EQ(web.count("/browser/apply/submit"), 0u) << "an invalid form is not posted";

  // Phone filled: the form posts, and the thanks page loads.
  EXPECT_TRUE(Ok(tab.fill(phone, "+1 416 555 0199", kTimeout)));
  ASSERT_TRUE(Ok(tab.click(submit, kTimeout)));
  ASSERT_TRUE(Ok(tab.wait_for("#thanks", kTimeout)));
  EXPECT_EQ(must(tab.text("#thanks", kTimeout)), "Thanks, your application was received");

  ASSERT_EQ(web.count("/browser/apply/submit"), 1u);
  RequestLog post;
  for (const auto& r : web.requests())
    if (r.path == "/browser/apply/submit") post = r;
  EXPECT_EQ(post.method, "POST");
  EXPECT_TRUE(post.header("Content-Type").starts_with("multipart/form-data")) << post.header("Content-Type");
  std::vector<Part> parts = multipart(post);
  std::vector<std::string> names;
  for (const auto& p : parts) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"job_id", "first_name", "last_name", "email", "province", "authorized",
                                             "privacy", "resume", "phone"}))
      << post.body;
  EXPECT_EQ(part_value(parts, "job_id"), "101");
  EXPECT_EQ(part_value(parts, "first_name"), "Ada");
  EXPECT_EQ(part_value(parts, "last_name"), "Lovelace");
  EXPECT_EQ(part_value(parts, "email"), "ada@example.com");
  EXPECT_EQ(part_value(parts, "province"), "QC");
  EXPECT_EQ(part_value(parts, "authorized"), "yes");
  EXPECT_EQ(part_value(parts, "privacy"), "agreed");
  EXPECT_EQ(part_value(parts, "phone"), "+1 416 555 0199");
  const Part* file = part(parts, "resume");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "resume.txt");
  EXPECT_EQ(file->content_type, "text/plain");
  EXPECT_EQ(file->data, resume_text);
}

// ---- d'. JavaScript dialogs ---------------------------------------------------------------

TEST_F(BrowserTest, ConfirmDialogIsDismissedByDefaultAndAcceptedWhenAsked) {
  ASSERT_NO_FATAL_FAILURE(start());
  FixtureWeb web;

  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(Ok(tab.navigate(web.url("/browser/apply.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  {
    std::string json = must(tab.dialogs());
    boost::json::value d = boost::json::parse(json);
    EXPECT_TRUE(d.is_array() && d.as_array().empty()) << json;
  }
  ASSERT_TRUE(Ok(tab.click("#withdraw", kTimeout)));
  EXPECT_EQ(must(tab.text("#withdraw-status", kTimeout)), "Withdrawal cancelled");
  {
    std::string json = must(tab.dialogs());
    boost::json::value d = boost::json::parse(json);
    ASSERT_TRUE(d.is_array()) << json;
    ASSERT_EQ(d.as_array().size(), 1u) << json;
    const auto& o = d.as_array()[0];
    EXPECT_EQ(field(o, "type"), "confirm") << json;
    EXPECT_EQ(field(o, "message"), "Withdraw your application?") << json;
    ASSERT_TRUE(o.is_object() && o.as_object().contains("accepted")) << json;
    EXPECT_EQ(o.as_object().at("accepted"), boost::json::value(false)) << json;
  }

  aj::Browser::OpenOptions accept;
  accept.accept_dialogs = true;
  accept.prompt_text = "Found another job";
  Tab yes = open("board", accept);
  ASSERT_TRUE(yes.handle());
  ASSERT_TRUE(Ok(yes.navigate(web.url("/browser/apply.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));
  ASSERT_TRUE(Ok(yes.click("#withdraw", kTimeout)));
  EXPECT_EQ(must(yes.text("#withdraw-status", kTimeout)), "Application withdrawn: Found another job");
  std::string json = must(yes.dialogs());
  boost::json::value d = boost::json::parse(json);
  ASSERT_TRUE(d.is_array()) << json;
  ASSERT_EQ(d.as_array().size(), 2u) << json;
  EXPECT_EQ(field(d.as_array()[0], "type"), "confirm") << json;
  EXPECT_EQ(d.as_array()[0].as_object().at("accepted"), boost::json::value(true)) << json;
  EXPECT_EQ(field(d.as_array()[1], "type"), "prompt") << json;
  EXPECT_EQ(field(d.as_array()[1], "message"), "Why are you withdrawing?") << json;
  EXPECT_EQ(d.as_array()[1].as_object().at("accepted"), boost::json::value(true)) << json;
}

// ---- e. the tab limit under concurrent callers -------------------------------------------

TEST_F(BrowserTest, TabLimitHoldsUnder20ConcurrentRequests) {
  constexpr int kMax = 3;
  constexpr int kCallers = 20;
  ASSERT_NO_FATAL_FAILURE(start(kMax));
  FixtureWeb web;
  std::atomic<int> open_now{0}, peak{0}, succeeded{0};
  std::mutex m;
  std::vector<std::string> failures;
  std::vector<int> tags(kCallers);  // one plugin call (aj_context*) per caller
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&, i] {
      auto fail = [&](const std::string& what) {
        std::lock_guard lock(m);
        failures.push_back("caller " + std::to_string(i) + ": " + what);
      };
      aj::Browser::OpenOptions o;
      o.timeout_ms = 60'000;  // waiting for a slot behind the others
      auto [r, tab] = browser("board").open(reinterpret_cast<aj_context*>(&tags[i]), o);
      if (r.status != AJ_OK) return fail("open: " + r.error);
      int now = ++open_now;
      for (int p = peak.load(); now > p && !peak.compare_exchange_weak(p, now);) {
      }
      TabResult nav = tab.navigate(web.url("/browser/results.html?delay=0&caller=" + std::to_string(i)),
                                   AJ_BROWSER_WAIT_SELECTOR, ".job-card", kTimeout);
      TabResult title = nav ? tab.text(".job-card .title", kTimeout) : nav;
      --open_now;
      tab.close();
      if (!nav) return fail("navigate: " + nav.error);
      if (title.value != "Senior C++ Developer") return fail("text: '" + title.value + "' " + title.error);
      ++succeeded;
    });
  }
  for (auto& t : threads) t.join();

  std::string all;
  for (const auto& f : failures) all += f + "\n";
  EXPECT_TRUE(failures.empty()) << all;
  EXPECT_EQ(succeeded.load(), kCallers);
  EXPECT_GE(peak.load(), 1);
  EXPECT_LE(peak.load(), kMax) << "more tabs open at once than max_tabs";
  Stats st = module_->stats();
  EXPECT_LE(st.peak_tabs, kMax);
  EXPECT_GE(st.peak_tabs, 1);
  EXPECT_GE(st.tabs_opened, static_cast<uint64_t>(kCallers));
  EXPECT_EQ(st.open_tabs, 0);
  EXPECT_EQ(st.max_tabs, kMax);
  EXPECT_GE(st.pages, static_cast<uint64_t>(kCallers));
  EXPECT_EQ(web.count("/browser/results.html"), static_cast<size_t>(kCallers));
}

// ---- f. the browser killed mid-run -------------------------------------------------------

TEST_F(BrowserTest, ChromiumKilledMidRunIsRestarted) {
  ASSERT_NO_FATAL_FAILURE(start());
  FixtureWeb web;
  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(
      Ok(tab.navigate(web.url("/browser/results.html?delay=0"), AJ_BROWSER_WAIT_SELECTOR, ".job-card", kTimeout)));
  const Stats before = module_->stats();
  ASSERT_GT(before.pid, 0);
  EXPECT_TRUE(before.used);
  EXPECT_EQ(before.starts, 1u);
  EXPECT_EQ(before.crashes, 0u);
  EXPECT_TRUE(contains(before.version, "Chrome/")) << before.version;

  ASSERT_EQ(::kill(before.pid, SIGKILL), 0);

  TabResult dead = tab.evaluate("1 + 1", kTimeout);
  EXPECT_NE(dead.status, AJ_OK);
  EXPECT_EQ(dead.failure, AJ_BROWSER_FAIL_CRASHED) << dead.error;
  EXPECT_TRUE(contains(lower(dead.error), "browser")) << dead.error;
  tab.close();  // closing a tab of the dead browser is fine

  Tab again = open();
  ASSERT_TRUE(again.handle());
  ASSERT_TRUE(Ok(again.navigate(web.url("/browser/results.html?delay=0"), AJ_BROWSER_WAIT_SELECTOR, ".job-card",
                             kTimeout)));
  EXPECT_EQ(must(again.text("h1", kTimeout)), "C++ jobs in Canada");
  const Stats after = module_->stats();
  EXPECT_EQ(after.starts, 2u);
  EXPECT_EQ(after.crashes, 1u);
  EXPECT_GT(after.pid, 0);
  EXPECT_NE(after.pid, before.pid);
  EXPECT_EQ(after.open_tabs, 1);
}

// ---- g. allowed hosts ----------------------------------------------------------------------

TEST_F(BrowserTest, NavigationOutsideAllowedHostsIsRefused) {
  ASSERT_NO_FATAL_FAILURE(start());
  Policy p;
  p.allowed_hosts = {"127.0.0.1"};
  p.timeout_ms = kTimeout;
  module_->set_policy("board", p);
  FixtureWeb web;
  // The same fixture web under another host name.
  const std::string outside = "http://localhost:" + std::to_string(web.port()) + "/browser/cookies.html";
  web.add(Route{.path = "/browser/away", .fault = {.redirect_to = outside + "?via=redirect"}});

  Tab tab = open("board");
  ASSERT_TRUE(tab.handle());
  const std::string allowed = web.url("/browser/results.html?delay=0");
  ASSERT_TRUE(Ok(tab.navigate(allowed, AJ_BROWSER_WAIT_SELECTOR, ".job-card", kTimeout)));

  TabResult r = tab.navigate(outside, AJ_BROWSER_WAIT_LOAD, {}, kTimeout);
  EXPECT_EQ(r.status, AJ_ERROR);
  EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_REFUSED) << r.error;
  EXPECT_TRUE(contains(r.error, "localhost")) << r.error;

  r = tab.navigate("file:///etc/passwd", AJ_BROWSER_WAIT_LOAD, {}, kTimeout);
  EXPECT_EQ(r.status, AJ_ERROR);
  EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_REFUSED) << r.error;
  EXPECT_FALSE(r.error.empty());

  // The tab is still on the allowed page.
  EXPECT_EQ(json_string(tab.evaluate("location.href", kTimeout)), allowed);
  EXPECT_EQ(must(tab.text("h1", kTimeout)), "C++ jobs in Canada");

  // A redirect to a host outside is a navigation outside too.
  r = tab.navigate(web.url("/browser/away"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout);
  EXPECT_NE(r.status, AJ_OK);
  EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_REFUSED) << r.error;
  EXPECT_EQ(web.count("/browser/away"), 1u);

  EXPECT_EQ(web.count("/browser/cookies.html"), 0u) << "no request reached the refused host";
  EXPECT_GE(module_->stats().refused, 2u);
}

// ---- h. a page that hangs its renderer ----------------------------------------------------

TEST_F(BrowserTest, HangingPageNeverHangsTheHost) {
  ASSERT_NO_FATAL_FAILURE(start());
  FixtureWeb web;
  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(Ok(tab.navigate(web.url("/browser/hang.html"), AJ_BROWSER_WAIT_LOAD, {}, kTimeout)));

  // The click handler never returns: the click may time out itself.
  TabResult click = tab.click("#hang", 3'000);
  EXPECT_TRUE(click.status == AJ_OK || click.failure == AJ_BROWSER_FAIL_TIMEOUT)
      << click.failure << ": " << click.error;

  TabResult r = tab.evaluate("1 + 1", 1'000);
  EXPECT_NE(r.status, AJ_OK) << r.value;
  EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_TIMEOUT) << r.error;
  r = tab.text("h1", 1'000);
  EXPECT_NE(r.status, AJ_OK) << r.value;
  EXPECT_EQ(r.failure, AJ_BROWSER_FAIL_TIMEOUT) << r.error;

  tab.close();
  EXPECT_EQ(module_->stats().open_tabs, 0);
  Tab fresh = open();
  ASSERT_TRUE(fresh.handle());
  ASSERT_TRUE(Ok(fresh.navigate(web.url("/browser/results.html?delay=0"), AJ_BROWSER_WAIT_SELECTOR, ".job-card",
                             kTimeout)));
  EXPECT_EQ(must(fresh.text("h1", kTimeout)), "C++ jobs in Canada");
  EXPECT_EQ(must(fresh.evaluate("1 + 1", kTimeout)), "2");
}

// ---- i. screenshots and PDFs ---------------------------------------------------------------

uint32_t be32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

TEST_F(BrowserTest, ScreenshotAndPdf) {
  ASSERT_NO_FATAL_FAILURE(start());
  FixtureWeb web;
  Tab tab = open();
  ASSERT_TRUE(tab.handle());
  ASSERT_TRUE(
      Ok(tab.navigate(web.url("/browser/results.html?delay=0"), AJ_BROWSER_WAIT_SELECTOR, ".job-card", kTimeout)));

  const std::string signature("\x89PNG\r\n\x1a\n", 8);
  std::string png = must(tab.screenshot(false, kTimeout));
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(0, 8), signature);
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(png, 16), 1280u) << "the viewport is 1280x900";
  EXPECT_EQ(be32(png, 20), 900u);

  std::string full = must(tab.screenshot(true, kTimeout));
  ASSERT_GT(full.size(), 24u);
  EXPECT_EQ(full.substr(0, 8), signature);
  EXPECT_EQ(be32(full, 16), 1280u);

  std::string pdf = must(tab.pdf(kTimeout));
  EXPECT_TRUE(pdf.starts_with("%PDF-")) << pdf.substr(0, 16);
  EXPECT_TRUE(contains(pdf, "%%EOF"));
}

// ---- a run that stops ------------------------------------------------------------------------

TEST_F(BrowserTest, StoppingRunWakesSlotWaitersAndFinishClosesLeftoverTabs) {
  ASSERT_NO_FATAL_FAILURE(start(1));
  FixtureWeb web;
  Tab holder = open();  // the only slot
  ASSERT_TRUE(holder.handle());

  // A caller waiting for a slot is woken when its run stops.
  std::atomic<bool> stop{false};
  int waiting_tag = 0;
  aj_context* waiting = reinterpret_cast<aj_context*>(&waiting_tag);
  cancel_flag(waiting, &stop);
  TabResult waited;
  std::thread waiter([&] {
    aj::Browser::OpenOptions o;
    o.timeout_ms = 60'000;
    auto [r, t] = browser("board").open(waiting, o);
    waited = r;
  });
  stop = true;
  module_->cancel_stopped();
  waiter.join();
  EXPECT_EQ(waited.status, AJ_CANCELLED) << waited.error;
  EXPECT_EQ(waited.failure, AJ_BROWSER_FAIL_CANCELLED) << waited.error;

  // A call on a tab whose run has stopped returns at once as cancelled.
  std::atomic<bool> stop_page{false};
  int page_tag = 0;
  aj_context* page_ctx = reinterpret_cast<aj_context*>(&page_tag);
  cancel_flag(page_ctx, &stop_page);
  holder.close();
  {
    aj::Browser::OpenOptions o;
    o.timeout_ms = kOpenTimeout;
    auto [r, tab] = browser("board").open(page_ctx, o);
    ASSERT_EQ(r.status, AJ_OK) << r.error;
    stop_page = true;
    module_->cancel_stopped();
    TabResult nav = tab.navigate(web.url("/browser/results.html?delay=600000"), AJ_BROWSER_WAIT_SELECTOR, ".job-card",
                                 kTimeout);
    EXPECT_EQ(nav.status, AJ_CANCELLED) << nav.error;
    EXPECT_EQ(nav.failure, AJ_BROWSER_FAIL_CANCELLED) << nav.error;
  }

  // Tabs a plugin call leaves open are closed by finish(ctx), which frees their slot.
  int call_tag = 0;
  aj_context* call = reinterpret_cast<aj_context*>(&call_tag);
  const aj_browser_api_v1* api = module_->table();
  aj_browser_open o{};
  o.struct_size = sizeof o;
  o.timeout_ms = kOpenTimeout;
  aj_browser_tab* leftover = nullptr;
  ASSERT_EQ(api->open(host("board"), call, &o, &leftover), AJ_OK);
  ASSERT_NE(leftover, nullptr);
  EXPECT_EQ(module_->stats().open_tabs, 1);
  EXPECT_EQ(module_->finish(call), 1u);
  EXPECT_EQ(module_->stats().open_tabs, 0);
  // `leftover` belongs to the finished call and is not touched again.
  aj::Browser::OpenOptions quick;
  quick.timeout_ms = 5'000;
  Tab next = open("board", quick);
  EXPECT_TRUE(next.handle()) << "the slot of the finished call's tab is free again";
}

}  // namespace
}  // namespace aj::browser
