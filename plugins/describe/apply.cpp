// apply_page: the page's values into the posting's empty fields.
#include "apply.hpp"

#include <ajsrc/ats.hpp>
#include <ajsrc/fetch.hpp>
#include <ajsrc/text.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <vector>

namespace describe {

namespace {

// field_sources: a JSON object, column -> origin, merged with what is there.
class Sources {
 public:
  explicit Sources(const aj::Job& job) {
    auto text = job.str(AJ_F_FIELD_SOURCES);
    if (!text || text->empty()) return;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(boost::json::string_view(text->data(), text->size()), ec);
    if (!ec && v.is_object()) obj_ = std::move(v.as_object());
  }
  void set(aj::Field f, ajd::Origin origin) {
    obj_[aj::Job::field_name(f)] = ajd::origin_name(origin);
    changed_ = true;
  }
  void write(aj::Job& job) const {
    if (changed_) job.set(AJ_F_FIELD_SOURCES, boost::json::serialize(obj_));
  }

 private:
  boost::json::object obj_;
  bool changed_ = false;
};

std::string lower(std::string_view s) { return ajsrc::lower(s); }

class Filler {
 public:
  Filler(aj::Job& job, Sources& sources, Applied& applied) : job_(job), sources_(sources), applied_(applied) {}

  bool missing(aj::Field f) const {
    auto v = job_.str(f);
    return !v || ajsrc::trim(*v).empty();
  }

  /// Sets a text field the posting lacks.
  bool text(aj::Field f, const std::string& value, ajd::Origin origin) {
    if (value.empty() || origin == ajd::Origin::none || !missing(f)) return false;
    job_.set(f, value);
    sources_.set(f, origin);
    ++applied_.fields;
    return true;
  }
  bool number(aj::Field f, std::optional<double> value, ajd::Origin origin) {
    if (!value || job_.f64(f)) return false;
    job_.set(f, *value);
    sources_.set(f, origin);
    ++applied_.fields;
    return true;
  }
  bool whole(aj::Field f, std::optional<int64_t> value, ajd::Origin origin) {
    if (!value || job_.i64(f)) return false;
    job_.set(f, *value);
    sources_.set(f, origin);
    ++applied_.fields;
    return true;
  }
  bool flag(aj::Field f, bool value, ajd::Origin origin) {
    if (job_.boolean(f)) return false;
    job_.set(f, value);
    sources_.set(f, origin);
    ++applied_.fields;
    return true;
  }
  void extra(std::string_view key, const std::string& value) {
    if (value.empty() || job_.extra(key)) return;
    job_.set_extra(key, value);
  }

 private:
  aj::Job& job_;
  Sources& sources_;
  Applied& applied_;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

// The description, when the page's is longer than the posting's (a snippet).
void fill_description(aj::Job& job, const ajd::PageInfo& page, Sources& sources, Applied& applied) {
  if (page.description_text.empty()) return;
  auto current = job.str(AJ_F_DESCRIPTION);
  if (current && current->size() >= page.description_text.size()) return;
  job.set(AJ_F_DESCRIPTION, page.description_text);
  sources.set(AJ_F_DESCRIPTION, page.description_from);
  if (!page.description_markdown.empty()) {
    job.set(AJ_F_DESCRIPTION_MARKDOWN, page.description_markdown);
    sources.set(AJ_F_DESCRIPTION_MARKDOWN, page.description_from);
  }
  if (auto snippet = job.extra("description_is_snippet"); snippet && *snippet == "true")
    job.set_extra("description_is_snippet", "false");
  applied.description = true;
}

// The place: all of it when the posting has none; else only a missing country
// of the same city (never a second place mixed into the first).
void fill_place(Filler& fill, const aj::Job& job, const ajd::PageInfo& page) {
  constexpr auto jsonld = ajd::Origin::jsonld;
  if (page.location.empty()) return;
  if (fill.missing(AJ_F_LOCATION)) {
    fill.text(AJ_F_LOCATION, page.location, jsonld);
    fill.text(AJ_F_CITY, page.city, jsonld);
    fill.text(AJ_F_STATE, page.state, jsonld);
    fill.text(AJ_F_COUNTRY, page.country, jsonld);
    return;
  }
  auto city = job.str(AJ_F_CITY);
  if (city && !page.city.empty() && lower(ajsrc::trim(*city)) == lower(page.city))
    fill.text(AJ_F_COUNTRY, page.country, jsonld);
}

void fill_salary(Filler& fill, const aj::Job& job, const ajd::PageInfo& page) {
  constexpr auto jsonld = ajd::Origin::jsonld;
  if (page.salary.empty() || job.f64(AJ_F_MIN_AMOUNT) || job.f64(AJ_F_MAX_AMOUNT)) return;
  fill.number(AJ_F_MIN_AMOUNT, page.salary.min, jsonld);
  fill.number(AJ_F_MAX_AMOUNT, page.salary.max, jsonld);
  fill.text(AJ_F_INTERVAL, page.salary.interval, jsonld);
  fill.text(AJ_F_CURRENCY, page.salary.currency, jsonld);
  // python-jobspy's name for pay the employer's own page states.
  fill.text(AJ_F_SALARY_SOURCE, "direct_data", jsonld);
}

// The employer's page a redirect ended on, for a posting that had no direct URL.
void fill_direct_url(Filler& fill, const aj::Job& job, std::string_view requested, std::string_view final_url) {
  if (final_url.empty() || final_url == requested || ajsrc::is_wall_url(final_url)) return;
  auto job_url = job.str(AJ_F_JOB_URL);
  if (job_url && ajsrc::host_of(*job_url) == ajsrc::host_of(final_url)) return;  // still on the board
  fill.text(AJ_F_JOB_URL_DIRECT, std::string(final_url), ajd::Origin::page);
}

}  // namespace

Applied apply_page(aj::Job& job, const ajd::PageInfo& page, std::string_view requested_url, std::string_view final_url,
                   std::string_view today) {
  constexpr auto jsonld = ajd::Origin::jsonld;
  Applied applied;
  Sources sources(job);
  Filler fill(job, sources, applied);

  fill_description(job, page, sources, applied);
  fill.text(AJ_F_TITLE, page.title, page.title_from);
  fill.text(AJ_F_COMPANY, page.company, page.company_from);
  fill_place(fill, job, page);
  fill.text(AJ_F_DATE_POSTED, page.date_posted, jsonld);
  fill_salary(fill, job, page);
  if (!page.job_types.empty()) fill.text(AJ_F_JOB_TYPE, page.job_types.front(), jsonld);
  if (page.remote) {
    fill.flag(AJ_F_IS_REMOTE, true, jsonld);
    fill.text(AJ_F_WORK_ARRANGEMENT, "remote", jsonld);
  }
  fill.text(AJ_F_REQUISITION_ID, page.requisition_id, jsonld);
  fill.text(AJ_F_EDUCATION, page.education, jsonld);
  if (page.experience_months) fill.whole(AJ_F_EXPERIENCE_MIN_YEARS, *page.experience_months / 12, jsonld);
  fill.text(AJ_F_COMPANY_URL_DIRECT, page.company_url, jsonld);
  fill.text(AJ_F_COMPANY_LOGO, page.company_logo, jsonld);
  fill.text(AJ_F_COMPANY_INDUSTRY, page.industry, jsonld);
  fill.text(AJ_F_ATS, page.ats, ajd::Origin::page);
  fill_direct_url(fill, job, requested_url, final_url);

  fill.extra("valid_through", page.valid_through);
  if (!page.valid_through.empty() && !today.empty() && page.valid_through < today) fill.extra("expired", "true");
  if (page.direct_apply) fill.extra("direct_apply", *page.direct_apply ? "true" : "false");
  if (page.locations.size() > 1) fill.extra("locations", joined(page.locations));
  fill.extra("applicant_locations", joined(page.applicant_locations));

  sources.write(job);
  return applied;
}

}  // namespace describe
