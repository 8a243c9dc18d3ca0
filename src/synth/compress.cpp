// Whole-file gzip and bzip2 compression, for releases that ship .nc.gz and
// .nc.bz2 files.
#include <bzlib.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "writers.hpp"

namespace ti::synth::detail {
namespace {

constexpr std::size_t kChunk = 1 << 16;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw std::runtime_error(path.string() + ": " + what);
}

std::ifstream open_input(const std::filesystem::path& from) {
  std::ifstream in(from, std::ios::binary);
  if (!in) fail(from, "cannot open for compression");
  return in;
}

// Reads the next chunk of `in` into `buf`; the number of bytes read.
std::size_t next_chunk(std::ifstream& in, std::vector<char>& buf,
                       const std::filesystem::path& from) {
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (in.bad()) fail(from, "read error during compression");
  return static_cast<std::size_t>(in.gcount());
}

}  // namespace

void gzip_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::ifstream in = open_input(from);
  gzFile out = gzopen(to.c_str(), "wb6");
  if (out == nullptr) fail(to, "cannot create gzip file");
  std::vector<char> buf(kChunk);
  for (std::size_t n = next_chunk(in, buf, from); n > 0; n = next_chunk(in, buf, from)) {
    if (gzwrite(out, buf.data(), static_cast<unsigned>(n)) != static_cast<int>(n)) {
      gzclose(out);
      fail(to, "gzip write failed");
    }
  }
  if (gzclose(out) != Z_OK) fail(to, "gzip close failed");
}

void bzip2_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::ifstream in = open_input(from);
  FILE* raw = std::fopen(to.c_str(), "wb");
  if (raw == nullptr) fail(to, "cannot create bzip2 file");
  int status = BZ_OK;
  BZFILE* out = BZ2_bzWriteOpen(&status, raw, 9, 0, 0);
  if (status != BZ_OK) {
    std::fclose(raw);
    fail(to, "cannot start bzip2 stream");
  }
  std::vector<char> buf(kChunk);
  for (std::size_t n = next_chunk(in, buf, from); n > 0 && status == BZ_OK;
       n = next_chunk(in, buf, from)) {
    BZ2_bzWrite(&status, out, buf.data(), static_cast<int>(n));
  }
  const int write_status = status;
  BZ2_bzWriteClose(&status, out, write_status == BZ_OK ? 0 : 1, nullptr, nullptr);
  const bool closed = std::fclose(raw) == 0;
  if (write_status != BZ_OK || status != BZ_OK || !closed) fail(to, "bzip2 write failed");
}

}  // namespace ti::synth::detail
