#include "indeed_job.hpp"

#include "indeed_graphql.hpp"

#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>

#include <algorithm>
#include <cctype>

namespace indeed {
namespace {

using boost::json::value;

bool null_or_absent(const value* v) { return !v || v->is_null(); }

void set_if(aj::NewJob& job, aj::Field f, const std::string& v) {
  if (!v.empty()) job.set(f, v);
}

// unitOfWork -> our interval names.
std::string interval_of(std::string_view unit) {
  std::string u = ajsrc::lower(unit);
  if (u == "year") return "yearly";
  if (u == "month") return "monthly";
  if (u == "week") return "weekly";
  if (u == "day") return "daily";
  if (u == "hour") return "hourly";
  return ajsrc::pay_interval(unit);
}

// Letters and digits only, lower case: "Full-time" -> "fulltime".
std::string squash(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What the attributes of a job say: job types, where it is worked, and the rest.
struct Attributes {
  std::vector<std::string> job_types, other;
  bool remote = false, hybrid = false, onsite = false;
};

std::string job_type_of_attribute(std::string_view key, std::string_view label) {
  if (key == "CF3CP") return "fulltime";
  if (key == "75GKK") return "parttime";
  if (key == "NJXCK") return "contract";
  if (key == "VDTG7") return "internship";
  // Labels that are exactly a job type (a skill such as "Contract management" is not).
  std::string l = squash(label);
  if (l == "fulltime" || l == "permanent") return "fulltime";
  if (l == "parttime") return "parttime";
  if (l == "contract" || l == "fixedtermcontract" || l == "freelance") return "contract";
  if (l == "internship" || l == "internshipcoop" || l == "coop") return "internship";
  if (l == "temporary" || l == "casual" || l == "seasonal") return "temporary";
  return "";
}

Attributes read_attributes(const value& job) {
  Attributes a;
  const auto* list = ajsrc::array(job, "attributes");
  if (!list) return a;
  for (const auto& item : *list) {
    std::string key = ajsrc::str(item, "key"), label = ajsrc::str(item, "label");
    std::string l = squash(label);
    if (auto t = job_type_of_attribute(key, label); !t.empty()) {
      if (std::find(a.job_types.begin(), a.job_types.end(), t) == a.job_types.end()) a.job_types.push_back(t);
    } else if (key == kRemoteKey || l == "remote" || l == "workfromhome" || l == "fullyremote") {
      a.remote = true;
    } else if (key == kHybridKey || l.rfind("hybrid", 0) == 0) {
      a.hybrid = true;
    } else if (l == "inperson" || l == "onsite") {
      a.onsite = true;
    } else if (!label.empty()) {
      a.other.push_back(label);
    }
  }
  return a;
}

void fill_attributes(aj::NewJob& job, const value& j, std::string_view place) {
  Attributes a = read_attributes(j);
  std::string types;
  for (const auto& t : a.job_types) types += (types.empty() ? "" : ", ") + t;
  set_if(job, AJ_F_JOB_TYPE, types);
  std::string where = ajsrc::lower(place);
  bool remote = a.remote || where.find("remote") != std::string::npos;
  job.set(AJ_F_IS_REMOTE, remote && !a.hybrid);
  if (a.hybrid) job.set(AJ_F_WORK_ARRANGEMENT, "hybrid");
  else if (remote) job.set(AJ_F_WORK_ARRANGEMENT, "remote");
  else if (a.onsite) job.set(AJ_F_WORK_ARRANGEMENT, "onsite");
  if (!a.other.empty()) {
    std::string joined;
    for (const auto& o : a.other) joined += (joined.empty() ? "" : ", ") + o;
    job.set_extra("indeed_attributes", joined);  // skills, benefits, schedules as Indeed tags them
  }
}

// Structured pay: the employer's (baseSalary) first, else Indeed's estimate; else the
// salary text of the posting.
void fill_pay(aj::NewJob& job, const value& j, const Links& links) {
  const value* comp = ajsrc::at(j, "compensation");
  const value* base = comp ? ajsrc::at(*comp, "baseSalary") : nullptr;
  std::string source = "direct_data";
  std::string currency = comp ? ajsrc::str(*comp, "currencyCode") : "";
  if (null_or_absent(base) && comp) {
    base = ajsrc::at(*comp, "estimated.baseSalary");
    source = "estimated";  // Indeed's guess, not the employer's figure
    if (auto c = ajsrc::str(*comp, "estimated.currencyCode"); !c.empty()) currency = c;
  }
  ajsrc::Pay pay;
  if (!null_or_absent(base)) {
    pay.interval = interval_of(ajsrc::str(*base, "unitOfWork"));
    pay.min = ajsrc::num(*base, "range.min");
    pay.max = ajsrc::num(*base, "range.max");
    if (auto exactly = ajsrc::num(*base, "range.value")) pay.min = pay.max = exactly;
    pay.currency = currency;
  }
  if (pay.empty()) {
    std::string text = ajsrc::str(j, "recruit.detailedSalary");
    if (text.empty()) return;
    pay = ajsrc::parse_pay(text, currency.empty() ? links.currency : currency);
    source = "direct_data";
    if (pay.empty()) return;
  }
  if (pay.min) job.set(AJ_F_MIN_AMOUNT, *pay.min);
  if (pay.max) job.set(AJ_F_MAX_AMOUNT, *pay.max);
  set_if(job, AJ_F_INTERVAL, pay.interval);
  set_if(job, AJ_F_CURRENCY, pay.currency.empty() ? links.currency : pay.currency);
  job.set(AJ_F_SALARY_SOURCE, source);
}

void fill_employer(aj::NewJob& job, const value& j, const Links& links) {
  std::string name = ajsrc::str(j, "employer.name");
  if (name.empty()) name = ajsrc::str(j, "sourceEmployerName");
  set_if(job, AJ_F_COMPANY, name);
  const value* employer = ajsrc::at(j, "employer");
  if (null_or_absent(employer)) return;
  if (auto page = ajsrc::str(*employer, "relativeCompanyPageUrl"); !page.empty())
    job.set(AJ_F_COMPANY_URL, page.rfind("http", 0) == 0 ? page : links.web_base + page);
  if (auto rating = ajsrc::num(*employer, "ugcStats.ratings.overallRating.value"); rating && *rating > 0)
    job.set(AJ_F_COMPANY_RATING, *rating);
  if (auto count = ajsrc::to_int64(ajsrc::num(*employer, "ugcStats.ratings.overallRating.count")); count && *count > 0)
    job.set(AJ_F_COMPANY_REVIEWS_COUNT, *count);
  const value* dossier = ajsrc::at(*employer, "dossier");
  if (null_or_absent(dossier)) return;
  set_if(job, AJ_F_COMPANY_URL_DIRECT, ajsrc::str(*dossier, "links.corporateWebsite"));
  set_if(job, AJ_F_COMPANY_LOGO, ajsrc::str(*dossier, "images.squareLogoUrl"));
  set_if(job, AJ_F_COMPANY_INDUSTRY, industry_name(ajsrc::str(*dossier, "employerDetails.industry")));
  set_if(job, AJ_F_COMPANY_NUM_EMPLOYEES, ajsrc::str(*dossier, "employerDetails.employeesLocalizedLabel"));
  set_if(job, AJ_F_COMPANY_REVENUE, ajsrc::str(*dossier, "employerDetails.revenueLocalizedLabel"));
  set_if(job, AJ_F_COMPANY_DESCRIPTION, ajsrc::str(*dossier, "employerDetails.briefDescription"));
  set_if(job, AJ_F_COMPANY_ADDRESSES, ajsrc::str(*dossier, "employerDetails.addresses.0"));
}

// Returns the place as displayed.
std::string fill_location(aj::NewJob& job, const value& j) {
  const value* loc = ajsrc::at(j, "location");
  if (null_or_absent(loc)) return "";
  std::string city = ajsrc::str(*loc, "city"), state = ajsrc::str(*loc, "admin1Code");
  std::string shown = ajsrc::str(*loc, "formatted.long");
  if (shown.empty()) shown = ajsrc::str(*loc, "formatted.short");
  if (shown.empty()) shown = city + (city.empty() || state.empty() ? "" : ", ") + state;
  set_if(job, AJ_F_LOCATION, shown);
  set_if(job, AJ_F_CITY, city);
  set_if(job, AJ_F_STATE, state);
  set_if(job, AJ_F_COUNTRY, ajsrc::str(*loc, "countryCode"));
  return shown;
}

}  // namespace

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

std::string industry_name(std::string_view raw) {
  std::string s(raw);
  if (s.find('_') == std::string::npos) return ajsrc::trim(s);
  if (s.rfind("Iv1", 0) == 0) s.erase(0, 3);
  std::string out;
  bool start = true;
  for (char c : s) {
    if (c == '_' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      start = true;
      continue;
    }
    auto u = static_cast<unsigned char>(c);
    out += static_cast<char>(start ? std::toupper(u) : std::tolower(u));
    start = false;
  }
  return ajsrc::trim(out);
}

bool on_indeed(std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  std::string host = ajsrc::lower(rest.substr(0, rest.find_first_of("/?#")));
  if (auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);
  return host == "indeed.com" || (host.size() > 11 && host.compare(host.size() - 11, 11, ".indeed.com") == 0);
}

void fill_job(aj::NewJob& job, const value& j, const Links& links) {
  std::string key = ajsrc::str(j, "key");
  job.set(AJ_F_ID, key);
  job.set(AJ_F_SITE, "indeed");
  job.set(AJ_F_JOB_URL, links.web_base + "/viewjob?jk=" + key);
  set_if(job, AJ_F_TITLE, ajsrc::trim(ajsrc::str(j, "title")));

  // The apply page when it is the employer's (or its ATS's), not Indeed's own.
  if (auto direct = ajsrc::str(j, "recruit.viewJobUrl"); !direct.empty() && !on_indeed(direct))
    job.set(AJ_F_JOB_URL_DIRECT, direct);

  if (auto html = ajsrc::str(j, "description.html"); !html.empty()) {
    std::string text = ajsrc::html_to_text(html);
    set_if(job, AJ_F_DESCRIPTION, text);
    for (const auto& e : emails_in(text)) job.add(AJ_F_EMAILS, e);
  }
  fill_employer(job, j, links);
  std::string place = fill_location(job, j);

  auto published = ajsrc::to_int64(ajsrc::num(j, "datePublished"));
  if (!published || *published <= 0) published = ajsrc::to_int64(ajsrc::num(j, "dateOnIndeed"));
  if (published && *published > 0) set_if(job, AJ_F_DATE_POSTED, ajsrc::iso_date_from_ms(*published));

  fill_attributes(job, j, place);
  fill_pay(job, j, links);
  if (auto schedule = ajsrc::str(j, "recruit.workSchedule"); !schedule.empty()) job.set_extra("work_schedule", schedule);
}

}  // namespace indeed
