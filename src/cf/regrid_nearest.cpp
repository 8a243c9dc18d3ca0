// Nearest-neighbour weights: each destination centre takes the source centre
// nearest on the sphere (haversine distance).
//
// On a rectilinear grid the nearest point of one source row is the one with
// the smallest longitude difference (distance grows with |dlon| along a
// latitude circle), so the best column per destination longitude is computed
// once. Rows are then searched outward from the destination latitude and the
// search stops once the meridional distance alone exceeds the best found.
// Exact ties go to the smaller source index (southern row, then western
// column). Destination centres outside the source's cells (point_lat_range
// in latitude) get no source.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "cf/regrid_internal.hpp"

namespace ti::cf::detail {

namespace {

constexpr double kRad = std::numbers::pi / 180.0;

double half_sin_sq(double deg) {
  const double s = std::sin(0.5 * deg * kRad);
  return s * s;
}

struct Column {
  std::size_t index = 0;
  double hav_lon = 0.0;  // sin^2(dlon / 2)
};

// Nearest source column by angular longitude difference (wrapping), ties to
// the smaller index. Candidates: the neighbours of the sorted position and
// the two ends (which meet across the seam).
Column nearest_column(const AxisPlan& lon, double x) {
  const auto& c = lon.centres;
  const auto pos = static_cast<std::size_t>(std::lower_bound(c.begin(), c.end(), x) - c.begin());
  Column best{0, 2.0};
  for (std::size_t m : {std::size_t{0}, pos == 0 ? 0 : pos - 1, std::min(pos, c.size() - 1), c.size() - 1}) {
    const double h = half_sin_sq(signed_lon_diff(x, c[m]));
    if (h < best.hav_lon || (h == best.hav_lon && m < best.index)) best = {m, h};
  }
  return best;
}

bool within(const AxisPlan& a, double x) { return x >= a.lower.front() && x <= a.upper.back(); }
bool within(LatRange r, double x) { return x >= r.lo && x <= r.hi; }

// The nearest source cell to (phi, column), searching rows outward from
// `start` while the meridional distance can still beat the best.
std::size_t nearest_cell(const LatLonGrid& src, const std::vector<double>& cos_lat, double phi,
                         const Column& col, std::size_t start) {
  const auto& lat = src.lat.centres;
  const double cos_phi = std::cos(phi * kRad);
  double best_h = 2.0;
  std::size_t best = 0;
  auto visit = [&](std::size_t k) {
    const double h = half_sin_sq(lat[k] - phi) + cos_phi * cos_lat[k] * col.hav_lon;
    const std::size_t cell = k * src.lon.size() + col.index;
    if (h < best_h || (h == best_h && cell < best)) {
      best_h = h;
      best = cell;
    }
  };
  for (std::size_t k = start; k < lat.size() && half_sin_sq(lat[k] - phi) <= best_h; ++k) visit(k);
  for (std::size_t k = start; k-- > 0 && half_sin_sq(phi - lat[k]) <= best_h;) visit(k);
  return best;
}

}  // namespace

RegridWeights nearest_weights(const LatLonGrid& src, const LatLonGrid& dst) {
  const bool lon_global = is_global_longitude(src.lon);
  std::vector<Column> cols(dst.lon.size());
  for (std::size_t i = 0; i < cols.size(); ++i) cols[i] = nearest_column(src.lon, dst.lon.centres[i]);
  std::vector<double> cos_lat(src.lat.size());
  for (std::size_t k = 0; k < cos_lat.size(); ++k) cos_lat[k] = std::cos(src.lat.centres[k] * kRad);
  const auto& lat = src.lat.centres;
  const LatRange lat_range = point_lat_range(src.lat);
  RegridWeights w;
  RowBuilder out(w, RegridMethod::Nearest, src.size(), dst.size());
  w.col.reserve(dst.size());
  w.weight.reserve(dst.size());
  for (double phi : dst.lat.centres) {
    const auto start = static_cast<std::size_t>(std::lower_bound(lat.begin(), lat.end(), phi) - lat.begin());
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const bool inside = within(lat_range, phi) && (lon_global || within(src.lon, dst.lon.centres[i]));
      if (inside) out.add(nearest_cell(src, cos_lat, phi, cols[i], std::min(start, lat.size() - 1)), 1.0);
      out.end_row();
    }
  }
  return w;
}

}  // namespace ti::cf::detail
