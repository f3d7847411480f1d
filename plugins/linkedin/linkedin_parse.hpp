// Reading LinkedIn's guest pages: search result cards and a job's own page.
// Pure functions of the HTML, so that tests can feed them captured pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linkedin {

struct Card {
  std::string id, title, company, company_url, company_logo, location, date_posted, job_url, salary, benefits;
};

struct CardPage {
  std::vector<Card> cards;
  bool looks_like_cards = false;  // the page had list items or card markup (so zero cards means the layout changed)
};

/// The cards of one page of /jobs-guest/jobs/api/seeMoreJobPostings/search.
CardPage parse_cards(std::string_view html);

/// A job's own page (/jobs/view/{id}).
struct Detail {
  std::string description;  // plain text
  std::string seniority, employment_type, industries, job_function;
  std::string apply_url;    // the employer's or ATS's page, from code#applyUrl
  bool has_markup = false;  // the description block was there
};
Detail parse_detail(std::string_view html);

/// The value of query parameter `name` in `url`, percent-decoded; "" when absent.
std::string query_param(std::string_view url, std::string_view name);

}  // namespace linkedin
