#pragma once
// Run-wide settings every worker needs (from the config, identical on all
// ranks because every rank reads the same config file).
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "trendy_ilamb/cf/regrid.hpp"
#include "trendy_ilamb/codec/chunk_codec.hpp"
#include "trendy_ilamb/cf/time_axis.hpp"
#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"

namespace ti::pipeline {

// How to date the steps of a model whose files cannot date themselves
// (config `overrides: {MODEL: {time_start, frequency, calendar}}`).
struct TimeOverride {
  cf::Period start;
  cf::Frequency frequency = cf::Frequency::Monthly;
  std::optional<cf::Calendar> calendar;  // else the file's, else standard
};

struct Settings {
  std::string output_root;
  int compression = 1;               // deflate level 0..9 (0: no deflate)
  codec::Codec codec = codec::default_codec();  // how outputs are compressed (output.codec)
  cf::TimeUnits time_units;          // output time units
  std::size_t memory_mb = 1024;      // per-rank budget for slab buffers
  const cf::VariableTable* table = nullptr;
  std::string version;               // trendy_ilamb version
  std::string history;               // the command line
  std::string global_prefix = "input_";  // prefix for the input's global attributes
  std::optional<std::pair<int, int>> period;          // output.period, whole years inclusive
  std::map<std::string, TimeOverride> time_overrides;  // by model folder name
  // Grids for models whose coordinates are missing or broken (all zero):
  // config `overrides: {MODEL: {grid: "1x1"}}`.
  std::map<std::string, cf::LatLonGrid> grid_overrides;
  // Layer-centre depths (m) for models whose layer dimension has no values.
  std::map<std::string, std::vector<double>> depth_overrides;
  // Config `regrid: {grid, method}`: every output goes onto this grid ("gr").
  struct Regrid {
    cf::LatLonGrid target;
    cf::RegridMethod method = cf::RegridMethod::Conservative;
  };
  std::optional<Regrid> regrid;

  // The override for `model`, or nullptr.
  const TimeOverride* time_override(const std::string& model) const { return find(time_overrides, model); }
  const cf::LatLonGrid* grid_override(const std::string& model) const { return find(grid_overrides, model); }
  const std::vector<double>* depth_override(const std::string& model) const {
    return find(depth_overrides, model);
  }

 private:
  template <typename Map>
  static const typename Map::mapped_type* find(const Map& m, const std::string& key) {
    const auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
  }
};

}  // namespace ti::pipeline
