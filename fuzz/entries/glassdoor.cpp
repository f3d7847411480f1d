// Glassdoor: the home page's anti-forgery token, the location suggestions, a
// JobSearchResultsQuery page (each listing as a job record) and a job's detail,
// all read from the one input as the plugin reads each answer.
#include "entries.hpp"
#include "source_harness.hpp"

#include "glassdoor_api.hpp"
#include "glassdoor_job.hpp"

#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>

int aj_fuzz_glassdoor(const uint8_t* data, size_t size) {
  aj::fuzz::use_host_api();
  std::string_view text = aj::fuzz::text_of(data, size);
  (void)glassdoor::csrf_token(text);
  boost::json::value answer;
  try {
    answer = ajsrc::parse_json(text, "fuzz");
  } catch (const aj::SourceError&) {
    return 0;  // not JSON: every JSON answer fails the same way
  }
  try {
    (void)glassdoor::first_place(answer, "ca", "fuzz");
  } catch (const aj::SourceError&) {
  }
  try {
    auto page = glassdoor::read_page(answer, "fuzz");
    for (const auto& listing : *page.listings) {
      if (glassdoor::listing_id(listing).empty()) continue;
      aj::NewJob job(aj::detail::api()->job_new(nullptr));
      glassdoor::fill_job(job, listing, "https://www.glassdoor.ca", std::time_t{1767225600});
    }
    (void)page.cursor_for(2);
  } catch (const aj::SourceError&) {
  }
  if (std::string html = glassdoor::detail_description(answer); !html.empty()) {
    aj::NewJob job(aj::detail::api()->job_new(nullptr));
    glassdoor::set_description(job, ajsrc::html_to_text(html));
  }
  return 0;
}
