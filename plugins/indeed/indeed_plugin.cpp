// indeed: Indeed's job search through the GraphQL API of its iOS app
// (POST {api_url}/graphql, jobSearch with a cursor), the way python-jobspy reads
// it (facts in ../shared/realdata/SITES.md). One request gives up to 100 full
// postings: description, structured pay, attributes and the employer's dossier.
#include "indeed_graphql.hpp"
#include "indeed_job.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <set>
#include <string>
#include <vector>

namespace {

// What the iOS app says about itself; the API answers apps, not browsers.
constexpr const char* kAppInfo = "appv=193.1; appid=com.indeed.jobsearch; osv=16.6.1; os=ios; dtype=phone";

bool is_http_url(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

std::string without_trailing_slash(std::string u) {
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

}  // namespace

class Indeed final : public aj::Source {
 public:
  static constexpr const char* name = "indeed";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Indeed's job search through its mobile app's GraphQL API (full postings, JSON)";
  static constexpr aj_config_key config[] = {
      aj::key("api_url", AJ_CFG_STRING, "\"https://apis.indeed.com\"", false,
              "the API; jobSearch is POSTed to {api_url}/graphql (tests: the fixture web)"),
      aj::key("web_url", AJ_CFG_STRING, "\"\"", false,
              "where job and company pages are; empty: https://{cc}.indeed.com of the search's country"),
      aj::key("api_key", AJ_CFG_STRING, "\"\"", false,
              "the app key sent as the indeed-api-key header; empty: no key is sent (Indeed may then refuse)"),
      aj::key("country", AJ_CFG_STRING, "\"us\"", false,
              "the Indeed site (ISO code, e.g. ca) when the search names no country"),
      aj::key("user_agent", AJ_CFG_STRING,
              "\"Mozilla/5.0 (iPhone; CPU iPhone OS 16_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
              "Mobile/15E148 Indeed App 193.1\"",
              false, "the User-Agent sent to the API (the app's); empty: the host's"),
      aj::key("max_pages", AJ_CFG_INT, "10", false, "pages of 100 postings read per query at most"),
  };

  Indeed(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    api_ = without_trailing_slash(cfg.str_or("api_url", "https://apis.indeed.com"));
    if (!is_http_url(api_)) throw aj::ConfigError("indeed: api_url must start with http:// or https:// (got \"" + api_ + "\")");
    web_ = without_trailing_slash(cfg.str_or("web_url", ""));
    if (!web_.empty() && !is_http_url(web_))
      throw aj::ConfigError("indeed: web_url must be empty or start with http:// or https:// (got \"" + web_ + "\")");
    api_key_ = ajsrc::trim(cfg.str_or("api_key", ""));
    user_agent_ = cfg.str_or("user_agent", "");
    std::string country = cfg.str_or("country", "us");
    auto c = indeed::country_of(country);
    if (!c) throw aj::ConfigError("indeed: country \"" + country + "\" is not an Indeed site we know; use an ISO code such as us, ca, gb");
    default_country_ = *c;
    max_pages_ = cfg.i64("max_pages").value_or(10);
    if (max_pages_ < 1 || max_pages_ > 100) throw aj::ConfigError("indeed: max_pages must be 1..100 (got " + std::to_string(max_pages_) + ")");
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    auto s = ajsrc::Search::from(query);
    indeed::Country country = country_for(s);
    indeed::FilterPlan plan = indeed::plan_filters(s);
    ctx.server_filters(applied_keys(s, plan), plan.note);

    indeed::Links links{web_.empty() ? "https://" + country.subdomain + ".indeed.com" : web_, country.currency};
    std::set<std::string> seen;
    int64_t skip = s.offset;  // Indeed has no offset: the first results are read and passed over
    uint64_t emitted = 0;
    std::string cursor;
    bool partial_reported = false;
    for (int64_t page = 1; page <= max_pages_; ++page) {
      if (ctx.cancelled()) return;
      std::string what = "Indeed search page " + std::to_string(page) + " (" + country.co + ", " + api_ + "/graphql)";
      indeed::Page p;
      boost::json::value answer;
      try {
        auto r = http_.fetch(ctx, request(country, indeed::search_document(s, cursor, plan)));
        ajsrc::expect_ok(r, what);
        answer = ajsrc::parse_json(r.body(), what);
        p = indeed::read_page(answer, what);
      } catch (const aj::SourceError& e) {
        if (emitted == 0) throw;
        ctx.outcome(e.outcome(), e.what());  // keep what the earlier pages gave
        return;
      }
      if (!p.errors.empty()) partial_errors(ctx, what, p.errors, partial_reported);
      if (p.results->empty()) return;  // no (more) results

      size_t fresh = 0, keyless = 0;
      for (const auto& result : *p.results) {
        const auto* j = ajsrc::at(result, "job");
        std::string key = j ? ajsrc::str(*j, "key") : "";
        if (key.empty()) {
          ++keyless;
          continue;
        }
        if (!seen.insert(key).second) continue;
        ++fresh;
        if (skip > 0) {
          --skip;
          continue;
        }
        auto job = ctx.new_job();
        indeed::fill_job(job, *j, links);
        ++emitted;
        if (!ctx.emit(std::move(job))) return;
      }
      if (keyless == p.results->size()) {
        std::string why = what + ": " + std::to_string(keyless) + " results without job.key; Indeed's API may have changed";
        if (emitted == 0) throw aj::SourceError(aj::Outcome::layout_changed, why);
        ctx.outcome(aj::Outcome::layout_changed, why);
        return;
      }
      if (fresh == 0 || p.next_cursor.empty()) return;  // the last page, or Indeed repeating itself
      cursor = p.next_cursor;
      ctx.progress(emitted, s.results_wanted > 0 ? static_cast<uint64_t>(s.results_wanted) : 0);
    }
    host_.info("indeed: stopped after max_pages (" + std::to_string(max_pages_) + ") pages; raise max_pages for more");
  }

 private:
  indeed::Country country_for(const ajsrc::Search& s) const {
    if (s.country.empty()) return default_country_;
    auto c = indeed::country_of(s.country);
    if (!c) throw aj::Error("indeed: the search's country \"" + s.country + "\" is not an Indeed site we know; use an ISO code such as us, ca, gb");
    return *c;
  }

  // The search keys this request constrains. The country is the Indeed site asked
  // (indeed-co); the radius only counts with a place.
  static std::vector<std::string_view> applied_keys(const ajsrc::Search& s, const indeed::FilterPlan& plan) {
    std::vector<std::string_view> keys;
    if (!s.term.empty()) keys.push_back("term");
    if (!s.location.empty()) keys.push_back("location");
    if (!s.location.empty() && s.distance_miles() > 0) keys.push_back("distance_km");
    keys.insert(keys.end(), plan.applied.begin(), plan.applied.end());
    keys.push_back("country");
    if (s.offset > 0) keys.push_back("offset");
    return keys;
  }

  aj::HttpRequest request(const indeed::Country& c, const std::string& document) const {
    aj::HttpRequest req;
    req.method = "POST";
    req.url = api_ + "/graphql";
    req.headers = {{"accept", "application/json"},
                   {"indeed-co", c.co},
                   {"indeed-locale", "en-" + c.co},
                   {"indeed-app-info", kAppInfo}};
    if (!user_agent_.empty()) req.headers.emplace_back("user-agent", user_agent_);
    if (!api_key_.empty()) req.headers.emplace_back("indeed-api-key", api_key_);
    req.json("{\"query\":" + ajsrc::quote(document) + "}");
    return req;
  }

  // GraphQL errors that came with results: the results are kept and the errors shown.
  void partial_errors(aj::Context& ctx, const std::string& what, const std::string& errors, bool& reported) const {
    host_.warn(what + ": GraphQL errors alongside the results: " + errors);
    if (reported) return;
    reported = true;
    ctx.outcome(aj::Outcome::layout_changed,
                what + ": GraphQL errors alongside the results (" + errors + "); the results were kept");
  }

  aj::Host host_;
  aj::Http http_;
  std::string api_, web_, api_key_, user_agent_;
  indeed::Country default_country_;
  int64_t max_pages_ = 10;
};

AJ_PLUGIN(Indeed)
