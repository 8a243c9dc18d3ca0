// The data variable: dimension order, storage, fill attributes, and the
// time-step-by-time-step stream of values.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/synth/cases.hpp"
#include "trendy_ilamb/synth/values.hpp"
#include "writers.hpp"

namespace ti::synth::detail {
namespace {

std::size_t extra_size(const VariableSpec& v) {
  return v.extra ? static_cast<std::size_t>(v.extra->size) : 1;
}

bool extra_at(const VariableSpec& v, Placement where) {
  return v.extra && v.extra->placement == where;
}

enum class Axis { Time, Extra, Lat, Lon };

// The data variable's dimensions in file order: (time, [extra,] lat,
// [extra,] lon[, extra]) or, for DimOrder::LonLatTime, (lon, lat, [extra,]
// time).
std::vector<Axis> axes_of(const Profile& p, const VariableSpec& v) {
  std::vector<Axis> axes;
  if (p.grid.dim_order == DimOrder::LonLatTime) {
    axes = {Axis::Lon, Axis::Lat};
    if (v.extra) axes.push_back(Axis::Extra);
    if (v.has_time) axes.push_back(Axis::Time);
    return axes;
  }
  if (v.has_time) axes.push_back(Axis::Time);
  if (extra_at(v, Placement::AfterTime)) axes.push_back(Axis::Extra);
  axes.push_back(Axis::Lat);
  if (extra_at(v, Placement::AfterLat)) axes.push_back(Axis::Extra);
  axes.push_back(Axis::Lon);
  if (extra_at(v, Placement::Last)) axes.push_back(Axis::Extra);
  return axes;
}

// One time step of the data variable: the dimension names, the count of
// each write (also the chunk shape), where time sits, and the strides of
// the extra, lat and lon indices in a step's buffer (row-major).
struct Layout {
  std::vector<std::string> dims;
  std::vector<std::size_t> step;
  std::optional<std::size_t> time_axis;
  std::size_t stride_k = 0, stride_j = 0, stride_i = 0;
};

Layout layout_of(const Profile& p, const VariableSpec& v, const Grid& grid) {
  const std::vector<Axis> axes = axes_of(p, v);
  Layout out;
  for (Axis a : axes) {
    switch (a) {
      case Axis::Time:
        out.dims.emplace_back(kTimeName);
        out.step.push_back(1);
        break;
      case Axis::Extra:
        out.dims.push_back(v.extra->name);
        out.step.push_back(extra_size(v));
        break;
      case Axis::Lat:
        out.dims.push_back(p.grid.lat_dim);
        out.step.push_back(grid.lat.size());
        break;
      case Axis::Lon:
        out.dims.push_back(p.grid.lon_dim);
        out.step.push_back(grid.lon.size());
        break;
    }
  }
  std::size_t stride = 1;
  for (std::size_t d = axes.size(); d-- > 0;) {
    switch (axes[d]) {
      case Axis::Time:
        out.time_axis = d;
        break;
      case Axis::Extra:
        out.stride_k = stride;
        break;
      case Axis::Lat:
        out.stride_j = stride;
        break;
      case Axis::Lon:
        out.stride_i = stride;
        break;
    }
    stride *= out.step[d];
  }
  return out;
}

void put_fill_attributes(io::Variable& data, const Profile& p) {
  const std::vector<double> fill{p.fill.value};
  switch (p.fill.style) {
    case FillStyle::FillAndMissing:
      data.put_attribute("_FillValue", p.data_type, fill);
      data.put_attribute("missing_value", p.data_type, fill);
      break;
    case FillStyle::FillOnly:
      data.put_attribute("_FillValue", p.data_type, fill);
      break;
    case FillStyle::MissingOnly:
      data.put_attribute("missing_value", p.data_type, fill);
      break;
    case FillStyle::NaNWithoutAttributes:
      break;
  }
}

// Edges of the latitude cells: midway between neighbouring centres, the
// outer ones half a step beyond, clipped at +-90 (index order of `lat`).
std::vector<double> lat_edges(const std::vector<double>& lat) {
  const std::size_t n = lat.size();
  std::vector<double> edges(n + 1);
  if (n == 1) return {-90.0, 90.0};
  for (std::size_t j = 1; j < n; ++j) edges[j] = (lat[j - 1] + lat[j]) / 2.0;
  edges[0] = lat[0] - (lat[1] - lat[0]) / 2.0;
  edges[n] = lat[n - 1] + (lat[n - 1] - lat[n - 2]) / 2.0;
  for (double& e : edges) e = std::clamp(e, -90.0, 90.0);
  return edges;
}

// Cell areas (km2) of a grid with evenly spaced longitudes.
void fill_areas(std::vector<double>& buf, const Grid& grid, const Layout& layout) {
  const std::vector<double> edges = lat_edges(grid.lat);
  const double dlon = 360.0 / static_cast<double>(grid.lon.size());
  for (std::size_t j = 0; j < grid.lat.size(); ++j) {
    const double area = std::fabs(cell_area_km2(edges[j], edges[j + 1], dlon));
    for (std::size_t i = 0; i < grid.lon.size(); ++i) {
      buf[j * layout.stride_j + i * layout.stride_i] = area;
    }
  }
}

// Values of one period in file order (the layout's strides).
void fill_step(std::vector<double>& buf, const Profile& p, const VariableSpec& v, const Grid& grid,
               const Layout& layout, Calendar cal, const Period& period) {
  if (v.field == Field::CellArea) {
    fill_areas(buf, grid, layout);
    return;
  }
  const std::size_t nlat = grid.lat.size(), nlon = grid.lon.size(), nk = extra_size(v);
  for (std::size_t k = 0; k < nk; ++k) {
    for (std::size_t j = 0; j < nlat; ++j) {
      for (std::size_t i = 0; i < nlon; ++i) {
        const std::size_t at = k * layout.stride_k + j * layout.stride_j + i * layout.stride_i;
        buf[at] = cell_value(p, v, cal, grid.lat[j], grid.lon[i], period, static_cast<int>(k));
      }
    }
  }
}

}  // namespace

io::Variable define_data(io::File& file, const Profile& p, const VariableSpec& v, const Grid& grid,
                         int deflate_level) {
  if (v.extra) file.define_dimension(v.extra->name, extra_size(v));
  const Layout layout = layout_of(p, v, grid);
  io::Variable data = file.define_variable(v.name, p.data_type, layout.dims);
  if (p.format == FileFormat::NetCDF4) {  // NetCDF-3 has neither
    data.set_chunking(layout.step);
    data.set_deflate(true, deflate_level);
  }
  data.put_attribute("long_name", v.name);
  data.put_attribute("units", v.units);
  if (v.packing) {
    data.put_attribute("scale_factor", io::NcType::Double, {v.packing->scale_factor});
    data.put_attribute("add_offset", io::NcType::Double, {v.packing->add_offset});
  }
  put_fill_attributes(data, p);
  return data;
}

std::optional<io::Variable> define_extra_coordinate(io::File& file, const VariableSpec& v) {
  if (!v.extra || v.extra->coordinate.empty()) return std::nullopt;
  io::Variable c = file.define_variable(v.extra->name, io::NcType::Double, {v.extra->name});
  c.put_attribute("long_name", "depth of soil layer centre");
  c.put_attribute("units", v.extra->coordinate_units);
  c.put_attribute("positive", "down");
  return c;
}

void write_extra_coordinate(std::optional<io::Variable>& c, const VariableSpec& v) {
  if (!c) return;
  c->write({0}, {v.extra->coordinate.size()}, v.extra->coordinate.data());
}

void write_data(io::Variable& data, const Profile& p, const VariableSpec& v, const Grid& grid,
                const std::vector<Period>& periods) {
  const Calendar cal = calendar_of(p.time);
  const Layout layout = layout_of(p, v, grid);
  std::vector<double> buf(grid.lat.size() * grid.lon.size() * extra_size(v));
  std::vector<std::size_t> start(layout.step.size(), 0);
  for (std::size_t t = 0; t < periods.size(); ++t) {
    fill_step(buf, p, v, grid, layout, cal, periods[t]);
    if (layout.time_axis) start[*layout.time_axis] = t;
    data.write(start, layout.step, buf.data());
  }
}

}  // namespace ti::synth::detail
