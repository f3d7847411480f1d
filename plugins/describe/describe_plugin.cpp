// describe: the external description fetcher. For each posting without a
// full description it fetches the employer's page (job_url_direct, else
// job_url unless that is a job board's page) through the host's HTTP service, reads it (schema.org JobPosting
// JSON-LD first, else the page's main content; describe/page.hpp) and fills
// the description and the fields the posting lacks.
#include "apply.hpp"
#include "describe/page.hpp"
#include "fetch_queue.hpp"

#include <ajsrc/ats.hpp>
#include <ajsrc/fetch.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <ctime>
#include <map>
#include <string>
#include <vector>

namespace {

// What one batch (or one instance over its life) did, for the log.
struct Counts {
  uint64_t complete = 0;  // had a full description: no request
  uint64_t no_url = 0;    // nothing to fetch
  uint64_t fetched = 0;   // pages read (2xx)
  uint64_t jsonld = 0, content = 0, nothing = 0;  // where their description came from
  uint64_t expired = 0;   // 404 or 410: marked expired
  uint64_t cancelled = 0;
  std::map<std::string, uint64_t> failed;  // by reason: network, blocked, robots, http 500, not html, ...

  Counts& operator+=(const Counts& o) {
    complete += o.complete, no_url += o.no_url, fetched += o.fetched, jsonld += o.jsonld, content += o.content;
    nothing += o.nothing, expired += o.expired, cancelled += o.cancelled;
    for (const auto& [k, v] : o.failed) failed[k] += v;
    return *this;
  }
  bool any_request() const { return fetched || expired || !failed.empty(); }
  std::string summary() const {
    std::string s = std::to_string(fetched) + " pages read (" + std::to_string(jsonld) + " JSON-LD, " +
                    std::to_string(content) + " main content, " + std::to_string(nothing) + " no description), " +
                    std::to_string(expired) + " expired (404/410)";
    uint64_t f = 0;
    std::string reasons;
    for (const auto& [k, v] : failed) f += v, reasons += (reasons.empty() ? "" : ", ") + std::to_string(v) + " " + k;
    s += ", " + std::to_string(f) + " failed" + (reasons.empty() ? "" : " (" + reasons + ")");
    s += "; " + std::to_string(complete) + " already complete, " + std::to_string(no_url) + " without a URL";
    if (cancelled) s += ", " + std::to_string(cancelled) + " not fetched (run cancelled)";
    return s;
  }
};

// Why a request brought no answer (aj_http_failure).
std::string failure_name(aj_http_failure f) {
  switch (f) {
    case AJ_HTTP_FAIL_NETWORK: return "network";
    case AJ_HTTP_FAIL_TOO_LARGE: return "too large";
    case AJ_HTTP_FAIL_REDIRECTS: return "redirect loop";
    case AJ_HTTP_FAIL_ROBOTS: return "robots.txt";
    case AJ_HTTP_FAIL_CIRCUIT_OPEN: return "circuit open";
    case AJ_HTTP_FAIL_NO_PROXY: return "no proxy";
    case AJ_HTTP_FAIL_NOT_RECORDED: return "not recorded";
    case AJ_HTTP_FAIL_CANCELLED: return "cancelled";
    default: return "invalid request";
  }
}

bool http_url(std::string_view u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

// "text/html; charset=windows-1252" -> "windows-1252".
std::string charset_of(std::string_view content_type) {
  std::string ct = ajsrc::lower(content_type);
  auto at = ct.find("charset=");
  if (at == std::string::npos) return "";
  std::string v = ct.substr(at + 8);
  v = v.substr(0, v.find(';'));
  std::string out;
  for (char c : v)
    if (c != '"' && c != '\'' && c != ' ') out += c;
  return out;
}

class Describe final : public aj::Enricher {
 public:
  static constexpr const char* name = "describe";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary =
      "Fetches each posting's employer page and fills the full description and missing fields "
      "(schema.org JobPosting JSON-LD, else the page's main content)";
  static constexpr aj_config_key config[] = {
      aj::key("parallel", AJ_CFG_INT, "6", false,
              "pages fetched at once by each worker (1-32); the host's per-host limits still apply"),
      aj::key("min_description_chars", AJ_CFG_INT, "200", false,
              "a description shorter than this (or flagged description_is_snippet) is fetched; 0 fetches only "
              "postings with none"),
      aj::key("prefer", AJ_CFG_STRING, "jsonld", false,
              "which description wins when a page has both: the JobPosting's (jsonld) or the page's main content "
              "(content)",
              "jsonld|content"),
  };

  Describe(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    int64_t parallel = cfg.i64("parallel").value_or(6);
    if (parallel < 1 || parallel > 32) throw aj::ConfigError("parallel: " + std::to_string(parallel) + " is not 1-32");
    parallel_ = static_cast<std::size_t>(parallel);
    int64_t min_chars = cfg.i64("min_description_chars").value_or(200);
    if (min_chars < 0) throw aj::ConfigError("min_description_chars: must be 0 or more");
    min_chars_ = static_cast<std::size_t>(min_chars);
    std::string prefer = cfg.str_or("prefer", "jsonld");
    if (prefer != "jsonld" && prefer != "content")
      throw aj::ConfigError("prefer: '" + prefer + "' is not jsonld or content");
    prefer_ = prefer == "content" ? ajd::Prefer::content : ajd::Prefer::jsonld;
  }

  ~Describe() override {
    if (total_.any_request()) host_.info("describe: " + total_.summary());
  }

  void process(aj::Context& ctx, aj::Batch& batch) override {
    Counts counts;
    std::vector<uint32_t> jobs;  // batch index of each request
    std::vector<aj::HttpRequest> requests;
    for (uint32_t i = 0, n = batch.size(); i < n; ++i) {
      aj::Job job = batch[i];
      if (!needs_description(job)) {
        ++counts.complete;
        continue;
      }
      std::string url = page_url(job);
      if (url.empty()) {
        ++counts.no_url;
        continue;
      }
      aj::HttpRequest r;
      r.url = std::move(url);
      r.headers = {{"Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}};
      jobs.push_back(i);
      requests.push_back(std::move(r));
    }

    const std::string today = ajsrc::iso_date(std::time(nullptr));
    std::size_t answered = 0;
    {
      describe::FetchQueue queue(http_, ctx, parallel_);
      queue.run(
          requests,
          [&](std::size_t k, aj::HttpResponse& r) {
            ++answered;
            const uint32_t i = jobs[k];
            aj::Job job = batch[i];
            try {
              read_answer(job, requests[k].url, r, today, counts);
            } catch (const aj::Error& e) {  // a field the host refused: this posting only
              ++counts.failed["error"];
              batch.fail(i, e.status(), e.what());
            } catch (const std::exception& e) {
              ++counts.failed["error"];
              batch.fail(i, AJ_ERROR, e.what());
            }
          },
          [&](std::size_t) {
            ++answered;
            ++counts.failed["refused"];
          });
    }
    counts.cancelled = requests.size() - answered;
    if (!requests.empty()) host_.debug("describe: batch of " + std::to_string(batch.size()) + ": " + counts.summary());
    total_ += counts;
    if (total_.any_request()) ctx.report("summary", total_.summary());  // the run summary prints this worker's totals
  }

 private:
  bool needs_description(const aj::Job& job) const {
    auto d = job.str(AJ_F_DESCRIPTION);
    if (!d || ajsrc::trim(*d).empty() || d->size() < min_chars_) return true;
    auto snippet = job.extra("description_is_snippet");
    return snippet && *snippet == "true";
  }

  // The employer's or ATS's page: job_url_direct, else job_url unless that is a
  // job board's own page. Those belong to their source plugins (LinkedIn's
  // fetch_descriptions, say), which know the board's limits; fetching them here
  // would only get an address blocked.
  static std::string page_url(const aj::Job& job) {
    if (auto u = job.str(AJ_F_JOB_URL_DIRECT); u && http_url(ajsrc::trim(*u))) return ajsrc::trim(*u);
    if (auto u = job.str(AJ_F_JOB_URL); u && http_url(ajsrc::trim(*u))) {
      std::string url = ajsrc::trim(*u);
      if (!is_board(ajsrc::host_of(url))) return url;
    }
    return "";
  }

  static bool is_board(std::string_view host) {
    for (std::string_view board : {"linkedin.com", "indeed.com", "glassdoor.", "eluta.ca", "ziprecruiter.", "monster."}) {
      std::size_t at = host.find(board);
      if (at != std::string_view::npos && (at == 0 || host[at - 1] == '.')) return true;
    }
    return false;
  }

  void read_answer(aj::Job& job, const std::string& url, const aj::HttpResponse& r, const std::string& today,
                   Counts& counts) const {
    if (!r.ok()) {
      ++counts.failed[failure_name(r.failure())];
      host_.debug("describe: " + url + ": " + std::string(r.error()));
      return;
    }
    const int status = r.status();
    if (status == 404 || status == 410) {  // the posting is gone; keep it, say so
      job.set_extra("expired", "true");
      ++counts.expired;
      return;
    }
    if (status == 401 || status == 403 || status == 407 || status == 429 || status == 999) {
      ++counts.failed["blocked"];
      return;
    }
    if (status < 200 || status >= 300) {
      ++counts.failed["HTTP " + std::to_string(status)];
      return;
    }
    const std::string final_url = r.url().empty() ? url : std::string(r.url());
    const std::string_view body = r.body();
    if (ajsrc::is_wall_url(final_url) || ajsrc::looks_like_captcha(body)) {
      ++counts.failed["blocked"];
      return;
    }
    const std::string type = ajsrc::lower(r.header("Content-Type"));
    const std::string head = ajsrc::trim(body.substr(0, 64));
    if (!type.empty() && type.find("html") == std::string::npos && type.find("xml") == std::string::npos &&
        (head.empty() || head[0] != '<')) {
      ++counts.failed["not html"];
      return;
    }

    ajd::PageInfo page = ajd::read_page(body, final_url, prefer_, charset_of(type));
    ++counts.fetched;
    if (page.description_from == ajd::Origin::jsonld) ++counts.jsonld;
    else if (page.description_from == ajd::Origin::page) ++counts.content;
    else ++counts.nothing;
    describe::apply_page(job, page, url, final_url, today);
  }

  aj::Host host_;
  aj::Http http_;
  std::size_t parallel_ = 6;
  std::size_t min_chars_ = 200;
  ajd::Prefer prefer_ = ajd::Prefer::jsonld;
  Counts total_;
};

}  // namespace

AJ_PLUGIN(Describe)
