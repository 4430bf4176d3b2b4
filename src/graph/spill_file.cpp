// Append-only spill store: memory first, then an unlinked temporary file (see spill_file.h).
#include "graph/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace relgraph {

namespace {

std::string temporary_directory() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

[[noreturn]] void fail(const std::string& what, int error) {
  throw SpillError(what + ": " + std::strerror(error));
}

}  // namespace

SpillFile::SpillFile(std::size_t memory_limit) : memory_limit_(memory_limit) {}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

SpillFile::SpillFile(SpillFile&& other) noexcept
    : memory_limit_(other.memory_limit_),
      fd_(std::exchange(other.fd_, -1)),
      directory_(std::move(other.directory_)),
      flushed_(std::exchange(other.flushed_, 0)),
      tail_(std::move(other.tail_)) {}

SpillFile& SpillFile::operator=(SpillFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    memory_limit_ = other.memory_limit_;
    fd_ = std::exchange(other.fd_, -1);
    directory_ = std::move(other.directory_);
    flushed_ = std::exchange(other.flushed_, 0);
    tail_ = std::move(other.tail_);
  }
  return *this;
}

std::uint64_t SpillFile::append(std::string_view bytes) {
  const std::uint64_t offset = size();
  if (tail_.size() + bytes.size() <= memory_limit_) {
    tail_.append(bytes);
    return offset;
  }
  // Past the limit: everything so far goes to the file, and the new bytes too when they would
  // fill the buffer on their own.
  write_out(tail_);
  tail_.clear();
  if (bytes.size() > memory_limit_) {
    write_out(bytes);
  } else {
    tail_.append(bytes);
  }
  return offset;
}

void SpillFile::write_out(std::string_view bytes) {
  if (fd_ < 0) {
    directory_ = temporary_directory();
#ifdef O_TMPFILE
    // A file without a name from the start: nothing can be left behind, not even by a kill
    // between creating and unlinking it.
    fd_ = ::open(directory_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
      fail("cannot create a temporary file in " + directory_, errno);
    }
#endif
    if (fd_ < 0) {  // a file system without O_TMPFILE
      const std::string path = directory_ + "/relgraph-spill-XXXXXX";
      std::vector<char> name(path.begin(), path.end());
      name.push_back('\0');
      fd_ = ::mkostemp(name.data(), O_CLOEXEC);
      if (fd_ < 0) fail("cannot create a temporary file in " + directory_, errno);
      ::unlink(name.data());  // the open descriptor keeps it; nothing to clean up later
    }
  }
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(flushed_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write a temporary file in " + directory_, n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<std::size_t>(n));
    flushed_ += static_cast<std::uint64_t>(n);
  }
}

void SpillFile::read(std::uint64_t offset, std::size_t size, std::string& out) const {
  if (offset + size > this->size()) throw SpillError("read past the end of the spill store");
  out.resize(size);
  read_into(offset, size, out.data());
}

void SpillFile::read_append(std::uint64_t offset, std::size_t size, std::string& out) const {
  if (offset + size > this->size()) throw SpillError("read past the end of the spill store");
  const std::size_t start = out.size();
  out.resize(start + size);
  read_into(offset, size, out.data() + start);
}

void SpillFile::read_into(std::uint64_t offset, std::size_t size, char* out) const {
  std::size_t done = 0;
  // Bytes in the file (a record appended whole is never split, but a read may span records).
  while (done < size && offset + done < flushed_) {
    const std::size_t want =
        static_cast<std::size_t>(std::min<std::uint64_t>(size - done, flushed_ - offset - done));
    const ssize_t n = ::pread(fd_, out + done, want, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot read a temporary file in " + directory_, n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
  if (done < size) {
    std::memcpy(out + done, tail_.data() + (offset + done - flushed_), size - done);
  }
}

namespace spill_codec {

std::uint64_t get_varint(std::string_view in, std::size_t& pos) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= in.size()) throw SpillError("truncated spill record");
    const auto byte = static_cast<unsigned char>(in[pos++]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) return v;
  }
  throw SpillError("bad spill record");
}

std::string_view get_string(std::string_view in, std::size_t& pos) {
  const std::uint64_t n = get_varint(in, pos);
  if (n > in.size() - pos) throw SpillError("truncated spill record");
  const std::string_view s = in.substr(pos, static_cast<std::size_t>(n));
  pos += static_cast<std::size_t>(n);
  return s;
}

}  // namespace spill_codec

}  // namespace relgraph
