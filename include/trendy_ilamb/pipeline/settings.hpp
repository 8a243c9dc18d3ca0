#pragma once
// Run-wide settings every worker needs (from the config, identical on all
// ranks because every rank reads the same config file).
#include <string>

#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"

namespace ti::pipeline {

struct Settings {
  std::string output_root;
  int compression = 1;               // deflate level 0..9 (0: no deflate)
  cf::TimeUnits time_units;          // output time units
  std::size_t memory_mb = 1024;      // per-rank budget for slab buffers
  const cf::VariableTable* table = nullptr;
  std::string version;               // trendy_ilamb version
  std::string history;               // the command line
  std::string global_prefix = "input_";  // prefix for the input's global attributes
};

}  // namespace ti::pipeline
