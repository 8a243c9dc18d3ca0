// Horizontal grid: dimensions named exactly lat/lon, ascending, lon in
// [-180, 180), lat_bnds/lon_bnds present.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "internal.hpp"

namespace ti::check::detail {
namespace {

std::string fmt(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

// The first (lat, lon) dimension pair closing a data variable's dimensions.
std::optional<std::pair<std::string, std::string>> horizontal_dims(
    const io::File& f, const std::vector<std::string>& data_vars) {
  for (const auto& name : data_vars) {
    const auto dims = f.variable(name).dimension_names();
    const auto n = dims.size();
    if (n >= 2 && dim_role(f, dims[n - 2]) == DimRole::Lat &&
        dim_role(f, dims[n - 1]) == DimRole::Lon) {
      return std::make_pair(dims[n - 2], dims[n - 1]);
    }
  }
  return std::nullopt;
}

bool ascending(const std::vector<double>& v) {
  return std::adjacent_find(v.begin(), v.end(), std::greater_equal<double>()) == v.end();
}

std::optional<std::vector<double>> read_axis(const io::File& f, const std::string& dim,
                                             const std::string& expected, FindingSink& sink) {
  if (dim != expected) {
    sink.error("grid", "dimension '" + dim + "' must be named exactly '" + expected +
                           "' (ilamb3 hard-codes lat and lon)");
  }
  if (!f.has_variable(dim)) {
    sink.error("grid", "no coordinate variable for dimension '" + dim + "'");
    return std::nullopt;
  }
  auto values = f.variable(dim).read_all_1d();
  if (values.empty()) {
    sink.error("grid", "coordinate '" + dim + "' is empty");
    return std::nullopt;
  }
  if (!ascending(values)) {
    sink.error("grid", "'" + dim + "' is not ascending (first " + fmt(values.front()) +
                           ", last " + fmt(values.back()) + "); write ascending " + expected);
  }
  return values;
}

void check_ranges(const Grid& g, FindingSink& sink) {
  const auto [lo, hi] = std::minmax_element(g.lon.begin(), g.lon.end());
  if (*lo < -180.0 || *hi >= 180.0) {
    sink.error("grid", "lon spans " + fmt(*lo) + " .. " + fmt(*hi) +
                           ", outside [-180, 180); write lon in [-180, 180)");
  }
  const auto [la, lb] = std::minmax_element(g.lat.begin(), g.lat.end());
  if (*la < -90.0 || *lb > 90.0) {
    sink.error("grid", "lat spans " + fmt(*la) + " .. " + fmt(*lb) + ", outside [-90, 90]");
  }
}

}  // namespace

// Axes compare as sorted values: ILAMB flips descending axes itself.
bool same_grid(const Grid& a, const Grid& b) {
  const auto close = [](std::vector<double> x, std::vector<double> y) {
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    return x.size() == y.size() &&
           std::equal(x.begin(), x.end(), y.begin(),
                      [](double p, double q) { return std::fabs(p - q) <= 1e-6; });
  };
  return close(a.lat, b.lat) && close(a.lon, b.lon);
}

std::string describe(const Grid& g) {
  return std::to_string(g.lat.size()) + " lat (" + fmt(g.lat.front()) + " .. " +
         fmt(g.lat.back()) + ") x " + std::to_string(g.lon.size()) + " lon (" +
         fmt(g.lon.front()) + " .. " + fmt(g.lon.back()) + ")";
}

std::optional<Grid> check_grid(const io::File& f, const std::vector<std::string>& data_vars,
                               FindingSink& sink) {
  const auto dims = horizontal_dims(f, data_vars);
  if (!dims) return std::nullopt;
  auto lat = read_axis(f, dims->first, "lat", sink);
  auto lon = read_axis(f, dims->second, "lon", sink);
  if (!lat || !lon) return std::nullopt;
  Grid g{std::move(*lat), std::move(*lon), f.has_variable("lat_bnds") && f.has_variable("lon_bnds")};
  check_ranges(g, sink);
  if (!g.has_bounds) {
    sink.warning("grid", "no variables lat_bnds/lon_bnds: ILAMB then needs areacella for "
                         "cell areas");
  }
  return g;
}

}  // namespace ti::check::detail
