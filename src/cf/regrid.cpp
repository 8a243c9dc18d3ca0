// Regridding entry points: target grids, method names, the weight cache and
// the hot loop that applies sparse weights. The weight builders live in
// regrid_conservative.cpp, regrid_bilinear.cpp and regrid_nearest.cpp.
#include "trendy_ilamb/cf/regrid.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "cf/regrid_internal.hpp"

namespace ti::cf {

namespace detail {

RowBuilder::RowBuilder(RegridWeights& w, RegridMethod method, std::size_t n_src, std::size_t n_dst)
    : w_(w) {
  if (n_src > std::numeric_limits<std::uint32_t>::max()) {
    throw GridError(fmt::format("source grid of {} cells is too large for 32-bit weight indices", n_src));
  }
  w_ = RegridWeights{};
  w_.method = method;
  w_.n_src = n_src;
  w_.n_dst = n_dst;
  w_.row_start.reserve(n_dst + 1);
  w_.row_start.push_back(0);
}

void RowBuilder::add(std::size_t src_cell, double weight) {
  if (weight == 0.0) return;
  w_.col.push_back(static_cast<std::uint32_t>(src_cell));
  w_.weight.push_back(weight);
}

bool is_global_longitude(const AxisPlan& lon) {
  if (lon.size() < 2) return false;
  const double span = lon.upper.back() - lon.lower.front();
  return std::fabs(span - 360.0) < 1e-6;
}

LatRange point_lat_range(const AxisPlan& lat) {
  LatRange r{lat.lower.front(), lat.upper.back()};
  if (r.lo - (lat.upper.front() - lat.lower.front()) <= -90.0) r.lo = -90.0;
  if (r.hi + (lat.upper.back() - lat.lower.back()) >= 90.0) r.hi = 90.0;
  return r;
}

double signed_lon_diff(double a, double b) {
  double d = std::fmod(a - b, 360.0);
  if (d > 180.0) d -= 360.0;
  if (d <= -180.0) d += 360.0;
  return d;
}

}  // namespace detail

std::optional<RegridMethod> parse_regrid_method(std::string_view text) {
  if (text == "conservative" || text == "remapcon") return RegridMethod::Conservative;
  if (text == "bilinear" || text == "remapbil") return RegridMethod::Bilinear;
  if (text == "nearest" || text == "remapnn") return RegridMethod::Nearest;
  return std::nullopt;
}

std::string_view method_name(RegridMethod m) {
  switch (m) {
    case RegridMethod::Conservative: return "conservative";
    case RegridMethod::Bilinear: return "bilinear";
    case RegridMethod::Nearest: return "nearest";
  }
  return "unknown";
}

namespace {

// Number of steps of `step` in `extent`, which must be whole (to 1e-9).
std::size_t whole_count(double extent, double step, const char* axis) {
  if (!std::isfinite(step) || step <= 0.0) {
    throw GridError(fmt::format("{} spacing must be a positive number of degrees, got {}", axis, step));
  }
  const double n = extent / step;
  const double rounded = std::round(n);
  if (rounded < 1.0 || std::fabs(n - rounded) > 1e-9 * rounded) {
    throw GridError(fmt::format("{} spacing {} does not divide {} degrees into whole cells", axis, step, extent));
  }
  return static_cast<std::size_t>(rounded);
}

// Edges at start + k*step (multiplied, not accumulated, so "1x1" edges are
// exact integers); centres halfway between.
AxisPlan regular_axis(double start, double step, std::size_t n) {
  AxisPlan p;
  for (std::size_t k = 0; k < n; ++k) {
    const double lo = start + step * static_cast<double>(k);
    const double hi = start + step * static_cast<double>(k + 1);
    p.lower.push_back(lo);
    p.upper.push_back(hi);
    p.centres.push_back(start + step * (static_cast<double>(k) + 0.5));
    p.source_index.push_back(k);
  }
  return p;
}

double parse_degrees(std::string_view text, std::string_view spec) {
  double v = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || ptr != end) {
    throw GridError(fmt::format("grid spec \"{}\": \"{}\" is not a number of degrees "
                                "(expected \"<dlon>x<dlat>\", e.g. \"1x1\" or \"0.5x0.5\")",
                                spec, text));
  }
  return v;
}

}  // namespace

LatLonGrid global_grid(double dlon, double dlat) {
  const std::size_t nlon = whole_count(360.0, dlon, "longitude");
  const std::size_t nlat = whole_count(180.0, dlat, "latitude");
  LatLonGrid g{regular_axis(-90.0, dlat, nlat), regular_axis(-180.0, dlon, nlon)};
  // Pin the outer edges: accumulated rounding must not leave a sliver.
  g.lat.lower.front() = -90.0;
  g.lat.upper.back() = 90.0;
  g.lon.lower.front() = -180.0;
  g.lon.upper.back() = 180.0;
  return g;
}

LatLonGrid parse_grid_spec(std::string_view spec) {
  const auto x = spec.find('x');
  if (x == std::string_view::npos || spec.find('x', x + 1) != std::string_view::npos) {
    throw GridError(fmt::format("grid spec \"{}\" is not of the form \"<dlon>x<dlat>\" "
                                "(e.g. \"1x1\", \"0.5x0.5\", \"1.25x0.9375\")", spec));
  }
  const double dlon = parse_degrees(spec.substr(0, x), spec);
  const double dlat = parse_degrees(spec.substr(x + 1), spec);
  try {
    return global_grid(dlon, dlat);
  } catch (const GridError& e) {
    throw GridError(fmt::format("grid spec \"{}\": {}", spec, e.what()));
  }
}

RegridWeights build_weights(const LatLonGrid& src, const LatLonGrid& dst, RegridMethod method) {
  if (src.size() == 0 || dst.size() == 0) throw GridError("cannot regrid from or to an empty grid");
  switch (method) {
    case RegridMethod::Conservative: return detail::conservative_weights(src, dst);
    case RegridMethod::Bilinear: return detail::bilinear_weights(src, dst);
    case RegridMethod::Nearest: return detail::nearest_weights(src, dst);
  }
  throw GridError("unknown regrid method");
}

// The hot loop: one pass over the CSR arrays, no allocation. A source is
// missing when it is NaN, +-inf or |x| >= 1e19 (the fill conventions that
// reach this point have already been mapped to kOutputFill); the test
// `!(|x| < threshold)` catches all of them in one comparison. The threshold
// is compared in float, the data's own precision: 1e19f is just below 1e19
// in double and must still count as missing.
void apply_weights(const RegridWeights& w, const float* src, float* dst) {
  constexpr float threshold = static_cast<float>(kHugeThreshold);
  const std::size_t* start = w.row_start.data();
  const std::uint32_t* col = w.col.data();
  const double* wt = w.weight.data();
  for (std::size_t d = 0; d < w.n_dst; ++d) {
    double sum = 0.0;
    double wsum = 0.0;
    for (std::size_t k = start[d]; k < start[d + 1]; ++k) {
      const float x = src[col[k]];
      const bool valid = std::fabs(x) < threshold;
      sum += valid ? wt[k] * static_cast<double>(x) : 0.0;
      wsum += valid ? wt[k] : 0.0;
    }
    dst[d] = wsum > 0.0 ? static_cast<float>(sum / wsum) : kOutputFill;
  }
}

namespace {

// FNV-1a over the bytes of an axis: centres and bounds decide the weights.
std::uint64_t axis_hash(const AxisPlan& a, std::uint64_t h) {
  for (const auto* v : {&a.centres, &a.lower, &a.upper}) {
    for (double x : *v) {
      unsigned char bytes[sizeof(double)];
      std::memcpy(bytes, &x, sizeof x);
      for (unsigned char b : bytes) {
        h ^= b;
        h *= 1099511628211ULL;
      }
    }
  }
  return h;
}

std::string axis_key(const AxisPlan& a) {
  if (a.size() == 0) return "0";
  return fmt::format("{}[{}..{}]", a.size(), a.centres.front(), a.centres.back());
}

std::string cache_key(const LatLonGrid& src, const LatLonGrid& dst, RegridMethod m) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const auto* a : {&src.lat, &src.lon, &dst.lat, &dst.lon}) h = axis_hash(*a, h);
  return fmt::format("{} {}x{} -> {}x{} {:016x}", method_name(m), axis_key(src.lat), axis_key(src.lon),
                     axis_key(dst.lat), axis_key(dst.lon), h);
}

}  // namespace

const RegridWeights& WeightCache::get(const LatLonGrid& src, const LatLonGrid& dst, RegridMethod method) {
  std::string key = cache_key(src, dst, method);
  if (auto it = cache_.find(key); it != cache_.end()) return *it->second;
  // Built before inserting, so a GridError leaves no empty entry behind.
  auto built = std::make_unique<RegridWeights>(build_weights(src, dst, method));
  return *cache_.emplace(std::move(key), std::move(built)).first->second;
}

}  // namespace ti::cf
