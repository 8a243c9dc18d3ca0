#pragma once
// The read-side fast path (DESIGN.md "Performance targets"): the time slabs
// of a deflated float data variable read as raw chunks (io::ChunkReader),
// inflated and unshuffled by the codec layer (ISA-L/libdeflate): the same
// values, in the same layout, as io::Variable::read of the slab into floats,
// without HDF5's zlib filter and netCDF's copies.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "trendy_ilamb/codec/chunk_codec.hpp"
#include "trendy_ilamb/io/chunk_reader.hpp"

namespace ti::pipeline {

class RawSlabReader {
 public:
  // A reader for the slabs [t0, t0 + nt) x `extent` of `variable` (time its
  // first dimension, `extent` the lengths read of every dimension), or
  // nullptr when the fast path does not apply: the build has no fast inflate,
  // HDF5 cannot open the dataset, time is not the first dimension, a
  // non-time dimension is read in part or chunked in part, the type is not
  // little-endian float32, or the filters are not deflate or shuffle+deflate.
  static std::unique_ptr<RawSlabReader> open(const std::filesystem::path& path, const std::string& variable,
                                             std::size_t time_dim, const std::vector<std::size_t>& extent);

  // Steps [t0, t0 + nt) into out (nt x values per step).
  void read(std::size_t t0, std::size_t nt, float* out);

  RawSlabReader(std::unique_ptr<io::ChunkReader> reader, std::vector<codec::Filter> pipeline);

 private:
  // Decodes chunk `j` (steps [j*ct, (j+1)*ct)) into chunk_, unless held.
  void load(std::size_t j);
  // The bytes of the held chunk: the decoder's output, or fill_chunk_ for
  // a chunk never written.

  std::unique_ptr<io::ChunkReader> reader_;
  codec::ChunkDecoder decoder_;
  std::size_t steps_ = 0;        // time length of the dataset
  std::size_t chunk_steps_ = 1;  // ct
  std::size_t per_step_ = 1;     // values of one step
  float fill_ = 0.0F;
  std::vector<std::byte> raw_;
  std::vector<float> fill_chunk_;
  std::span<const std::byte> chunk_;
  std::size_t held_ = SIZE_MAX;  // chunk in chunk_
};

}  // namespace ti::pipeline
