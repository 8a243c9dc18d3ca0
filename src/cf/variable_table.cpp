#include "trendy_ilamb/cf/variable_table.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "variable_table_yaml.hpp"

namespace ti::cf {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view rule_name(ExtraDimRule r) {
  switch (r) {
    case ExtraDimRule::None: return "none";
    case ExtraDimRule::Sum: return "sum";
    case ExtraDimRule::KeepDepth: return "keep_depth";
    case ExtraDimRule::PftWeighted: return "pft_weighted";
  }
  return "none";
}

std::string_view role_name(FixedRole r) {
  switch (r) {
    case FixedRole::LandFraction: return "land_fraction";
    case FixedRole::OceanFraction: return "ocean_fraction";
    case FixedRole::CellArea: return "cell_area";
  }
  return "land_fraction";
}

namespace {

[[noreturn]] void fail(const std::string& origin, const YAML::Node& node, const std::string& what) {
  throw TableError(fmt::format("variable table {} line {}: {}", origin, node.Mark().line + 1, what));
}

std::string text(const YAML::Node& parent, const char* key, const std::string& origin,
                 bool required) {
  const YAML::Node node = parent[key];
  if (!node) {
    if (required) fail(origin, parent, fmt::format("missing key '{}'", key));
    return {};
  }
  if (!node.IsScalar()) fail(origin, node, fmt::format("'{}' must be a string", key));
  return node.as<std::string>();
}

std::vector<std::string> sources(const YAML::Node& parent, const std::string& origin) {
  const YAML::Node node = parent["sources"];
  if (!node || !node.IsSequence() || node.size() == 0) {
    fail(origin, parent, "'sources' must be a non-empty list of names");
  }
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

ExtraDimRule parse_rule(const YAML::Node& parent, const std::string& origin) {
  const std::string value = text(parent, "extra_dims", origin, false);
  for (auto r : {ExtraDimRule::None, ExtraDimRule::Sum, ExtraDimRule::KeepDepth,
                 ExtraDimRule::PftWeighted}) {
    if (value.empty() || value == rule_name(r)) return value.empty() ? ExtraDimRule::None : r;
  }
  fail(origin, parent["extra_dims"],
       fmt::format("extra_dims '{}' is not one of none, sum, keep_depth, pft_weighted", value));
}

FixedRole parse_role(const YAML::Node& parent, const std::string& origin) {
  const std::string value = text(parent, "role", origin, true);
  for (auto r : {FixedRole::LandFraction, FixedRole::OceanFraction, FixedRole::CellArea}) {
    if (value == role_name(r)) return r;
  }
  fail(origin, parent["role"],
       fmt::format("role '{}' is not one of land_fraction, ocean_fraction, cell_area", value));
}

const std::vector<std::string> kVariableKeys = {"sources",      "units",    "standard_name",
                                                "long_name",    "cell_methods", "positive",
                                                "extra_dims",   "top_m"};

void reject_unknown_keys(const YAML::Node& node, const std::vector<std::string>& known,
                         const std::string& origin) {
  for (const auto& kv : node) {
    const auto key = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      fail(origin, kv.first, fmt::format("unknown key '{}'", key));
    }
  }
}

VariableEntry parse_variable(const std::string& name, const YAML::Node& node,
                             const std::string& origin) {
  if (!node.IsMap()) fail(origin, node, fmt::format("entry '{}' must be a map", name));
  reject_unknown_keys(node, kVariableKeys, origin);
  VariableEntry e;
  e.output_name = name;
  e.sources = sources(node, origin);
  e.units = text(node, "units", origin, true);
  e.standard_name = text(node, "standard_name", origin, true);
  e.long_name = text(node, "long_name", origin, true);
  e.cell_methods = text(node, "cell_methods", origin, true);
  e.positive = text(node, "positive", origin, false);
  if (!e.positive.empty() && e.positive != "up" && e.positive != "down") {
    fail(origin, node["positive"], "positive must be 'up' or 'down'");
  }
  e.extra_dims = parse_rule(node, origin);
  if (const YAML::Node t = node["top_m"]) {
    try {
      e.top_m = t.as<double>();
    } catch (const YAML::Exception&) {
      fail(origin, t, "top_m must be a depth in metres");
    }
    if (!(*e.top_m > 0)) fail(origin, t, "top_m must be a depth in metres above 0");
  }
  return e;
}

FixedInputEntry parse_fixed(const YAML::Node& node, const std::string& origin) {
  if (!node.IsMap()) fail(origin, node, "fixed_inputs entries must be maps");
  reject_unknown_keys(node, {"sources", "role", "extra_dims"}, origin);
  return {sources(node, origin), parse_role(node, origin), parse_rule(node, origin)};
}

}  // namespace

VariableTable VariableTable::parse(std::string_view yaml_text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw TableError(fmt::format("variable table {}: {}", origin, e.what()));
  }
  VariableTable table;
  const YAML::Node vars = root["variables"];
  if (!vars || !vars.IsMap()) fail(origin, root, "missing map 'variables'");
  for (const auto& kv : vars) {
    table.variables_.push_back(parse_variable(kv.first.as<std::string>(), kv.second, origin));
  }
  if (const YAML::Node fixed = root["fixed_inputs"]) {
    if (!fixed.IsSequence()) fail(origin, fixed, "'fixed_inputs' must be a list");
    for (const auto& item : fixed) table.fixed_.push_back(parse_fixed(item, origin));
  }
  return table;
}

const VariableTable& VariableTable::builtin() {
  static const VariableTable table = parse(embedded::variable_table_yaml, "built-in");
  return table;
}

const VariableEntry* VariableTable::find_variable(std::string_view name) const {
  for (const auto& e : variables_) {
    if (iequals(e.output_name, name)) return &e;
    for (const auto& s : e.sources) {
      if (iequals(s, name)) return &e;
    }
  }
  return nullptr;
}

std::vector<const VariableEntry*> VariableTable::find_all(std::string_view name) const {
  std::vector<const VariableEntry*> out;
  const auto* first = find_variable(name);
  if (first == nullptr) return out;
  out.push_back(first);
  for (const auto& e : variables_) {
    if (&e == first || !e.top_m) continue;
    for (const auto& s : e.sources) {
      if (iequals(s, name)) {
        out.push_back(&e);
        break;
      }
    }
  }
  return out;
}

const FixedInputEntry* VariableTable::find_fixed_input(std::string_view name) const {
  for (const auto& e : fixed_) {
    for (const auto& s : e.sources) {
      if (iequals(s, name)) return &e;
    }
  }
  return nullptr;
}

const VariableEntry* VariableTable::by_output_name(std::string_view output_name) const {
  for (const auto& e : variables_) {
    if (e.output_name == output_name) return &e;
  }
  return nullptr;
}

}  // namespace ti::cf
