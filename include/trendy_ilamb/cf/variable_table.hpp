#pragma once
// The TRENDY -> CMIP variable table (data, parsed from YAML text; no I/O).
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ti::cf {

class TableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ExtraDimRule { None, Sum, KeepDepth, PftWeighted };
std::string_view rule_name(ExtraDimRule r);

struct VariableEntry {
  std::string output_name;
  std::vector<std::string> sources;
  std::string units;
  std::string standard_name;
  std::string long_name;
  std::string cell_methods;
  std::string positive;  // empty when none
  ExtraDimRule extra_dims = ExtraDimRule::None;
  // Derived from a layered source: the sum of its layers in the top `top_m`
  // metres (mrsos = top 0.1 m of msl), where a layer edge lies there.
  std::optional<double> top_m;
};

enum class FixedRole { LandFraction, OceanFraction, CellArea };
std::string_view role_name(FixedRole r);

struct FixedInputEntry {
  std::vector<std::string> sources;
  FixedRole role = FixedRole::LandFraction;
  ExtraDimRule extra_dims = ExtraDimRule::None;
};

class VariableTable {
 public:
  // Parses the YAML text; `origin` names it in errors (a path or "built-in").
  static VariableTable parse(std::string_view yaml_text, const std::string& origin);
  // The table built into the binary (config/variables.yaml).
  static const VariableTable& builtin();

  // Case-insensitive match against every entry's sources (and output name).
  const VariableEntry* find_variable(std::string_view name) const;
  // Every entry `name` feeds: the one find_variable gives, then derived ones.
  std::vector<const VariableEntry*> find_all(std::string_view name) const;
  const FixedInputEntry* find_fixed_input(std::string_view name) const;
  const VariableEntry* by_output_name(std::string_view output_name) const;

  const std::vector<VariableEntry>& variables() const { return variables_; }
  const std::vector<FixedInputEntry>& fixed_inputs() const { return fixed_; }

 private:
  std::vector<VariableEntry> variables_;
  std::vector<FixedInputEntry> fixed_;
};

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);  // ASCII

}  // namespace ti::cf
