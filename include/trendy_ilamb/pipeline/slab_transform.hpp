#pragma once
// The fused per-value pass over one slab of time steps: fill -> unpack ->
// unit conversion -> reorder to (time, [extra], lat, lon) -> latitude flip /
// longitude roll -> extra-dimension rule. Index maps are computed once per
// task, so the inner loop is additions and one multiply-add per value; where
// longitudes lie contiguous in the source (the usual case, one or two runs
// after a roll) the loop runs over each run without an index map and
// without branches, so the compiler can vectorise it.
#include <cstddef>
#include <vector>

#include "trendy_ilamb/cf/fill.hpp"
#include "trendy_ilamb/cf/units.hpp"

namespace ti::pipeline {

enum class ExtraMode {
  None,  // the variable has no extra dimensions
  Sum,   // sum over every extra dimension (missing only where all are missing)
  Keep,  // keep the (single) extra dimension as an output dimension
};

// Output longitudes [out, out + len) come from source offsets
// [src, src + len) of a row (longitude the fastest source dimension).
struct LonRun {
  std::size_t out = 0;
  std::size_t src = 0;
  std::size_t len = 0;
};

struct SlabLayout {
  // Source strides (elements) for one time step and for each output index.
  std::size_t time_stride = 0;
  std::vector<std::size_t> lat_offset;    // per output latitude
  std::vector<std::size_t> lon_offset;    // per output longitude
  std::vector<std::size_t> extra_offset;  // per extra multi-index (source order)
  ExtraMode mode = ExtraMode::None;
  // lon_offset as contiguous runs; empty when longitude is not the fastest
  // source dimension (then the index map is used).
  std::vector<LonRun> lon_runs;

  std::size_t out_values_per_step() const;
};

// dims_len: the variable's dimension lengths in its own order with the time
// dimension's length replaced by the slab length; time/lat/lon: their dim
// indices; extras: the other dim indices; lat_src/lon_src: source index of
// each output latitude/longitude (AxisPlan::source_index).
SlabLayout make_layout(const std::vector<std::size_t>& dims_len, std::size_t time,
                       std::size_t lat, std::size_t lon, const std::vector<std::size_t>& extras,
                       const std::vector<std::size_t>& lat_src,
                       const std::vector<std::size_t>& lon_src, ExtraMode mode);

struct ValueTransform {
  cf::FillRule fill;
  double pack_scale = 1.0;   // scale_factor
  double pack_offset = 0.0;  // add_offset
  double offset = 0.0;       // unit conversion offset (after scaling)
};

// Transforms `nt` steps of `src` into `out` (float, output fill 1e20).
// step_scale[t]: the unit conversion factor of step t (it differs per step
// only for per-month/per-year rates). `src` is the input as stored (float)
// or as netCDF converts it (double); the arithmetic is double either way,
// so both give the same bits for float data.
template <class T>
void transform_slab(const SlabLayout& layout, const ValueTransform& vt, const T* src,
                    std::size_t nt, const std::vector<double>& step_scale, float* out);

extern template void transform_slab<float>(const SlabLayout&, const ValueTransform&, const float*,
                                           std::size_t, const std::vector<double>&, float*);
extern template void transform_slab<double>(const SlabLayout&, const ValueTransform&, const double*,
                                            std::size_t, const std::vector<double>&, float*);

}  // namespace ti::pipeline
