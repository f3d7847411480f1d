// A generated job board for bench/run-all: LinkedIn-shaped search pages (the
// guest API's list of cards, markup copied from the real capture in
// tests/fixtures/web/linkedin/) whose cards link to employer pages on a second
// host, each a JSON-LD JobPosting page (like the jobseek captures in
// ../shared/realdata/jsonld/) wrapped in a career site's chrome and a rail of
// similar jobs. Everything follows from the posting number, so the same
// posting always gives the same page, in the server and in the dumps the
// Python peer and the raw-parse driver read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bench_board {

struct Board {
  int postings = 10000;   // in all
  int queries = 10;       // search terms "q0" .. "q<queries-1>", postings split evenly between them
  int page_size = 10;     // cards per search page, as LinkedIn's guest API
  std::string pages_base;  // "http://127.0.0.1:PORT" of the employer pages' host

  int per_query() const { return (postings + queries - 1) / queries; }
  /// The search page for `keywords` ("q3") from `start`; an empty list past the end.
  std::string search_page(std::string_view keywords, int64_t start) const;
  /// The employer page of posting `n` (0-based); "" when there is no such posting.
  std::string detail_page(int64_t n) const;
  /// The path of posting n's page on the pages host ("/careers/<company>/<n>").
  std::string detail_path(int64_t n) const;
};

/// The number at the end of a path ("/careers/acme/123" -> 123), -1 if none.
int64_t trailing_number(std::string_view path);
/// A query parameter's raw value ("" when absent); '+' and %XX are decoded.
std::string query_param(std::string_view query, std::string_view name);

}  // namespace bench_board
