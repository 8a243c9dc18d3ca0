#pragma once
// Direct chunk writes (H5Dwrite_chunk) into the chunked dataset of a
// NetCDF-4 file that netCDF has defined and closed: the chunks arrive
// already filtered (see codec/chunk_codec.hpp), HDF5 only stores them. The
// only place besides netCDF-C that touches HDF5; every handle is closed by
// its owner, errors are NcErrors naming the file and the variable.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace ti::io {

// One filter of a dataset's pipeline as HDF5 records it, in the order the
// filters are applied on write.
struct FilterInfo {
  int id = 0;                      // H5Z_filter_t: 1 deflate, 2 shuffle, ...
  unsigned flags = 0;              // H5Z_FLAG_OPTIONAL, ...
  std::vector<unsigned> params;    // cd_values (deflate: {level})
  std::string name;
};
// How a dataset is stored, as HDF5 reports it (shared by the raw chunk
// reader and the direct chunk writer).
struct DatasetLayout {
  std::vector<std::size_t> shape;
  std::vector<std::size_t> chunks;  // empty: not chunked
  std::size_t elem_size = 0;
  bool is_float = false;
  bool is_f32le = false;  // IEEE 32-bit float, little-endian
  std::vector<FilterInfo> filters;
};

inline constexpr int kFilterDeflate = 1;
inline constexpr int kFilterShuffle = 2;

class ChunkWriter {
 public:
  // Opens `path` read-write with HDF5 and the dataset `variable` in its root
  // group. The file must not be open in netCDF.
  ChunkWriter(const std::filesystem::path& path, const std::string& variable);
  ~ChunkWriter();  // closes quietly
  ChunkWriter(const ChunkWriter&) = delete;
  ChunkWriter& operator=(const ChunkWriter&) = delete;

  const std::vector<std::size_t>& shape() const { return layout_.shape; }
  const std::vector<std::size_t>& chunk_shape() const { return layout_.chunks; }  // empty: not chunked
  std::size_t element_size() const { return layout_.elem_size; }
  bool is_float() const { return layout_.is_float; }
  const std::vector<FilterInfo>& filters() const { return layout_.filters; }

  // Writes one whole chunk starting at element `offset` (a multiple of the
  // chunk shape); `filter_mask` 0: every filter of the pipeline was applied.
  void write_chunk(const std::vector<std::size_t>& offset, std::span<const std::byte> bytes,
                   std::uint32_t filter_mask = 0);
  // Closes now, reporting errors (HDF5 flushes the chunk index here).
  void close();

 private:
  struct Handles;
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  std::string variable_;
  std::unique_ptr<Handles> h_;
  DatasetLayout layout_;
};

}  // namespace ti::io
