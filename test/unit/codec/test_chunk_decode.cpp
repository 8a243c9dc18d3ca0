// The read side of the codec: inflate of ISA-L/libdeflate and of zlib
// streams, unshuffle, and ChunkDecoder as the inverse of ChunkEncoder.
#include <zlib.h>

#include <catch2/catch.hpp>

#include <cstring>
#include <random>
#include <vector>

#include "trendy_ilamb/codec/chunk_codec.hpp"

using namespace ti::codec;

namespace {

std::vector<float> sample_floats(std::size_t n) {
  std::mt19937 rng(7);
  std::normal_distribution<float> dist(280.0F, 12.0F);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(rng);
  for (std::size_t i = 0; i < n; i += 17) v[i] = 1.0e20F;  // a fill value now and then
  return v;
}

std::span<const std::byte> bytes_of(const std::vector<float>& v) {
  return std::as_bytes(std::span<const float>(v));
}

std::vector<std::byte> zlib_compress(std::span<const std::byte> in, int level) {
  uLongf n = compressBound(in.size());
  std::vector<std::byte> out(n);
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(in.data()),
                    in.size(), level) == Z_OK);
  out.resize(n);
  return out;
}

}  // namespace

TEST_CASE("inflate_zlib reads zlib's own streams and the fast encoder's") {
  if (!have_fast_inflate()) {
    WARN("no fast inflate in this build");
    return;
  }
  const auto values = sample_floats(64 * 1024 + 3);
  const auto plain = bytes_of(values);
  std::vector<std::byte> out(plain.size());

  for (int level : {1, 6, 9}) {
    const auto z = zlib_compress(plain, level);
    inflate_zlib(z, out);
    CHECK(std::memcmp(out.data(), plain.data(), plain.size()) == 0);
  }
  for (int level : {1, 4}) {
    if (!supports_level(level)) continue;
    ChunkEncoder enc({{Filter::Kind::Deflate, level}}, 4);
    const auto s = enc.encode(plain);
    std::fill(out.begin(), out.end(), std::byte{0});
    inflate_zlib(s, out);
    CHECK(std::memcmp(out.data(), plain.data(), plain.size()) == 0);
  }
}

TEST_CASE("inflate_zlib rejects a wrong length and a corrupt stream") {
  if (!have_fast_inflate()) {
    WARN("no fast inflate in this build");
    return;
  }
  const auto values = sample_floats(4096);
  const auto plain = bytes_of(values);
  auto z = zlib_compress(plain, 6);
  std::vector<std::byte> small(plain.size() - 4), big(plain.size() + 4);
  CHECK_THROWS_AS(inflate_zlib(z, small), CodecError);
  CHECK_THROWS_AS(inflate_zlib(z, big), CodecError);
  z[z.size() - 1] ^= std::byte{0x5a};  // the Adler-32 trailer
  std::vector<std::byte> out(plain.size());
  CHECK_THROWS_AS(inflate_zlib(z, out), CodecError);
  CHECK_THROWS_AS(inflate_zlib(std::span<const std::byte>(z.data(), z.size() / 2), out), CodecError);
}

TEST_CASE("unshuffle inverts shuffle exactly, tail bytes included") {
  for (std::size_t elem : {1U, 2U, 4U, 8U, 3U}) {
    std::vector<std::byte> in(elem * 1000 + 2);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<std::byte>(i * 131 + 7);
    std::vector<std::byte> sh(in.size()), back(in.size());
    shuffle(in, elem, sh.data());
    unshuffle(sh, elem, back.data());
    CHECK(back == in);
  }
  // The layout itself: bytes 0 of every element first.
  const std::vector<std::byte> sh{std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4},
                                  std::byte{5}, std::byte{6}, std::byte{7}, std::byte{8}};
  std::vector<std::byte> out(8);
  unshuffle(sh, 4, out.data());
  CHECK(out == std::vector<std::byte>{std::byte{1}, std::byte{3}, std::byte{5}, std::byte{7},
                                      std::byte{2}, std::byte{4}, std::byte{6}, std::byte{8}});
}

TEST_CASE("ChunkDecoder decodes zlib-made shuffle+deflate chunks and honours the filter mask") {
  if (!have_fast_inflate()) {
    WARN("no fast inflate in this build");
    return;
  }
  const auto values = sample_floats(96 * 192);
  const auto plain = bytes_of(values);
  std::vector<std::byte> sh(plain.size());
  shuffle(plain, 4, sh.data());

  ChunkDecoder dec({{Filter::Kind::Shuffle, 0}, {Filter::Kind::Deflate, 4}}, 4);
  const auto z = zlib_compress(sh, 4);
  auto got = dec.decode(z, plain.size());
  REQUIRE(got.size() == plain.size());
  CHECK(std::memcmp(got.data(), plain.data(), plain.size()) == 0);

  // Deflate skipped (bit 1): the stored bytes are only shuffled.
  got = dec.decode(sh, plain.size(), 2U);
  CHECK(std::memcmp(got.data(), plain.data(), plain.size()) == 0);

  ChunkDecoder deflate_only({{Filter::Kind::Deflate, 1}}, 4);
  got = deflate_only.decode(zlib_compress(plain, 1), plain.size());
  CHECK(std::memcmp(got.data(), plain.data(), plain.size()) == 0);

  if (supports_level(1)) {
    ChunkEncoder enc({{Filter::Kind::Shuffle, 0}, {Filter::Kind::Deflate, 1}}, 4);
    const auto e = enc.encode(plain);
    const std::vector<std::byte> stored(e.begin(), e.end());
    got = dec.decode(stored, plain.size());
    CHECK(std::memcmp(got.data(), plain.data(), plain.size()) == 0);
  }
  CHECK_THROWS_AS(dec.decode(z, plain.size() + 4), CodecError);
}
