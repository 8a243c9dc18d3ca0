#include "regrid_stage.hpp"

namespace ti::pipeline {

const cf::RegridWeights& cached_weights(const cf::LatLonGrid& native, const cf::LatLonGrid& target,
                                        cf::RegridMethod method) {
  static cf::WeightCache cache;  // one rank = one process = one thread
  return cache.get(native, target, method);
}

void regrid_maps(const cf::RegridWeights& w, const float* in, std::size_t nmaps, float* out) {
  for (std::size_t m = 0; m < nmaps; ++m) cf::apply_weights(w, in + m * w.n_src, out + m * w.n_dst);
}

}  // namespace ti::pipeline
