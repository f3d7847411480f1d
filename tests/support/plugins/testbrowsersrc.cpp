// A source for browser service tests: reads the JavaScript-rendered job cards
// of tests/fixtures/web/browser/results.html through the host's browser
// service (aj.browser.v1, only via the SDK), the way real sources of boards
// that plain HTTP cannot read will.
#include <autojobagent/browser.hpp>
#include <autojobagent/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---- just enough JSON to read what the script returns: arrays of strings ----

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  /// [[ "a", "b", ... ], ...]; nullopt when the text is anything else.
  std::optional<std::vector<std::vector<std::string>>> rows() {
    std::vector<std::vector<std::string>> out;
    if (!eat('[')) return std::nullopt;
    if (eat(']')) return end() ? std::optional(std::move(out)) : std::nullopt;
    do {
      std::vector<std::string> row;
      if (!eat('[')) return std::nullopt;
      if (!eat(']')) {
        do {
          auto v = string();
          if (!v) return std::nullopt;
          row.push_back(std::move(*v));
        } while (eat(','));
        if (!eat(']')) return std::nullopt;
      }
      out.push_back(std::move(row));
    } while (eat(','));
    if (!eat(']') || !end()) return std::nullopt;
    return out;
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    ws();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool end() {
    ws();
    return i_ == s_.size();
  }
  std::optional<uint32_t> hex4() {
    if (i_ + 4 > s_.size()) return std::nullopt;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return std::nullopt;
    }
    return v;
  }
  static void utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  std::optional<std::string> string() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return std::nullopt;
      switch (char e = s_[i_++]) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          auto cp = hex4();
          if (!cp) return std::nullopt;
          if (*cp >= 0xD800 && *cp <= 0xDBFF && i_ + 6 <= s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
            i_ += 2;
            auto lo = hex4();
            if (!lo || *lo < 0xDC00 || *lo > 0xDFFF) return std::nullopt;
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00);
          }
          utf8(out, *cp);
          break;
        }
        default: return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// Each card as [id, title, company, location, absolute apply URL].
constexpr const char* kReadCards = R"js([...document.querySelectorAll('.job-card')].map(c => {
  const text = sel => (c.querySelector(sel)?.textContent ?? '').trim();
  const a = c.querySelector('a.apply');
  return [c.dataset.jobId ?? '', text('.title'), text('.company'), text('.location'),
          a ? new URL(a.getAttribute('href'), document.baseURI).href : ''];
}))js";

}  // namespace

class TestBrowserSource final : public aj::Source {
 public:
  static constexpr const char* name = "testbrowsersrc";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Reads JavaScript-rendered job cards through the host's browser service";
  static constexpr uint32_t source_flags = AJ_SOURCE_RUNS_ONCE;
  static constexpr aj_config_key config[] = {
      aj::key("base_url", AJ_CFG_STRING, nullptr, true, "the board, e.g. http://127.0.0.1:PORT"),
      aj::key("path", AJ_CFG_STRING, "/browser/results.html", false, "the results page"),
      aj::key("session", AJ_CFG_STRING, "", false, "the browser session (cookies, storage); empty: the instance's own"),
  };

  TestBrowserSource(aj::Host host, const aj::Config& cfg) : browser_(connect(host)) {
    base_ = cfg.str_or("base_url", "");
    path_ = cfg.str_or("path", "/browser/results.html");
    session_ = cfg.str_or("session", "");
  }

  void run(aj::Context& ctx, const aj::Config&) override {
    aj::Browser::OpenOptions o;
    o.session = session_;
    auto [opened, tab] = browser_.open(ctx, o);
    if (!opened) fail("opening a tab", opened);

    const std::string url = base_ + path_;
    aj::TabResult nav = tab.navigate(url, AJ_BROWSER_WAIT_SELECTOR, ".job-card");
    if (!nav) fail("loading " + url, nav);

    aj::TabResult cards = tab.evaluate(kReadCards);
    if (!cards) fail("reading the cards of " + url, cards);
    tab.close();  // its work is done: free the slot before emitting

    auto rows = JsonReader(cards.value).rows();
    if (!rows) throw aj::Error("testbrowsersrc: the cards of " + url + " are not an array of string arrays: " +
                               cards.value.substr(0, 200));
    for (const auto& r : *rows) {
      if (r.size() < 5) continue;
      auto job = ctx.new_job();
      if (!r[0].empty()) job.set(AJ_F_ID, r[0]);
      job.set(AJ_F_TITLE, r[1]);
      job.set(AJ_F_COMPANY, r[2]);
      job.set(AJ_F_LOCATION, r[3]);
      job.set(AJ_F_JOB_URL, r[4]);
      if (!ctx.emit(std::move(job))) return;
    }
  }

 private:
  // aj::Browser throws when the host has no browser service; say whose need it was.
  static aj::Browser connect(aj::Host host) {
    try {
      return aj::Browser(host);
    } catch (const aj::Error& e) {
      throw aj::Error(std::string("testbrowsersrc needs the browser service: ") + e.what(), e.status());
    }
  }

  // The tab's own error, with what we were doing; its status (AJ_RETRY for a
  // timeout or crash, AJ_CANCELLED when the run stops) goes back to the host.
  [[noreturn]] static void fail(const std::string& what, const aj::TabResult& r) {
    aj_status st = r.status == AJ_OK || r.status == AJ_SKIP ? AJ_ERROR : r.status;
    throw aj::Error("testbrowsersrc: " + what + ": " + (r.error.empty() ? "failed" : r.error), st);
  }

  aj::Browser browser_;
  std::string base_, path_, session_;
};

AJ_PLUGIN(TestBrowserSource)
