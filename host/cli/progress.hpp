// Progress bars on stderr while a pipeline runs (only on a terminal).
#pragma once

#include "pipeline/engine.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace aj::host {

class ProgressDisplay {
 public:
  explicit ProgressDisplay(std::function<ProgressSnapshot()> snapshot);
  ~ProgressDisplay();  // stops and erases the bars

 private:
  void loop();
  void draw_locked();
  void clear_locked();

  std::function<ProgressSnapshot()> snapshot_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int lines_drawn_ = 0;
  std::thread thread_;
};

}  // namespace aj::host
