#pragma once
// Cell centres of a profile's grid, in the profile's order and longitude
// convention: regular global grids at the release's resolution, or a
// profile's own grid (regional, finite volume with pole points, Gaussian,
// longitudes on cell edges).
#include <vector>

#include "trendy_ilamb/synth/profile.hpp"

namespace ti::synth {

struct Grid {
  std::vector<double> lat;  // in file order (descending when the profile says so)
  std::vector<double> lon;  // in file order, within the profile's range
};

// Whether `res` degrees tiles the globe: positive and 180/res a whole number.
bool valid_resolution(double res);

// The n Gaussian latitudes in degrees, ascending (south to north): the
// arcsines of the roots of the Legendre polynomial P_n, found by Newton
// iteration; exactly antisymmetric (lat[n-1-j] == -lat[j]). n >= 1.
std::vector<double> gaussian_latitudes(int n);

// The profile's grid; `res` is used for a step the spec leaves at 0.
// Throws std::invalid_argument for a used resolution valid_resolution
// rejects, or a spec whose steps do not tile its extent.
Grid make_grid(const GridSpec& spec, double res);

}  // namespace ti::synth
