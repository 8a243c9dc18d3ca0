// The run's inputs as the verifier reads them (see run_inputs.hpp).
#include "run_inputs.hpp"

#include <algorithm>
#include <fstream>

namespace ti::verify {
namespace {

std::vector<std::string> names(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence()) {
    for (const auto& item : n) out.push_back(item.as<std::string>());
  }
  return out;
}

fs::path relative_to(const fs::path& config, const std::string& path) {
  const fs::path p(path);
  return p.is_absolute() ? p : (config.parent_path() / p).lexically_normal();
}

}  // namespace

// n[section][key], or an undefined node when either is absent (yaml-cpp
// throws on a key below a missing one).
YAML::Node key_of(const YAML::Node& n, const char* section, const char* key) {
  if (!n[section] || !n[section].IsMap() || !n[section][key]) return YAML::Node(YAML::NodeType::Undefined);
  return n[section][key];
}

Release load_release(const fs::path& input_root) {
  std::ifstream in(input_root / "trendy_synth.json");
  if (!in) throw std::runtime_error("no trendy_synth.json under " + input_root.string());
  const auto j = nlohmann::json::parse(in);
  Release r;
  r.years = j.at("years").get<int>();
  r.resolution = j.at("resolution").get<double>();
  r.simulations = j.at("simulations").get<std::vector<std::string>>();
  r.folders = j.at("folders").get<std::vector<std::string>>();
  r.corrupt = j.at("corrupt").get<bool>();
  return r;
}

RunSettings load_settings(const fs::path& config, const fs::path& default_table) {
  const YAML::Node root = YAML::LoadFile(config.string());
  RunSettings s;
  s.input_root = relative_to(config, key_of(root, "input", "root").as<std::string>());
  if (const auto sims = names(key_of(root, "input", "simulations")); !sims.empty()) s.simulations = sims;
  s.models = names(key_of(root, "input", "models"));
  s.variables = names(key_of(root, "input", "variables"));
  if (const auto p = key_of(root, "output", "period")) s.period = {{p[0].as<int>(), p[1].as<int>()}};
  if (const auto m = key_of(root, "run", "split_mb")) s.split_mb = m.as<double>();
  if (const auto g = key_of(root, "regrid", "grid")) s.regrid_grid = g.as<std::string>();
  s.table = root["variable_table"] ? relative_to(config, root["variable_table"].as<std::string>())
                                   : default_table;
  if (s.regrid_grid && s.regrid_grid->ends_with(".nc"))
    s.regrid_grid = relative_to(config, *s.regrid_grid).string();
  if (root["overrides"]) s.overrides.reset(root["overrides"]);  // (= on a missing key throws)
  return s;
}


bool selected_input(const RunSettings& s, const VariableTable& table, const fs::path& input) {
  const fs::path rel = input.lexically_relative(s.input_root);
  const std::vector<fs::path> parts(rel.begin(), rel.end());
  if (parts.size() != 3) return true;  // not <model>/<Sx>/<file>: no selection applies
  const std::string model = parts[0].string(), sx = parts[1].string();
  const auto in = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  if (!in(s.simulations, sx) || (!s.models.empty() && !in(s.models, model))) return false;
  if (s.variables.empty()) return true;
  std::string stem = parts[2].string();
  stem = stem.substr(0, stem.find(".nc"));
  const std::string var = stem.substr(stem.rfind('_') + 1);
  std::vector<std::string> names_of = outputs_of(table, var);
  names_of.push_back(var);
  return std::any_of(s.variables.begin(), s.variables.end(), [&](const std::string& f) {
    return std::any_of(names_of.begin(), names_of.end(), [&](const std::string& n) { return iequals(f, n); });
  });
}

}  // namespace ti::verify
