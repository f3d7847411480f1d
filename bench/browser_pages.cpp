// bench/browser's driver: opens, reads and closes PAGES pages through the
// browser service (the code plugins get through "aj.browser.v1"), from
// CALLERS threads at once, with at most TABS tabs open. Prints one line:
//   wall_s pages_per_minute peak_rss_mb peak_pss_mb peak_tabs p50_navigate_ms failures
// The browser is started (and one page loaded) before the clock starts.
//
// usage: aj-browser-bench URL PAGES TABS CALLERS
#include "browser/module.hpp"

#include <autojobagent/browser.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s URL PAGES TABS CALLERS\n", argv[0]);
    return 2;
  }
  const std::string url = argv[1];
  const int pages = std::atoi(argv[2]), tabs = std::atoi(argv[3]), callers = std::atoi(argv[4]);

  aj::browser::ModuleArgs a;
  a.settings.max_tabs = tabs;
  a.log = [](int level, const std::string& m) {
    if (level >= AJ_LOG_WARN) std::fprintf(stderr, "browser: %s\n", m.c_str());
  };
  a.component_of = [](aj_host*) { return std::string("bench"); };
  a.cancel_flag_of = [](aj_context*) { return static_cast<const std::atomic<bool>*>(nullptr); };
  std::string error;
  std::unique_ptr<aj::browser::Module> module(aj::browser::create_module(a, error));
  if (!module) {
    std::fprintf(stderr, "cannot start the browser service: %s\n", error.c_str());
    return 2;
  }
  aj::Browser browser(module->table(), nullptr);
  // One page to start the browser and warm its caches: not timed.
  {
    auto [r, tab] = browser.open(static_cast<aj_context*>(nullptr), {});
    if (!r || !tab.navigate(url + "?warm=1")) {
      std::fprintf(stderr, "warm-up failed: %s\n", r.error.c_str());
      return 2;
    }
  }

  // Read = every job card's title, company and link, as a source plugin would.
  const char* read_js =
      "[...document.querySelectorAll('li')].map(li => [li.querySelector('h3')?.innerText,"
      " li.querySelector('h4')?.innerText, li.querySelector('a')?.href]).filter(x => x[0]).length";
  std::atomic<int> next{0}, failures{0}, cards{0};
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < callers; ++c)
    threads.emplace_back([&] {
      for (int i; (i = next.fetch_add(1)) < pages;) {
        auto [r, tab] = browser.open(static_cast<aj_context*>(nullptr), {});
        if (!r) {
          ++failures;
          continue;
        }
        auto nav = tab.navigate(url + "?page=" + std::to_string(i));
        auto read = nav ? tab.evaluate(read_js) : nav;
        if (!read) {
          std::fprintf(stderr, "page %d: %s\n", i, read.error.c_str());
          ++failures;
        } else {
          cards += std::atoi(read.value.c_str());
        }
        tab.close();
      }
    });
  for (auto& t : threads) t.join();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto s = module->stats();
  double p50 = 0;
  for (const auto& op : s.ops)
    if (op.op == "navigate") p50 = op.p50_ms;
  std::printf("%.3f %.1f %.1f %.1f %d %.1f %d %d\n", wall, pages / wall * 60.0, s.peak_rss_bytes / 1048576.0,
              s.peak_pss_bytes / 1048576.0, s.peak_tabs, p50, failures.load(), cards.load());
  return failures ? 1 : 0;
}
