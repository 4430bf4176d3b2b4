// StringIndex: a flat hash map from byte strings to 32-bit values, for the name look-ups of
// rule loading and compiling (ids, aliases, keys; up to millions of short strings).
//
// Keys are copied once into one contiguous buffer and found by open addressing (linear
// probing) over an array of (hash, entry) slots: no node or string allocation per key, which
// is what made std::unordered_map<std::string, ...> the main cost of loading a large rule
// pack. Keys are never removed; clear() forgets them all. Iteration order is insertion order
// (entries()). Not thread-safe for writes; const look-ups may be shared. No I/O.
//
// The hash is a parameter: a type with `static std::uint64_t hash(std::string_view)`. A caller
// that can compute it more cheaply (several prefixes of one word in one pass, say) looks up
// with find_hashed().
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relgraph {

// The default hash: the bytes read eight at a time, each word multiplied in, then mixed once
// more so that the low bits (the slot) and the high bits (the tag) both vary. Cheaper than
// std::hash (a call to the out-of-line _Hash_bytes) for the short keys of rule loading, where
// hashing was a tenth of the time. Keys are never ordered by hash, so the hash does not change
// any result.
struct DefaultStringHash {
  static std::uint64_t hash(std::string_view key) {
    constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ULL;
    constexpr std::uint64_t k2 = 0xBF58476D1CE4E5B9ULL;
    const char* p = key.data();
    const std::size_t size = key.size();
    std::uint64_t h = k1 ^ (size * k2);
    std::size_t n = size;
    for (; n >= 8; p += 8, n -= 8) h = mix(h, load<std::uint64_t>(p));
    // The last 1-7 bytes in one word (two overlapping 4-byte loads, or three single bytes);
    // the length is in h already.
    std::uint64_t tail = 0;
    if (n >= 4) {
      tail = load<std::uint32_t>(p) | std::uint64_t{load<std::uint32_t>(p + n - 4)} << 32;
    } else if (n > 0) {
      tail = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
             static_cast<unsigned char>(p[n - 1]) << 16;
    }
    if (n > 0) h = mix(h, tail);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }

 private:
  template <class T>
  static T load(const char* p) {
    T word;
    std::memcpy(&word, p, sizeof word);
    return word;
  }
  static std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
    h ^= word * 0xBF58476D1CE4E5B9ULL;
    return (h << 31 | h >> 33) * 0x9E3779B97F4A7C15ULL;
  }
};

template <class Hash>
class BasicStringIndex {
 public:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;

  BasicStringIndex() = default;

  // Room for `keys` keys of `bytes` bytes in all without growing.
  void reserve(std::size_t keys, std::size_t bytes = 0) {
    entries_.reserve(keys);
    if (bytes > 0) bytes_.reserve(bytes);
    if (keys * 2 > slots_.size()) rehash(capacity_for(keys));
  }

  // Adds key -> value unless the key is there. Returns the value now stored under the key and
  // whether it was added.
  std::pair<std::uint32_t, bool> insert(std::string_view key, std::uint32_t value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) rehash(capacity_for(entries_.size() + 1));
    const std::uint64_t h = Hash::hash(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.entry == 0) {
        slot.tag = static_cast<std::uint32_t>(h >> 32);
        slot.entry = static_cast<std::uint32_t>(entries_.size() + 1);
        entries_.push_back({bytes_.size(), key.size(), h, value});
        bytes_.append(key);
        return {value, true};
      }
      if (slot.tag == static_cast<std::uint32_t>(h >> 32)) {
        const Entry& e = entries_[slot.entry - 1];
        if (e.length == key.size() && same_bytes(bytes_.data() + e.offset, key.data(), e.length))
          return {e.value, false};
      }
    }
  }

  // The value stored under `key`, or kAbsent.
  std::uint32_t find(std::string_view key) const { return find_hashed(Hash::hash(key), key); }

  // The same, given h == Hash::hash(key).
  std::uint32_t find_hashed(std::uint64_t h, std::string_view key) const {
    if (entries_.empty()) return kAbsent;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return kAbsent;
      if (slot.tag == static_cast<std::uint32_t>(h >> 32)) {
        const Entry& e = entries_[slot.entry - 1];
        if (e.length == key.size() && same_bytes(bytes_.data() + e.offset, key.data(), e.length))
          return e.value;
      }
    }
  }

  bool contains(std::string_view key) const { return find(key) != kAbsent; }

  // Forgets every key; keeps a small table's memory for reuse.
  void clear() {
    entries_.clear();
    bytes_.clear();
    if (slots_.size() <= kKeptSlots) {
      std::fill(slots_.begin(), slots_.end(), Slot{});
    } else {
      slots_ = std::vector<Slot>();
    }
  }

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // high half of the key's hash
    std::uint32_t entry = 0;  // 1 + index in entries_; 0: empty
  };
  struct Entry {
    std::size_t offset;  // of the key in bytes_
    std::size_t length;
    std::uint64_t hash;
    std::uint32_t value;
  };
  static constexpr std::size_t kKeptSlots = 256;

  static std::size_t capacity_for(std::size_t keys) {
    std::size_t n = 16;
    while (n < keys * 2) n *= 2;
    return n;
  }

  // a[0, n) == b[0, n). Keys of up to sixteen bytes (nearly all) are compared in two loads
  // from each, which may overlap; a memcmp call cost more than the rest of a look-up's probe.
  static bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n >= 8) {
      if (n > 16) return std::memcmp(a, b, n) == 0;
      return load<std::uint64_t>(a) == load<std::uint64_t>(b) &&
             load<std::uint64_t>(a + n - 8) == load<std::uint64_t>(b + n - 8);
    }
    if (n >= 4)
      return load<std::uint32_t>(a) == load<std::uint32_t>(b) &&
             load<std::uint32_t>(a + n - 4) == load<std::uint32_t>(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  template <class T>
  static T load(const char* p) {
    T word;
    std::memcpy(&word, p, sizeof word);
    return word;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> slots(capacity);
    const std::size_t mask = capacity - 1;
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      const std::uint64_t h = entries_[k].hash;
      std::size_t i = static_cast<std::size_t>(h) & mask;
      while (slots[i].entry != 0) i = (i + 1) & mask;
      slots[i] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(k + 1)};
    }
    slots_ = std::move(slots);
  }

  std::string bytes_;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
};

using StringIndex = BasicStringIndex<DefaultStringHash>;

}  // namespace relgraph
