// Latitude/longitude dimensions and coordinate variables, named and
// described as each profile does (the names may differ from the dimensions;
// the values may be broken or the variables missing).
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

std::optional<io::Variable> define_axis(io::File& file, const GridSpec& spec,
                                        const std::string& var, const std::string& dim,
                                        std::size_t n, const AxisText& text) {
  file.define_dimension(dim, n);
  if (spec.coord_values == CoordValues::Absent) return std::nullopt;
  io::Variable v = file.define_variable(var, spec.coord_type, {dim});
  v.put_attribute("units", text.units);
  v.put_attribute("long_name", text.long_name);
  if (spec.coord_standard_name) v.put_attribute("standard_name", text.standard_name);
  if (spec.coord_axis) v.put_attribute("axis", text.axis);
  return v;
}

void write_axis(std::optional<io::Variable>& v, const GridSpec& spec,
                const std::vector<double>& values) {
  if (!v) return;
  if (spec.coord_values == CoordValues::Zeros) {
    const std::vector<double> zeros(values.size(), 0.0);
    v->write({0}, {zeros.size()}, zeros.data());
    return;
  }
  v->write({0}, {values.size()}, values.data());
}

}  // namespace

GridVariables define_grid(io::File& file, const GridSpec& spec, const Grid& grid) {
  return {define_axis(file, spec, spec.lat_var, spec.lat_dim, grid.lat.size(), kLat),
          define_axis(file, spec, spec.lon_var, spec.lon_dim, grid.lon.size(), kLon)};
}

void write_grid(GridVariables& vars, const GridSpec& spec, const Grid& grid) {
  write_axis(vars.lat, spec, grid.lat);
  write_axis(vars.lon, spec, grid.lon);
}

}  // namespace ti::synth::detail
