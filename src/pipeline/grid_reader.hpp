#pragma once
// Reads an input's horizontal coordinates (and a kept layer dimension) and
// plans the clean output axes. Errors name the file and coordinate variable.
#include "trendy_ilamb/cf/grid.hpp"
#include "trendy_ilamb/cf/regrid.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"
#include "trendy_ilamb/pipeline/output_writer.hpp"

namespace ti::pipeline {

using AxisPlans = cf::LatLonGrid;

// The clean native grid of `info`: coordinates found by names and attributes,
// the file's own bounds when sane (else midpoints). Missing or broken
// (e.g. all-zero) coordinates are replaced by `override` when given (the
// data are then taken to lie on it, south to north, west to east); else
// io::NcError naming the coordinate and the override to add for `model`.
AxisPlans read_grid(const io::File& file, const DataVarInfo& info, const std::string& model,
                    const cf::LatLonGrid* override);

// Layer centres in metres from the dimension's coordinate variable (units
// convertible to m); bounds at midpoints, the top bound at 0.
// Without a coordinate variable the layers take `override` (metres), else
// io::NcError naming the override to add for `model`.
DepthAxis read_depth(const io::File& file, const DataVarInfo& info, std::size_t dim,
                     const std::string& model, const std::vector<double>* override);

}  // namespace ti::pipeline
