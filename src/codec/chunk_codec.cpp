#include "trendy_ilamb/codec/chunk_codec.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#ifdef TI_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif
#ifdef TI_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

namespace ti::codec {

const char* codec_name(Codec c) { return c == Codec::Fast ? "fast" : "zlib"; }

bool have_isal() {
#ifdef TI_HAVE_ISAL
  return true;
#else
  return false;
#endif
}

bool have_libdeflate() {
#ifdef TI_HAVE_LIBDEFLATE
  return true;
#else
  return false;
#endif
}

Codec default_codec() { return have_isal() ? Codec::Fast : Codec::Zlib; }

const char* deflate_library(int level) {
  if (level < 1 || level > 9) return "";
  // ISA-L's level 1 is the igzip fast path; it has no equivalent of zlib's
  // higher levels (its 2 and 3 are not zlib's), so those go to libdeflate,
  // whose levels 1..9 follow zlib's speed/ratio trade-off.
  if (level == 1 && have_isal()) return "isa-l";
  if (have_libdeflate()) return "libdeflate";
  return "";
}

bool supports_level(int level) { return deflate_library(level)[0] != '\0'; }

namespace {

template <std::size_t N>
void shuffle_fixed(const std::byte* in, std::size_t n, std::byte* out) {
  for (std::size_t b = 0; b < N; ++b) {
    std::byte* o = out + b * n;
    const std::byte* i = in + b;
    for (std::size_t k = 0; k < n; ++k) o[k] = i[k * N];
  }
}

// Element size 4 (float): four output streams in one pass over the input.
// SSE2 (every x86-64) does 16 elements per step with byte unpacks; the rest
// go one by one.
void shuffle4(const std::byte* in, std::size_t n, std::byte* out) {
  std::byte* o0 = out;
  std::byte* o1 = out + n;
  std::byte* o2 = out + 2 * n;
  std::byte* o3 = out + 3 * n;
  std::size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= n; k += 16) {
    // Elements e0..e15 (bytes b0..b3 each) -> four 16-byte streams b0..b3.
    const auto* p = reinterpret_cast<const __m128i*>(in + 4 * k);
    const __m128i v0 = _mm_loadu_si128(p), v1 = _mm_loadu_si128(p + 1);
    const __m128i v2 = _mm_loadu_si128(p + 2), v3 = _mm_loadu_si128(p + 3);
    // Three rounds of byte interleaving gather each byte position ...
    const __m128i a0 = _mm_unpacklo_epi8(v0, v1), a1 = _mm_unpackhi_epi8(v0, v1);
    const __m128i a2 = _mm_unpacklo_epi8(v2, v3), a3 = _mm_unpackhi_epi8(v2, v3);
    const __m128i b0 = _mm_unpacklo_epi8(a0, a1), b1 = _mm_unpackhi_epi8(a0, a1);
    const __m128i b2 = _mm_unpacklo_epi8(a2, a3), b3 = _mm_unpackhi_epi8(a2, a3);
    const __m128i c0 = _mm_unpacklo_epi8(b0, b1), c1 = _mm_unpackhi_epi8(b0, b1);
    const __m128i c2 = _mm_unpacklo_epi8(b2, b3), c3 = _mm_unpackhi_epi8(b2, b3);
    // ... c0 = b0 of e0..7 | b1 of e0..7, c2 the same for e8..15.
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o0 + k), _mm_unpacklo_epi64(c0, c2));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o1 + k), _mm_unpackhi_epi64(c0, c2));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o2 + k), _mm_unpacklo_epi64(c1, c3));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o3 + k), _mm_unpackhi_epi64(c1, c3));
  }
#endif
  for (; k < n; ++k) {
    std::uint32_t v;
    std::memcpy(&v, in + 4 * k, 4);
    // Little-endian host: byte 0 of the element is the low byte (HDF5's
    // shuffle works on the bytes as stored, so this is byte order as in memory).
    o0[k] = static_cast<std::byte>(v);
    o1[k] = static_cast<std::byte>(v >> 8);
    o2[k] = static_cast<std::byte>(v >> 16);
    o3[k] = static_cast<std::byte>(v >> 24);
  }
}

void unshuffle4(const std::byte* in, std::size_t n, std::byte* out) {
  const std::byte* i0 = in;
  const std::byte* i1 = in + n;
  const std::byte* i2 = in + 2 * n;
  const std::byte* i3 = in + 3 * n;
  std::size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= n; k += 16) {
    const __m128i s0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(i0 + k));
    const __m128i s1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(i1 + k));
    const __m128i s2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(i2 + k));
    const __m128i s3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(i3 + k));
    // b0 b1 pairs and b2 b3 pairs, then pairs of pairs: whole elements in order.
    const __m128i p01lo = _mm_unpacklo_epi8(s0, s1), p01hi = _mm_unpackhi_epi8(s0, s1);
    const __m128i p23lo = _mm_unpacklo_epi8(s2, s3), p23hi = _mm_unpackhi_epi8(s2, s3);
    auto* o = reinterpret_cast<__m128i*>(out + 4 * k);
    _mm_storeu_si128(o, _mm_unpacklo_epi16(p01lo, p23lo));
    _mm_storeu_si128(o + 1, _mm_unpackhi_epi16(p01lo, p23lo));
    _mm_storeu_si128(o + 2, _mm_unpacklo_epi16(p01hi, p23hi));
    _mm_storeu_si128(o + 3, _mm_unpackhi_epi16(p01hi, p23hi));
  }
#endif
  for (; k < n; ++k) {
    const std::uint32_t v = std::to_integer<std::uint32_t>(i0[k]) |
                            std::to_integer<std::uint32_t>(i1[k]) << 8 |
                            std::to_integer<std::uint32_t>(i2[k]) << 16 |
                            std::to_integer<std::uint32_t>(i3[k]) << 24;
    std::memcpy(out + 4 * k, &v, 4);
  }
}

}  // namespace

void shuffle(std::span<const std::byte> in, std::size_t elem_size, std::byte* out) {
  const std::size_t n = elem_size == 0 ? 0 : in.size() / elem_size;
  if (elem_size <= 1 || n <= 1) {
    std::memcpy(out, in.data(), in.size());
    return;
  }
  static_assert(std::endian::native == std::endian::little, "shuffle4 assumes a little-endian host");
  if (elem_size == 4) {
    shuffle4(in.data(), n, out);
  } else if (elem_size == 8) {
    shuffle_fixed<8>(in.data(), n, out);
  } else {
    for (std::size_t b = 0; b < elem_size; ++b) {
      for (std::size_t k = 0; k < n; ++k) out[b * n + k] = in[k * elem_size + b];
    }
  }
  const std::size_t tail = in.size() - n * elem_size;  // left in place, as HDF5 does
  if (tail > 0) std::memcpy(out + n * elem_size, in.data() + n * elem_size, tail);
}

void unshuffle(std::span<const std::byte> in, std::size_t elem_size, std::byte* out) {
  const std::size_t n = elem_size == 0 ? 0 : in.size() / elem_size;
  if (elem_size <= 1 || n <= 1) {
    std::memcpy(out, in.data(), in.size());
    return;
  }
  if (elem_size == 4) {
    unshuffle4(in.data(), n, out);
  } else {
    for (std::size_t b = 0; b < elem_size; ++b) {
      for (std::size_t k = 0; k < n; ++k) out[k * elem_size + b] = in[b * n + k];
    }
  }
  const std::size_t tail = in.size() - n * elem_size;
  if (tail > 0) std::memcpy(out + n * elem_size, in.data() + n * elem_size, tail);
}

// A zlib-stream deflater for one level, reused for every chunk.
struct ChunkEncoder::Deflater {
  int level;
#ifdef TI_HAVE_ISAL
  std::unique_ptr<isal_zstream> isal;
  std::vector<std::uint8_t> level_buf;
#endif
#ifdef TI_HAVE_LIBDEFLATE
  libdeflate_compressor* ld = nullptr;
#endif

  explicit Deflater(int lvl) : level(lvl) {
    const std::string lib = deflate_library(level);
#ifdef TI_HAVE_ISAL
    if (lib == "isa-l") {
      isal = std::make_unique<isal_zstream>();
      level_buf.resize(ISAL_DEF_LVL1_DEFAULT);
      return;
    }
#endif
#ifdef TI_HAVE_LIBDEFLATE
    if (lib == "libdeflate") {
      ld = libdeflate_alloc_compressor(level);
      if (ld == nullptr) throw CodecError(fmt::format("libdeflate: cannot allocate a level {} compressor", level));
      return;
    }
#endif
    throw CodecError(fmt::format("no fast deflate for level {} in this build", level));
  }

  ~Deflater() {
#ifdef TI_HAVE_LIBDEFLATE
    if (ld != nullptr) libdeflate_free_compressor(ld);
#endif
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // Deflates `in` into `out` (resized to the stream's length) as a zlib stream.
  void run(std::span<const std::byte> in, std::vector<std::byte>& out) {
#ifdef TI_HAVE_ISAL
    if (isal) {
      run_isal(in, out);
      return;
    }
#endif
#ifdef TI_HAVE_LIBDEFLATE
    if (ld != nullptr) {
      out.resize(libdeflate_zlib_compress_bound(ld, in.size()));
      const std::size_t n = libdeflate_zlib_compress(ld, in.data(), in.size(), out.data(), out.size());
      if (n == 0) throw CodecError("libdeflate: compressed data larger than its bound");
      out.resize(n);
      return;
    }
#endif
    (void)in;
    (void)out;
    throw CodecError("no deflate library");
  }

#ifdef TI_HAVE_ISAL
  void run_isal(std::span<const std::byte> in, std::vector<std::byte>& out) {
    if (in.size() > UINT32_MAX) throw CodecError("ISA-L: chunk larger than 4 GiB");
    isal_zstream& s = *isal;
    isal_deflate_init(&s);
    s.level = 1;
    s.level_buf = level_buf.data();
    s.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
    s.gzip_flag = IGZIP_ZLIB;  // 2-byte zlib header, adler32 trailer: what zlib's uncompress expects
    s.flush = NO_FLUSH;
    s.end_of_stream = 1;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): ISA-L does not write its input
    s.next_in = reinterpret_cast<std::uint8_t*>(const_cast<std::byte*>(in.data()));
    s.avail_in = static_cast<std::uint32_t>(in.size());
    // Stored blocks bound the output: input + 5 bytes per 64 KiB block + header/trailer.
    out.resize(in.size() + in.size() / 8 + 1024);
    std::size_t done = 0;
    for (;;) {
      s.next_out = reinterpret_cast<std::uint8_t*>(out.data() + done);
      s.avail_out = static_cast<std::uint32_t>(out.size() - done);
      const int rc = isal_deflate(&s);
      if (rc != COMP_OK) throw CodecError(fmt::format("ISA-L: isal_deflate failed ({})", rc));
      done = out.size() - s.avail_out;
      if (s.internal_state.state == ZSTATE_END) break;
      out.resize(out.size() * 2);  // not expected: the bound above holds for deflate
    }
    out.resize(done);
  }
#endif
};

ChunkEncoder::ChunkEncoder(std::vector<Filter> pipeline, std::size_t elem_size)
    : pipeline_(std::move(pipeline)), elem_size_(elem_size) {
  if (pipeline_.empty()) throw CodecError("an empty filter pipeline needs no encoder");
  for (const auto& f : pipeline_) {
    if (f.kind != Filter::Kind::Deflate) continue;
    if (deflater_) throw CodecError("more than one deflate filter");
    if (!supports_level(f.level)) {
      throw CodecError(fmt::format("no fast deflate for level {} in this build", f.level));
    }
    deflater_ = std::make_unique<Deflater>(f.level);
  }
}

ChunkEncoder::~ChunkEncoder() = default;

std::span<const std::byte> ChunkEncoder::encode(std::span<const std::byte> chunk) {
  std::span<const std::byte> cur = chunk;
  bool in_a = false;  // where `cur` lies: the caller's chunk, then a_ and b_ in turn
  for (const auto& f : pipeline_) {
    std::vector<std::byte>& dst = in_a ? b_ : a_;
    in_a = !in_a;
    if (f.kind == Filter::Kind::Shuffle) {
      dst.resize(cur.size());
      shuffle(cur, elem_size_, dst.data());
    } else {
      deflater_->run(cur, dst);
    }
    cur = std::span<const std::byte>(dst.data(), dst.size());
  }
  return cur;
}

bool have_fast_inflate() { return have_isal() || have_libdeflate(); }

namespace {

// A zlib-stream inflater, reused for every chunk.
struct ZlibInflater {
#ifdef TI_HAVE_ISAL
  std::unique_ptr<inflate_state> isal = std::make_unique<inflate_state>();
#elif defined(TI_HAVE_LIBDEFLATE)
  libdeflate_decompressor* ld = nullptr;
#endif

  ZlibInflater() {
#if !defined(TI_HAVE_ISAL) && defined(TI_HAVE_LIBDEFLATE)
    ld = libdeflate_alloc_decompressor();
    if (ld == nullptr) throw CodecError("libdeflate: cannot allocate a decompressor");
#elif !defined(TI_HAVE_ISAL)
    throw CodecError("no fast inflate in this build");
#endif
  }
  ~ZlibInflater() {
#if !defined(TI_HAVE_ISAL) && defined(TI_HAVE_LIBDEFLATE)
    if (ld != nullptr) libdeflate_free_decompressor(ld);
#endif
  }
  ZlibInflater(const ZlibInflater&) = delete;
  ZlibInflater& operator=(const ZlibInflater&) = delete;

  void run(std::span<const std::byte> in, std::span<std::byte> out) {
#ifdef TI_HAVE_ISAL
    if (in.size() > UINT32_MAX || out.size() > UINT32_MAX) throw CodecError("ISA-L: chunk larger than 4 GiB");
    inflate_state& s = *isal;
    isal_inflate_init(&s);
    s.crc_flag = ISAL_ZLIB;  // 2-byte zlib header, Adler-32 trailer checked
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): ISA-L does not write its input
    s.next_in = reinterpret_cast<std::uint8_t*>(const_cast<std::byte*>(in.data()));
    s.avail_in = static_cast<std::uint32_t>(in.size());
    s.next_out = reinterpret_cast<std::uint8_t*>(out.data());
    s.avail_out = static_cast<std::uint32_t>(out.size());
    const int rc = isal_inflate(&s);
    if (rc != ISAL_DECOMP_OK) throw CodecError(fmt::format("ISA-L: corrupt zlib stream (isal_inflate {})", rc));
    if (s.block_state != ISAL_BLOCK_FINISH) {
      throw CodecError(fmt::format("zlib stream inflates to more than the chunk's {} bytes", out.size()));
    }
    if (s.total_out != out.size()) {
      throw CodecError(fmt::format("zlib stream inflates to {} bytes, the chunk holds {}", s.total_out, out.size()));
    }
#elif defined(TI_HAVE_LIBDEFLATE)
    std::size_t n = 0;
    const auto rc = libdeflate_zlib_decompress(ld, in.data(), in.size(), out.data(), out.size(), &n);
    if (rc == LIBDEFLATE_INSUFFICIENT_SPACE) {
      throw CodecError(fmt::format("zlib stream inflates to more than the chunk's {} bytes", out.size()));
    }
    if (rc != LIBDEFLATE_SUCCESS) throw CodecError(fmt::format("libdeflate: corrupt zlib stream ({})", static_cast<int>(rc)));
    if (n != out.size()) throw CodecError(fmt::format("zlib stream inflates to {} bytes, the chunk holds {}", n, out.size()));
#else
    (void)in;
    (void)out;
    throw CodecError("no fast inflate in this build");
#endif
  }
};

}  // namespace

struct ChunkDecoder::Inflater : ZlibInflater {};

void inflate_zlib(std::span<const std::byte> in, std::span<std::byte> out) {
  ZlibInflater inf;
  inf.run(in, out);
}

ChunkDecoder::ChunkDecoder(std::vector<Filter> pipeline, std::size_t elem_size)
    : pipeline_(std::move(pipeline)), elem_size_(elem_size) {
  for (const auto& f : pipeline_) {
    if (f.kind != Filter::Kind::Deflate) continue;
    if (inflater_) throw CodecError("more than one deflate filter");
    inflater_ = std::make_unique<Inflater>();
  }
}

ChunkDecoder::~ChunkDecoder() = default;

std::span<const std::byte> ChunkDecoder::decode(std::span<const std::byte> stored, std::size_t size,
                                                std::uint32_t filter_mask) {
  std::span<const std::byte> cur = stored;
  bool in_a = false;
  for (std::size_t i = pipeline_.size(); i-- > 0;) {
    if (i < 32 && (filter_mask >> i & 1U) != 0) continue;  // not applied to this chunk
    std::vector<std::byte>& dst = in_a ? b_ : a_;
    in_a = !in_a;
    if (pipeline_[i].kind == Filter::Kind::Deflate) {
      dst.resize(size);
      inflater_->run(cur, dst);
    } else {
      if (cur.size() != size) {
        throw CodecError(fmt::format("shuffled chunk of {} bytes, expected {}", cur.size(), size));
      }
      dst.resize(cur.size());
      unshuffle(cur, elem_size_, dst.data());
    }
    cur = std::span<const std::byte>(dst.data(), dst.size());
  }
  if (cur.size() != size) throw CodecError(fmt::format("decoded chunk of {} bytes, expected {}", cur.size(), size));
  return cur;
}

}  // namespace ti::codec
