// bench/http's driver: fetches N pages from a fixture web through the host's
// HTTP client (the same code plugins get through "aj.http.v1"), all submitted
// at once, with a per-host limit, and prints wall time, the ideal time and CPU.
//
// usage: aj-http-bench URL_PREFIX REQUESTS PER_HOST LATENCY_MS
//   fetches URL_PREFIX1 .. URL_PREFIX<REQUESTS>
#include "http/client.hpp"

#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s URL_PREFIX REQUESTS PER_HOST LATENCY_MS\n", argv[0]);
    return 2;
  }
  const std::string prefix = argv[1];
  const int n = std::atoi(argv[2]), per_host = std::atoi(argv[3]);
  const double latency_ms = std::atof(argv[4]);

  aj::http::ServiceSettings s;
  s.defaults.max_per_host = per_host;
  s.defaults.robots = false;  // one request more would blur the ideal time
  s.max_total = per_host;
  aj::http::Client client(s, [](int level, const std::string& m) {
    if (level >= 3) std::fprintf(stderr, "%s\n", m.c_str());
  });

  std::mutex m;
  std::condition_variable cv;
  int left = n, failed = 0;
  uint64_t bytes = 0;
  double cpu0 = cpu_seconds();
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 1; i <= n; ++i) {
    aj::http::Request r;
    r.url = prefix + std::to_string(i);
    client.submit(std::move(r), {}, [&](aj::http::Response resp) {
      std::lock_guard lock(m);
      if (resp.failure != aj::http::Failure::none || resp.status != 200) ++failed;
      bytes += resp.body.size();
      if (--left == 0) cv.notify_one();
    });
  }
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return left == 0; });
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = cpu_seconds() - cpu0;
  double ideal = n * latency_ms / 1000.0 / per_host;
  // One line, space-separated, for the script: wall ideal efficiency cpu_per_1000 failed bytes
  std::printf("%.3f %.3f %.4f %.4f %d %llu\n", wall, ideal, ideal / wall, cpu * 1000.0 / n, failed,
              static_cast<unsigned long long>(bytes));
  return failed ? 1 : 0;
}
