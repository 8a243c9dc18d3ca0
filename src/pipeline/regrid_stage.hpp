#pragma once
// The optional last stage: native clean maps -> the configured target grid.
// Weights come from one cache per rank (process), so tasks on the same
// native grid reuse them.
#include <cstddef>

#include "trendy_ilamb/cf/regrid.hpp"

namespace ti::pipeline {

const cf::RegridWeights& cached_weights(const cf::LatLonGrid& native, const cf::LatLonGrid& target,
                                        cf::RegridMethod method);

// Regrids `nmaps` consecutive lat-major maps.
void regrid_maps(const cf::RegridWeights& w, const float* in, std::size_t nmaps, float* out);

}  // namespace ti::pipeline
