#include <zlib.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "trendy_ilamb/codec/chunk_codec.hpp"

using namespace ti::codec;

namespace {

std::span<const std::byte> bytes_of(const std::vector<float>& v) {
  return std::as_bytes(std::span<const float>(v));
}

// zlib's own uncompress (what HDF5's deflate filter calls): the stream must
// carry a valid zlib header and adler32 trailer.
std::vector<std::byte> inflate_with_zlib(std::span<const std::byte> stream, std::size_t expected) {
  std::vector<std::byte> out(expected + 16);
  uLongf n = static_cast<uLongf>(out.size());
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &n,
                            reinterpret_cast<const Bytef*>(stream.data()),
                            static_cast<uLong>(stream.size()));
  REQUIRE(rc == Z_OK);
  out.resize(n);
  return out;
}

std::vector<float> random_floats(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> d(-1e-7f, 3e-7f);
  std::vector<float> v(n);
  for (auto& x : v) x = d(gen);
  return v;
}

// Like a land map: two thirds of the cells are ocean (fill 1e20).
std::vector<float> fill_heavy(std::size_t n, unsigned seed) {
  auto v = random_floats(n, seed);
  for (std::size_t i = 0; i < n; ++i) {
    if ((i / 97) % 3 != 0) v[i] = 1e20f;
  }
  return v;
}

}  // namespace

TEST_CASE("shuffle puts byte b of every element in plane b, as HDF5 does", "[codec]") {
  // Three 4-byte elements and a 2-byte tail HDF5 leaves in place.
  std::vector<std::byte> in;
  for (int i = 0; i < 14; ++i) in.push_back(static_cast<std::byte>(i));
  std::vector<std::byte> out(in.size());
  shuffle(in, 4, out.data());
  const std::vector<int> expect{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 13};
  for (std::size_t i = 0; i < in.size(); ++i) CHECK(std::to_integer<int>(out[i]) == expect[i]);
  std::vector<std::byte> back(in.size());
  unshuffle(out, 4, back.data());
  CHECK(back == in);

  // A float's bytes as stored (little-endian): 1.0f = 00 00 80 3f.
  const std::vector<float> one{1.0f, 1.0f};
  std::vector<std::byte> s(8);
  shuffle(bytes_of(one), 4, s.data());
  const std::vector<int> e1{0, 0, 0, 0, 0x80, 0x80, 0x3f, 0x3f};
  for (std::size_t i = 0; i < 8; ++i) CHECK(std::to_integer<int>(s[i]) == e1[i]);

  // Other element sizes (generic and 8-byte paths) round-trip too.
  for (std::size_t es : {2u, 3u, 8u}) {
    std::vector<std::byte> src(es * 37 + 1);
    for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<std::byte>(i * 7 + 3);
    std::vector<std::byte> a(src.size()), b(src.size());
    shuffle(src, es, a.data());
    CHECK(std::to_integer<std::size_t>(a[1]) == ((es * 7 + 3) & 0xff));  // element 1, byte 0
    unshuffle(a, es, b.data());
    CHECK(b == src);
  }
}

TEST_CASE("4-byte shuffle and unshuffle follow the definition at every length (vector and tail paths)",
          "[codec]") {
  for (std::size_t n = 0; n <= 70; ++n) {
    std::vector<std::byte> in(4 * n + n % 3);  // and a 0..2-byte tail
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<std::byte>((i * 37 + n) & 0xff);
    std::vector<std::byte> sh(in.size()), un(in.size());
    shuffle(in, 4, sh.data());
    unshuffle(in, 4, un.data());
    INFO("elements " << n);
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t b = 0; b < 4; ++b) {
        REQUIRE(sh[b * n + k] == in[4 * k + b]);  // plane b holds byte b of element k
        REQUIRE(un[4 * k + b] == in[b * n + k]);  // and back
      }
    }
    for (std::size_t i = 4 * n; i < in.size(); ++i) {
      REQUIRE(sh[i] == in[i]);
      REQUIRE(un[i] == in[i]);
    }
  }
}

TEST_CASE("the encoder's zlib stream inflates with zlib's uncompress to the shuffled chunk",
          "[codec]") {
  if (!supports_level(1)) {
    WARN("no fast deflate in this build");
    return;
  }
  const std::size_t n = 720 * 360;
  const std::vector<std::pair<const char*, std::vector<float>>> cases{
      {"random", random_floats(n, 1)},
      {"constant", std::vector<float>(n, 0.25f)},
      {"fill-heavy", fill_heavy(n, 2)},
      {"all fill", std::vector<float>(n, 1e20f)},
      {"tiny", std::vector<float>{1.0f}},
      {"incompressible", [] {
         std::mt19937 g(7);
         std::vector<float> v(4096);
         for (auto& x : v) {
           const std::uint32_t bits = g() & 0x7f7fffffu;  // finite, random bits
           std::memcpy(&x, &bits, 4);
         }
         return v;
       }()}};
  for (int level : {1, 4, 9}) {
    if (!supports_level(level)) continue;
    ChunkEncoder enc({{Filter::Kind::Shuffle, 0}, {Filter::Kind::Deflate, level}}, 4);
    for (const auto& [name, values] : cases) {
      INFO(name << " at level " << level << " via " << deflate_library(level));
      const auto raw = bytes_of(values);
      const auto stream = enc.encode(raw);
      REQUIRE(stream.size() >= 6);
      // zlib header: CM = 8 (deflate), FCHECK makes the first 16 bits a multiple of 31.
      CHECK((std::to_integer<int>(stream[0]) & 0x0f) == 8);
      CHECK(((std::to_integer<int>(stream[0]) << 8) | std::to_integer<int>(stream[1])) % 31 == 0);
      const auto shuffled = inflate_with_zlib(stream, raw.size());
      REQUIRE(shuffled.size() == raw.size());
      std::vector<std::byte> back(raw.size());
      unshuffle(shuffled, 4, back.data());
      CHECK(std::memcmp(back.data(), raw.data(), raw.size()) == 0);
    }
  }
}

TEST_CASE("a pipeline of deflate only, and the encoder reused, stay exact", "[codec]") {
  if (!supports_level(1)) {
    WARN("no fast deflate in this build");
    return;
  }
  ChunkEncoder enc({{Filter::Kind::Deflate, 1}}, 4);
  for (unsigned seed = 0; seed < 5; ++seed) {
    const auto v = fill_heavy(10000 + seed * 333, seed);
    const auto raw = bytes_of(v);
    const auto out = inflate_with_zlib(enc.encode(raw), raw.size());
    REQUIRE(out.size() == raw.size());
    CHECK(std::memcmp(out.data(), raw.data(), raw.size()) == 0);
  }
}

TEST_CASE("the fast stream compresses like zlib at the same level", "[codec]") {
  if (!supports_level(1)) {
    WARN("no fast deflate in this build");
    return;
  }
  const auto v = fill_heavy(720 * 360, 3);
  const auto raw = bytes_of(v);
  std::vector<std::byte> shuffled(raw.size());
  shuffle(raw, 4, shuffled.data());
  uLongf zn = compressBound(static_cast<uLong>(raw.size()));
  std::vector<Bytef> z(zn);
  REQUIRE(compress2(z.data(), &zn, reinterpret_cast<const Bytef*>(shuffled.data()),
                    static_cast<uLong>(shuffled.size()), 1) == Z_OK);
  ChunkEncoder enc({{Filter::Kind::Shuffle, 0}, {Filter::Kind::Deflate, 1}}, 4);
  const auto fast = enc.encode(raw);
  INFO("zlib -1: " << zn << " bytes, fast: " << fast.size() << " bytes of " << raw.size());
  CHECK(static_cast<double>(fast.size()) <= 1.10 * static_cast<double>(zn));
}

TEST_CASE("levels and pipelines the encoder cannot do are refused", "[codec]") {
  CHECK_FALSE(supports_level(0));
  CHECK_FALSE(supports_level(10));
  CHECK_THROWS_AS(ChunkEncoder({}, 4), CodecError);
  CHECK_THROWS_AS(ChunkEncoder({{Filter::Kind::Deflate, 0}}, 4), CodecError);
  if (supports_level(1)) {
    CHECK_THROWS_AS(ChunkEncoder({{Filter::Kind::Deflate, 1}, {Filter::Kind::Deflate, 1}}, 4),
                    CodecError);
  }
  CHECK(std::string(codec_name(Codec::Fast)) == "fast");
  CHECK(std::string(codec_name(Codec::Zlib)) == "zlib");
  CHECK(default_codec() == (have_isal() ? Codec::Fast : Codec::Zlib));
}
