// ashby: the public Ashby job boards of the organisations you list.
//   GET {base_url}/posting-api/job-board/{org}?includeCompensation=true   {apiVersion, jobs: [...]}, no paging
// Keyless and searchless: each board is read once per run and ajhost filters it
// for every query (see ats_board.hpp). Ashby answers an unknown board with an
// empty list, not a 404, so an empty board is logged as possibly misspelt.
#include "ats_board.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <string>

namespace {

std::string lower_alnum(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The salary range over all compensation tiers: the lowest minimum and highest
// maximum of the "Salary" components that share the first one's currency and
// interval (equity and bonus components are not pay ranges).
void read_pay(const boost::json::value& job, ats::Posting& p) {
  const auto* tiers = ajsrc::array(job, "compensation.compensationTiers");
  if (!tiers) return;
  std::optional<double> lo, hi;
  std::string currency, interval;
  bool first = true;
  for (const auto& tier : *tiers) {
    const auto* parts = ajsrc::array(tier, "components");
    if (!parts) continue;
    for (const auto& c : *parts) {
      if (lower_alnum(ajsrc::str(c, "compensationType")) != "salary") continue;
      std::string cur = ajsrc::str(c, "currencyCode"), iv = ajsrc::str(c, "interval");
      if (first) {
        currency = cur;
        interval = iv;
        first = false;
      } else if (cur != currency || iv != interval) {
        continue;
      }
      if (auto v = ajsrc::num(c, "minValue"); v && (!lo || *v < *lo)) lo = v;
      if (auto v = ajsrc::num(c, "maxValue"); v && (!hi || *v > *hi)) hi = v;
    }
  }
  if (!lo && !hi) return;
  if (lo) p.number(AJ_F_MIN_AMOUNT, *lo);
  if (hi) p.number(AJ_F_MAX_AMOUNT, *hi);
  p.text(AJ_F_CURRENCY, currency);
  p.text(AJ_F_INTERVAL, ats::pay_interval(interval));
  p.text(AJ_F_SALARY_SOURCE, "direct_data");
}

// A location entry: {location, address} (or plain text).
std::string location_name(const boost::json::value& v) {
  return ajsrc::trim(v.is_string() ? ajsrc::str(&v) : ajsrc::str(v, "location"));
}

void read_place(const boost::json::value& job, ats::Posting& p) {
  std::string location = ajsrc::trim(ajsrc::str(job, "location"));
  p.text(AJ_F_LOCATION, location);
  // The structured address when the board gives one, else the location text.
  std::string city = ajsrc::trim(ajsrc::str(job, "address.postalAddress.addressLocality"));
  std::string state = ajsrc::trim(ajsrc::str(job, "address.postalAddress.addressRegion"));
  std::string country = ajsrc::trim(ajsrc::str(job, "address.postalAddress.addressCountry"));
  if (city.empty() && state.empty() && country.empty()) {
    auto place = ats::place_of(location);
    city = place.city, state = place.state, country = place.country;
  }
  p.text(AJ_F_CITY, city);
  p.text(AJ_F_STATE, state);
  p.text(AJ_F_COUNTRY, country);
  if (const auto* more = ajsrc::array(job, "secondaryLocations")) {
    std::string joined;
    for (const auto& l : *more)
      if (std::string n = location_name(l); !n.empty()) joined += (joined.empty() ? "" : "; ") + n;
    p.extra("secondary_locations", joined);
  }
  std::string arrangement = ats::work_arrangement(ajsrc::str(job, "workplaceType"));
  auto remote = ajsrc::boolean(ajsrc::at(job, "isRemote"));
  if (arrangement.empty() && remote && *remote) arrangement = "remote";
  p.text(AJ_F_WORK_ARRANGEMENT, arrangement);
  if (remote) p.flag(AJ_F_IS_REMOTE, *remote);
  else if (!arrangement.empty()) p.flag(AJ_F_IS_REMOTE, arrangement == "remote");
}

// One posting; nullopt when it has no id or title.
std::optional<ats::Posting> read_job(const boost::json::value& job, const std::string& company) {
  std::string id = ajsrc::str(job, "id"), title = ajsrc::trim(ajsrc::str(job, "title"));
  if (id.empty() || title.empty()) return std::nullopt;
  ats::Posting p;
  p.text(AJ_F_ID, id);
  p.text(AJ_F_SITE, "ashby");
  p.text(AJ_F_ATS, "ashby");
  p.text(AJ_F_TITLE, title);
  p.text(AJ_F_COMPANY, company);
  p.text(AJ_F_JOB_URL, ajsrc::str(job, "jobUrl"));
  p.text(AJ_F_JOB_URL_DIRECT, ajsrc::str(job, "applyUrl"));
  p.text(AJ_F_DATE_POSTED, ajsrc::iso_date_prefix(ajsrc::str(job, "publishedAt")));
  std::string department = ajsrc::trim(ajsrc::str(job, "department"));
  std::string team = ajsrc::trim(ajsrc::str(job, "team"));
  p.text(AJ_F_JOB_FUNCTION, department.empty() ? team : department);
  if (!department.empty() && team != department) p.extra("team", team);
  p.text(AJ_F_JOB_TYPE, ajsrc::job_type(ajsrc::str(job, "employmentType")));
  read_place(job, p);
  read_pay(job, p);
  p.extra("compensation", ajsrc::trim(ajsrc::str(job, "compensation.compensationTierSummary")));
  std::string html = ajsrc::str(job, "descriptionHtml");
  p.text(AJ_F_DESCRIPTION, html.empty() ? ajsrc::trim(ajsrc::str(job, "descriptionPlain")) : ajsrc::html_to_text(html));
  return p;
}

class Ashby final : public aj::Source {
 public:
  static constexpr const char* name = "ashby";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Public Ashby job boards of the organisations you list (keyless JSON)";
  static constexpr aj_config_key config[] = {
      aj::key("companies", AJ_CFG_STRING_LIST, nullptr, true,
              "Ashby job board names: the name in jobs.ashbyhq.com/<name>, e.g. [ashby]"),
      aj::key("company_names", AJ_CFG_MAP, nullptr, false,
              "display names by board, e.g. {ashby: \"Ashby\"}; default: the board name"),
      aj::key("base_url", AJ_CFG_STRING, "\"https://api.ashbyhq.com\"", false, "the public posting API"),
  };

  Ashby(aj::Host host, const aj::Config& cfg)
      : host_(host),
        http_(host),
        companies_(ats::read_companies(cfg, "Ashby job board name")),
        base_(ats::read_base_url(cfg, "base_url", "https://api.ashbyhq.com")) {}

  // The board API takes no search parameters: every key of the query is ajhost's to apply.
  void run(aj::Context& ctx, const aj::Config&) override {
    ctx.server_filters({}, "Ashby's board API has no search; each board is read whole and ajhost filters it");
    boards_.emit_all(ctx, companies_, [&](const ats::Company& c, ats::Board& b) { read_board(ctx, c, b); });
  }

 private:
  void read_board(aj::Context& ctx, const ats::Company& c, ats::Board& b) {
    std::string url = base_ + "/posting-api/job-board/" + ats::path_segment(c.token);
    std::string what = "Ashby job board '" + c.token + "'";
    aj::HttpResponse r = http_.get(ctx, url, {{"includeCompensation", "true"}});
    if (r.ok() && r.status() == 404)
      throw aj::Error(what + ": not found (HTTP 404 from " + url +
                      "); check the name in `companies` (the part after jobs.ashbyhq.com/)");
    ajsrc::expect_ok(r, what);
    boost::json::value doc = ajsrc::parse_json(r.body(), what);
    const boost::json::array* jobs = ajsrc::array(doc, "jobs");
    if (!jobs)
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " at " + url + ": expected {\"apiVersion\", \"jobs\": [...]}; the API may have changed");
    b.complete = true;
    if (jobs->empty()) {
      host_.warn(what + " lists no jobs. Ashby answers the same for a board that does not exist: if this is "
                        "unexpected, check the name in `companies` (the part after jobs.ashbyhq.com/)");
      return;
    }
    std::string company = c.name.empty() ? c.token : c.name;
    size_t unlisted = 0;
    for (const auto& job : *jobs) {
      if (auto listed = ajsrc::boolean(ajsrc::at(job, "isListed")); listed && !*listed) {
        ++unlisted;  // hidden from the board's page: not open to applicants there
      } else if (auto p = read_job(job, company)) {
        b.postings.push_back(std::move(*p));
      }
    }
    if (b.postings.empty() && unlisted < jobs->size())
      throw aj::SourceError(aj::Outcome::layout_changed, what + " at " + url + ": " + std::to_string(jobs->size()) +
                                                             " jobs, none with an id and a title; the API may have changed");
  }

  aj::Host host_;
  aj::Http http_;
  std::vector<ats::Company> companies_;
  std::string base_;
  ats::Boards boards_;
};

}  // namespace

AJ_PLUGIN(Ashby)
