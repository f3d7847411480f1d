// Fetching a batch's pages concurrently: up to `parallel` requests in flight
// through the host's asynchronous HTTP service (fetch_async is callable from
// the plugin's call while it runs; the blocking fetch is for the worker thread
// only, see http.h), answers handed back on the calling thread, where the job
// may be read and written. Politeness per host stays the HTTP service's job.
#pragma once

#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace describe {

class FetchQueue {
 public:
  using OnAnswer = std::function<void(std::size_t index, aj::HttpResponse& response)>;
  using OnRefused = std::function<void(std::size_t index)>;

  FetchQueue(const aj::Http& http, aj::Context& ctx, std::size_t parallel)
      : http_(http), ctx_(ctx), parallel_(parallel ? parallel : 1), state_(std::make_shared<State>()) {}

  /// Waits for every request still in flight: the host wants each request
  /// finished before the plugin call that started it returns.
  ~FetchQueue() {
    std::unique_lock lock(state_->mutex);
    state_->cv.wait(lock, [&] { return state_->finished == started_; });
  }
  FetchQueue(const FetchQueue&) = delete;
  FetchQueue& operator=(const FetchQueue&) = delete;

  /// Fetches every request; `on_answer` runs here, in arrival order. Once the
  /// run is cancelled no request is started and answers still arriving are
  /// dropped. `on_refused` runs for a request the service would not take.
  void run(const std::vector<aj::HttpRequest>& requests, const OnAnswer& on_answer, const OnRefused& on_refused) {
    std::size_t next = 0, in_flight = 0;
    auto start_more = [&] {
      while (!ctx_.cancelled() && in_flight < parallel_ && next < requests.size()) {
        const std::size_t index = next++;
        auto st = state_;
        ++started_;
        bool queued = http_.fetch_async(ctx_, requests[index], [st, index](aj::HttpResponse r) {
          std::lock_guard lock(st->mutex);
          ++st->finished;
          try {
            st->answers.emplace_back(index, std::move(r));
          } catch (...) {
            ++st->lost;  // out of memory: the answer is dropped, never waited for
          }
          st->cv.notify_all();
        });
        if (queued) {
          ++in_flight;
        } else {
          --started_;
          on_refused(index);
        }
      }
    };
    for (;;) {
      start_more();
      if (in_flight == 0 && (ctx_.cancelled() || next == requests.size())) return;

      std::deque<std::pair<std::size_t, aj::HttpResponse>> arrived;
      {
        std::unique_lock lock(state_->mutex);
        // Wakes now and then to notice a cancelled run.
        state_->cv.wait_for(lock, std::chrono::milliseconds(200),
                            [&] { return !state_->answers.empty() || state_->lost; });
        arrived.swap(state_->answers);
        in_flight -= state_->lost + arrived.size();
        state_->lost = 0;
      }
      // The next requests go out before these answers are read: reading a
      // wave of pages would otherwise keep every slot idle meanwhile.
      start_more();
      for (auto& [index, response] : arrived)
        if (!ctx_.cancelled()) on_answer(index, response);
    }
  }

 private:
  // Shared with the completion callbacks, which run on the host's I/O thread.
  struct State {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::pair<std::size_t, aj::HttpResponse>> answers;
    std::size_t finished = 0;  // callbacks run
    std::size_t lost = 0;      // answers that could not be queued, not yet counted by run()
  };

  const aj::Http& http_;
  aj::Context& ctx_;
  std::size_t parallel_;
  std::shared_ptr<State> state_;
  std::size_t started_ = 0;
};

}  // namespace describe
