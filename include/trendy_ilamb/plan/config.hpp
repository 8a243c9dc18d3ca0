#pragma once
// The run configuration (YAML), validated: an unknown key, a wrong type or a
// missing required key is a ConfigError naming the key and its line.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "trendy_ilamb/codec/chunk_codec.hpp"

namespace ti::plan {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class OnError { Continue, Stop };

// What a model's files do not say about themselves. Used only for files whose
// own time axis cannot be decoded (index-only, missing or unusable units).
struct ModelOverride {
  std::optional<std::string> time_start;  // "YYYY-MM" (or "YYYY")
  std::optional<std::string> frequency;   // monthly | annual | daily
  std::optional<std::string> calendar;    // CF calendar name
  std::optional<std::string> grid;        // "<dlon>x<dlat>" for missing/broken coordinates
  std::optional<std::vector<double>> layer_depths;  // metres, for layers without depth values
};

struct RegridConfig {
  std::string grid;                      // "<dlon>x<dlat>" or a NetCDF file
  std::string method = "conservative";   // conservative | bilinear | nearest
};

struct Config {
  std::string path;  // where it was read from
  struct {
    std::string root;
    std::vector<std::string> simulations{"S3"};
    std::vector<std::string> models;     // empty: all
    std::vector<std::string> variables;  // empty: all (input or output names)
  } input;
  struct {
    std::string root;
    int compression = 1;
    // fast: chunks deflated by ISA-L/libdeflate and written directly;
    // zlib: netCDF's filters. Default fast when built with ISA-L.
    codec::Codec codec = codec::default_codec();
    std::string time_units = "days since 1700-01-01 00:00:00";
    std::optional<std::pair<int, int>> period;  // whole years, inclusive
  } output;
  struct {
    OnError on_error = OnError::Continue;
    std::size_t memory_mb = 1024;
    double progress_s = 10.0;  // seconds between progress lines
    // After a stop signal, running tasks get this long before they are
    // killed (their outputs are then redone on resume).
    double grace_s = 120.0;
    // Inputs estimated to read more than this are split into whole-year
    // pieces; absent: sized from the release (see planner.hpp); 0: never.
    std::optional<double> split_mb;
    // Each task runs in a child process, so a crash inside netCDF/HDF5
    // fails that task only (see docs/architecture.md).
    bool isolate = true;
  } run;
  std::optional<std::string> variable_table;  // path replacing the built-in table
  std::map<std::string, ModelOverride> overrides;  // by model folder name
  std::optional<RegridConfig> regrid;
};

// Parses YAML text; `origin` names it in messages. Relative paths in the
// config are taken relative to the config file's folder.
Config parse_config(const std::string& text, const std::string& origin);
Config load_config(const std::string& path);

}  // namespace ti::plan
