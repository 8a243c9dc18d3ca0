#include "grid_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

std::string grid_hint(const std::string& model) {
  return fmt::format("if the file's coordinates are broken, add to the config: overrides: "
                     "{{{}: {{grid: \"<dlon>x<dlat>\"}}}}",
                     model);
}

// The file's own bounds of a coordinate, when it names them.
std::optional<std::vector<double>> source_bounds(const io::File& file, const io::Variable& coord) {
  const auto name = coord.text_attribute("bounds");
  if (!name || !file.has_variable(*name)) return std::nullopt;
  const auto b = file.variable(*name);
  const auto shape = b.shape();
  if (shape.size() != 2 || shape[1] != 2) return std::nullopt;
  std::vector<double> v(shape[0] * 2);
  b.read({0, 0}, shape, v.data());
  return v;
}

template <typename Plan>
cf::AxisPlan plan_axis(const io::File& file, const DataVarInfo& info, std::size_t dim,
                       const char* what, const std::string& model, Plan plan) {
  const auto& d = info.dims[dim];
  if (!d.coordinate) {
    throw io::NcError({file.path(), info.name, {}},
                      fmt::format("{} dimension '{}' has no coordinate variable; {}", what, d.name,
                                  grid_hint(model)));
  }
  const auto coord = file.variable(*d.coordinate);
  const auto values = coord.read_all_1d();
  cf::AxisPlan p;
  try {
    p = plan(values);
  } catch (const cf::GridError& e) {
    throw io::NcError({file.path(), coord.name(), {}}, fmt::format("{}; {}", e.what(), grid_hint(model)));
  }
  if (const auto b = source_bounds(file, coord)) cf::adopt_source_bounds(p, values, *b);
  return p;
}

// Overridden grids: the data lie on the override's cells in file order.
cf::AxisPlan as_file_order(const cf::AxisPlan& target, std::size_t n, const io::File& file,
                           const std::string& what) {
  if (target.size() != n) {
    throw io::NcError({file.path(), {}, {}},
                      fmt::format("the grid override has {} {} points but the file has {}",
                                  target.size(), what, n));
  }
  return target;
}

}  // namespace

AxisPlans read_grid(const io::File& file, const DataVarInfo& info, const std::string& model,
                    const cf::LatLonGrid* override) {
  if (override != nullptr) {
    return {as_file_order(override->lat, info.dims[info.lat_dim()].length, file, "latitude"),
            as_file_order(override->lon, info.dims[info.lon_dim()].length, file, "longitude")};
  }
  AxisPlans g{plan_axis(file, info, info.lat_dim(), "latitude", model, cf::plan_latitude),
              plan_axis(file, info, info.lon_dim(), "longitude", model, cf::plan_longitude)};
  for (auto* b : {&g.lat.lower, &g.lat.upper}) {
    for (double& x : *b) x = std::clamp(x, -90.0, 90.0);
  }
  return g;
}

namespace {

// Layer centres in metres from the layer's coordinate variable.
std::vector<double> layer_centres(const io::File& file, const io::Variable& coord) {
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
  std::vector<double> out;
  for (double v : coord.read_all_1d()) out.push_back(v * c.scale + c.offset);
  return out;
}

}  // namespace

DepthAxis read_depth(const io::File& file, const DataVarInfo& info, std::size_t dim,
                     const std::string& model, const std::vector<double>* override) {
  const auto& layer = info.dims[dim];
  std::vector<double> centres;
  std::string where = layer.name;
  if (layer.coordinate) {
    centres = layer_centres(file, file.variable(*layer.coordinate));
    where = *layer.coordinate;
  } else if (override != nullptr && override->size() == layer.length) {
    centres = *override;
  } else {
    throw io::NcError({file.path(), info.name, {}},
                      fmt::format("layer dimension '{}' ({} layers) has no depth values; add to the "
                                  "config: overrides: {{{}: {{layer_depths: [<{} centre depths in m>]}}}}",
                                  layer.name, layer.length, model, layer.length));
  }
  DepthAxis d;
  d.centres = centres;
  for (std::size_t k = 1; k < d.centres.size(); ++k) {
    if (!(d.centres[k] > d.centres[k - 1])) {
      throw io::NcError({file.path(), where, {}}, "layer depths must increase downwards");
    }
  }
  // Layer centres sit in the middle of their layers, from the surface down:
  // each lower edge mirrors the upper edge about the centre. Where that
  // breaks (a centre above its upper edge), edges fall back to midpoints.
  d.lower.push_back(0.0);
  bool mirrored = true;
  for (std::size_t k = 0; k < d.centres.size(); ++k) {
    d.upper.push_back(2.0 * d.centres[k] - d.lower[k]);
    mirrored = mirrored && d.upper[k] > d.centres[k];
    if (k + 1 < d.centres.size()) d.lower.push_back(d.upper[k]);
  }
  if (!mirrored) {
    for (std::size_t k = 0; k + 1 < d.centres.size(); ++k) {
      d.upper[k] = d.lower[k + 1] = 0.5 * (d.centres[k] + d.centres[k + 1]);
    }
    d.upper.back() = d.centres.back() + (d.centres.back() - d.lower.back());
  }
  return d;
}

}  // namespace ti::pipeline
