#include "glassdoor_job.hpp"

#include "glassdoor_api.hpp"

#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>

#include <algorithm>
#include <cctype>

namespace glassdoor {
namespace {

using boost::json::value;

const value& kNull() {
  static const value v;
  return v;
}

const value& at_or_null(const value& v, std::string_view path) {
  const value* x = ajsrc::at(v, path);
  return x ? *x : kNull();
}

void set_if(aj::NewJob& job, aj::Field f, const std::string& v) {
  if (!v.empty()) job.set(f, v);
}

// Company facts Glassdoor does not know read "Unknown" or "Unknown / Non-Applicable".
std::string known(const std::string& v) {
  std::string t = ajsrc::trim(v);
  return ajsrc::lower(t).rfind("unknown", 0) == 0 ? "" : t;
}

std::string absolute(const std::string& url, const std::string& base) {
  if (url.empty() || url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) return url;
  return base + (url.front() == '/' ? "" : "/") + url;
}

std::string interval_of(std::string_view period) {
  std::string p = ajsrc::lower(period);
  if (p == "annual" || p == "yearly") return "yearly";
  if (p == "monthly") return "monthly";
  if (p == "weekly") return "weekly";
  if (p == "daily") return "daily";
  if (p == "hourly") return "hourly";
  return ajsrc::pay_interval(period);
}

// Strings of a value that is a string or an array of strings.
std::vector<std::string> strings(const value& v) {
  std::vector<std::string> out;
  if (const auto* a = v.if_array()) {
    for (const auto& x : *a)
      if (auto s = ajsrc::str(&x); !s.empty()) out.push_back(s);
  } else if (auto s = ajsrc::str(&v); !s.empty()) {
    out.push_back(s);
  }
  return out;
}

void fill_company(aj::NewJob& job, const value& header, const value& overview, const std::string& base) {
  std::string name = ajsrc::str(header, "employerNameFromSearch");
  for (const char* path : {"employer.shortName", "employer.name"})
    if (name.empty()) name = ajsrc::str(header, path);
  if (name.empty()) name = ajsrc::str(overview, "shortName");
  set_if(job, AJ_F_COMPANY, ajsrc::trim(name));
  if (auto id = ajsrc::to_int64(ajsrc::num(header, "employer.id")); id && *id > 0) {
    std::string eid = std::to_string(*id);
    job.set(AJ_F_COMPANY_URL, base + "/Overview/W-EI_IE" + eid + ".htm");
    job.set_extra("glassdoor_employer_id", eid);
  }
  if (auto rating = ajsrc::num(header, "rating"); rating && *rating > 0) job.set(AJ_F_COMPANY_RATING, *rating);
  set_if(job, AJ_F_COMPANY_LOGO, ajsrc::str(overview, "squareLogoUrl"));
  set_if(job, AJ_F_COMPANY_NUM_EMPLOYEES, known(ajsrc::str(overview, "size")));
  set_if(job, AJ_F_COMPANY_REVENUE, known(ajsrc::str(overview, "revenue")));
  set_if(job, AJ_F_COMPANY_INDUSTRY, known(ajsrc::str(overview, "primaryIndustry.industryName")));
  set_if(job, AJ_F_COMPANY_ADDRESSES, known(ajsrc::str(overview, "headquarters")));
  if (auto site = known(ajsrc::str(overview, "website")); !site.empty())
    job.set(AJ_F_COMPANY_URL_DIRECT, site.find("://") == std::string::npos ? "https://" + site : site);
}

void fill_place(aj::NewJob& job, const value& header) {
  std::string name = ajsrc::trim(ajsrc::str(header, "locationName"));
  std::string type = ajsrc::str(header, "locationType");
  std::vector<std::string> work = strings(at_or_null(header, "remoteWorkTypes"));
  bool hybrid = false;
  for (const auto& w : work)
    if (ajsrc::lower(w).find("hybrid") != std::string::npos) hybrid = true;
  bool named_remote = ajsrc::lower(name).find("remote") != std::string::npos;
  bool remote = !hybrid && (named_remote || !work.empty());

  set_if(job, AJ_F_LOCATION, name);
  if (!named_remote) {
    auto parts = ajsrc::split(name, ',');
    if (type == "C" && !parts.empty()) {
      job.set(AJ_F_CITY, parts.front());
      if (parts.size() > 1) job.set(AJ_F_STATE, parts[1]);
    } else if (type == "S" && !parts.empty()) {
      job.set(AJ_F_STATE, parts.front());
    }
  }
  if (auto cid = ajsrc::to_int64(ajsrc::num(header, "jobCountryId"))) set_if(job, AJ_F_COUNTRY, country_of_id(*cid));
  job.set(AJ_F_IS_REMOTE, remote);
  if (hybrid) job.set(AJ_F_WORK_ARRANGEMENT, "hybrid");
  else if (remote) job.set(AJ_F_WORK_ARRANGEMENT, "remote");
}

// Glassdoor's pay is the 10th/50th/90th percentile of a range: the employer's own
// range when salarySource says so, else Glassdoor's estimate.
void fill_pay(aj::NewJob& job, const value& header) {
  auto lo = ajsrc::num(header, "payPeriodAdjustedPay.p10");
  auto hi = ajsrc::num(header, "payPeriodAdjustedPay.p90");
  std::string interval = interval_of(ajsrc::str(header, "payPeriod"));
  if ((!lo && !hi) || interval.empty()) return;
  if (lo) job.set(AJ_F_MIN_AMOUNT, *lo);
  if (hi) job.set(AJ_F_MAX_AMOUNT, *hi);
  job.set(AJ_F_INTERVAL, interval);
  set_if(job, AJ_F_CURRENCY, ajsrc::str(header, "payCurrency"));
  bool employer = ajsrc::lower(ajsrc::str(header, "salarySource")) == "employer_provided";
  job.set(AJ_F_SALARY_SOURCE, employer ? "direct_data" : "estimated");
  if (const auto* mid = ajsrc::at(header, "payPeriodAdjustedPay.p50"); ajsrc::num(mid))
    job.set_extra("glassdoor_pay_median", ajsrc::str(mid));
}

void fill_date(aj::NewJob& job, const value& header, const value& listing_job, std::time_t now) {
  if (auto d = ajsrc::iso_date_prefix(ajsrc::str(listing_job, "discoverDate")); !d.empty()) {
    job.set(AJ_F_DATE_POSTED, d);
  } else if (auto age = ajsrc::to_int64(ajsrc::num(header, "ageInDays")); age && *age >= 0 && *age <= now / 86400) {
    job.set(AJ_F_DATE_POSTED, ajsrc::iso_date(now - *age * 86400));  // not before 1970, so no overflow
  }
}

void fill_job_type(aj::NewJob& job, const value& header) {
  std::string types;
  for (const auto& key : strings(at_or_null(header, "jobTypeKeys"))) {
    // Keys read like "JOB_TYPE.fulltime"; the last part names the type.
    std::string t = ajsrc::job_type(key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1));
    if (!t.empty() && types.find(t) == std::string::npos) types += (types.empty() ? "" : ", ") + t;
  }
  set_if(job, AJ_F_JOB_TYPE, types);
}

}  // namespace

std::string listing_id(const value& listing) {
  std::string id = ajsrc::str(listing, "jobview.job.listingId");
  return id.empty() ? ajsrc::str(listing, "jobview.header.jobListingId") : id;
}

std::vector<std::string> emails_in(std::string_view text) {
  auto local = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._%+-").find(c) != std::string_view::npos; };
  auto domain = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; };
  std::vector<std::string> out;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t b = at, e = at + 1;
    while (b > 0 && local(text[b - 1])) --b;
    while (e < text.size() && domain(text[e])) ++e;
    while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;  // the sentence's full stop
    std::string_view user = text.substr(b, at - b), host = text.substr(at + 1, e - at - 1);
    auto dot = host.rfind('.');
    if (user.empty() || dot == std::string_view::npos || dot == 0 || host.size() - dot - 1 < 2) continue;
    std::string email = ajsrc::lower(text.substr(b, e - b));
    if (std::find(out.begin(), out.end(), email) == out.end()) out.push_back(std::move(email));
  }
  return out;
}

void set_description(aj::NewJob& job, std::string_view text) {
  if (text.empty()) return;
  job.set(AJ_F_DESCRIPTION, text);
  job.clear(AJ_F_EMAILS);
  for (const auto& e : emails_in(text)) job.add(AJ_F_EMAILS, e);
}

void fill_job(aj::NewJob& job, const value& listing, const std::string& base, std::time_t now) {
  const value& header = at_or_null(listing, "jobview.header");
  const value& lj = at_or_null(listing, "jobview.job");
  const value& overview = at_or_null(listing, "jobview.overview");
  std::string id = listing_id(listing);
  job.set(AJ_F_ID, id);
  job.set(AJ_F_SITE, "glassdoor");
  std::string title = ajsrc::str(header, "jobTitleText");
  if (title.empty()) title = ajsrc::str(lj, "jobTitleText");
  set_if(job, AJ_F_TITLE, ajsrc::trim(title));

  std::string url = absolute(ajsrc::str(header, "seoJobLink"), base);
  if (url.empty()) url = absolute(ajsrc::str(header, "jobLink"), base);
  job.set(AJ_F_JOB_URL, url.empty() ? base + "/job-listing/j?jl=" + id : url);

  fill_company(job, header, overview, base);
  fill_place(job, header);
  fill_date(job, header, lj, now);
  fill_job_type(job, header);
  fill_pay(job, header);
  if (auto level = ajsrc::lower(ajsrc::str(header, "adOrderSponsorshipLevel")); !level.empty())
    job.set(AJ_F_LISTING_TYPE, level);

  // The search gives a few lines of the description; the whole one takes a request per
  // listing (fetch_descriptions), which replaces this.
  std::string snippet;
  for (const auto& line : strings(at_or_null(lj, "descriptionFragmentsText")))
    snippet += (snippet.empty() ? "" : "\n") + ajsrc::html_to_text(line);
  if (!snippet.empty()) {
    set_description(job, snippet);
    job.set_extra("description_is_snippet", "true");
  }
}

}  // namespace glassdoor
