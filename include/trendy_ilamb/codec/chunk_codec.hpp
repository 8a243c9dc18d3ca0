#pragma once
// The output codec (DESIGN.md "Performance targets"): a chunk's bytes go
// through the filters HDF5 would apply -- byte shuffle, then deflate as a
// zlib (RFC 1950) stream -- but with a fast deflate (ISA-L igzip at level 1,
// libdeflate at other levels), so that readers see an ordinary
// shuffle+deflate dataset. No I/O here: the io layer writes the encoded
// chunks with HDF5 direct chunk writes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace ti::codec {

// config output.codec: `fast` (this module + direct chunk writes) or `zlib`
// (netCDF's own filters, one zlib call per chunk).
enum class Codec { Fast, Zlib };

// "fast" | "zlib".
const char* codec_name(Codec c);
// Fast when the build has a fast deflate (ISA-L), else Zlib.
Codec default_codec();
// Which libraries this build has.
bool have_isal();
bool have_libdeflate();
// True when deflate level `level` (1..9) can be encoded by this build.
bool supports_level(int level);
// The library used for `level` ("isa-l", "libdeflate"), or "" when none.
const char* deflate_library(int level);

class CodecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// HDF5's shuffle filter: all byte 0 of each element, then all byte 1, ...
// `in` holds n * elem_size bytes; bytes that do not fill a whole element
// (HDF5 leaves them in place at the end) are copied unchanged.
void shuffle(std::span<const std::byte> in, std::size_t elem_size, std::byte* out);
// The inverse (used by tests and raw reads).
void unshuffle(std::span<const std::byte> in, std::size_t elem_size, std::byte* out);

// One filter of a dataset's pipeline, in the order HDF5 applies them on write.
struct Filter {
  enum class Kind { Shuffle, Deflate } kind;
  int level = 0;  // deflate only
};

// Encodes chunks through a pipeline of shuffle/deflate filters. Holds its
// compressor state and scratch buffers, so one encoder per writer, reused
// for every chunk. Not thread-safe.
class ChunkEncoder {
 public:
  // Throws CodecError when a deflate level of the pipeline is unsupported
  // (see supports_level) or the pipeline has no filter this module knows.
  ChunkEncoder(std::vector<Filter> pipeline, std::size_t elem_size);
  ~ChunkEncoder();
  ChunkEncoder(const ChunkEncoder&) = delete;
  ChunkEncoder& operator=(const ChunkEncoder&) = delete;

  // Encodes one chunk; the returned bytes stay valid until the next call.
  std::span<const std::byte> encode(std::span<const std::byte> chunk);

 private:
  struct Deflater;
  std::vector<Filter> pipeline_;
  std::size_t elem_size_;
  std::unique_ptr<Deflater> deflater_;
  std::vector<std::byte> a_, b_;
};

// --- Read side -------------------------------------------------------------

// True when this build can inflate zlib streams itself (ISA-L or libdeflate).
bool have_fast_inflate();

// Inflates one zlib (RFC 1950) stream into exactly out.size() bytes, checking
// its Adler-32. Throws CodecError when the stream is corrupt or its length
// differs from out.size().
void inflate_zlib(std::span<const std::byte> in, std::span<std::byte> out);

// Decodes stored chunks of a shuffle/deflate pipeline (the inverse of
// ChunkEncoder): inflate, then unshuffle. Holds its inflater state and
// scratch buffers, so one per reader, reused for every chunk. Not thread-safe.
class ChunkDecoder {
 public:
  // `pipeline` in write order, as for ChunkEncoder. Throws CodecError when
  // the build has no fast inflate and the pipeline has a deflate.
  ChunkDecoder(std::vector<Filter> pipeline, std::size_t elem_size);
  ~ChunkDecoder();
  ChunkDecoder(const ChunkDecoder&) = delete;
  ChunkDecoder& operator=(const ChunkDecoder&) = delete;

  // Decodes one stored chunk whose plain size is `size` bytes; bit i of
  // `filter_mask` set: filter i was not applied to this chunk. The returned
  // bytes stay valid until the next call.
  std::span<const std::byte> decode(std::span<const std::byte> stored, std::size_t size,
                                    std::uint32_t filter_mask = 0);

 private:
  struct Inflater;
  std::vector<Filter> pipeline_;
  std::size_t elem_size_;
  std::unique_ptr<Inflater> inflater_;
  std::vector<std::byte> a_, b_;
};

}  // namespace ti::codec
