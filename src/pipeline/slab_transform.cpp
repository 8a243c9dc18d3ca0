#include "trendy_ilamb/pipeline/slab_transform.hpp"

#include <cmath>

namespace ti::pipeline {

std::size_t SlabLayout::out_values_per_step() const {
  const std::size_t map = lat_offset.size() * lon_offset.size();
  return mode == ExtraMode::Keep ? map * extra_offset.size() : map;
}

namespace {

std::vector<std::size_t> c_order_strides(const std::vector<std::size_t>& len) {
  std::vector<std::size_t> stride(len.size(), 1);
  for (std::size_t d = len.size(); d-- > 1;) stride[d - 1] = stride[d] * len[d];
  return stride;
}

// Offsets of every combination of the extra dimensions, first extra slowest.
std::vector<std::size_t> extra_offsets(const std::vector<std::size_t>& len,
                                       const std::vector<std::size_t>& stride,
                                       const std::vector<std::size_t>& extras) {
  std::vector<std::size_t> out{0};
  for (std::size_t d : extras) {
    std::vector<std::size_t> next;
    for (std::size_t base : out) {
      for (std::size_t k = 0; k < len[d]; ++k) next.push_back(base + k * stride[d]);
    }
    out = std::move(next);
  }
  return out;
}

float finish(double y) {
  if (!std::isfinite(y) || std::fabs(y) >= cf::kHugeThreshold) return cf::kOutputFill;
  return static_cast<float>(y);
}

}  // namespace

SlabLayout make_layout(const std::vector<std::size_t>& dims_len, std::size_t time,
                       std::size_t lat, std::size_t lon, const std::vector<std::size_t>& extras,
                       const std::vector<std::size_t>& lat_src,
                       const std::vector<std::size_t>& lon_src, ExtraMode mode) {
  const auto stride = c_order_strides(dims_len);
  SlabLayout l;
  l.time_stride = stride[time];
  for (std::size_t j : lat_src) l.lat_offset.push_back(j * stride[lat]);
  for (std::size_t i : lon_src) l.lon_offset.push_back(i * stride[lon]);
  l.extra_offset = extra_offsets(dims_len, stride, extras);
  l.mode = extras.empty() ? ExtraMode::None : mode;
  return l;
}

void transform_slab(const SlabLayout& l, const ValueTransform& vt, const double* src,
                    std::size_t nt, const std::vector<double>& step_scale, float* out) {
  const std::size_t nlat = l.lat_offset.size();
  const std::size_t nlon = l.lon_offset.size();
  const std::size_t nextra = l.mode == ExtraMode::Keep ? l.extra_offset.size() : 1;
  for (std::size_t t = 0; t < nt; ++t) {
    const double scale = step_scale[t];
    const double* step = src + t * l.time_stride;
    for (std::size_t e = 0; e < nextra; ++e) {
      for (std::size_t j = 0; j < nlat; ++j) {
        const double* row = step + l.lat_offset[j];
        for (std::size_t i = 0; i < nlon; ++i) {
          const double* cell = row + l.lon_offset[i];
          double acc = 0.0;
          bool any = false;
          if (l.mode == ExtraMode::Sum) {
            for (std::size_t off : l.extra_offset) {
              const double x = cell[off];
              if (vt.fill.is_missing(x)) continue;
              acc += x * vt.pack_scale + vt.pack_offset;
              any = true;
            }
          } else {
            const double x = cell[l.extra_offset[e]];
            any = !vt.fill.is_missing(x);
            acc = x * vt.pack_scale + vt.pack_offset;
          }
          *out++ = any ? finish(acc * scale + vt.offset) : cf::kOutputFill;
        }
      }
    }
  }
}

}  // namespace ti::pipeline
