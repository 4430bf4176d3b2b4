// open_graph() (see graph_loader.h): reads a graph file through a memory map, prefers a fresh
// cache beside it (PATH.rgx, checked against the source's SourceStamp and its own checksum),
// and keeps a binary graph mapped while its evidence is deferred.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <unordered_set>
#include <utility>

#include "load/load_internal.h"

namespace relgraph {

namespace {

// A whole file in memory: mapped read-only when possible, else read into a string.
class FileBytes {
 public:
  explicit FileBytes(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      throw LoadError(path + ": is a directory, not a graph file");
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw LoadError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                       MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
        ::close(fd);
        return;
      }
    }
    // Not mappable (a pipe, an empty or special file): read it.
    char buffer[1 << 16];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        ::close(fd);
        throw LoadError(path + ": cannot read: " + std::strerror(err));
      }
      copy_.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
  }
  ~FileBytes() {
    if (map_ != nullptr) ::munmap(map_, size_);
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  std::string_view view() const {
    return map_ != nullptr ? std::string_view(static_cast<const char*>(map_), size_) : copy_;
  }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

}  // namespace

// A binary graph kept mapped, and which edge of the graph each file edge became.
class DeferredEvidence {
 public:
  std::unique_ptr<FileBytes> bytes;
  load_detail::BinaryLayout layout;

  // Calls f(ordinal, descriptor) for every edge, in file order. Edges were added in file
  // order, so the k-th file edge with source s is the k-th out-edge of s.
  template <typename F>
  void for_each_edge(const KnowledgeGraph& g, F f) const {
    std::vector<std::size_t> seen(boost::num_vertices(g), 0);
    for (std::size_t i = 0; i < layout.edge_count; ++i) {
      std::uint64_t source = 0;
      std::memcpy(&source, layout.edges + i * binary_format::kEdgeWords * 8, 8);
      if constexpr (std::endian::native == std::endian::big) source = __builtin_bswap64(source);
      auto it = boost::out_edges(source, g).first;
      std::advance(it, seen[source]++);
      f(i, *it);
    }
  }
};

GraphFile::GraphFile() = default;
GraphFile::~GraphFile() = default;

void GraphFile::materialise_evidence(
    const std::vector<boost::graph_traits<KnowledgeGraph>::edge_descriptor>& edges) {
  if (!deferred_ || edges.empty()) return;
  std::unordered_set<const EdgeProperties*> wanted;
  for (const auto& e : edges) {
    if (graph[e].evidence.empty()) wanted.insert(&graph[e]);
  }
  if (wanted.empty()) return;
  deferred_->for_each_edge(graph, [&](std::size_t ordinal, const auto& e) {
    if (wanted.count(&graph[e]) > 0) {
      graph[e].evidence = load_detail::binary_evidence(deferred_->layout, ordinal);
    }
  });
}

void GraphFile::materialise_all_evidence() {
  if (!deferred_) return;
  deferred_->for_each_edge(graph, [&](std::size_t ordinal, const auto& e) {
    graph[e].evidence = load_detail::binary_evidence(deferred_->layout, ordinal);
  });
  deferred_.reset();
}

std::string cache_path_for(const std::string& path) { return path + ".rgx"; }

SourceStamp stamp_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw LoadError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw LoadError(path + ": cannot stat: " + std::strerror(err));
  }
  SourceStamp stamp;
  stamp.size = static_cast<std::uint64_t>(st.st_size);
  stamp.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                   static_cast<std::int64_t>(st.st_mtim.tv_nsec);
  // The first, middle and last 64 KiB (all of a file up to 192 KiB).
  constexpr std::uint64_t kSample = 64 * 1024;
  std::string sample;
  const std::uint64_t size = stamp.size;
  const std::uint64_t starts[] = {0, size > kSample ? (size - kSample) / 2 : 0,
                                  size > kSample ? size - kSample : 0};
  std::string buffer(kSample, '\0');
  for (std::uint64_t start : starts) {
    const ssize_t n = ::pread(fd, buffer.data(), kSample, static_cast<off_t>(start));
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw LoadError(path + ": cannot read: " + std::strerror(err));
    }
    sample.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  stamp.sample_hash = binary_format::checksum(sample);
  return stamp;
}

std::unique_ptr<GraphFile> open_graph(const std::string& path, const LoadOptions& options) {
  auto file = std::make_unique<GraphFile>();
  file->read_from = path;
  if (path == "-") {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    if (std::cin.bad()) throw LoadError("<stdin>: cannot read standard input");
    load_detail::parse_into(text, "<stdin>", options.format, file->graph);
    return file;
  }

  auto read_binary = [&](std::unique_ptr<FileBytes> bytes, const std::string& name,
                         const load_detail::BinaryLayout* header) {
    auto deferred = std::make_unique<DeferredEvidence>();
    deferred->layout = load_detail::validate_binary(bytes->view(), name, true);
    if (header != nullptr && !header->has_source) {
      load_detail::fail(name, "not a cache (it records no source file)");
    }
    load_detail::build_from_binary(deferred->layout, file->graph, !options.defer_evidence);
    file->read_from = name;
    if (options.defer_evidence && deferred->layout.evidence_count > 0) {
      deferred->bytes = std::move(bytes);
      file->deferred_ = std::move(deferred);
    }
  };

  const bool cacheable = options.format == LoadFormat::automatic ||
                         options.format == LoadFormat::json ||
                         options.format == LoadFormat::graphml;
  if (options.use_cache && cacheable) {
    const std::string cache = cache_path_for(path);
    std::error_code ec;
    if (std::filesystem::is_regular_file(cache, ec)) {
      try {
        auto bytes = std::make_unique<FileBytes>(cache);
        const load_detail::BinaryLayout header = load_detail::binary_header(bytes->view(), cache);
        if (!header.has_source || !(header.source == stamp_file(path))) {
          file->notes.push_back(cache + " is not a cache of the current " + path +
                                " (stale); reading " + path);
        } else {
          read_binary(std::move(bytes), cache, &header);
          return file;
        }
      } catch (const LoadError& e) {
        file->graph.clear();
        file->notes.push_back(std::string("ignoring the cache: ") + e.what());
      }
    }
  }

  auto bytes = std::make_unique<FileBytes>(path);
  const std::string_view view = bytes->view();
  if ((options.format == LoadFormat::automatic && load_detail::is_binary_graph(view)) ||
      options.format == LoadFormat::binary) {
    read_binary(std::move(bytes), path, nullptr);
  } else {
    load_detail::parse_into(view, path, options.format, file->graph);
  }
  return file;
}

}  // namespace relgraph
