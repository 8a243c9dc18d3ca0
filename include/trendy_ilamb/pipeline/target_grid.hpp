#pragma once
// The target grid of `regrid: {grid: ...}`: "<dlon>x<dlat>" (a global grid
// with edges on multiples of the steps) or a NetCDF file holding 1-D
// latitude and longitude coordinates (and their bounds, used when sane).
#include <string>

#include "trendy_ilamb/cf/regrid.hpp"

namespace ti::pipeline {

// Throws cf::GridError or io::NcError with the spec or file named.
cf::LatLonGrid load_target_grid(const std::string& spec);

}  // namespace ti::pipeline
