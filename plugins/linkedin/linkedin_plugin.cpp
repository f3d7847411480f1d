// linkedin: LinkedIn's public guest job search, the way python-jobspy reads it
// (facts in ../shared/realdata/SITES.md): pages of job cards from
// /jobs-guest/jobs/api/seeMoreJobPostings/search, and optionally each job's own
// page for its description, criteria and external apply URL.
#include "linkedin_parse.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/search.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

// f_JT: the job types LinkedIn's search knows.
std::string job_type_code(const std::string& t) {
  if (t == "fulltime") return "F";
  if (t == "parttime") return "P";
  if (t == "internship") return "I";
  if (t == "contract") return "C";
  if (t == "temporary") return "T";
  return "";
}

std::string currency_of(std::string country) {
  country = ajsrc::lower(country);
  if (country == "ca" || country == "canada") return "CAD";
  if (country == "gb" || country == "uk") return "GBP";
  if (country == "au") return "AUD";
  return "USD";
}

}  // namespace

class LinkedIn final : public aj::Source {
 public:
  static constexpr const char* name = "linkedin";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "LinkedIn's public job search (guest pages, no account)";
  static constexpr aj_config_key config[] = {
      aj::key("base_url", AJ_CFG_STRING, "\"https://www.linkedin.com\"", false, "where LinkedIn is (tests: the fixture web)"),
      aj::key("fetch_descriptions", AJ_CFG_BOOL, "false", false,
              "also read each job's page: description, seniority, employment type, industry, function, apply URL"),
      aj::key("easy_apply", AJ_CFG_BOOL, "false", false, "only Easy Apply jobs (f_AL); LinkedIn then ignores hours_old"),
      aj::key("company_ids", AJ_CFG_STRING_LIST, nullptr, false, "only these LinkedIn company ids (f_C)"),
      aj::key("max_start", AJ_CFG_INT, "1000", false, "stop paging at this result offset (LinkedIn serves no more)"),
  };

  LinkedIn(aj::Host host, const aj::Config& cfg) : host_(host), http_(host) {
    base_ = cfg.str_or("base_url", "https://www.linkedin.com");
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
    if (base_.rfind("http://", 0) != 0 && base_.rfind("https://", 0) != 0)
      throw aj::ConfigError("base_url must start with http:// or https:// (got \"" + base_ + "\")");
    descriptions_ = cfg.boolean("fetch_descriptions").value_or(false);
    easy_apply_ = cfg.boolean("easy_apply").value_or(false);
    for (auto id : cfg.list("company_ids")) company_ids_ += (company_ids_.empty() ? "" : ",") + std::string(id);
    max_start_ = cfg.i64("max_start").value_or(1000);
  }

  void run(aj::Context& ctx, const aj::Config& query) override {
    // Once LinkedIn has refused this run, asking again for the next place only
    // makes the block last longer: the later queries fail at once, with the reason.
    if (blocked_) throw aj::SourceError(aj::Outcome::blocked, *blocked_ + " (an earlier query; not asked again this run)");
    auto s = ajsrc::Search::from(query);
    aj::HttpPairs params;
    std::vector<std::string_view> applied;
    if (!s.term.empty()) params.emplace_back("keywords", s.term), applied.push_back("term");
    if (!s.location.empty()) {
      params.emplace_back("location", s.location);
      applied.push_back("location");
      applied.push_back("country");  // LinkedIn searches around the place, so inside its country
    }
    if (s.distance_miles() > 0 && !s.location.empty())
      params.emplace_back("distance", std::to_string(s.distance_miles())), applied.push_back("distance_km");
    if (s.remote_only) params.emplace_back("f_WT", "2"), applied.push_back("remote_only");
    if (auto code = job_type_code(ajsrc::job_type(s.job_type)); !code.empty())
      params.emplace_back("f_JT", code), applied.push_back("job_type");
    if (easy_apply_) params.emplace_back("f_AL", "true");
    if (!company_ids_.empty()) params.emplace_back("f_C", company_ids_);
    std::string note;
    if (s.hours_old > 0 && !easy_apply_) {
      params.emplace_back("f_TPR", "r" + std::to_string(s.hours_old * 3600));
      applied.push_back("hours_old");
    } else if (s.hours_old > 0) {
      note = "LinkedIn applies easy_apply or hours_old, not both; ajhost applies hours_old";
    }
    if (s.offset > 0) applied.push_back("offset");
    ctx.server_filters(applied, note);

    std::string currency = currency_of(s.country);
    std::set<std::string> seen;
    uint64_t emitted = 0;
    int64_t start = s.offset;
    for (int page = 1; start < max_start_; ++page) {
      if (ctx.cancelled()) return;
      aj::HttpPairs q = params;
      q.emplace_back("start", std::to_string(start));
      std::string what = "LinkedIn search page " + std::to_string(page);
      linkedin::CardPage cards;
      try {
        auto r = http_.get(ctx, base_ + "/jobs-guest/jobs/api/seeMoreJobPostings/search", q);
        ajsrc::expect_ok(r, what);
        cards = linkedin::parse_cards(r.body());
        if (cards.cards.empty() && cards.looks_like_cards)
          throw aj::SourceError(aj::Outcome::layout_changed,
                                what + " (" + std::string(r.url()) +
                                    "): the page has list items but no job cards (div.base-search-card / "
                                    "data-entity-urn); LinkedIn may have changed its pages: update the linkedin plugin");
      } catch (const aj::SourceError& e) {
        if (e.outcome() == aj::Outcome::blocked) blocked_ = e.what();
        if (emitted == 0) throw;
        ctx.outcome(e.outcome(), e.what());  // keep what the earlier pages gave
        return;
      }
      if (cards.cards.empty()) return;  // the end of the results
      size_t fresh = 0;
      for (auto& c : cards.cards) {
        if (!seen.insert(c.id).second) continue;
        ++fresh;
        auto job = ctx.new_job();
        fill(job, c, currency, s.remote_only);
        if (descriptions_ && !describe(ctx, job, c)) descriptions_ = false;
        ++emitted;
        if (!ctx.emit(std::move(job))) return;
      }
      if (fresh == 0) return;  // LinkedIn repeats its last page past the end
      start += static_cast<int64_t>(cards.cards.size());
      ctx.progress(emitted, s.results_wanted > 0 ? static_cast<uint64_t>(s.results_wanted) : 0);
    }
  }

 private:
  void fill(aj::NewJob& job, const linkedin::Card& c, const std::string& currency, bool remote_search) const {
    job.set(AJ_F_ID, c.id);
    job.set(AJ_F_SITE, "linkedin");
    job.set(AJ_F_TITLE, c.title);
    job.set(AJ_F_JOB_URL, c.job_url.empty() ? base_ + "/jobs/view/" + c.id : c.job_url);
    if (!c.company.empty()) job.set(AJ_F_COMPANY, c.company);
    if (!c.company_url.empty()) job.set(AJ_F_COMPANY_URL, c.company_url);
    if (!c.company_logo.empty()) job.set(AJ_F_COMPANY_LOGO, c.company_logo);
    if (!c.location.empty()) {
      job.set(AJ_F_LOCATION, c.location);
      auto place = ajsrc::split_place(c.location);
      if (!place.city.empty()) job.set(AJ_F_CITY, place.city);
      if (!place.state.empty()) job.set(AJ_F_STATE, place.state);
      if (!place.country.empty()) job.set(AJ_F_COUNTRY, place.country);
    }
    if (!c.date_posted.empty()) job.set(AJ_F_DATE_POSTED, ajsrc::iso_date_prefix(c.date_posted));
    bool remote = remote_search || ajsrc::lower(c.location).find("remote") != std::string::npos;
    if (remote) {
      job.set(AJ_F_IS_REMOTE, true);
      job.set(AJ_F_WORK_ARRANGEMENT, "remote");
    }
    if (!c.salary.empty()) {
      auto pay = ajsrc::parse_pay(c.salary, currency);
      if (pay.min) job.set(AJ_F_MIN_AMOUNT, *pay.min);
      if (pay.max) job.set(AJ_F_MAX_AMOUNT, *pay.max);
      if (!pay.interval.empty()) job.set(AJ_F_INTERVAL, pay.interval);
      if (!pay.currency.empty()) job.set(AJ_F_CURRENCY, pay.currency);
      if (!pay.empty()) job.set(AJ_F_SALARY_SOURCE, "direct_data");
    }
    if (!c.benefits.empty()) job.set_extra("linkedin_benefits", c.benefits);
  }

  // Reads the job's own page; false when LinkedIn blocks it (no more detail pages this run).
  bool describe(aj::Context& ctx, aj::NewJob& job, const linkedin::Card& c) {
    auto r = http_.get(ctx, base_ + "/jobs/view/" + c.id);
    try {
      ajsrc::expect_ok(r, "LinkedIn job " + c.id);
    } catch (const aj::SourceError& e) {
      if (e.outcome() == aj::Outcome::blocked) {
        host_.warn(std::string(e.what()) + "; no more job pages are read this run (the cards are still stored)");
        ctx.outcome(aj::Outcome::blocked, std::string("job pages: ") + e.what());
        return false;
      }
      host_.warn(e.what());
      return true;
    } catch (const aj::Error& e) {
      host_.warn(e.what());
      return true;
    }
    auto d = linkedin::parse_detail(r.body());
    if (!d.has_markup) {
      host_.warn("LinkedIn job " + c.id + " (" + std::string(r.url()) +
                 "): no description block (div.show-more-less-html__markup); the page layout may have changed");
      return true;
    }
    job.set(AJ_F_DESCRIPTION, d.description);
    if (!d.seniority.empty() && ajsrc::lower(d.seniority) != "not applicable") job.set(AJ_F_JOB_LEVEL, d.seniority);
    if (auto t = ajsrc::job_type(d.employment_type); !t.empty()) job.set(AJ_F_JOB_TYPE, t);
    if (!d.industries.empty()) job.set(AJ_F_COMPANY_INDUSTRY, d.industries);
    if (!d.job_function.empty()) job.set(AJ_F_JOB_FUNCTION, d.job_function);
    if (!d.apply_url.empty()) job.set(AJ_F_JOB_URL_DIRECT, d.apply_url);
    return true;
  }

  aj::Host host_;
  aj::Http http_;
  std::string base_, company_ids_;
  bool descriptions_ = false, easy_apply_ = false;
  std::optional<std::string> blocked_;  // why LinkedIn refused this run
  int64_t max_start_ = 1000;
};

AJ_PLUGIN(LinkedIn)
