// The read-side fast path: raw chunk reads + fast inflate give, bit for bit,
// what netCDF's own reads give, for every slab; and it declines the files it
// cannot read.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include "small_files.hpp"
#include "trendy_ilamb/codec/chunk_codec.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/raw_read.hpp"

using namespace ti;
using namespace ti::pipeline;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kT = 13, kLev = 3, kLat = 20, kLon = 30;
constexpr std::size_t kBandLimit = 64u << 20;

std::vector<float> values(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(1.0e-8F, 3.0e-9F);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

// Writes the test file; returns nothing: every variable's data is seeded.
void write_input(const fs::path& path) {
  auto f = io::File::create(path);
  f.define_dimension("time", 0);  // unlimited, as most TRENDY files
  f.define_dimension("lev", kLev);
  f.define_dimension("lat", kLat);
  f.define_dimension("lon", kLon);
  f.define_dimension("t2", kT);
  // shuffle + deflate, one step a chunk, an explicit fill value, step 5 never written
  auto gpp = f.define_variable("gpp", io::NcType::Float, {"time", "lat", "lon"});
  gpp.set_chunking({1, kLat, kLon});
  gpp.set_deflate(true, 4);
  gpp.set_fill_value(1.0e20F);
  // deflate only, 4 steps a chunk (the last chunk partial), a layer dim,
  // netCDF's default fill, steps 8.. never written
  auto tsl = f.define_variable("tsl", io::NcType::Float, {"t2", "lev", "lat", "lon"});
  tsl.set_chunking({4, kLev, kLat, kLon});
  tsl.set_deflate(false, 1);
  // chunks that cover half the latitudes: decoded and tiled into whole maps
  auto part = f.define_variable("part", io::NcType::Float, {"t2", "lat", "lon"});
  part.set_chunking({1, kLat / 2, kLon});
  part.set_deflate(true, 1);
  // tiles that divide nothing (5 steps x 7 lev-free lat x 11 lon, edges
  // partial in every dimension), shuffle + deflate, steps 10.. never written
  auto tile = f.define_variable("tile", io::NcType::Float, {"t2", "lat", "lon"});
  tile.set_chunking({5, 7, 11});
  tile.set_deflate(true, 2);
  tile.set_fill_value(-99999.0F);
  // whole series per 2 x 3 x 4 tile, a layer dimension
  auto series = f.define_variable("series", io::NcType::Float, {"t2", "lev", "lat", "lon"});
  series.set_chunking({kT, 2, 3, 4});
  series.set_deflate(false, 1);
  // never filled (as nccopy writes): unwritten chunks read as NaN
  auto nofill = f.define_variable("nofill", io::NcType::Float, {"t2", "lat", "lon"});
  nofill.set_chunking({2, kLat, kLon});
  nofill.set_deflate(true, 1);
  nofill.set_no_fill();
  // time not first: plain reads only
  auto late = f.define_variable("late", io::NcType::Float, {"lat", "t2", "lon"});
  late.set_chunking({kLat, 1, kLon});
  late.set_deflate(true, 1);
  // doubles: plain reads only
  auto dbl = f.define_variable("dbl", io::NcType::Double, {"t2", "lat", "lon"});
  dbl.set_chunking({1, kLat, kLon});
  dbl.set_deflate(true, 1);
  f.end_definitions();

  const auto v = values(kT * kLat * kLon, 1);
  for (std::size_t t = 0; t < kT; ++t) {
    if (t == 5) continue;
    gpp.write({t, 0, 0}, {1, kLat, kLon}, v.data() + t * kLat * kLon);
  }
  const auto w = values(8 * kLev * kLat * kLon, 2);
  tsl.write({0, 0, 0, 0}, {8, kLev, kLat, kLon}, w.data());
  const auto p = values(kT * kLat * kLon, 3);
  part.write({0, 0, 0}, {kT, kLat, kLon}, p.data());
  tile.write({0, 0, 0}, {10, kLat, kLon}, p.data());
  const auto q = values(kT * kLev * kLat * kLon, 5);
  series.write({0, 0, 0, 0}, {kT, kLev, kLat, kLon}, q.data());
  nofill.write({0, 0, 0}, {6, kLat, kLon}, p.data());
  late.write({0, 0, 0}, {kLat, kT, kLon}, p.data());
  std::vector<double> d(p.begin(), p.end());
  dbl.write({0, 0, 0}, {kT, kLat, kLon}, d.data());
}

// Every slab [t0, t0+nt), both ways, bit for bit.
void check_every_slab(const io::File& file, const std::string& name) {
  const auto var = file.variable(name);
  const auto shape = var.shape();
  std::size_t per_step = 1;
  for (std::size_t d = 1; d < shape.size(); ++d) per_step *= shape[d];
  auto raw = RawSlabReader::open(file.path(), name, 0, shape, kBandLimit);
  REQUIRE(raw != nullptr);
  std::size_t slabs = 0;
  for (std::size_t t0 = 0; t0 < shape[0]; ++t0) {
    for (std::size_t nt = 1; t0 + nt <= shape[0]; ++nt) {
      std::vector<std::size_t> start(shape.size(), 0), count = shape;
      start[0] = t0;
      count[0] = nt;
      std::vector<float> want(nt * per_step, -1.0F), got(nt * per_step, -2.0F);
      var.read(start, count, want.data());
      raw->read(t0, nt, got.data());
      INFO(name << " steps [" << t0 << ", " << t0 + nt << ")");
      REQUIRE(std::memcmp(want.data(), got.data(), want.size() * sizeof(float)) == 0);
      ++slabs;
    }
  }
  CHECK(slabs == shape[0] * (shape[0] + 1) / 2);
}

}  // namespace

TEST_CASE("raw chunk reads equal netCDF's reads, slab by slab, unwritten chunks included") {
  if (!codec::have_fast_inflate()) {
    WARN("no fast inflate in this build");
    return;
  }
  const auto dir = testing::scratch_dir("raw_read");
  const auto path = dir / "in.nc";
  write_input(path);
  const auto file = io::File::open_read(path);  // netCDF holds it open meanwhile
  check_every_slab(file, "gpp");
  check_every_slab(file, "tsl");
  check_every_slab(file, "part");
  check_every_slab(file, "tile");
  check_every_slab(file, "series");

  // The unwritten chunks really are fill.
  auto raw = RawSlabReader::open(file.path(), "gpp", 0, file.variable("gpp").shape(), kBandLimit);
  std::vector<float> step(kLat * kLon);
  raw->read(5, 1, step.data());
  CHECK(step.front() == 1.0e20F);
  raw = RawSlabReader::open(file.path(), "tsl", 0, file.variable("tsl").shape(), kBandLimit);
  std::vector<float> last(kLev * kLat * kLon);
  raw->read(kT - 1, 1, last.data());
  CHECK(last.back() == 9.9692099683868690e+36F);
  CHECK_THROWS(raw->read(kT - 1, 2, last.data()));
  raw = RawSlabReader::open(file.path(), "tile", 0, file.variable("tile").shape(), kBandLimit);
  raw->read(kT - 1, 1, step.data());
  CHECK(step.back() == -99999.0F);

  // _NoFill: the written steps equal netCDF's reads, the rest are NaN.
  raw = RawSlabReader::open(file.path(), "nofill", 0, file.variable("nofill").shape(), kBandLimit);
  REQUIRE(raw != nullptr);
  std::vector<float> want(6 * kLat * kLon), got(6 * kLat * kLon);
  file.variable("nofill").read({0, 0, 0}, {6, kLat, kLon}, want.data());
  raw->read(0, 6, got.data());
  CHECK(std::memcmp(want.data(), got.data(), want.size() * sizeof(float)) == 0);
  raw->read(8, 1, step.data());
  CHECK(std::isnan(step.front()));
  CHECK(std::isnan(step.back()));
}

TEST_CASE("the raw read declines what it cannot read") {
  const auto dir = testing::scratch_dir("raw_read_declines");
  const auto path = dir / "in.nc";
  write_input(path);
  const auto file = io::File::open_read(path);
  CHECK(RawSlabReader::open(file.path(), "late", 1, file.variable("late").shape(), kBandLimit) == nullptr);
  CHECK(RawSlabReader::open(file.path(), "dbl", 0, file.variable("dbl").shape(), kBandLimit) == nullptr);
  CHECK(RawSlabReader::open(file.path(), "nosuch", 0, {kT, kLat, kLon}, kBandLimit) == nullptr);
  // Only some layers read (mrsos): plain reads.
  CHECK(RawSlabReader::open(file.path(), "tsl", 0, {kT, 1, kLat, kLon}, kBandLimit) == nullptr);
  // A band of whole-series chunks is the whole variable: above the limit, plain reads.
  const std::size_t series_bytes = kT * kLev * kLat * kLon * sizeof(float);
  CHECK(RawSlabReader::open(file.path(), "series", 0, file.variable("series").shape(), series_bytes) != nullptr);
  CHECK(RawSlabReader::open(file.path(), "series", 0, file.variable("series").shape(), series_bytes - 1) == nullptr);

  const auto classic = dir / "classic.nc";
  {
    auto f = io::File::create_classic(classic, false);
    f.define_dimension("time", 0);
    f.define_dimension("lat", kLat);
    f.define_dimension("lon", kLon);
    auto v = f.define_variable("gpp", io::NcType::Float, {"time", "lat", "lon"});
    f.end_definitions();
    const auto x = values(kLat * kLon, 4);
    v.write({0, 0, 0}, {1, kLat, kLon}, x.data());
  }
  const auto cf = io::File::open_read(classic);
  CHECK(RawSlabReader::open(cf.path(), "gpp", 0, cf.variable("gpp").shape(), kBandLimit) == nullptr);
}
