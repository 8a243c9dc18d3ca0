#pragma once
// Shared between the regrid_*.cpp files (not installed): one weight builder
// per method, and the small geometry helpers they share.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "trendy_ilamb/cf/regrid.hpp"

namespace ti::cf::detail {

// Appends one destination row at a time to a RegridWeights under
// construction, dropping zero weights (they would only make a fill source
// "count" in apply_weights without contributing).
class RowBuilder {
 public:
  RowBuilder(RegridWeights& w, RegridMethod method, std::size_t n_src, std::size_t n_dst);
  void add(std::size_t src_cell, double weight);
  void end_row() { w_.row_start.push_back(w_.col.size()); }

 private:
  RegridWeights& w_;
};

// True when the longitude cells tile the full circle (so interpolation and
// overlaps wrap around the seam).
bool is_global_longitude(const AxisPlan& lon);

// Latitude range a point method (bilinear, nearest) serves: the source's
// bounds, except that an outer bound within one outer-cell height of a pole
// is taken to reach it. Midpoint bounds of a Gaussian axis stop short of the
// poles (T63: +-89.497) and the polar rows of a 1x1 target would otherwise
// be left empty; a regional source (e.g. from -60) keeps its edge.
struct LatRange {
  double lo, hi;
};
LatRange point_lat_range(const AxisPlan& lat);

// Shortest signed angle a - b in (-180, 180].
double signed_lon_diff(double a, double b);

RegridWeights conservative_weights(const LatLonGrid& src, const LatLonGrid& dst);
RegridWeights bilinear_weights(const LatLonGrid& src, const LatLonGrid& dst);
RegridWeights nearest_weights(const LatLonGrid& src, const LatLonGrid& dst);

}  // namespace ti::cf::detail
