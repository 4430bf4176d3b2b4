// Tests of src/read: path expansion and globs, decoding (BOM, UTF-16/32, NUL, binary), dates,
// JSON Lines records, HTML text and the InputSource that ties them together.
#include <doctest/doctest.h>

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "read/date.h"
#include "read/decode.h"
#include "read/html_text.h"
#include "read/input_source.h"
#include "read/jsonl.h"
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

std::string joined(const std::vector<InputFile>& files, const std::string& strip) {
  std::string out;
  for (const InputFile& file : files) {
    std::string item = file.path;
    if (item.rfind(strip, 0) == 0) item = item.substr(strip.size());
    if (!out.empty()) out += ' ';
    out += item;
  }
  return out;
}

// Every document of a source, as "name|text|date" lines; diagnostics formatted into `log`.
std::vector<std::string> drain(InputSource& source, Diagnostics& diags) {
  std::vector<std::string> out;
  while (std::optional<Document> d = source.next(diags)) {
    out.push_back(d->name + "|" + d->text + "|" + d->date);
  }
  return out;
}

std::string messages(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.all()) out += format(d);
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
  const InputList list = expand_inputs({t / "in"}, {}, diags);
  CHECK(diags.empty());
  CHECK(joined(list.files, (t.path() / "in").string() + "/") ==
        "a.txt b.txt sub/deeper/y.md sub/z.txt");
  CHECK(list.files[0].size == 1);
}

TEST_CASE("read: expand_inputs merges files and directories, without duplicates") {
  TempDir t;
  const std::string a = t.write("d/a.txt", "a");
  const std::string c = t.write("c.txt", "c");
  t.write("d/b.txt", "b");
  Diagnostics diags;
  // A file named twice, and again through its directory, appears once; "-" (stdin) comes last.
  const InputList list = expand_inputs({"-", c, t / "d", a, c}, {}, diags);
  CHECK(diags.empty());
  const std::string root = t.path().string() + "/";
  CHECK(joined(list.files, root) == "c.txt d/a.txt d/b.txt -");

  CHECK(expand_inputs({}, {}, diags).files.empty());
  CHECK(joined(expand_inputs({"-"}, {}, diags).files, "") == "-");
}

TEST_CASE("read: expand_inputs keeps an explicitly named hidden file, whatever the filters") {
  TempDir t;
  const std::string hidden = t.write(".notes.txt", "n");
  Diagnostics diags;
  PathFilters filters;
  filters.exclude = {"*.txt"};
  CHECK(joined(expand_inputs({hidden}, filters, diags).files, "") == hidden);
}

TEST_CASE("read: a symlink loop is skipped with a warning, linked directories are read") {
  TempDir t;
  t.write("d/a.txt", "a");
  t.write("other/b.txt", "b");
  std::error_code ec;
  fs::create_directory_symlink(t.path() / "d", t.path() / "d/loop", ec);
  REQUIRE_FALSE(ec);
  fs::create_directory_symlink(t.path() / "other", t.path() / "d/linked", ec);
  REQUIRE_FALSE(ec);
  Diagnostics diags;
  const InputList list = expand_inputs({t / "d"}, {}, diags);
  CHECK(joined(list.files, t.path().string() + "/") == "d/a.txt d/linked/b.txt");
  REQUIRE(diags.all().size() == 1);
  CHECK(format(diags.all()[0]) == (t / "d/loop") + ": warning: symbolic link loop skipped\n");
}

TEST_CASE("read: expand_inputs throws for a missing path or a glob that matches nothing") {
  TempDir t;
  Diagnostics diags;
  const std::string missing = t / "no-such-file.txt";
  CHECK_THROWS_AS(expand_inputs({missing}, {}, diags), std::runtime_error);
  try {
    expand_inputs({t.write("ok.txt", "x"), missing}, {}, diags);
    FAIL("expand_inputs did not throw");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "no such file or directory: " + missing);
  }
  try {
    expand_inputs({t / "*.jsonl"}, {}, diags);
    FAIL("expand_inputs did not throw");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "no file matches " + (t / "*.jsonl"));
  }
}

TEST_CASE("read: globs in arguments, --include and --exclude") {
  TempDir t;
  t.write("news/a.txt", "a");
  t.write("news/b.jsonl", "{}");
  t.write("news/2025/c.txt", "c");
  t.write("news/2025/drafts/d.txt", "d");
  t.write("news/2025/e.html", "e");
  const std::string root = (t.path() / "news").string() + "/";
  Diagnostics diags;
  CHECK(joined(expand_inputs({t / "news/*.txt"}, {}, diags).files, root) == "a.txt");
  CHECK(joined(expand_inputs({t / "news/**/*.txt"}, {}, diags).files, root) ==
        "2025/c.txt 2025/drafts/d.txt a.txt");
  CHECK(joined(expand_inputs({t / "news/*/[cd].*"}, {}, diags).files, root) == "2025/c.txt");

  PathFilters filters;
  filters.include = {"*.txt", "*.html"};
  filters.exclude = {"drafts"};
  CHECK(joined(expand_inputs({t / "news"}, filters, diags).files, root) ==
        "2025/c.txt 2025/e.html a.txt");
  filters.exclude = {"2025/*.html"};  // with a slash: the path below the folder
  CHECK(joined(expand_inputs({t / "news"}, filters, diags).files, root) ==
        "2025/c.txt 2025/drafts/d.txt a.txt");
  CHECK(diags.empty());
}

TEST_CASE("read: glob_match") {
  CHECK(glob_match("*.txt", "a.txt"));
  CHECK_FALSE(glob_match("*.txt", "d/a.txt"));
  CHECK(glob_match("**/*.txt", "a.txt"));
  CHECK(glob_match("**/*.txt", "d/e/a.txt"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK_FALSE(glob_match("a/**/b", "ab"));
  CHECK(glob_match("?.txt", "가.txt"));
  CHECK_FALSE(glob_match("?.txt", "ab.txt"));
  CHECK(glob_match("[a-c]x", "bx"));
  CHECK_FALSE(glob_match("[!a-c]x", "bx"));
  CHECK(glob_match("\\*", "*"));
  CHECK_FALSE(glob_match("\\*", "a"));
  CHECK(glob_match("[", "["));
}

TEST_CASE("read: decode_text strips a UTF-8 BOM and converts UTF-16 and UTF-32 with a BOM") {
  const std::string text = "삼성 A\n";
  DecodedText d = decode_text("\xEF\xBB\xBF" + text);
  CHECK(d.text == text);
  CHECK(d.encoding == TextEncoding::utf8_bom);
  CHECK(d.bom_bytes == 3);

  // 삼 U+C0BC, 성 U+C131, U+1F600 (a surrogate pair in UTF-16).
  using namespace std::string_literals;
  const std::string le16 = "\xFF\xFE\xBC\xC0\x31\xC1\x20\x00\x3D\xD8\x00\xDE"s;
  d = decode_text(le16);
  CHECK(d.encoding == TextEncoding::utf16le);
  CHECK(d.text == "삼성 \U0001F600");
  CHECK(d.invalid_units == 0);
  const std::string be16 = "\xFE\xFF\xC0\xBC\xC1\x31\x00\x20"s;
  CHECK(decode_text(be16).text == "삼성 ");
  const std::string le32 = "\xFF\xFE\x00\x00\xBC\xC0\x00\x00\x00\xF6\x01\x00"s;
  d = decode_text(le32);
  CHECK(d.encoding == TextEncoding::utf32le);
  CHECK(d.text == "삼\U0001F600");
  const std::string be32 = "\x00\x00\xFE\xFF\x00\x00\xC0\xBC"s;
  CHECK(decode_text(be32).text == "삼");

  // A lone surrogate and an odd trailing byte become U+FFFD and are counted.
  d = decode_text("\xFF\xFE\x41\x00\x00\xD8\x42\x00\x43"s);
  CHECK(d.text == "A\uFFFDB\uFFFD");
  CHECK(d.invalid_units == 2);
}

TEST_CASE("read: decode_text replaces a few NUL bytes with spaces, many make a file binary") {
  using namespace std::string_literals;
  std::string text(1000, 'a');
  text[10] = '\0';
  text[20] = '\0';
  DecodedText d = decode_text(text);
  CHECK_FALSE(d.binary);
  CHECK(d.nul_bytes == 2);
  CHECK(d.text.size() == 1000);
  CHECK(d.text[10] == ' ');
  for (std::size_t i = 100; i < 111; ++i) text[i] = '\0';  // 13 in 1000: more than 1%
  CHECK(decode_text(text).binary);
  CHECK(looks_binary("\x89PNG\r\n\x1a\n text after a PNG signature"));
  CHECK(looks_binary("%PDF-1.7\n"));

  CHECK(decode_text("PK\x03\x04\0\0\x14\0\x08\0"s).binary);
  CHECK(decode_text("a\0"s).binary);
  CHECK_FALSE(decode_text("삼성전자는 투자했다.\n").binary);
  CHECK_FALSE(decode_text("").binary);
  // Mostly invalid UTF-8 (a legacy encoding, random bytes) is binary; a few bad bytes are not.
  CHECK(looks_binary("\xB0\xA1\xB0\xA2\xB0\xA3 \xB0\xA4"));
  d = decode_text("caf\xE9 au lait, une tasse de caf\xE9");
  CHECK_FALSE(d.binary);
  CHECK(d.invalid_bytes == 2);
  // Control characters count only in the first 8 KiB.
  std::string late(9000, 'a');
  for (std::size_t i = 8192; i < 9000; ++i) late[i] = '\x01';
  CHECK_FALSE(looks_binary(late));
  CHECK(looks_binary(late.substr(8000)));
}

TEST_CASE("read: normalise_date accepts ISO 8601, RFC 2822, month names, Korean, Unix times") {
  const auto d = [](std::string_view s) { return normalise_date(s).value_or("<none>"); };
  CHECK(d("2025-03-04") == "2025-03-04");
  CHECK(d(" 2025-03-04\n") == "2025-03-04");
  CHECK(d("2025-03-04T10:00:00Z") == "2025-03-04T10:00:00Z");
  CHECK(d("2025-03-04T10:00:00.123+09:00") == "2025-03-04T10:00:00+09:00");
  CHECK(d("2025-03-04 10:00:00") == "2025-03-04T10:00:00");
  CHECK(d("2025-03-04 10:00") == "2025-03-04T10:00:00");
  CHECK(d("2025-03-04T10:00:00+0900") == "2025-03-04T10:00:00+09:00");
  CHECK(d("2025/3/4") == "2025-03-04");
  CHECK(d("2025.03.04. 14:30") == "2025-03-04T14:30:00");
  CHECK(d("Tue, 04 Mar 2025 10:00:00 +0900") == "2025-03-04T10:00:00+09:00");
  CHECK(d("Tue, 4 Mar 2025 01:00:00 GMT") == "2025-03-04T01:00:00Z");
  CHECK(d("04 Mar 2025 10:00 EST") == "2025-03-04T10:00:00-05:00");
  CHECK(d("March 4, 2025") == "2025-03-04");
  CHECK(d("Mar. 4, 2025 2:30 PM") == "2025-03-04T14:30:00");
  CHECK(d("Tuesday, March 4th, 2025") == "2025-03-04");
  CHECK(d("4 March 2025") == "2025-03-04");
  CHECK(d("2025년 3월 4일") == "2025-03-04");
  CHECK(d("2025년 03월 04일 (화) 오후 2:30") == "2025-03-04T14:30:00");
  CHECK(d("2025-03-04 10:00 (KST)") == "2025-03-04T10:00:00+09:00");
  CHECK(d("1741050000") == "2025-03-04T01:00:00Z");
  CHECK(d("1741050000000") == "2025-03-04T01:00:00Z");
  CHECK(d("2024-02-29") == "2024-02-29");
  CHECK(d("20250304") == "2025-03-04");
  CHECK(d("20250304101500") == "2025-03-04T10:15:00");
  CHECK(d("20250230") == "<none>");

  CHECK(d("2025-02-29") == "<none>");
  CHECK(d("2025-13-01") == "<none>");
  CHECK(d("2025-03-04 25:00") == "<none>");
  CHECK(d("yesterday") == "<none>");
  CHECK(d("2025-03-04 soon") == "<none>");
  CHECK(d("") == "<none>");
  CHECK(d("12345") == "<none>");
  CHECK(d("Foo 4, 2025") == "<none>");
}

TEST_CASE("read: JSON Lines records, with default and chosen fields") {
  const JsonlFields defaults = default_jsonl_fields();
  JsonlRecord r;
  JsonlError e;
  REQUIRE(parse_jsonl_record(
      R"({"url":"https://x/1","headline":"H","content":"본문","pubDate":"2025-03-04"})", defaults,
      r, e));
  CHECK(r.id == "https://x/1");
  CHECK(r.url == "https://x/1");
  CHECK(r.title == "H");
  CHECK(r.text == "본문");
  CHECK(r.date == "2025-03-04");

  REQUIRE(
      parse_jsonl_record(R"({"id":7,"text":["p1","p2"],"timestamp":1741050000})", defaults, r, e));
  CHECK(r.id == "7");
  CHECK(r.text == "p1\np2");
  CHECK(r.date == "1741050000");

  JsonlFields fields = defaults;
  CHECK(set_jsonl_field(fields, "text=article.body"));
  CHECK(set_jsonl_field(fields, "date=meta.when,published"));
  CHECK_FALSE(set_jsonl_field(fields, "colour=red"));
  CHECK_FALSE(set_jsonl_field(fields, "text="));
  CHECK_FALSE(set_jsonl_field(fields, "text"));
  REQUIRE(parse_jsonl_record(R"({"article":{"body":"B"},"published":"2025-01-02"})", fields, r, e));
  CHECK(r.text == "B");
  CHECK(r.date == "2025-01-02");

  CHECK_FALSE(parse_jsonl_record(R"({"text": "x",})", defaults, r, e));
  CHECK(e.message.rfind("invalid JSON: ", 0) == 0);
  CHECK(e.offset == 13);
  CHECK_FALSE(parse_jsonl_record(R"({"text": "x"} {})", defaults, r, e));
  CHECK_FALSE(parse_jsonl_record(R"(["text"])", defaults, r, e));
  CHECK(e.message == "expected a JSON object (one article per line)");
  CHECK_FALSE(parse_jsonl_record(R"({"body": ""})", defaults, r, e));
  CHECK(e.offset == JsonlError::kNoOffset);
  CHECK(e.message ==
        "no text (looked for text, content, body, article; choose with --field text=KEY)");
}

TEST_CASE("read: the text of an HTML page leaves out scripts, navigation and boilerplate") {
  const std::string html = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Page title - Site</title>
<meta property="og:title" content="Samsung invests">
<meta property="article:published_time" content="2025-03-04T10:00:00+09:00">
<link rel="canonical" href="https://news.example/1">
<script>var x = "삼성전자는 투자했다";</script><style>p { color: red }</style></head>
<body><header>Site menu</header><nav><a href="/">Home</a></nav>
<article><header><h1>삼성전자, 미국에 투자</h1></header>
<p>삼성전자는   미국에 <b>170억</b> 달러를
투자한다고 밝혔다.</p><p>두 번째 &amp; 문단.<br>다음 줄</p>
<div hidden>hidden text</div><p style="display: none">invisible</p>
<aside>Related stories</aside><pre>  kept   as is</pre></article>
<footer>Copyright</footer><noscript>enable JS</noscript></body></html>)";
  const HtmlPage page = html_to_text(html);
  CHECK(page.text ==
        "삼성전자, 미국에 투자\n삼성전자는 미국에 170억 달러를 투자한다고 밝혔다.\n두 번째 & "
        "문단.\n다음 줄\n  kept   as is\n");
  CHECK(page.title == "Samsung invests");
  CHECK(page.date == "2025-03-04T10:00:00+09:00");
  CHECK(page.url == "https://news.example/1");

  const HtmlPage plain = html_to_text("<p>No head at all <time datetime=\"2025-01-02\">x</time>");
  CHECK(plain.text == "No head at all x\n");
  CHECK(plain.date == "2025-01-02");
  CHECK(plain.title.empty());
}

TEST_CASE("read: HTML in a legacy charset is converted, its charset named in a meta tag") {
  // "삼성" in EUC-KR.
  const std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">"
      "</head><body><p>\xBB\xEF\xBC\xBA</p></body></html>";
  CHECK(sniff_html_charset(html) == "euc-kr");
  CHECK(html_to_text(html).text == "삼성\n");
  CHECK(sniff_html_charset("<meta charset='UTF-8'>") == "utf-8");
  CHECK(sniff_html_charset("<p>no charset</p>").empty());
}

TEST_CASE("read: deeply nested HTML does not overflow the stack") {
  std::string html = "<p>top</p>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  // libxml2 stops nesting at 256 levels and drops what is deeper; what came before is kept.
  CHECK(html_to_text(html).text.rfind("top\n", 0) == 0);
  std::string nested;
  for (int i = 0; i < 200; ++i) nested += "<span>";
  CHECK(html_to_text(nested + "deep").text == "deep\n");
}

TEST_CASE("read: InputSource yields documents of every format, in path order") {
  TempDir t;
  t.write("in/a.txt", "\xEF\xBB\xBF첫 문서.");
  t.write("in/b.jsonl",
          "{\"id\":\"x1\",\"title\":\"T\",\"text\":\"본문\",\"date\":\"2025-03-04 10:00\"}\n"
          "\n"
          "{\"text\":\"no id\"}\r\n");
  t.write("in/c.html", "<title>t</title><meta name=\"pubdate\" content=\"20250305\"><p>웹</p>");
  t.write("in/d.md", "");
  Diagnostics diags;
  InputSource source({t / "in"}, {}, diags);
  const std::string root = (t.path() / "in").string() + "/";
  std::vector<std::string> docs = drain(source, diags);
  for (std::string& d : docs) {
    if (d.rfind(root, 0) == 0) d = d.substr(root.size());
  }
  CHECK(docs == std::vector<std::string>{"a.txt|첫 문서.|", "x1|T\n\n본문|2025-03-04T10:00:00",
                                         "b.jsonl:3|no id|", "c.html|웹\n|2025-03-05"});
  CHECK(messages(diags) == root + "d.md: warning: empty file skipped\n");
  const InputProgress& p = source.progress();
  CHECK(p.documents == 4);
  CHECK(p.files_total == 4);
  CHECK(p.files_done == 4);
  CHECK(p.bytes_done == p.bytes_total);
  CHECK(source.unreadable() == 0);
}

TEST_CASE("read: InputSource --input-format overrides the extension") {
  TempDir t;
  const std::string path = t.write("feed.txt", "{\"text\":\"A\"}\n{\"text\":\"B\"}\n");
  Diagnostics diags;
  InputOptions options;
  options.format = InputFormat::jsonl;
  InputSource source({path}, options, diags);
  CHECK(drain(source, diags) == std::vector<std::string>{path + ":1|A|", path + ":2|B|"});
  CHECK(parse_input_format("NDJSON") == InputFormat::jsonl);
  CHECK(parse_input_format("htm") == InputFormat::html);
  CHECK_FALSE(parse_input_format("pdf").has_value());
  CHECK(input_format_for_path("a/B.JSONL") == InputFormat::jsonl);
  CHECK(input_format_for_path("x.htm") == InputFormat::html);
  CHECK(input_format_for_path(".jsonl") == InputFormat::text);
}

TEST_CASE("read: InputSource reads a UTF-16 JSON Lines file with a BOM") {
  TempDir t;
  const std::string utf8 = "{\"text\":\"삼성\"}\n{\"text\":\"B\"}\n";
  std::string utf16 = "\xFF\xFE";
  std::u16string units;
  for (const char16_t c : std::u16string(u"{\"text\":\"삼성\"}\n{\"text\":\"B\"}\n")) {
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  const std::string path = t.write("f.jsonl", utf16);
  Diagnostics diags;
  InputSource source({path}, {}, diags);
  CHECK(drain(source, diags) == std::vector<std::string>{path + ":1|삼성|", path + ":2|B|"});
  CHECK(diags.empty());
}

TEST_CASE("read: files that grew or shrank since they were listed, and a pipe, are read whole") {
  TempDir t;
  const std::string grew = t.write("in/a.txt", "Short.");
  const std::string shrank = t.write("in/b.txt", std::string(5000, 'b') + ".");
  Diagnostics diags;
  InputSource source({t / "in"}, {}, diags);  // listed now, with these sizes
  const std::string longer = std::string(9000, 'a') + ".";
  t.write("in/a.txt", longer);
  t.write("in/b.txt", "Less.");
  CHECK(drain(source, diags) ==
        std::vector<std::string>{grew + "|" + longer + "|", shrank + "|Less.|"});
  // A pipe named on the command line gives its bytes in pieces: read on to its end.
  const std::string fifo = (t.path() / "pipe").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    // A reader that stops early must fail the test, not kill it: SIGPIPE is blocked here.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    std::ofstream out(fifo, std::ios::binary);
    for (int i = 0; i < 4; ++i) {
      out << std::string(3000, static_cast<char>('w' + i)) << std::flush;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    out << ".";
  });
  Diagnostics pipe_diags;
  InputSource from_pipe({fifo}, {}, pipe_diags);
  const std::vector<std::string> docs = drain(from_pipe, pipe_diags);
  writer.join();
  REQUIRE(docs.size() == 1);
  CHECK(docs[0] == fifo + "|" + std::string(3000, 'w') + std::string(3000, 'x') +
                       std::string(3000, 'y') + std::string(3000, 'z') + ".|");
}

TEST_CASE("read: a file that fails to read is a warning, the rest is read") {
  TempDir t;
  const std::string a = t.write("a.txt", "A.");
  Diagnostics diags;
  // Reading /proc/self/mem from offset 0 fails (EIO), even for root.
  InputSource source({"/proc/self/mem", a}, {}, diags);
  CHECK(drain(source, diags) == std::vector<std::string>{a + "|A.|"});
  CHECK(source.unreadable() == 1);
  CHECK(messages(diags) == "/proc/self/mem: warning: cannot read: Input/output error; skipped\n");
}

TEST_CASE("read: unreadable files and directories are warnings, the rest is read") {
  if (::geteuid() == 0) return;  // root reads everything (tests/e2e/test_inputs.py drops root)
  TempDir t;
  t.write("in/a.txt", "A.");
  const std::string locked = t.write("in/locked.txt", "L.");
  t.write("in/closed/c.txt", "C.");
  fs::permissions(locked, fs::perms::none);
  fs::permissions(t.path() / "in/closed", fs::perms::none);
  Diagnostics diags;
  InputSource source({t / "in"}, {}, diags);
  const std::vector<std::string> docs = drain(source, diags);
  fs::permissions(t.path() / "in/closed", fs::perms::owner_all);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0] == (t / "in/a.txt") + "|A.|");
  CHECK(source.unreadable() == 2);
  CHECK(messages(diags) == (t / "in/closed") +
                               ": warning: cannot read directory: Permission denied; skipped\n" +
                               locked + ": warning: cannot read: Permission denied; skipped\n");
}

TEST_CASE("read: a long document is handed out in parts, cut at a line break, sentence or space") {
  TempDir t;
  const std::string path = t.write("long.txt", "aaaa bbbb.\ncccc. dddd eeee ffff gggg");
  const std::string korean = t.write("long.md", "가나다라마바사아자차");  // 30 bytes, no space
  InputOptions options;
  options.part_bytes = 12;
  options.report_files = true;
  Diagnostics diags;
  InputSource source({path, korean}, options, diags);
  std::vector<std::string> parts;
  while (std::optional<Document> d = source.next(diags)) {
    parts.push_back(d->name + "|" + d->text + "|" + std::to_string(d->offset));
  }
  CHECK(parts ==
        std::vector<std::string>{korean + " (part 1)|가나다라|0", korean + " (part 2)|마바사아|12",
                                 korean + " (part 3)|자차|24", path + " (part 1)|aaaa bbbb.\n|0",
                                 path + " (part 2)|cccc. dddd |11",
                                 path + " (part 3)|eeee ffff |22", path + " (part 4)|gggg|32"});
  CHECK(source.progress().documents == 2);
  CHECK(messages(diags) == korean + ": note: 1 document read\n" + korean +
                               ": note: a document of 30 bytes is read in parts of at most 12\n" +
                               path + ": note: 1 document read\n" + path +
                               ": note: a document of 36 bytes is read in parts of at most 12\n");
}
