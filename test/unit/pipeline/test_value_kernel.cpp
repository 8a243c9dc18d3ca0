// The vector paths of the per-value kernel (AVX2, SSE2) against the plain
// formula written out here, bit for bit, on values that hit every rule:
// declared fills, NaN, infinities, huge values, values that the unit
// factor pushes past 1e19, negative zero, and run lengths that leave tails.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "pipeline/value_kernel.hpp"
#include "trendy_ilamb/pipeline/slab_transform.hpp"

using namespace ti::pipeline;
using detail::ValueKernel;

namespace {

// The output contract, value by value, independent of the kernel's code.
float expected(double x, const ValueTransform& vt, double scale) {
  if (vt.fill.is_missing(x)) return 1e20f;
  const double y = (x * vt.pack_scale + vt.pack_offset) * scale + vt.offset;
  if (!std::isfinite(y) || std::fabs(y) >= 1e19) return 1e20f;
  return static_cast<float>(y);
}

template <class T>
std::vector<T> nasty_values(std::size_t n, unsigned seed, const std::vector<double>& declared) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1e4, 1e4);
  std::vector<T> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    switch (rng() % 12) {
      case 0: v[i] = std::numeric_limits<T>::quiet_NaN(); break;
      case 1: v[i] = (rng() % 2 ? 1 : -1) * std::numeric_limits<T>::infinity(); break;
      case 2: v[i] = static_cast<T>(1e20); break;
      case 3: v[i] = static_cast<T>(-9.99e18); break;  // below the threshold, pushed past it by scale
      case 4: v[i] = static_cast<T>(declared.empty() ? 0.0 : declared[rng() % declared.size()]); break;
      case 5: v[i] = static_cast<T>(-0.0); break;
      case 6: v[i] = static_cast<T>(1e19); break;
      default: v[i] = static_cast<T>(u(rng)); break;
    }
  }
  return v;
}

std::uint32_t bits(float f) { return std::bit_cast<std::uint32_t>(f); }

template <class T>
void check_all_paths(const ValueTransform& vt, const std::vector<double>& declared, double scale) {
  const auto kernel = ValueKernel::make(vt);
  REQUIRE(kernel.has_value());
  for (std::size_t n : {0U, 1U, 3U, 4U, 7U, 8U, 9U, 15U, 16U, 17U, 333U}) {
    const auto src = nasty_values<T>(n, static_cast<unsigned>(n * 7 + 1), declared);
    for (const auto path : ValueKernel::available_paths()) {
      std::vector<float> out(n, -1.0f);
      kernel->run(src.data(), n, scale, out.data(), path);
      for (std::size_t i = 0; i < n; ++i) {
        INFO(ValueKernel::path_name(path) << " n=" << n << " i=" << i << " x=" << static_cast<double>(src[i]));
        REQUIRE(bits(out[i]) == bits(expected(static_cast<double>(src[i]), vt, scale)));
      }
    }
  }
}

}  // namespace

TEST_CASE("every kernel path gives the formula's bits, float and double input", "[kernel]") {
  ValueTransform plain;
  plain.fill = ti::cf::FillRule({1e20}, true);  // caught by the huge test: no compare needed
  check_all_paths<float>(plain, {}, 1.0);
  check_all_paths<double>(plain, {}, 1.0);

  ValueTransform units;  // per-month rate to per-second, and a declared fill
  units.fill = ti::cf::FillRule({-99999.0}, true);
  check_all_paths<float>(units, {-99999.0}, 1.0 / (86400.0 * 31));
  check_all_paths<float>(units, {-99999.0}, 10.0);  // -9.99e18 * 10 passes the threshold

  ValueTransform packed;  // int16-style packing, two declared fills, a unit offset
  packed.fill = ti::cf::FillRule({-32767.0, -32768.0}, false);
  packed.pack_scale = 0.01;
  packed.pack_offset = 250.0;
  packed.offset = -273.15;
  check_all_paths<double>(packed, {-32767.0, -32768.0}, 1.0);
  check_all_paths<float>(packed, {-32767.0, -32768.0}, 3.0);
}

TEST_CASE("more declared fill values than the kernel holds leave it to the general loop", "[kernel]") {
  ValueTransform vt;
  vt.fill = ti::cf::FillRule({-1.0, -2.0, -3.0}, false);
  CHECK_FALSE(ValueKernel::make(vt).has_value());
  // ... and transform_slab still applies all three.
  const std::vector<float> src = {-1, -2, -3, 4, 5};
  const auto l = make_layout({1, 1, 5}, 0, 1, 2, {}, {0}, {3, 4, 0, 1, 2}, ExtraMode::None);
  std::vector<float> out(5);
  transform_slab(l, vt, src.data(), 1, {2.0}, out.data());
  CHECK(out == std::vector<float>{8, 10, 1e20f, 1e20f, 1e20f});
}

TEST_CASE("rolled longitudes run in two contiguous pieces with the same values as the index map", "[kernel]") {
  // (time=2, lat=3, lon=37) float source; roll by 13, flip latitude.
  const std::size_t nlat = 3, nlon = 37;
  std::vector<std::size_t> lat_src{2, 1, 0}, lon_src;
  for (std::size_t i = 0; i < nlon; ++i) lon_src.push_back((i + 13) % nlon);
  const auto l = make_layout({2, nlat, nlon}, 0, 1, 2, {}, lat_src, lon_src, ExtraMode::None);
  REQUIRE(l.lon_runs.size() == 2);
  ValueTransform vt;
  vt.fill = ti::cf::FillRule({-99999.0}, true);
  const auto src = nasty_values<float>(2 * nlat * nlon, 5, {-99999.0});
  std::vector<float> out(src.size());
  transform_slab(l, vt, src.data(), 2, {0.5, 4.0}, out.data());
  for (std::size_t t = 0; t < 2; ++t) {
    for (std::size_t j = 0; j < nlat; ++j) {
      for (std::size_t i = 0; i < nlon; ++i) {
        const double x = src[(t * nlat + lat_src[j]) * nlon + lon_src[i]];
        REQUIRE(bits(out[(t * nlat + j) * nlon + i]) == bits(expected(x, vt, t == 0 ? 0.5 : 4.0)));
      }
    }
  }
}
