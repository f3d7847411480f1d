// lever: the public Lever Postings API of the companies you list.
//   GET {base_url}/v0/postings/{site}?mode=json&skip=N&limit=100   a flat JSON array per page
// Keyless. Lever's own filters (location, commitment, team, department, level)
// match each company's free-text labels exactly, so none maps honestly onto a
// query: each board is read once per run (page by page, as queries need it) and
// ajhost filters it for every query (see ats_board.hpp).
#include "ats_board.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <string>

namespace {

constexpr int64_t kPageSize = 100;  // Lever's `limit`
constexpr int64_t kMaxPages = 50;   // 5,000 postings: more than any one company lists

// Rich text of a posting field: the HTML version read as text, else the plain one.
std::string text_of(const boost::json::value& job, std::string_view html_key, std::string_view plain_key) {
  std::string html = ajsrc::str(job, html_key);
  return html.empty() ? ajsrc::trim(ajsrc::str(job, plain_key)) : ajsrc::html_to_text(html);
}

// The description as the posting page shows it: the description (opening and
// body), each list ("Requirements", "Benefits": <li> items) under its heading,
// then the closing ("additional").
std::string description(const boost::json::value& job) {
  std::string out = text_of(job, "description", "descriptionPlain");
  auto add = [&](const std::string& part) {
    if (!part.empty()) (out += out.empty() ? "" : "\n") += part;
  };
  if (const auto* lists = ajsrc::array(job, "lists"))
    for (const auto& l : *lists) {
      add(ajsrc::trim(ajsrc::str(l, "text")));
      add(ajsrc::html_to_text("<ul>" + ajsrc::str(l, "content") + "</ul>"));
    }
  add(text_of(job, "additional", "additionalPlain"));
  return out;
}

void read_pay(const boost::json::value& job, ats::Posting& p) {
  const auto* range = ajsrc::at(job, "salaryRange");
  if (!range || !range->is_object()) return;
  auto min = ajsrc::num(*range, "min"), max = ajsrc::num(*range, "max");
  if (!min && !max) return;
  if (min) p.number(AJ_F_MIN_AMOUNT, *min);
  if (max) p.number(AJ_F_MAX_AMOUNT, *max);
  p.text(AJ_F_CURRENCY, ajsrc::str(*range, "currency"));
  p.text(AJ_F_INTERVAL, ats::pay_interval(ajsrc::str(*range, "interval")));
  p.text(AJ_F_SALARY_SOURCE, "direct_data");
}

void read_categories(const boost::json::value& job, ats::Posting& p) {
  std::string location = ajsrc::trim(ajsrc::str(job, "categories.location"));
  p.text(AJ_F_LOCATION, location);
  auto place = ats::place_of(location);
  p.text(AJ_F_CITY, place.city);
  p.text(AJ_F_STATE, place.state);
  std::string country = ajsrc::str(job, "country");  // ISO 3166-1 alpha-2
  p.text(AJ_F_COUNTRY, country.empty() ? place.country : country);
  if (const auto* all = ajsrc::array(job, "categories.allLocations"); all && all->size() > 1) {
    std::string joined;
    for (const auto& l : *all) joined += (joined.empty() ? "" : "; ") + ajsrc::str(&l);
    p.extra("all_locations", joined);
  }
  std::string commitment = ajsrc::trim(ajsrc::str(job, "categories.commitment"));
  std::string type = ajsrc::job_type(commitment);
  p.text(AJ_F_JOB_TYPE, type);
  if (type.empty()) p.extra("commitment", commitment);  // a label of the company's own ("Residency")
  // The department is the broad function ("Engineering"); the team a part of it.
  std::string department = ajsrc::trim(ajsrc::str(job, "categories.department"));
  std::string team = ajsrc::trim(ajsrc::str(job, "categories.team"));
  p.text(AJ_F_JOB_FUNCTION, department.empty() ? team : department);
  if (!department.empty() && team != department) p.extra("team", team);
}

// One posting; nullopt when it has no id or title.
std::optional<ats::Posting> read_posting(const boost::json::value& job, const std::string& company) {
  std::string id = ajsrc::str(job, "id"), title = ajsrc::trim(ajsrc::str(job, "text"));
  if (id.empty() || title.empty()) return std::nullopt;
  ats::Posting p;
  p.text(AJ_F_ID, id);
  p.text(AJ_F_SITE, "lever");
  p.text(AJ_F_ATS, "lever");
  p.text(AJ_F_TITLE, title);
  p.text(AJ_F_COMPANY, company);
  p.text(AJ_F_JOB_URL, ajsrc::str(job, "hostedUrl"));
  p.text(AJ_F_JOB_URL_DIRECT, ajsrc::str(job, "applyUrl"));
  if (auto created = ajsrc::to_int64(ajsrc::num(job, "createdAt"))) p.text(AJ_F_DATE_POSTED, ajsrc::iso_date_from_ms(*created));
  read_categories(job, p);
  std::string arrangement = ats::work_arrangement(ajsrc::str(job, "workplaceType"));  // "unspecified" -> ""
  p.text(AJ_F_WORK_ARRANGEMENT, arrangement);
  if (!arrangement.empty()) p.flag(AJ_F_IS_REMOTE, arrangement == "remote");
  read_pay(job, p);
  p.text(AJ_F_DESCRIPTION, description(job));
  return p;
}

class Lever final : public aj::Source {
 public:
  static constexpr const char* name = "lever";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Public Lever postings of the companies you list (keyless JSON)";
  static constexpr aj_config_key config[] = {
      aj::key("companies", AJ_CFG_STRING_LIST, nullptr, true,
              "Lever site names: the name in jobs.lever.co/<site>, e.g. [leverdemo]"),
      aj::key("company_names", AJ_CFG_MAP, nullptr, false,
              "display names by site, e.g. {leverdemo: \"Lever Demo\"}; default: the site name"),
      aj::key("base_url", AJ_CFG_STRING, "\"https://api.lever.co\"", false,
              "the Postings API (companies on Lever's EU instance: https://api.eu.lever.co)"),
  };

  Lever(aj::Host host, const aj::Config& cfg)
      : host_(host),
        http_(host),
        companies_(ats::read_companies(cfg, "Lever site name")),
        base_(ats::read_base_url(cfg, "base_url", "https://api.lever.co")) {}

  // No search parameter is sent (see the top of this file): every key is ajhost's.
  void run(aj::Context& ctx, const aj::Config&) override {
    ctx.server_filters({}, "Lever's filters take each company's own labels verbatim; each board is read whole and ajhost filters it");
    boards_.emit_all(ctx, companies_, [&](const ats::Company& c, ats::Board& b) { read_page(ctx, c, b); });
  }

 private:
  // Reads the next page of `c`'s postings into `b`.
  void read_page(aj::Context& ctx, const ats::Company& c, ats::Board& b) {
    int64_t& page = pages_read_[c.token];
    std::string url = base_ + "/v0/postings/" + ats::path_segment(c.token);
    std::string what = "Lever site '" + c.token + "' (postings " + std::to_string(page * kPageSize) + "+)";
    aj::HttpResponse r = http_.get(
        ctx, url, {{"mode", "json"}, {"skip", std::to_string(page * kPageSize)}, {"limit", std::to_string(kPageSize)}});
    if (r.ok() && r.status() == 404)
      throw aj::Error("Lever site '" + c.token + "': not found (HTTP 404 from " + url +
                      "); check the name in `companies` (the part after jobs.lever.co/); a company on Lever's EU "
                      "instance needs base_url: https://api.eu.lever.co");
    ajsrc::expect_ok(r, what);
    boost::json::value doc = ajsrc::parse_json(r.body(), what + " at " + url);
    if (!doc.is_array())
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " at " + url + ": expected a JSON array of postings; the API may have changed" +
                                (ajsrc::str(doc, "error").empty() ? "" : " (it says: " + ajsrc::str(doc, "error") + ")"));
    const auto& items = doc.as_array();
    ++page;
    std::string company = c.name.empty() ? c.token : c.name;
    size_t before = b.postings.size();
    for (const auto& job : items)
      if (auto p = read_posting(job, company)) b.postings.push_back(std::move(*p));
    if (!items.empty() && b.postings.size() == before)
      throw aj::SourceError(aj::Outcome::layout_changed, what + " at " + url + ": " + std::to_string(items.size()) +
                                                             " postings, none with an id and a text (title); the API may have changed");
    // A short page is the last; stop at the cap rather than page forever.
    if (static_cast<int64_t>(items.size()) < kPageSize) {
      b.complete = true;
    } else if (page >= kMaxPages) {
      b.complete = true;
      host_.warn("Lever site '" + c.token + "': stopped after " + std::to_string(kMaxPages * kPageSize) +
                 " postings (the page cap); the rest of the board is not read");
    }
  }

  aj::Host host_;
  aj::Http http_;
  std::vector<ats::Company> companies_;
  std::string base_;
  std::map<std::string, int64_t> pages_read_;
  ats::Boards boards_;
};

}  // namespace

AJ_PLUGIN(Lever)
