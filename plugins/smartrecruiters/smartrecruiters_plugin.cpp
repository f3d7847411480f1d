// smartrecruiters: the public SmartRecruiters Posting API (keyless JSON) of the
// companies you list (facts in ../shared/realdata/PROTOCOLS.md):
//   GET {base_url}/v1/companies/{company}/postings?limit=100&offset=N  paged up to totalFound
//   GET {base_url}/v1/companies/{company}/postings/{id}               the job ad (description)
// The list does not depend on the search, so each company's list (and each
// posting's detail) is read once per run and reused by every query.
#include "ats_fetch.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

constexpr int64_t kPageSize = 100;   // the API's maximum
constexpr int kMaxPages = 100;       // 10,000 postings of one company: beyond that, stop
constexpr size_t kDetailBatch = 10;  // details asked at once before their postings are emitted
constexpr const char* kJobsSite = "https://jobs.smartrecruiters.com";  // the public job pages

bool valid_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Text as HTML (a section title goes into the HTML the description is made of).
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// One company's postings as read so far (a query reads on when it needs more).
struct Board {
  std::vector<boost::json::value> postings;
  std::set<std::string> ids;  // to notice a page that only repeats earlier ones
  int64_t next_offset = 0;
  int pages = 0;
  bool complete = false;
};

// A field of the posting, from its detail when that was read (it repeats the list's fields).
class Posting {
 public:
  Posting(const boost::json::value& item, const boost::json::value* detail) : item_(item), detail_(detail) {}
  std::string str(std::string_view path) const {
    if (detail_)
      if (auto v = ajsrc::str(*detail_, path); !v.empty()) return v;
    return ajsrc::str(item_, path);
  }
  const boost::json::value* at(std::string_view path) const {
    if (detail_)
      if (const auto* v = ajsrc::at(*detail_, path); v && !v->is_null()) return v;
    return ajsrc::at(item_, path);
  }
  const boost::json::value* detail() const { return detail_; }

 private:
  const boost::json::value& item_;
  const boost::json::value* detail_;
};

}  // namespace

class SmartRecruiters final : public aj::Source {
 public:
  static constexpr const char* name = "smartrecruiters";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Public SmartRecruiters postings of the companies you list (keyless JSON)";
  static constexpr aj_config_key config[] = {
      aj::key("companies", AJ_CFG_STRING_LIST, nullptr, true,
              "company identifiers as in jobs.smartrecruiters.com/{identifier}, e.g. [BoschGroup]"),
      aj::key("base_url", AJ_CFG_STRING, "\"https://api.smartrecruiters.com\"", false,
              "the Posting API (tests: the fixture web)"),
      aj::key("fetch_descriptions", AJ_CFG_BOOL, "true", false,
              "also read each posting (/postings/{id}): description, company description, posting and apply URLs"),
      aj::key("search_term", AJ_CFG_BOOL, "false", false,
              "send the search term as the API's q parameter: the site then applies the term, and each term "
              "reads its own list (false: each company's list is read once and ajhost applies the term)"),
  };

  SmartRecruiters(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    base_ = cfg.str_or("base_url", "https://api.smartrecruiters.com");
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
    if (base_.rfind("http://", 0) != 0 && base_.rfind("https://", 0) != 0)
      throw aj::ConfigError("base_url must start with http:// or https:// (got \"" + base_ + "\")");
    for (auto c : cfg.list("companies")) {
      if (!valid_identifier(c))
        throw aj::ConfigError("companies: \"" + std::string(c) +
                              "\" is not a SmartRecruiters company identifier (letters, digits, - _ .); it is "
                              "the part after jobs.smartrecruiters.com/ in the company's job pages");
      companies_.emplace_back(c);
    }
    if (companies_.empty())
      throw aj::ConfigError("companies: list at least one SmartRecruiters company identifier, e.g. [BoschGroup]");
    descriptions_ = cfg.boolean("fetch_descriptions").value_or(true);
    search_term_ = cfg.boolean("search_term").value_or(false);
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    auto s = ajsrc::Search::from(query);
    std::string q = search_term_ ? s.term : "";
    if (!q.empty())
      ctx.server_filters({"term"}, "SmartRecruiters searches the term (q); ajhost applies the other filters");
    else
      ctx.server_filters({}, "each company's whole posting list is read (once per run); ajhost applies the search");
    size_t batch = s.results_wanted > 0 ? std::min<size_t>(kDetailBatch, static_cast<size_t>(s.results_wanted))
                                        : kDetailBatch;
    ats::QueryState st;
    for (const auto& company : companies_)
      if (!emit_company(ctx, company, q, batch, st)) break;
    if (details_refused_ && !st.detail_failure && st.emitted > 0) details_refused_->report(ctx);
    st.finish(ctx);
  }

 private:
  // Emits the company's postings; false once the query wants no more.
  bool emit_company(aj::Context& ctx, const std::string& company, const std::string& q, size_t batch,
                    ats::QueryState& st) {
    Board& b = boards_[company + '\n' + q];
    for (size_t i = 0;;) {
      if (ctx.cancelled()) return false;
      if (i >= b.postings.size()) {
        if (b.complete) return true;
        try {
          load_page(ctx, company, q, b);
        } catch (const aj::SourceError& e) {
          st.list_failed(ats::Failure::of(e));
          return true;  // the other companies go on
        } catch (const aj::Error& e) {
          if (e.status() == AJ_CANCELLED) throw;
          st.list_failed(ats::Failure::of(e));
          return true;
        }
        continue;
      }
      size_t end = std::min(b.postings.size(), i + batch);
      if (descriptions_) read_details(ctx, company, b, i, end, st);
      for (; i < end; ++i)
        if (!emit_posting(ctx, company, b.postings[i], st)) return false;
      ctx.progress(st.emitted);
    }
  }

  // The next page of the company's list (throws SourceError / Error when it cannot be read).
  void load_page(aj::Context& ctx, const std::string& company, const std::string& q, Board& b) {
    std::string url = base_ + "/v1/companies/" + company + "/postings";
    aj::HttpPairs params = {{"limit", std::to_string(kPageSize)}, {"offset", std::to_string(b.next_offset)}};
    if (!q.empty()) params.emplace_back("q", q);
    std::string what = "SmartRecruiters postings of " + company + " (offset " + std::to_string(b.next_offset) + ")";
    auto r = http_.get(ctx, url, params);
    ajsrc::expect_ok(r, what);
    auto v = ajsrc::parse_json(r.body(), what);
    const auto* content = ajsrc::array(v, "content");
    if (!v.is_object() || !content)
      throw aj::SourceError(aj::Outcome::layout_changed,
                            what + " at " + std::string(r.url()) +
                                ": expected an object with content[] and totalFound; the API may have changed "
                                "(update the smartrecruiters plugin)");
    auto total = ajsrc::num(v, "totalFound");
    size_t fresh = 0;
    for (const auto& p : *content) {
      if (!p.is_object() || !b.ids.insert(ajsrc::str(p, "id")).second) continue;
      b.postings.push_back(p);
      ++fresh;
    }
    b.next_offset += static_cast<int64_t>(content->size());
    ++b.pages;
    if (content->empty() || (total && static_cast<double>(b.next_offset) >= *total)) {
      b.complete = true;
    } else if (fresh == 0) {
      b.complete = true;  // the API ignored the offset: asking on would loop
      host_.warn(what + ": the page repeats postings already read (the API ignores the offset?); paging stops");
    } else if (b.pages >= kMaxPages) {
      b.complete = true;
      host_.warn("SmartRecruiters company " + company + ": stopped after " + std::to_string(b.next_offset) +
                 " postings (" + std::to_string(kMaxPages) + " pages); the rest is not read");
    }
    if (b.pages == 1 && b.postings.empty())
      host_.info("SmartRecruiters lists no postings for " + company +
                 " (an unknown identifier answers the same way: check " + kJobsSite + "/" + company + ")");
  }

  // Reads the details of postings [from, to) that are not known yet, all at once.
  void read_details(aj::Context& ctx, const std::string& company, const Board& b, size_t from, size_t to,
                    ats::QueryState& st) {
    std::vector<std::string> ids;
    std::vector<aj::HttpRequest> requests;
    for (size_t k = from; k < to; ++k) {
      std::string id = ajsrc::str(b.postings[k], "id");
      if (id.empty() || details_.count(id) || gone_.count(id)) continue;
      aj::HttpRequest req;
      req.url = base_ + "/v1/companies/" + company + "/postings/" + id;
      requests.push_back(std::move(req));
      ids.push_back(std::move(id));
    }
    if (requests.empty()) return;
    auto answers = ats::fetch_all(http_, ctx, requests);
    st.details_asked += answers.size();
    for (size_t i = 0; i < answers.size(); ++i) read_detail(ids[i], answers[i], st);
  }

  void read_detail(const std::string& id, const aj::HttpResponse& r, ats::QueryState& st) {
    std::string what = "SmartRecruiters posting " + id;
    if (ats::gone(r)) {
      gone_.insert(id);  // closed since the list was read: not stored
      host_.info(what + " is gone (HTTP " + std::to_string(r.status()) + "); skipped");
      return;
    }
    try {
      ajsrc::expect_ok(r, what);
      auto v = ajsrc::parse_json(r.body(), what);
      if (!v.is_object())
        throw aj::SourceError(aj::Outcome::layout_changed, what + " at " + std::string(r.url()) +
                                                               ": expected a posting object; the API may have changed");
      details_.emplace(id, std::move(v));
    } catch (const aj::SourceError& e) {
      st.detail_failed(ats::Failure::of(e));
      if (e.outcome() == aj::Outcome::blocked && descriptions_) {
        // Asking on would only deepen the block; the lists still come.
        st.details_stopped = true;
        descriptions_ = false;
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

  bool emit_posting(aj::Context& ctx, const std::string& company, const boost::json::value& item,
                    ats::QueryState& st) {
    std::string id = ajsrc::str(item, "id");
    if (gone_.count(id)) return true;
    auto d = details_.find(id);
    auto job = ctx.new_job();
    fill(job, company, Posting(item, d == details_.end() ? nullptr : &d->second));
    ++st.emitted;
    return ctx.emit(std::move(job));
  }

  static void fill(aj::Job& job, const std::string& company, const Posting& p) {
    std::string id = p.str("id");
    std::string identifier = p.str("company.identifier");
    if (identifier.empty()) identifier = company;
    ats::set_text(job, AJ_F_ID, id);
    job.set(AJ_F_SITE, "smartrecruiters");
    job.set(AJ_F_ATS, "smartrecruiters");
    ats::set_text(job, AJ_F_TITLE, p.str("name"));
    std::string company_name = p.str("company.name");
    job.set(AJ_F_COMPANY, company_name.empty() ? identifier : company_name);
    std::string page = p.str("postingUrl");
    job.set(AJ_F_JOB_URL, page.empty() ? std::string(kJobsSite) + "/" + identifier + "/" + id : page);
    ats::set_text(job, AJ_F_JOB_URL_DIRECT, p.str("applyUrl"));
    job.set(AJ_F_COMPANY_URL, std::string(kJobsSite) + "/" + identifier);
    fill_place(job, p);
    ats::set_text(job, AJ_F_DATE_POSTED, ajsrc::iso_date_prefix(p.str("releasedDate")));
    std::string type = ajsrc::job_type(p.str("typeOfEmployment.label"));
    if (type.empty()) type = ajsrc::job_type(p.str("typeOfEmployment.id"));
    ats::set_text(job, AJ_F_JOB_TYPE, type);
    if (std::string level = p.str("experienceLevel.label"); ajsrc::lower(level) != "not applicable")
      ats::set_text(job, AJ_F_JOB_LEVEL, level);
    std::string function = p.str("function.label"), department = p.str("department.label");
    ats::set_text(job, AJ_F_JOB_FUNCTION, function.empty() ? department : function);
    ats::set_text(job, AJ_F_COMPANY_INDUSTRY, p.str("industry.label"));
    ats::set_text(job, AJ_F_LANGUAGE, p.str("language.code"));
    if (!department.empty()) job.set_extra("department", department);
    if (auto ref = p.str("refNumber"); !ref.empty()) job.set_extra("requisition_id", ref);
    if (p.detail()) fill_job_ad(job, *p.detail());
  }

  static void fill_place(aj::Job& job, const Posting& p) {
    std::string city = p.str("location.city"), region = p.str("location.region");
    std::string country = upper(p.str("location.country"));
    auto remote = ajsrc::boolean(p.at("location.remote"));
    auto hybrid = ajsrc::boolean(p.at("location.hybrid"));
    std::string shown = p.str("location.fullLocation");
    if (shown.empty()) {
      for (const auto& part : {city, region, country})
        if (!part.empty()) shown += (shown.empty() ? "" : ", ") + part;
      if (shown.empty() && remote.value_or(false)) shown = "Remote";
    }
    ats::set_text(job, AJ_F_LOCATION, shown);
    ats::set_text(job, AJ_F_CITY, city);
    ats::set_text(job, AJ_F_STATE, region);
    ats::set_text(job, AJ_F_COUNTRY, country);
    if (remote) job.set(AJ_F_IS_REMOTE, *remote);
    if (remote.value_or(false)) job.set(AJ_F_WORK_ARRANGEMENT, "remote");
    else if (hybrid.value_or(false)) job.set(AJ_F_WORK_ARRANGEMENT, "hybrid");
    else if (remote && hybrid) job.set(AJ_F_WORK_ARRANGEMENT, "onsite");  // both flags present and false
  }

  // jobAd.sections: the role's sections make the description; the employer's own blurb
  // (companyDescription) is the company description, kept out of the role's text.
  static void fill_job_ad(aj::Job& job, const boost::json::value& detail) {
    std::string html;
    for (const char* key : {"jobDescription", "qualifications", "additionalInformation"}) {
      std::string base = std::string("jobAd.sections.") + key;
      std::string text = ajsrc::str(detail, base + ".text");
      if (ajsrc::trim(text).empty()) continue;
      std::string title = ajsrc::str(detail, base + ".title");
      if (!title.empty()) html += "<h3>" + escape(title) + "</h3>";
      html += text;
    }
    ats::set_text(job, AJ_F_DESCRIPTION, ajsrc::html_to_text(html));
    std::string about = ajsrc::str(detail, "jobAd.sections.companyDescription.text");
    if (!ajsrc::trim(about).empty()) job.set(AJ_F_COMPANY_DESCRIPTION, ajsrc::html_to_text(about));
  }

  aj::Host host_;
  aj::Http http_;
  std::string base_;
  std::vector<std::string> companies_;
  bool descriptions_ = true, search_term_ = false;
  std::map<std::string, Board> boards_;                 // company + '\n' + q -> its list so far
  std::map<std::string, boost::json::value> details_;  // posting id -> its detail
  std::set<std::string> gone_;                         // postings whose detail answered 404/410
  std::optional<ats::Failure> details_refused_;        // why details stopped being read this run
};

AJ_PLUGIN(SmartRecruiters)
