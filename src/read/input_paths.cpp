// Expanding INPUT arguments into files (see input_paths.h).
#include "read/input_paths.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include "unicode/utf8.h"

namespace relgraph {
namespace fs = std::filesystem;

namespace {

std::size_t char_length(std::string_view s, std::size_t i) {
  char32_t cp = 0;
  return decode_utf8(s, i, cp);
}

// Matches a [...] class at pattern[p] against the character at text[t]; sets the lengths
// consumed. False when the class does not match (or is malformed: then '[' is literal).
bool match_class(std::string_view pattern, std::size_t p, std::string_view text, std::size_t t,
                 std::size_t& pattern_length, std::size_t& text_length) {
  std::size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  char32_t c = 0;
  text_length = decode_utf8(text, t, c);
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char32_t lo = 0;
    i += decode_utf8(pattern, i, lo);
    char32_t hi = lo;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      i += 1 + decode_utf8(pattern, i + 1, hi);
    }
    if (lo <= c && c <= hi) matched = true;
  }
  if (i >= pattern.size()) {  // no closing ']': a literal '['
    pattern_length = 1;
    text_length = 1;
    return text[t] == '[';
  }
  pattern_length = i + 1 - p;
  return matched != negate && c != '/';
}

bool match_from(std::string_view p, std::size_t pi, std::string_view t, std::size_t ti) {
  while (pi < p.size()) {
    if (p[pi] == '*') {
      if (pi + 1 < p.size() && p[pi + 1] == '*') {  // **: any path, including none
        std::size_t rest = pi + 2;
        const bool slash = rest < p.size() && p[rest] == '/';
        if (slash) ++rest;
        for (std::size_t k = ti; k <= t.size(); ++k) {
          if (!slash || k == ti || t[k - 1] == '/') {
            if (match_from(p, rest, t, k)) return true;
          }
        }
        return false;
      }
      for (std::size_t k = ti; k <= t.size(); ++k) {
        if (match_from(p, pi + 1, t, k)) return true;
        if (k < t.size() && t[k] == '/') break;
      }
      return false;
    }
    if (ti >= t.size()) return false;
    if (p[pi] == '?') {
      if (t[ti] == '/') return false;
      ++pi;
      ti += char_length(t, ti);
      continue;
    }
    if (p[pi] == '[') {
      std::size_t pl = 0, tl = 0;
      if (!match_class(p, pi, t, ti, pl, tl)) return false;
      pi += pl;
      ti += tl;
      continue;
    }
    if (p[pi] == '\\' && pi + 1 < p.size()) ++pi;
    if (p[pi] != t[ti]) return false;
    ++pi;
    ++ti;
  }
  return ti == t.size();
}

bool hidden(std::string_view name) { return !name.empty() && name[0] == '.'; }

bool filter_matches(const std::string& pattern, const std::string& relative,
                    const std::string& name) {
  return glob_match(pattern, pattern.find('/') == std::string::npos ? name : relative);
}

struct FileId {
  dev_t device;
  ino_t inode;
  bool operator<(const FileId& o) const {
    return std::tie(device, inode) < std::tie(o.device, o.inode);
  }
};

// A file found by the walk or named on the command line: its size then, and whether it is a
// regular file.
struct ListedFile {
  std::uint64_t size = 0;
  bool regular = false;
};

class Walker {
 public:
  Walker(const PathFilters& filters, Diagnostics& diags, InputList& list,
         std::map<std::string, ListedFile>& files)
      : filters_(filters), diags_(diags), list_(list), files_(files) {}

  // Walks `root`; with `glob`, files must match it (relative to root) and the walk goes no
  // deeper than the glob can match. Returns the number of files added.
  std::size_t walk(const fs::path& root, const std::string* glob) {
    glob_ = glob;
    max_depth_ = SIZE_MAX;
    if (glob && glob->find("**") == std::string::npos) {
      max_depth_ = static_cast<std::size_t>(std::count(glob->begin(), glob->end(), '/')) + 1;
    }
    added_ = 0;
    std::vector<FileId> ancestors;
    visit(root, "", 0, ancestors);
    return added_;
  }

 private:
  const PathFilters& filters_;
  Diagnostics& diags_;
  InputList& list_;
  std::map<std::string, ListedFile>& files_;
  const std::string* glob_ = nullptr;
  std::size_t max_depth_ = SIZE_MAX;
  std::size_t added_ = 0;

  bool wanted_file(const std::string& relative, const std::string& name) const {
    if (glob_ && !glob_match(*glob_, relative)) return false;
    if (!filters_.include.empty() &&
        std::none_of(filters_.include.begin(), filters_.include.end(),
                     [&](const std::string& p) { return filter_matches(p, relative, name); })) {
      return false;
    }
    return std::none_of(filters_.exclude.begin(), filters_.exclude.end(),
                        [&](const std::string& p) { return filter_matches(p, relative, name); });
  }

  bool excluded_directory(const std::string& relative, const std::string& name) const {
    return std::any_of(filters_.exclude.begin(), filters_.exclude.end(),
                       [&](const std::string& p) { return filter_matches(p, relative, name); });
  }

  // POSIX calls rather than std::filesystem's: an entry's type comes from the listing itself
  // (d_type) unless it is a symbolic link or the file system does not say, and a file's size
  // from fstatat relative to the open directory, so no path is resolved again from its first
  // component (listing 316k files: 0.94 s with std::filesystem).
  void visit(const fs::path& dir, const std::string& relative, std::size_t depth,
             std::vector<FileId>& ancestors) {
    const fs::path listed = dir.empty() ? fs::path(".") : dir;
    struct stat st {};
    if (::stat(listed.c_str(), &st) != 0) return;
    const FileId id{st.st_dev, st.st_ino};
    if (std::find_if(ancestors.begin(), ancestors.end(),
                     [&](const FileId& a) { return !(a < id) && !(id < a); }) != ancestors.end()) {
      diags_.warning({listed.string(), 0, 0}, "symbolic link loop skipped");
      return;
    }
    std::unique_ptr<DIR, int (*)(DIR*)> directory(::opendir(listed.c_str()), ::closedir);
    if (!directory) {
      diags_.warning({listed.string(), 0, 0},
                     "cannot read directory: " + error_text(errno) + "; skipped");
      ++list_.unreadable;
      return;
    }
    const int directory_fd = ::dirfd(directory.get());
    std::vector<std::pair<std::string, unsigned char>> entries;  // name, d_type
    while (true) {
      errno = 0;
      const dirent* entry = ::readdir(directory.get());
      if (entry == nullptr) {
        if (errno != 0) {
          diags_.warning({listed.string(), 0, 0}, "cannot read directory: " + error_text(errno) +
                                                      "; the rest of it skipped");
          ++list_.unreadable;
        }
        break;
      }
      const std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      entries.emplace_back(name, entry->d_type);
    }
    std::sort(entries.begin(), entries.end());
    ancestors.push_back(id);
    for (const auto& [name, listed_type] : entries) {
      if (hidden(name)) continue;
      const fs::path path = dir.empty() ? fs::path(name) : dir / name;
      const std::string rel = relative.empty() ? name : relative + "/" + name;
      // The type, following a symbolic link (one stat when the listing does not say).
      bool stated = false;
      bool is_directory = listed_type == DT_DIR;
      bool is_regular = listed_type == DT_REG;
      if (listed_type == DT_LNK || listed_type == DT_UNKNOWN) {
        if (::fstatat(directory_fd, name.c_str(), &st, 0) != 0) {
          struct stat link {};
          if (listed_type == DT_LNK ||
              (::fstatat(directory_fd, name.c_str(), &link, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISLNK(link.st_mode))) {
            diags_.warning({path.string(), 0, 0}, "broken symbolic link skipped");
          }
          continue;
        }
        stated = true;
        is_directory = S_ISDIR(st.st_mode);
        is_regular = S_ISREG(st.st_mode);
      }
      if (is_directory) {
        if (depth + 1 < max_depth_ && !excluded_directory(rel, name)) {
          visit(path, rel, depth + 1, ancestors);
        }
      } else if (is_regular) {
        if (!wanted_file(rel, name)) continue;
        if (!stated && ::fstatat(directory_fd, name.c_str(), &st, 0) != 0) st.st_size = 0;
        const auto size = static_cast<std::uint64_t>(st.st_size);
        if (files_.emplace(path.string(), ListedFile{size, true}).second) ++added_;
      }
    }
    ancestors.pop_back();
  }

  static std::string error_text(int error) {
    return std::error_code(error, std::system_category()).message();
  }
};

// Splits a glob into the directory to walk (the components without wildcards) and the
// pattern below it.
std::pair<std::string, std::string> split_glob(const std::string& glob) {
  std::size_t fixed_end = 0;  // end of the last fixed component, at a '/'
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = glob.find('/', start);
    const std::string component =
        glob.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (is_glob(component) || slash == std::string::npos) break;
    fixed_end = slash + 1;
    start = slash + 1;
  }
  if (fixed_end == 0) return {std::string(1, '.'), glob};
  return {glob.substr(0, fixed_end), glob.substr(fixed_end)};
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_from(pattern, 0, path, 0);
}

bool is_glob(std::string_view argument) {
  return argument.find_first_of("*?[") != std::string_view::npos;
}

InputList expand_inputs(const std::vector<std::string>& arguments, const PathFilters& filters,
                        Diagnostics& diags) {
  InputList list;
  std::map<std::string, ListedFile> files;
  bool stdin_used = false;
  Walker walker(filters, diags, list, files);
  // Missing paths first, so that a typo fails before any walking.
  for (const std::string& arg : arguments) {
    std::error_code ec;
    if (arg == "-" || fs::exists(fs::status(arg, ec)) || is_glob(arg)) continue;
    if (fs::is_symlink(fs::symlink_status(arg, ec))) {
      throw std::runtime_error("broken symbolic link: " + arg);
    }
    throw std::runtime_error("no such file or directory: " + arg);
  }
  for (const std::string& arg : arguments) {
    if (arg == "-") {
      stdin_used = true;
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(arg, ec);
    if (!ec && fs::is_directory(st)) {
      walker.walk(arg, nullptr);
    } else if (!ec && fs::exists(st)) {
      const std::uintmax_t size = fs::file_size(arg, ec);
      files.emplace(arg, ListedFile{ec ? 0 : size, fs::is_regular_file(st)});
    } else if (is_glob(arg)) {
      const auto [base, pattern] = split_glob(arg);
      std::error_code bec;
      if (!fs::is_directory(base, bec) || walker.walk(base == "." ? "" : base, &pattern) == 0) {
        // A pattern matching only files that are already listed still matched.
        bool any = false;
        for (const auto& [path, listed] : files) {
          (void)listed;
          std::string_view p = path;
          if (base != "." && p.substr(0, base.size()) == base) p.remove_prefix(base.size());
          any = any || glob_match(pattern, p);
        }
        if (!any) throw std::runtime_error("no file matches " + arg);
      }
    } else if (fs::is_symlink(fs::symlink_status(arg, ec))) {
      throw std::runtime_error("broken symbolic link: " + arg);
    } else {
      throw std::runtime_error("no such file or directory: " + arg);
    }
  }
  for (auto& [path, listed] : files) list.files.push_back({path, listed.size, listed.regular});
  if (stdin_used) list.files.push_back({"-", 0});
  return list;
}

}  // namespace relgraph
