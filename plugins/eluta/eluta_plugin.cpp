// eluta: Eluta.ca's job search, read through the host's browser service
// (aj.browser.v1): Eluta renders its results with JavaScript behind a bot
// check, so plain HTTP cannot read them. For each query it opens one tab,
// reads up to `pages` result pages of cards, and (follow_links) clicks each
// title to learn the employer's or ATS's URL from the page it opens, closing
// that page at once. Facts and guesses about the markup: eluta_page.hpp and
// README.md.
#include "eluta_page.hpp"

#include <ajsrc/ats.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/browser.hpp>
#include <autojobagent/plugin.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// How long to wait for the cards once a bot-check element is on the page:
// sites load an invisible reCAPTCHA next to real content too, so a CAPTCHA
// element alone is not yet proof of a block.
constexpr int64_t kCaptchaGraceMs = 2000;
// How long a followed page may sit on Eluta's own redirect page (/spl/...)
// before its URL is taken as it is.
constexpr int64_t kRedirectGraceMs = 5000;
// One round of waiting for a clicked result's popup, between two looks at
// whether the click navigated the results tab instead.
constexpr int64_t kPopupRoundMs = 250;
// One look at a page's URL.
constexpr int64_t kLookMs = 2000;

// Pay printed on Eluta is Canadian unless it says otherwise.
constexpr std::string_view kCurrency = "CAD";

// A JSON string's text ("" for anything else): what evaluate() gives for location.href.
std::string json_text(const std::string& json) {
  try {
    auto v = ajsrc::parse_json(json, "a script's result");
    return v.is_string() ? std::string(v.as_string()) : "";
  } catch (const aj::Error&) {
    return "";
  }
}

std::string seconds_text(int64_t ms) {
  return std::to_string(ms / 1000) + (ms % 1000 ? "." + std::to_string(ms % 1000 / 100) : "") + " s";
}

}  // namespace

class Eluta final : public aj::Source {
 public:
  static constexpr const char* name = "eluta";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary =
      "Eluta.ca's job search through the host's browser, following each result to the employer's or ATS's page";
  static constexpr aj_config_key config[] = {
      aj::key("base_url", AJ_CFG_STRING, "\"https://www.eluta.ca\"", false, "where Eluta is (tests: the fixture web)"),
      aj::key("pages", AJ_CFG_INT, "5", false, "result pages read per query (search term x location)"),
      aj::key("jobs", AJ_CFG_INT, "50", false, "postings kept per query at most"),
      aj::key("max_tabs", AJ_CFG_INT, "5", false,
              "tabs this source may hold at once; it uses 1, or 2 with follow_links (host.yaml's browser.max_tabs "
              "is the limit for the whole run)"),
      aj::key("delay_seconds", AJ_CFG_FLOAT, "1.0", false, "pause between two result pages (politeness)"),
      aj::key("headless", AJ_CFG_BOOL, "true", false,
              "accepted for the original's settings; host.yaml's browser.headless decides"),
      aj::key("follow_links", AJ_CFG_BOOL, "true", false,
              "click each result to read the employer's or ATS's URL (job_url_direct, ats)"),
      aj::key("timeout_seconds", AJ_CFG_FLOAT, "30", false,
              "how long a result page may take to show its cards (and the limit of each browser call)"),
      aj::key("popup_timeout_seconds", AJ_CFG_FLOAT, "10", false,
              "how long a clicked result may take to open the employer's page"),
  };

  Eluta(aj::Host host, const aj::Config& cfg) : host_(host), browser_(connect(host)) {
    base_ = cfg.str_or("base_url", "https://www.eluta.ca");
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
    if (!base_.starts_with("http://") && !base_.starts_with("https://"))
      throw aj::ConfigError("eluta: base_url must start with http:// or https:// (got \"" + base_ + "\")");
    pages_ = cfg.i64("pages").value_or(5);
    jobs_ = cfg.i64("jobs").value_or(50);
    max_tabs_ = cfg.i64("max_tabs").value_or(5);
    follow_ = cfg.boolean("follow_links").value_or(true);
    delay_ms_ = millis(cfg, "delay_seconds", 1.0, true);
    timeout_ms_ = millis(cfg, "timeout_seconds", 30, false);
    popup_timeout_ms_ = millis(cfg, "popup_timeout_seconds", 10, false);
    if (pages_ < 1) throw aj::ConfigError("eluta: pages must be 1 or more (got " + std::to_string(pages_) + ")");
    if (jobs_ < 1) throw aj::ConfigError("eluta: jobs must be 1 or more (got " + std::to_string(jobs_) + ")");
    if (max_tabs_ < 1) throw aj::ConfigError("eluta: max_tabs must be 1 or more (got " + std::to_string(max_tabs_) + ")");
    if (follow_ && max_tabs_ < 2)
      throw aj::ConfigError("eluta: follow_links needs max_tabs 2 or more (the results page and the employer's page "
                            "a result opens); raise max_tabs or set follow_links: false");
    if (!cfg.boolean("headless").value_or(true))
      host_.warn("eluta: 'headless: false' is ignored; the browser's headless mode is host.yaml's browser.headless");
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    auto s = ajsrc::Search::from(query);
    declare_filters(ctx, s);

    auto [opened, tab] = browser_.open(ctx);
    if (!opened) fail_open(opened);

    Query q{ctx, std::move(tab), s};
    q.follow = follow_;
    for (int64_t page = 1; page <= pages_; ++page) {
      if (ctx.cancelled()) return;
      if (page > 1 && !pause(ctx)) return;
      if (!read_page(q, page)) return;
    }
  }

 private:
  // One query's state across its pages.
  struct Query {
    aj::Context& ctx;
    aj::Tab tab;  // the results page
    const ajsrc::Search& search;
    std::set<std::string> seen{};
    int64_t skipped = 0;  // cards skipped for the query's offset
    int64_t emitted = 0;
    bool follow = true;  // false once following links went wrong in a way that would recur
    bool stuck = false;  // the results tab stopped answering or could not come back: use a new one
  };

  // Reads one result page and emits its cards; false when the query is done.
  bool read_page(Query& q, int64_t page) {
    const std::string url = search_url(q.search, page);
    const std::string what = "Eluta search page " + std::to_string(page) + " (" + url + ")";
    if (q.stuck) renew_tab(q);
    eluta::Page p;
    try {
      p = load(q.tab, url, what);
    } catch (const aj::SourceError& e) {
      if (q.emitted == 0) throw;
      q.ctx.outcome(e.outcome(), e.what());  // keep what the earlier pages gave
      return false;
    }
    if (p.cards.empty()) return false;  // no results, or the end of them

    size_t fresh = 0;
    bool can_follow = true;  // false once the results tab is no longer on this page
    for (const auto& card : p.cards) {
      if (q.ctx.cancelled()) return false;
      const std::string id = eluta::card_id(card.data_url);
      if (!q.seen.insert(id).second) continue;
      ++fresh;
      if (q.skipped < q.search.offset) {
        ++q.skipped;
        continue;
      }
      auto job = q.ctx.new_job();
      fill(job, id, card);
      if (q.follow && can_follow) can_follow = follow(q, job, card, p.url, what);
      ++q.emitted;
      if (!q.ctx.emit(std::move(job)) || q.emitted >= jobs_) return false;
      q.ctx.progress(static_cast<uint64_t>(q.emitted), static_cast<uint64_t>(jobs_));
    }
    // Past the last page Eluta may repeat one; a pagination block without a
    // later page says this was the last.
    return fresh > 0 && p.more.value_or(true);
  }

  // ---- the search page ----

  std::string search_url(const ajsrc::Search& s, int64_t page) const {
    std::string url = base_ + "/search?q=" + ajsrc::url_encode(s.term) + "&l=" + ajsrc::url_encode(s.location);
    if (page > 1) url += "&pg=" + std::to_string(page);
    return url;
  }

  // Loads a search page and reads it once it shows cards, "no results" or a
  // bot check; throws the outcome when it is none of those.
  eluta::Page load(aj::Tab& tab, const std::string& url, const std::string& what) const {
    aj::TabResult nav = tab.navigate(url, AJ_BROWSER_WAIT_DOM_READY, {}, timeout_ms_);
    if (!nav) fail(what, nav);
    eluta::Page p = read(tab, what);
    if (p.status < 400) {
      aj::TabResult ready = tab.wait_for(eluta::kReadySelector, timeout_ms_);
      if (!ready && ready.failure != AJ_BROWSER_FAIL_TIMEOUT) fail(what, ready);
      p = read(tab, what);
      if (p.cards.empty() && p.captcha && !p.no_results) {
        (void)tab.wait_for(eluta::kCardSelector, std::min(kCaptchaGraceMs, timeout_ms_));
        p = read(tab, what);
      }
    }
    classify(p, what);
    return p;
  }

  eluta::Page read(aj::Tab& tab, const std::string& what) const {
    aj::TabResult r = tab.evaluate(eluta::kReadPage, timeout_ms_);
    if (!r) fail(what + ": reading the page", r);
    return eluta::parse_page(r.value, what);
  }

  // Throws the outcome of a page without cards (or with an error status);
  // returns for cards and for a well-formed "no results".
  void classify(const eluta::Page& p, const std::string& what) const {
    const std::string at = what + (p.url.empty() || what.find(p.url) != std::string::npos ? "" : " -> " + p.url);
    if (p.status == 401 || p.status == 403 || p.status == 407 || p.status == 429)
      throw aj::SourceError(aj::Outcome::blocked, at + ": HTTP " + std::to_string(p.status) +
                                                      "; Eluta refuses this browser for now: try again later, "
                                                      "with a longer delay_seconds");
    if (p.status >= 500)
      throw aj::SourceError(aj::Outcome::network_error,
                            at + ": HTTP " + std::to_string(p.status) + "; Eluta is failing, try again later");
    if (p.status >= 400)
      throw aj::Error(at + ": HTTP " + std::to_string(p.status) + "; check base_url");
    if (!p.cards.empty() || p.no_results) return;
    if (p.captcha)
      throw aj::SourceError(aj::Outcome::blocked,
                            at + ": a bot check (CAPTCHA / \"verify you are human\") instead of results; "
                                 "try again later, with a longer delay_seconds");
    std::string seen = p.unreadable ? std::to_string(p.unreadable) + " .organic-job elements without a.lk-job-title "
                                                                     "or data-url"
                                    : "no .organic-job cards and no \"no results\" marker";
    throw aj::SourceError(aj::Outcome::layout_changed,
                          at + ": " + seen + " after " + seconds_text(timeout_ms_) + " (page title \"" + p.title +
                              "\"); Eluta may have changed its pages: update the eluta plugin");
  }

  // ---- the card and the page it links to ----

  void fill(aj::NewJob& job, const std::string& id, const eluta::Card& c) const {
    job.set(AJ_F_ID, id);
    job.set(AJ_F_SITE, "eluta");
    job.set(AJ_F_TITLE, c.title);
    job.set(AJ_F_JOB_URL, eluta::card_url(base_, c.data_url));
    if (!c.company.empty()) job.set(AJ_F_COMPANY, c.company);
    if (!c.company_url.empty()) job.set(AJ_F_COMPANY_URL, c.company_url);
    if (!c.description.empty()) job.set(AJ_F_DESCRIPTION, c.description);
    job.set(AJ_F_COUNTRY, "Canada");  // Eluta lists Canadian postings only
    if (!c.location.empty()) {
      job.set(AJ_F_LOCATION, c.location);
      auto place = ajsrc::split_place(c.location);
      if (!place.city.empty()) job.set(AJ_F_CITY, place.city);
      if (!place.state.empty()) job.set(AJ_F_STATE, place.state);
      std::string where = ajsrc::lower(c.location);
      if (where.find("remote") != std::string::npos) {
        job.set(AJ_F_IS_REMOTE, true);
        job.set(AJ_F_WORK_ARRANGEMENT, "remote");
      } else if (where.find("hybrid") != std::string::npos) {
        job.set(AJ_F_WORK_ARRANGEMENT, "hybrid");
      }
    }
    if (auto date = ajsrc::relative_date(c.last_seen, std::time(nullptr)); !date.empty())
      job.set(AJ_F_DATE_POSTED, date);
    if (!c.salary.empty()) {
      auto pay = ajsrc::parse_pay(c.salary, kCurrency);
      if (pay.min) job.set(AJ_F_MIN_AMOUNT, *pay.min);
      if (pay.max) job.set(AJ_F_MAX_AMOUNT, *pay.max);
      if (!pay.interval.empty()) job.set(AJ_F_INTERVAL, pay.interval);
      if (!pay.empty()) {
        job.set(AJ_F_CURRENCY, pay.currency.empty() ? std::string(kCurrency) : pay.currency);
        job.set(AJ_F_SALARY_SOURCE, "direct_data");
      }
    }
  }

  // Clicks the card's title and reads the URL of the page it opens (a popup,
  // closed at once, or this tab, which then goes back to the results).
  // Sets job_url_direct and ats. False when the results tab is no longer
  // usable for this page's other cards.
  bool follow(Query& q, aj::NewJob& job, const eluta::Card& card, const std::string& page_url,
              const std::string& what) {
    const std::string link = ".organic-job[data-url=" + eluta::css_string(card.data_url) + "] a.lk-job-title";
    const std::string who = "\"" + card.title + "\" on " + what;
    // A plain link opens in a new tab rather than replacing the results.
    aj::TabResult prep = q.tab.evaluate("(() => { const a = document.querySelector(" + ajsrc::quote(link) +
                                            "); if (a && /^https?:|^\\/|^[^#:]+$/i.test(a.getAttribute('href') || '#')) "
                                            "a.target = '_blank'; return !!a; })()",
                                        timeout_ms_);
    if (!prep) {
      stop_if_fatal(prep, "clicking " + who);
      if (prep.failure == AJ_BROWSER_FAIL_TIMEOUT) return stuck(q, who, prep.error);
    }
    aj::TabResult click = q.tab.click(link, timeout_ms_);
    if (!click) {
      stop_if_fatal(click, "clicking " + who);
      if (click.failure == AJ_BROWSER_FAIL_TIMEOUT) return stuck(q, who, click.error);
      host_.warn("eluta: could not click " + who + ": " + click.error + "; stored without the employer's URL");
      return true;
    }
    // Wait for the page the click opens: a popup, or this very tab going
    // elsewhere. In short rounds, so that a same-tab navigation is seen at
    // once rather than after the whole popup timeout.
    std::string direct;
    bool same_tab = false;
    const auto deadline = Clock::now() + std::chrono::milliseconds(popup_timeout_ms_);
    for (;;) {
      auto [r, popup] = q.tab.next_popup(std::clamp<int64_t>(ms_until(deadline), 1, kPopupRoundMs));
      if (r) {
        direct = settle(popup, r.value);
        popup.close();  // its URL is all we need: free the slot at once
        break;
      }
      stop_if_fatal(r, "waiting for the page " + who + " opens");
      if (r.error.find("max_tabs") != std::string::npos) {
        // Every later click would lose its page the same way: stop clicking.
        host_.warn("eluta: the page " + who + " opened was closed for want of a browser tab (" + r.error +
                   "); the rest of this query is stored without employer URLs: raise host.yaml's "
                   "browser.max_tabs to at least 2 per eluta worker");
        q.follow = false;
        return true;
      }
      if (r.failure != AJ_BROWSER_FAIL_NO_POPUP) break;
      // Has the results tab left (or is it leaving: no script runs in a
      // document that is going away)?
      aj::TabResult where = q.tab.evaluate("location.href", kLookMs);
      stop_if_fatal(where, "reading the results tab's URL");
      if (where.failure == AJ_BROWSER_FAIL_TIMEOUT) return stuck(q, who, where.error);
      if ((same_tab = !where || json_text(where.value) != page_url) || Clock::now() >= deadline) break;
    }
    bool came_back = true;
    if (same_tab) direct = same_tab_target(q, page_url, what, came_back);
    if (direct.empty()) {
      host_.warn("eluta: clicking " + who + " opened no page within " + seconds_text(popup_timeout_ms_) +
                 "; stored without the employer's URL");
      return came_back;
    }
    job.set(AJ_F_JOB_URL_DIRECT, direct);
    if (auto ats = ajsrc::ats_from_url(direct); !ats.empty()) job.set(AJ_F_ATS, ats);
    return came_back;
  }

  // The results tab stopped answering while a link was followed (a click
  // handler that never returns; a page opened by script that the host had to
  // close for want of a tab can do that too). Clicking again would likely do
  // the same, so the query stops following links; its next page gets a new tab.
  bool stuck(Query& q, const std::string& who, const std::string& error) const {
    host_.warn("eluta: the results page stopped answering when " + who + " was clicked (" + error +
               "); the rest of this query is stored without employer URLs, and its next page is read in a new tab");
    q.follow = false;
    q.stuck = true;
    return false;
  }

  // Closes the results tab and opens another (the old one is stuck).
  void renew_tab(Query& q) const {
    q.tab.close();  // first: its slot is needed when max_tabs is 1
    auto [opened, tab] = browser_.open(q.ctx);
    if (!opened) fail_open(opened);
    q.tab = std::move(tab);
    q.stuck = false;
  }

  // A popup starts on about:blank, or on Eluta's redirect page (/spl/...)
  // when Eluta forwards by script: wait, briefly, until it has moved on.
  std::string settle(aj::Tab& popup, const std::string& url) const {
    const std::string spl = base_ + "/spl/";
    auto deadline = Clock::now() + std::chrono::milliseconds(std::min(kRedirectGraceMs, popup_timeout_ms_));
    std::string now = url_when(popup, url, deadline, [&](const std::string& u) {
      return u.empty() || u == "about:blank" || u.starts_with(spl);
    });
    return now == "about:blank" ? "" : now;
  }

  // The URL the results tab went to after a click, after which the tab goes
  // back to the results. `came_back` false when it did not.
  std::string same_tab_target(Query& q, const std::string& page_url, const std::string& what,
                              bool& came_back) const {
    auto deadline = Clock::now() + std::chrono::milliseconds(popup_timeout_ms_);
    std::string url = url_when(q.tab, "", deadline, [&](const std::string& u) { return u.empty() || u == page_url; });
    if (url == page_url) return "";  // it did not leave after all
    aj::TabResult back = q.tab.navigate(page_url, AJ_BROWSER_WAIT_DOM_READY, {}, timeout_ms_);
    if (back) back = q.tab.wait_for(eluta::kCardSelector, timeout_ms_);
    if (!back) {
      stop_if_fatal(back, "returning to " + what);
      host_.warn("eluta: a result of " + what + " opened in the results tab, which did not come back (" +
                 back.error + "); the rest of this page is stored without employer URLs, and the next page is "
                 "read in a new tab");
      q.stuck = true;
      came_back = false;
    }
    return url;
  }

  // The tab's URL once `waiting(url)` is false, or at the deadline. The page
  // waits between two looks, not this thread; a look during a navigation
  // fails (its document goes away) and the next one reads the new page.
  template <class Waiting>
  std::string url_when(aj::Tab& tab, std::string url, Clock::time_point deadline, Waiting&& waiting) const {
    while (waiting(url) && Clock::now() < deadline) {
      aj::TabResult r = tab.evaluate("new Promise(r => setTimeout(() => r(location.href), 100))", kLookMs);
      stop_if_fatal(r, "reading a page's URL");
      if (r) url = json_text(r.value);
    }
    return url;
  }

  static int64_t ms_until(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
  }

  // ---- the query ----

  static void declare_filters(aj::Context& ctx, const ajsrc::Search& s) {
    std::vector<std::string_view> keys;
    if (!s.term.empty()) keys.push_back("term");
    if (!s.location.empty()) keys.push_back("location");
    if (s.offset > 0) keys.push_back("offset");  // the plugin skips that many results itself
    std::string joined;
    for (auto k : keys) (joined += joined.empty() ? "" : ",") += k;
    ctx.report("server_filters", joined);
    ctx.report("filter_note",
               "Eluta's search takes a term and a location only; ajhost applies distance, job type, remote and age "
               "(from the date on each card)");
  }

  // The pause between two pages; false when the run stops meanwhile.
  bool pause(aj::Context& ctx) const {
    auto until = Clock::now() + std::chrono::milliseconds(delay_ms_);
    while (Clock::now() < until) {
      if (ctx.cancelled()) return false;
      auto step = std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(100));
      std::this_thread::sleep_for(step);
    }
    return !ctx.cancelled();
  }

  // ---- failures ----

  // A tab call's failure as the query's outcome, naming what was being done.
  [[noreturn]] static void fail(const std::string& what, const aj::TabResult& r) {
    const std::string msg = what + ": " + (r.error.empty() ? "failed" : r.error);
    switch (r.failure) {
      case AJ_BROWSER_FAIL_NAVIGATION:
        throw aj::SourceError(aj::Outcome::network_error, msg + "; check the connection and base_url");
      case AJ_BROWSER_FAIL_TIMEOUT:
        throw aj::SourceError(aj::Outcome::network_error, msg + "; the page did not load in time (timeout_seconds)");
      case AJ_BROWSER_FAIL_CRASHED:
        throw aj::SourceError(aj::Outcome::network_error, msg + "; the browser is restarted for the next query",
                              AJ_RETRY);
      case AJ_BROWSER_FAIL_REFUSED:
        throw aj::Error(msg + "; allow Eluta's host in the component's browser.allowed_hosts");
      case AJ_BROWSER_FAIL_CANCELLED: throw aj::Error(msg, AJ_CANCELLED);
      default: throw aj::Error(msg, r.status == AJ_OK || r.status == AJ_SKIP ? AJ_ERROR : r.status);
    }
  }

  [[noreturn]] static void fail_open(const aj::TabResult& r) {
    std::string msg = "eluta: no browser tab: " + (r.error.empty() ? std::string("failed") : r.error);
    if (r.failure == AJ_BROWSER_FAIL_CANCELLED) throw aj::Error(msg, AJ_CANCELLED);
    if (r.failure == AJ_BROWSER_FAIL_TIMEOUT)
      msg += "; every tab of host.yaml's browser.max_tabs stayed busy (raise it, or open_timeout_s)";
    throw aj::Error(msg);
  }

  // Failures that end the query even while following a link.
  static void stop_if_fatal(const aj::TabResult& r, const std::string& what) {
    if (r.failure == AJ_BROWSER_FAIL_CANCELLED || r.failure == AJ_BROWSER_FAIL_CRASHED) fail(what, r);
  }

  static aj::Browser connect(aj::Host host) {
    try {
      return aj::Browser(host);
    } catch (const aj::Error& e) {
      throw aj::Error(std::string("eluta needs the browser service: ") + e.what(), e.status());
    }
  }

  static int64_t millis(const aj::Config& cfg, const char* key, double fallback, bool zero_ok) {
    double s = cfg.f64(key).value_or(fallback);
    if (s < 0 || (!zero_ok && s == 0) || s > 3600)
      throw aj::ConfigError(std::string("eluta: ") + key + " must be " + (zero_ok ? "0" : "above 0") +
                            " to 3600 seconds (got " + std::to_string(s) + ")");
    return static_cast<int64_t>(s * 1000);
  }

  aj::Host host_;
  aj::Browser browser_;
  std::string base_;
  int64_t pages_ = 5, jobs_ = 50, max_tabs_ = 5;
  int64_t delay_ms_ = 1000, timeout_ms_ = 30000, popup_timeout_ms_ = 10000;
  bool follow_ = true;
};

AJ_PLUGIN(Eluta)
