#pragma once
// Rectilinear lat/lon grids made clean for the output contract (pure):
// latitudes ascending, longitudes ascending within [-180, 180), bounds on every
// axis, cell areas on the sphere.
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace ti::cf {

class GridError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How one output axis is taken from the source axis: output i holds source
// element source_index[i]. Flips and rolls are both just permutations.
struct AxisPlan {
  std::vector<double> centres;
  std::vector<double> lower;
  std::vector<double> upper;
  std::vector<std::size_t> source_index;

  std::size_t size() const { return centres.size(); }
  bool is_identity() const;
};

// Latitudes strictly monotonic (either direction), within [-90, 90]; bounds
// at midpoints, outer bounds half a cell out and clipped to +-90.
// Throws GridError (what is wrong, at which index) otherwise.
AxisPlan plan_latitude(const std::vector<double>& source);

// Longitudes in any range (-180..180, 0..360, offset by half a cell) wrapped
// into [-180, 180) and sorted; must be distinct after wrapping. Bounds at
// midpoints (across the seam for a global axis).
AxisPlan plan_longitude(const std::vector<double>& source);

// Takes the file's own cell bounds (pairs per SOURCE index, either order)
// instead of midpoints, when they are sane: every cell's bounds bracket its
// centre and neighbouring cells meet. Longitude bounds follow their centre's
// wrap. Returns false, leaving the plan unchanged, otherwise.
bool adopt_source_bounds(AxisPlan& plan, const std::vector<double>& source_centres,
                         const std::vector<double>& source_bounds);

// Same number of cells with centres within `tolerance` degrees.
bool same_centres(const AxisPlan& a, const AxisPlan& b, double tolerance = 1e-6);

// Cell areas in m2, lat-major (nlat x nlon): R^2 * dlon * (sin(lat2) - sin(lat1)).
std::vector<double> cell_areas(const AxisPlan& lat, const AxisPlan& lon, double radius);

}  // namespace ti::cf
