// workday: the public JSON behind Workday career sites ("CXS"; undocumented, keyless;
// facts in ../shared/realdata/PROTOCOLS.md), for the career sites you list:
//   POST {host}/wday/cxs/{tenant}/{site}/jobs  {"appliedFacets":{},"limit":20,"offset":N,"searchText":TERM}
//   GET  {host}/wday/cxs/{tenant}/{site}{externalPath}   one posting: jobPostingInfo + hiringOrganization
// Workday searches the term itself (searchText), so each term reads its own list;
// a posting's detail is read once per run whichever terms find it.
#include "ats_fetch.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

constexpr int64_t kPageSize = 20;    // what Workday's own site asks for
constexpr int64_t kMaxTotal = 2000;  // Workday counts and lists at most this many postings of a search
constexpr size_t kDetailBatch = 10;  // details asked at once before their postings are emitted

bool valid_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

// en, en-US, fr_CA: the language part of a career-site URL.
bool is_locale(std::string_view s) {
  auto alpha = [](std::string_view p) {
    return std::all_of(p.begin(), p.end(), [](unsigned char c) { return std::isalpha(c); });
  };
  if (s.size() == 2) return alpha(s);
  return s.size() == 5 && (s[2] == '-' || s[2] == '_') && alpha(s.substr(0, 2)) && alpha(s.substr(3));
}

struct Url {
  std::string origin;  // scheme://host[:port]
  std::string host;    // lower-cased, no port
  std::vector<std::string> path;
};

std::optional<Url> split_url(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::string s = ajsrc::lower(url.substr(0, scheme));
  if (s != "http" && s != "https") return std::nullopt;
  auto end = url.find_first_of("/?#", scheme + 3);
  Url u;
  u.origin = std::string(url.substr(0, end));
  std::string_view authority = url.substr(scheme + 3, end == std::string_view::npos ? std::string_view::npos : end - scheme - 3);
  if (authority.empty()) return std::nullopt;
  u.host = ajsrc::lower(authority.substr(0, authority.find(':')));
  if (end != std::string_view::npos && url[end] == '/') {
    std::string_view path = url.substr(end);
    path = path.substr(0, path.find_first_of("?#"));
    u.path = ajsrc::split(path, '/');
  }
  return u;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// One career site: where its CXS API is, and where its job pages are.
struct Site {
  std::string label;       // how messages name it: the URL, or the key under boards
  std::string origin;      // scheme://host[:port]
  std::string tenant, site;
  std::string career_url;  // a job's page is career_url + externalPath
  std::string company;     // the name used when a posting's detail gives none
  std::string api() const { return origin + "/wday/cxs/" + tenant + "/" + site; }
};

std::string join(const std::string& origin, const std::vector<std::string>& parts) {
  std::string out = origin;
  for (const auto& p : parts) out += "/" + p;
  return out;
}

// Tenant and site from a career-site URL, in the three shapes Workday uses.
std::optional<Site> site_from_url(const std::string& url) {
  auto u = split_url(url);
  if (!u) return std::nullopt;
  Site s;
  s.label = url;
  s.origin = u->origin;
  std::vector<std::string> p = u->path;
  std::vector<std::string> locale;
  if (!p.empty() && is_locale(p.front())) {
    locale.push_back(p.front());
    p.erase(p.begin());
  }
  if (p.size() >= 4 && p[0] == "wday" && p[1] == "cxs") {
    // The API itself: {host}/wday/cxs/{tenant}/{site}
    s.tenant = p[2];
    s.site = p[3];
    s.career_url = join(s.origin, {s.site});
  } else if (ends_with(u->host, ".myworkdaysite.com") && p.size() >= 3 && p[0] == "recruiting") {
    // https://wd3.myworkdaysite.com/en-US/recruiting/{tenant}/{site}
    s.tenant = p[1];
    s.site = p[2];
    locale.insert(locale.end(), {"recruiting", s.tenant, s.site});
    s.career_url = join(s.origin, locale);
  } else if (u->host.find(".myworkdayjobs.com") != std::string::npos && !p.empty()) {
    // https://{tenant}.wd5.myworkdayjobs.com/en-US/{site}
    s.tenant = u->host.substr(0, u->host.find('.'));
    s.site = p[0];
    locale.push_back(s.site);
    s.career_url = join(s.origin, locale);
  } else {
    return std::nullopt;
  }
  s.company = s.tenant;
  return s;
}

// Workday's location text, or nothing for the list's "3 Locations".
bool names_a_place(std::string_view text) {
  std::string t = ajsrc::lower(ajsrc::trim(text));
  if (t.empty()) return false;
  size_t i = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  return !(i > 0 && (t.substr(i) == " locations" || t.substr(i) == " location"));
}

// remote | hybrid | onsite from remoteType ("Fully Remote", "Hybrid", "On-site", "Flexible").
std::string arrangement(std::string_view remote_type) {
  std::string t = ajsrc::lower(remote_type);
  if (t.find("remote") != std::string::npos) return "remote";
  if (t.find("hybrid") != std::string::npos || t.find("flex") != std::string::npos) return "hybrid";
  if (t.find("site") != std::string::npos || t.find("office") != std::string::npos) return "onsite";
  return "";
}

// One search of one site as read so far (a query reads on when it needs more).
struct Listing {
  std::vector<boost::json::value> postings;
  std::set<std::string> paths;  // to notice a page that only repeats earlier ones
  int64_t next_offset = 0;
  int64_t total = -1;  // from the first page: later pages say 0
  bool complete = false;
};

}  // namespace

class Workday final : public aj::Source {
 public:
  static constexpr const char* name = "workday";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Postings of the Workday career sites you list (their public JSON, no account)";
  static constexpr aj_config_key config[] = {
      aj::key("companies", AJ_CFG_STRING_LIST, nullptr, false,
              "career-site URLs, e.g. [\"https://acme.wd5.myworkdayjobs.com/en-US/External\"]; tenant and site "
              "are read from them"),
      aj::key("boards", AJ_CFG_MAP, nullptr, false,
              "career sites given by parts, for hosts that do not name them: { acme: { url: \"https://jobs.acme.com\", "
              "tenant: acme, site: External, company: \"Acme\" } }"),
      aj::key("fetch_descriptions", AJ_CFG_BOOL, "true", false,
              "also read each posting: description, exact location, date, time type, company name"),
  };

  Workday(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    for (auto c : cfg.list("companies")) {
      auto s = site_from_url(std::string(c));
      if (!s || !valid_name(s->tenant) || !valid_name(s->site))
        throw aj::ConfigError("companies: cannot read a Workday tenant and site from \"" + std::string(c) +
                              "\"; write the career site's URL (https://TENANT.wdN.myworkdayjobs.com/en-US/SITE), "
                              "or give its parts under boards: { NAME: { url, tenant, site } }");
      sites_.push_back(std::move(*s));
    }
    read_boards(cfg);
    if (sites_.empty())
      throw aj::ConfigError("list at least one career site under companies (its URL) or boards (its parts)");
    descriptions_ = cfg.boolean("fetch_descriptions").value_or(true);
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    auto s = ajsrc::Search::from(query);
    ctx.server_filters({"term"}, "Workday searches the term (searchText); ajhost applies the other filters");
    size_t batch = s.results_wanted > 0 ? std::min<size_t>(kDetailBatch, static_cast<size_t>(s.results_wanted))
                                        : kDetailBatch;
    ats::QueryState st;
    for (const auto& site : sites_)
      if (!emit_site(ctx, site, s.term, batch, st)) break;
    if (details_refused_ && !st.detail_failure && st.emitted > 0) details_refused_->report(ctx);
    st.finish(ctx);
  }

 private:
  void read_boards(const aj::Config& cfg) {
    auto text = cfg.json("boards");
    if (!text || text->empty() || *text == "null") return;
    boost::system::error_code ec;
    auto v = boost::json::parse(boost::json::string_view(text->data(), text->size()), ec);
    if (ec || !v.is_object()) throw aj::ConfigError("boards: expected a mapping of names to { url, tenant, site }");
    for (const auto& [key, entry] : v.as_object()) {
      std::string where = "boards." + std::string(key);
      std::string url = ajsrc::str(entry, "url");
      while (!url.empty() && url.back() == '/') url.pop_back();
      auto u = split_url(url);
      if (!entry.is_object() || !u)
        throw aj::ConfigError(where + ": expected { url: \"https://...\", tenant: NAME, site: NAME }");
      Site s = site_from_url(url).value_or(Site{});
      s.label = std::string(key);
      s.origin = u->origin;
      if (auto t = ajsrc::str(entry, "tenant"); !t.empty()) s.tenant = t;
      if (auto x = ajsrc::str(entry, "site"); !x.empty()) s.site = x;
      if (!valid_name(s.tenant) || !valid_name(s.site))
        throw aj::ConfigError(where + ": give tenant and site (letters, digits, - _ .), e.g. { url: \"" + url +
                              "\", tenant: acme, site: External }");
      // Job pages: the URL as given when it has a path (a locale, say), else {url}/{site}.
      s.career_url = u->path.empty() ? u->origin + "/" + s.site : url.substr(0, url.find_first_of("?#"));
      s.company = ajsrc::str(entry, "company");
      if (s.company.empty()) s.company = s.tenant;
      sites_.push_back(std::move(s));
    }
  }

  // Emits the site's postings for the term; false once the query wants no more.
  bool emit_site(aj::Context& ctx, const Site& site, const std::string& term, size_t batch, ats::QueryState& st) {
    Listing& l = listings_[site.api() + '\n' + term];
    for (size_t i = 0;;) {
      if (ctx.cancelled()) return false;
      if (i >= l.postings.size()) {
        if (l.complete) return true;
        try {
          load_page(ctx, site, term, l);
        } catch (const aj::SourceError& e) {
          st.list_failed(ats::Failure::of(e));
          return true;  // the other sites go on
        } catch (const aj::Error& e) {
          if (e.status() == AJ_CANCELLED) throw;
          st.list_failed(ats::Failure::of(e));
          return true;
        }
        continue;
      }
      size_t end = std::min(l.postings.size(), i + batch);
      if (descriptions_) read_details(ctx, site, l, i, end, st);
      for (; i < end; ++i)
        if (!emit_posting(ctx, site, l.postings[i], st)) return false;
      ctx.progress(st.emitted);
    }
  }

  // The next 20 postings of the search (throws SourceError / Error when they cannot be read).
  void load_page(aj::Context& ctx, const Site& site, const std::string& term, Listing& l) {
    // All four keys are needed: Workday answers 422 to a body without them.
    boost::json::object body;
    body["appliedFacets"] = boost::json::object();
    body["limit"] = kPageSize;
    body["offset"] = l.next_offset;
    body["searchText"] = term;
    aj::HttpRequest req;
    req.method = "POST";
    req.url = site.api() + "/jobs";
    req.headers = {{"Accept", "application/json"}};
    req.json(boost::json::serialize(body));
    std::string what = "Workday jobs of " + site.label + " (offset " + std::to_string(l.next_offset) + ")";
    auto r = http_.fetch(ctx, req);
    if (r.ok() && r.status() == 422)
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " (" + req.url +
                                "): HTTP 422, Workday rejected the search body {appliedFacets, limit, offset, "
                                "searchText}; its API may have changed what it expects (update the workday plugin)");
    if (r.ok() && r.status() == 404)
      throw aj::Error(what + ": HTTP 404 at " + req.url + ": no such Workday site; check the tenant (" + site.tenant +
                      ") and site (" + site.site + ") against the career site's URL");
    ajsrc::expect_ok(r, what);
    auto v = ajsrc::parse_json(r.body(), what);
    const auto* postings = ajsrc::array(v, "jobPostings");
    auto total = ajsrc::to_int64(ajsrc::num(v, "total"));
    if (!v.is_object() || (!postings && !total))
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " (" + req.url +
                                "): expected {total, jobPostings[]}; Workday may have changed its API (update the "
                                "workday plugin)");
    // Workday gives the real total on the first page only; later pages say 0.
    if (l.next_offset == 0 && total) {
      l.total = *total;
      if (l.total >= kMaxTotal)
        host_.warn("Workday site " + site.label + " counts " + std::to_string(l.total) + " postings for \"" + term +
                   "\" but lists at most " + std::to_string(kMaxTotal) +
                   " of a search: the rest cannot be read; a more specific term narrows it");
    }
    size_t n = postings ? postings->size() : 0, fresh = 0;
    if (postings)
      for (const auto& p : *postings) {
        std::string path = ajsrc::str(p, "externalPath");
        if (path.empty() || !l.paths.insert(path).second) continue;
        l.postings.push_back(p);
        ++fresh;
      }
    l.next_offset += static_cast<int64_t>(n);
    bool past_total = l.total >= 0 && l.next_offset >= l.total;
    if (n == 0 || n < static_cast<size_t>(kPageSize) || past_total || l.next_offset >= kMaxTotal) {
      l.complete = true;
    } else if (fresh == 0) {
      l.complete = true;  // Workday ignored the offset: asking on would loop
      host_.warn(what + ": the page repeats postings already read (the site ignores the offset?); paging stops");
    }
  }

  // Reads the details of postings [from, to) that are not known yet, all at once.
  void read_details(aj::Context& ctx, const Site& site, const Listing& l, size_t from, size_t to, ats::QueryState& st) {
    std::vector<std::string> keys;
    std::vector<aj::HttpRequest> requests;
    for (size_t k = from; k < to; ++k) {
      std::string key = site.api() + ajsrc::str(l.postings[k], "externalPath");
      if (details_.count(key) || gone_.count(key)) continue;
      aj::HttpRequest req;
      req.url = key;
      req.headers = {{"Accept", "application/json"}};
      requests.push_back(std::move(req));
      keys.push_back(std::move(key));
    }
    if (requests.empty()) return;
    auto answers = ats::fetch_all(http_, ctx, requests);
    st.details_asked += answers.size();
    for (size_t i = 0; i < answers.size(); ++i) read_detail(keys[i], answers[i], st);
  }

  void read_detail(const std::string& key, const aj::HttpResponse& r, ats::QueryState& st) {
    std::string what = "Workday posting " + key;
    if (ats::gone(r)) {
      gone_.insert(key);  // closed since the list was read: not stored
      host_.info(what + " is gone (HTTP " + std::to_string(r.status()) + "); skipped");
      return;
    }
    try {
      ajsrc::expect_ok(r, what);
      auto v = ajsrc::parse_json(r.body(), what);
      const auto* info = ajsrc::at(v, "jobPostingInfo");
      if (!info || !info->is_object())
        throw aj::SourceError(aj::Outcome::layout_changed,
                              what + ": expected {jobPostingInfo:{...}}; Workday may have changed its API");
      details_.emplace(key, std::move(v));
    } catch (const aj::SourceError& e) {
      st.detail_failed(ats::Failure::of(e));
      if (e.outcome() == aj::Outcome::blocked && descriptions_) {
        st.details_stopped = true;
        descriptions_ = false;  // asking on would only deepen the block; the lists still come
        details_refused_ = ats::Failure{aj::Outcome::blocked,
                                        std::string("no job descriptions are read this run: ") + e.what()};
        host_.warn(std::string(e.what()) + "; no more job details are read this run (the postings are still read, "
                                           "and stored without them)");
      }
    } catch (const aj::Error& e) {
      if (e.status() == AJ_CANCELLED) throw;
      st.detail_failed(ats::Failure::of(e));
    }
  }

  bool emit_posting(aj::Context& ctx, const Site& site, const boost::json::value& item, ats::QueryState& st) {
    std::string path = ajsrc::str(item, "externalPath");
    std::string key = site.api() + path;
    if (gone_.count(key)) return true;
    auto d = details_.find(key);
    auto job = ctx.new_job();
    fill(job, site, item, d == details_.end() ? nullptr : &d->second);
    ++st.emitted;
    return ctx.emit(std::move(job));
  }

  static void fill(aj::Job& job, const Site& site, const boost::json::value& item, const boost::json::value* detail) {
    static const boost::json::value none;
    const boost::json::value& info = detail ? *ajsrc::at(*detail, "jobPostingInfo") : none;
    auto get = [&](std::string_view path) {
      std::string v = ajsrc::str(info, path);
      return v.empty() ? ajsrc::str(item, path) : v;
    };
    std::string path = ajsrc::str(item, "externalPath");
    // The last part of externalPath ("Software-Engineer_R-1042") names the posting within its
    // tenant whether or not the detail was read; the tenant makes it unique across sites.
    job.set(AJ_F_ID, site.tenant + ":" + path.substr(path.rfind('/') + 1));
    job.set(AJ_F_SITE, "workday");
    job.set(AJ_F_ATS, "workday");
    ats::set_text(job, AJ_F_TITLE, get("title"));
    std::string company = detail ? ajsrc::str(*detail, "hiringOrganization.name") : "";
    job.set(AJ_F_COMPANY, company.empty() ? site.company : company);
    std::string page = ajsrc::str(info, "externalUrl");
    job.set(AJ_F_JOB_URL, page.empty() ? site.career_url + path : page);
    job.set(AJ_F_COMPANY_URL, site.career_url);
    fill_place(job, info, item);
    std::string start = ajsrc::iso_date_prefix(ajsrc::str(info, "startDate"));
    ats::set_text(job, AJ_F_DATE_POSTED, start.empty() ? ajsrc::relative_date(get("postedOn"), std::time(nullptr)) : start);
    ats::set_text(job, AJ_F_JOB_TYPE, ajsrc::job_type(get("timeType")));
    if (auto a = arrangement(get("remoteType")); !a.empty()) {
      job.set(AJ_F_WORK_ARRANGEMENT, a);
      job.set(AJ_F_IS_REMOTE, a == "remote");
    }
    ats::set_text(job, AJ_F_DESCRIPTION, ajsrc::html_to_text(ajsrc::str(info, "jobDescription")));
    std::string req = ajsrc::str(info, "jobReqId");
    if (req.empty()) req = ajsrc::str(item, "bulletFields.0");
    if (!req.empty()) job.set_extra("requisition_id", req);
  }

  // The detail's location and additional locations, else the list's text (unless it only
  // counts them: "3 Locations").
  static void fill_place(aj::Job& job, const boost::json::value& info, const boost::json::value& item) {
    std::string primary = ajsrc::str(info, "location");
    std::string shown = primary;
    if (const auto* more = ajsrc::array(info, "additionalLocations"))
      for (const auto& m : *more)
        if (auto t = ajsrc::str(&m); !t.empty()) shown += "; " + t;
    if (primary.empty()) {
      primary = ajsrc::str(item, "locationsText");
      shown = names_a_place(primary) ? primary : "";
      if (shown.empty()) primary.clear();
    }
    ats::set_text(job, AJ_F_LOCATION, shown);
    // "Toronto, ON" style texts split into city and state; others ("Canada - Toronto") are left whole.
    if (primary.find(',') != std::string::npos) {
      auto place = ajsrc::split_place(primary);
      ats::set_text(job, AJ_F_CITY, place.city);
      ats::set_text(job, AJ_F_STATE, place.state);
      ats::set_text(job, AJ_F_COUNTRY, place.country);
    }
    ats::set_text(job, AJ_F_COUNTRY, ajsrc::str(info, "country.descriptor"));
  }

  aj::Host host_;
  aj::Http http_;
  std::vector<Site> sites_;
  bool descriptions_ = true;
  std::map<std::string, Listing> listings_;            // api + '\n' + term -> its postings so far
  std::map<std::string, boost::json::value> details_;  // api + externalPath -> the posting's detail
  std::set<std::string> gone_;                         // postings whose detail answered 404/410
  std::optional<ats::Failure> details_refused_;        // why details stopped being read this run
};

AJ_PLUGIN(Workday)
