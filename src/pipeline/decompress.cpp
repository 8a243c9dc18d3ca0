#include "trendy_ilamb/pipeline/decompress.hpp"

#include <bzlib.h>
#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace ti::pipeline {

namespace {

constexpr std::size_t kChunk = 1 << 20;

void gunzip(const std::string& in, std::ofstream& out) {
  const std::unique_ptr<gzFile_s, int (*)(gzFile)> gz(gzopen(in.c_str(), "rb"), gzclose);
  if (!gz) throw std::runtime_error(fmt::format("{}: cannot open as gzip", in));
  std::vector<char> buf(kChunk);
  for (;;) {
    const int n = gzread(gz.get(), buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) throw std::runtime_error(fmt::format("{}: corrupt gzip data", in));
    if (n == 0) break;
    out.write(buf.data(), n);
  }
}

void bunzip2(const std::string& in, std::ofstream& out) {
  const std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(in.c_str(), "rb"), std::fclose);
  if (!f) throw std::runtime_error(fmt::format("{}: cannot open", in));
  int err = BZ_OK;
  BZFILE* bz = BZ2_bzReadOpen(&err, f.get(), 0, 0, nullptr, 0);
  if (err != BZ_OK) throw std::runtime_error(fmt::format("{}: cannot open as bzip2", in));
  std::vector<char> buf(kChunk);
  while (err == BZ_OK) {
    const int n = BZ2_bzRead(&err, bz, buf.data(), static_cast<int>(buf.size()));
    if (err != BZ_OK && err != BZ_STREAM_END) break;
    out.write(buf.data(), n);
  }
  BZ2_bzReadClose(nullptr, bz);
  if (err != BZ_STREAM_END) throw std::runtime_error(fmt::format("{}: corrupt bzip2 data", in));
}

}  // namespace

bool is_compressed_input(const std::string& path) {
  return path.ends_with(".nc.gz") || path.ends_with(".nc.bz2");
}

std::filesystem::path scratch_folder(const std::string& output_root) {
  return std::filesystem::path(output_root) / ".scratch";
}

ScratchCopy::ScratchCopy(const std::string& input, const std::string& output_root) {
  std::filesystem::create_directories(scratch_folder(output_root));
  const auto name = std::filesystem::path(input).filename().string();
  path_ = scratch_folder(output_root) /
          fmt::format("{}.{}.nc", name.substr(0, name.rfind(".nc")), static_cast<long>(::getpid()));
  std::ofstream out(path_, std::ios::binary | std::ios::trunc);
  try {
    input.ends_with(".gz") ? gunzip(input, out) : bunzip2(input, out);
    out.close();
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write {}", input, path_.string()));
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    throw;
  }
}

ScratchCopy::~ScratchCopy() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

}  // namespace ti::pipeline
