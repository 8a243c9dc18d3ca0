#include "trendy_ilamb/plan/config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/regrid.hpp"
#include "trendy_ilamb/cf/time_units.hpp"

namespace ti::plan {

namespace {

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& what) const {
    const auto line = node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
    throw ConfigError(fmt::format("{}:{}: '{}' {}", origin_, line, key, what));
  }

  // A section must be a map holding only known keys.
  void check_keys(const YAML::Node& map, const std::string& section,
                  const std::set<std::string>& known) const {
    if (!map.IsMap()) fail(map, section, "must be a map of settings");
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) fail(kv.first, section.empty() ? "(key)" : section, "keys must be plain names");
      const auto key = kv.first.as<std::string>();
      if (known.count(key) == 0) {
        const std::string full = section.empty() ? key : section + "." + key;
        fail(kv.first, full, fmt::format("is not a known setting (known: {})", join(known)));
      }
    }
  }

  template <typename T>
  void scalar(const YAML::Node& map, const std::string& section, const char* key, T& out,
              const char* type_name) const {
    const YAML::Node n = map[key];
    if (!n) return;
    const std::string full = section.empty() ? std::string(key) : section + "." + key;
    if (!n.IsScalar()) fail(n, full, fmt::format("must be {}", type_name));
    try {
      out = n.as<T>();
    } catch (const YAML::Exception&) {
      fail(n, full, fmt::format("must be {} (found \"{}\")", type_name, n.Scalar()));
    }
  }

  void list(const YAML::Node& map, const std::string& section, const char* key,
            std::vector<std::string>& out) const {
    const YAML::Node n = map[key];
    if (!n) return;
    const std::string full = section + "." + key;
    if (!n.IsSequence()) fail(n, full, "must be a list of names ([] means all)");
    out.clear();
    for (const auto& item : n) {
      if (!item.IsScalar()) fail(item, full, "must hold names only");
      out.push_back(item.as<std::string>());
    }
  }

  YAML::Node section(const YAML::Node& root, const char* key, bool required) const {
    const YAML::Node n = root[key];
    if (!n && required) fail(root, key, "is required");
    return n;
  }

 private:
  static std::string join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& k : s) out += (out.empty() ? "" : ", ") + k;
    return out;
  }
  std::string origin_;
};

// Relative paths are taken from the config file's folder, and made absolute
// so that reports and the input_file attributes say where files really are.
std::string resolve(const std::string& path, const std::string& config_path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
  const auto base = std::filesystem::path(config_path).parent_path();
  return std::filesystem::absolute(base / path).lexically_normal().string();
}

void read_input(const Reader& r, const YAML::Node& n, Config& c) {
  r.check_keys(n, "input", {"root", "simulations", "models", "variables"});
  if (!n["root"]) r.fail(n, "input.root", "is required");
  r.scalar(n, "input", "root", c.input.root, "a path");
  r.list(n, "input", "simulations", c.input.simulations);
  r.list(n, "input", "models", c.input.models);
  r.list(n, "input", "variables", c.input.variables);
}

void read_period(const Reader& r, const YAML::Node& n, Config& c) {
  const YAML::Node p = n["period"];
  if (!p) return;
  const auto bad = [&] { r.fail(p, "output.period", "must be [first_year, last_year] (whole years, inclusive)"); };
  if (!p.IsSequence() || p.size() != 2) bad();
  try {
    const int first = p[0].as<int>(), last = p[1].as<int>();
    if (first > last) bad();
    c.output.period = std::make_pair(first, last);
  } catch (const YAML::Exception&) {
    bad();
  }
}

void read_output(const Reader& r, const YAML::Node& n, Config& c) {
  r.check_keys(n, "output", {"root", "compression", "codec", "time_units", "period"});
  read_period(r, n, c);
  if (!n["root"]) r.fail(n, "output.root", "is required");
  r.scalar(n, "output", "root", c.output.root, "a path");
  r.scalar(n, "output", "compression", c.output.compression, "an integer 0..9");
  if (c.output.compression < 0 || c.output.compression > 9) {
    r.fail(n["compression"], "output.compression", "must be an integer 0..9");
  }
  std::string codec_name = codec::codec_name(c.output.codec);
  r.scalar(n, "output", "codec", codec_name, "fast or zlib");
  if (codec_name != "fast" && codec_name != "zlib") {
    r.fail(n["codec"], "output.codec", "must be fast or zlib");
  }
  c.output.codec = codec_name == "fast" ? codec::Codec::Fast : codec::Codec::Zlib;
  r.scalar(n, "output", "time_units", c.output.time_units, "text");
  try {
    const auto units = cf::parse_time_units(c.output.time_units);
    if (units.encoding != cf::TimeEncoding::Relative || units.unit == cf::TimeUnit::Months ||
        units.unit == cf::TimeUnit::Years) {
      r.fail(n["time_units"], "output.time_units",
             "must be days/hours/minutes/seconds since a date (cftime rejects months/years)");
    }
  } catch (const cf::TimeError& e) {
    r.fail(n["time_units"], "output.time_units", e.what());
  }
}

void read_run(const Reader& r, const YAML::Node& n, Config& c) {
  r.check_keys(n, "run", {"on_error", "memory_mb", "progress_s", "grace_s", "split_mb", "isolate"});
  std::string on_error = "continue";
  r.scalar(n, "run", "on_error", on_error, "continue or stop");
  if (on_error != "continue" && on_error != "stop") {
    r.fail(n["on_error"], "run.on_error", "must be continue or stop");
  }
  c.run.on_error = on_error == "stop" ? OnError::Stop : OnError::Continue;
  long memory = static_cast<long>(c.run.memory_mb);
  r.scalar(n, "run", "memory_mb", memory, "a positive integer (MiB)");
  if (memory < 16) r.fail(n["memory_mb"], "run.memory_mb", "must be at least 16 (MiB)");
  c.run.memory_mb = static_cast<std::size_t>(memory);
  r.scalar(n, "run", "progress_s", c.run.progress_s, "a number of seconds");
  r.scalar(n, "run", "grace_s", c.run.grace_s, "a number of seconds");
  if (c.run.grace_s < 0) r.fail(n["grace_s"], "run.grace_s", "must not be negative");
  if (n["split_mb"]) {
    double split = 0;
    r.scalar(n, "run", "split_mb", split, "a number of MB (0: never split)");
    if (split < 0) r.fail(n["split_mb"], "run.split_mb", "must not be negative (0: never split)");
    c.run.split_mb = split;
  }
  r.scalar(n, "run", "isolate", c.run.isolate, "true or false");
}

bool is_year_month(const std::string& s) {
  int y = 0, m = 1;
  char dash = 0;
  std::istringstream in(s);
  in >> y;
  if (in.peek() == '-') in >> dash >> m;
  return !in.fail() && in.eof() && m >= 1 && m <= 12;
}

ModelOverride read_override(const Reader& r, const std::string& model, const YAML::Node& n) {
  const std::string section = "overrides." + model;
  r.check_keys(n, section, {"time_start", "frequency", "calendar", "grid", "layer_depths"});
  ModelOverride o;
  std::string text;
  if (n["time_start"]) {
    r.scalar(n, section, "time_start", text, "text \"YYYY-MM\"");
    if (!is_year_month(text)) r.fail(n["time_start"], section + ".time_start", "must be \"YYYY-MM\" or \"YYYY\"");
    o.time_start = text;
  }
  if (n["frequency"]) {
    r.scalar(n, section, "frequency", text, "monthly, annual or daily");
    if (text != "monthly" && text != "annual" && text != "daily") {
      r.fail(n["frequency"], section + ".frequency", "must be monthly, annual or daily");
    }
    o.frequency = text;
  }
  if (n["calendar"]) {
    r.scalar(n, section, "calendar", text, "a CF calendar name");
    if (!cf::parse_calendar(text)) r.fail(n["calendar"], section + ".calendar", "is not a CF calendar");
    o.calendar = text;
  }
  if (n["grid"]) {
    r.scalar(n, section, "grid", text, "a grid \"<dlon>x<dlat>\"");
    try {
      cf::parse_grid_spec(text);
    } catch (const cf::GridError& e) {
      r.fail(n["grid"], section + ".grid", e.what());
    }
    o.grid = text;
  }
  if (const YAML::Node d = n["layer_depths"]) {
    const std::string key = section + ".layer_depths";
    if (!d.IsSequence() || d.size() == 0) r.fail(d, key, "must be a list of layer-centre depths in metres");
    std::vector<double> depths;
    for (const auto& x : d) {
      try {
        depths.push_back(x.as<double>());
      } catch (const YAML::Exception&) {
        r.fail(x, key, "must hold numbers (metres)");
      }
      if (depths.back() <= 0 || (depths.size() > 1 && depths.back() <= depths[depths.size() - 2])) {
        r.fail(x, key, "must increase downwards from above 0");
      }
    }
    o.layer_depths = depths;
  }
  return o;
}

void read_regrid(const Reader& r, const YAML::Node& n, Config& c) {
  r.check_keys(n, "regrid", {"grid", "method"});
  if (!n["grid"]) r.fail(n, "regrid.grid", "is required (\"1x1\", \"0.5x0.5\" or a NetCDF file)");
  RegridConfig g;
  r.scalar(n, "regrid", "grid", g.grid, "a grid \"<dlon>x<dlat>\" or a NetCDF file");
  r.scalar(n, "regrid", "method", g.method, "conservative, bilinear or nearest");
  if (!cf::parse_regrid_method(g.method)) {
    r.fail(n["method"], "regrid.method", "must be conservative, bilinear or nearest");
  }
  const bool is_file = g.grid.ends_with(".nc");
  if (!is_file) {
    try {
      cf::parse_grid_spec(g.grid);
    } catch (const cf::GridError& e) {
      r.fail(n["grid"], "regrid.grid", e.what());
    }
  }
  c.regrid = g;
}

Config parse_config_checked(const std::string& text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(fmt::format("{}:{}: invalid YAML: {}", origin, e.mark.line + 1, e.msg));
  }
  const Reader r(origin);
  if (!root.IsMap()) throw ConfigError(fmt::format("{}: expected a map with input/output/run", origin));
  r.check_keys(root, "", {"input", "output", "run", "variable_table", "overrides", "regrid"});
  Config c;
  c.path = origin;
  read_input(r, r.section(root, "input", true), c);
  read_output(r, r.section(root, "output", true), c);
  if (const auto run = r.section(root, "run", false)) read_run(r, run, c);
  if (const auto o = root["overrides"]) {
    if (!o.IsMap()) r.fail(o, "overrides", "must be a map of model folder names to settings");
    for (const auto& kv : o) {
      if (!kv.first.IsScalar()) r.fail(kv.first, "overrides", "keys must be model folder names");
      const auto model = kv.first.as<std::string>();
      c.overrides[model] = read_override(r, model, kv.second);
    }
  }
  if (const auto g = root["regrid"]) read_regrid(r, g, c);
  if (const auto t = root["variable_table"]) {
    std::string p;
    r.scalar(root, "", "variable_table", p, "a path");
    c.variable_table = resolve(p, origin);
  }
  if (c.regrid && c.regrid->grid.ends_with(".nc")) {
    c.regrid->grid = resolve(c.regrid->grid, origin);
  }
  c.input.root = resolve(c.input.root, origin);
  c.output.root = resolve(c.output.root, origin);
  return c;
}

}  // namespace

Config parse_config(const std::string& text, const std::string& origin) {
  try {
    return parse_config_checked(text, origin);
  } catch (const YAML::Exception& e) {
    // A shape the checks did not foresee: still a config error, not a crash.
    throw ConfigError(fmt::format("{}:{}: {}", origin, e.mark.line + 1, e.msg));
  }
}

Config load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(fmt::format("{}: cannot read the config file", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path);
}

}  // namespace ti::plan
