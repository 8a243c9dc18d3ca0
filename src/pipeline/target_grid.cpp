#include "trendy_ilamb/pipeline/target_grid.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/io/file.hpp"

namespace ti::pipeline {

namespace {

// The 1-D coordinate of a file whose name or standard_name says `what`.
std::string find_axis(const io::File& f, const std::string& what) {
  for (const auto& name : f.variable_names()) {
    const auto v = f.variable(name);
    if (v.dimension_names().size() != 1) continue;
    const auto sn = v.attribute("standard_name");
    const bool named = name.rfind(what.substr(0, 3), 0) == 0;
    if (named || (sn && sn->is_text() && sn->text == what)) return name;
  }
  throw io::NcError({f.path(), {}, {}}, fmt::format("no 1-D {} coordinate for the target grid", what));
}

template <typename Plan>
cf::AxisPlan axis_from(const io::File& f, const std::string& what, Plan plan) {
  const auto v = f.variable(find_axis(f, what));
  const auto values = v.read_all_1d();
  auto p = plan(values);
  if (const auto b = v.text_attribute("bounds"); b && f.has_variable(*b)) {
    const auto bv = f.variable(*b);
    std::vector<double> raw(2 * values.size());
    if (bv.shape() == std::vector<std::size_t>{values.size(), 2}) {
      bv.read({0, 0}, {values.size(), 2}, raw.data());
      cf::adopt_source_bounds(p, values, raw);
    }
  }
  return p;
}

}  // namespace

cf::LatLonGrid load_target_grid(const std::string& spec) {
  if (!spec.ends_with(".nc")) return cf::parse_grid_spec(spec);
  const auto f = io::File::open_read(spec);
  cf::LatLonGrid g{axis_from(f, "latitude", cf::plan_latitude),
                   axis_from(f, "longitude", cf::plan_longitude)};
  for (auto* b : {&g.lat.lower, &g.lat.upper}) {
    for (double& x : *b) x = std::clamp(x, -90.0, 90.0);
  }
  // The target's own order is the output's: it must already be clean.
  if (!g.lat.is_identity() || !g.lon.is_identity()) {
    throw io::NcError({spec, {}, {}}, "target grid must have ascending latitudes and longitudes "
                                      "ascending within [-180, 180)");
  }
  return g;
}

}  // namespace ti::pipeline
