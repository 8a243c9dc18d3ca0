#include "trendy_ilamb/cf/grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace ti::cf {

bool AxisPlan::is_identity() const {
  for (std::size_t i = 0; i < source_index.size(); ++i) {
    if (source_index[i] != i) return false;
  }
  return true;
}

namespace {

void require_finite(const std::vector<double>& v, const char* axis) {
  if (v.empty()) throw GridError(fmt::format("{} axis is empty", axis));
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) throw GridError(fmt::format("{} value {} is not finite (index {})", axis, v[i], i));
  }
}

// Midpoint bounds for sorted centres; ends extended by half the adjacent step.
void midpoint_bounds(AxisPlan& p) {
  const std::size_t n = p.centres.size();
  p.lower.resize(n);
  p.upper.resize(n);
  if (n == 1) {
    p.lower[0] = p.centres[0] - 0.5;  // a single cell: no spacing to go by
    p.upper[0] = p.centres[0] + 0.5;
    return;
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const double mid = 0.5 * (p.centres[i] + p.centres[i + 1]);
    p.upper[i] = mid;
    p.lower[i + 1] = mid;
  }
  p.lower[0] = p.centres[0] - 0.5 * (p.centres[1] - p.centres[0]);
  p.upper[n - 1] = p.centres[n - 1] + 0.5 * (p.centres[n - 1] - p.centres[n - 2]);
}

double wrap_longitude(double lon) {
  double w = std::fmod(lon + 180.0, 360.0);
  if (w < 0) w += 360.0;
  return w - 180.0;
}

}  // namespace

AxisPlan plan_latitude(const std::vector<double>& source) {
  require_finite(source, "latitude");
  const std::size_t n = source.size();
  const bool descending = n > 1 && source[1] < source[0];
  AxisPlan p;
  p.source_index.resize(n);
  for (std::size_t i = 0; i < n; ++i) p.source_index[i] = descending ? n - 1 - i : i;
  for (std::size_t i : p.source_index) p.centres.push_back(source[i]);
  for (std::size_t i = 0; i < n; ++i) {
    if (std::fabs(p.centres[i]) > 90.0) {
      throw GridError(fmt::format("latitude {} is outside [-90, 90]", p.centres[i]));
    }
    if (i > 0 && !(p.centres[i] > p.centres[i - 1])) {
      throw GridError(fmt::format(
          "latitude values are not strictly monotonic (source index {}: {} after {})",
          p.source_index[i], p.centres[i], p.centres[i - 1]));
    }
  }
  midpoint_bounds(p);
  for (auto* b : {&p.lower, &p.upper}) {
    for (double& x : *b) x = std::clamp(x, -90.0, 90.0);
  }
  // A grid that reaches to within one cell of a pole covers it (Gaussian
  // grids stop half a spacing short of it); a regional grid keeps its edge.
  const double first_width = p.upper.front() - p.lower.front();
  const double last_width = p.upper.back() - p.lower.back();
  if (p.lower.front() + 90.0 < first_width) p.lower.front() = -90.0;
  if (90.0 - p.upper.back() < last_width) p.upper.back() = 90.0;
  return p;
}

AxisPlan plan_longitude(const std::vector<double>& source) {
  require_finite(source, "longitude");
  const std::size_t n = source.size();
  std::vector<double> wrapped(n);
  std::transform(source.begin(), source.end(), wrapped.begin(), wrap_longitude);
  AxisPlan p;
  p.source_index.resize(n);
  std::iota(p.source_index.begin(), p.source_index.end(), std::size_t{0});
  std::stable_sort(p.source_index.begin(), p.source_index.end(),
                   [&](std::size_t a, std::size_t b) { return wrapped[a] < wrapped[b]; });
  for (std::size_t i : p.source_index) p.centres.push_back(wrapped[i]);
  for (std::size_t i = 1; i < n; ++i) {
    if (!(p.centres[i] > p.centres[i - 1])) {
      throw GridError(fmt::format("longitude values repeat after wrapping to [-180, 180) "
                                  "(source indices {} and {}: {})",
                                  p.source_index[i - 1], p.source_index[i], p.centres[i]));
    }
  }
  midpoint_bounds(p);
  // A global axis: the outer bounds meet across the seam, halfway between the
  // last centre and the first centre + 360.
  if (n > 1) {
    const double seam_gap = p.centres[0] + 360.0 - p.centres[n - 1];
    const double step = (p.centres[n - 1] - p.centres[0]) / static_cast<double>(n - 1);
    if (std::fabs(seam_gap - step) <= 0.01 * step) {
      p.upper[n - 1] = p.centres[n - 1] + 0.5 * seam_gap;
      p.lower[0] = p.upper[n - 1] - 360.0;
    }
  }
  return p;
}

bool adopt_source_bounds(AxisPlan& p, const std::vector<double>& source_centres,
                         const std::vector<double>& source_bounds) {
  const std::size_t n = p.size();
  if (source_bounds.size() != 2 * n || source_centres.size() != n) return false;
  std::vector<double> lo(n), hi(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = p.source_index[i];
    const double shift = p.centres[i] - source_centres[k];  // 0, or the wrap of a longitude
    const double a = source_bounds[2 * k] + shift, b = source_bounds[2 * k + 1] + shift;
    lo[i] = std::min(a, b);
    hi[i] = std::max(a, b);
    if (!(lo[i] <= p.centres[i] && p.centres[i] <= hi[i]) || !(lo[i] < hi[i])) return false;
    if (i > 0 && std::fabs(lo[i] - hi[i - 1]) > 1e-6 * (hi[i] - lo[i])) return false;
  }
  p.lower = std::move(lo);
  p.upper = std::move(hi);
  return true;
}

bool same_centres(const AxisPlan& a, const AxisPlan& b, double tolerance) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::fabs(a.centres[i] - b.centres[i]) > tolerance) return false;
  }
  return true;
}

std::vector<double> cell_areas(const AxisPlan& lat, const AxisPlan& lon, double radius) {
  std::vector<double> out;
  out.reserve(lat.size() * lon.size());
  constexpr double rad = std::numbers::pi / 180.0;
  for (std::size_t j = 0; j < lat.size(); ++j) {
    const double band = std::sin(lat.upper[j] * rad) - std::sin(lat.lower[j] * rad);
    for (std::size_t i = 0; i < lon.size(); ++i) {
      out.push_back(radius * radius * (lon.upper[i] - lon.lower[i]) * rad * band);
    }
  }
  return out;
}

}  // namespace ti::cf
