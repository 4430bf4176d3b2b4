// content_hash: a short fingerprint of a document's text, to tell an article already read.
//
// 64-bit FNV-1a over the bytes, written "fnv1a64:" and 16 hex digits. Not cryptographic: it
// tells repeated articles apart from new ones (a chance collision among a million documents is
// about 3 in 10^8), it does not protect against crafted input. No I/O.
#pragma once

#include <string>
#include <string_view>

namespace relgraph {

std::string content_hash(std::string_view bytes);

}  // namespace relgraph
