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
#include "trendy_ilamb/pipeline/slab_vector.hpp"

namespace ti::pipeline {

// The largest decoded band RawSlabReader::open may take for a rank budget of
// `memory_mb` (run.memory_mb): the budget less room for the slab buffers.
std::size_t raw_band_limit(std::size_t memory_mb);

class RawSlabReader {
 public:
  // A reader for the slabs [t0, t0 + nt) x `extent` of `variable` (time its
  // first dimension, `extent` the lengths read of every dimension), or
  // nullptr when the fast path does not apply: the build has no fast inflate,
  // HDF5 cannot open the dataset, time is not the first dimension, a
  // non-time dimension is read in part, the type is not little-endian
  // float32, the filters are not deflate or shuffle+deflate, or one band of
  // chunks (the chunks holding the same steps, decoded into whole maps)
  // would take more than `max_band_bytes`.
  static std::unique_ptr<RawSlabReader> open(const std::filesystem::path& path, const std::string& variable,
                                             std::size_t time_dim, const std::vector<std::size_t>& extent,
                                             std::size_t max_band_bytes);

  // Steps [t0, t0 + nt) into out (nt x values per step). Values of chunks
  // never written are the dataset's fill value, or NaN when it is never
  // filled (_NoFill).
  void read(std::size_t t0, std::size_t nt, float* out);

  RawSlabReader(std::unique_ptr<io::ChunkReader> reader, std::vector<codec::Filter> pipeline);

 private:
  // Decodes band `j` (steps [j*ct, (j+1)*ct)), unless held.
  void load(std::size_t j);
  // Band j of chunks that tile the map: each chunk decoded and its valid
  // part copied into band_, laid out as whole maps.
  void load_tiles(std::size_t j);
  // Copies decoded chunk `chunk` (floats as stored, chunk shape, time first) whose first
  // element is at `offset` into band_, only its part inside the dataset.
  void scatter(const std::byte* chunk, const std::vector<std::size_t>& offset, std::size_t steps);

  std::unique_ptr<io::ChunkReader> reader_;
  codec::ChunkDecoder decoder_;
  std::size_t steps_ = 0;        // time length of the dataset
  std::size_t chunk_steps_ = 1;  // ct
  std::size_t per_step_ = 1;     // values of one step
  std::size_t chunk_values_ = 1; // values of one chunk
  bool tiled_ = false;           // chunks do not span the whole map
  float fill_ = 0.0F;
  std::vector<std::byte> raw_;
  std::vector<float> fill_chunk_;  // an unwritten whole-map chunk
  SlabVector<float> band_;         // tiled: the decoded band (every value written by load_tiles)
  // The bytes of the held band: the decoder's output (chunks spanning the
  // map), fill_chunk_, or band_.
  std::span<const std::byte> chunk_;
  std::size_t held_ = SIZE_MAX;  // band in chunk_
};

}  // namespace ti::pipeline
