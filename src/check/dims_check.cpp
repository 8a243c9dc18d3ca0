// Dimension order of a data variable: (time[, depth|lev], lat, lon).
#include <algorithm>
#include <cctype>

#include "internal.hpp"
#include "trendy_ilamb/cf/units.hpp"

namespace ti::check::detail {
namespace {

const char* const kExpected = "expected (time[, depth|lev], lat, lon)";

std::string signature(const io::Variable& v) {
  return v.name() + "(" + join(v.dimension_names()) + ")";
}

bool layer_units_ok(const io::File& f, const std::string& dim) {
  if (!f.has_variable(dim)) return true;
  const auto units = text_of(f.variable(dim), "units");
  if (!units) return true;
  const auto& us = cf::UnitSystem::instance();
  for (const char* to : {"m", "Pa"}) {
    try {
      us.conversion(*units, to);
      return true;
    } catch (const cf::UnitError&) {
    }
  }
  return false;
}

void check_layer(const io::File& f, const io::Variable& v, const std::vector<std::string>& middle,
                 FindingSink& sink) {
  if (middle.size() > 1) {
    sink.error("dims", signature(v) + ": more than one extra dimension (ILAMB: \"Ambiguous "
                                      "layered dimension\"); " + kExpected);
    return;
  }
  const auto& dim = middle.front();
  if (dim != "depth" && dim != "lev") {
    sink.error("dims", signature(v) + ": extra dimension '" + dim +
                           "' (ilamb3 recognises only depth or lev; sum or average PFT/pool "
                           "dimensions away); " + kExpected);
  } else if (!layer_units_ok(f, dim)) {
    sink.error("dims", signature(v) + ": units of layer coordinate '" + dim +
                           "' convert neither to m nor to Pa");
  }
}

}  // namespace

void check_dims(const io::File& f, const io::Variable& v, FindingSink& sink) {
  const auto dims = v.dimension_names();
  std::vector<DimRole> roles;
  for (const auto& d : dims) roles.push_back(dim_role(f, d));
  const auto n = roles.size();
  const bool spatial = n >= 2 && roles[n - 2] == DimRole::Lat && roles[n - 1] == DimRole::Lon;
  if (!spatial) {
    sink.error("dims", signature(v) + ": ILAMB counts data as spatial only when its last two "
                                      "dimensions are lat and lon; " + std::string(kExpected));
    return;
  }
  if (is_fixed_field(v.name())) {
    if (n != 2) sink.warning("dims", signature(v) + ": a fixed field is expected as (lat, lon)");
    return;
  }
  if (std::find(roles.begin(), roles.end(), DimRole::Time) == roles.end()) {
    sink.error("dims", signature(v) + ": no time dimension (ILAMB skips data without one); " +
                           kExpected);
    return;
  }
  if (roles.front() != DimRole::Time) {
    sink.error("dims", signature(v) + ": time is not the first dimension; " + kExpected);
    return;
  }
  if (n > 3) check_layer(f, v, {dims.begin() + 1, dims.end() - 2}, sink);
}

void check_naming(const std::string& var, FindingSink& sink) {
  std::string n = var;
  std::transform(n.begin(), n.end(), n.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word : {"lat", "lon"}) {
    const std::string w = word;
    const bool starts = n.rfind(w, 0) == 0;
    const bool ends = n.size() >= w.size() && n.compare(n.size() - w.size(), w.size(), w) == 0;
    if (starts || ends) {
      sink.warning("naming", "data variable '" + var + "' starts or ends with \"" + w +
                                 "\": ILAMB may take it for a coordinate");
      return;
    }
  }
}

}  // namespace ti::check::detail
