// The compiled rule cache: where images live, reading, writing, pruning (see rules_cache.h).
#include "cli/rules_cache.h"

#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "cli/cli.h"
#include "rule_image/rule_image.h"
#include "rules/rule_parser.h"

namespace relgraph::cli {

namespace {

// What tells this binary from any other: its GNU build id (a hash of the linked program), else
// the version and the program file's size and time.
std::string build_identity() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) -> int {
        auto& out = *static_cast<std::string*>(data);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            const char* next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
              out.assign(desc, note.n_descsz);
              return 1;
            }
            p = next;
          }
        }
        return 1;  // only the first object: the program itself
      },
      &id);
  if (!id.empty()) return "build-id:" + id;
  id = std::string("version:") + RELGRAPH_VERSION;
  struct stat st;
  if (::stat("/proc/self/exe", &st) == 0)
    id += ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
          std::to_string(st.st_mtim.tv_nsec);
  return id;
}

bool cache_disabled_by_environment() {
  const char* value = std::getenv("RELGRAPH_NO_RULES_CACHE");
  return value != nullptr && *value != '\0';
}

// A whole file mapped into memory, read-only, its pages loaded at once (MAP_POPULATE): an
// image is read from start to end once. Mapping instead of read() saves copying and zeroing
// tens of megabytes (100k pack: 0.21 s -> 0.19 s). An image is replaced by a rename, never
// rewritten in place, so the mapping never changes under the reader.
class MappedFile {
 public:
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(data_, size_);
  }
  std::string_view view() const {
    return {static_cast<const char*>(data_ != nullptr ? data_ : ""), size_};
  }
  // Gives the whole pages inside `part` (a piece of view()) back to the page cache: they count
  // no more in the process's memory, and read again if need be, from the cache.
  void release(std::string_view part) const {
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(part.data());
    const std::uintptr_t first = (begin + page - 1) / page * page;
    const std::uintptr_t last = (begin + part.size()) / page * page;
    if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  }

  // The file at `path`, or null when it does not exist or cannot be read (`error` says why).
  static std::unique_ptr<MappedFile> open(const std::string& path, int& error) {
    error = 0;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error = errno;
      return nullptr;
    }
    std::unique_ptr<MappedFile> file(new MappedFile());
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      error = errno;
    } else if (st.st_size > 0) {
      file->size_ = static_cast<std::size_t>(st.st_size);
      void* data = ::mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (data == MAP_FAILED) {
        error = errno;
      } else {
        file->data_ = data;
      }
    }
    ::close(fd);
    if (error != 0) return nullptr;
    return file;
  }

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// Writes `bytes` to `path` through a temporary file in the same folder renamed into place, so
// a reader sees the whole image or none. Returns "" or what went wrong. No fsync: an image cut
// short by a crash is rejected by its size and checksum and written again.
std::string write_file_atomically(const std::string& dir, const std::string& path,
                                  std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create " + dir + ": " + ec.message();
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot write " + temporary + ": " + std::strerror(errno);
  int error = 0;
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : EIO;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    return "cannot write " + path + ": " + std::strerror(error);
  }
  return "";
}

constexpr std::string_view kImageSuffix = ".rgrules";

// Removes the images beyond the kRulesCacheImagesKept most recently used (by modification time,
// which a hit refreshes), and temporary files more than an hour old (left by a killed run).
void prune(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::pair<fs::file_time_type, fs::path>> images;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code ignored;
    const fs::file_time_type time = it->last_write_time(ignored);
    if (ignored) continue;
    if (name.ends_with(kImageSuffix)) {
      images.emplace_back(time, it->path());
    } else if (name.find(std::string(kImageSuffix) + ".tmp-") != std::string::npos &&
               now - time > std::chrono::hours(1)) {
      fs::remove(it->path(), ignored);
    }
  }
  if (images.size() <= kRulesCacheImagesKept) return;
  std::sort(images.begin(), images.end(), [](const auto& a, const auto& b) { return a > b; });
  for (std::size_t i = kRulesCacheImagesKept; i < images.size(); ++i) {
    std::error_code ignored;
    fs::remove(images[i].second, ignored);
  }
}

// Reads `image`: the rules on this thread, the checksum and then the Matcher on another one
// when `parallel` (else the checksum first, here, and the Matcher when the caller asks for it),
// into out.pending_matcher. nullopt, with `why`, if the header, the checksum or the rules are
// bad (the Matcher is then not waited for here).
std::optional<ThawedRuleSet> thaw_image(const std::shared_ptr<const MappedFile>& image,
                                        const std::string& path, const RuleImageKey& key,
                                        bool parallel, std::string& why, CompiledRules& out) {
  const std::optional<RuleImageSections> sections =
      open_rule_image(image->view(), key, why, /*verify_checksum=*/false);
  if (!sections) return std::nullopt;
  std::promise<bool> checksum;
  std::future<bool> checksum_ok = checksum.get_future();
  // The task holds the mapping until it is done with it. Should the Matcher not read while
  // the rules do (damage the checksum missed), it is compiled from the rules read again, and
  // the image removed so that the next run writes it anew.
  std::future<std::shared_ptr<const Matcher>> matcher = std::async(
      parallel ? std::launch::async : std::launch::deferred,
      [image, path, parallel, sections = *sections,
       checksum = std::move(checksum)]() mutable -> std::shared_ptr<const Matcher> {
        if (parallel) checksum.set_value(rule_image_checksum_ok(image->view()));
        std::string ignored;
        if (std::shared_ptr<const Matcher> m = thaw_matcher_section(sections.matcher, ignored))
          return m;
        ::unlink(path.c_str());
        std::optional<ThawedRuleSet> rules = thaw_rule_section(sections.rules, ignored);
        if (!rules) throw std::runtime_error("the compiled rule image " + path + " is damaged");
        return Matcher::compile(rules->rules);
      });
  // Read before the checksum is known when it is worked out meanwhile: the reader checks
  // what it reads, and a mismatch throws the rules away.
  if (!parallel && !rule_image_checksum_ok(image->view())) {
    why = "checksum mismatch";
    return std::nullopt;
  }
  std::optional<ThawedRuleSet> rules = thaw_rule_section(sections->rules, why);
  if (parallel && !checksum_ok.get()) {
    why = "checksum mismatch";
    return std::nullopt;
  }
  if (rules) {
    out.pending_matcher = std::move(matcher);
    // Read: its pages are not kept beside the rules and the graph builder's copy of them.
    image->release(sections->rules);
  }
  return rules;
}

}  // namespace

std::shared_ptr<const Matcher> CompiledRules::take_matcher() {
  if (pending_matcher.valid()) matcher = pending_matcher.get();
  return std::move(matcher);
}

std::string rules_cache_dir() {
  if (const char* dir = std::getenv("RELGRAPH_CACHE_DIR"); dir != nullptr && *dir != '\0')
    return dir;
  // The XDG base directory specification ignores a relative XDG_CACHE_HOME.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/')
    return std::string(xdg) + "/relgraph";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::string(home) + "/.cache/relgraph";
  return "";
}

CompiledRules load_compiled_rules(const std::vector<std::string>& paths, bool builtin,
                                  bool use_cache, bool parallel, Diagnostics& diags) {
  std::vector<RuleSource> sources = read_all_rule_sources(paths, builtin);
  CompiledRules out;
  std::size_t total = 0;
  for (const RuleSource& s : sources) total += s.text.size();
  std::string dir;
  if (use_cache && total >= kRulesCacheMinBytes && !cache_disabled_by_environment())
    dir = rules_cache_dir();
  std::string path;
  RuleImageKey key;
  if (!dir.empty()) {
    key = rule_image_key(build_identity(), builtin, sources);
    path = dir + "/" + key.hex() + std::string(kImageSuffix);
    // The rule text is not needed to read an image back: its memory (13.6 MB for the 100k
    // pack) is not kept beside the mapped image and what is read from it.
    sources = {};
    int error = 0;
    if (std::shared_ptr<const MappedFile> image = MappedFile::open(path, error)) {
      std::string why;
      if (std::optional<ThawedRuleSet> thawed = thaw_image(image, path, key, parallel, why, out)) {
        diags.append(thawed->diagnostics);
        out.rules = std::move(thawed->rules);
        ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // most recently used
        out.done.push_back("compiled rules read from " + path);
        return out;
      }
      out.problems.push_back("ignoring the compiled rule image " + path + " (" + why +
                             "); compiling the rules");
    } else if (error != ENOENT) {
      out.problems.push_back("cannot read the compiled rule image " + path + ": " +
                             std::strerror(error));
    }
    // Read again, and named by what was read this time (a file may have changed since).
    sources = read_all_rule_sources(paths, builtin);
    key = rule_image_key(build_identity(), builtin, sources);
    path = dir + "/" + key.hex() + std::string(kImageSuffix);
  }
  Diagnostics loaded;  // what an image replays: loading's diagnostics only
  out.rules = load_rules(sources, loaded);
  sources = {};
  diags.append(loaded);
  if (loaded.has_errors()) return out;
  out.matcher = Matcher::compile(out.rules);
  if (!dir.empty()) {
    const std::string image = freeze_rule_image(key, out.rules, *out.matcher, loaded);
    const std::string problem = write_file_atomically(dir, path, image);
    if (problem.empty()) {
      out.done.push_back("compiled rules written to " + path);
      prune(dir);
    } else {
      out.problems.push_back("rule cache: " + problem);
    }
  }
  return out;
}

}  // namespace relgraph::cli
