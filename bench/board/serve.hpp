// The board on the fixture web: its search pages on one host, its employer
// pages on another (bench/run-all's server and tests/host/crash_test.cpp).
#pragma once

#include "board.hpp"
#include "fixture_web.hpp"

#include <cstdlib>
#include <functional>
#include <string_view>

namespace bench_board {

/// Sets board.pages_base and the routes; `board` must outlive the servers.
/// `on_page` runs on the server's thread as each employer page is asked for.
inline void serve(Board& board, aj::test::FixtureWeb& search, aj::test::FixtureWeb& pages,
                  std::function<void()> on_page = {}) {
  board.pages_base = pages.url("");
  pages.add({.path = "/careers/*",
             .generate =
                 [&board, on_page](std::string_view path, std::string_view) {
                   if (on_page) on_page();
                   return board.detail_page(trailing_number(path));
                 },
             .content_type = "text/html; charset=utf-8"});
  search.add({.path = "/jobs-guest/jobs/api/seeMoreJobPostings/search",
              .generate = [&board](std::string_view, std::string_view query) {
                return board.search_page(query_param(query, "keywords"),
                                         std::atoll(query_param(query, "start").c_str()));
              },
              .content_type = "text/html; charset=utf-8"});
}

}  // namespace bench_board
