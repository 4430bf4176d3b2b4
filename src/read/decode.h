// Decoding a file's bytes into UTF-8 text: byte order marks, UTF-16 and UTF-32, NUL bytes,
// and telling text from binary.
//
// decode_text() strips a UTF-8 BOM, converts UTF-16 LE/BE and UTF-32 LE/BE that start with
// their BOM to UTF-8 (ICU ucnv; malformed units become U+FFFD and are counted), replaces each
// NUL byte with a space (one byte for one byte, so offsets stay put) and says whether the text
// looks binary. UTF-8 text is otherwise left as it is: invalid bytes stay for the normalise
// stage, which replaces them and keeps offsets into these bytes. Nothing here prints or
// touches files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace relgraph {

enum class TextEncoding { utf8, utf8_bom, utf16le, utf16be, utf32le, utf32be };

// "UTF-8", "UTF-8 with BOM", "UTF-16LE", ...
const char* encoding_name(TextEncoding encoding);

// The encoding announced by a byte order mark at the start of `bytes` (utf8 when none).
TextEncoding detect_bom(std::string_view bytes);

struct DecodedText {
  std::string text;  // UTF-8, BOM removed; may still hold invalid UTF-8 when the input did
  TextEncoding encoding = TextEncoding::utf8;
  bool binary = false;            // looks_binary() on the decoded text
  std::size_t nul_bytes = 0;      // NUL bytes replaced with spaces
  std::size_t invalid_bytes = 0;  // invalid UTF-8 bytes left in `text`
  std::size_t invalid_units = 0;  // malformed UTF-16/32 units replaced with U+FFFD
  std::size_t bom_bytes = 0;      // bytes dropped from the start (the BOM)
};

// Takes the bytes by value: UTF-8 input is moved, not copied.
DecodedText decode_text(std::string bytes);

// True when the first 8 KiB of `text` do not look like text: they start with the signature of
// a common binary format (PNG, JPEG, GIF, PDF, ZIP, gzip, ELF, MP4, ...), more than 1% of
// the bytes are NUL, more than 10% are control characters (tab, line feed, vertical tab, form
// feed, carriage return and escape excepted), or more than 30% are not valid UTF-8. A few NUL
// bytes in a long text file do not make it binary (decode_text replaces them with spaces). Without
// `require_utf8` (a page in another charset) only the control characters count.
bool looks_binary(std::string_view text, bool require_utf8 = true);

}  // namespace relgraph
