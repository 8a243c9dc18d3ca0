// Cell centres of regular global grids in each profile's conventions.
#include "trendy_ilamb/synth/grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ti::synth {
namespace {

// Centres of n cells of width res starting at `first_edge`, computed from
// the index (not accumulated) so they are exact at common resolutions.
std::vector<double> centres(double first_edge, double res, std::size_t n) {
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = first_edge + (static_cast<double>(i) + 0.5) * res;
  return out;
}

}  // namespace

bool valid_resolution(double res) {
  if (!(res > 0.0) || res > 90.0) return false;
  const double n = 180.0 / res;
  return std::fabs(n - std::round(n)) < 1e-9 * n;
}

Grid make_grid(const GridSpec& spec, double res) {
  if (!valid_resolution(res)) {
    throw std::invalid_argument(
        fmt::format("resolution {} degrees does not divide 180 into whole cells", res));
  }
  const auto nlat = static_cast<std::size_t>(std::lround(180.0 / res));
  Grid g;
  g.lat = centres(-90.0, res, nlat);
  if (spec.lat_descending) std::reverse(g.lat.begin(), g.lat.end());
  const double west = spec.lon_range == LonRange::Zero360 ? 0.0 : -180.0;
  g.lon = centres(west, res, 2 * nlat);
  return g;
}

}  // namespace ti::synth
