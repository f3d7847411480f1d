// One listing of Glassdoor's JobSearchResultsQuery as a job record.
#pragma once

#include <autojobagent/plugin.hpp>

#include <boost/json/value.hpp>

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace glassdoor {

/// The listing's id (jobview.job.listingId), or "" when it has none.
std::string listing_id(const boost::json::value& listing);

/// Fills `job` from one jobListings[] item. `base` is the Glassdoor site the search
/// ran on ("https://www.glassdoor.ca"), for links Glassdoor gives without a host;
/// `now` dates listings that only say how many days old they are.
void fill_job(aj::NewJob& job, const boost::json::value& listing, const std::string& base, std::time_t now);

/// Sets the description (plain text) and the e-mail addresses in it.
void set_description(aj::NewJob& job, std::string_view text);

/// The e-mail addresses written in a text, each once, in order.
std::vector<std::string> emails_in(std::string_view text);

}  // namespace glassdoor
