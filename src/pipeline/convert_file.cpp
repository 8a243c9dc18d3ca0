// The Convert task: one TRENDY input file -> one output file of the contract,
// streamed in slabs of time steps sized by the memory budget.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "trendy_ilamb/cf/grid.hpp"
#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/pipeline/decompress.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"
#include "trendy_ilamb/pipeline/input_units.hpp"
#include "trendy_ilamb/pipeline/naming.hpp"
#include "trendy_ilamb/pipeline/output_metadata.hpp"
#include "trendy_ilamb/pipeline/output_writer.hpp"
#include "trendy_ilamb/pipeline/raw_read.hpp"
#include "trendy_ilamb/pipeline/run_task.hpp"
#include "trendy_ilamb/pipeline/slab_transform.hpp"
#include "trendy_ilamb/pipeline/slab_vector.hpp"
#include "trendy_ilamb/pipeline/time_reader.hpp"
#include "grid_reader.hpp"
#include "pft_weights.hpp"
#include "regrid_stage.hpp"
#include "value_transform_reader.hpp"

namespace ti::pipeline {

namespace {

const cf::VariableEntry& entry_for(const Task& task, const Settings& s) {
  const auto* e = s.table->by_output_name(task.variable);
  if (e == nullptr) {
    throw std::invalid_argument(fmt::format("{}: variable '{}' is not in the variable table",
                                            task.input, task.variable));
  }
  return *e;
}

std::vector<std::string> preferred_names(const Task& task, const cf::VariableEntry& e) {
  std::vector<std::string> names{task.file_variable};
  names.insert(names.end(), e.sources.begin(), e.sources.end());
  names.push_back(e.output_name);
  return names;
}

ExtraMode extra_mode(const io::File& file, const DataVarInfo& info, const cf::VariableEntry& e) {
  const auto extras = info.extra_dims();
  if (extras.empty()) return ExtraMode::None;
  std::vector<std::string> names;
  for (auto d : extras) names.push_back(info.dims[d].name);
  const auto where = io::ErrorContext{file.path(), info.name, {}};
  switch (e.extra_dims) {
    case cf::ExtraDimRule::Sum: return ExtraMode::Sum;
    case cf::ExtraDimRule::KeepDepth:
      if (extras.size() == 1) return ExtraMode::Keep;
      throw io::NcError(where, fmt::format("has {} extra dimensions ({}); '{}' keeps exactly one "
                                           "layer dimension",
                                           extras.size(), fmt::join(names, ", "), e.output_name));
    case cf::ExtraDimRule::PftWeighted:
      if (extras.size() == 1) return ExtraMode::Keep;  // kept per PFT, then weighted
      throw io::NcError(where, fmt::format("has {} extra dimensions ({}); per-PFT weighting needs "
                                           "exactly one PFT dimension",
                                           extras.size(), fmt::join(names, ", ")));
    case cf::ExtraDimRule::None: break;
  }
  throw io::NcError(where, fmt::format("has extra dimensions ({}) but the variable table gives "
                                       "'{}' no rule for them (extra_dims: none)",
                                       fmt::join(names, ", "), e.output_name));
}

// Steps per slab: the read buffer (sized as double, the wider read type)
// and the output buffer (float) of a slab take at most half the budget (the
// rest is left to netCDF/HDF5 caches) and about kSlabTargetBytes; at least
// one step.
std::size_t slab_steps(const Settings& s, std::size_t in_per_step, std::size_t out_per_step,
                       std::size_t total) {
  const std::size_t budget = std::min(s.memory_mb * 1024 * 1024 / 2, kSlabTargetBytes);
  const std::size_t per_step = in_per_step * sizeof(double) + out_per_step * sizeof(float);
  return std::clamp<std::size_t>(budget / std::max<std::size_t>(per_step, 1), 1, std::max<std::size_t>(total, 1));
}

// Chunk-aware reads. Slabs span whole chunk bands along time (a band: the
// chunks holding the same time steps), and the variable's chunk cache holds
// the bands one slab touches plus one (a slab that starts mid-band, after a
// period clip or a piece cut, shares a band with the next), so each chunk is
// decompressed once. Capped at half the memory budget: a file chunked by
// whole time series (one band = the whole variable) then re-reads its
// chunks once per slab, the price of bounded memory.
std::size_t align_slab_to_chunks(const io::Variable& var, const DataVarInfo& info,
                                 std::size_t per_slab, const Settings& s) {
  const io::Storage st = var.storage();
  if (!st.chunked) return per_slab;
  const std::vector<std::size_t> shape = var.shape();
  const std::size_t t = *info.time_dim();
  const std::size_t ct = std::max<std::size_t>(st.chunks[t], 1);
  std::size_t chunks_per_band = 1;
  std::size_t band_values = ct;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    if (d == t) continue;
    const std::size_t c = std::max<std::size_t>(st.chunks[d], 1);
    const std::size_t n = (shape[d] + c - 1) / c;
    chunks_per_band *= n;
    band_values *= n * c;
  }
  if (per_slab >= ct) per_slab = per_slab / ct * ct;
  const std::size_t bands = (per_slab + ct - 1) / ct + 1;
  const std::size_t want = bands * band_values * io::type_size(info.type);
  const std::size_t cap = s.memory_mb * 1024 * 1024 / 2;
  var.set_chunk_cache(std::min(want, cap), 2 * bands * chunks_per_band + 1);
  return per_slab;
}

// Largest valid value (unpacked, in the declared units) of the first steps:
// enough to tell a fraction in [0, 1] from a percentage.
double sample_max(const io::Variable& var, const DataVarInfo& info, const ValueTransform& vt) {
  const std::size_t t = *info.time_dim();
  std::vector<std::size_t> start(info.dims.size(), 0), count;
  for (const auto& d : info.dims) count.push_back(d.length);
  count[t] = std::min<std::size_t>(count[t], 12);
  std::vector<double> in(count[t] * info.values_per_step());
  var.read(start, count, in.data());
  double max = 0.0;
  for (double x : in) {
    if (!vt.fill.is_missing(x)) max = std::max(max, x * vt.pack_scale + vt.pack_offset);
  }
  return max;
}

// A "fraction" (dimensionless, converted to % by x100) whose values reach
// above 1.5 is already a percentage: convert by what the values show.
void check_fraction_scale(UnitPlan& units, const io::Variable& var, const DataVarInfo& info,
                          const std::string& target) {
  if (target != "%" || units.conversion.scale != 100.0 || units.rate != cf::CalendarRate::None) return;
  const double max = sample_max(var, info, read_value_transform(var, 0.0));
  if (max <= 1.5) return;
  units.conversion.scale = 1.0;
  units.warnings.push_back(fmt::format("{}: declared \"{}\" but values reach {:.3g}: taken as percent",
                                       var.name(), units.declared, max));
}

// A derived top-of-column variable (mrsos): only the layers within the top
// `top_m` metres are read (the sum rule adds them), which needs a layer edge
// at top_m. Returns why not, when the layers do not allow it (the task is
// then skipped: not every model's layers can give the top 10 cm).
std::optional<std::string> keep_top_layers(const io::File& file, DataVarInfo& info, double top_m, const std::string& model,
                     const Settings& s) {
  const auto extras = info.extra_dims();
  if (extras.size() != 1) {
    throw io::NcError({file.path(), info.name, {}},
                      fmt::format("the top {} m need exactly one layer dimension", top_m));
  }
  const auto depth = read_depth(file, info, extras[0], model, s.depth_override(model));
  std::size_t k = 0;
  while (k < depth.upper.size() && depth.upper[k] <= top_m + 1e-9) ++k;
  if (k == 0 || std::fabs(depth.upper[k - 1] - top_m) > 1e-6) {
    return fmt::format("layers do not allow the top {} m: no layer edge there (edges {} m)", top_m,
                       fmt::join(depth.upper, ", "));
  }
  info.dims[extras[0]].length = k;  // reads start at the top layer
  return std::nullopt;
}

// The steps inside output.period: [first, last) of the input's steps.
struct StepRange {
  std::size_t first = 0;
  std::size_t last = 0;
  bool empty() const { return first >= last; }
};

StepRange steps_in_period(const std::vector<cf::Period>& periods,
                          const std::optional<std::pair<int, int>>& period) {
  StepRange r{0, periods.size()};
  if (!period) return r;
  // The steps form a regular series, so the selection is one contiguous run.
  while (r.first < r.last && periods[r.first].year < period->first) ++r.first;
  while (r.last > r.first && periods[r.last - 1].year > period->second) --r.last;
  return r;
}

struct Streamer {
  const io::Variable& var;
  const DataVarInfo& info;
  std::size_t time_dim;
  StepRange steps;
  std::vector<std::size_t> extras;
  const AxisPlans& grid;
  ExtraMode mode;
  ValueTransform vt;
  std::vector<double> scales;
  const cf::RegridWeights* regrid = nullptr;  // none: native grid
  PftWeights* pft = nullptr;                  // per-PFT data: weight by landCoverFrac
  const std::vector<cf::Period>* periods = nullptr;
  RawSlabReader* raw = nullptr;  // the read-side fast path, when it applies

  // Per-PFT maps (nt, K, cells) -> grid-cell maps (nt, cells), in place.
  void weight_pfts(SlabVector<float>& maps, std::size_t t0, std::size_t nt) const {
    const std::size_t cells = grid.lat.size() * grid.lon.size();
    const std::size_t npft = maps.size() / (nt * cells);
    SlabVector<float> out(nt * cells);
    for (std::size_t t = 0; t < nt; ++t) {
      weighted_mean(maps.data() + t * npft * cells, npft, cells, pft->for_period((*periods)[t0 + t]),
                    out.data() + t * cells);
    }
    maps = std::move(out);
  }

  // Reads only the slabs of the selected steps. Float data stays float
  // until the transform (half the memory traffic of widening it first).
  std::uint64_t run(OutputWriter& out, std::size_t steps_per_slab) const {
    if (info.type == io::NcType::Float) return run_as<float>(out, steps_per_slab);
    return run_as<double>(out, steps_per_slab);
  }

  template <class T>
  std::uint64_t run_as(OutputWriter& out, std::size_t steps_per_slab) const {
    SlabVector<T> in;
    SlabVector<float> result, regridded;
    std::uint64_t bytes = 0;
    for (std::size_t t0 = steps.first; t0 < steps.last; t0 += steps_per_slab) {
      const std::size_t nt = std::min(steps_per_slab, steps.last - t0);
      std::vector<std::size_t> start(info.dims.size(), 0), count;
      for (const auto& d : info.dims) count.push_back(d.length);
      start[time_dim] = t0;
      count[time_dim] = nt;
      in.resize(nt * info.values_per_step());
      read_slab(t0, nt, start, count, in.data());
      bytes += in.size() * io::type_size(info.type);
      const auto layout = make_layout(count, time_dim, info.lat_dim(), info.lon_dim(), extras,
                                      grid.lat.source_index, grid.lon.source_index, mode);
      result.resize(nt * layout.out_values_per_step());
      const std::vector<double> slab_scales(scales.begin() + static_cast<std::ptrdiff_t>(t0),
                                            scales.begin() + static_cast<std::ptrdiff_t>(t0 + nt));
      transform_slab(layout, vt, in.data(), nt, slab_scales, result.data());
      if (pft != nullptr) weight_pfts(result, t0, nt);
      if (regrid == nullptr) {
        out.write_steps(t0 - steps.first, nt, result.data());
        continue;
      }
      const std::size_t nmaps = result.size() / regrid->n_src;
      regridded.resize(nmaps * regrid->n_dst);
      regrid_maps(*regrid, result.data(), nmaps, regridded.data());
      out.write_steps(t0 - steps.first, nt, regridded.data());
    }
    return bytes;
  }

  // The raw reader only serves float data (RawSlabReader::open checks).
  void read_slab(std::size_t t0, std::size_t nt, const std::vector<std::size_t>& start,
                 const std::vector<std::size_t>& count, float* dst) const {
    if (raw != nullptr) {
      raw->read(t0, nt, dst);
    } else {
      var.read(start, count, dst);
    }
  }
  void read_slab(std::size_t /*t0*/, std::size_t /*nt*/, const std::vector<std::size_t>& start,
                 const std::vector<std::size_t>& count, double* dst) const {
    var.read(start, count, dst);
  }
};

}  // namespace

Outcome convert_file(const Task& task, const Settings& s) {
  Outcome outcome;
  outcome.id = task.id;
  const auto& entry = entry_for(task, s);
  std::optional<ScratchCopy> inflated;
  if (is_compressed_input(task.input)) inflated.emplace(task.input, s.output_root);
  const auto file = io::File::open_read(inflated ? inflated->path().string() : task.input);
  const auto var_name = find_data_variable(file, preferred_names(task, entry));
  auto info = inspect_variable(file, var_name);
  const auto time = read_time_axis(file, info, task.model, s.time_override(task.model));
  outcome.warnings = time.warnings;
  auto steps = steps_in_period(time.periods, s.period);
  if (steps.empty()) {
    outcome.status = Status::Skipped;
    outcome.error = fmt::format("outside period: the file covers {}-{}, output.period is {}-{}",
                                time.periods.front().year, time.periods.back().year,
                                s.period->first, s.period->second);
    return outcome;
  }
  if (task.piece) {
    const auto selected = std::vector<cf::Period>(
        time.periods.begin() + static_cast<std::ptrdiff_t>(steps.first),
        time.periods.begin() + static_cast<std::ptrdiff_t>(steps.last));
    const auto runs = cf::split_whole_years(selected, task.piece->count);
    if (task.piece->index >= runs.size()) {
      outcome.status = Status::Skipped;
      outcome.error = fmt::format("piece {} of {}: the selected steps hold only {} whole year(s)",
                                  task.piece->index + 1, task.piece->count, runs.size());
      return outcome;
    }
    steps = StepRange{steps.first + runs[task.piece->index].first,
                      steps.first + runs[task.piece->index].second};
  }
  const std::vector<cf::Period> periods(time.periods.begin() + static_cast<std::ptrdiff_t>(steps.first),
                                        time.periods.begin() + static_cast<std::ptrdiff_t>(steps.last));
  const auto grid = read_grid(file, info, task.model, s.grid_override(task.model));
  const auto mode = extra_mode(file, info, entry);
  if (entry.top_m) {
    if (auto why = keep_top_layers(file, info, *entry.top_m, task.model, s)) {
      outcome.status = Status::Skipped;
      outcome.error = *why;
      return outcome;
    }
  }
  const auto var = file.variable(var_name);
  auto units = plan_units(file.path(), var, entry.units);
  check_fraction_scale(units, var, info, entry.units);
  outcome.warnings.insert(outcome.warnings.end(), units.warnings.begin(), units.warnings.end());

  const bool per_pft = entry.extra_dims == cf::ExtraDimRule::PftWeighted && mode == ExtraMode::Keep;
  std::optional<PftWeights> pft;
  if (per_pft) {
    if (!task.weights) {
      throw io::NcError({file.path(), var_name, {}},
                        fmt::format("has a PFT dimension: grid-cell values need the model's "
                                    "landCoverFrac, and {}/{} has none",
                                    task.model, task.simulation));
    }
    pft.emplace(*task.weights, grid, info.dims[info.extra_dims().front()].length, task.model, s);
  }
  std::optional<DepthAxis> depth;
  if (mode == ExtraMode::Keep && !per_pft) {
    depth = read_depth(file, info, info.extra_dims().front(), task.model,
                       s.depth_override(task.model));
  }

  const auto folder = model_folder(s.output_root, task.simulation, task.model);
  std::filesystem::create_directories(folder);
  OutputSpec spec;
  spec.final_path = folder / data_file_name(entry.output_name, time.frequency, task.model,
                                            task.simulation, s.regrid ? "gr" : "gn", periods.front(),
                                            periods.back());
  spec.variable = entry.output_name;
  spec.variable_attributes = data_variable_attributes(entry, var_name, units.declared);
  spec.lat = s.regrid ? s.regrid->target.lat : grid.lat;
  spec.lon = s.regrid ? s.regrid->target.lon : grid.lon;
  spec.time = TimeSpec{time.calendar, s.time_units,
                       cf::make_output_axis(time.calendar, time.frequency, periods, s.time_units)};
  spec.depth = depth;
  spec.global_attributes = global_attributes(task, s, entry.output_name,
                                             std::string(cf::frequency_name(time.frequency)),
                                             file.global_attributes(), s.regrid.has_value());
  spec.compression = s.compression;
  spec.codec = s.codec;

  // Raw chunk reads + fast inflate for the input too, unless output.codec
  // asks for the all-stock path.
  std::unique_ptr<RawSlabReader> raw;
  if (s.codec == codec::Codec::Fast) {
    std::vector<std::size_t> extent;
    for (const auto& d : info.dims) extent.push_back(d.length);
    raw = RawSlabReader::open(file.path(), var_name, *info.time_dim(), extent, raw_band_limit(s.memory_mb));
  }

  OutputWriter writer(spec);
  const Streamer streamer{var, info, *info.time_dim(), steps, info.extra_dims(), grid, mode,
                          read_value_transform(var, units.conversion.offset),
                          step_scales(units, time.calendar, time.frequency, time.periods),
                          s.regrid ? &cached_weights(grid, s.regrid->target, s.regrid->method) : nullptr,
                          pft ? &*pft : nullptr, &time.periods, raw.get()};
  const auto per_slab = align_slab_to_chunks(
      var, info, slab_steps(s, info.values_per_step(), writer.values_per_step(), steps.last - steps.first), s);
  outcome.bytes_read = streamer.run(writer, per_slab);
  outcome.bytes_written = writer.commit();
  outcome.warnings.insert(outcome.warnings.end(), writer.notes().begin(), writer.notes().end());
  outcome.outputs.push_back(
      std::filesystem::relative(spec.final_path, s.output_root).generic_string());
  return outcome;
}

}  // namespace ti::pipeline
