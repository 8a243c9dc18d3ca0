#pragma once
// Reads an input's horizontal coordinates (and a kept layer dimension) and
// plans the clean output axes. Errors name the file and coordinate variable.
#include "trendy_ilamb/cf/grid.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"
#include "trendy_ilamb/pipeline/output_writer.hpp"

namespace ti::pipeline {

struct AxisPlans {
  cf::AxisPlan lat;
  cf::AxisPlan lon;
};

AxisPlans read_grid(const io::File& file, const DataVarInfo& info);

// Layer centres in metres from the dimension's coordinate variable (units
// convertible to m); bounds at midpoints, the top bound at 0.
DepthAxis read_depth(const io::File& file, const DataVarInfo& info, std::size_t dim);

}  // namespace ti::pipeline
