// Which variables hold data, and what each dimension is.
#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "internal.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"

namespace ti::check::detail {
namespace {

using cf::to_lower;

// Names that other variables' bounds/climatology/coordinates attributes cite.
std::set<std::string> referenced_names(const io::File& f) {
  std::set<std::string> names;
  for (const auto& name : f.variable_names()) {
    const auto v = f.variable(name);
    for (const char* att : {"bounds", "climatology", "coordinates"}) {
      std::istringstream words(text_of(v, att).value_or(""));
      for (std::string w; words >> w;) names.insert(w);
    }
  }
  return names;
}

bool is_auxiliary(const io::Variable& v, const std::set<std::string>& referenced) {
  const auto dims = v.dimension_names();
  const auto& name = v.name();
  if (dims.empty()) return true;
  if (dims.size() == 1 && dims[0] == name) return true;
  if (referenced.count(name) > 0) return true;
  if (name.ends_with("_bnds") || name.ends_with("_bounds") || name.ends_with("_bnd")) return true;
  return v.type() == io::NcType::Char || v.type() == io::NcType::String;
}

struct CoordHints {
  std::string units, axis, standard_name;
};

CoordHints coord_hints(const io::File& f, const std::string& dim) {
  if (!f.has_variable(dim)) return {};
  const auto v = f.variable(dim);
  return {to_lower(text_of(v, "units").value_or("")), to_lower(text_of(v, "axis").value_or("")),
          to_lower(text_of(v, "standard_name").value_or(""))};
}

}  // namespace

std::optional<std::string> text_of(const io::Variable& v, const std::string& att) {
  const auto a = v.attribute(att);
  if (!a || !a->is_text()) return std::nullopt;
  return a->text;
}

std::optional<std::string> global_text(const io::File& f, const std::string& att) {
  for (const auto& a : f.global_attributes()) {
    if (a.name == att && a.is_text()) return a.text;
  }
  return std::nullopt;
}

std::vector<std::string> find_data_variables(const io::File& f) {
  const auto referenced = referenced_names(f);
  std::vector<std::string> out;
  for (const auto& name : f.variable_names()) {
    if (!is_auxiliary(f.variable(name), referenced)) out.push_back(name);
  }
  return out;
}

bool is_fixed_field(std::string_view name) {
  return name == "sftlf" || name == "areacella" || name == "area" || name == "landfrac";
}

DimRole dim_role(const io::File& f, const std::string& dim) {
  const auto name = to_lower(dim);
  const auto h = coord_hints(f, dim);
  if (name == "time" || h.axis == "t" || h.standard_name == "time" ||
      h.units.find(" since ") != std::string::npos) {
    return DimRole::Time;
  }
  if (name.find("lat") != std::string::npos || h.units == "degrees_north" ||
      h.standard_name == "latitude") {
    return DimRole::Lat;
  }
  if (name.find("lon") != std::string::npos || h.units == "degrees_east" ||
      h.standard_name == "longitude") {
    return DimRole::Lon;
  }
  if (name == "depth" || name == "lev" || h.axis == "z") return DimRole::Layer;
  return DimRole::Other;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

}  // namespace ti::check::detail
