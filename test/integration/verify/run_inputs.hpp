#pragma once
// What a run was given, read by the verifier itself: the synthetic
// release's description (<release>/trendy_synth.json, written by
// trendy_synth) and the settings of the run's config that shape its tree
// (parsed here with yaml-cpp, not through the converter's config loader).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "common.hpp"

namespace ti::verify {

struct Release {
  int years = 0;
  double resolution = 0.0;
  std::vector<std::string> simulations, folders;
  bool corrupt = true;
};

Release load_release(const fs::path& input_root);

struct RunSettings {
  fs::path input_root;
  std::vector<std::string> simulations{"S3"}, models, variables;
  std::optional<std::pair<int, int>> period;
  std::optional<double> split_mb;
  std::optional<std::string> regrid_grid;
  fs::path table;  // the config's variable_table, else the built-in one
  YAML::Node overrides;
};

RunSettings load_settings(const fs::path& config, const fs::path& default_table);

// n[section][key], or an undefined node when either is absent (yaml-cpp
// throws on a key below a missing one).
YAML::Node key_of(const YAML::Node& n, const char* section, const char* key);

// Whether the run's input selection (simulations, models, variables: a
// TRENDY name or one of its outputs, case-insensitive) takes this input
// (<input_root>/<model>/<Sx>/<prefix>_<Sx>_<var>.nc[.gz|.bz2]).
bool selected_input(const RunSettings& s, const VariableTable& table, const fs::path& input);

}  // namespace ti::verify
