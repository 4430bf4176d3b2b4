// Tests of src/read: expand_inputs, read_document, looks_binary and count_invalid_utf8.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "read/document.h"
#include "unicode/utf8.h"

using namespace relgraph;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed with everything in it at scope end.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
      path_ = fs::temp_directory_path() / ("relgraph-read-test-" + std::to_string(rd()));
      if (fs::create_directory(path_)) return;
    }
    throw std::runtime_error("cannot create a temporary directory");
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }
  const fs::path& path() const { return path_; }

  // Writes `bytes` to `rel`, creating parent directories.
  std::string write(const std::string& rel, const std::string& bytes) const {
    const fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
  }

 private:
  fs::path path_;
};

std::string joined(const std::vector<std::string>& items, const std::string& strip) {
  std::string out;
  for (std::string item : items) {
    if (item.rfind(strip, 0) == 0) item = item.substr(strip.size());
    if (!out.empty()) out += ' ';
    out += item;
  }
  return out;
}

}  // namespace

TEST_CASE("read: expand_inputs walks directories recursively, sorted, hidden entries skipped") {
  TempDir t;
  t.write("in/b.txt", "b");
  t.write("in/a.txt", "a");
  t.write("in/sub/z.txt", "z");
  t.write("in/sub/deeper/y.md", "y");
  t.write("in/.hidden.txt", "h");
  t.write("in/.git/config", "c");
  t.write("in/sub/.cache/x.txt", "x");
  fs::create_directories(t.path() / "in/empty");

  Diagnostics diags;
  const InputList list = expand_inputs({t / "in"}, diags);
  CHECK(diags.empty());
  CHECK(joined(list.paths, (t.path() / "in").string() + "/") ==
        "a.txt b.txt sub/deeper/y.md sub/z.txt");
}

TEST_CASE("read: expand_inputs merges files and directories, without duplicates") {
  TempDir t;
  const std::string a = t.write("d/a.txt", "a");
  const std::string c = t.write("c.txt", "c");
  t.write("d/b.txt", "b");
  Diagnostics diags;
  // A file named twice, and again through its directory, appears once; "-" (stdin) comes last.
  const InputList list = expand_inputs({"-", c, t / "d", a, c}, diags);
  CHECK(diags.empty());
  const std::string root = t.path().string() + "/";
  CHECK(joined(list.paths, root) == "c.txt d/a.txt d/b.txt -");

  CHECK(expand_inputs({}, diags).paths.empty());
  CHECK(expand_inputs({"-"}, diags).paths == std::vector<std::string>{"-"});
}

TEST_CASE("read: expand_inputs keeps an explicitly named hidden file") {
  TempDir t;
  const std::string hidden = t.write(".notes.txt", "n");
  Diagnostics diags;
  CHECK(expand_inputs({hidden}, diags).paths == std::vector<std::string>{hidden});
}

TEST_CASE("read: expand_inputs does not follow a symlink loop") {
  TempDir t;
  t.write("d/a.txt", "a");
  std::error_code ec;
  fs::create_directory_symlink(t.path() / "d", t.path() / "d/loop", ec);
  REQUIRE_FALSE(ec);
  Diagnostics diags;
  const InputList list = expand_inputs({t / "d"}, diags);
  CHECK(joined(list.paths, t.path().string() + "/") == "d/a.txt");
}

TEST_CASE("read: expand_inputs throws for a missing path") {
  TempDir t;
  Diagnostics diags;
  const std::string missing = t / "no-such-file.txt";
  CHECK_THROWS_AS(expand_inputs({missing}, diags), std::runtime_error);
  try {
    expand_inputs({t.write("ok.txt", "x"), missing}, diags);
    FAIL("expand_inputs did not throw");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "no such file or directory: " + missing);
  }
}

TEST_CASE("read: read_document returns the bytes unchanged") {
  TempDir t;
  const std::string bytes = std::string("\xEF\xBB\xBF삼성\r\n\xFF\0end", 16);
  const std::string path = t.write("doc.txt", bytes);
  const Document d = read_document(path);
  CHECK(d.name == path);
  CHECK(d.bytes.size() == 16);
  CHECK(d.bytes == bytes);

  const Document empty = read_document(t.write("empty.txt", ""));
  CHECK(empty.bytes.empty());
}

TEST_CASE("read: read_document throws when the file cannot be opened") {
  TempDir t;
  CHECK_THROWS_AS(read_document(t / "missing.txt"), std::runtime_error);
  try {
    read_document(t / "missing.txt");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "cannot open " + (t / "missing.txt"));
  }
}

TEST_CASE("read: looks_binary looks for NUL bytes in the first 8 KiB") {
  CHECK_FALSE(looks_binary(""));
  CHECK_FALSE(looks_binary("삼성전자는 투자했다.\n"));
  CHECK_FALSE(looks_binary("\xFF\xFE\x01\x02"));
  CHECK(looks_binary(std::string("PK\x03\x04\0\0", 6)));
  CHECK(looks_binary(std::string("a\0", 2)));

  std::string at_limit(8192, 'a');
  at_limit[8191] = '\0';
  CHECK(looks_binary(at_limit));
  std::string past_limit(9000, 'a');
  past_limit[8192] = '\0';
  CHECK_FALSE(looks_binary(past_limit));
}

TEST_CASE("read: count_invalid_utf8 counts bytes outside valid sequences") {
  CHECK(count_invalid_utf8("") == 0);
  CHECK(count_invalid_utf8("ascii only") == 0);
  CHECK(count_invalid_utf8("삼성전자 \u00B7 \U0001F600") == 0);
  CHECK(count_invalid_utf8("\xFF") == 1);
  CHECK(count_invalid_utf8("a\xFF\xFE"
                           "b") == 2);
  CHECK(count_invalid_utf8("\x80") == 1);              // lone continuation byte
  CHECK(count_invalid_utf8("\xC0\xAF") == 2);          // overlong '/'
  CHECK(count_invalid_utf8("\xE0\x80\xAF") == 3);      // overlong 3-byte
  CHECK(count_invalid_utf8("\xED\xA0\x80") == 3);      // UTF-16 surrogate
  CHECK(count_invalid_utf8("\xF4\x90\x80\x80") == 4);  // above U+10FFFF
  CHECK(count_invalid_utf8("\xE2\x82") == 2);          // truncated at the end
  CHECK(count_invalid_utf8("\xE2\x82"
                           "A") == 2);                     // truncated before ASCII
  CHECK(count_invalid_utf8("\xEC\x82\xBC\xEC\x84") == 2);  // 삼 then half of 성
  CHECK(count_invalid_utf8("\xF0\x9F\x98\x80\xF0") == 1);
}
