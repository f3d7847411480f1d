#include "log/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdio>
#include <mutex>

namespace aj::host {
namespace {

std::mutex overlay_mutex;
std::function<void()> overlay_before, overlay_after;

// stderr with an optional overlay hook and colour for the level on a TTY.
class ConsoleSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit ConsoleSink(bool tty) : tty_(tty) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::string text(formatted.data(), formatted.size());
    if (tty_) {
      const char* colour = msg.level >= spdlog::level::err ? "\x1b[31m" : msg.level == spdlog::level::warn ? "\x1b[33m" : "";
      if (*colour) text = colour + text.substr(0, text.size() - 1) + "\x1b[0m\n";
    }
    std::lock_guard lock(overlay_mutex);
    if (overlay_before) overlay_before();
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
    if (overlay_after) overlay_after();
  }
  void flush_() override { std::fflush(stderr); }

 private:
  bool tty_;
};

}  // namespace

void set_console_overlay(std::function<void()> before, std::function<void()> after) {
  std::lock_guard lock(overlay_mutex);
  overlay_before = std::move(before);
  overlay_after = std::move(after);
}

void with_console(const std::function<void()>& fn) {
  std::lock_guard lock(overlay_mutex);
  fn();
}

bool setup_logging(const LogSettings& s, std::string& error) {
  auto level = spdlog::level::from_str(s.level);
  if (level == spdlog::level::off && s.level != "off") {
    error = "unknown log level '" + s.level + "'; use trace, debug, info, warn or error";
    return false;
  }
  bool tty = isatty(STDERR_FILENO) != 0;
  auto console = std::make_shared<ConsoleSink>(tty);
  console->set_pattern(tty ? "%l: %v" : "%Y-%m-%dT%H:%M:%S.%e %l: %v");
  std::vector<spdlog::sink_ptr> sinks{console};
  if (!s.file.empty()) {
    try {
      auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          s.file, static_cast<std::size_t>(s.max_size_mb) * 1024 * 1024, static_cast<std::size_t>(s.max_files));
      file->set_pattern("%Y-%m-%dT%H:%M:%S.%e [%t] %l: %v");
      sinks.push_back(file);
    } catch (const std::exception& e) {
      error = "log file " + s.file + ": " + e.what();
      return false;
    }
  }
  auto logger = std::make_shared<spdlog::logger>("ajhost", sinks.begin(), sinks.end());
  logger->set_level(level);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  return true;
}

}  // namespace aj::host
