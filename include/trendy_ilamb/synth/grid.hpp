#pragma once
// Cell centres of a profile's global regular grid, in the profile's order
// and longitude convention.
#include <vector>

#include "trendy_ilamb/synth/profile.hpp"

namespace ti::synth {

struct Grid {
  std::vector<double> lat;  // in file order (descending when the profile says so)
  std::vector<double> lon;  // in file order, within the profile's range
};

// Whether `res` degrees tiles the globe: positive and 180/res a whole number.
bool valid_resolution(double res);

// Throws std::invalid_argument for a resolution valid_resolution rejects.
Grid make_grid(const GridSpec& spec, double res);

}  // namespace ti::synth
