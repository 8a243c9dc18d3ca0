#include "trendy_ilamb/pipeline/slab_transform.hpp"

#include <cmath>

#include "pipeline/value_kernel.hpp"

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

// Runs of consecutive source offsets (stride 1) in lon_offset, or none when
// any step between neighbours is not +1 within a run of at least two.
std::vector<LonRun> contiguous_runs(const std::vector<std::size_t>& lon_offset, std::size_t lon_stride) {
  std::vector<LonRun> runs;
  if (lon_stride != 1) return runs;
  for (std::size_t i = 0; i < lon_offset.size(); ++i) {
    if (!runs.empty() && runs.back().src + runs.back().len == lon_offset[i]) {
      ++runs.back().len;
    } else {
      runs.push_back({i, lon_offset[i], 1});
    }
  }
  return runs;
}

// Index-map loop for any layout (extra dimensions summed, longitude not the
// fastest dimension, many declared fill values).
template <class T>
void transform_general(const SlabLayout& l, const ValueTransform& vt, const T* src, std::size_t nt,
                       const std::vector<double>& step_scale, float* out) {
  const std::size_t nlat = l.lat_offset.size();
  const std::size_t nlon = l.lon_offset.size();
  const std::size_t nextra = l.mode == ExtraMode::Keep ? l.extra_offset.size() : 1;
  for (std::size_t t = 0; t < nt; ++t) {
    const double scale = step_scale[t];
    const T* step = src + t * l.time_stride;
    for (std::size_t e = 0; e < nextra; ++e) {
      for (std::size_t j = 0; j < nlat; ++j) {
        const T* row = step + l.lat_offset[j];
        for (std::size_t i = 0; i < nlon; ++i) {
          const T* cell = row + l.lon_offset[i];
          double acc = 0.0;
          bool any = false;
          if (l.mode == ExtraMode::Sum) {
            for (std::size_t off : l.extra_offset) {
              const double x = static_cast<double>(cell[off]);
              if (vt.fill.is_missing(x)) continue;
              acc += x * vt.pack_scale + vt.pack_offset;
              any = true;
            }
          } else {
            const double x = static_cast<double>(cell[l.extra_offset[e]]);
            any = !vt.fill.is_missing(x);
            acc = x * vt.pack_scale + vt.pack_offset;
          }
          *out++ = any ? finish(acc * scale + vt.offset) : cf::kOutputFill;
        }
      }
    }
  }
}

// Contiguous longitude runs, one value per output cell (no sum).
template <class T>
void transform_runs(const SlabLayout& l, const detail::ValueKernel& k, const T* src, std::size_t nt,
                    const std::vector<double>& step_scale, float* out) {
  const std::size_t nlat = l.lat_offset.size();
  const std::size_t nlon = l.lon_offset.size();
  const std::size_t nextra = l.mode == ExtraMode::Keep ? l.extra_offset.size() : 1;
  for (std::size_t t = 0; t < nt; ++t) {
    const T* step = src + t * l.time_stride;
    for (std::size_t e = 0; e < nextra; ++e) {
      for (std::size_t j = 0; j < nlat; ++j) {
        const T* row = step + l.lat_offset[j] + l.extra_offset[e];
        for (const auto& r : l.lon_runs) k.run(row + r.src, r.len, step_scale[t], out + r.out);
        out += nlon;
      }
    }
  }
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
  l.lon_runs = contiguous_runs(l.lon_offset, stride[lon]);
  return l;
}

template <class T>
void transform_slab(const SlabLayout& l, const ValueTransform& vt, const T* src, std::size_t nt,
                    const std::vector<double>& step_scale, float* out) {
  if (l.mode != ExtraMode::Sum && !l.lon_runs.empty()) {
    if (const auto kernel = detail::ValueKernel::make(vt)) {
      transform_runs(l, *kernel, src, nt, step_scale, out);
      return;
    }
  }
  transform_general(l, vt, src, nt, step_scale, out);
}

template void transform_slab<float>(const SlabLayout&, const ValueTransform&, const float*, std::size_t,
                                    const std::vector<double>&, float*);
template void transform_slab<double>(const SlabLayout&, const ValueTransform&, const double*, std::size_t,
                                     const std::vector<double>&, float*);

}  // namespace ti::pipeline
