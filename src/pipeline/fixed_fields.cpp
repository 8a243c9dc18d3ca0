// The Fixed task: one areacella and one sftlf per model folder, on the grid
// of the model's main data file. sftlf comes from the model's own land/ocean
// fraction file when it has one on that grid, else from where data is valid.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <filesystem>
#include <memory>

#include "grid_reader.hpp"
#include "regrid_stage.hpp"
#include "value_transform_reader.hpp"
#include "trendy_ilamb/cf/fill.hpp"
#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/pipeline/decompress.hpp"
#include "trendy_ilamb/pipeline/naming.hpp"
#include "trendy_ilamb/pipeline/output_metadata.hpp"
#include "trendy_ilamb/pipeline/output_writer.hpp"
#include "trendy_ilamb/pipeline/raw_read.hpp"
#include "trendy_ilamb/pipeline/run_task.hpp"
#include "trendy_ilamb/pipeline/slab_transform.hpp"

namespace ti::pipeline {

namespace {

constexpr double kEarthRadius = 6371229.0;  // m, as CMIP; stated in the output
// The largest chunk band the first-map read decodes raw (a few steps of a
// 0.5-degree map, or 12 steps of a 1-degree one).
constexpr std::size_t kFirstMapBandBytes = 16u << 20;

// The first time step (or the whole field) of `var`, on the clean output
// grid, extra dimensions summed; missing values are NaN. band_limit > 0:
// read through RawSlabReader where it applies (see raw_band_limit()).
std::vector<double> first_map(const io::File& file, const DataVarInfo& info, const AxisPlans& grid,
                              std::size_t band_limit) {
  const auto var = file.variable(info.name);
  std::vector<std::size_t> len{1}, start{0};  // a leading length-1 axis stands in for time
  std::vector<std::size_t> extras;
  std::size_t time = 0;
  for (std::size_t d = 0; d < info.dims.size(); ++d) {
    const bool is_time = info.dims[d].role == DimRole::Time;
    len.push_back(is_time ? 1 : info.dims[d].length);
    start.push_back(0);
    if (is_time) time = d + 1;
    if (info.dims[d].role == DimRole::Extra) extras.push_back(d + 1);
  }
  const auto layout = make_layout(len, time, info.lat_dim() + 1, info.lon_dim() + 1, extras,
                                  grid.lat.source_index, grid.lon.source_index, ExtraMode::Sum);
  const ValueTransform vt = read_value_transform(var, 0.0);
  std::vector<float> out(layout.out_values_per_step());
  // The raw read, as for the conversion (a file chunked by whole series
  // would otherwise be inflated with zlib for one map).
  std::unique_ptr<RawSlabReader> raw;
  if (band_limit > 0 && time == 1 && info.type == io::NcType::Float) {
    raw = RawSlabReader::open(file.path(), info.name, 0, var.shape(), band_limit);
  }
  if (raw) {
    std::vector<float> in(info.values_per_step());
    raw->read(0, 1, in.data());
    transform_slab(layout, vt, in.data(), 1, {1.0}, out.data());
  } else {
    std::vector<double> in(info.values_per_step());
    var.read(std::vector<std::size_t>(start.begin() + 1, start.end()),
             std::vector<std::size_t>(len.begin() + 1, len.end()), in.data());
    transform_slab(layout, vt, in.data(), 1, {1.0}, out.data());
  }
  std::vector<double> result(out.size());
  std::transform(out.begin(), out.end(), result.begin(), [](float x) {
    return x == cf::kOutputFill ? std::nan("") : static_cast<double>(x);
  });
  return result;
}

// Land percentage from a fraction file; nullopt (with a warning) when it is
// not on the data grid.
std::optional<std::vector<float>> sftlf_from_fraction(const FractionInput& in, const AxisPlans& grid,
                                                      const std::string& model,
                                                      const cf::LatLonGrid* override,
                                                      std::vector<std::string>& warnings) {
  const auto file = io::File::open_read(in.path);
  const auto info = inspect_variable(file, find_data_variable(file, {}));
  const auto fgrid = read_grid(file, info, model, override);
  if (!cf::same_centres(fgrid.lat, grid.lat) || !cf::same_centres(fgrid.lon, grid.lon)) {
    warnings.push_back(fmt::format("{}: land/ocean fraction is on another grid; sftlf taken from "
                                   "the data mask instead", in.path));
    return std::nullopt;
  }
  const auto map = first_map(file, info, fgrid, 0);
  double max = 0.0;
  for (double x : map) {
    if (!std::isnan(x)) max = std::max(max, x);
  }
  // Values above 1.5 can only be percentages, whatever the units say.
  const double to_percent = max > 1.5 ? 1.0 : 100.0;
  std::vector<float> out;
  for (double x : map) {
    double land = std::isnan(x) ? (in.role == "ocean_fraction" ? 100.0 : 0.0) : x * to_percent;
    if (in.role == "ocean_fraction" && !std::isnan(x)) land = 100.0 - land;
    out.push_back(static_cast<float>(std::clamp(land, 0.0, 100.0)));
  }
  return out;
}

std::vector<float> sftlf_from_mask(const io::File& file, const DataVarInfo& info,
                                   const AxisPlans& grid, std::size_t band_limit) {
  std::vector<float> out;
  for (double x : first_map(file, info, grid, band_limit)) out.push_back(std::isnan(x) ? 0.0f : 100.0f);
  return out;
}

std::uint64_t write_fixed(const Task& task, const Settings& s, const AxisPlans& grid,
                          const std::string& var, const std::vector<io::Attribute>& atts,
                          const std::vector<float>& values, Outcome& outcome) {
  const auto folder = model_folder(s.output_root, task.simulation, task.model);
  std::filesystem::create_directories(folder);
  OutputSpec spec;
  spec.final_path = folder / fixed_file_name(var, task.model, task.simulation, s.regrid ? "gr" : "gn");
  spec.variable = var;
  spec.variable_attributes = atts;
  spec.lat = grid.lat;
  spec.lon = grid.lon;
  spec.global_attributes = global_attributes(task, s, var, "fx", {}, s.regrid.has_value());
  spec.compression = s.compression;
  spec.codec = s.codec;
  OutputWriter writer(spec);
  writer.write_steps(0, 1, values.data());
  const auto bytes = writer.commit();
  outcome.warnings.insert(outcome.warnings.end(), writer.notes().begin(), writer.notes().end());
  outcome.outputs.push_back(std::filesystem::relative(spec.final_path, s.output_root).generic_string());
  return bytes;
}

// Cell areas from the model's own area file (any area units), when it is on
// the data grid; nullopt with a warning otherwise.
std::optional<std::vector<float>> areas_from_file(const std::string& path, const AxisPlans& grid,
                                                  const std::string& model,
                                                  const cf::LatLonGrid* override,
                                                  std::vector<std::string>& warnings) {
  const auto file = io::File::open_read(path);
  const auto info = inspect_variable(file, find_data_variable(file, {}));
  const auto fgrid = read_grid(file, info, model, override);
  if (!cf::same_centres(fgrid.lat, grid.lat) || !cf::same_centres(fgrid.lon, grid.lon)) {
    warnings.push_back(fmt::format("{}: cell areas on another grid; areacella computed instead", path));
    return std::nullopt;
  }
  const auto var = file.variable(info.name);
  const auto units = var.text_attribute("units").value_or("m2");
  const auto c = cf::UnitSystem::instance().conversion(cf::normalise_units(units).text, "m2");
  std::vector<float> out;
  for (double x : first_map(file, info, fgrid, 0)) {
    out.push_back(std::isnan(x) ? 0.0f : static_cast<float>(x * c.scale + c.offset));
  }
  return out;
}

// Land percentage on the model's native grid: from its fraction file when it
// ships one on that grid, else from where its data are valid.
std::vector<float> native_sftlf(const Task& task, const io::File& file, const DataVarInfo& info,
                                const AxisPlans& grid, const cf::LatLonGrid* override,
                                std::size_t band_limit, std::string& source, Outcome& outcome) {
  std::optional<std::vector<float>> land;
  source = "the data mask of " + task.input;
  if (task.fraction) {
    land = sftlf_from_fraction(*task.fraction, grid, task.model, override, outcome.warnings);
    if (land) source = task.fraction->path;
  }
  return land ? *land : sftlf_from_mask(file, info, grid, band_limit);
}

}  // namespace

Outcome write_fixed_fields(const Task& task, const Settings& s) {
  Outcome outcome;
  outcome.id = task.id;
  std::optional<ScratchCopy> inflated;
  if (is_compressed_input(task.input)) inflated.emplace(task.input, s.output_root);
  const auto file = io::File::open_read(inflated ? inflated->path().string() : task.input);
  const auto info = inspect_variable(file, find_data_variable(file, {task.file_variable}));
  const cf::LatLonGrid* override = s.grid_override(task.model);
  const auto native = read_grid(file, info, task.model, override);
  std::string source;
  // Raw chunk reads as for the conversion, unless output.codec asks for the
  // stock path; only for small bands: one map out of a band of whole-series
  // chunks would decode and lay out the whole variable (measured 3.5 s
  // against 2.3 s through netCDF for a 622 MB variable).
  const std::size_t band_limit =
      s.codec == codec::Codec::Fast ? std::min<std::size_t>(raw_band_limit(s.memory_mb), kFirstMapBandBytes) : 0;
  auto land = native_sftlf(task, file, info, native, override, band_limit, source, outcome);
  // On a target grid: the land fraction is regridded conservatively (the
  // share of each target cell that is land), the areas are the target's.
  const AxisPlans grid = s.regrid ? s.regrid->target : native;
  if (s.regrid) {
    std::vector<float> target(grid.size());
    cf::apply_weights(cached_weights(native, grid, cf::RegridMethod::Conservative), land.data(),
                      target.data());
    for (float& x : target) x = x == cf::kOutputFill ? 0.0f : x;  // no source cell: no land
    land = std::move(target);
    source += " (regridded conservatively)";
  }

  const auto areas = cf::cell_areas(grid.lat, grid.lon, kEarthRadius);
  std::vector<float> area_f(areas.begin(), areas.end());
  std::string area_source = fmt::format("computed from lat_bnds/lon_bnds on a sphere of radius {} m",
                                        kEarthRadius);
  // The model's own areas are used on its native grid only.
  if (task.area && !s.regrid) {
    if (auto own = areas_from_file(*task.area, grid, task.model, override, outcome.warnings)) {
      area_f = std::move(*own);
      area_source = "from " + *task.area;
    }
  }
  outcome.bytes_written += write_fixed(
      task, s, grid, "areacella",
      {io::text_att("units", "m2"), io::text_att("standard_name", "cell_area"),
       io::text_att("long_name", "Grid-Cell Area for Atmospheric Grid Variables"),
       io::text_att("comment", area_source)},
      area_f, outcome);

  outcome.bytes_written += write_fixed(
      task, s, grid, "sftlf",
      {io::text_att("units", "%"), io::text_att("standard_name", "land_area_fraction"),
       io::text_att("long_name", "Percentage of the Grid Cell Occupied by Land (Including Lakes)"),
       io::text_att("cell_methods", "area: mean"), io::text_att("comment", "from " + source)},
      land, outcome);
  return outcome;
}

}  // namespace ti::pipeline
