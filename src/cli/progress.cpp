// The progress line of relgraph build (see progress.h).
#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace relgraph::cli {

namespace {

constexpr auto kDelay = std::chrono::milliseconds(500);
constexpr auto kInterval = std::chrono::milliseconds(100);

std::size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string megabytes(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / 1e6);
  return buf;
}

std::string duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

bool ProgressLine::stderr_is_terminal() {
  if (!isatty(STDERR_FILENO)) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::strcmp(term, "dumb") == 0);
}

std::string ProgressLine::render(const InputProgress& p, double seconds, std::size_t width) {
  const double rate = seconds > 0 ? static_cast<double>(p.bytes_done) / seconds : 0;
  const bool total = p.size_known && p.bytes_total > 0;
  std::string stats = std::to_string(p.documents);
  stats += " docs  ";
  stats += megabytes(p.bytes_done);
  if (total) {
    stats += '/';
    stats += megabytes(p.bytes_total);
  }
  stats += " MB  ";
  stats += megabytes(static_cast<std::uint64_t>(rate));
  stats += " MB/s";
  std::string line;
  if (total) {
    const double fraction =
        std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
    if (rate > 0) {
      const std::uint64_t left = p.bytes_total - std::min(p.bytes_total, p.bytes_done);
      stats += "  ETA ";
      stats += duration(static_cast<double>(left) / rate);
    }
    const std::size_t room = width > stats.size() + 10 ? width - stats.size() - 10 : 0;
    const std::size_t cells = std::min<std::size_t>(room, 30);
    if (cells >= 5) {
      const auto filled = static_cast<std::size_t>(fraction * static_cast<double>(cells));
      line += '[';
      line.append(filled, '#');
      line.append(cells - filled, '.');
      line += "] ";
    }
    char percent[8];
    std::snprintf(percent, sizeof percent, "%3d%% ", static_cast<int>(fraction * 100));
    line += percent;
  }
  line += stats;
  if (line.size() + 1 > width) line.resize(width > 1 ? width - 1 : 0);
  return line;
}

void ProgressLine::update(const InputProgress& progress) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < kDelay || now - last_ < kInterval) return;
  last_ = now;
  shown_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::cerr << "\r" << render(progress, seconds, terminal_width()) << "\033[K" << std::flush;
}

void ProgressLine::clear() {
  if (!shown_) return;
  std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
}

}  // namespace relgraph::cli
