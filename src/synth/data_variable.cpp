// The data variable: dimension order, storage, fill attributes, and the
// time-step-by-time-step stream of values.
#include <vector>

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

// (time, [extra,] lat, lon[, extra]) with the profile's dimension names.
std::vector<std::string> data_dimensions(const Profile& p, const VariableSpec& v) {
  std::vector<std::string> dims;
  if (v.has_time) dims.emplace_back(kTimeName);
  if (extra_at(v, Placement::AfterTime)) dims.push_back(v.extra->name);
  dims.push_back(p.grid.lat_dim);
  dims.push_back(p.grid.lon_dim);
  if (extra_at(v, Placement::Last)) dims.push_back(v.extra->name);
  return dims;
}

// One time step in file order: the chunk shape and the count of each write.
std::vector<std::size_t> step_shape(const VariableSpec& v, const Grid& grid) {
  std::vector<std::size_t> shape;
  if (v.has_time) shape.push_back(1);
  if (extra_at(v, Placement::AfterTime)) shape.push_back(extra_size(v));
  shape.push_back(grid.lat.size());
  shape.push_back(grid.lon.size());
  if (extra_at(v, Placement::Last)) shape.push_back(extra_size(v));
  return shape;
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

// Values of one period in file order; the extra dimension's index is
// innermost when it is last, outermost otherwise.
void fill_step(std::vector<double>& buf, const Profile& p, const VariableSpec& v, const Grid& grid,
               cf::Calendar cal, const Period& period) {
  const std::size_t nlat = grid.lat.size(), nlon = grid.lon.size(), nk = extra_size(v);
  const bool last = extra_at(v, Placement::Last);
  for (std::size_t k = 0; k < nk; ++k) {
    for (std::size_t j = 0; j < nlat; ++j) {
      for (std::size_t i = 0; i < nlon; ++i) {
        const std::size_t at = last ? (j * nlon + i) * nk + k : (k * nlat + j) * nlon + i;
        buf[at] = cell_value(p, v, cal, grid.lat[j], grid.lon[i], period.year, period.month,
                             static_cast<int>(k));
      }
    }
  }
}

}  // namespace

io::Variable define_data(io::File& file, const Profile& p, const VariableSpec& v, const Grid& grid,
                         int deflate_level) {
  if (v.extra) file.define_dimension(v.extra->name, extra_size(v));
  io::Variable data = file.define_variable(v.name, p.data_type, data_dimensions(p, v));
  data.set_chunking(step_shape(v, grid));
  data.set_deflate(true, deflate_level);
  data.put_attribute("long_name", v.name);
  data.put_attribute("units", v.units);
  put_fill_attributes(data, p);
  return data;
}

void write_data(io::Variable& data, const Profile& p, const VariableSpec& v, const Grid& grid,
                const std::vector<Period>& periods) {
  const cf::Calendar cal = calendar_of(p.time);
  const std::vector<std::size_t> count = step_shape(v, grid);
  std::vector<double> buf(grid.lat.size() * grid.lon.size() * extra_size(v));
  std::vector<std::size_t> start(count.size(), 0);
  for (std::size_t t = 0; t < periods.size(); ++t) {
    fill_step(buf, p, v, grid, cal, periods[t]);
    if (v.has_time) start[0] = t;
    data.write(start, count, buf.data());
  }
}

}  // namespace ti::synth::detail
