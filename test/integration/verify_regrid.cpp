// trendy_verify_regrid OUT_GR OUT_GN GRID [METHOD]: checks a regridded run
// against the native run of the same release, independently of the
// regridding engine: every "gr" output lies on the global GRID
// ("<dlon>x<dlat>": edges on multiples of the steps from -180/-90), and
// every value is recomputed here from the native outputs' own coordinates
// by the documented rule of METHOD (README "regrid", cf/regrid.hpp):
//   conservative (default): the area-weighted mean of the valid native
//     values overlapping the cell (first order, renormalised);
//   bilinear: linear in degrees along each axis between the two bracketing
//     native centres (longitude periodic; beyond the outermost latitude
//     centre the nearest row alone), renormalised over the valid corners of
//     non-zero weight;
//   nearest: the native cell that contains the target centre (on the
//     regular grids this check is run on, that is the nearest centre on the
//     sphere too); fill where that cell is fill.
// areacella is the target's; sftlf is the conservative mean of the native
// sftlf whatever the method.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

#include "nc_reader.hpp"  // the verifiers' own reader, not the converter's io layer

namespace fs = std::filesystem;
using ti::verify::nc::File;

namespace {

constexpr float kFill = 1.0e20f;
constexpr double kRad = std::numbers::pi / 180.0;

struct Axis {
  std::vector<double> centre, lo, hi;
};

Axis read_axis(const File& f, const std::string& name) {
  Axis a;
  a.centre = f.variable(name).read_all_1d();
  std::vector<double> b(2 * a.centre.size());
  f.variable(name + "_bnds").read({0, 0}, {a.centre.size(), 2}, b.data());
  for (std::size_t i = 0; i < a.centre.size(); ++i) {
    a.lo.push_back(b[2 * i]);
    a.hi.push_back(b[2 * i + 1]);
  }
  return a;
}

Axis regular_axis(double first_edge, double step, std::size_t n) {
  Axis a;
  for (std::size_t i = 0; i < n; ++i) {
    a.lo.push_back(first_edge + step * static_cast<double>(i));
    a.hi.push_back(first_edge + step * static_cast<double>(i + 1));
    a.centre.push_back(first_edge + step * (static_cast<double>(i) + 0.5));
  }
  return a;
}

// Overlaps between target and native cells along one axis: for each target
// index, (native index, overlap measure) pairs.
using Overlaps = std::vector<std::vector<std::pair<std::size_t, double>>>;

Overlaps lat_overlaps(const Axis& dst, const Axis& src) {
  Overlaps out(dst.centre.size());
  for (std::size_t J = 0; J < dst.centre.size(); ++J) {
    for (std::size_t j = 0; j < src.centre.size(); ++j) {
      const double lo = std::max(dst.lo[J], src.lo[j]), hi = std::min(dst.hi[J], src.hi[j]);
      if (hi > lo) out[J].emplace_back(j, std::sin(hi * kRad) - std::sin(lo * kRad));
    }
  }
  return out;
}

Overlaps lon_overlaps(const Axis& dst, const Axis& src) {
  Overlaps out(dst.centre.size());
  for (std::size_t I = 0; I < dst.centre.size(); ++I) {
    for (std::size_t i = 0; i < src.centre.size(); ++i) {
      double total = 0.0;
      for (double shift : {-360.0, 0.0, 360.0}) {  // a native cell may sit across the seam
        const double lo = std::max(dst.lo[I], src.lo[i] + shift);
        const double hi = std::min(dst.hi[I], src.hi[i] + shift);
        if (hi > lo) total += hi - lo;
      }
      if (total > 0) out[I].emplace_back(i, total);
    }
  }
  return out;
}

std::vector<double> conservative_mean(const std::vector<float>& src, std::size_t nlon_src,
                                      const Overlaps& lat, const Overlaps& lon) {
  std::vector<double> out;
  for (const auto& rows : lat) {
    for (const auto& cols : lon) {
      double sum = 0.0, weight = 0.0;
      for (const auto& [j, wy] : rows) {
        for (const auto& [i, wx] : cols) {
          const float v = src[j * nlon_src + i];
          if (v == kFill) continue;
          sum += wx * wy * v;
          weight += wx * wy;
        }
      }
      out.push_back(weight > 0 ? sum / weight : std::nan(""));
    }
  }
  return out;
}

// The value at (y, x) by the nearest rule: the native cell holding it.
double nearest_value(const std::vector<float>& src, const Axis& lat, const Axis& lon, double y,
                     double x) {
  for (std::size_t j = 0; j < lat.centre.size(); ++j) {
    if (y < lat.lo[j] || y >= lat.hi[j]) continue;
    for (std::size_t i = 0; i < lon.centre.size(); ++i) {
      for (double shift : {-360.0, 0.0, 360.0}) {
        if (x >= lon.lo[i] + shift && x < lon.hi[i] + shift) {
          const float v = src[j * lon.centre.size() + i];
          return v == kFill ? std::nan("") : v;
        }
      }
    }
  }
  return std::nan("");
}

// Two bracketing indices and the weight of the second, along one axis.
struct Bracket {
  std::size_t a = 0, b = 0;
  double tb = 0.0;
};

Bracket lat_bracket(const Axis& lat, double y) {
  const auto& c = lat.centre;
  if (y <= c.front()) return {0, 0, 0.0};
  if (y >= c.back()) return {c.size() - 1, c.size() - 1, 0.0};
  std::size_t j = 0;
  while (c[j + 1] < y) ++j;
  return {j, j + 1, (y - c[j]) / (c[j + 1] - c[j])};
}

// Longitude is periodic: past the last centre the bracket wraps to the first.
Bracket lon_bracket(const Axis& lon, double x) {
  const auto& c = lon.centre;
  for (std::size_t i = 0; i + 1 < c.size(); ++i) {
    if (x >= c[i] && x < c[i + 1]) return {i, i + 1, (x - c[i]) / (c[i + 1] - c[i])};
  }
  const double left = c.back(), right = c.front() + 360.0;
  const double xx = x < c.front() ? x + 360.0 : x;
  return {c.size() - 1, 0, (xx - left) / (right - left)};
}

double bilinear_value(const std::vector<float>& src, const Axis& lat, const Axis& lon, double y,
                      double x) {
  const Bracket by = lat_bracket(lat, y), bx = lon_bracket(lon, x);
  double sum = 0.0, weight = 0.0;
  for (const auto& [j, wy] : {std::pair{by.a, 1.0 - by.tb}, std::pair{by.b, by.tb}}) {
    for (const auto& [i, wx] : {std::pair{bx.a, 1.0 - bx.tb}, std::pair{bx.b, bx.tb}}) {
      const double w = wy * wx;
      const float v = src[j * lon.centre.size() + i];
      if (w <= 0.0 || v == kFill) continue;
      sum += w * v;
      weight += w;
    }
  }
  return weight > 0.0 ? sum / weight : std::nan("");
}

enum class Method { Conservative, Bilinear, Nearest };

std::vector<double> point_values(const std::vector<float>& src, const Axis& lat_n, const Axis& lon_n,
                                 const Axis& lat_t, const Axis& lon_t, Method m) {
  std::vector<double> out;
  for (double y : lat_t.centre) {
    for (double x : lon_t.centre) {
      out.push_back(m == Method::Nearest ? nearest_value(src, lat_n, lon_n, y, x)
                                         : bilinear_value(src, lat_n, lon_n, y, x));
    }
  }
  return out;
}

struct Tally {
  int passed = 0, failed = 0;
  void check(bool ok, const std::string& what) {
    if (ok) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAIL %s\n", what.c_str());
    }
  }
};

bool close(double got, double want, double rel, double abs_tol) {
  return std::fabs(got - want) <= std::max(rel * std::fabs(want), abs_tol);
}

bool same_axis(const Axis& a, const Axis& b) {
  if (a.centre.size() != b.centre.size()) return false;
  for (std::size_t i = 0; i < a.centre.size(); ++i) {
    if (!close(a.centre[i], b.centre[i], 0, 1e-9) || !close(a.lo[i], b.lo[i], 0, 1e-9) ||
        !close(a.hi[i], b.hi[i], 0, 1e-9)) {
      return false;
    }
  }
  return true;
}

// Compares one map (time step / layer) of a gr file with the recomputed mean.
int compare_map(const std::vector<float>& got, const std::vector<double>& want, double rel) {
  int wrong = 0;
  for (std::size_t k = 0; k < got.size(); ++k) {
    const bool want_missing = std::isnan(want[k]);
    if (want_missing ? got[k] != kFill : !close(got[k], want[k], rel, 1e-30)) ++wrong;
  }
  return wrong;
}

void check_file(Tally& t, const fs::path& gr, const fs::path& gn, const Axis& lat_t, const Axis& lon_t,
                Method method) {
  const File a = File::open_read(gr), b = File::open_read(gn);
  const std::string var = gr.filename().string().substr(0, gr.filename().string().find('_'));
  t.check(same_axis(read_axis(a, "lat"), lat_t) && same_axis(read_axis(a, "lon"), lon_t),
          gr.string() + ": lat/lon/bounds are not the target grid's");
  const Axis lat_n = read_axis(b, "lat"), lon_n = read_axis(b, "lon");
  const auto olat = lat_overlaps(lat_t, lat_n);
  const auto olon = lon_overlaps(lon_t, lon_n);
  const auto shape_a = a.variable(var).shape(), shape_b = b.variable(var).shape();
  const bool fixed = shape_a.size() == 2;
  // Maps to compare: one per step, times the layers of a depth dimension.
  const std::size_t layers = shape_a.size() == 4 ? shape_a[1] : 1;
  const std::size_t nt = fixed ? 1 : shape_a[0] * layers;
  const std::size_t nmap_t = lat_t.centre.size() * lon_t.centre.size();
  const std::size_t nmap_n = lat_n.centre.size() * lon_n.centre.size();
  int wrong = 0;
  for (std::size_t s = 0; s < nt; ++s) {
    std::vector<float> got(nmap_t), native(nmap_n);
    std::vector<std::size_t> start{0, 0}, count_a = shape_a, count_b = shape_b;
    if (!fixed) {
      start = {s / layers, 0, 0};
      count_a = {1, shape_a[shape_a.size() - 2], shape_a.back()};
      count_b = {1, shape_b[shape_b.size() - 2], shape_b.back()};
      if (layers > 1) {  // (time, depth, lat, lon): one layer at a time
        start.insert(start.begin() + 1, s % layers);
        count_a.insert(count_a.begin() + 1, 1);
        count_b.insert(count_b.begin() + 1, 1);
      }
    }
    a.variable(var).read(start, count_a, got.data());
    b.variable(var).read(start, count_b, native.data());
    if (var == "areacella") {
      std::vector<double> want;
      const double r2 = 6371229.0 * 6371229.0;
      for (std::size_t J = 0; J < lat_t.centre.size(); ++J)
        for (std::size_t I = 0; I < lon_t.centre.size(); ++I)
          want.push_back(r2 * (lon_t.hi[I] - lon_t.lo[I]) * kRad *
                         (std::sin(lat_t.hi[J] * kRad) - std::sin(lat_t.lo[J] * kRad)));
      wrong += compare_map(got, want, 1e-6);
      continue;
    }
    if (var == "sftlf") {
      auto want = conservative_mean(native, lon_n.centre.size(), olat, olon);
      for (double& x : want) x = std::isnan(x) ? 0.0 : x;  // no native cell: no land
      for (std::size_t k = 0; k < got.size(); ++k) wrong += close(got[k], want[k], 1e-5, 1e-4) ? 0 : 1;
      continue;
    }
    const auto want = method == Method::Conservative
                          ? conservative_mean(native, lon_n.centre.size(), olat, olon)
                          : point_values(native, lat_n, lon_n, lat_t, lon_t, method);
    wrong += compare_map(got, want, 1e-5);
  }
  t.check(wrong == 0, fmt::format("{}: {} value(s) differ from what the rule gives from {}", gr.string(),
                                  wrong, gn.filename().string()));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string method_name = argc == 5 ? argv[4] : "conservative";
  const Method method = method_name == "bilinear" ? Method::Bilinear
                        : method_name == "nearest" ? Method::Nearest
                                                   : Method::Conservative;
  if ((argc != 4 && argc != 5) || (method == Method::Conservative && method_name != "conservative")) {
    std::fprintf(stderr,
                 "usage: trendy_verify_regrid OUT_GR OUT_GN <dlon>x<dlat> [conservative|bilinear|nearest]\n");
    return 2;
  }
  const fs::path out_gr = argv[1], out_gn = argv[2];
  const std::string spec = argv[3];
  const double dlon = std::stod(spec.substr(0, spec.find('x')));
  const double dlat = std::stod(spec.substr(spec.find('x') + 1));
  const Axis lat_t = regular_axis(-90.0, dlat, static_cast<std::size_t>(std::lround(180.0 / dlat)));
  const Axis lon_t = regular_axis(-180.0, dlon, static_cast<std::size_t>(std::lround(360.0 / dlon)));
  Tally t;
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(out_gr)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || !name.ends_with(".nc")) continue;
    const auto pos = name.find("_gr");
    t.check(pos != std::string::npos, e.path().string() + ": not labelled gr");
    if (pos == std::string::npos) continue;
    const std::string native_name = name.substr(0, pos) + "_gn" + name.substr(pos + 3);
    const fs::path gn = out_gn / fs::relative(e.path().parent_path(), out_gr) / native_name;
    t.check(fs::exists(gn), e.path().string() + ": no native counterpart " + gn.string());
    if (!fs::exists(gn)) continue;
    check_file(t, e.path(), gn, lat_t, lon_t, method);
    ++files;
  }
  t.check(files > 0, "no regridded files found");
  std::printf("trendy_verify_regrid %s %s: %zu files\n%d passed, %d failed\n", spec.c_str(),
              method_name.c_str(), files, t.passed, t.failed);
  return t.failed == 0 ? 0 : 1;
}
