// First-order conservative weights between rectilinear lat/lon grids.
//
// A lat/lon cell is bounded by two meridians and two latitude circles, so the
// spherical overlap of two cells is separable:
//   area = R^2 * (longitude overlap in radians) * (sin-latitude overlap)
// and weight = overlap / destination area = fx * fy with
//   fx = longitude overlap / destination width,
//   fy = sin-latitude overlap / destination sin-latitude height.
// Both axes are ascending, so the overlaps of each axis are found by a sweep;
// the weights of a row are the products of its two overlap lists.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "cf/regrid_internal.hpp"

namespace ti::cf::detail {

namespace {

struct Overlap {
  std::size_t src;
  double fraction;  // of the destination interval
};
using OverlapLists = std::vector<std::vector<Overlap>>;

double sin_deg(double deg) { return std::sin(deg * std::numbers::pi / 180.0); }

// Latitude: two-pointer sweep over ascending bands, overlap measured in
// sin(latitude) so that fractions are fractions of area.
OverlapLists latitude_overlaps(const AxisPlan& src, const AxisPlan& dst) {
  OverlapLists out(dst.size());
  std::size_t k0 = 0;
  for (std::size_t j = 0; j < dst.size(); ++j) {
    const double lo = dst.lower[j];
    const double hi = dst.upper[j];
    const double height = sin_deg(hi) - sin_deg(lo);
    while (k0 < src.size() && src.upper[k0] <= lo) ++k0;  // bands wholly below
    for (std::size_t k = k0; k < src.size() && src.lower[k] < hi; ++k) {
      const double a = std::max(lo, src.lower[k]);
      const double b = std::min(hi, src.upper[k]);
      if (b > a && height > 0.0) out[j].push_back({k, (sin_deg(b) - sin_deg(a)) / height});
    }
  }
  return out;
}

// Longitude overlaps of one destination cell with the source cells shifted
// by `shift` degrees (0, or +-360 across the seam). Source bounds ascend, so
// a binary search finds the first candidate.
void add_longitude_overlaps(const AxisPlan& src, double lo, double hi, double shift,
                            std::vector<Overlap>& out) {
  const double width = hi - lo;
  auto first = std::upper_bound(src.upper.begin(), src.upper.end(), lo - shift);
  for (auto m = static_cast<std::size_t>(first - src.upper.begin());
       m < src.size() && src.lower[m] + shift < hi; ++m) {
    const double a = std::max(lo, src.lower[m] + shift);
    const double b = std::min(hi, src.upper[m] + shift);
    if (b > a) out.push_back({m, (b - a) / width});
  }
}

// Longitude: a source cell may overlap a destination cell directly or after
// a shift of +-360 (seam at +-180, or bounds just beyond it such as -180.25).
OverlapLists longitude_overlaps(const AxisPlan& src, const AxisPlan& dst) {
  OverlapLists out(dst.size());
  for (std::size_t i = 0; i < dst.size(); ++i) {
    if (!(dst.upper[i] > dst.lower[i])) continue;
    for (double shift : {-360.0, 0.0, 360.0}) {
      add_longitude_overlaps(src, dst.lower[i], dst.upper[i], shift, out[i]);
    }
    // Ascending source columns: better locality in apply_weights.
    std::sort(out[i].begin(), out[i].end(), [](const Overlap& a, const Overlap& b) { return a.src < b.src; });
  }
  return out;
}

}  // namespace

RegridWeights conservative_weights(const LatLonGrid& src, const LatLonGrid& dst) {
  const OverlapLists fy = latitude_overlaps(src.lat, dst.lat);
  const OverlapLists fx = longitude_overlaps(src.lon, dst.lon);
  const std::size_t nlon_src = src.lon.size();
  RegridWeights w;
  RowBuilder rows(w, RegridMethod::Conservative, src.size(), dst.size());
  std::size_t total = 0;
  for (const auto& y : fy) total += y.size();
  std::size_t per_lon = 0;
  for (const auto& x : fx) per_lon += x.size();
  w.col.reserve(total * per_lon);
  w.weight.reserve(total * per_lon);
  for (std::size_t j = 0; j < dst.lat.size(); ++j) {
    for (std::size_t i = 0; i < dst.lon.size(); ++i) {
      for (const Overlap& y : fy[j]) {
        for (const Overlap& x : fx[i]) rows.add(y.src * nlon_src + x.src, y.fraction * x.fraction);
      }
      rows.end_row();
    }
  }
  return w;
}

}  // namespace ti::cf::detail
