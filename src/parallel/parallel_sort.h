// parallel_sort: std::sort on up to `threads` threads. The range is cut in halves that are
// sorted at the same time (recursively, the threads shared between them) and then merged in
// place. For an order under which no two elements are equivalent, the result is exactly
// std::sort's; otherwise equivalent elements may end up in another order. Short ranges, or one
// thread, are sorted by std::sort on the calling thread; so is a half whose thread cannot be
// started. No I/O.
#pragma once

#include <algorithm>
#include <cstddef>
#include <system_error>
#include <thread>

namespace relgraph {

template <class RandomIt, class Less>
void parallel_sort(RandomIt first, RandomIt last, Less less, unsigned threads,
                   std::ptrdiff_t min_half = 8192) {
  const std::ptrdiff_t n = last - first;
  if (threads <= 1 || n < 2 * min_half) {
    std::sort(first, last, less);
    return;
  }
  const RandomIt mid = first + n / 2;
  const unsigned left_threads = threads / 2;
  std::thread left;
  try {
    left = std::thread([&] { parallel_sort(first, mid, less, left_threads, min_half); });
  } catch (const std::system_error&) {
    std::sort(first, last, less);
    return;
  }
  parallel_sort(mid, last, less, threads - left_threads, min_half);
  left.join();
  std::inplace_merge(first, mid, last, less);
}

}  // namespace relgraph
