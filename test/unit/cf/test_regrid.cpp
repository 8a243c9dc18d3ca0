#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

#include "trendy_ilamb/cf/regrid.hpp"

using namespace ti::cf;

namespace {

constexpr double kRad = std::numbers::pi / 180.0;

std::vector<double> regular(double first, double step, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = first + step * static_cast<double>(i);
  return v;
}

// A source grid from raw coordinates, made clean as the pipeline does.
LatLonGrid planned(const std::vector<double>& lat, const std::vector<double>& lon) {
  return {plan_latitude(lat), plan_longitude(lon)};
}

// Smooth, positive, not aligned with any grid.
double smooth(double lat, double lon) {
  return 3.0 + std::cos(lat * kRad) * std::sin(2.0 * lon * kRad) + 0.7 * std::sin(3.0 * lat * kRad + 0.3) * std::cos(lon * kRad);
}

std::vector<double> field_on(const LatLonGrid& g, bool with_missing) {
  std::vector<double> v;
  for (double la : g.lat.centres) {
    for (double lo : g.lon.centres) {
      const bool hole = with_missing && (la < -70.0 || std::sin(3.0 * lo * kRad + 1.0) * std::cos(2.0 * la * kRad) > 0.5);
      v.push_back(hole ? double(kOutputFill) : smooth(la, lo));
    }
  }
  return v;
}

bool missing(double x) { return !(std::fabs(x) < kHugeThreshold); }

// apply_weights' formula in double: the conservation property belongs to the
// weights; the float output of apply_weights only adds its own rounding.
struct Applied {
  std::vector<double> value;     // fill where no valid source
  std::vector<double> fraction;  // sum of the weights of valid sources
};

Applied apply_double(const RegridWeights& w, const std::vector<double>& src) {
  Applied a{std::vector<double>(w.n_dst), std::vector<double>(w.n_dst)};
  for (std::size_t d = 0; d < w.n_dst; ++d) {
    double s = 0.0, sw = 0.0;
    for (std::size_t k = w.row_start[d]; k < w.row_start[d + 1]; ++k) {
      if (missing(src[w.col[k]])) continue;
      s += w.weight[k] * src[w.col[k]];
      sw += w.weight[k];
    }
    a.value[d] = sw > 0.0 ? s / sw : double(kOutputFill);
    a.fraction[d] = sw;
  }
  return a;
}

std::vector<float> to_float(const std::vector<double>& v) { return {v.begin(), v.end()}; }

std::vector<float> run_weights(const RegridWeights& w, const std::vector<float>& src) {
  std::vector<float> out(w.n_dst);
  apply_weights(w, src.data(), out.data());
  return out;
}

double row_sum(const RegridWeights& w, std::size_t d) {
  double s = 0.0;
  for (std::size_t k = w.row_start[d]; k < w.row_start[d + 1]; ++k) s += w.weight[k];
  return s;
}

struct Pair {
  const char* name;
  LatLonGrid src, dst;
};

std::vector<Pair> global_pairs() {
  return {
      {"2deg -> 1x1", global_grid(2.0, 2.0), global_grid(1.0, 1.0)},
      {"1deg -> 2x2", global_grid(1.0, 1.0), global_grid(2.0, 2.0)},
      {"0.5deg -> 1x1", global_grid(0.5, 0.5), global_grid(1.0, 1.0)},
      {"0..360 2deg source -> 1x1", planned(regular(-89.0, 2.0, 90), regular(0.0, 2.0, 180)), global_grid(1.0, 1.0)},
      {"descending 1.5deg source -> 1.25x0.9375", planned(regular(89.25, -1.5, 120), regular(0.75, 1.5, 240)),
       global_grid(1.25, 0.9375)},
  };
}

}  // namespace

TEST_CASE("grid specs name global grids with edges on multiples of the spacing", "[regrid]") {
  const LatLonGrid g = parse_grid_spec("1x1");
  REQUIRE(g.lon.size() == 360);
  REQUIRE(g.lat.size() == 180);
  CHECK(g.lon.centres.front() == -179.5);
  CHECK(g.lon.centres.back() == 179.5);
  CHECK(g.lat.centres.front() == -89.5);
  CHECK(g.lat.centres.back() == 89.5);
  CHECK(g.lon.lower.front() == -180.0);
  CHECK(g.lon.upper.back() == 180.0);
  CHECK(g.lat.lower.front() == -90.0);
  CHECK(g.lat.upper.back() == 90.0);
  for (std::size_t i = 0; i + 1 < g.lon.size(); ++i) CHECK(g.lon.upper[i] == g.lon.lower[i + 1]);
  CHECK(g.lat.lower[100] == 10.0);
  CHECK(g.lon.is_identity());

  const LatLonGrid h = parse_grid_spec("0.5x0.5");
  CHECK(h.lon.size() == 720);
  CHECK(h.lat.size() == 360);
  CHECK(h.lon.centres.front() == -179.75);
  const LatLonGrid k = parse_grid_spec("1.25x0.9375");
  CHECK(k.lon.size() == 288);
  CHECK(k.lat.size() == 192);
  CHECK(k.lat.centres.front() == -90.0 + 0.46875);
}

TEST_CASE("malformed grid specs are GridErrors", "[regrid]") {
  for (const char* bad : {"", "1", "1x", "x1", "axb", "1x1x1", "1x1 ", " 1x1", "0x1", "-1x1", "1x0", "0.7x1",
                          "1x0.7", "nanx1", "infx1", "1X1"}) {
    INFO("spec \"" << bad << "\"");
    CHECK_THROWS_AS(parse_grid_spec(bad), GridError);
  }
  CHECK_THROWS_WITH(parse_grid_spec("0.7x1"), Catch::Contains("does not divide 360"));
  CHECK_THROWS_WITH(parse_grid_spec("1by1"), Catch::Contains("<dlon>x<dlat>"));
  CHECK_THROWS_AS(global_grid(1.0, 0.0), GridError);
}

TEST_CASE("regrid method names, ours and CDO's", "[regrid]") {
  CHECK(parse_regrid_method("conservative") == RegridMethod::Conservative);
  CHECK(parse_regrid_method("remapcon") == RegridMethod::Conservative);
  CHECK(parse_regrid_method("bilinear") == RegridMethod::Bilinear);
  CHECK(parse_regrid_method("remapbil") == RegridMethod::Bilinear);
  CHECK(parse_regrid_method("nearest") == RegridMethod::Nearest);
  CHECK(parse_regrid_method("remapnn") == RegridMethod::Nearest);
  CHECK_FALSE(parse_regrid_method("Conservative").has_value());
  CHECK_FALSE(parse_regrid_method("").has_value());
  for (auto m : {RegridMethod::Conservative, RegridMethod::Bilinear, RegridMethod::Nearest}) {
    CHECK(parse_regrid_method(method_name(m)) == m);
  }
}

TEST_CASE("a constant field stays constant under every method", "[regrid]") {
  const float c = 3.25f;
  for (const Pair& p : global_pairs()) {
    for (auto m : {RegridMethod::Conservative, RegridMethod::Bilinear, RegridMethod::Nearest}) {
      INFO(p.name << ", " << method_name(m));
      const RegridWeights w = build_weights(p.src, p.dst, m);
      const auto out = run_weights(w, std::vector<float>(p.src.size(), c));
      double worst = 0.0;
      for (float x : out) worst = std::max(worst, std::fabs(double(x) - double(c)));
      CHECK(worst <= 1e-12 * double(c));
    }
  }
}

TEST_CASE("conservative weight rows sum to 1 where the destination is fully covered", "[regrid]") {
  for (const Pair& p : global_pairs()) {
    INFO(p.name);
    const RegridWeights w = build_weights(p.src, p.dst, RegridMethod::Conservative);
    REQUIRE(w.row_start.size() == w.n_dst + 1);
    double worst = 0.0;
    for (std::size_t d = 0; d < w.n_dst; ++d) worst = std::max(worst, std::fabs(row_sum(w, d) - 1.0));
    CHECK(worst <= 1e-12);
  }
}

TEST_CASE("conservative regridding conserves the global integral", "[regrid]") {
  // Without missing cells: sum(A_dst * v_dst) == sum(A_src * v_src).
  // With missing cells (renormalised): each destination value is the mean
  // over the valid part of its cell, so what is conserved is the integral
  // weighted by the destination's valid fraction f_dst (the regridded 0/1
  // validity mask, = the sum of the weights of its valid sources):
  //   sum(A_dst * f_dst * v_dst) == sum over valid sources of A_src * v_src.
  // Destination cells with f_dst == 0 are fill and contribute nothing.
  for (const Pair& p : global_pairs()) {
    const auto a_src = cell_areas(p.src.lat, p.src.lon, 1.0);
    const auto a_dst = cell_areas(p.dst.lat, p.dst.lon, 1.0);
    const RegridWeights w = build_weights(p.src, p.dst, RegridMethod::Conservative);
    for (bool with_missing : {false, true}) {
      INFO(p.name << (with_missing ? ", with missing cells" : ", no missing cells"));
      const auto src = field_on(p.src, with_missing);
      const Applied out = apply_double(w, src);
      double before = 0.0, after = 0.0;
      for (std::size_t s = 0; s < src.size(); ++s) before += missing(src[s]) ? 0.0 : a_src[s] * src[s];
      std::size_t fills = 0;
      for (std::size_t d = 0; d < out.value.size(); ++d) {
        if (missing(out.value[d])) {
          ++fills;
          continue;
        }
        after += a_dst[d] * out.fraction[d] * out.value[d];
      }
      CHECK(std::fabs(after - before) <= 1e-10 * std::fabs(before));
      CHECK((fills > 0) == with_missing);  // the Antarctic hole is wider than a cell
      // apply_weights computes the same values, up to float rounding.
      const auto single = run_weights(w, to_float(src));
      for (std::size_t d = 0; d < single.size(); ++d) {
        if (missing(out.value[d])) {
          REQUIRE(single[d] == kOutputFill);
        } else {
          REQUIRE(std::fabs(double(single[d]) - out.value[d]) <= 1e-6 * std::fabs(out.value[d]));
        }
      }
    }
  }
}

TEST_CASE("a regional source leaves the destination outside its extent missing", "[regrid]") {
  const LatLonGrid src = planned(regular(-59.5, 1.0, 150), regular(-179.5, 1.0, 360));
  const LatLonGrid dst = global_grid(1.25, 0.9375);  // rows straddle -60
  const std::vector<float> ones(src.size(), 1.0f);
  for (auto m : {RegridMethod::Conservative, RegridMethod::Bilinear, RegridMethod::Nearest}) {
    INFO(method_name(m));
    const RegridWeights w = build_weights(src, dst, m);
    const auto out = run_weights(w, ones);
    for (std::size_t j = 0; j < dst.lat.size(); ++j) {
      // Conservative: any overlap with the source counts; point methods: the
      // destination centre must lie within the source cells.
      const bool outside = m == RegridMethod::Conservative ? dst.lat.upper[j] <= -60.0 : dst.lat.centres[j] < -60.0;
      for (std::size_t i = 0; i < dst.lon.size(); ++i) {
        const float v = out[j * dst.lon.size() + i];
        if (outside) {
          REQUIRE(v == kOutputFill);
        } else {
          REQUIRE(v == Approx(1.0).epsilon(1e-12));
        }
      }
    }
  }
  // Weight rows: 1 where the destination cell lies wholly in the source, the
  // covered fraction of the straddling row, 0 (empty) below it.
  const RegridWeights w = build_weights(src, dst, RegridMethod::Conservative);
  for (std::size_t j = 0; j < dst.lat.size(); ++j) {
    const double lo = dst.lat.lower[j], hi = dst.lat.upper[j];
    const double covered = lo >= -60.0 ? 1.0
                           : hi <= -60.0
                               ? 0.0
                               : (std::sin(hi * kRad) - std::sin(-60.0 * kRad)) / (std::sin(hi * kRad) - std::sin(lo * kRad));
    CHECK(row_sum(w, j * dst.lon.size()) == Approx(covered).margin(1e-12));
  }
}

TEST_CASE("bilinear interpolates across the longitude seam and clamps at the poles", "[regrid]") {
  const LatLonGrid src = global_grid(2.0, 2.0);  // centres -179..179, -89..89
  const LatLonGrid dst = global_grid(1.0, 1.0);
  const RegridWeights w = build_weights(src, dst, RegridMethod::Bilinear);
  // Destination lon -179.5 (= 180.5) lies between source 179 and -179 (= 181).
  std::vector<float> f(src.size(), 0.0f);
  const std::size_t row = 45;  // source lat 1
  f[row * 180 + 0] = 1.0f;     // lon -179
  const auto out = run_weights(w, f);
  // Destination lat 0.5 and 1.5 bracket source lat 1 with weights 0.75.
  const std::size_t d = 90 * 360 + 0;  // lat 0.5, lon -179.5
  CHECK(dst.lat.centres[90] == 0.5);
  CHECK(out[d] == Approx(0.75 * 0.75).epsilon(1e-12));
  CHECK(out[d + 359] == Approx(0.75 * 0.25).epsilon(1e-12));  // lon 179.5
  // Polar row 89.5 lies beyond the last source centre: clamped to row 89.
  std::vector<float> g(src.size());
  for (std::size_t k = 0; k < g.size(); ++k) g[k] = float(k / 180);
  const auto polar = run_weights(w, g);
  CHECK(polar[179 * 360 + 7] == Approx(89.0));
  CHECK(polar[0] == Approx(0.0));
}

TEST_CASE("nearest takes the nearest source centre on the sphere", "[regrid]") {
  const LatLonGrid src = global_grid(2.0, 2.0);
  const LatLonGrid dst = global_grid(1.0, 1.0);
  const RegridWeights w = build_weights(src, dst, RegridMethod::Nearest);
  for (std::size_t d = 0; d < w.n_dst; ++d) REQUIRE(w.row_start[d + 1] - w.row_start[d] == 1);
  // Destination (-179.5, 0.5): source (-179, 1) is nearest (0.5, 0.5 away).
  CHECK(w.col[w.row_start[90 * 360 + 0]] == 45 * 180 + 0);
  // Destination lon 179.5: source 179, not -179 across the seam.
  CHECK(w.col[w.row_start[90 * 360 + 359]] == 45 * 180 + 179);
  // Destination (-178.5, 89.5) and a missing nearest source: fill.
  std::vector<float> f(src.size(), 2.0f);
  f[44 * 180 + 0] = std::numeric_limits<float>::quiet_NaN();  // (-179, -1)
  const auto out = run_weights(w, f);
  CHECK(out[89 * 360 + 0] == kOutputFill);   // (-179.5, -0.5)
  CHECK(out[89 * 360 + 2] == 2.0f);          // (-177.5, -0.5): source -177
}

TEST_CASE("apply_weights treats NaN, inf and |x| >= 1e19 as missing", "[regrid]") {
  const LatLonGrid src = global_grid(2.0, 2.0);
  const LatLonGrid dst = global_grid(4.0, 4.0);
  const RegridWeights w = build_weights(src, dst, RegridMethod::Conservative);
  std::vector<float> f(src.size(), 1.0f);
  // Destination cell 0 covers source cells (0,0), (0,1), (1,0), (1,1).
  f[0] = std::numeric_limits<float>::quiet_NaN();
  f[1] = 1e19f;
  f[180] = -std::numeric_limits<float>::infinity();
  f[181] = 5.0f;
  auto out = run_weights(w, f);
  CHECK(out[0] == 5.0f);
  f[181] = -1e20f;
  out = run_weights(w, f);
  CHECK(out[0] == kOutputFill);
  CHECK(out[1] == 1.0f);
}

TEST_CASE("the weight cache builds once per grid pair and method", "[regrid]") {
  WeightCache cache;
  const LatLonGrid a = global_grid(2.0, 2.0);
  const LatLonGrid b = global_grid(1.0, 1.0);
  const RegridWeights& w1 = cache.get(a, b, RegridMethod::Conservative);
  const RegridWeights& w2 = cache.get(global_grid(2.0, 2.0), parse_grid_spec("1x1"), RegridMethod::Conservative);
  CHECK(&w1 == &w2);
  CHECK(cache.size() == 1);
  CHECK(&cache.get(a, b, RegridMethod::Bilinear) != &w1);
  CHECK(&cache.get(b, a, RegridMethod::Conservative) != &w1);
  // Same sizes and first/last centres, different bounds: a different grid.
  LatLonGrid shifted = a;
  shifted.lat.lower[10] += 0.25;
  shifted.lat.upper[9] += 0.25;
  CHECK(&cache.get(shifted, b, RegridMethod::Conservative) != &w1);
  CHECK(cache.size() == 4);
  CHECK(&cache.get(a, b, RegridMethod::Conservative) == &w1);
}
