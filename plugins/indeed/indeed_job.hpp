// One jobSearch result of Indeed's API as a job record.
#pragma once

#include <autojobagent/plugin.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace indeed {

/// Where the job's links point and what a bare "$" means.
struct Links {
  std::string web_base;  // "https://ca.indeed.com": job and company pages
  std::string currency;  // the country's currency, for pay written as text only
};

/// Fills `job` from `job_json` (a result's "job" object). The key must be there.
void fill_job(aj::NewJob& job, const boost::json::value& job_json, const Links& links);

/// The e-mail addresses written in a text, each once, in order.
std::vector<std::string> emails_in(std::string_view text);

/// "Iv1_TECH_SOFTWARE" -> "Tech Software"; other text as it is.
std::string industry_name(std::string_view raw);

/// True when `url` is on indeed.com (or a subdomain): not an employer's own page.
bool on_indeed(std::string_view url);

}  // namespace indeed
