// Decoding bytes into UTF-8 text (see decode.h).
#include "read/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "unicode/utf8.h"

namespace relgraph {

namespace {

constexpr std::size_t kSample = 8192;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Counts malformed input while substituting U+FFFD (ICU's own substitute callback).
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args,
                          const char* code_units, int32_t length, UConverterCallbackReason reason,
                          UErrorCode* status) {
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    ++*static_cast<std::size_t*>(const_cast<void*>(context));
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, status);
}

// Converts `bytes` (without BOM) from `charset` to UTF-8; counts malformed units.
std::string convert_to_utf8(std::string_view bytes, const char* charset, std::size_t& invalid) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), &ucnv_close);
  if (U_FAILURE(status))
    throw std::runtime_error("ICU has no converter for " + std::string(charset));
  ucnv_setToUCallBack(conv.get(), count_and_substitute, &invalid, nullptr, nullptr, &status);
  // UTF-16 gives at most one UChar per two bytes, UTF-32 two per four; a trailing partial
  // unit one more.
  std::u16string utf16(bytes.size() / 2 + 2, u'\0');
  const int32_t n = ucnv_toUChars(conv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                                  bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("cannot convert from " + std::string(charset));
  int32_t length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &length, utf16.data(), n, 0xFFFD, nullptr, &status);
  std::string out(static_cast<std::size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), length, &length, utf16.data(), n, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) throw std::runtime_error("cannot convert to UTF-8");
  return out;
}

bool looks_binary_sample(std::string_view text, bool require_utf8, std::size_t invalid);

}  // namespace

const char* encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::utf8:
      return "UTF-8";
    case TextEncoding::utf8_bom:
      return "UTF-8 with BOM";
    case TextEncoding::utf16le:
      return "UTF-16LE";
    case TextEncoding::utf16be:
      return "UTF-16BE";
    case TextEncoding::utf32le:
      return "UTF-32LE";
    case TextEncoding::utf32be:
      return "UTF-32BE";
  }
  return "UTF-8";
}

TextEncoding detect_bom(std::string_view b) {
  using namespace std::string_view_literals;
  if (starts_with(b, "\xEF\xBB\xBF"sv)) return TextEncoding::utf8_bom;
  if (starts_with(b, "\xFF\xFE\x00\x00"sv)) return TextEncoding::utf32le;
  if (starts_with(b, "\x00\x00\xFE\xFF"sv)) return TextEncoding::utf32be;
  if (starts_with(b, "\xFF\xFE"sv)) return TextEncoding::utf16le;
  if (starts_with(b, "\xFE\xFF"sv)) return TextEncoding::utf16be;
  return TextEncoding::utf8;
}

DecodedText decode_text(std::string bytes) {
  DecodedText out;
  out.encoding = detect_bom(bytes);
  switch (out.encoding) {
    case TextEncoding::utf8:
      out.text = std::move(bytes);
      break;
    case TextEncoding::utf8_bom:
      out.bom_bytes = 3;
      bytes.erase(0, 3);
      out.text = std::move(bytes);
      break;
    case TextEncoding::utf16le:
    case TextEncoding::utf16be:
      out.bom_bytes = 2;
      out.text = convert_to_utf8(std::string_view(bytes).substr(2), encoding_name(out.encoding),
                                 out.invalid_units);
      break;
    case TextEncoding::utf32le:
    case TextEncoding::utf32be:
      out.bom_bytes = 4;
      out.text = convert_to_utf8(std::string_view(bytes).substr(4), encoding_name(out.encoding),
                                 out.invalid_units);
      break;
  }
  // A text within the sample is checked once: its invalid bytes are looks_binary's count.
  const bool whole = out.text.size() <= kSample;
  const std::size_t invalid = whole ? count_invalid_utf8(out.text) : 0;
  out.binary = whole ? looks_binary_sample(out.text, true, invalid) : looks_binary(out.text);
  if (out.binary) return out;
  for (char *p = out.text.data(), *end = p + out.text.size();
       (p = static_cast<char*>(std::memchr(p, '\0', static_cast<std::size_t>(end - p)))) != nullptr;
       ++p) {
    *p = ' ';
    ++out.nul_bytes;
  }
  out.invalid_bytes = whole ? invalid : count_invalid_utf8(out.text);
  return out;
}

bool has_binary_signature(std::string_view b) {
  using namespace std::string_view_literals;
  static constexpr std::string_view signatures[] = {"\x89PNG"sv,
                                                    "\xFF\xD8\xFF"sv,
                                                    "GIF87a"sv,
                                                    "GIF89a"sv,
                                                    "%PDF-"sv,
                                                    "PK\x03\x04"sv,
                                                    "\x1F\x8B"sv,
                                                    "\x7F"
                                                    "ELF"sv,
                                                    "BZh"sv,
                                                    "\xFD"
                                                    "7zXZ"sv,
                                                    "7z\xBC\xAF"sv,
                                                    "Rar!"sv,
                                                    "OggS"sv,
                                                    "ID3"sv,
                                                    "RIFF"sv,
                                                    "\xD0\xCF\x11\xE0"sv,
                                                    "SQLite format 3"sv,
                                                    "\x28\xB5\x2F\xFD"sv,
                                                    "wOFF"sv,
                                                    "wOF2"sv};
  for (const std::string_view s : signatures) {
    if (starts_with(b, s)) return true;
  }
  return b.size() >= 12 && b.substr(4, 4) == "ftyp";  // MP4, MOV, HEIC
}

namespace {

// looks_binary() of a text no longer than the sample whose invalid UTF-8 bytes are `invalid`
// (so they are not counted twice).
bool looks_binary_sample(std::string_view text, bool require_utf8, std::size_t invalid) {
  if (text.empty()) return false;
  if (has_binary_signature(text)) return true;
  std::size_t controls = 0, nul = 0;
  auto count = [&](unsigned char c) {
    nul += c == 0;
    controls +=
        c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B;
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    // Whether any byte is below 0x20 (exact for a bound up to 0x80); most words have none.
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    if (((word - kOnes * 0x20) & ~word & (kOnes * 0x80)) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) count(static_cast<unsigned char>(text[k]));
  }
  for (; i < text.size(); ++i) count(static_cast<unsigned char>(text[i]));
  if (nul * 100 > text.size() || controls * 10 > text.size()) return true;
  return require_utf8 && invalid * 10 > text.size() * 3;
}

}  // namespace

bool looks_binary(std::string_view text, bool require_utf8) {
  if (text.size() <= kSample) {
    return looks_binary_sample(text, require_utf8, require_utf8 ? count_invalid_utf8(text) : 0);
  }
  const std::string_view sample = text.substr(0, kSample);
  if (has_binary_signature(sample)) return true;
  std::size_t controls = 0, nul = 0;
  for (const char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) ++nul;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B) {
      ++controls;
    }
  }
  if (nul * 100 > sample.size() || controls * 10 > sample.size()) return true;
  if (!require_utf8) return false;
  // Cut the sample at a character boundary so a sequence split at 8 KiB does not count.
  std::size_t end = sample.size();
  if (text.size() > sample.size()) {
    while (end > 0 && end > sample.size() - 3 &&
           (static_cast<unsigned char>(sample[end - 1]) & 0xC0) == 0x80) {
      --end;
    }
    if (end > 0 && static_cast<unsigned char>(sample[end - 1]) >= 0xC0) --end;
  }
  return count_invalid_utf8(sample.substr(0, end)) * 10 > end * 3;
}

}  // namespace relgraph
