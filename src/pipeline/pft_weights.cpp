#include "pft_weights.hpp"

#include <fmt/format.h>

#include <cmath>

#include "trendy_ilamb/cf/fill.hpp"
#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/pipeline/slab_transform.hpp"
#include "trendy_ilamb/pipeline/time_reader.hpp"
#include "value_transform_reader.hpp"

namespace ti::pipeline {

PftWeights::PftWeights(const std::string& path, const AxisPlans& data_grid, std::size_t npft,
                       const std::string& model, const Settings& settings)
    : file_(io::File::open_read(path)) {
  info_ = inspect_variable(file_, find_data_variable(file_, {"landCoverFrac"}));
  const auto extras = info_.extra_dims();
  if (extras.size() != 1 || info_.dims[extras[0]].length != npft) {
    throw io::NcError({path, info_.name, {}},
                      fmt::format("per-PFT fractions need one PFT dimension of {} entries, as the data",
                                  npft));
  }
  grid_ = read_grid(file_, info_, model, settings.grid_override(model));
  if (!cf::same_centres(grid_.lat, data_grid.lat) || !cf::same_centres(grid_.lon, data_grid.lon)) {
    throw io::NcError({path, info_.name, {}}, "per-PFT fractions are on another grid than the data");
  }
  const auto time = read_time_axis(file_, info_, model, settings.time_override(model));
  periods_ = time.periods;
  frequency_ = time.frequency;
}

std::vector<float> PftWeights::read_step(std::size_t step) const {
  const auto var = file_.variable(info_.name);
  std::vector<std::size_t> start(info_.dims.size(), 0), count;
  for (const auto& d : info_.dims) count.push_back(d.length);
  const auto t = *info_.time_dim();
  start[t] = step;
  count[t] = 1;
  std::vector<double> in(info_.values_per_step());
  var.read(start, count, in.data());
  const auto layout = make_layout(count, t, info_.lat_dim(), info_.lon_dim(), info_.extra_dims(),
                                  grid_.lat.source_index, grid_.lon.source_index, ExtraMode::Keep);
  std::vector<float> out(layout.out_values_per_step());
  transform_slab(layout, read_value_transform(var, 0.0), in.data(), 1, {1.0}, out.data());
  return out;
}

const std::vector<float>& PftWeights::for_period(const cf::Period& p) {
  for (std::size_t k = 0; k < periods_.size(); ++k) {
    const auto& w = periods_[k];
    const bool match = frequency_ == cf::Frequency::Annual ? w.year == p.year
                                                           : w.year == p.year && w.month == p.month;
    if (!match) continue;
    if (cache_.size() > 4) cache_.clear();  // slabs move forward in time
    auto it = cache_.find(k);
    if (it == cache_.end()) it = cache_.emplace(k, read_step(k)).first;
    return it->second;
  }
  throw io::NcError({file_.path(), info_.name, {}},
                    fmt::format("no per-PFT fractions for {}-{:02d} of the data", p.year, p.month));
}

void weighted_mean(const float* values, std::size_t npft, std::size_t cells,
                   const std::vector<float>& fractions, float* out) {
  for (std::size_t c = 0; c < cells; ++c) {
    double sum = 0.0, weight = 0.0;
    for (std::size_t k = 0; k < npft; ++k) {
      const float f = fractions[k * cells + c];
      const float v = values[k * cells + c];
      if (f == cf::kOutputFill || !(f > 0.0f) || v == cf::kOutputFill) continue;
      sum += static_cast<double>(f) * v;
      weight += f;
    }
    out[c] = weight > 0.0 ? static_cast<float>(sum / weight) : cf::kOutputFill;
  }
}

}  // namespace ti::pipeline
