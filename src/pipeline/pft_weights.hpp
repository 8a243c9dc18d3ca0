#pragma once
// Per-PFT fractions (the model's landCoverFrac), opened by the task with its
// own handle, to turn per-PFT values into grid-cell values:
//   cell = sum_k f_k v_k / sum_k f_k   over the PFTs with a valid value,
// the mean over the cell's vegetated land. Annual fractions apply to every
// month of their year; monthly fractions to their own month.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grid_reader.hpp"
#include "trendy_ilamb/cf/time_axis.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"
#include "trendy_ilamb/pipeline/settings.hpp"

namespace ti::pipeline {

class PftWeights {
 public:
  // Throws io::NcError when the file's grid or PFT count differ from the data's.
  PftWeights(const std::string& path, const AxisPlans& data_grid, std::size_t npft,
             const std::string& model, const Settings& settings);

  // (npft, nlat, nlon) fractions for a data step; throws naming the period
  // when the file has no matching step.
  const std::vector<float>& for_period(const cf::Period& p);

 private:
  std::vector<float> read_step(std::size_t step) const;

  io::File file_;
  DataVarInfo info_;
  AxisPlans grid_;
  std::vector<cf::Period> periods_;
  cf::Frequency frequency_ = cf::Frequency::Annual;
  std::map<std::size_t, std::vector<float>> cache_;  // a few steps at most: slabs advance in time
};

// out(t, cell) = weighted mean over k of values(t, k, cell); fill where no
// PFT with positive fraction has a valid value.
void weighted_mean(const float* values, std::size_t npft, std::size_t cells,
                   const std::vector<float>& fractions, float* out);

}  // namespace ti::pipeline
