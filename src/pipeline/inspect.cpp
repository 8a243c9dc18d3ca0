#include "trendy_ilamb/pipeline/inspect.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

bool starts_with_ci(const std::string& s, const std::string& prefix) {
  return cf::to_lower(s).rfind(prefix, 0) == 0;
}

std::string text_att(const io::Variable& v, const std::string& name) {
  auto att = v.attribute(name);
  return att && att->is_text() ? cf::to_lower(att->text) : std::string{};
}

// Names of variables that other variables point to as bounds or as
// auxiliary labels: never the data.
std::set<std::string> referenced_helpers(const io::File& file) {
  std::set<std::string> out;
  for (const auto& name : file.variable_names()) {
    const auto v = file.variable(name);
    for (const char* key : {"bounds", "climatology"}) {
      if (auto att = v.attribute(key); att && att->is_text()) out.insert(att->text);
    }
  }
  return out;
}

bool looks_like_helper(const io::File& file, const std::string& name,
                       const std::set<std::string>& helpers) {
  if (helpers.count(name) != 0) return true;
  const std::string l = cf::to_lower(name);
  for (const char* suffix : {"_bnds", "_bounds", "_bnd"}) {
    const std::string s(suffix);
    if (l.size() > s.size() && l.compare(l.size() - s.size(), s.size(), s) == 0) return true;
  }
  const auto v = file.variable(name);
  if (!io::is_numeric(v.type())) return true;  // char labels (nchar, str_len)
  const auto dims = v.dimension_names();
  return dims.size() <= 1;  // coordinates and 1-D helpers (time, lat, pft ids)
}

bool is_time(const io::File& file, const io::Dimension& dim, const std::optional<std::string>& coord) {
  if (dim.unlimited) return true;
  if (starts_with_ci(dim.name, "time") || cf::to_lower(dim.name) == "t") return true;
  if (!coord) return false;
  const auto v = file.variable(*coord);
  return text_att(v, "standard_name") == "time" || text_att(v, "axis") == "t" ||
         text_att(v, "units").find(" since ") != std::string::npos;
}

// degrees_north, degree_north, degree_N, degreesN ... -> "north" / "n".
bool has_units_of(const io::Variable& v, const std::string& full, const std::string& letter) {
  std::string u = text_att(v, "units");
  if (u.rfind("degree", 0) != 0) return false;
  u.erase(0, 6);
  if (!u.empty() && u[0] == 's') u.erase(0, 1);
  if (!u.empty() && u[0] == '_') u.erase(0, 1);
  return u == full || u == letter;
}

bool is_lat(const io::File& file, const std::string& dim, const std::optional<std::string>& coord) {
  if (starts_with_ci(dim, "lat") || cf::to_lower(dim) == "y") return true;
  if (!coord) return false;
  const auto v = file.variable(*coord);
  return starts_with_ci(*coord, "lat") || text_att(v, "standard_name") == "latitude" ||
         text_att(v, "axis") == "y" || has_units_of(v, "north", "n");
}

bool is_lon(const io::File& file, const std::string& dim, const std::optional<std::string>& coord) {
  if (starts_with_ci(dim, "lon") || cf::to_lower(dim) == "x") return true;
  if (!coord) return false;
  const auto v = file.variable(*coord);
  return starts_with_ci(*coord, "lon") || text_att(v, "standard_name") == "longitude" ||
         text_att(v, "axis") == "x" || has_units_of(v, "east", "e");
}

DimRole role_of(const io::File& file, const io::Dimension& dim,
                const std::optional<std::string>& coord) {
  if (is_time(file, dim, coord)) return DimRole::Time;
  if (is_lat(file, dim.name, coord)) return DimRole::Lat;
  if (is_lon(file, dim.name, coord)) return DimRole::Lon;
  return DimRole::Extra;
}

}  // namespace

std::optional<std::size_t> DataVarInfo::time_dim() const {
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i].role == DimRole::Time) return i;
  }
  return std::nullopt;
}

std::size_t DataVarInfo::lat_dim() const {
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i].role == DimRole::Lat) return i;
  }
  return dims.size();
}

std::size_t DataVarInfo::lon_dim() const {
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i].role == DimRole::Lon) return i;
  }
  return dims.size();
}

std::vector<std::size_t> DataVarInfo::extra_dims() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i].role == DimRole::Extra) out.push_back(i);
  }
  return out;
}

std::size_t DataVarInfo::values_per_step() const {
  std::size_t n = 1;
  for (const auto& d : dims) {
    if (d.role != DimRole::Time) n *= d.length;
  }
  return n;
}

std::optional<std::string> coordinate_for(const io::File& file, const std::string& dim) {
  if (file.has_variable(dim) && file.variable(dim).dimension_names() == std::vector<std::string>{dim}) {
    return dim;
  }
  const auto helpers = referenced_helpers(file);
  for (const auto& name : file.variable_names()) {
    if (helpers.count(name) != 0) continue;
    const auto v = file.variable(name);
    if (io::is_numeric(v.type()) && v.dimension_names() == std::vector<std::string>{dim}) return name;
  }
  return std::nullopt;
}

std::string find_data_variable(const io::File& file, const std::vector<std::string>& preferred) {
  const auto helpers = referenced_helpers(file);
  std::vector<std::string> candidates;
  for (const auto& name : file.variable_names()) {
    if (!looks_like_helper(file, name, helpers)) candidates.push_back(name);
  }
  if (candidates.empty()) {
    throw io::NcError({file.path(), {}, {}},
                      "no data variable found (every variable is a coordinate, bounds or label)");
  }
  for (const auto& want : preferred) {
    for (const auto& c : candidates) {
      if (cf::iequals(c, want)) return c;
    }
  }
  // Most dimensions wins; among equals the first keeps the file's order.
  return *std::max_element(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
    return file.variable(a).dimension_names().size() < file.variable(b).dimension_names().size();
  });
}

DataVarInfo inspect_variable(const io::File& file, const std::string& var) {
  const auto v = file.variable(var);
  DataVarInfo info;
  info.name = var;
  info.type = v.type();
  const auto names = v.dimension_names();
  for (const auto& name : names) {
    const auto dim = file.dimension(name);
    DimInfo d{name, dim.length, DimRole::Extra, coordinate_for(file, name)};
    d.role = role_of(file, dim, d.coordinate);
    info.dims.push_back(d);
  }
  for (auto role : {DimRole::Time, DimRole::Lat, DimRole::Lon}) {
    const auto n = std::count_if(info.dims.begin(), info.dims.end(),
                                 [&](const DimInfo& d) { return d.role == role; });
    if (n > 1) {
      throw io::NcError({file.path(), var, {}},
                        fmt::format("dimensions ({}) claim the same role twice",
                                    fmt::join(names, ", ")));
    }
  }
  if (info.lat_dim() == info.dims.size() || info.lon_dim() == info.dims.size()) {
    throw io::NcError({file.path(), var, {}},
                      fmt::format("cannot tell latitude and longitude among dimensions ({}): "
                                  "expected names like lat/lon or coordinate variables with "
                                  "standard_name latitude/longitude or units degrees_north/east",
                                  fmt::join(names, ", ")));
  }
  return info;
}

}  // namespace ti::pipeline
