// greenhouse: the public Greenhouse Job Board API of the companies you list.
//   GET {base_url}/v1/boards/{token}/jobs?content=true   every posting, one answer, no paging
//   GET {base_url}/v1/boards/{token}                     {name, content}: the company's name and intro
// Keyless and searchless: each board is read once per run and ajhost filters it
// for every query (see ats_board.hpp).
#include "ats_board.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <string>

namespace {

// The board's own name and introduction (GET /v1/boards/{token}).
struct BoardInfo {
  std::string name, description;
};

// `content` is HTML written as entities ("&lt;p&gt;..."): unescape, then read as HTML.
// Greenhouse's own docs example is escaped twice ("&amp;lt;p&amp;gt;"), so when
// one pass leaves no tag but still entity-written ones, unescape once more.
std::string description_text(std::string_view content) {
  std::string html = ajsrc::decode_entities(content);
  if (html.find('<') == std::string::npos && html.find("&lt;") != std::string::npos)
    html = ajsrc::decode_entities(html);
  return ajsrc::html_to_text(html);
}

// Names of a list of {name} objects ("departments", "offices"), joined.
std::string names_of(const boost::json::value& job, std::string_view key) {
  std::string out;
  if (const auto* list = ajsrc::array(job, key))
    for (const auto& d : *list)
      if (std::string n = ajsrc::trim(ajsrc::str(d, "name")); !n.empty()) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The country of the job's most specific office ("New York, NY, United States"),
// for locations that do not name one ("NYC").
std::string office_country(const boost::json::value& job) {
  const auto* offices = ajsrc::array(job, "offices");
  if (!offices) return "";
  std::string fallback;
  for (const auto& o : *offices) {
    auto parts = ajsrc::split(ajsrc::str(o, "location"), ',');
    if (parts.size() < 3) continue;
    const auto* kids = ajsrc::array(o, "child_ids");
    if (!kids || kids->empty()) return parts.back();  // a leaf office: the most specific
    if (fallback.empty()) fallback = parts.back();
  }
  return fallback;
}

// A metadata value as text (custom fields hold text, a list of choices, or a number).
std::string metadata_text(const boost::json::value* v) {
  if (v && v->is_array()) return v->as_array().empty() ? "" : ajsrc::str(&v->as_array()[0]);
  return ajsrc::str(v);
}

// Custom fields employers commonly add: the employment type and the workplace.
void read_metadata(const boost::json::value& job, ats::Posting& p) {
  const auto* meta = ajsrc::array(job, "metadata");
  if (!meta) return;
  for (const auto& m : *meta) {
    std::string name = ajsrc::lower(ajsrc::str(m, "name"));
    std::string value = metadata_text(ajsrc::at(m, "value"));
    if (value.empty()) continue;
    if (name.find("employment") != std::string::npos || name.find("job type") != std::string::npos ||
        name.find("time type") != std::string::npos) {
      p.text(AJ_F_JOB_TYPE, ajsrc::job_type(value));
    } else if (name.find("workplace") != std::string::npos || name.find("location type") != std::string::npos ||
               name.find("work arrangement") != std::string::npos) {
      p.text(AJ_F_WORK_ARRANGEMENT, ats::work_arrangement(value));
    }
  }
}

void read_place(const boost::json::value& job, ats::Posting& p) {
  std::string location = ajsrc::trim(ajsrc::str(job, "location.name"));
  p.text(AJ_F_LOCATION, location);
  auto place = ats::place_of(location);
  p.text(AJ_F_CITY, place.city);
  p.text(AJ_F_STATE, place.state);
  p.text(AJ_F_COUNTRY, place.country.empty() ? office_country(job) : place.country);
  p.extra("offices", names_of(job, "offices"));
  // Greenhouse has no remote flag: the employer's custom field, else the location's words.
  std::string arrangement = p.text_of(AJ_F_WORK_ARRANGEMENT);
  if (arrangement.empty()) {
    std::string l = ajsrc::lower(location);
    arrangement = l.find("hybrid") != std::string::npos ? "hybrid" : l.find("remote") != std::string::npos ? "remote" : "";
    p.text(AJ_F_WORK_ARRANGEMENT, arrangement);
  }
  if (!arrangement.empty()) p.flag(AJ_F_IS_REMOTE, arrangement == "remote");
}

// One posting of the list; nullopt when it has no id or title.
std::optional<ats::Posting> read_job(const boost::json::value& job, const std::string& company, const BoardInfo& info) {
  std::string id = ajsrc::str(job, "id"), title = ajsrc::trim(ajsrc::str(job, "title"));
  if (id.empty() || title.empty()) return std::nullopt;
  ats::Posting p;
  p.text(AJ_F_ID, id);
  p.text(AJ_F_SITE, "greenhouse");
  p.text(AJ_F_ATS, "greenhouse");
  p.text(AJ_F_TITLE, title);
  p.text(AJ_F_COMPANY, company);
  p.text(AJ_F_COMPANY_DESCRIPTION, info.description);
  std::string url = ajsrc::str(job, "absolute_url");
  p.text(AJ_F_JOB_URL, url);
  p.text(AJ_F_JOB_URL_DIRECT, url);  // the posting on the ATS, where one applies
  std::string published = ajsrc::str(job, "first_published");
  p.text(AJ_F_DATE_POSTED, ajsrc::iso_date_prefix(published.empty() ? ajsrc::str(job, "updated_at") : published));
  p.text(AJ_F_JOB_FUNCTION, names_of(job, "departments"));
  p.text(AJ_F_DESCRIPTION, description_text(ajsrc::str(job, "content")));
  p.text(AJ_F_LANGUAGE, ajsrc::str(job, "language"));
  read_metadata(job, p);
  read_place(job, p);
  p.extra("requisition_id", ajsrc::str(job, "requisition_id"));
  return p;
}

class Greenhouse final : public aj::Source {
 public:
  static constexpr const char* name = "greenhouse";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Public Greenhouse job boards of the companies you list (keyless JSON)";
  static constexpr aj_config_key config[] = {
      aj::key("companies", AJ_CFG_STRING_LIST, nullptr, true,
              "board tokens: the name in boards.greenhouse.io/<token>, e.g. [airbnb, stripe]"),
      aj::key("company_names", AJ_CFG_MAP, nullptr, false,
              "display names by token, e.g. {acme: \"Acme Inc\"}; default: the board's own name"),
      aj::key("base_url", AJ_CFG_STRING, "\"https://boards-api.greenhouse.io\"", false, "the Job Board API"),
  };

  Greenhouse(aj::Host host, const aj::Config& cfg)
      : host_(host),
        http_(host),
        companies_(ats::read_companies(cfg, "Greenhouse board token")),
        base_(ats::read_base_url(cfg, "base_url", "https://boards-api.greenhouse.io")) {}

  // The board API takes no search parameters: every key of the query is ajhost's to apply.
  void run(aj::Context& ctx, const aj::Config&) override {
    ctx.server_filters({}, "Greenhouse's board API has no search; each board is read whole and ajhost filters it");
    boards_.emit_all(ctx, companies_, [&](const ats::Company& c, ats::Board& b) { read_board(ctx, c, b); });
  }

 private:
  void read_board(aj::Context& ctx, const ats::Company& c, ats::Board& b) {
    std::string url = base_ + "/v1/boards/" + ats::path_segment(c.token) + "/jobs";
    std::string what = "Greenhouse board '" + c.token + "'";
    aj::HttpResponse r = http_.get(ctx, url, {{"content", "true"}});
    if (r.ok() && r.status() == 404)
      throw aj::Error(what + ": no such board (HTTP 404 from " + url +
                      "); check the token in `companies`: it is the name in boards.greenhouse.io/<token>");
    ajsrc::expect_ok(r, what);
    boost::json::value doc = ajsrc::parse_json(r.body(), what + " at " + url);
    const boost::json::array* jobs = ajsrc::array(doc, "jobs");
    if (!jobs)
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " at " + url + ": expected {\"jobs\": [...]}; the API may have changed");
    b.complete = true;
    if (jobs->empty()) return;
    BoardInfo info = board_info(ctx, c);
    std::string company = !c.name.empty() ? c.name : !info.name.empty() ? info.name : c.token;
    for (const auto& job : *jobs)
      if (auto p = read_job(job, company, info)) b.postings.push_back(std::move(*p));
    if (b.postings.empty())
      throw aj::SourceError(aj::Outcome::layout_changed, what + " at " + url + ": " + std::to_string(jobs->size()) +
                                                             " jobs, none with an id and a title; the API may have changed");
  }

  // The board's name and introduction; optional, so a failure only costs the name.
  BoardInfo board_info(aj::Context& ctx, const ats::Company& c) {
    std::string url = base_ + "/v1/boards/" + ats::path_segment(c.token);
    aj::HttpResponse r = http_.get(ctx, url);
    if (!r.ok() || r.status() != 200) {
      host_.warn("Greenhouse board '" + c.token + "': no board name from " + url + " (" +
                 (r.ok() ? "HTTP " + std::to_string(r.status()) : std::string(r.error())) +
                 "); the company is shown as '" + (c.name.empty() ? c.token : c.name) + "'");
      return {};
    }
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(boost::json::string_view(r.body().data(), r.body().size()), ec);
    if (ec) return {};
    return {ajsrc::trim(ajsrc::str(v, "name")), description_text(ajsrc::str(v, "content"))};
  }

  aj::Host host_;
  aj::Http http_;
  std::vector<ats::Company> companies_;
  std::string base_;
  ats::Boards boards_;
};

}  // namespace

AJ_PLUGIN(Greenhouse)
