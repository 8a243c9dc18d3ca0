#include "grid_reader.hpp"

#include <fmt/format.h>

#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

std::vector<double> coordinate_values(const io::File& file, const DataVarInfo& info,
                                      std::size_t dim, const char* what) {
  const auto& d = info.dims[dim];
  if (!d.coordinate) {
    throw io::NcError({file.path(), info.name, {}},
                      fmt::format("{} dimension '{}' has no coordinate variable", what, d.name));
  }
  return file.variable(*d.coordinate).read_all_1d();
}

template <typename Plan>
cf::AxisPlan plan_axis(const io::File& file, const DataVarInfo& info, std::size_t dim,
                       const char* what, Plan plan) {
  const auto values = coordinate_values(file, info, dim, what);
  try {
    return plan(values);
  } catch (const cf::GridError& e) {
    throw io::NcError({file.path(), *info.dims[dim].coordinate, {}}, e.what());
  }
}

}  // namespace

AxisPlans read_grid(const io::File& file, const DataVarInfo& info) {
  return {plan_axis(file, info, info.lat_dim(), "latitude", cf::plan_latitude),
          plan_axis(file, info, info.lon_dim(), "longitude", cf::plan_longitude)};
}

DepthAxis read_depth(const io::File& file, const DataVarInfo& info, std::size_t dim) {
  const auto values = coordinate_values(file, info, dim, "layer");
  const auto coord = file.variable(*info.dims[dim].coordinate);
  const auto units = coord.text_attribute("units");
  if (!units) {
    throw io::NcError({file.path(), coord.name(), "units"},
                      "layer depths have no units: expected a length such as m or cm");
  }
  cf::LinearConversion c;
  try {
    c = cf::UnitSystem::instance().conversion(cf::normalise_units(*units).text, "m");
  } catch (const cf::UnitError& e) {
    throw io::NcError({file.path(), coord.name(), "units"}, e.what());
  }
  DepthAxis d;
  for (double v : values) d.centres.push_back(v * c.scale + c.offset);
  for (std::size_t k = 0; k < d.centres.size(); ++k) {
    if (k > 0 && !(d.centres[k] > d.centres[k - 1])) {
      throw io::NcError({file.path(), coord.name(), {}}, "layer depths must increase downwards");
    }
    d.lower.push_back(k == 0 ? 0.0 : 0.5 * (d.centres[k - 1] + d.centres[k]));
  }
  for (std::size_t k = 0; k < d.centres.size(); ++k) {
    d.upper.push_back(k + 1 < d.centres.size() ? d.lower[k + 1]
                                               : d.centres[k] + (d.centres[k] - d.lower[k]));
  }
  return d;
}

}  // namespace ti::pipeline
