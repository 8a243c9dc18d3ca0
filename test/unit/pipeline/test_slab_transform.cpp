#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "trendy_ilamb/pipeline/slab_transform.hpp"

using namespace ti::pipeline;

TEST_CASE("latitude flip and longitude roll are applied as index maps", "[slab]") {
  // Source (time=1, lat=2, lon=4): value = 10*lat + lon.
  const std::vector<double> src = {0, 1, 2, 3, 10, 11, 12, 13};
  const auto l = make_layout({1, 2, 4}, 0, 1, 2, {}, {1, 0}, {2, 3, 0, 1}, ExtraMode::None);
  std::vector<float> out(8);
  transform_slab(l, ValueTransform{}, src.data(), 1, {1.0}, out.data());
  CHECK(out == std::vector<float>{12, 13, 10, 11, 2, 3, 0, 1});
}

TEST_CASE("fill values of every convention become 1e20 and scale applies per step", "[slab]") {
  const std::vector<double> src = {-99999.0, 2.0, std::nan(""), 4.0,
                                   std::numeric_limits<double>::infinity(), 6.0, 1e20, -9e33};
  const auto l = make_layout({2, 1, 4}, 0, 1, 2, {}, {0}, {0, 1, 2, 3}, ExtraMode::None);
  ValueTransform vt;
  vt.fill = ti::cf::FillRule({-99999.0}, true);
  std::vector<float> out(8);
  transform_slab(l, vt, src.data(), 2, {10.0, 100.0}, out.data());
  CHECK(out == std::vector<float>{1e20f, 20.0f, 1e20f, 40.0f, 1e20f, 600.0f, 1e20f, 1e20f});
}

TEST_CASE("pools in the last dimension are summed, missing only where all are", "[slab]") {
  // Source (time=1, lat=1, lon=2, pool=3).
  const std::vector<double> src = {1, 2, 3, -1, -1, -1};
  const auto l = make_layout({1, 1, 2, 3}, 0, 1, 2, {3}, {0}, {0, 1}, ExtraMode::Sum);
  ValueTransform vt;
  vt.fill = ti::cf::FillRule({-1.0}, false);
  std::vector<float> out(2);
  transform_slab(l, vt, src.data(), 1, {1.0}, out.data());
  CHECK(out == std::vector<float>{6.0f, 1e20f});
}

TEST_CASE("a layer between time and lat is kept and reordered before lat", "[slab]") {
  // Source (time=1, lat=2, layer=2, lon=1): value = 10*lat + layer.
  const std::vector<double> src = {0, 1, 10, 11};
  const auto l = make_layout({1, 2, 2, 1}, 0, 1, 3, {2}, {0, 1}, {0}, ExtraMode::Keep);
  std::vector<float> out(4);
  transform_slab(l, ValueTransform{}, src.data(), 1, {1.0}, out.data());
  // Output (time, layer, lat, lon).
  CHECK(out == std::vector<float>{0, 10, 1, 11});
}

TEST_CASE("time need not be the first dimension", "[slab]") {
  // Source (lat=2, lon=1, time=2): value = 10*lat + time.
  const std::vector<double> src = {0, 1, 10, 11};
  const auto l = make_layout({2, 1, 2}, 2, 0, 1, {}, {0, 1}, {0}, ExtraMode::None);
  std::vector<float> out(4);
  transform_slab(l, ValueTransform{}, src.data(), 2, {1.0, 1.0}, out.data());
  CHECK(out == std::vector<float>{0, 10, 1, 11});
}

TEST_CASE("packing and unit offsets are applied after the fill test", "[slab]") {
  const std::vector<double> src = {100, -32767};
  const auto l = make_layout({1, 1, 2}, 0, 1, 2, {}, {0}, {0, 1}, ExtraMode::None);
  ValueTransform vt;
  vt.fill = ti::cf::FillRule({-32767.0}, false);
  vt.pack_scale = 0.5;
  vt.pack_offset = 200.0;
  vt.offset = 273.15;
  std::vector<float> out(2);
  transform_slab(l, vt, src.data(), 1, {1.0}, out.data());
  CHECK(out[0] == static_cast<float>(250.0 + 273.15));
  CHECK(out[1] == 1e20f);
}
