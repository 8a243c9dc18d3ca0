#pragma once
// Regridding between clean rectilinear lat/lon grids (pure, no I/O).
// Grids are AxisPlans with ascending centres and bounds; fields are lat-major
// (nlat x nlon) float maps with kOutputFill for missing values.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trendy_ilamb/cf/fill.hpp"
#include "trendy_ilamb/cf/grid.hpp"

namespace ti::cf {

enum class RegridMethod { Conservative, Bilinear, Nearest };

// "conservative" | "bilinear" | "nearest" (also CDO's "remapcon", "remapbil",
// "remapnn"); nullopt otherwise.
std::optional<RegridMethod> parse_regrid_method(std::string_view text);
std::string_view method_name(RegridMethod m);

struct LatLonGrid {
  AxisPlan lat;
  AxisPlan lon;
  std::size_t size() const { return lat.size() * lon.size(); }
};

// A global grid whose cell edges lie on multiples of dlon (from -180) and
// dlat (from -90): "1x1" has centres -179.5..179.5 and -89.5..89.5.
// Throws GridError unless 360/dlon and 180/dlat are whole numbers.
LatLonGrid global_grid(double dlon, double dlat);

// "<dlon>x<dlat>" as in the config (`regrid: {grid: "1x1"}`); throws GridError.
LatLonGrid parse_grid_spec(std::string_view spec);

// Sparse weights, one row per destination cell (CSR, lat-major indices).
struct RegridWeights {
  RegridMethod method = RegridMethod::Conservative;
  std::size_t n_src = 0;
  std::size_t n_dst = 0;
  std::vector<std::size_t> row_start;  // n_dst + 1
  std::vector<std::uint32_t> col;      // source cell (lat-major)
  std::vector<double> weight;
  std::size_t nonzeros() const { return col.size(); }
};

// Conservative: exact spherical overlap of lat/lon cells (separable into
// longitude overlap x sin(latitude) overlap), weight = overlap / dst area.
// Bilinear: in (lon, lat) between the four surrounding source centres
// (periodic in longitude for a global source). Nearest: the source centre
// nearest on the sphere.
RegridWeights build_weights(const LatLonGrid& src, const LatLonGrid& dst, RegridMethod method);

// dst = sum(w * src) / sum(w) over the valid (non-fill) sources of each
// destination cell; fill where none is valid. (Conservative: CDO remapcon's
// renormalisation by the valid overlap fraction.) O(nonzeros).
void apply_weights(const RegridWeights& w, const float* src, float* dst);

// Weights computed once per (source grid, target grid, method) and reused by
// every task of the rank.
class WeightCache {
 public:
  const RegridWeights& get(const LatLonGrid& src, const LatLonGrid& dst, RegridMethod method);
  std::size_t size() const { return cache_.size(); }

 private:
  std::map<std::string, std::unique_ptr<RegridWeights>> cache_;
};

}  // namespace ti::cf
