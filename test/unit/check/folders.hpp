#pragma once
// Small ILAMB model folders written with the io layer, correct by default;
// each test breaks one thing.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "trendy_ilamb/io/file.hpp"

namespace checktest {

namespace fs = std::filesystem;
using ti::io::NcType;

inline fs::path scratch_root(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("ti_check_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir / "Model");
  return dir;
}

struct Axes {
  std::vector<double> lat{-45.0, 45.0};
  std::vector<double> lon{-135.0, -45.0, 45.0, 135.0};
};

struct DataSpec {
  std::string var = "gpp";
  std::string units = "kg m-2 s-1";
  Axes axes;
  int first_month = 0;  // months after 1700-01 (noleap)
  int months = 3;
  std::string time_units = "days since 1700-01-01 00:00:00";
  bool time_bounds = true;
  bool lat_lon_time = false;  // the (lat, lon, time) order ILAMB rejects
  std::string experiment = "S3";
};

// Day of the noleap calendar on which month `m` (0 = 1700-01) starts.
inline double month_start(int m) {
  static constexpr std::array<int, 12> len{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  double days = 365.0 * (m / 12);
  for (int i = 0; i < m % 12; ++i) days += len[static_cast<std::size_t>(i)];
  return days;
}

inline std::vector<double> cell_bounds(const std::vector<double>& c, double half) {
  std::vector<double> b;
  for (double x : c) {
    b.push_back(x - half);
    b.push_back(x + half);
  }
  return b;
}

inline void define_grid(ti::io::File& f, const Axes& a) {
  f.define_dimension("lat", a.lat.size());
  f.define_dimension("lon", a.lon.size());
  f.define_dimension("bnds", 2);
  auto lat = f.define_variable("lat", NcType::Double, {"lat"});
  lat.put_attribute("units", "degrees_north");
  lat.put_attribute("bounds", "lat_bnds");
  auto lon = f.define_variable("lon", NcType::Double, {"lon"});
  lon.put_attribute("units", "degrees_east");
  lon.put_attribute("bounds", "lon_bnds");
  f.define_variable("lat_bnds", NcType::Double, {"lat", "bnds"});
  f.define_variable("lon_bnds", NcType::Double, {"lon", "bnds"});
}

inline void write_grid(ti::io::File& f, const Axes& a) {
  const auto nlat = a.lat.size();
  const auto nlon = a.lon.size();
  f.variable("lat").write({0}, {nlat}, a.lat.data());
  f.variable("lon").write({0}, {nlon}, a.lon.data());
  f.variable("lat_bnds").write({0, 0}, {nlat, 2}, cell_bounds(a.lat, 45.0).data());
  f.variable("lon_bnds").write({0, 0}, {nlon, 2}, cell_bounds(a.lon, 45.0).data());
}

inline void define_time(ti::io::File& f, const DataSpec& s) {
  f.define_dimension("time", static_cast<std::size_t>(s.months));
  auto t = f.define_variable("time", NcType::Double, {"time"});
  t.put_attribute("units", s.time_units);
  t.put_attribute("calendar", "noleap");
  if (s.time_bounds) {
    t.put_attribute("bounds", "time_bnds");
    f.define_variable("time_bnds", NcType::Double, {"time", "bnds"});
  }
}

inline void write_time(ti::io::File& f, const DataSpec& s) {
  std::vector<double> mid, bnds;
  for (int m = s.first_month; m < s.first_month + s.months; ++m) {
    mid.push_back(0.5 * (month_start(m) + month_start(m + 1)));
    bnds.push_back(month_start(m));
    bnds.push_back(month_start(m + 1));
  }
  const auto nt = static_cast<std::size_t>(s.months);
  f.variable("time").write({0}, {nt}, mid.data());
  if (s.time_bounds) f.variable("time_bnds").write({0, 0}, {nt, 2}, bnds.data());
}

inline void write_data(const fs::path& path, const DataSpec& s) {
  auto f = ti::io::File::create(path);
  define_grid(f, s.axes);
  define_time(f, s);
  const std::vector<std::string> dims = s.lat_lon_time
                                            ? std::vector<std::string>{"lat", "lon", "time"}
                                            : std::vector<std::string>{"time", "lat", "lon"};
  auto v = f.define_variable(s.var, NcType::Float, dims);
  v.put_attribute("units", s.units);
  v.put_attribute("_FillValue", NcType::Float, {1.0e20});
  v.put_attribute("missing_value", NcType::Float, {1.0e20});
  f.put_global_attribute("experiment_id", s.experiment);
  f.end_definitions();
  write_grid(f, s.axes);
  write_time(f, s);
  const auto n = s.axes.lat.size() * s.axes.lon.size() * static_cast<std::size_t>(s.months);
  const std::vector<float> values(n, 1.0e-8f);
  const auto nt = static_cast<std::size_t>(s.months);
  const auto nlat = s.axes.lat.size();
  const auto nlon = s.axes.lon.size();
  if (s.lat_lon_time) {
    v.write({0, 0, 0}, {nlat, nlon, nt}, values.data());
  } else {
    v.write({0, 0, 0}, {nt, nlat, nlon}, values.data());
  }
  f.close();
}

inline void write_fixed(const fs::path& path, const std::string& var, const std::string& units,
                        double value, const Axes& axes = {}) {
  auto f = ti::io::File::create(path);
  define_grid(f, axes);
  auto v = f.define_variable(var, NcType::Float, {"lat", "lon"});
  v.put_attribute("units", units);
  f.put_global_attribute("experiment_id", "S3");
  f.end_definitions();
  write_grid(f, axes);
  const std::vector<float> values(axes.lat.size() * axes.lon.size(), static_cast<float>(value));
  v.write({0, 0}, {axes.lat.size(), axes.lon.size()}, values.data());
  f.close();
}

// A correct model folder: gpp in two consecutive files, sftlf, areacella.
inline fs::path good_folder(const std::string& name) {
  const auto root = scratch_root(name);
  const auto dir = root / "Model";
  write_data(dir / "gpp_a.nc", DataSpec{});
  DataSpec second;
  second.first_month = 3;
  write_data(dir / "gpp_b.nc", second);
  write_fixed(dir / "sftlf.nc", "sftlf", "%", 100.0);
  write_fixed(dir / "areacella.nc", "areacella", "m2", 1.0e12);
  return root;
}

}  // namespace checktest
