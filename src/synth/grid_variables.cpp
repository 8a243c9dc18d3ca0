// Latitude/longitude dimensions and coordinate variables, named and
// described as each profile does (the names may differ from the dimensions).
#include "writers.hpp"

namespace ti::synth::detail {
namespace {

struct AxisText {
  const char* standard_name;
  const char* units;
  const char* axis;
  const char* long_name;
};

constexpr AxisText kLat{"latitude", "degrees_north", "Y", "latitude"};
constexpr AxisText kLon{"longitude", "degrees_east", "X", "longitude"};

io::Variable define_axis(io::File& file, const GridSpec& spec, const std::string& var,
                         const std::string& dim, std::size_t n, const AxisText& text) {
  file.define_dimension(dim, n);
  io::Variable v = file.define_variable(var, spec.coord_type, {dim});
  v.put_attribute("units", text.units);
  v.put_attribute("long_name", text.long_name);
  if (spec.coord_standard_name) v.put_attribute("standard_name", text.standard_name);
  if (spec.coord_axis) v.put_attribute("axis", text.axis);
  return v;
}

void write_axis(io::Variable& v, const std::vector<double>& values) {
  v.write({0}, {values.size()}, values.data());
}

}  // namespace

GridVariables define_grid(io::File& file, const GridSpec& spec, const Grid& grid) {
  return {define_axis(file, spec, spec.lat_var, spec.lat_dim, grid.lat.size(), kLat),
          define_axis(file, spec, spec.lon_var, spec.lon_dim, grid.lon.size(), kLon)};
}

void write_grid(GridVariables& vars, const Grid& grid) {
  write_axis(vars.lat, grid.lat);
  write_axis(vars.lon, grid.lon);
}

}  // namespace ti::synth::detail
