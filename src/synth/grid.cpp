// Cell centres of each profile's grid in its conventions.
#include "trendy_ilamb/synth/grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace ti::synth {
namespace {

// Centres of n cells of width res starting at `first_edge`, computed from
// the index (not accumulated) so they are exact at common resolutions;
// `offset` is where in its cell a centre sits (0.5: the middle, 0: the edge).
std::vector<double> centres(double first_edge, double res, std::size_t n, double offset = 0.5) {
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = first_edge + (static_cast<double>(i) + offset) * res;
  }
  return out;
}

// How many `step`s make `span`; throws unless a whole number.
std::size_t whole_count(double span, double step, const char* what) {
  const double n = step > 0.0 ? span / step : 0.0;
  if (!(n >= 1.0) || std::fabs(n - std::round(n)) > 1e-9 * n) {
    throw std::invalid_argument(
        fmt::format("{} step {} degrees does not divide {} degrees into whole cells", what, step,
                    span));
  }
  return static_cast<std::size_t>(std::lround(n));
}

double step_or_res(double step, double res) {
  if (step > 0.0) return step;
  if (!valid_resolution(res)) {
    throw std::invalid_argument(
        fmt::format("resolution {} degrees does not divide 180 into whole cells", res));
  }
  return res;
}

// P_n(x) and P_n'(x) by the three-term recurrence.
std::pair<double, double> legendre(int n, double x) {
  double p0 = 1.0, p1 = x;
  for (int k = 2; k <= n; ++k) {
    const double p2 = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  if (n == 0) return {1.0, 0.0};
  return {p1, n * (x * p1 - p0) / (x * x - 1.0)};
}

std::vector<double> latitudes(const GridSpec& spec, double res) {
  switch (spec.lat_layout) {
    case LatLayout::Cells: {
      const double step = step_or_res(spec.lat_step, res);
      if (!(spec.lat_south >= -90.0 && spec.lat_north <= 90.0 && spec.lat_south < spec.lat_north))
        throw std::invalid_argument("latitude extent must lie within -90..90");
      return centres(spec.lat_south, step, whole_count(spec.lat_north - spec.lat_south, step,
                                                       "latitude"));
    }
    case LatLayout::PoleCentred: {
      if (spec.lat_count < 2) throw std::invalid_argument("a pole-centred grid needs 2+ rows");
      const auto n = static_cast<std::size_t>(spec.lat_count);
      std::vector<double> out(n);
      // -90 + 180 j / gaps, as 90 (2 j - gaps) / gaps: an exact integer over
      // gaps, so the rows are exactly antisymmetric and the ends exactly +-90.
      const double gaps = static_cast<double>(n - 1);
      for (std::size_t j = 0; j < n; ++j) {
        out[j] = 90.0 * (2.0 * static_cast<double>(j) - gaps) / gaps;
      }
      return out;
    }
    case LatLayout::Gaussian:
      return gaussian_latitudes(spec.lat_count);
  }
  throw std::invalid_argument("unknown latitude layout");
}

}  // namespace

bool valid_resolution(double res) {
  if (!(res > 0.0) || res > 90.0) return false;
  const double n = 180.0 / res;
  return std::fabs(n - std::round(n)) < 1e-9 * n;
}

std::vector<double> gaussian_latitudes(int n) {
  if (n < 1) throw std::invalid_argument("Gaussian grids need at least one latitude");
  const auto count = static_cast<std::size_t>(n);
  std::vector<double> out(count);
  // Root k (1-based, from x = 1 downwards) of P_n, from the classic first
  // guess cos(pi (k - 1/4) / (n + 1/2)); the northern half, mirrored.
  for (std::size_t k = 1; k <= (count + 1) / 2; ++k) {
    double x = std::cos(std::numbers::pi * (static_cast<double>(k) - 0.25) / (n + 0.5));
    for (int iter = 0; iter < 100; ++iter) {
      const auto [p, dp] = legendre(n, x);
      const double dx = p / dp;
      x -= dx;
      if (std::fabs(dx) < 1e-15) break;  // quadratic: the next error is ~1e-30
    }
    const double lat = std::asin(x) * 180.0 / std::numbers::pi;
    out[count - k] = lat;
    out[k - 1] = -lat;
  }
  if (count % 2 == 1) out[count / 2] = 0.0;  // the equator when n is odd
  return out;
}

Grid make_grid(const GridSpec& spec, double res) {
  Grid g;
  g.lat = latitudes(spec, res);
  if (spec.lat_descending) std::reverse(g.lat.begin(), g.lat.end());
  const double lon_step = step_or_res(spec.lon_step, res);
  const double west = spec.lon_range == LonRange::Zero360 ? 0.0 : -180.0;
  g.lon = centres(west, lon_step, whole_count(360.0, lon_step, "longitude"),
                  spec.lon_on_edges ? 0.0 : 0.5);
  return g;
}

}  // namespace ti::synth
