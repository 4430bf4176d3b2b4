// hash128 (see hash128.h): four lanes of 64-bit multiply-rotate rounds (as xxHash64's), 32 bytes
// a step so that the lanes' multiplications overlap; the tail zero-padded into one more step,
// then the lanes and the length folded into two avalanched halves.
#include "hash/hash128.h"

#include <bit>
#include <cstring>

namespace relgraph {

namespace {

constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;

std::uint64_t load64(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}
std::uint64_t round64(std::uint64_t lane, std::uint64_t word) {
  return std::rotl(lane + word * kP2, 31) * kP1;
}
std::uint64_t avalanche(std::uint64_t h) {
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

}  // namespace

std::string Hash128::hex() const {
  static const char digits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[static_cast<std::size_t>(i)] = digits[(high >> (60 - 4 * i)) & 15];
    out[static_cast<std::size_t>(16 + i)] = digits[(low >> (60 - 4 * i)) & 15];
  }
  return out;
}

Hash128 hash128(std::string_view bytes) {
  std::uint64_t v[4] = {kP1 + kP2, kP2, 0, 0 - kP1};
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 32; p += 32, n -= 32)
    for (int i = 0; i < 4; ++i) v[i] = round64(v[i], load64(p + 8 * i));
  char tail[32] = {};
  if (n > 0) std::memcpy(tail, p, n);
  for (int i = 0; i < 4; ++i) v[i] = round64(v[i], load64(tail + 8 * i));
  const std::uint64_t length = bytes.size();
  Hash128 h;
  h.low = avalanche(std::rotl(v[0], 1) + std::rotl(v[1], 7) + std::rotl(v[2], 12) +
                    std::rotl(v[3], 18) + length * kP4);
  h.high = avalanche((v[0] ^ std::rotl(v[1], 29)) * kP3 + (v[2] ^ std::rotl(v[3], 41)) * kP1 +
                     (length ^ h.low));
  return h;
}

}  // namespace relgraph
