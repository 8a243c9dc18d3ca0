// A release usually holds one file that fails with an HDF error on open:
// the HDF5 signature followed by bytes that are no HDF5 superblock.
#include <fstream>
#include <stdexcept>
#include <vector>

#include "writers.hpp"

namespace ti::synth::detail {
namespace {

constexpr char kHdf5Signature[] = "\x89HDF\r\n\x1a\n";
constexpr std::size_t kSignatureSize = sizeof(kHdf5Signature) - 1;

// A fixed linear congruential sequence: the same garbage on every run.
std::vector<char> garbage(std::uint32_t seed, std::size_t size) {
  std::vector<char> out(size);
  std::uint32_t state = seed;
  for (char& c : out) {
    state = state * 1664525u + 1013904223u;
    c = static_cast<char>(state >> 24);
  }
  return out;
}

}  // namespace

void write_corrupt_file(const std::filesystem::path& path, std::uint32_t seed, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(kHdf5Signature, static_cast<std::streamsize>(kSignatureSize));
  const std::vector<char> bytes = garbage(seed, size);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error(path.string() + ": cannot write corrupt test file");
}

}  // namespace ti::synth::detail
