#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "trendy_ilamb/cf/grid.hpp"

using namespace ti::cf;

namespace {
std::vector<double> centres(double first, double step, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(first + step * i);
  return v;
}
}  // namespace

TEST_CASE("descending latitudes are flipped to ascending with bounds clipped at the poles", "[grid]") {
  const auto p = plan_latitude(centres(89.5, -1.0, 180));
  REQUIRE(p.size() == 180);
  CHECK(p.centres.front() == -89.5);
  CHECK(p.centres.back() == 89.5);
  CHECK(p.source_index.front() == 179);
  CHECK(p.source_index.back() == 0);
  CHECK(p.lower.front() == -90.0);
  CHECK(p.upper.back() == 90.0);
  for (std::size_t i = 0; i + 1 < p.size(); ++i) CHECK(p.upper[i] == p.lower[i + 1]);
}

TEST_CASE("ascending latitudes are left as they are", "[grid]") {
  const auto p = plan_latitude(centres(-89.5, 1.0, 180));
  CHECK(p.is_identity());
}

TEST_CASE("0..360 longitudes are rolled into -180..180", "[grid]") {
  const auto p = plan_longitude(centres(0.5, 1.0, 360));
  REQUIRE(p.size() == 360);
  CHECK(p.centres.front() == -179.5);
  CHECK(p.centres.back() == 179.5);
  CHECK(p.source_index.front() == 180);  // 180.5 wraps to -179.5
  CHECK(p.source_index[180] == 0);       // 0.5 stays 0.5
  CHECK(p.lower.front() == -180.0);
  CHECK(p.upper.back() == 180.0);
  for (std::size_t i = 0; i + 1 < p.size(); ++i) CHECK(p.upper[i] == p.lower[i + 1]);
}

TEST_CASE("a longitude axis starting at 180 gets a seam bound across the date line", "[grid]") {
  // Centres 0, 1, ..., 359: 180..359 wrap to -180..-1; the first cell is [-180.5, -179.5].
  const auto p = plan_longitude(centres(0.0, 1.0, 360));
  CHECK(p.centres.front() == -180.0);
  CHECK(p.lower.front() == -180.5);
  CHECK(p.upper.back() == 179.5);
}

TEST_CASE("repeated or non-monotonic coordinates are refused with the index", "[grid]") {
  CHECK_THROWS_WITH(plan_latitude({0.0, 0.0, 0.0}), Catch::Contains("not strictly monotonic"));
  CHECK_THROWS_WITH(plan_longitude({0.0, 0.0}), Catch::Contains("repeat"));
  CHECK_THROWS_AS(plan_latitude({10.0, 91.0}), GridError);
  CHECK_THROWS_AS(plan_latitude({}), GridError);
}

TEST_CASE("cell areas of a global grid sum to the sphere's area", "[grid]") {
  const double r = 6371229.0;
  for (double res : {0.5, 1.0, 2.0}) {
    const int nlat = static_cast<int>(180 / res), nlon = static_cast<int>(360 / res);
    const auto lat = plan_latitude(centres(-90 + res / 2, res, nlat));
    const auto lon = plan_longitude(centres(-180 + res / 2, res, nlon));
    double sum = 0;
    for (double a : cell_areas(lat, lon, r)) sum += a;
    CHECK(std::fabs(sum / (4 * std::numbers::pi * r * r) - 1.0) < 1e-12);
  }
}

TEST_CASE("a file's own sane bounds replace midpoints, following flips and wraps", "[grid]") {
  // Gaussian-like uneven latitudes, descending, with the file's own bounds.
  const std::vector<double> lat{60.0, 20.0, -30.0};
  const std::vector<double> lat_bnds{90.0, 45.0, 45.0, -10.0, -10.0, -90.0};
  auto p = plan_latitude(lat);
  REQUIRE(adopt_source_bounds(p, lat, lat_bnds));
  CHECK(p.lower == std::vector<double>{-90.0, -10.0, 45.0});
  CHECK(p.upper == std::vector<double>{-10.0, 45.0, 90.0});

  // 0..360 longitudes: bounds move with their centre's wrap.
  const std::vector<double> lon{90.0, 270.0};
  const std::vector<double> lon_bnds{0.0, 180.0, 180.0, 360.0};
  auto q = plan_longitude(lon);
  REQUIRE(adopt_source_bounds(q, lon, lon_bnds));
  CHECK(q.centres == std::vector<double>{-90.0, 90.0});
  CHECK(q.lower == std::vector<double>{-180.0, 0.0});
  CHECK(q.upper == std::vector<double>{0.0, 180.0});
}

TEST_CASE("bounds that do not bracket their centre or do not meet are refused", "[grid]") {
  const std::vector<double> lat{-45.0, 45.0};
  auto p = plan_latitude(lat);
  const auto before = p.lower;
  CHECK_FALSE(adopt_source_bounds(p, lat, {-90.0, -40.0, 0.0, 90.0}));  // cells do not meet
  CHECK_FALSE(adopt_source_bounds(p, lat, {0.0, 10.0, 10.0, 90.0}));   // -45 not inside [0, 10]
  CHECK_FALSE(adopt_source_bounds(p, lat, {-90.0, 0.0}));              // wrong size
  CHECK(p.lower == before);
}

TEST_CASE("Gaussian latitudes get midpoint bounds clipped at the poles and full-sphere areas", "[grid]") {
  // T63: the 96 roots of the Legendre polynomial P_96 (Newton iteration).
  const int n = 96;
  std::vector<double> lat;
  for (int k = 0; k < n; ++k) {
    double x = std::cos(std::numbers::pi * (k + 0.75) / (n + 0.5));
    for (int it = 0; it < 50; ++it) {
      double p0 = 1.0, p1 = x;
      for (int l = 2; l <= n; ++l) {
        const double p2 = ((2.0 * l - 1.0) * x * p1 - (l - 1.0) * p0) / l;
        p0 = p1;
        p1 = p2;
      }
      const double dp = n * (x * p1 - p0) / (x * x - 1.0);
      x -= p1 / dp;
    }
    lat.push_back(std::asin(x) * 180.0 / std::numbers::pi);  // north to south
  }
  const auto p = plan_latitude(lat);
  CHECK(p.source_index.front() == 95);
  CHECK(p.lower.front() == -90.0);
  CHECK(p.upper.back() == 90.0);
  for (std::size_t j = 0; j < p.size(); ++j) {
    CHECK(p.lower[j] < p.centres[j]);
    CHECK(p.centres[j] < p.upper[j]);
  }
  const auto lon = plan_longitude(centres(0.0, 1.875, 192));
  const double r = 6371229.0;
  double sum = 0;
  for (double a : cell_areas(p, lon, r)) sum += a;
  CHECK(std::fabs(sum / (4 * std::numbers::pi * r * r) - 1.0) < 1e-12);
}
