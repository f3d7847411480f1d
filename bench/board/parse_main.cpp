// aj-parse-bench: the floor for bench/run-all. Parses every *.html file in a
// folder with libxml2's HTML parser, with the options the describe enricher
// uses, and nothing else: no extraction, no storage, no HTTP. Prints the
// process CPU seconds of each pass and of the median pass.
//
// usage: aj-parse-bench DIR [PASSES]
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: aj-parse-bench DIR [PASSES]\n";
    return 2;
  }
  const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::string> pages;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << f.rdbuf();
    pages.push_back(text.str());
  }
  if (pages.empty()) {
    std::cerr << "aj-parse-bench: no .html files in " << argv[1] << "\n";
    return 1;
  }
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                           HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD;
  std::vector<double> times;
  for (int p = 0; p < passes; ++p) {
    double t0 = cpu_seconds();
    for (const auto& page : pages) {
      htmlDocPtr doc = htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8", kOptions);
      if (!doc) {
        std::cerr << "aj-parse-bench: libxml2 returned no document\n";
        return 1;
      }
      xmlFreeDoc(doc);
    }
    times.push_back(cpu_seconds() - t0);
  }
  std::sort(times.begin(), times.end());
  std::cout << "pages " << pages.size() << "\ncpu_s_median " << times[times.size() / 2] << "\n";
  return 0;
}
