// Shared pieces of the relgraph command line (see cli.h).
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <streambuf>

#include "cli/cli.h"
#include "rules/rule_parser.h"

namespace relgraph::cli {

cxxopts::ParseResult parse_options(cxxopts::Options& opts, int argc, char** argv) {
  try {
    return opts.parse(argc, argv);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
}

void print_diagnostics(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.all()) std::cerr << format(d);
}

std::vector<RuleSource> read_all_rule_sources(const std::vector<std::string>& paths, bool builtin) {
  std::vector<RuleSource> sources;
  if (builtin) sources = builtin_rules();
  std::vector<RuleSource> user;
  try {
    user = read_rule_paths(paths);
  } catch (const std::exception& e) {
    throw IoError(e.what());
  }
  sources.insert(sources.end(), std::make_move_iterator(user.begin()),
                 std::make_move_iterator(user.end()));
  return sources;
}

RuleSet load_all_rules(const std::vector<std::string>& paths, bool builtin, Diagnostics& diags) {
  return load_rules(read_all_rule_sources(paths, builtin), diags);
}

namespace {

// Temporary output files the signal handler removes before the process exits. Paths are copied
// into fixed buffers (no allocation in the handler); `used` flags a slot whose path is set.
constexpr std::size_t kMaxTemporaries = 16;
constexpr std::size_t kMaxTemporaryPath = 4096;
char g_temporary_paths[kMaxTemporaries][kMaxTemporaryPath];
std::atomic<bool> g_temporary_used[kMaxTemporaries];
static_assert(std::atomic<bool>::is_always_lock_free, "used from a signal handler");

extern "C" void on_termination_signal(int signo) {
  for (std::size_t i = 0; i < kMaxTemporaries; ++i) {
    if (g_temporary_used[i].load()) ::unlink(g_temporary_paths[i]);
  }
  static const char kMessage[] = "relgraph: interrupted\n";
  const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
  ::_exit(128 + signo);
}

// The slot of a registered temporary file, or kMaxTemporaries when it could not be registered
// (too many, or a path too long: the file is then only removed on a normal failure).
std::size_t register_temporary(const std::string& path) {
  if (path.size() >= kMaxTemporaryPath) return kMaxTemporaries;
  for (std::size_t i = 0; i < kMaxTemporaries; ++i) {
    if (g_temporary_used[i].load()) continue;
    std::memcpy(g_temporary_paths[i], path.c_str(), path.size() + 1);
    g_temporary_used[i].store(true);
    return i;
  }
  return kMaxTemporaries;
}

void unregister_temporary(std::size_t slot) {
  if (slot < kMaxTemporaries) g_temporary_used[slot].store(false);
}

// Blocks SIGINT and SIGTERM for the rest of the process: called when the outputs are about to
// be renamed into place, so that they all are or none is, and the run then counts as done
// (exit status 0 always goes with the new output, 130/143 with the previous one).
void block_termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string errno_text(int error) { return error == 0 ? "write error" : std::strerror(error); }

// An output stream buffer over a file descriptor that remembers the first write error.
// With `early_writeback` (a regular file that will be fsync'ed when finished), every
// kWritebackChunk bytes written are handed to the disk at once (sync_file_range, without
// waiting), so the disk writes while the rest is still being formatted and the final fsync
// waits only for the last chunk instead of the whole file.
class FileDescriptorBuffer : public std::streambuf {
 public:
  explicit FileDescriptorBuffer(int fd, bool early_writeback = false)
      : fd_(fd), early_writeback_(early_writeback) {
    setp(buffer_, buffer_ + sizeof buffer_);
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  std::streamsize xsputn(const char* data, std::streamsize n) override {
    if (n <= epptr() - pptr()) {
      std::memcpy(pptr(), data, static_cast<std::size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    if (!drain() || !write_all(data, static_cast<std::size_t>(n))) return 0;
    return n;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_, buffer_ + sizeof buffer_);
    return ok;
  }
  bool write_all(const char* data, std::size_t size) {
    while (error_ == 0 && size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      data += n;
      size -= static_cast<std::size_t>(n);
      written_ += static_cast<std::uint64_t>(n);
    }
#ifdef __linux__
    if (early_writeback_ && written_ - handed_to_disk_ >= kWritebackChunk) {
      // Best effort: a file system that cannot do it says so, and fsync does it all later.
      if (::sync_file_range(fd_, static_cast<off_t>(handed_to_disk_),
                            static_cast<off_t>(written_ - handed_to_disk_),
                            SYNC_FILE_RANGE_WRITE) != 0)
        early_writeback_ = false;
      handed_to_disk_ = written_;
    }
#endif
    return error_ == 0;
  }

  static constexpr std::uint64_t kWritebackChunk = std::uint64_t{8} << 20;
  int fd_;
  bool early_writeback_;
  int error_ = 0;
  std::uint64_t written_ = 0;         // bytes written so far
  std::uint64_t handed_to_disk_ = 0;  // of which early write-back has started
  char buffer_[1 << 16];
};

// std::cout's buffer once set_up_process() has run.
FileDescriptorBuffer* g_stdout_buffer = nullptr;

// "DIR/.NAME.tmp-relgraph-" : the temporary files of output DIR/NAME start with this, followed
// by the writing process's id.
std::string temporary_prefix(const std::filesystem::path& target) {
  std::string prefix(1, '.');  // not "." + ...: g++ 12 warns (-Wrestrict) on that
  prefix += target.filename().string();
  prefix += ".tmp-relgraph-";
  return prefix;
}

// Removes temporary files of `target` left by a relgraph process that no longer runs (killed
// while writing).
void remove_stale_temporaries(const std::filesystem::path& target) {
  namespace fs = std::filesystem;
  const std::string prefix = temporary_prefix(target);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || pid <= 0) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    std::error_code ignored;
    fs::remove(it->path(), ignored);
  }
}

// Makes a completed rename durable: fsync of the directory that holds `target`. Best effort
// (some file systems cannot sync a directory); the data itself was synced before the rename.
void sync_directory(const std::filesystem::path& target) {
  const std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// One output being written: a temporary file beside the target, removed unless committed.
class TemporaryOutput {
 public:
  explicit TemporaryOutput(const std::string& shown_name) : shown_(shown_name), target_(shown_) {
    namespace fs = std::filesystem;
    struct stat existing;
    if (::stat(shown_.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) &&
        !S_ISDIR(existing.st_mode)) {
      // A device or a pipe (/dev/null, /dev/stdout, a FIFO): written in place, never replaced.
      direct_ = true;
      fd_ = ::open(shown_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) throw IoError("cannot write " + shown_ + ": " + errno_text(errno));
      buffer_ = std::make_unique<FileDescriptorBuffer>(fd_);
      stream_ = std::make_unique<std::ostream>(buffer_.get());
      return;
    }
    std::error_code ec;
    if (fs::is_symlink(target_, ec)) {  // replace the file the link points to, keep the link
      const fs::path resolved = fs::canonical(target_, ec);
      if (!ec) target_ = resolved;
    }
    remove_stale_temporaries(target_);
    temporary_ = target_;
    temporary_.replace_filename(temporary_prefix(target_) + std::to_string(::getpid()));
    slot_ = register_temporary(temporary_.string());
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      const int error = errno;
      unregister_temporary(slot_);
      throw IoError("cannot write " + shown_ + ": " + errno_text(error));
    }
    if (::stat(target_.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
      ::fchmod(fd_, existing.st_mode & 07777);  // keep the permissions of the file replaced
    }
    buffer_ = std::make_unique<FileDescriptorBuffer>(fd_, /*early_writeback=*/true);
    stream_ = std::make_unique<std::ostream>(buffer_.get());
  }
  ~TemporaryOutput() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !direct_) ::unlink(temporary_.c_str());
    unregister_temporary(slot_);
  }
  TemporaryOutput(const TemporaryOutput&) = delete;
  TemporaryOutput& operator=(const TemporaryOutput&) = delete;

  std::ostream& stream() { return *stream_; }

  // Flushes, syncs and closes the temporary file; throws IoError naming the output on failure.
  void finish() {
    stream_->flush();
    int error = buffer_->error();
    if (error == 0 && !*stream_) error = EIO;
    if (error == 0 && ::fsync(fd_) != 0 && errno != EINVAL) error = errno;
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
    if (error != 0) throw IoError("cannot write " + shown_ + ": " + errno_text(error));
  }

  // Renames the finished temporary file onto the output.
  void commit() {
    if (direct_) return;
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
      throw IoError("cannot write " + shown_ + ": " + errno_text(errno));
    }
    committed_ = true;
    sync_directory(target_);
  }

 private:
  std::string shown_;
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::size_t slot_ = kMaxTemporaries;
  int fd_ = -1;
  bool committed_ = false;
  bool direct_ = false;
  std::unique_ptr<FileDescriptorBuffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
};

}  // namespace

void set_up_process() {
  struct sigaction action {};
  action.sa_handler = on_termination_signal;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  // A file size limit (ulimit -f) makes write() fail with EFBIG instead of killing us.
  std::signal(SIGXFSZ, SIG_IGN);
  // std::cout writes straight to file descriptor 1 and keeps the error of a failed write.
  // Never destroyed: std::cout is flushed into it at exit, after static objects are gone.
  if (g_stdout_buffer == nullptr) g_stdout_buffer = new FileDescriptorBuffer(STDOUT_FILENO);
  std::cout.rdbuf(g_stdout_buffer);
}

void check_stdout() {
  std::cout.flush();
  int error = g_stdout_buffer ? g_stdout_buffer->error() : 0;
  if (error == 0 && !std::cout) error = EIO;
  if (error != 0) throw IoError("cannot write <stdout>: " + errno_text(error));
}

void drop_cached_pages(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

void write_atomically(const std::string& out, const std::function<void(std::ostream&)>& write) {
  if (out.empty() || out == "-") {
    write(std::cout);
    check_stdout();
    return;
  }
  write_files_atomically({{out, write}});
}

void write_files_atomically(const std::vector<OutputFile>& files) {
  std::vector<std::unique_ptr<TemporaryOutput>> outputs;
  for (const OutputFile& file : files) {
    outputs.push_back(std::make_unique<TemporaryOutput>(file.path));
    file.write(outputs.back()->stream());
    outputs.back()->finish();
  }
  block_termination_signals();
  for (const std::unique_ptr<TemporaryOutput>& output : outputs) output->commit();
}

GraphFormat choose_graph_format(const std::string& out, const std::string& format_option) {
  GraphFormat format = GraphFormat::json;
  if (!format_option.empty()) {
    auto parsed = parse_graph_format(format_option);
    if (!parsed) {
      throw UsageError("unknown format '" + format_option + "' (" +
                       std::string(graph_format_names()) + ")");
    }
    format = *parsed;
  } else if (!out.empty() && out != "-") {
    auto by_ext = graph_format_for_path(out);
    if (!by_ext) throw UsageError("cannot tell the format of '" + out + "'; use --format");
    format = *by_ext;
  }
  if (!graph_format_is_single_file(format) && (out.empty() || out == "-")) {
    throw UsageError("--format neo4j writes two files; give -o PREFIX or -o DIR/");
  }
  return format;
}

std::vector<std::string> write_graph_output(const GraphView& g, GraphFormat format,
                                            const std::string& out, unsigned threads) {
  std::vector<std::string> written;
  if (out.empty() || out == "-") {
    write_atomically(out, [&](std::ostream& o) { write_graph(g, format, o, threads); });
    return written;
  }
  std::vector<OutputFile> files;
  std::error_code ec;  // an unreadable path is not a directory; writing it will report
  for (const GraphOutputFile& f :
       graph_output_files(format, out, std::filesystem::is_directory(out, ec))) {
    files.push_back({f.path, [&g, format, threads, part = f.part](std::ostream& o) {
                       write_graph_part(g, format, part, o, threads);
                     }});
    written.push_back(f.path);
  }
  write_files_atomically(files);
  return written;
}

std::vector<std::string> write_graph_output(const KnowledgeGraph& g, GraphFormat format,
                                            const std::string& out, unsigned threads) {
  return write_graph_output(KnowledgeGraphView(g), format, out, threads);
}

}  // namespace relgraph::cli
