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
