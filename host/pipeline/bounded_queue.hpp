// A blocking queue with a capacity: a full queue makes producers wait
// (backpressure); close() lets consumers drain what is left and then stop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace aj::host {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}

  /// Waits while full. Returns false (dropping nothing: `value` is left as is)
  /// when the queue was closed.
  bool push(T& value) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(value));
    not_empty_.notify_one();
    return true;
  }

  /// Waits for at least one item, then takes up to `max`. Returns 0 once the
  /// queue is closed and empty.
  std::size_t pop_some(std::vector<T>& out, std::size_t max) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    std::size_t n = 0;
    while (n < max && !items_.empty()) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
      ++n;
    }
    if (n) not_full_.notify_all();
    return n;
  }

  /// Takes items as they arrive until `out` holds `max` of them, the queue is
  /// closed and empty, or `deadline` passes. Never blocks a producer: what
  /// arrives is taken at once.
  template <class Clock, class Duration>
  void pop_until(std::vector<T>& out, std::size_t max, std::chrono::time_point<Clock, Duration> deadline) {
    std::unique_lock lock(mutex_);
    while (out.size() < max) {
      if (!not_empty_.wait_until(lock, deadline, [&] { return closed_ || !items_.empty(); })) break;
      if (items_.empty()) break;  // closed
      while (out.size() < max && !items_.empty()) {
        out.push_back(std::move(items_.front()));
        items_.pop_front();
      }
      not_full_.notify_all();
    }
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace aj::host
