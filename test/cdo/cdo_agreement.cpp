// Agreement of cf/regrid.hpp with CDO (Debian cdo 2.1.1) on the same inputs.
//
// For each case a source field is written as NetCDF with the io layer, CDO
// regrids it onto a target given as a grid description file (gridtype =
// lonlat, xfirst = -180 + dx/2, ...), and the result is compared with
// apply_weights(build_weights(...)) on the clean source grid (the plans of
// plan_latitude / plan_longitude, i.e. after our flip and roll).
//
// What is compared:
//  - conservative (remapcon): EVERY destination cell, with and without
//    missing source cells: both missing, or both valid and within 1e-5
//    relative. CDO's default normalisation (fracarea) is our
//    renormalisation by the valid overlap.
//  - bilinear (remapbil): interior cells only. Excluded:
//      * destination centres beyond the outermost source centre in latitude
//        (polar caps of a global source, the edge rows of a regional one)
//        or, for a source that is not global in longitude, in longitude:
//        CDO falls back to an inverse-distance average of the 4 nearest
//        source points there, we clamp to the nearest row/column (and give
//        fill beyond the source's bounds);
//      * with missing sources: cells whose bilinear stencil touches a
//        missing source: CDO gives fill there, we renormalise over the valid
//        corners (apply_weights' contract, which keeps coastal cells). The
//        stencil counts zero-weight corners too: where a destination centre
//        lies exactly on a source row or column CDO still requires both
//        neighbours valid, while we drop zero weights.
//  - nearest (remapnn): interior cells only. Excluded:
//      * cells whose two nearest source centres are equidistant (to 1e-9
//        relative): the choice between them is arbitrary (ours: smaller
//        source index). 1deg->2x2 and 0.5deg->1x1 are not run for nearest:
//        every target centre there is equidistant from 2 or 4 sources;
//      * destination centres outside the source's cells (regional source;
//        an outer bound within one cell of a pole counts as reaching it, so
//        a Gaussian source serves the polar rows): CDO takes the nearest
//        source point however far, we give fill.
//    A missing nearest source gives fill in both (CDO does not look for the
//    nearest valid source).
//
// Gaussian (T63-like) source: run with lat_bnds written (our midpoint
// bounds, clipped to +-90) and without. Both agree: CDO 2.1.1 also puts the
// bounds of a Gaussian axis at midpoints; where it extends the outer rows to
// the poles, a 1x1 target's polar row overlaps that single source row
// either way, so the renormalised value is the same.
//
// Prints one line per case and "N passed, M failed"; exits 1 on any failure.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

#include "trendy_ilamb/cf/fill.hpp"
#include "trendy_ilamb/cf/grid.hpp"
#include "trendy_ilamb/cf/regrid.hpp"
#include "trendy_ilamb/io/file.hpp"

namespace fs = std::filesystem;
using namespace ti::cf;

namespace {

constexpr double kRad = std::numbers::pi / 180.0;
constexpr double kTolerance = 1e-5;

std::vector<double> regular(double first, double step, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = first + step * static_cast<double>(i);
  return v;
}

// Gauss-Legendre nodes: the roots of P_n by Newton from the usual initial
// guess, as latitudes in degrees, north to south (as ECHAM/T63 files store
// them).
std::vector<double> gaussian_latitudes(std::size_t n) {
  std::vector<double> lat(n);
  const double dn = static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    double x = std::cos(std::numbers::pi * (static_cast<double>(i) + 0.75) / (dn + 0.5));
    for (int iter = 0; iter < 100; ++iter) {
      double p0 = 1.0, p1 = x;  // P_0, P_1 -> P_n by recurrence
      for (std::size_t k = 2; k <= n; ++k) {
        const double dk = static_cast<double>(k);
        const double p2 = ((2.0 * dk - 1.0) * x * p1 - (dk - 1.0) * p0) / dk;
        p0 = p1;
        p1 = p2;
      }
      const double dp = dn * (x * p1 - p0) / (x * x - 1.0);
      const double dx = p1 / dp;
      x -= dx;
      if (std::fabs(dx) < 1e-15) break;
    }
    lat[i] = std::asin(x) / kRad;
  }
  return lat;
}

struct Source {
  std::vector<double> lat, lon;  // as stored in the file (any order)
  bool write_lat_bounds = false;
};

struct Case {
  std::string name;
  Source src;
  double dlon, dlat;  // target global_grid
  bool with_missing = false;
  bool nearest_ties = false;  // every target centre is a tie: not run for nearest
};

double field(double lat, double lon) {
  return 2.0 + std::cos(lat * kRad) * std::sin(2.0 * lon * kRad) + 0.5 * std::sin(3.0 * lat * kRad) * std::cos(lon * kRad);
}

bool masked(double lat, double lon) {
  return lat < -75.0 || std::sin(3.0 * lon * kRad + 1.0) * std::cos(2.0 * lat * kRad) > 0.55;
}

// The raw field in file order (lat-major over the file's own axes).
std::vector<float> raw_field(const Source& s, bool with_missing) {
  std::vector<float> v;
  for (double la : s.lat) {
    for (double lo : s.lon) {
      v.push_back(with_missing && masked(la, lo) ? kOutputFill : static_cast<float>(field(la, lo)));
    }
  }
  return v;
}

// Bounds per file row: the clean plan's bounds mapped back through source_index.
std::vector<double> raw_lat_bounds(const AxisPlan& plan) {
  std::vector<double> b(2 * plan.size());
  for (std::size_t j = 0; j < plan.size(); ++j) {
    b[2 * plan.source_index[j]] = plan.lower[j];
    b[2 * plan.source_index[j] + 1] = plan.upper[j];
  }
  return b;
}

void write_source(const fs::path& path, const Source& s, const std::vector<float>& data) {
  auto f = ti::io::File::create(path);
  f.define_dimension("lat", s.lat.size());
  f.define_dimension("lon", s.lon.size());
  auto lat = f.define_variable("lat", ti::io::NcType::Double, {"lat"});
  lat.put_attribute("units", "degrees_north");
  lat.put_attribute("standard_name", "latitude");
  lat.put_attribute("axis", "Y");
  auto lon = f.define_variable("lon", ti::io::NcType::Double, {"lon"});
  lon.put_attribute("units", "degrees_east");
  lon.put_attribute("standard_name", "longitude");
  lon.put_attribute("axis", "X");
  std::optional<ti::io::Variable> bnds;
  if (s.write_lat_bounds) {
    f.define_dimension("nv", 2);
    lat.put_attribute("bounds", "lat_bnds");
    bnds = f.define_variable("lat_bnds", ti::io::NcType::Double, {"lat", "nv"});
  }
  auto v = f.define_variable("v", ti::io::NcType::Float, {"lat", "lon"});
  v.set_fill_value(kOutputFill);
  f.end_definitions();
  lat.write({0}, {s.lat.size()}, s.lat.data());
  lon.write({0}, {s.lon.size()}, s.lon.data());
  if (bnds) bnds->write({0, 0}, {s.lat.size(), 2}, raw_lat_bounds(plan_latitude(s.lat)).data());
  v.write({0, 0}, {s.lat.size(), s.lon.size()}, data.data());
  f.close();
}

void write_grid_description(const fs::path& path, const LatLonGrid& g, double dlon, double dlat) {
  std::ofstream out(path);
  out << fmt::format("gridtype = lonlat\nxsize = {}\nysize = {}\nxfirst = {}\nxinc = {}\nyfirst = {}\nyinc = {}\n",
                     g.lon.size(), g.lat.size(), g.lon.centres.front(), dlon, g.lat.centres.front(), dlat);
}

std::vector<float> read_cdo_output(const fs::path& path, const LatLonGrid& dst) {
  auto f = ti::io::File::open_read(path);
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  if (lat.size() != dst.lat.size() || lon.size() != dst.lon.size() ||
      std::fabs(lat.front() - dst.lat.centres.front()) > 1e-9 || std::fabs(lon.front() - dst.lon.centres.front()) > 1e-9) {
    throw std::runtime_error(fmt::format("{}: CDO's output grid is not the target grid", path.string()));
  }
  std::vector<float> out(dst.size());
  f.variable("v").read({0, 0}, {lat.size(), lon.size()}, out.data());
  return out;
}

// The raw field reordered onto the clean grid (our flip and roll).
std::vector<float> clean_field(const std::vector<float>& raw, const LatLonGrid& g, std::size_t raw_nlon) {
  std::vector<float> out;
  out.reserve(g.size());
  for (std::size_t jr : g.lat.source_index) {
    for (std::size_t ir : g.lon.source_index) out.push_back(raw[jr * raw_nlon + ir]);
  }
  return out;
}

bool is_missing(float x) { return !(std::fabs(x) < 1e19f); }

// ---- exclusion rules (see the header comment) ------------------------------

bool global_lon(const AxisPlan& lon) { return std::fabs(lon.upper.back() - lon.lower.front() - 360.0) < 1e-6; }

bool beyond_centres(const LatLonGrid& src, double lat, double lon) {
  if (lat < src.lat.centres.front() || lat > src.lat.centres.back()) return true;
  return !global_lon(src.lon) && (lon < src.lon.centres.front() || lon > src.lon.centres.back());
}

// Source indices bracketing x on an ascending axis: the two centres around
// it, or, when x is exactly a centre, that centre and both neighbours.
std::vector<std::size_t> bracket(const std::vector<double>& c, double x, bool periodic) {
  const std::size_t n = c.size();
  const auto hi = static_cast<std::size_t>(std::lower_bound(c.begin(), c.end(), x) - c.begin());
  std::vector<long> k;
  if (hi < n && c[hi] == x) {
    k = {static_cast<long>(hi) - 1, static_cast<long>(hi), static_cast<long>(hi) + 1};
  } else {
    k = {static_cast<long>(hi) - 1, static_cast<long>(hi)};
  }
  std::vector<std::size_t> out;
  const auto ln = static_cast<long>(n);
  for (long i : k) {
    if (periodic) out.push_back(static_cast<std::size_t>((i % ln + ln) % ln));
    else if (i >= 0 && i < ln) out.push_back(static_cast<std::size_t>(i));
  }
  return out;
}

bool stencil_touches_missing(const LatLonGrid& src, const std::vector<float>& field, double lat, double lon) {
  for (std::size_t j : bracket(src.lat.centres, lat, false)) {
    for (std::size_t i : bracket(src.lon.centres, lon, global_lon(src.lon))) {
      if (is_missing(field[j * src.lon.size() + i])) return true;
    }
  }
  return false;
}

double hav(double lat1, double lon1, double lat2, double lon2) {
  const double a = std::sin(0.5 * (lat2 - lat1) * kRad);
  const double b = std::sin(0.5 * (lon2 - lon1) * kRad);
  return a * a + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * b * b;
}

// Brute force over the 7x7 source neighbourhood: are the two nearest
// centres equidistant?
bool nearest_is_tied(const LatLonGrid& src, double lat, double lon) {
  const auto& la = src.lat.centres;
  const auto& lo = src.lon.centres;
  const auto j0 = static_cast<long>(std::lower_bound(la.begin(), la.end(), lat) - la.begin());
  const auto i0 = static_cast<long>(std::lower_bound(lo.begin(), lo.end(), lon) - lo.begin());
  const auto nla = static_cast<long>(la.size());
  const auto nlo = static_cast<long>(lo.size());
  double best = 9.0, second = 9.0;
  for (long j = std::max(0L, j0 - 3); j < std::min(nla, j0 + 4); ++j) {
    for (long di = -3; di <= 3; ++di) {
      const long i = ((i0 + di) % nlo + nlo) % nlo;
      const double h = hav(lat, lon, la[static_cast<std::size_t>(j)], lo[static_cast<std::size_t>(i)]);
      if (h < best) {
        second = best;
        best = h;
      } else if (h < second) {
        second = h;
      }
    }
  }
  return second - best <= 1e-9 * second;
}

// As regrid's point_lat_range: an outer bound within one outer-cell height of
// a pole counts as reaching it (Gaussian axes).
bool outside_bounds(const LatLonGrid& src, double lat, double lon) {
  const auto& a = src.lat;
  const double lo = a.lower.front() - (a.upper.front() - a.lower.front()) <= -90.0 ? -90.0 : a.lower.front();
  const double hi = a.upper.back() + (a.upper.back() - a.lower.back()) >= 90.0 ? 90.0 : a.upper.back();
  if (lat < lo || lat > hi) return true;
  return !global_lon(src.lon) && (lon < src.lon.lower.front() || lon > src.lon.upper.back());
}

// ---- one case ---------------------------------------------------------------

struct Tally {
  std::size_t compared = 0, excluded = 0, bad = 0;
  double max_rel = 0.0;
  std::string first_bad;
};

Tally compare(const LatLonGrid& src, const LatLonGrid& dst, const RegridWeights& w,
              const std::vector<float>& clean_src, const std::vector<float>& ours, const std::vector<float>& cdo) {
  Tally t;
  for (std::size_t j = 0; j < dst.lat.size(); ++j) {
    for (std::size_t i = 0; i < dst.lon.size(); ++i) {
      const std::size_t d = j * dst.lon.size() + i;
      const double lat = dst.lat.centres[j], lon = dst.lon.centres[i];
      bool excluded = false;
      if (w.method == RegridMethod::Bilinear) {
        excluded = beyond_centres(src, lat, lon) || stencil_touches_missing(src, clean_src, lat, lon);
      } else if (w.method == RegridMethod::Nearest) {
        excluded = nearest_is_tied(src, lat, lon) || outside_bounds(src, lat, lon);
      }
      if (excluded) {
        ++t.excluded;
        continue;
      }
      ++t.compared;
      const bool ma = is_missing(ours[d]), mb = is_missing(cdo[d]);
      double rel = 0.0;
      if (ma != mb) {
        rel = 1.0;
      } else if (!ma) {
        rel = std::fabs(double(ours[d]) - double(cdo[d])) / std::max(std::fabs(double(cdo[d])), 1e-30);
      }
      t.max_rel = std::max(t.max_rel, rel);
      if (rel > kTolerance) {
        if (t.bad++ == 0) t.first_bad = fmt::format(" first at lat {} lon {}: ours {} cdo {}", lat, lon, ours[d], cdo[d]);
      }
    }
  }
  return t;
}

const char* cdo_operator(RegridMethod m) {
  switch (m) {
    case RegridMethod::Conservative: return "remapcon";
    case RegridMethod::Bilinear: return "remapbil";
    case RegridMethod::Nearest: return "remapnn";
  }
  return "";
}

// Runs one case; returns true when it passed.
bool run_case(const std::string& cdo, const fs::path& work, const Case& c, RegridMethod method) {
  const std::string tag = fmt::format("{}-{}{}", cdo_operator(method), c.name, c.with_missing ? "-missing" : "");
  std::string id = tag;
  std::replace_if(id.begin(), id.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)) && ch != '-'; }, '_');
  const fs::path in = work / (id + ".in.nc"), out = work / (id + ".cdo.nc"), grid = work / (id + ".grid.txt");
  const auto raw = raw_field(c.src, c.with_missing);
  write_source(in, c.src, raw);
  const LatLonGrid dst = global_grid(c.dlon, c.dlat);
  write_grid_description(grid, dst, c.dlon, c.dlat);
  const std::string cmd = fmt::format("'{}' -s -O {},'{}' '{}' '{}'", cdo, cdo_operator(method), grid.string(), in.string(), out.string());
  if (std::system(cmd.c_str()) != 0) {
    fmt::print("FAIL {}: cdo failed: {}\n", tag, cmd);
    return false;
  }
  const std::vector<float> theirs = read_cdo_output(out, dst);
  const LatLonGrid src{plan_latitude(c.src.lat), plan_longitude(c.src.lon)};
  const auto clean = clean_field(raw, src, c.src.lon.size());
  const RegridWeights w = build_weights(src, dst, method);
  std::vector<float> ours(dst.size());
  apply_weights(w, clean.data(), ours.data());
  const Tally t = compare(src, dst, w, clean, ours, theirs);
  const bool ok = t.bad == 0 && t.compared > 0;
  fmt::print("{} {}: {} cells compared, {} excluded, max rel diff {:.2e}{}{}\n",
             ok ? "ok  " : "FAIL", tag, t.compared, t.excluded, t.max_rel,
             t.bad ? fmt::format(", {} beyond {:.0e}", t.bad, kTolerance) : "", t.bad ? t.first_bad : "");
  return ok;
}

std::vector<Case> cases() {
  const Source deg2{regular(-89.0, 2.0, 90), regular(-179.0, 2.0, 180)};
  const Source deg1{regular(-89.5, 1.0, 180), regular(-179.5, 1.0, 360)};
  const Source deg05{regular(-89.75, 0.5, 360), regular(-179.75, 0.5, 720)};
  const Source lon0360{regular(-89.0, 2.0, 90), regular(0.0, 2.0, 180)};  // centres on 0..358
  const Source descending{regular(89.25, -1.5, 120), regular(0.75, 1.5, 240)};
  const Source regional{regular(-59.5, 1.0, 150), regular(-179.5, 1.0, 360)};
  Source gaussian{gaussian_latitudes(96), regular(0.0, 1.875, 192), true};
  Source gaussian_cdo_bounds = gaussian;
  gaussian_cdo_bounds.write_lat_bounds = false;
  std::vector<Case> out;
  for (bool missing : {false, true}) {
    out.push_back({"2deg->1x1", deg2, 1.0, 1.0, missing});
    out.push_back({"1deg->2x2", deg1, 2.0, 2.0, missing, true});
    out.push_back({"0.5deg->1x1", deg05, 1.0, 1.0, missing, true});
    out.push_back({"1deg->0.5x0.5", deg1, 0.5, 0.5, missing});
    out.push_back({"lon0..360 2deg->1x1", lon0360, 1.0, 1.0, missing});
    out.push_back({"descending-lat 1.5deg->1x1", descending, 1.0, 1.0, missing});
    out.push_back({"regional lat-59.5..89.5->1.25x0.9375", regional, 1.25, 0.9375, missing});
    out.push_back({"gaussian T63 (lat_bnds)->1x1", gaussian, 1.0, 1.0, missing});
    out.push_back({"gaussian T63 (no bounds)->1x1", gaussian_cdo_bounds, 1.0, 1.0, missing});
  }
  return out;
}

struct Options {
  std::string cdo = "cdo";
  std::vector<RegridMethod> methods{RegridMethod::Conservative, RegridMethod::Bilinear, RegridMethod::Nearest};
  fs::path work = fs::temp_directory_path() / "ti_cdo_agreement";
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--cdo") {
      o.cdo = value;
    } else if (key == "--work") {
      o.work = value;
    } else if (key == "--method" && value != "all") {
      const auto m = parse_regrid_method(value);
      if (!m) throw std::runtime_error("unknown --method " + value);
      o.methods = {*m};
    } else {
      throw std::runtime_error("usage: cdo_agreement [--cdo PATH] [--method conservative|bilinear|nearest|all] [--work DIR]");
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse_options(argc, argv);
    fs::create_directories(o.work);
    if (std::system(fmt::format("'{}' --version >/dev/null 2>&1", o.cdo).c_str()) != 0) {
      fmt::print("FAIL: cannot run '{}': run scripts/install-deps.sh (installs Debian's cdo)\n", o.cdo);
      return 1;
    }
    std::size_t passed = 0, failed = 0;
    for (RegridMethod m : o.methods) {
      for (const Case& c : cases()) {
        if (m == RegridMethod::Nearest && c.nearest_ties) continue;
        (run_case(o.cdo, o.work, c, m) ? passed : failed) += 1;
      }
    }
    fmt::print("{} passed, {} failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    fmt::print("FAIL: {}\n", e.what());
    return 1;
  }
}
