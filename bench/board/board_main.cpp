// aj-bench-board: bench/run-all's generated job board. Serves the search
// pages on one port and the employer pages on another (the HTTP service keeps
// limits per host, as it would for a board and the employers' sites), with a
// latency added to every answer; prints
//   search http://127.0.0.1:PORT
//   pages http://127.0.0.1:PORT
// and serves until stdin reaches EOF. With --dump DIR it writes the pages of
// the first query's first --dump-postings postings instead, for the Python
// peer and the raw-parse driver.
#include "serve.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr const char* kUsage =
    "usage: aj-bench-board [--postings N] [--queries Q] [--latency-ms MS]\n"
    "       aj-bench-board [--postings N] [--queries Q] --dump DIR [--dump-postings K]\n";

bool write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
  return static_cast<bool>(f);
}

}  // namespace

int main(int argc, char** argv) {
  bench_board::Board board;
  int latency_ms = 50, dump_postings = 1000;
  std::string dump;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (i + 1 == argc) throw std::invalid_argument("missing value for " + arg);
      const std::string value = argv[++i];
      if (arg == "--postings") board.postings = std::stoi(value);
      else if (arg == "--queries") board.queries = std::stoi(value);
      else if (arg == "--latency-ms") latency_ms = std::stoi(value);
      else if (arg == "--dump") dump = value;
      else if (arg == "--dump-postings") dump_postings = std::stoi(value);
      else throw std::invalid_argument("unknown option " + arg);
    }
    if (board.postings < 1 || board.queries < 1 || board.queries > board.postings)
      throw std::invalid_argument("--postings and --queries must be 1 or more, queries at most postings");
  } catch (const std::exception& e) {
    std::cerr << "aj-bench-board: " << e.what() << "\n" << kUsage;
    return 2;
  }

  if (!dump.empty()) {
    board.pages_base = "http://127.0.0.1:1";
    std::filesystem::create_directories(dump);
    const int k = std::min(dump_postings, board.per_query());
    for (int start = 0; start < k; start += board.page_size) {
      char name[32];
      std::snprintf(name, sizeof name, "search-%05d.html", start);
      if (!write(std::filesystem::path(dump) / name, board.search_page("q0", start))) return 1;
    }
    for (int n = 0; n < k; ++n) {
      char name[32];
      std::snprintf(name, sizeof name, "detail-%05d.html", n);
      if (!write(std::filesystem::path(dump) / name, board.detail_page(n))) return 1;
    }
    std::cout << k << " postings written to " << dump << "\n";
    return 0;
  }

  const std::filesystem::path empty = std::filesystem::temp_directory_path() / "aj-bench-board-empty";
  aj::test::FixtureWeb pages(empty), search(empty);
  pages.set_extra_latency_ms(latency_ms);
  search.set_extra_latency_ms(latency_ms);
  bench_board::serve(board, search, pages);
  std::cout << "search " << search.url("") << "\npages " << pages.url("") << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}
