#include "cli/progress.hpp"

#include "log/logging.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace aj::host {

ProgressDisplay::ProgressDisplay(std::function<ProgressSnapshot()> snapshot) : snapshot_(std::move(snapshot)) {
  set_console_overlay([this] { clear_locked(); }, [this] { draw_locked(); });
  thread_ = std::thread([this] { loop(); });
}

ProgressDisplay::~ProgressDisplay() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  set_console_overlay({}, {});
  with_console([this] {
    clear_locked();
    std::fflush(stderr);
  });
}

void ProgressDisplay::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    // Drawn under the console lock, so log lines and bars never interleave.
    with_console([this] {
      clear_locked();
      draw_locked();
    });
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(150), [this] { return stopping_; });
  }
}

void ProgressDisplay::clear_locked() {
  for (int i = 0; i < lines_drawn_; ++i) std::fputs("\x1b[1A\x1b[2K", stderr);
  lines_drawn_ = 0;
}

void ProgressDisplay::draw_locked() {
  ProgressSnapshot s = snapshot_();
  std::string out;
  int lines = 0;
  for (const auto& src : s.sources) {
    char buf[256];
    if (src.total > 0) {
      double f = std::min(1.0, static_cast<double>(src.done) / static_cast<double>(src.total));
      int filled = static_cast<int>(f * 24);
      std::string bar = std::string(filled, '#') + std::string(24 - filled, '-');
      std::snprintf(buf, sizeof buf, "%-16.16s [%s] %3d%%  %llu found%s\n", src.id.c_str(), bar.c_str(),
                    static_cast<int>(f * 100), static_cast<unsigned long long>(src.found), src.finished ? "  done" : "");
    } else {
      std::snprintf(buf, sizeof buf, "%-16.16s %llu found%s\n", src.id.c_str(), static_cast<unsigned long long>(src.found),
                    src.finished ? "  done" : "");
    }
    out += buf;
    ++lines;
  }
  char tail[128];
  if (s.limit > 0)
    std::snprintf(tail, sizeof tail, "stored %llu of at most %lld\n", static_cast<unsigned long long>(s.stored),
                  static_cast<long long>(s.limit));
  else
    std::snprintf(tail, sizeof tail, "stored %llu\n", static_cast<unsigned long long>(s.stored));
  out += tail;
  ++lines;
  std::fputs(out.c_str(), stderr);
  std::fflush(stderr);
  lines_drawn_ = lines;
}

}  // namespace aj::host
