// Unit tests for the pipeline stage: the ordered parallel runner and the Extractor's
// independence from the thread that runs it.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

#include "parallel/ordered_parallel.h"
#include "parallel/parallel_sort.h"
#include "pipeline/extractor.h"
#include "rules/rule_parser.h"

namespace relgraph {

namespace {

// Runs ordered_parallel over 0..n-1 with `work` = square after a delay that makes early items
// finish last, and returns what consume saw.
std::vector<long> run_squares(unsigned threads, long n, std::size_t window = 0) {
  long next = 0;
  std::vector<long> seen;
  ordered_parallel<long, long>(
      threads,
      [&]() -> std::optional<long> {
        if (next == n) return std::nullopt;
        return next++;
      },
      [&](long& x) {
        std::this_thread::sleep_for(std::chrono::microseconds((n - x) % 7 * 50));
        return x * x;
      },
      [&](long&& y) { seen.push_back(y); }, window);
  return seen;
}

}  // namespace

TEST_CASE("ordered_parallel: results arrive in input order for any thread count") {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    const std::vector<long> seen = run_squares(threads, 200);
    REQUIRE(seen.size() == 200);
    for (long i = 0; i < 200; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i * i);
  }
  CHECK(run_squares(4, 0).empty());
  CHECK(run_squares(4, 1) == std::vector<long>{0});
}

TEST_CASE("ordered_parallel: no more than `window` items in flight") {
  std::atomic<int> in_flight{0};
  int peak = 0;
  int next = 0;
  std::mutex mu;
  ordered_parallel<int, int>(
      4,
      [&]() -> std::optional<int> {
        if (next == 100) return std::nullopt;
        const int now = ++in_flight;
        std::lock_guard lock(mu);
        peak = std::max(peak, now);
        return next++;
      },
      [&](int& x) { return x; }, [&](int&&) { --in_flight; }, 3);
  // Three waiting plus the one consume is holding.
  CHECK(peak <= 4);
}

TEST_CASE("ordered_parallel: a slow produce does not hold up the consumer") {
  // Item 0's work ends only once the second produce has begun, and that produce waits until
  // item 0 has been consumed. With produce under the lock that handing in and taking results
  // need, this would never end (each wait gives up after 10 s, and the test fails).
  std::mutex mu;
  std::condition_variable cv;
  bool second_produce_started = false, first_consumed = false, gave_up = false;
  auto wait_for = [&](const bool& flag) {
    std::unique_lock lock(mu);
    if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return flag; })) gave_up = true;
  };
  auto set = [&](bool& flag) {
    std::lock_guard lock(mu);
    flag = true;
    cv.notify_all();
  };
  int next = 0;
  std::vector<int> seen;
  ordered_parallel<int, int>(
      2,
      [&]() -> std::optional<int> {
        if (next == 3) return std::nullopt;
        if (next == 1) {
          set(second_produce_started);
          wait_for(first_consumed);
        }
        return next++;
      },
      [&](int& x) {
        if (x == 0) wait_for(second_produce_started);
        return x;
      },
      [&](int&& x) {
        seen.push_back(x);
        if (x == 0) set(first_consumed);
      });
  CHECK_FALSE(gave_up);
  CHECK(seen == std::vector<int>{0, 1, 2});
}

TEST_CASE("ordered_parallel: an exception in work or consume reaches the caller") {
  int next = 0;
  auto produce = [&]() -> std::optional<int> {
    if (next == 1000) return std::nullopt;
    return next++;
  };
  auto failing_work = [&] {
    ordered_parallel<int, int>(
        2, produce,
        [](int& x) {
          if (x == 17) throw std::runtime_error("bad item 17");
          return x;
        },
        [](int&&) {});
  };
  CHECK_THROWS_WITH_AS(failing_work(), "bad item 17", std::runtime_error);
  next = 0;
  int consumed = 0;
  auto failing_consume = [&] {
    ordered_parallel<int, int>(
        3, produce, [](int& x) { return x; },
        [&](int&& x) {
          ++consumed;
          if (x == 5) throw std::logic_error("stop");
        });
  };
  CHECK_THROWS_AS(failing_consume(), std::logic_error);
  CHECK(consumed == 6);
}

TEST_CASE("parallel_sort: std::sort's order for any thread count and cut size") {
  std::mt19937 rng(7);
  for (const std::size_t n : {0u, 1u, 2u, 7u, 100u, 1000u, 5003u}) {
    std::vector<std::uint64_t> input(n);
    for (std::uint64_t& v : input) v = rng();  // distinct with near certainty
    std::vector<std::uint64_t> expected = input;
    std::sort(expected.begin(), expected.end());
    for (const unsigned threads : {1u, 2u, 3u, 4u})
      for (const std::ptrdiff_t min_half : {1, 3, 64, 8192}) {
        std::deque<std::uint64_t> sorted(input.begin(), input.end());
        parallel_sort(sorted.begin(), sorted.end(), std::less<>(), threads, min_half);
        CHECK(std::equal(sorted.begin(), sorted.end(), expected.begin(), expected.end()));
      }
  }
  // A descending order, as a comparator object.
  std::vector<int> v(20000);
  std::iota(v.begin(), v.end(), 0);
  std::shuffle(v.begin(), v.end(), rng);
  parallel_sort(v.begin(), v.end(), std::greater<>(), 2);
  CHECK(std::is_sorted(v.begin(), v.end(), std::greater<>()));
  CHECK(v.front() == 19999);
}

TEST_CASE("Extractor: the same facts from many threads sharing one extractor") {
  Diagnostics diags;
  const RuleSet rules = load_rules(builtin_rules(), diags);
  REQUIRE_FALSE(diags.has_errors());
  const Extractor extractor(rules);
  const std::string text = "소프트뱅크는 오픈AI에 투자했다고 밝혔다. 날씨가 맑았다.\n";
  const DocumentExtraction alone = extractor.extract(text, "d");
  std::atomic<int> mismatches{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t)
    pool.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const DocumentExtraction again = extractor.extract(text, "d");
        if (again.facts.size() != alone.facts.size() ||
            (!again.facts.empty() && again.facts[0].target != alone.facts[0].target))
          ++mismatches;
      }
    });
  for (auto& t : pool) t.join();
  CHECK(alone.facts.size() == 1);
  CHECK(mismatches == 0);
}

}  // namespace relgraph
