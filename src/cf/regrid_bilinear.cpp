// Bilinear weights between rectilinear lat/lon grids, linear in degrees along
// each axis between the two bracketing source centres. Like conservative
// weights they are separable: each destination latitude gets one bracket of
// source rows, each destination longitude one bracket of source columns, and
// a cell's four weights are the products.
//
// Outside the range of source centres (polar caps of a global source, the
// half cell at the edges of a regional one) the nearest row/column is used
// alone (clamped), as long as the destination centre lies within the source
// cells (point_lat_range: a Gaussian axis reaches the poles); beyond them the
// destination is left empty (fill).
// CDO remapbil instead falls back to an inverse-distance average of the four
// nearest source points there; see test/cdo/cdo_agreement.cpp.
#include <algorithm>
#include <cmath>

#include "cf/regrid_internal.hpp"

namespace ti::cf::detail {

namespace {

struct Bracket {
  bool inside = false;  // false: no source along this axis
  std::size_t a = 0, b = 0;
  double wa = 1.0, wb = 0.0;
};

Bracket clamped(std::size_t k) { return {true, k, k, 1.0, 0.0}; }

Bracket between(std::size_t a, std::size_t b, double left, double right, double x) {
  const double t = (x - left) / (right - left);
  return {true, a, b, 1.0 - t, t};
}

// A non-periodic axis: interpolate between centres, clamp between the outer
// centres and the edges [lo, hi], nothing beyond.
Bracket open_bracket(const AxisPlan& axis, double lo, double hi, double x) {
  const auto& c = axis.centres;
  const std::size_t n = c.size();
  if (x < lo || x > hi) return {};
  if (x <= c.front()) return clamped(0);
  if (x >= c.back()) return clamped(n - 1);
  const auto k = static_cast<std::size_t>(std::upper_bound(c.begin(), c.end(), x) - c.begin()) - 1;
  return between(k, k + 1, c[k], c[k + 1], x);
}

// A global longitude axis: the last and first centres bracket the seam.
Bracket periodic_bracket(const AxisPlan& axis, double x) {
  const auto& c = axis.centres;
  const std::size_t n = c.size();
  if (x < c.front() || x >= c.back()) {
    const double xs = x < c.front() ? x + 360.0 : x;
    return between(n - 1, 0, c.back(), c.front() + 360.0, xs);
  }
  const auto k = static_cast<std::size_t>(std::upper_bound(c.begin(), c.end(), x) - c.begin()) - 1;
  return between(k, k + 1, c[k], c[k + 1], x);
}

}  // namespace

RegridWeights bilinear_weights(const LatLonGrid& src, const LatLonGrid& dst) {
  std::vector<Bracket> rows(dst.lat.size());
  std::vector<Bracket> cols(dst.lon.size());
  const LatRange lat_range = point_lat_range(src.lat);
  for (std::size_t j = 0; j < rows.size(); ++j) {
    rows[j] = open_bracket(src.lat, lat_range.lo, lat_range.hi, dst.lat.centres[j]);
  }
  const bool periodic = is_global_longitude(src.lon);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const double x = dst.lon.centres[i];
    cols[i] = periodic ? periodic_bracket(src.lon, x) : open_bracket(src.lon, src.lon.lower.front(), src.lon.upper.back(), x);
  }
  const std::size_t nlon_src = src.lon.size();
  RegridWeights w;
  RowBuilder out(w, RegridMethod::Bilinear, src.size(), dst.size());
  w.col.reserve(4 * dst.size());
  w.weight.reserve(4 * dst.size());
  for (const Bracket& r : rows) {
    for (const Bracket& c : cols) {
      if (r.inside && c.inside) {
        out.add(r.a * nlon_src + c.a, r.wa * c.wa);
        out.add(r.a * nlon_src + c.b, r.wa * c.wb);
        out.add(r.b * nlon_src + c.a, r.wb * c.wa);
        out.add(r.b * nlon_src + c.b, r.wb * c.wb);
      }
      out.end_row();
    }
  }
  return w;
}

}  // namespace ti::cf::detail
