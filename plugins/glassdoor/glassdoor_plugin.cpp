// glassdoor: Glassdoor's job search through the GraphQL endpoint its own web
// pages use, the way python-jobspy reads it (facts in ../shared/realdata/SITES.md):
//   1. GET {site}/                         the home page, for its CSRF token
//   2. GET {site}/findPopularLocationAjax.htm?term=<place>   the place's id and type
//   3. POST {site}/graph JobSearchResultsQuery, 30 listings a page, a cursor per page
//   4. (fetch_descriptions) POST {site}/graph JobDetailQuery per listing
#include "glassdoor_api.hpp"
#include "glassdoor_job.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

bool is_http_url(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

std::string without_trailing_slash(std::string u) {
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

void add_note(std::string& note, const std::string& more) {
  if (!more.empty()) note += (note.empty() ? "" : "; ") + more;
}

// Glassdoor's jobType filter values.
std::string job_type_value(const std::string& job_type) { return ajsrc::job_type(job_type); }

// Where a query searches, and whether that is the place asked for.
struct Where {
  std::optional<glassdoor::Place> place;
  bool exact = false;  // the place asked for, so Glassdoor applies the location
  std::string note;
};

}  // namespace

class Glassdoor final : public aj::Source {
 public:
  static constexpr const char* name = "glassdoor";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Glassdoor's job search through the GraphQL endpoint of its web pages";
  static constexpr aj_config_key config[] = {
      aj::key("base_url", AJ_CFG_STRING, "\"\"", false,
              "the Glassdoor site; empty: the search country's (glassdoor.ca for ca, glassdoor.co.uk for gb, ...; glassdoor.com where it has none)"),
      aj::key("country", AJ_CFG_STRING, "\"us\"", false, "the country whose site is used when the search names none"),
      aj::key("csrf_token", AJ_CFG_STRING, "\"\"", false,
              "the gd-csrf-token to send when the home page has none; empty: read from the home page only"),
      aj::key("fetch_descriptions", AJ_CFG_BOOL, "false", false,
              "read each listing's whole description (one more request per listing)"),
      aj::key("easy_apply", AJ_CFG_BOOL, "false", false, "only listings with Glassdoor's Easy Apply (applicationType)"),
      aj::key("max_pages", AJ_CFG_INT, "30", false, "pages of 30 listings read per query at most (Glassdoor serves 30)"),
      aj::key("user_agent", AJ_CFG_STRING, "\"\"", false, "the User-Agent sent to Glassdoor; empty: the host's"),
  };

  Glassdoor(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    base_ = without_trailing_slash(cfg.str_or("base_url", ""));
    if (!base_.empty() && !is_http_url(base_))
      throw aj::ConfigError("glassdoor: base_url must be empty or start with http:// or https:// (got \"" + base_ + "\")");
    country_ = cfg.str_or("country", "us");
    if (glassdoor::site_of_country(country_).empty())
      throw aj::ConfigError("glassdoor: country \"" + country_ + "\" has no Glassdoor site we know; use an ISO code such as us, ca, gb");
    csrf_setting_ = ajsrc::trim(cfg.str_or("csrf_token", ""));
    descriptions_ = cfg.boolean("fetch_descriptions").value_or(false);
    easy_apply_ = cfg.boolean("easy_apply").value_or(false);
    max_pages_ = cfg.i64("max_pages").value_or(glassdoor::kMaxPages);
    if (max_pages_ < 1 || max_pages_ > glassdoor::kMaxPages)
      throw aj::ConfigError("glassdoor: max_pages must be 1..30 (got " + std::to_string(max_pages_) + ")");
    user_agent_ = cfg.str_or("user_agent", "");
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    auto s = ajsrc::Search::from(query);
    std::string base = site_for(s);
    std::string token = token_for(ctx, base);
    Where where = resolve(ctx, base, s);

    glassdoor::SearchRequest req;
    req.keyword = s.term;
    req.place = where.place;
    std::vector<std::string_view> applied;
    std::string note = where.note;
    plan(s, where, req, applied, note);
    ctx.server_filters(applied, note);
    read_pages(ctx, s, base, token, req);
  }

 private:
  // ---- the search ---------------------------------------------------------------

  // The filters Glassdoor applies: term, place, job type, age in whole days, Easy Apply.
  void plan(const ajsrc::Search& s, const Where& where, glassdoor::SearchRequest& req, std::vector<std::string_view>& applied,
            std::string& note) const {
    if (!s.term.empty()) applied.push_back("term");
    if (where.exact) applied.push_back("location");
    if (where.place && where.place->id == glassdoor::kRemote.id && s.remote_only) applied.push_back("remote_only");
    if (easy_apply_) req.filters.emplace_back("applicationType", "1");
    if (s.hours_old > 0) {
      int64_t days = (s.hours_old + 23) / 24;  // Glassdoor counts whole days: ask for enough of them
      req.filters.emplace_back("fromAge", std::to_string(days));
      if (s.hours_old % 24 == 0) applied.push_back("hours_old");
      else add_note(note, "Glassdoor filters by whole days: it was asked for " + std::to_string(days) +
                              " and ajhost applies hours_old " + std::to_string(s.hours_old));
    }
    if (auto t = job_type_value(s.job_type); !t.empty()) {
      req.filters.emplace_back("jobType", t);
      applied.push_back("job_type");
    }
    if (!s.location.empty() && s.distance_miles() > 0)
      add_note(note, "Glassdoor's search takes no radius: distance_km is not applied");
    if (s.offset > 0) applied.push_back("offset");  // the first results are read and passed over
  }

  void read_pages(aj::Context& ctx, const ajsrc::Search& s, const std::string& base, const std::string& token,
                  glassdoor::SearchRequest& req) {
    std::set<std::string> seen;
    int64_t skip = s.offset;
    uint64_t emitted = 0;
    bool partial_reported = false, describe = descriptions_;
    std::time_t now = std::time(nullptr);
    for (int64_t page = 1; page <= max_pages_; ++page) {
      if (ctx.cancelled()) return;
      req.page = static_cast<int>(page);
      std::string what = "Glassdoor search page " + std::to_string(page) + " (" + base + "/graph)";
      glassdoor::Page p;
      boost::json::value answer;
      try {
        auto r = http_.fetch(ctx, graph_request(base, token, glassdoor::search_body(req)));
        ajsrc::expect_ok(r, what);
        answer = ajsrc::parse_json(r.body(), what);
        p = glassdoor::read_page(answer, what);
      } catch (const aj::SourceError& e) {
        if (emitted == 0) throw;
        ctx.outcome(e.outcome(), e.what());  // keep what the earlier pages gave
        return;
      }
      if (!p.errors.empty()) partial_errors(ctx, what, p.errors, partial_reported);
      if (p.listings->empty()) return;

      size_t fresh = 0, idless = 0;
      for (const auto& listing : *p.listings) {
        std::string id = glassdoor::listing_id(listing);
        if (id.empty()) {
          ++idless;
          continue;
        }
        if (!seen.insert(id).second) continue;
        ++fresh;
        if (skip > 0) {
          --skip;
          continue;
        }
        auto job = ctx.new_job();
        glassdoor::fill_job(job, listing, base, now);
        if (describe && !describe_job(ctx, job, base, token, id)) describe = false;
        ++emitted;
        if (!ctx.emit(std::move(job))) return;
      }
      if (idless == p.listings->size()) {
        std::string why = what + ": " + std::to_string(idless) + " listings without jobview.job.listingId; Glassdoor's API may have changed";
        if (emitted == 0) throw aj::SourceError(aj::Outcome::layout_changed, why);
        ctx.outcome(aj::Outcome::layout_changed, why);
        return;
      }
      req.cursor = p.cursor_for(page + 1);
      if (fresh == 0 || req.cursor.empty()) return;  // the last page
      ctx.progress(emitted, s.results_wanted > 0 ? static_cast<uint64_t>(s.results_wanted) : 0);
    }
  }

  // A listing's whole description; false when Glassdoor blocks these requests (no more
  // are made this query; the listings are still stored with their snippets).
  bool describe_job(aj::Context& ctx, aj::NewJob& job, const std::string& base, const std::string& token,
                    const std::string& id) {
    std::string what = "Glassdoor job " + id + " description (" + base + "/graph)";
    try {
      auto r = http_.fetch(ctx, graph_request(base, token, glassdoor::detail_body(id)));
      ajsrc::expect_ok(r, what);
      std::string html = glassdoor::detail_description(ajsrc::parse_json(r.body(), what));
      if (html.empty()) {
        host_.warn(what + ": no data.jobview.job.description in the answer; the snippet is kept");
        return true;
      }
      glassdoor::set_description(job, ajsrc::html_to_text(html));
      job.set_extra("description_is_snippet", "false");
      return true;
    } catch (const aj::SourceError& e) {
      host_.warn(e.what());
      if (e.outcome() != aj::Outcome::blocked) return true;
      ctx.outcome(aj::Outcome::blocked, std::string("descriptions: ") + e.what() + "; the listings were kept");
      return false;
    }
  }

  // ---- the site, its token and places --------------------------------------------

  std::string site_for(const ajsrc::Search& s) const {
    if (!base_.empty()) return base_;
    std::string site = glassdoor::site_of_country(s.country.empty() ? country_ : s.country);
    return site.empty() ? "https://www.glassdoor.com" : site;  // other countries are served by glassdoor.com
  }

  std::string token_for(aj::Context& ctx, const std::string& base) {
    if (auto it = tokens_.find(base); it != tokens_.end()) return it->second;
    std::string what = "Glassdoor home page (" + base + "/)";
    aj::HttpRequest req;
    req.url = base + "/";
    req.headers = {{"accept", "text/html,application/xhtml+xml"}};
    if (!user_agent_.empty()) req.headers.emplace_back("user-agent", user_agent_);
    auto r = http_.fetch(ctx, req);
    ajsrc::expect_ok(r, what);
    std::string token = glassdoor::csrf_token(r.body());
    if (token.empty()) token = csrf_setting_;
    if (token.empty())
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + ": no CSRF token in the page (looked for gd-csrf-token, gdCsrfToken and \"token\"); "
                                   "Glassdoor may have changed its pages: update the glassdoor plugin, or set csrf_token");
    tokens_[base] = token;
    return token;
  }

  // The place to search: the one asked for; else, when Glassdoor does not know it, the
  // wider place its last parts name ("Square One, Mississauga, ON" -> "Mississauga, ON").
  Where resolve(aj::Context& ctx, const std::string& base, const ajsrc::Search& s) {
    if (s.remote_only) {
      Where w{glassdoor::kRemote, false, ""};
      if (!s.location.empty())
        w.note = "Glassdoor searches remote jobs through its own \"Remote\" place: ajhost applies location";
      return w;
    }
    if (s.location.empty()) return {};
    auto parts = ajsrc::split(s.location, ',');
    for (size_t drop = 0; drop < parts.size(); ++drop) {
      if (drop > 0 && parts.size() - drop < 2) break;  // never a province or state alone
      std::string term;
      for (size_t i = drop; i < parts.size(); ++i) term += (term.empty() ? "" : ", ") + parts[i];
      if (auto place = lookup(ctx, base, term, s.country)) {
        Where w{place, drop == 0, ""};
        if (drop > 0)
          w.note = "Glassdoor does not know \"" + s.location + "\": it searched \"" + term + "\" and ajhost applies location";
        return w;
      }
    }
    throw aj::Error("Glassdoor does not know the place \"" + s.location + "\" (" + base +
                    "/findPopularLocationAjax.htm suggested none): write it as Glassdoor does, e.g. \"Mississauga, ON\"");
  }

  std::optional<glassdoor::Place> lookup(aj::Context& ctx, const std::string& base, const std::string& term,
                                         const std::string& country) {
    std::string key = base + "|" + ajsrc::lower(term);
    if (auto it = places_.find(key); it != places_.end()) return it->second;
    std::string what = "Glassdoor location lookup \"" + term + "\"";
    aj::HttpRequest req;
    req.url = base + "/findPopularLocationAjax.htm";
    // The host percent-encodes the term (an unencoded one gets a 400).
    req.query = {{"maxLocationsToReturn", "10"}, {"term", term}};
    req.headers = {{"accept", "application/json"}, {"referer", base + "/"}};
    if (!user_agent_.empty()) req.headers.emplace_back("user-agent", user_agent_);
    auto r = http_.fetch(ctx, req);
    ajsrc::expect_ok(r, what);
    auto place = glassdoor::first_place(ajsrc::parse_json(r.body(), what), country, what);
    places_[key] = place;
    return place;
  }

  // ---- requests ---------------------------------------------------------------------

  aj::HttpRequest graph_request(const std::string& base, const std::string& token, std::string body) const {
    aj::HttpRequest req;
    req.method = "POST";
    req.url = base + "/graph";
    req.headers = {{"accept", "*/*"},
                   {"gd-csrf-token", token},
                   {"apollographql-client-name", "job-search-next"},
                   {"apollographql-client-version", "4.65.5"},
                   {"origin", base},
                   {"referer", base + "/"}};
    if (!user_agent_.empty()) req.headers.emplace_back("user-agent", user_agent_);
    req.json(std::move(body));
    return req;
  }

  // GraphQL errors that came with listings: the listings are kept and the errors shown.
  void partial_errors(aj::Context& ctx, const std::string& what, const std::string& errors, bool& reported) const {
    host_.warn(what + ": GraphQL errors alongside the listings: " + errors);
    if (reported) return;
    reported = true;
    ctx.outcome(aj::Outcome::layout_changed,
                what + ": GraphQL errors alongside the listings (" + errors + "); the listings were kept");
  }

  aj::Host host_;
  aj::Http http_;
  std::string base_, country_, csrf_setting_, user_agent_;
  bool descriptions_ = false, easy_apply_ = false;
  int64_t max_pages_ = glassdoor::kMaxPages;
  std::map<std::string, std::string> tokens_;                              // per site, for the instance's life
  std::map<std::string, std::optional<glassdoor::Place>> places_;          // per site and place
};

AJ_PLUGIN(Glassdoor)
