#pragma once
// Looking inside an input file: which variable holds the data, and what each
// of its dimensions is (time, lat, lon or extra), found by names *and* CF
// attributes (standard_name, units, axis), never by model.
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/io/file.hpp"

namespace ti::pipeline {

enum class DimRole { Time, Lat, Lon, Extra };

struct DimInfo {
  std::string name;
  std::size_t length = 0;
  DimRole role = DimRole::Extra;
  std::optional<std::string> coordinate;  // variable holding its values, if any
};

struct DataVarInfo {
  std::string name;
  io::NcType type = io::NcType::Float;
  std::vector<DimInfo> dims;  // in the variable's own order

  // Index into dims of each role (time/lat/lon: required unless stated).
  std::optional<std::size_t> time_dim() const;
  std::size_t lat_dim() const;
  std::size_t lon_dim() const;
  std::vector<std::size_t> extra_dims() const;
  std::size_t values_per_step() const;  // product of all non-time lengths
};

// Picks the data variable: not a coordinate, bounds or label variable; a name
// matching one of `preferred` (case-insensitive) wins, else most dimensions.
// Throws io::NcError naming the file when nothing qualifies.
std::string find_data_variable(const io::File& file, const std::vector<std::string>& preferred);

// Roles of the dimensions of `var`. Throws io::NcError when no latitude or no
// longitude dimension can be identified, or a role is claimed twice.
DataVarInfo inspect_variable(const io::File& file, const std::string& var);

// The coordinate variable of a dimension: one named like it, else a 1-D
// variable on that dimension that is not a bounds variable.
std::optional<std::string> coordinate_for(const io::File& file, const std::string& dim);

}  // namespace ti::pipeline
