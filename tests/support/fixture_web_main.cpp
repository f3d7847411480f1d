// aj-fixture-web: the fixture web as a program, for benchmarks (bench/http)
// and manual runs. Prints "listening http://127.0.0.1:PORT" once, then serves
// until SIGINT/SIGTERM or until stdin (a pipe) reaches EOF, so a parent script
// stops it by closing the pipe.
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>

#include "fixture_web.hpp"

namespace asio = boost::asio;

namespace {

constexpr const char* kUsage =
    "usage: aj-fixture-web --root DIR [--routes FILE] [--port N] [--latency-ms N]\n"
    "  --root DIR        files served for paths no route matches\n"
    "  --routes FILE     routes with faults (format: tests/fixtures/web/README.md)\n"
    "  --port N          port on 127.0.0.1 (default: a free one)\n"
    "  --latency-ms N    latency added to every request\n";

int usage_error(const std::string& what) {
  std::cerr << "aj-fixture-web: " << what << "\n" << kUsage;
  return 2;
}

// Only a pipe or socket: /dev/null would end at once, and reading a terminal
// from the background would stop the process (SIGTTIN).
bool stdin_is_a_pipe() {
  struct stat st {};
  return fstat(STDIN_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

}  // namespace

int main(int argc, char** argv) {
  std::string root, routes;
  int port = 0, latency_ms = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (i + 1 == argc) return usage_error("missing value for " + arg);
    const std::string value = argv[++i];
    try {
      if (arg == "--root") root = value;
      else if (arg == "--routes") routes = value;
      else if (arg == "--port") port = std::stoi(value);
      else if (arg == "--latency-ms") latency_ms = std::stoi(value);
      else return usage_error("unknown option " + arg);
    } catch (const std::exception&) {
      return usage_error("not a number: " + arg + " " + value);
    }
  }
  if (root.empty()) return usage_error("--root is required");
  if (port < 0 || port > 65535 || latency_ms < 0) return usage_error("--port or --latency-ms out of range");

  try {
    aj::test::FixtureWeb web(root, static_cast<uint16_t>(port));
    web.set_extra_latency_ms(latency_ms);
    if (!routes.empty()) web.load_routes(routes);
    std::cout << "listening " << web.url("") << std::endl;

    // The server has its own thread; this one only waits for the signal to stop.
    asio::io_context io;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
    asio::posix::stream_descriptor input(io);
    std::array<char, 4096> sink;
    std::function<void(const boost::system::error_code&, size_t)> drain =
        [&](const boost::system::error_code& ec, size_t) {
          if (ec) return io.stop();  // EOF: the parent closed the pipe
          input.async_read_some(asio::buffer(sink), drain);
        };
    if (stdin_is_a_pipe()) {
      input.assign(::dup(STDIN_FILENO));
      input.async_read_some(asio::buffer(sink), drain);
    }
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "aj-fixture-web: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
