// bamboohr: the public BambooHR careers sites of the companies you list
// (keyless JSON; facts in ../shared/realdata/PROTOCOLS.md):
//   GET {board}/careers/list         the whole board in one answer: {meta:{totalCount}, result:[...]}
//   GET {board}/careers/{id}/detail  one opening: {result:{jobOpening:{description, datePosted, ...}}}
// where {board} is board_url with the company filled in (https://acme.bamboohr.com).
// Nothing of the search reaches BambooHR, so each board (and each opening's
// detail) is read once per run and reused by every query.
#include "ats_fetch.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

constexpr size_t kDetailBatch = 10;  // details asked at once before their openings are emitted

bool valid_subdomain(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

std::string replace_all(std::string s, std::string_view what, std::string_view with) {
  for (size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + with.size())) s.replace(i, what.size(), with);
  return s;
}

// "1", "true", true: BambooHR's flags come as either.
bool truthy(const boost::json::value* v) {
  if (auto b = ajsrc::boolean(v)) return *b;
  std::string t = ajsrc::lower(ajsrc::str(v));
  return t == "1" || t == "true" || t == "yes";
}

// One company's board (the list is one answer, so it is read whole or not at all).
struct Board {
  std::string url;  // {board}: board_url with the company filled in
  std::vector<boost::json::value> openings;
  bool loaded = false;
};

// A place as BambooHR writes it: `location` is a company office {city, state, addressCountry},
// `atsLocation` a place typed in for the opening {city, state | province, country}.
struct Place {
  std::string city, state, country;
  bool empty() const { return city.empty() && state.empty() && country.empty(); }
  std::string shown() const {
    std::string out;
    for (const auto* p : {&city, &state, &country})
      if (!p->empty()) out += (out.empty() ? "" : ", ") + *p;
    return out;
  }
};

Place place_of(const boost::json::value& opening) {
  Place office{ajsrc::str(opening, "location.city"), ajsrc::str(opening, "location.state"),
               ajsrc::str(opening, "location.addressCountry")};
  if (!office.city.empty() || !office.state.empty()) return office;
  Place typed{ajsrc::str(opening, "atsLocation.city"), ajsrc::str(opening, "atsLocation.state"),
              ajsrc::str(opening, "atsLocation.country")};
  if (typed.state.empty()) typed.state = ajsrc::str(opening, "atsLocation.province");
  if (typed.country.empty()) typed.country = office.country;
  return typed;
}

std::string currency_of(std::string country) {
  country = ajsrc::lower(country);
  if (country == "canada" || country == "ca") return "CAD";
  if (country == "united kingdom" || country == "uk" || country == "gb") return "GBP";
  if (country == "australia" || country == "au") return "AUD";
  return "USD";
}

}  // namespace

class BambooHR final : public aj::Source {
 public:
  static constexpr const char* name = "bamboohr";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Public BambooHR careers sites of the companies you list (keyless JSON)";
  static constexpr aj_config_key config[] = {
      aj::key("companies", AJ_CFG_STRING_LIST, nullptr, true,
              "BambooHR subdomains: acme for https://acme.bamboohr.com/careers"),
      aj::key("board_url", AJ_CFG_STRING, "\"https://{company}.bamboohr.com\"", false,
              "where a company's careers site is; {company} is replaced by each name "
              "(tests: http://127.0.0.1:PORT/{company})"),
      aj::key("company_names", AJ_CFG_MAP, nullptr, false,
              "display names, e.g. { acme: \"Acme Inc.\" } (BambooHR's JSON does not name the company)"),
      aj::key("fetch_descriptions", AJ_CFG_BOOL, "true", false,
              "also read each opening (/careers/{id}/detail): description, date posted, compensation"),
  };

  BambooHR(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    board_url_ = cfg.str_or("board_url", "https://{company}.bamboohr.com");
    while (!board_url_.empty() && board_url_.back() == '/') board_url_.pop_back();
    if (board_url_.rfind("http://", 0) != 0 && board_url_.rfind("https://", 0) != 0)
      throw aj::ConfigError("board_url must start with http:// or https:// (got \"" + board_url_ + "\")");
    for (auto c : cfg.list("companies")) {
      if (!valid_subdomain(c))
        throw aj::ConfigError("companies: \"" + std::string(c) +
                              "\" is not a BambooHR subdomain (letters, digits and -); for "
                              "https://acme.bamboohr.com/careers write acme");
      companies_.emplace_back(c);
    }
    if (companies_.empty()) throw aj::ConfigError("companies: list at least one BambooHR subdomain, e.g. [acme]");
    if (companies_.size() > 1 && board_url_.find("{company}") == std::string::npos)
      throw aj::ConfigError("board_url \"" + board_url_ + "\" has no {company}, so every company would read the "
                            "same board; write it as https://{company}.bamboohr.com");
    read_names(cfg);
    descriptions_ = cfg.boolean("fetch_descriptions").value_or(true);
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    auto s = ajsrc::Search::from(query);
    ctx.server_filters({}, "BambooHR serves each company's whole board (read once per run); ajhost applies the search");
    size_t batch = s.results_wanted > 0 ? std::min<size_t>(kDetailBatch, static_cast<size_t>(s.results_wanted))
                                        : kDetailBatch;
    ats::QueryState st;
    for (const auto& company : companies_)
      if (!emit_company(ctx, company, batch, st)) break;
    if (details_refused_ && !st.detail_failure && st.emitted > 0) details_refused_->report(ctx);
    st.finish(ctx);
  }

 private:
  void read_names(const aj::Config& cfg) {
    auto text = cfg.json("company_names");
    if (!text || text->empty() || *text == "null") return;
    boost::system::error_code ec;
    auto v = boost::json::parse(boost::json::string_view(text->data(), text->size()), ec);
    if (ec || !v.is_object())
      throw aj::ConfigError("company_names: expected a mapping of subdomain to name, e.g. { acme: \"Acme Inc.\" }");
    for (const auto& [k, name] : v.as_object()) {
      std::string n = ajsrc::str(&name);
      if (n.empty()) throw aj::ConfigError("company_names." + std::string(k) + ": expected the company's name");
      names_[std::string(k)] = n;
    }
  }

  // Emits the company's openings; false once the query wants no more.
  bool emit_company(aj::Context& ctx, const std::string& company, size_t batch, ats::QueryState& st) {
    Board& b = boards_[company];
    if (!b.loaded) {
      try {
        load(ctx, company, b);
      } catch (const aj::SourceError& e) {
        st.list_failed(ats::Failure::of(e));
        return true;  // the other companies go on
      } catch (const aj::Error& e) {
        if (e.status() == AJ_CANCELLED) throw;
        st.list_failed(ats::Failure::of(e));
        return true;
      }
    }
    for (size_t i = 0; i < b.openings.size();) {
      if (ctx.cancelled()) return false;
      size_t end = std::min(b.openings.size(), i + batch);
      if (descriptions_) read_details(ctx, b, i, end, st);
      for (; i < end; ++i)
        if (!emit_opening(ctx, company, b, b.openings[i], st)) return false;
      ctx.progress(st.emitted);
    }
    return true;
  }

  // The whole board (throws SourceError / Error when it cannot be read).
  void load(aj::Context& ctx, const std::string& company, Board& b) {
    b.url = replace_all(board_url_, "{company}", company);
    aj::HttpRequest req;
    req.url = b.url + "/careers/list";
    req.headers = {{"Accept", "application/json"}};
    // An unknown or switched-off careers site redirects to BambooHR's home page: see it as such.
    req.flags = AJ_HTTP_NO_REDIRECT;
    std::string what = "BambooHR board " + company;
    auto r = http_.fetch(ctx, req);
    if (r.ok() && ((r.status() >= 300 && r.status() < 400) || r.status() == 404)) {
      std::string where = r.status() == 404 ? std::string("HTTP 404")
                                            : "it redirects to " + std::string(r.header("Location"));
      throw aj::Error(what + ": no careers site at " + req.url + " (" + where +
                      "); check the name: it is the subdomain of https://NAME.bamboohr.com/careers");
    }
    ajsrc::expect_ok(r, what);
    auto v = ajsrc::parse_json(r.body(), what);
    const auto* result = ajsrc::array(v, "result");
    if (!v.is_object() || !result)
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " at " + req.url +
                                ": expected an object with result[] (the openings); BambooHR may have changed its "
                                "careers site (update the bamboohr plugin)");
    for (const auto& o : *result)
      if (o.is_object() && !ajsrc::str(o, "id").empty()) b.openings.push_back(o);
    b.loaded = true;
    if (b.openings.empty()) host_.info(what + " has no openings (" + req.url + ")");
  }

  // Reads the details of openings [from, to) that are not known yet, all at once.
  void read_details(aj::Context& ctx, const Board& b, size_t from, size_t to, ats::QueryState& st) {
    std::vector<std::string> keys;
    std::vector<aj::HttpRequest> requests;
    for (size_t k = from; k < to; ++k) {
      std::string id = ajsrc::str(b.openings[k], "id");
      std::string key = b.url + "/careers/" + id;
      if (details_.count(key) || gone_.count(key)) continue;
      aj::HttpRequest req;
      req.url = key + "/detail";
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
    std::string what = "BambooHR opening " + key;
    if (ats::gone(r)) {
      gone_.insert(key);  // closed since the board was read: not stored
      host_.info(what + " is gone (HTTP " + std::to_string(r.status()) + "); skipped");
      return;
    }
    try {
      ajsrc::expect_ok(r, what);
      auto v = ajsrc::parse_json(r.body(), what);
      const auto* opening = ajsrc::at(v, "result.jobOpening");
      if (!opening || !opening->is_object())
        throw aj::SourceError(aj::Outcome::layout_changed,
                              what + "/detail: expected {result:{jobOpening:{...}}}; BambooHR may have changed it");
      details_.emplace(key, *opening);
    } catch (const aj::SourceError& e) {
      st.detail_failed(ats::Failure::of(e));
      if (e.outcome() == aj::Outcome::blocked && descriptions_) {
        st.details_stopped = true;
        descriptions_ = false;  // asking on would only deepen the block; the boards still come
        details_refused_ = ats::Failure{aj::Outcome::blocked,
                                        std::string("no job descriptions are read this run: ") + e.what()};
        host_.warn(std::string(e.what()) + "; no more job details are read this run (the openings are still read, "
                                           "and stored without them)");
      }
    } catch (const aj::Error& e) {
      if (e.status() == AJ_CANCELLED) throw;
      st.detail_failed(ats::Failure::of(e));
    }
  }

  bool emit_opening(aj::Context& ctx, const std::string& company, const Board& b, const boost::json::value& item,
                    ats::QueryState& st) {
    std::string id = ajsrc::str(item, "id");
    std::string page = b.url + "/careers/" + id;
    if (gone_.count(page)) return true;
    auto d = details_.find(page);
    const boost::json::value* detail = d == details_.end() ? nullptr : &d->second;
    auto job = ctx.new_job();
    // BambooHR's ids count up per company: the company makes them unique.
    job.set(AJ_F_ID, company + ":" + id);
    job.set(AJ_F_SITE, "bamboohr");
    job.set(AJ_F_ATS, "bamboohr");
    auto names = names_.find(company);
    job.set(AJ_F_COMPANY, names == names_.end() ? company : names->second);
    job.set(AJ_F_COMPANY_URL, b.url + "/careers");
    std::string share = detail ? ajsrc::str(*detail, "jobOpeningShareUrl") : "";
    job.set(AJ_F_JOB_URL, share.empty() ? page : share);
    if (!detail) {
      fill(job, item);
    } else {
      // The detail repeats the list's fields; where it is silent, the list's value stands.
      boost::json::value merged = item;
      for (const auto& [k, v] : detail->as_object())
        if (!v.is_null()) merged.as_object()[k] = v;
      fill(job, merged);
      fill_detail(job, *detail);
    }
    ++st.emitted;
    return ctx.emit(std::move(job));
  }

  // The fields the list and the detail share (the detail's, when it was read).
  static void fill(aj::Job& job, const boost::json::value& o) {
    ats::set_text(job, AJ_F_TITLE, ajsrc::str(o, "jobOpeningName"));
    ats::set_text(job, AJ_F_JOB_FUNCTION, ajsrc::str(o, "departmentLabel"));
    ats::set_text(job, AJ_F_JOB_TYPE, ajsrc::job_type(ajsrc::str(o, "employmentStatusLabel")));
    // locationType 0 / 1 / 2 = on-site / remote / hybrid: a mapping inferred by third-party
    // code from live boards, not documented by BambooHR (see README.md).
    std::string type = ajsrc::str(o, "locationType");
    bool remote = truthy(ajsrc::at(o, "isRemote")) || type == "1";
    Place place = place_of(o);
    std::string shown = place.shown();
    if (shown.empty() && remote) shown = "Remote";
    ats::set_text(job, AJ_F_LOCATION, shown);
    ats::set_text(job, AJ_F_CITY, place.city);
    ats::set_text(job, AJ_F_STATE, place.state);
    ats::set_text(job, AJ_F_COUNTRY, place.country);
    job.set(AJ_F_IS_REMOTE, remote);
    if (remote) job.set(AJ_F_WORK_ARRANGEMENT, "remote");
    else if (type == "2") job.set(AJ_F_WORK_ARRANGEMENT, "hybrid");
    else if (type == "0") job.set(AJ_F_WORK_ARRANGEMENT, "onsite");
  }

  static void fill_detail(aj::Job& job, const boost::json::value& o) {
    ats::set_text(job, AJ_F_DESCRIPTION, ajsrc::html_to_text(ajsrc::str(o, "description")));
    ats::set_text(job, AJ_F_DATE_POSTED, ajsrc::iso_date_prefix(ajsrc::str(o, "datePosted")));
    ats::set_text(job, AJ_F_JOB_LEVEL, ajsrc::str(o, "minimumExperience"));
    // Compensation is free text ("$80,000 - $95,000 per year") or null.
    std::string pay_text = ajsrc::trim(ajsrc::str(o, "compensation"));
    if (pay_text.empty()) return;
    job.set_extra("compensation", pay_text);
    auto pay = ajsrc::parse_pay(pay_text, currency_of(place_of(o).country));
    if (pay.empty()) return;
    if (pay.min) job.set(AJ_F_MIN_AMOUNT, *pay.min);
    if (pay.max) job.set(AJ_F_MAX_AMOUNT, *pay.max);
    ats::set_text(job, AJ_F_INTERVAL, pay.interval);
    ats::set_text(job, AJ_F_CURRENCY, pay.currency);
    job.set(AJ_F_SALARY_SOURCE, "direct_data");
  }

  aj::Host host_;
  aj::Http http_;
  std::string board_url_;
  std::vector<std::string> companies_;
  std::map<std::string, std::string> names_;  // subdomain -> display name
  bool descriptions_ = true;
  std::map<std::string, Board> boards_;                 // company -> its board
  std::map<std::string, boost::json::value> details_;  // {board}/careers/{id} -> its jobOpening
  std::set<std::string> gone_;                         // openings whose detail answered 404/410
  std::optional<ats::Failure> details_refused_;        // why details stopped being read this run
};

AJ_PLUGIN(BambooHR)
