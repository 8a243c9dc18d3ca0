#pragma once
// Tiny hand-made inputs for pipeline tests, written with the io layer.
#include <filesystem>
#include <string>
#include <vector>

#include "trendy_ilamb/io/file.hpp"

namespace testing {

inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("ti_pipeline_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct SmallInput {
  std::vector<double> lat{45.0, -45.0};              // descending
  std::vector<double> lon{0.0, 90.0, 180.0, 270.0};  // 0..360
  std::vector<double> time{15.5, 45.0, 74.5};        // mid-month, noleap
  std::string time_units = "days since 1700-01-01";
  std::string calendar = "noleap";
  std::string var = "gpp";
  std::string units = "gC m-2 month-1";
  float fill = -99999.0f;
  std::vector<float> values;  // (time, lat, lon) in file order
};

inline void write_small_input(const std::filesystem::path& path, const SmallInput& in) {
  auto f = ti::io::File::create(path);
  f.define_dimension("time", 0);
  f.define_dimension("lat", in.lat.size());
  f.define_dimension("lon", in.lon.size());
  auto t = f.define_variable("time", ti::io::NcType::Double, {"time"});
  t.put_attribute("units", in.time_units);
  if (!in.calendar.empty()) t.put_attribute("calendar", in.calendar);
  f.define_variable("lat", ti::io::NcType::Double, {"lat"}).put_attribute("units", "degrees_north");
  f.define_variable("lon", ti::io::NcType::Double, {"lon"}).put_attribute("units", "degrees_east");
  auto v = f.define_variable(in.var, ti::io::NcType::Float, {"time", "lat", "lon"});
  v.put_attribute("units", in.units);
  v.put_attribute("_FillValue", ti::io::NcType::Float, {static_cast<double>(in.fill)});
  f.end_definitions();
  f.variable("time").write({0}, {in.time.size()}, in.time.data());
  f.variable("lat").write({0}, {in.lat.size()}, in.lat.data());
  f.variable("lon").write({0}, {in.lon.size()}, in.lon.data());
  f.variable(in.var).write({0, 0, 0}, {in.time.size(), in.lat.size(), in.lon.size()},
                           in.values.data());
  f.close();
}

}  // namespace testing
