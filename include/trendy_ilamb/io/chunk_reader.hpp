#pragma once
// Raw chunk reads (H5Dread_chunk) from the chunked dataset of a NetCDF-4
// file, for the read-side fast path: the chunks come back as stored (still
// filtered); codec/chunk_codec.hpp decodes them. The file is opened a second
// time, read-only, with HDF5 while netCDF may hold it open too. Every handle
// is closed by its owner; errors are NcErrors naming the file and variable.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/io/chunk_writer.hpp"  // FilterInfo

namespace ti::io {

class ChunkReader {
 public:
  // Opens `path` read-only with HDF5 and the dataset `variable` in its root
  // group. Throws NcError when HDF5 cannot.
  ChunkReader(const std::filesystem::path& path, const std::string& variable);
  ~ChunkReader();
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;

  const std::string& path() const { return path_; }
  const std::string& variable() const { return variable_; }
  const std::vector<std::size_t>& shape() const { return layout_.shape; }
  const std::vector<std::size_t>& chunk_shape() const { return layout_.chunks; }  // empty: not chunked
  std::size_t element_size() const { return layout_.elem_size; }
  // IEEE 32-bit float, little-endian, as stored.
  bool is_float32_le() const { return layout_.is_f32le; }
  const std::vector<FilterInfo>& filters() const { return layout_.filters; }
  // What reads of never-written chunks give (float32 datasets only);
  // nullopt when HDF5 would not fill them (fill time "never").
  std::optional<float> float_fill() const { return fill_; }

  // The stored bytes of the chunk starting at element `offset` into `out`
  // (resized), and its filter mask (bit i set: filter i was skipped).
  // False when the chunk was never written (then `out` is left empty).
  bool read_chunk(const std::vector<std::size_t>& offset, std::vector<std::byte>& out,
                  std::uint32_t& filter_mask) const;

 private:
  struct Handles;
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  std::string variable_;
  std::unique_ptr<Handles> h_;
  DatasetLayout layout_;
  std::optional<float> fill_;
};

}  // namespace ti::io
