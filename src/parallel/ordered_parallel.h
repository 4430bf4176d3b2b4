// ordered_parallel: run a function over a stream of items on several threads, deliver the
// results in input order.
//
// `produce` is called by one thread at a time (under a lock of its own, so other threads can hand
// in results meanwhile), one item at a time, until it returns nullopt; `work` runs on any of
// `threads` threads (the calling thread and threads - 1 others); `consume` is called in the order
// the items were produced, one call at a time, so whatever it builds is the same for any thread
// count. There is no consuming thread: the thread that hands in the result the next consume
// waits for runs consume, for it and for the results after it that are already there, then goes
// back to work; so `threads` threads are busy, never more. At most `window` items are in flight
// (produced but not yet handed to consume), so memory stays bounded however long the stream is.
// The first exception thrown by produce, work or consume stops the run and is rethrown to the
// caller once the threads have stopped. With threads <= 1 everything runs on the calling
// thread. No I/O of its own.
//
// ordered_parallel_ranges: the same over the numbers 0..count-1, cut into consecutive ranges.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace relgraph {

template <class In, class Out>
void ordered_parallel(unsigned threads, const std::function<std::optional<In>()>& produce,
                      const std::function<Out(In&)>& work,
                      const std::function<void(Out&&)>& consume, std::size_t window = 0) {
  if (threads <= 1) {
    while (std::optional<In> item = produce()) consume(work(*item));
    return;
  }
  if (window == 0) window = std::size_t{4} * threads;

  std::mutex mu;
  std::mutex produce_mu;            // held while produce runs (taken before mu, never after)
  std::condition_variable changed;  // a slot freed, or the run stopped
  std::size_t next_seq = 0;         // sequence number of the next item to produce
  std::size_t next_out = 0;         // sequence number of the next result to consume
  bool exhausted = false;
  bool stop = false;
  bool consuming = false;  // some thread is running consume
  std::exception_ptr error;
  std::map<std::size_t, Out> done;

  auto fail = [&](std::exception_ptr e) {
    // Called with `mu` held.
    if (!error) error = e;
    stop = true;
    changed.notify_all();
  };

  // Called with `lock` (on mu) held, after a result was handed in: unless another thread is at
  // it, consumes the results that are next in order, unlocking around each consume.
  auto consume_ready = [&](std::unique_lock<std::mutex>& lock) {
    if (consuming) return;  // that thread will find this result when its consume returns
    consuming = true;
    while (!stop) {
      auto it = done.find(next_out);
      if (it == done.end()) break;
      Out out = std::move(it->second);
      done.erase(it);
      ++next_out;
      changed.notify_all();  // a slot in the window is free
      lock.unlock();
      try {
        consume(std::move(out));
      } catch (...) {
        lock.lock();
        fail(std::current_exception());
        break;
      }
      lock.lock();
    }
    consuming = false;
  };

  auto worker = [&] {
    while (true) {
      std::optional<In> item;
      std::size_t seq = 0;
      {
        // One producer at a time, outside `mu`: a slow produce (reading files) does not hold up
        // the threads handing in and consuming results.
        std::unique_lock produce_lock(produce_mu);
        {
          std::unique_lock lock(mu);
          changed.wait(lock, [&] { return stop || exhausted || next_seq < next_out + window; });
          if (stop || exhausted) break;
        }
        // next_seq changes only under produce_mu and next_out only grows, so the window still
        // has room.
        std::exception_ptr produce_error;
        try {
          item = produce();
        } catch (...) {
          produce_error = std::current_exception();
        }
        std::lock_guard lock(mu);
        if (produce_error) {
          fail(produce_error);
          break;
        }
        if (!item) {
          exhausted = true;
          changed.notify_all();
          break;
        }
        seq = next_seq++;
      }
      try {
        Out out = work(*item);
        std::unique_lock lock(mu);
        done.emplace(seq, std::move(out));
        consume_ready(lock);
      } catch (...) {
        std::lock_guard lock(mu);
        fail(std::current_exception());
        break;
      }
    }
  };

  // Every result is consumed by the time the threads are done: the one that hands in the last
  // missing result of the sequence consumes the rest (or a thread consuming then finds it).
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  try {
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  } catch (...) {
    std::lock_guard lock(mu);
    fail(std::current_exception());
  }
  worker();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// Runs work(first, last) for consecutive ranges [first, last) of 0..count-1, `per_range`
// numbers each, on `threads` threads, and consume(result) for each range in order on the calling
// thread.
template <class Work, class Consume>
void ordered_parallel_ranges(unsigned threads, std::size_t count, const Work& work,
                             const Consume& consume, std::size_t per_range = 64) {
  using Out = std::invoke_result_t<const Work&, std::size_t, std::size_t>;
  std::size_t next = 0;
  ordered_parallel<std::size_t, Out>(
      threads,
      [&]() -> std::optional<std::size_t> {
        if (next >= count) return std::nullopt;
        const std::size_t first = next;
        next = std::min(count, next + per_range);
        return first;
      },
      [&](std::size_t& first) { return work(first, std::min(count, first + per_range)); },
      [&](Out&& out) { consume(std::move(out)); });
}

}  // namespace relgraph
