// Text, dates, places and pay as job boards write them.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ajsrc {

std::string trim(std::string_view s);
std::string lower(std::string_view s);
/// Runs of whitespace as one space, trimmed.
std::string collapse_spaces(std::string_view s);

/// YYYY-MM-DD (UTC) of a Unix time in seconds / milliseconds.
std::string iso_date(std::time_t seconds);
std::string iso_date_from_ms(int64_t epoch_ms);
/// The first YYYY-MM-DD in an ISO 8601 timestamp ("2024-09-12T10:00:00Z"), or "".
std::string iso_date_prefix(std::string_view timestamp);
/// Dates written relative to now: "Posted Today", "Posted Yesterday", "Posted 3 Days Ago",
/// "Posted 30+ Days Ago", "2 weeks ago", "5 hours ago", "just posted". "" when unreadable.
std::string relative_date(std::string_view text, std::time_t now);
/// RFC 822 dates of RSS ("Tue, 10 Jun 2003 04:00:00 GMT") as YYYY-MM-DD, or "".
std::string rfc822_date(std::string_view text);

/// "Toronto, ON, Canada" -> city Toronto, state ON, country Canada; "Toronto, ON"
/// -> city, state; "Remote" -> nothing. Parts are trimmed.
struct Place {
  std::string city, state, country;
};
Place split_place(std::string_view location);

/// fulltime | parttime | contract | internship | temporary from what boards
/// write ("Full-time", "FULL_TIME", "FullTime", "Permanent", "Contractor", ...);
/// "" when unknown.
std::string job_type(std::string_view text);

/// Pay: amounts, interval (yearly | monthly | weekly | daily | hourly) and
/// ISO currency.
struct Pay {
  std::optional<double> min, max;
  std::string interval, currency;
  bool empty() const { return !min && !max; }
};
/// Reads pay as boards print it: "$80,000.00/yr - $100,000.00/yr",
/// "CA$25/hr", "€50K–€70K a year", "85 000 - 95 000 SEK per month". The currency
/// defaults to `default_currency` when only "$" is given.
Pay parse_pay(std::string_view text, std::string_view default_currency = "USD");
/// yearly | monthly | weekly | daily | hourly from "YEAR", "per hour", "HOURLY", "annual", ...; "" otherwise.
std::string pay_interval(std::string_view text);

/// Splits on a separator, trimming parts and dropping empty ones.
std::vector<std::string> split(std::string_view s, char sep);

}  // namespace ajsrc
