// Freezing loaded rules and their compiled Matcher into bytes and reading them back (see
// rule_image.h). The payload is a sequence of fields in a fixed order, little-endian as the
// header's byte order mark says: counts as 64-bit, strings as a 32-bit length and bytes, plain
// tables (the automaton's) as a count and their bytes.
#include "rule_image/rule_image.h"

#include <bit>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

namespace relgraph {

namespace {

// The header: magic, version, byte order mark, key, payload size, checksum, reserved.
constexpr char kMagic[8] = {'R', 'G', 'R', 'U', 'L', 'E', 'S', '\x1a'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHeaderSize = 64;

class ImageWriter {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::size_t at = out.size();
    out.resize(at + sizeof value);
    std::memcpy(out.data() + at, &value, sizeof value);
  }
  void boolean(bool b) { put<std::uint8_t>(b ? 1 : 0); }
  void count(std::size_t n) { put<std::uint64_t>(n); }
  void str(std::string_view s) {
    put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    out.append(s);
  }
  template <class T>
  void table(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
    count(items.size());
    out.append(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(T));
  }
  template <class T>
  void table(const std::vector<T>& items) {
    table(std::span<const T>(items));
  }
  void strings(const std::vector<std::string>& items) {
    count(items.size());
    for (const std::string& s : items) str(s);
  }

  std::string out;
};

struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ImageReader {
 public:
  explicit ImageReader(std::string_view data) : data_(data) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    if (data_.size() - pos_ < sizeof(T)) throw ImageError("truncated payload");
    T value;
    std::memcpy(&value, data_.data() + pos_, sizeof value);
    pos_ += sizeof value;
    return value;
  }
  bool boolean() {
    const auto b = get<std::uint8_t>();
    if (b > 1) throw ImageError("bad flag");
    return b == 1;
  }
  template <class E>
  E enumeration(E last) {
    const auto v = get<std::uint8_t>();
    if (v > static_cast<unsigned>(last)) throw ImageError("bad enum value");
    return static_cast<E>(v);
  }
  int integer() { return get<std::int32_t>(); }
  // A count of items of at least `min_bytes` bytes each: no more than the rest could hold.
  std::size_t count(std::size_t min_bytes) {
    const auto n = get<std::uint64_t>();
    if (n > (data_.size() - pos_) / (min_bytes == 0 ? 1 : min_bytes)) throw ImageError("bad count");
    return static_cast<std::size_t>(n);
  }
  std::string_view view() {
    const auto n = get<std::uint32_t>();
    if (n > data_.size() - pos_) throw ImageError("truncated string");
    const std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string str() { return std::string(view()); }
  template <class T>
  void table(std::vector<T>& items) {
    const std::size_t n = count(sizeof(T));
    items.resize(n);
    if (n > 0) std::memcpy(items.data(), data_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
  }
  void strings(std::vector<std::string>& items) {
    items.resize(count(4));
    for (std::string& s : items) s = str();
  }
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

// Reads and writes the private tables of Matcher (its friend).
class RuleImageCodec {
 public:
  static void freeze(const Matcher& m, ImageWriter& w);
  static std::shared_ptr<const Matcher> thaw_matcher(ImageReader& r);
};

namespace {

void write_automaton(const LiteralAutomaton& automaton, ImageWriter& w) {
  const LiteralAutomaton::FrozenView f = automaton.frozen_view();  // no copy of the tables
  w.put(f.patterns);
  w.put(f.max_length);
  for (const auto* table : {&f.lengths, &f.group, &f.group_begin, &f.group_members, &f.text_class})
    w.table(*table);
  w.put(f.classes);
  w.put(f.skip_class);
  w.table(f.dense_state);
  w.table(f.nodes);
  w.table(f.edges);
  w.table(f.outputs);
  w.table(f.depth);
}

LiteralAutomaton read_automaton(ImageReader& r) {
  LiteralAutomaton::Frozen f;
  f.patterns = r.get<std::uint64_t>();
  f.max_length = r.get<std::uint64_t>();
  for (auto* table : {&f.lengths, &f.group, &f.group_begin, &f.group_members, &f.text_class})
    r.table(*table);
  f.classes = r.get<std::uint32_t>();
  f.skip_class = r.get<std::uint32_t>();
  r.table(f.dense_state);
  r.table(f.nodes);
  r.table(f.edges);
  r.table(f.outputs);
  r.table(f.depth);
  std::string why;
  std::optional<LiteralAutomaton> automaton = LiteralAutomaton::thaw(std::move(f), why);
  if (!automaton) throw ImageError(why);
  return std::move(*automaton);
}

}  // namespace

void RuleImageCodec::freeze(const Matcher& m, ImageWriter& w) {
  w.count(m.entities_.size());
  for (const MatcherEntity& e : m.entities_) {
    w.str(e.id);
    w.str(e.type);
  }
  w.count(m.aliases_.size());
  for (const MatcherAlias& a : m.aliases_) {
    w.str(a.text);
    w.table(a.entities);
    w.boolean(a.case_sensitive);
    w.put(static_cast<std::uint8_t>(a.context));
    w.boolean(a.toward);
    w.boolean(a.from_group);
  }
  for (const std::vector<std::string>& names : m.surnames_) w.strings(names);
  w.strings(m.particles_.items());
  write_automaton(m.automaton_, w);
  w.table(m.hot_);
}

std::shared_ptr<const Matcher> RuleImageCodec::thaw_matcher(ImageReader& r) {
  std::shared_ptr<Matcher> m(new Matcher());
  m->entities_.resize(r.count(8));
  for (MatcherEntity& e : m->entities_) {
    e.id = r.str();
    e.type = r.str();
  }
  m->aliases_.resize(r.count(16));
  for (MatcherAlias& a : m->aliases_) {
    a.text = r.str();
    r.table(a.entities);
    a.case_sensitive = r.boolean();
    a.context = r.enumeration(AliasContext::list);
    a.toward = r.boolean();
    a.from_group = r.boolean();
  }
  m->surnames_.resize(m->entities_.size());
  for (std::vector<std::string>& names : m->surnames_) r.strings(names);
  std::vector<std::string> particles;
  r.strings(particles);
  if (particles.size() > 0xFFFF) throw ImageError("too many particles");
  for (const std::string& p : particles) {
    if (p.empty()) throw ImageError("empty particle");
    m->particles_.add(p);
  }
  m->automaton_ = read_automaton(r);
  r.table(m->hot_);
  m->fold_alias_keys();
  if (const std::string problem = m->check(); !problem.empty()) throw ImageError(problem);
  m->derive_tables();
  return m;
}

namespace {

// The RuleSet's fields; each location names its file by index into a table written first.
class RuleSetWriter {
 public:
  explicit RuleSetWriter(ImageWriter& w) : w_(w) {}

  void write(const RuleSet& rules) {
    ImageWriter body;
    std::swap(body.out, w_.out);  // the body first, to learn the files; then table + body
    w_.count(rules.types.size());
    for (const EntityType& t : rules.types) {
      w_.str(t.name);
      w_.str(t.label);
      attributes(t.attributes);
      where(t.where);
    }
    w_.count(rules.entities.size());
    for (const Entity& e : rules.entities) {
      w_.str(e.id);
      w_.str(e.type);
      w_.str(e.label);
      aliases(e.aliases);
      attributes(e.attributes);
      where(e.where);
    }
    w_.count(rules.groups.size());
    for (const Group& g : rules.groups) {
      w_.str(g.id);
      w_.strings(g.members);
      aliases(g.aliases);
      where(g.where);
    }
    w_.count(rules.relations.size());
    for (const RelationType& r : rules.relations) {
      w_.str(r.name);
      w_.str(r.label);
      w_.boolean(r.symmetric);
      w_.strings(r.source_types);
      w_.strings(r.target_types);
      entries(r.triggers);
      w_.strings(r.source_roles);
      w_.strings(r.target_roles);
      w_.strings(r.blocked_by);
      w_.boolean(r.speaker_is_source);
      attributes(r.attributes);
      where(r.where);
    }
    w_.count(rules.lexicons.size());
    for (const Lexicon& l : rules.lexicons) {
      w_.str(l.name);
      entries(l.entries);
      where(l.where);
    }
    std::swap(body.out, w_.out);
    w_.strings(files_);
    w_.out += body.out;
  }

 private:
  void where(const RuleLocation& at) {
    const std::string& name = at.file.name();
    auto [it, fresh] = file_index_.emplace(&name, static_cast<std::uint32_t>(files_.size()));
    if (fresh) files_.push_back(name);
    w_.put(it->second);
    w_.put<std::int32_t>(at.line);
    w_.put<std::int32_t>(at.column);
  }
  void attributes(const std::vector<Attribute>& items) {
    w_.count(items.size());
    for (const Attribute& a : items) {
      w_.str(a.key);
      w_.str(a.value);
    }
  }
  void aliases(const std::vector<Alias>& items) {
    w_.count(items.size());
    for (const Alias& a : items) {
      w_.str(a.text);
      w_.boolean(a.case_sensitive);
      w_.put(static_cast<std::uint8_t>(a.context));
      w_.boolean(a.toward);
      where(a.where);
    }
  }
  void entries(const std::vector<LexiconEntry>& items) {
    w_.count(items.size());
    for (const LexiconEntry& e : items) {
      w_.str(e.text);
      w_.put(static_cast<std::uint8_t>(e.position));
      w_.put(static_cast<std::uint8_t>(e.frame));
      where(e.where);
    }
  }

  ImageWriter& w_;
  std::unordered_map<const std::string*, std::uint32_t> file_index_;
  std::vector<std::string> files_;
};

class RuleSetReader {
 public:
  explicit RuleSetReader(ImageReader& r) : r_(r) {}

  RuleSet read() {
    std::vector<std::string> names;
    r_.strings(names);
    files_.assign(names.begin(), names.end());
    RuleSet rules;
    rules.types.resize(r_.count(4 * 3 + 12));
    for (EntityType& t : rules.types) {
      t.name = r_.str();
      t.label = r_.str();
      attributes(t.attributes);
      t.where = where();
    }
    rules.entities.resize(r_.count(4 * 3 + 16 + 12));
    for (Entity& e : rules.entities) {
      e.id = r_.str();
      e.type = r_.str();
      e.label = r_.str();
      aliases(e.aliases);
      attributes(e.attributes);
      e.where = where();
    }
    rules.groups.resize(r_.count(4 + 16 + 12));
    for (Group& g : rules.groups) {
      g.id = r_.str();
      r_.strings(g.members);
      aliases(g.aliases);
      g.where = where();
    }
    rules.relations.resize(r_.count(4 * 2 + 2 + 8 * 7 + 12));
    for (RelationType& r : rules.relations) {
      r.name = r_.str();
      r.label = r_.str();
      r.symmetric = r_.boolean();
      r_.strings(r.source_types);
      r_.strings(r.target_types);
      entries(r.triggers);
      r_.strings(r.source_roles);
      r_.strings(r.target_roles);
      r_.strings(r.blocked_by);
      r.speaker_is_source = r_.boolean();
      attributes(r.attributes);
      r.where = where();
    }
    rules.lexicons.resize(r_.count(4 + 8 + 12));
    for (Lexicon& l : rules.lexicons) {
      l.name = r_.str();
      entries(l.entries);
      l.where = where();
    }
    return rules;
  }

 private:
  RuleLocation where() {
    const auto file = r_.get<std::uint32_t>();
    if (file >= files_.size()) throw ImageError("bad file index");
    RuleLocation at;
    at.file = files_[file];
    at.line = r_.integer();
    at.column = r_.integer();
    return at;
  }
  void attributes(std::vector<Attribute>& items) {
    items.resize(r_.count(8));
    for (Attribute& a : items) {
      a.key = r_.str();
      a.value = r_.str();
    }
  }
  void aliases(std::vector<Alias>& items) {
    items.resize(r_.count(4 + 3 + 12));
    for (Alias& a : items) {
      a.text = r_.str();
      a.case_sensitive = r_.boolean();
      a.context = r_.enumeration(AliasContext::list);
      a.toward = r_.boolean();
      a.where = where();
    }
  }
  void entries(std::vector<LexiconEntry>& items) {
    items.resize(r_.count(4 + 2 + 12));
    for (LexiconEntry& e : items) {
      e.text = r_.str();
      e.position = r_.enumeration(WordPosition::word);
      e.frame = r_.enumeration(TriggerFrame::quoted);
      e.where = where();
    }
  }

  ImageReader& r_;
  std::vector<RuleFile> files_;
};

void write_diagnostics(const Diagnostics& diagnostics, ImageWriter& w) {
  w.count(diagnostics.all().size());
  for (const Diagnostic& d : diagnostics.all()) {
    w.put(static_cast<std::uint8_t>(d.severity));
    w.str(d.where.file);
    w.put<std::int32_t>(d.where.line);
    w.put<std::int32_t>(d.where.column);
    w.str(d.message);
    w.str(d.source_line);
  }
}

Diagnostics read_diagnostics(ImageReader& r) {
  Diagnostics out;
  const std::size_t n = r.count(1 + 4 + 8 + 4 + 4);
  for (std::size_t i = 0; i < n; ++i) {
    const Severity severity = r.enumeration(Severity::error);
    SourceLocation where;
    where.file = r.str();
    where.line = r.integer();
    where.column = r.integer();
    std::string message = r.str();
    out.add(severity, std::move(where), std::move(message), r.str());
  }
  return out;
}

void put_header_field(std::string& image, std::size_t at, const void* value, std::size_t size) {
  std::memcpy(image.data() + at, value, size);
}

void seal(std::string& image) {
  const Hash128 sum = hash128(std::string_view(image).substr(kHeaderSize));
  put_header_field(image, 40, &sum.low, 8);
  put_header_field(image, 48, &sum.high, 8);
}

}  // namespace

RuleImageKey rule_image_key(std::string_view build_identity, bool builtin,
                            const std::vector<RuleSource>& sources) {
  // Each piece hashed on its own, then the list of (length, hash) pairs: no two different
  // lists of pieces give the same list of pairs unless two hashes collide.
  ImageWriter pieces;
  auto piece = [&](std::string_view bytes) {
    const Hash128 h = hash128(bytes);
    pieces.put<std::uint64_t>(bytes.size());
    pieces.put(h.low);
    pieces.put(h.high);
  };
  pieces.put(kRuleImageVersion);
  piece(build_identity);
  pieces.boolean(builtin);
  pieces.count(sources.size());
  for (const RuleSource& s : sources) {
    piece(s.name);
    piece(s.text);
  }
  return hash128(pieces.out);
}

std::string freeze_rule_image(const RuleImageKey& key, const RuleSet& rules, const Matcher& matcher,
                              const Diagnostics& diagnostics) {
  ImageWriter w;
  // Room for the whole image at once, roughly (the automaton's tables, 28 bytes a state, are
  // most of it; what is not written is never touched): growing a string of 64 MB copies it
  // and holds both for a while.
  w.out.reserve(2 * (28 * matcher.automaton_states() + 64 * matcher.aliases().size()) +
                (std::size_t{1} << 20));
  w.out.assign(kHeaderSize + 8, '\0');  // the header, then the size of the rules section
  write_diagnostics(diagnostics, w);
  RuleSetWriter(w).write(rules);
  const std::uint64_t rules_section = w.out.size() - kHeaderSize - 8;
  std::memcpy(w.out.data() + kHeaderSize, &rules_section, 8);
  RuleImageCodec::freeze(matcher, w);
  std::string image = std::move(w.out);
  put_header_field(image, 0, kMagic, sizeof kMagic);
  put_header_field(image, 8, &kRuleImageVersion, 4);
  put_header_field(image, 12, &kByteOrderMark, 4);
  put_header_field(image, 16, &key.low, 8);
  put_header_field(image, 24, &key.high, 8);
  const std::uint64_t payload = image.size() - kHeaderSize;
  put_header_field(image, 32, &payload, 8);
  seal(image);
  return image;
}

void reseal_rule_image(std::string& image) {
  if (image.size() >= kHeaderSize) seal(image);
}

std::optional<RuleImageSections> open_rule_image(std::string_view image, const RuleImageKey& key,
                                                 std::string& why, bool verify_checksum) {
  auto field = [&](std::size_t at, auto value) {
    std::memcpy(&value, image.data() + at, sizeof value);
    return value;
  };
  if (image.size() < kHeaderSize) {
    why = "truncated header";
    return std::nullopt;
  }
  if (std::memcmp(image.data(), kMagic, sizeof kMagic) != 0) {
    why = "not a rule image";
    return std::nullopt;
  }
  if (field(8, std::uint32_t{}) != kRuleImageVersion) {
    why = "another format version";
    return std::nullopt;
  }
  if (field(56, std::uint64_t{}) != 0) {
    why = "bad header";
    return std::nullopt;
  }
  if (field(12, std::uint32_t{}) != kByteOrderMark) {
    why = "another byte order";
    return std::nullopt;
  }
  if (field(16, std::uint64_t{}) != key.low || field(24, std::uint64_t{}) != key.high) {
    why = "made from other rules or another relgraph";
    return std::nullopt;
  }
  if (field(32, std::uint64_t{}) != image.size() - kHeaderSize) {
    why = "truncated or extended payload";
    return std::nullopt;
  }
  if (verify_checksum && !rule_image_checksum_ok(image)) {
    why = "checksum mismatch";
    return std::nullopt;
  }
  const std::string_view payload = image.substr(kHeaderSize);
  if (payload.size() < 8) {
    why = "truncated payload";
    return std::nullopt;
  }
  const auto rules_section = field(kHeaderSize, std::uint64_t{});
  if (rules_section > payload.size() - 8) {
    why = "bad section size";
    return std::nullopt;
  }
  RuleImageSections sections;
  sections.rules = payload.substr(8, static_cast<std::size_t>(rules_section));
  sections.matcher = payload.substr(8 + static_cast<std::size_t>(rules_section));
  return sections;
}

bool rule_image_checksum_ok(std::string_view image) {
  if (image.size() < kHeaderSize) return false;
  const Hash128 sum = hash128(image.substr(kHeaderSize));
  std::uint64_t low, high;
  std::memcpy(&low, image.data() + 40, 8);
  std::memcpy(&high, image.data() + 48, 8);
  return low == sum.low && high == sum.high;
}

namespace {

// Runs `read` on a reader over `section`, which must read all of it; nullopt and `why` if not.
template <class Read>
auto read_section(std::string_view section, std::string& why, Read&& read)
    -> std::optional<decltype(read(std::declval<ImageReader&>()))> {
  try {
    ImageReader r(section);
    auto out = read(r);
    if (!r.done()) throw ImageError("bytes after a section");
    return out;
  } catch (const ImageError& e) {
    why = e.what();
  } catch (const std::length_error&) {
    why = "a table too large";
  } catch (const std::bad_alloc&) {
    why = "a table too large";
  }
  return std::nullopt;
}

}  // namespace

std::optional<ThawedRuleSet> thaw_rule_section(std::string_view section, std::string& why) {
  return read_section(section, why, [](ImageReader& r) {
    ThawedRuleSet out;
    out.diagnostics = read_diagnostics(r);
    out.rules = RuleSetReader(r).read();
    return out;
  });
}

std::shared_ptr<const Matcher> thaw_matcher_section(std::string_view section, std::string& why) {
  std::optional<std::shared_ptr<const Matcher>> matcher =
      read_section(section, why, [](ImageReader& r) { return RuleImageCodec::thaw_matcher(r); });
  return matcher ? std::move(*matcher) : nullptr;
}

std::optional<ThawedRules> thaw_rule_image(std::string_view image, const RuleImageKey& key,
                                           std::string& why, bool verify_checksum) {
  const std::optional<RuleImageSections> sections =
      open_rule_image(image, key, why, verify_checksum);
  if (!sections) return std::nullopt;
  std::optional<ThawedRuleSet> rules = thaw_rule_section(sections->rules, why);
  if (!rules) return std::nullopt;
  std::shared_ptr<const Matcher> matcher = thaw_matcher_section(sections->matcher, why);
  if (!matcher) return std::nullopt;
  ThawedRules out;
  out.rules = std::move(rules->rules);
  out.matcher = std::move(matcher);
  out.diagnostics = std::move(rules->diagnostics);
  return out;
}

}  // namespace relgraph
