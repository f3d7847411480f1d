// The bounded queue between stages: backpressure and draining after close.
#include "pipeline/bounded_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using aj::host::BoundedQueue;

TEST(BoundedQueue, NeverHoldsMoreThanItsCapacityAndKeepsOrder) {
  BoundedQueue<int> q(3);
  std::atomic<std::size_t> max_seen{0};
  std::thread producer([&] {
    for (int i = 0; i < 10000; ++i) {
      int v = i;
      ASSERT_TRUE(q.push(v));
      std::size_t n = q.size();
      std::size_t prev = max_seen.load();
      while (n > prev && !max_seen.compare_exchange_weak(prev, n)) {
      }
    }
    q.close();
  });
  std::vector<int> got;
  std::vector<int> batch;
  while (q.pop_some(batch, 2)) {
    EXPECT_LE(batch.size(), 2u);
    got.insert(got.end(), batch.begin(), batch.end());
    batch.clear();
  }
  producer.join();
  ASSERT_EQ(got.size(), 10000u);
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(got[i], i);
  EXPECT_LE(max_seen.load(), 3u);
}

TEST(BoundedQueue, CloseLetsConsumersDrainThenStop) {
  BoundedQueue<int> q(10);
  for (int i = 0; i < 5; ++i) {
    int v = i;
    q.push(v);
  }
  q.close();
  int late = 99;
  EXPECT_FALSE(q.push(late));
  EXPECT_EQ(late, 99) << "a refused value is left with the caller";
  std::vector<int> out;
  EXPECT_EQ(q.pop_some(out, 100), 5u);
  EXPECT_EQ(q.pop_some(out, 100), 0u);
}

// Either order ends the same way: close() before the second push refuses it,
// close() while it waits wakes it. A close() that failed to wake a waiting
// producer would hang this test until CTest's timeout fails it.
TEST(BoundedQueue, ABlockedProducerIsReleasedByClose) {
  BoundedQueue<int> q(1);
  int first = 1;
  q.push(first);
  std::thread producer([&] {
    int second = 2;
    EXPECT_FALSE(q.push(second));  // blocks: full; close() releases it
  });
  q.close();
  producer.join();
}
