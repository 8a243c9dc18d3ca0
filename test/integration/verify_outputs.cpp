// trendy_verify: an independent check of what trendy_ilamb wrote.
//
// Every expectation is re-derived from DESIGN.md "Output contract" and from
// the synthetic release's known answer (synth/analytic.hpp, synth/profile.hpp),
// never from the converter's own code: files are read with ti::io, dates are
// decoded with ti::cf's calendar, and config/variables.yaml is parsed here
// with yaml-cpp. A bug shared by the converter and this checker would need
// the same wrong reading of the contract twice.
//
//   trendy_verify contract OUT_ROOT [--report] [--table variables.yaml]
//   trendy_verify report   OUT_ROOT --expect-failed NAME[,NAME...]
//   trendy_verify same     A_ROOT B_ROOT
//
// Prints one line per problem ("<file>: <what>"), then a summary line.
// Exit status: 0 no problem, 1 problems found, 2 usage error.

// CLI11 2.1's inline string splitting trips GCC 12's -Wnull-dereference
// (a false positive inside libstdc++ once inlined here); not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/cases.hpp"
#include "trendy_ilamb/synth/profile.hpp"
#include "trendy_ilamb/synth/values.hpp"

#ifndef TI_VARIABLE_TABLE
#define TI_VARIABLE_TABLE "config/variables.yaml"
#endif

namespace {

namespace fs = std::filesystem;
namespace cf = ti::cf;
namespace io = ti::io;
namespace synth = ti::synth;
using io::NcType;

constexpr float kFill = 1.0e20f;

// Values: the synthetic inputs are float32 (or float64 rounded from the same
// analytic value), the converter scales them in double and stores float32,
// and summed pools add one rounding per pool: a handful of float32 roundings
// (2^-24 ~ 6e-8 each), so a few 1e-7 at worst. 2e-5 leaves ample margin for
// that and still catches every plausible bug: a wrong month length (>= 3%),
// a one-year shift (0.2% from the trend term), a one-month shift (up to 5%
// from the seasonal term), a one-cell roll or flip even at 0.5 degrees
// (>= 0.1% from the longitude/latitude terms).
constexpr double kValueTolerance = 2.0e-5;
// sftlf from a fraction file: one float32 input, one float32 output.
constexpr double kFractionTolerance = 1.0e-5;
// Cell areas: exact spherical formula in double; a float32 areacella carries
// one rounding per cell (2^-24 relative), so neither a cell nor the global
// sum can be closer than that. 1e-10 is the bound for double storage.
constexpr double kAreaToleranceDouble = 1.0e-10;
constexpr double kAreaToleranceFloat = 1.0e-7;
// Time steps read at once: memory stays small whatever the file size.
constexpr std::size_t kSlabSteps = 4;
// Beyond this, per-value problems of one variable are only counted.
constexpr std::size_t kDetailedValueProblems = 5;

// ---------------------------------------------------------------- problems

class Problems {
 public:
  void add(const fs::path& where, const std::string& what) {
    lines_.push_back(fmt::format("{}: {}", where.string(), what));
  }
  std::size_t count() const { return lines_.size(); }
  // Prints every problem and a summary; returns the exit status.
  int finish(const std::string& mode, const std::string& checked) const {
    for (const auto& l : lines_) std::fprintf(stderr, "%s\n", l.c_str());
    std::printf("trendy_verify %s: %s; %zu problem(s)\n", mode.c_str(), checked.c_str(),
                lines_.size());
    return lines_.empty() ? 0 : 1;
  }

 private:
  std::vector<std::string> lines_;
};

// ------------------------------------------------------- variable table

struct TableEntry {
  std::string units, standard_name, long_name, cell_methods, positive;
};

struct VariableTable {
  std::map<std::string, TableEntry> variables;  // by output name
  std::vector<std::string> fixed_sources;       // TRENDY names of fixed inputs
};

std::string yaml_text(const YAML::Node& node, const char* key) {
  return node[key] ? node[key].as<std::string>() : std::string{};
}

// Parsed here, not through ti::cf, so that a table-reading bug in the
// converter cannot hide itself.
VariableTable load_table(const fs::path& path) {
  const YAML::Node root = YAML::LoadFile(path.string());
  VariableTable table;
  for (const auto& kv : root["variables"]) {
    const YAML::Node& v = kv.second;
    table.variables[kv.first.as<std::string>()] =
        TableEntry{yaml_text(v, "units"), yaml_text(v, "standard_name"), yaml_text(v, "long_name"),
                   yaml_text(v, "cell_methods"), yaml_text(v, "positive")};
  }
  for (const auto& entry : root["fixed_inputs"]) {
    for (const auto& s : entry["sources"]) table.fixed_sources.push_back(s.as<std::string>());
  }
  return table;
}

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// ------------------------------------------------------- synthetic release

// The profile that wrote a release folder, if the folder is synthetic.
const synth::Profile* profile_for(const std::string& folder) {
  static const std::vector<synth::Profile> profiles = synth::default_profiles();
  for (const auto& p : profiles) {
    if (p.folder == folder) return &p;
  }
  return nullptr;
}

// Folders that ship a land or ocean fraction file: their sftlf must come
// from it (DESIGN: "from the model's land/ocean fraction file when it has one").
bool ships_fraction_file(const std::string& folder) {
  const synth::Profile* p = profile_for(folder);
  if (p == nullptr) return false;
  return std::any_of(p->variables.begin(), p->variables.end(), [](const synth::VariableSpec& v) {
    return v.field == synth::Field::LandFraction || v.field == synth::Field::OceanFraction;
  });
}

// ------------------------------------------------------------ file names

enum class Freq { Monthly, Annual, Daily, Fixed };

struct OutputName {
  std::string var, table, grid, start, end;
  Freq freq = Freq::Fixed;
};

std::optional<Freq> freq_of_table(const std::string& table) {
  if (table == "Lmon") return Freq::Monthly;
  if (table == "Eyr") return Freq::Annual;
  if (table == "Eday") return Freq::Daily;
  if (table == "fx") return Freq::Fixed;
  return std::nullopt;
}

std::string frequency_word(Freq f) {
  switch (f) {
    case Freq::Monthly:
      return "mon";
    case Freq::Annual:
      return "yr";
    case Freq::Daily:
      return "day";
    case Freq::Fixed:
      return "fx";
  }
  return "?";
}

// <var>_<table>_<Model>_<Sx>_r1i1p1f1_<grid>[_<start>-<end>].nc. Model names
// may hold '_', so the model part is matched against the folder name rather
// than split off.
std::optional<OutputName> parse_output_name(const std::string& file, const std::string& model,
                                            const std::string& sx) {
  if (!file.ends_with(".nc")) return std::nullopt;
  const std::string stem = file.substr(0, file.size() - 3);
  const auto p1 = stem.find('_');
  const auto p2 = p1 == std::string::npos ? p1 : stem.find('_', p1 + 1);
  if (p2 == std::string::npos) return std::nullopt;
  OutputName n;
  n.var = stem.substr(0, p1);
  n.table = stem.substr(p1 + 1, p2 - p1 - 1);
  const auto freq = freq_of_table(n.table);
  const std::string middle = "_" + model + "_" + sx + "_r1i1p1f1_";
  if (!freq || stem.compare(p2, middle.size(), middle) != 0) return std::nullopt;
  n.freq = *freq;
  const std::string rest = stem.substr(p2 + middle.size());
  if (n.freq == Freq::Fixed) {
    n.grid = rest;
    return rest.find('_') == std::string::npos ? std::optional(n) : std::nullopt;
  }
  const auto u = rest.find('_');
  const auto d = u == std::string::npos ? u : rest.find('-', u);
  if (d == std::string::npos) return std::nullopt;
  n.grid = rest.substr(0, u);
  n.start = rest.substr(u + 1, d - u - 1);
  n.end = rest.substr(d + 1);
  return n;
}

// ------------------------------------------------------- attribute helpers

std::string show(const std::optional<std::string>& s) { return s ? "'" + *s + "'" : "missing"; }

std::optional<std::string> text_attribute(const io::Variable& v, const std::string& name) {
  const auto a = v.attribute(name);
  if (!a || !a->is_text()) return std::nullopt;
  return a->text;
}

std::optional<std::string> global_text(const io::File& f, const std::string& name) {
  for (const auto& a : f.global_attributes()) {
    if (a.name == name && a.is_text()) return a.text;
  }
  return std::nullopt;
}

void expect_text(Problems& p, const fs::path& file, const io::Variable& v, const std::string& att,
                 const std::string& expected) {
  const auto got = text_attribute(v, att);
  if (got != expected) {
    p.add(file, fmt::format("{}:{} is {} (expected '{}')", v.name(), att, show(got), expected));
  }
}

void expect_global(Problems& p, const fs::path& file, const io::File& f, const std::string& att,
                   const std::string& expected) {
  const auto got = global_text(f, att);
  if (got != expected) {
    p.add(file, fmt::format("global attribute {} is {} (expected '{}')", att, show(got), expected));
  }
}

void expect_global_nonempty(Problems& p, const fs::path& file, const io::File& f,
                            const std::string& att) {
  const auto got = global_text(f, att);
  if (!got || got->empty())
    p.add(file, fmt::format("global attribute {} is missing or empty", att));
}

void expect_float_fill(Problems& p, const fs::path& file, const io::Variable& v,
                       const std::string& att) {
  const auto a = v.attribute(att);
  if (!a || a->type != NcType::Float || a->numbers.size() != 1 ||
      a->numbers[0] != static_cast<double>(kFill)) {
    p.add(file, fmt::format("{}:{} must be the float 1e20f", v.name(), att));
  }
}

// Shape and dims of a variable; false (and a problem) when they differ.
bool expect_dims(Problems& p, const fs::path& file, const io::Variable& v,
                 const std::vector<std::string>& dims) {
  const auto got = v.dimension_names();
  if (got == dims) return true;
  p.add(file, fmt::format("{} has dimensions ({}) (expected ({}))", v.name(), fmt::join(got, ", "),
                          fmt::join(dims, ", ")));
  return false;
}

std::optional<io::Variable> expect_variable(Problems& p, const fs::path& file, const io::File& f,
                                            const std::string& name) {
  if (f.has_variable(name)) return f.variable(name);
  p.add(file, fmt::format("variable {} is missing", name));
  return std::nullopt;
}

// Global attributes every output carries (DESIGN "Output contract").
void check_globals(Problems& p, const fs::path& file, const io::File& f, const std::string& model,
                   const std::string& sx, const OutputName& name) {
  expect_global(p, file, f, "Conventions", "CF-1.8");
  expect_global(p, file, f, "source_id", model);
  expect_global(p, file, f, "experiment_id", sx);
  expect_global(p, file, f, "variable_id", name.var);
  expect_global(p, file, f, "frequency", frequency_word(name.freq));
  expect_global(p, file, f, "grid_label", name.grid);
  for (const char* att : {"history", "trendy_ilamb_version", "input_file", "creation_date"}) {
    expect_global_nonempty(p, file, f, att);
  }
}

// -------------------------------------------------------------- lat / lon

struct Axis {
  std::vector<double> centres, lower, upper;
  bool operator==(const Axis&) const = default;
};

struct AxisRule {
  std::string name, units;
  double min, max;
  bool max_inclusive;
};

const AxisRule kLat{"lat", "degrees_north", -90.0, 90.0, true};
const AxisRule kLon{"lon", "degrees_east", -180.0, 180.0, false};

std::optional<Axis> read_axis(Problems& p, const fs::path& file, const io::File& f,
                              const AxisRule& rule) {
  const auto v = expect_variable(p, file, f, rule.name);
  const auto b = expect_variable(p, file, f, rule.name + "_bnds");
  if (!v || !b || !expect_dims(p, file, *v, {rule.name}) ||
      !expect_dims(p, file, *b, {rule.name, "bnds"})) {
    return std::nullopt;
  }
  if (b->shape()[1] != 2) {
    p.add(file, rule.name + "_bnds: bnds is not of length 2");
    return std::nullopt;
  }
  expect_text(p, file, *v, "units", rule.units);
  expect_text(p, file, *v, "bounds", rule.name + "_bnds");
  Axis a;
  a.centres = v->read_all_1d();
  std::vector<double> bounds(a.centres.size() * 2);
  if (!bounds.empty()) b->read({0, 0}, {a.centres.size(), 2}, bounds.data());
  for (std::size_t i = 0; i < a.centres.size(); ++i) {
    a.lower.push_back(bounds[2 * i]);
    a.upper.push_back(bounds[2 * i + 1]);
  }
  return a;
}

// What is wrong with entry i of an axis: centres ascending within the
// rule's range, each inside its own bounds, bounds contiguous (ILAMB
// computes cell areas from them).
std::optional<std::string> axis_problem(const Axis& a, const AxisRule& rule, std::size_t i) {
  const double c = a.centres[i];
  if (c < rule.min || c > rule.max || (c == rule.max && !rule.max_inclusive)) {
    return fmt::format("{}[{}] = {} is outside the contract's range", rule.name, i, c);
  }
  if (i > 0 && !(c > a.centres[i - 1]))
    return fmt::format("{} is not ascending at {}", rule.name, i);
  if (!(a.lower[i] < a.upper[i]) || c < a.lower[i] || c > a.upper[i]) {
    return fmt::format("{}_bnds[{}] = [{}, {}] does not enclose {}", rule.name, i, a.lower[i],
                       a.upper[i], c);
  }
  if (i > 0 && a.upper[i - 1] != a.lower[i]) {
    return fmt::format("{}_bnds not contiguous between {} and {}", rule.name, i - 1, i);
  }
  return std::nullopt;
}

void check_axis(Problems& p, const fs::path& file, const Axis& a, const AxisRule& rule) {
  if (a.centres.empty()) p.add(file, rule.name + " is empty");
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < a.centres.size(); ++i) {
    const auto why = axis_problem(a, rule, i);
    if (why && ++wrong <= kDetailedValueProblems) p.add(file, *why);
  }
  if (wrong > kDetailedValueProblems) {
    p.add(file, fmt::format("{} of {} {} entries wrong", wrong, a.centres.size(), rule.name));
  }
}

std::optional<std::pair<Axis, Axis>> read_grid(Problems& p, const fs::path& file,
                                               const io::File& f) {
  const auto lat = read_axis(p, file, f, kLat);
  const auto lon = read_axis(p, file, f, kLon);
  if (!lat || !lon) return std::nullopt;
  check_axis(p, file, *lat, kLat);
  check_axis(p, file, *lon, kLon);
  return std::pair{*lat, *lon};
}

bool is_global(const Axis& lat, const Axis& lon) {
  if (lat.centres.empty() || lon.centres.empty()) return false;
  return lat.lower.front() == -90.0 && lat.upper.back() == 90.0 &&
         lon.upper.back() - lon.lower.front() == 360.0;
}

// ------------------------------------------------------------------- time

constexpr const char* kTimeUnits = "days since 1700-01-01 00:00:00";

struct Period {
  int year = 0, month = 0, day = 0;
};

bool starts_period(const cf::DateTime& t, Freq freq) {
  const bool midnight = t.hour == 0 && t.minute == 0 && t.second == 0.0;
  if (freq == Freq::Daily) return midnight;
  return midnight && t.day == 1 && (freq == Freq::Monthly || t.month == 1);
}

cf::DateTime period_end(cf::Calendar cal, const cf::DateTime& start, Freq freq) {
  if (freq == Freq::Daily) return cf::add_days(cal, start, 1.0);
  return cf::add_months(cal, start, freq == Freq::Annual ? 12 : 1);
}

// Text of the calendar attribute; it must be one of the CF spellings the
// contract lists, and the source's own calendar for a synthetic model.
std::optional<cf::Calendar> check_calendar(Problems& p, const fs::path& file, const io::Variable& t,
                                           const std::string& model) {
  const auto text = text_attribute(t, "calendar");
  const auto cal = text ? cf::parse_calendar(*text) : std::nullopt;
  if (!cal || cf::cf_name(*cal) != *text) {
    p.add(file,
          fmt::format("time:calendar is {} (expected a CF spelling: noleap, 360_day, standard, "
                      "proleptic_gregorian, julian, all_leap)",
                      show(text)));
    return cal;
  }
  if (const auto* prof = profile_for(model)) {
    const auto source = cf::parse_calendar(prof->time.calendar);
    if (source && *source != *cal) {
      p.add(file, fmt::format("time:calendar is '{}' but the source calendar is '{}'", *text,
                              cf::cf_name(*source)));
    }
  }
  return cal;
}

bool check_time_variables(Problems& p, const fs::path& file, const io::File& f) {
  const auto t = expect_variable(p, file, f, "time");
  const auto b = expect_variable(p, file, f, "time_bnds");
  if (!t || !b || !expect_dims(p, file, *t, {"time"}) ||
      !expect_dims(p, file, *b, {"time", "bnds"})) {
    return false;
  }
  if (t->type() != NcType::Double) p.add(file, "time is not double");
  if (b->type() != NcType::Double) p.add(file, "time_bnds is not double");
  if (b->shape()[1] != 2) p.add(file, "bnds is not of length 2");
  expect_text(p, file, *t, "units", kTimeUnits);
  expect_text(p, file, *t, "bounds", "time_bnds");
  expect_text(p, file, *t, "axis", "T");
  expect_text(p, file, *t, "standard_name", "time");
  return b->shape()[1] == 2;
}

struct TimeAxis {
  std::vector<double> values, lower, upper;
};

TimeAxis read_time(const io::File& f) {
  TimeAxis a;
  a.values = f.variable("time").read_all_1d();
  std::vector<double> b(a.values.size() * 2);
  if (!b.empty()) f.variable("time_bnds").read({0, 0}, {a.values.size(), 2}, b.data());
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    a.lower.push_back(b[2 * i]);
    a.upper.push_back(b[2 * i + 1]);
  }
  return a;
}

// One time step: value at the exact midpoint (ILAMB ignores it, other tools
// do not), bounds on a period start and exactly one period long.
std::optional<Period> check_step(Problems& p, const fs::path& file, const TimeAxis& a,
                                 std::size_t i, cf::Calendar cal, Freq freq) {
  const cf::TimeUnits units = cf::parse_time_units(kTimeUnits);
  if (a.values[i] != (a.lower[i] + a.upper[i]) / 2.0) {
    p.add(file, fmt::format("time[{}] = {} is not the midpoint of [{}, {}]", i, a.values[i],
                            a.lower[i], a.upper[i]));
  }
  if (i + 1 < a.values.size() && a.upper[i] != a.lower[i + 1]) {
    p.add(file, fmt::format("time_bnds not contiguous between steps {} and {}", i, i + 1));
  }
  const cf::DateTime lo = cf::decode_time(cal, units, a.lower[i]);
  const cf::DateTime hi = cf::decode_time(cal, units, a.upper[i]);
  if (!starts_period(lo, freq) || !(hi == period_end(cal, lo, freq))) {
    p.add(file, fmt::format("time_bnds[{}] = [{}, {}] is not one {} period from a period start", i,
                            cf::to_string(lo), cf::to_string(hi), frequency_word(freq)));
    return std::nullopt;
  }
  return Period{lo.year, lo.month, lo.day};
}

// The periods of the file (from time_bnds), empty when they cannot be trusted.
std::vector<Period> check_time(Problems& p, const fs::path& file, const io::File& f, Freq freq,
                               const std::string& model) {
  if (!check_time_variables(p, file, f)) return {};
  const auto cal = check_calendar(p, file, f.variable("time"), model);
  const auto units = text_attribute(f.variable("time"), "units");
  if (!cal || units != kTimeUnits) return {};
  const TimeAxis a = read_time(f);
  if (a.values.empty()) p.add(file, "time is empty");
  std::vector<Period> periods;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    const auto period = check_step(p, file, a, i, *cal, freq);
    if (!period) return {};
    periods.push_back(*period);
  }
  return periods;
}

std::string stamp(const Period& d, Freq freq) {
  if (freq == Freq::Monthly) return fmt::format("{:04d}{:02d}", d.year, d.month);
  if (freq == Freq::Annual) return fmt::format("{:04d}", d.year);
  return fmt::format("{:04d}{:02d}{:02d}", d.year, d.month, d.day);
}

void check_stamps(Problems& p, const fs::path& file, const OutputName& name,
                  const std::vector<Period>& periods) {
  if (periods.empty()) return;
  const std::string first = stamp(periods.front(), name.freq);
  const std::string last = stamp(periods.back(), name.freq);
  if (name.start != first || name.end != last) {
    p.add(file, fmt::format("file name says {}-{} but time_bnds cover {}-{}", name.start, name.end,
                            first, last));
  }
}

// ----------------------------------------------------------------- values

struct Cell {
  double lat, lon;
  bool land;
};

std::vector<Cell> cells_of(const Axis& lat, const Axis& lon) {
  std::vector<Cell> cells;
  cells.reserve(lat.centres.size() * lon.centres.size());
  for (double y : lat.centres) {
    for (double x : lon.centres) cells.push_back({y, x, synth::is_land(y, x)});
  }
  return cells;
}

struct ValueTally {
  std::size_t checked = 0, wrong = 0;
};

// Why a value is wrong, or nothing when it is right. Ocean cells must be
// exactly the fill; land cells the known answer.
std::optional<std::string> judge(float got, const Cell& c, double expected) {
  if (!c.land) {
    if (got == kFill) return std::nullopt;
    return fmt::format("ocean cell holds {} (expected fill 1e20)", got);
  }
  if (got == kFill) return fmt::format("land cell is fill (expected {})", expected);
  const double err = std::fabs(static_cast<double>(got) - expected);
  if (err <= kValueTolerance * std::fabs(expected)) return std::nullopt;
  return fmt::format("{} != expected {} (relative error {:.3g})", got, expected,
                     err / std::fabs(expected));
}

// Checks one slab of `steps` time steps starting at `t0`; layers of a depth
// dimension share the known answer (the synthetic release gives a layered
// variable the same value on every layer).
// The known answer of one output value: the analytic field, except for the
// synthetic cases whose stored values are defined in synth/cases.hpp
// (per-layer soil values, a "fraction" holding percent, packed shorts).
using Expected = std::function<double(double lat, double lon, int year, int month, int layer)>;

Expected expected_for(const std::string& model, const std::string& var, std::string_view analytic) {
  if (var == "tsl" && (model == "X02_SOILLAYERS" || model == "X03_NODEPTH")) return synth::tsl_layer_value;
  if (var == "mrsol" && model == "X02_SOILLAYERS") return synth::msl_layer_value;
  if (var == "mrsos" && model == "X02_SOILLAYERS") {  // the top 0.1 m = X02's first layer
    return [](double la, double lo, int y, int m, int) { return synth::msl_layer_value(la, lo, y, m, 0); };
  }
  if (model == "X04_FRACPCT") {
    return [](double la, double lo, int y, int m, int) { return synth::fracpct_expected(la, lo, y, m); };
  }
  if (model == "X05_PACKED") {
    return [](double la, double lo, int y, int m, int) { return synth::packed_expected(la, lo, y, m); };
  }
  const std::string name(analytic);
  return [name](double la, double lo, int y, int m, int) {
    return synth::expected_value(name, la, lo, y, m);
  };
}

void check_slab(Problems& p, const fs::path& file, const std::vector<float>& slab, std::size_t t0,
                std::size_t steps, std::size_t layers, const std::vector<Cell>& cells,
                const std::vector<Period>& periods, const Expected& expected_of, ValueTally& tally) {
  for (std::size_t s = 0; s < steps; ++s) {
    const Period& when = periods[t0 + s];
    for (std::size_t k = 0; k < layers; ++k) {
      const float* row = slab.data() + (s * layers + k) * cells.size();
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const double expected = expected_of(cells[c].lat, cells[c].lon, when.year, when.month,
                                            static_cast<int>(k));
        ++tally.checked;
        const auto why = judge(row[c], cells[c], expected);
        if (!why) continue;
        if (++tally.wrong <= kDetailedValueProblems) {
          p.add(file,
                fmt::format("value at time {} ({}-{:02d}), layer {}, lat {}, lon {}: {}", t0 + s,
                            when.year, when.month, k, cells[c].lat, cells[c].lon, *why));
        }
      }
    }
  }
}

std::size_t check_values(Problems& p, const fs::path& file, const io::Variable& v,
                         const std::vector<Period>& periods, const std::vector<Cell>& cells,
                         const Expected& expected_of) {
  const auto shape = v.shape();
  const std::size_t layers = shape.size() == 4 ? shape[1] : 1;
  if (shape[0] != periods.size() || shape[shape.size() - 2] * shape.back() != cells.size()) {
    p.add(file, "data variable shape does not match its coordinates");
    return 0;
  }
  ValueTally tally;
  std::vector<float> slab;
  for (std::size_t t0 = 0; t0 < shape[0]; t0 += kSlabSteps) {
    const std::size_t steps = std::min(kSlabSteps, shape[0] - t0);
    std::vector<std::size_t> start(shape.size(), 0), count = shape;
    start[0] = t0;
    count[0] = steps;
    slab.resize(steps * layers * cells.size());
    v.read(start, count, slab.data());
    check_slab(p, file, slab, t0, steps, layers, cells, periods, expected_of, tally);
  }
  if (tally.wrong > 0)
    p.add(file, fmt::format("{} of {} values wrong", tally.wrong, tally.checked));
  return tally.checked;
}

// ------------------------------------------------------------ data files

struct Context {
  VariableTable table;
  Problems problems;
  bool verbose = false;
  std::size_t files = 0, values = 0;
};

void check_data_metadata(Problems& p, const fs::path& file, const io::Variable& v,
                         const TableEntry& entry) {
  if (v.type() != NcType::Float)
    p.add(file, fmt::format("{} is {} (expected float)", v.name(), io::type_name(v.type())));
  // DESIGN: "NetCDF-4, deflate + shuffle" (the level is configurable).
  const io::Storage storage = v.storage();
  if (!storage.chunked || !storage.shuffle || storage.deflate_level < 1) {
    p.add(file, v.name() + " is not a chunked, shuffled and deflated NetCDF-4 variable");
  }
  expect_float_fill(p, file, v, "_FillValue");
  expect_float_fill(p, file, v, "missing_value");
  expect_text(p, file, v, "units", entry.units);
  expect_text(p, file, v, "standard_name", entry.standard_name);
  expect_text(p, file, v, "long_name", entry.long_name);
  expect_text(p, file, v, "cell_methods", entry.cell_methods);
  expect_text(p, file, v, "cell_measures", "area: areacella");
  if (!entry.positive.empty()) {
    expect_text(p, file, v, "positive", entry.positive);
  } else if (text_attribute(v, "positive")) {
    p.add(file, v.name() + ":positive is set but the table has none");
  }
}

bool check_data_dims(Problems& p, const fs::path& file, const io::Variable& v) {
  const auto dims = v.dimension_names();
  if (dims == std::vector<std::string>{"time", "lat", "lon"} ||
      dims == std::vector<std::string>{"time", "depth", "lat", "lon"}) {
    return true;
  }
  p.add(file, fmt::format("{} has dimensions ({}) (expected (time, [depth,] lat, lon))", v.name(),
                          fmt::join(dims, ", ")));
  return false;
}

using Grid = std::pair<Axis, Axis>;

// Layer depths of the soil cases, in metres whatever the input said (cm,
// m, or a config override), with contiguous bounds from 0.
void check_depth_axis(Problems& p, const fs::path& file, const io::File& f,
                      const std::string& model, const std::string& var) {
  std::vector<double> want;
  if (model == "X02_SOILLAYERS" && var == "tsl") {
    for (double cm : synth::kStlayerCentresCm) want.push_back(cm / 100.0);
  } else if (model == "X02_SOILLAYERS" && var == "mrsol") {
    want.assign(synth::kSmlayerCentresM.begin(), synth::kSmlayerCentresM.end());
  } else if (model == "X03_NODEPTH") {
    want.assign(synth::kNoDepthLayerDepthsM.begin(), synth::kNoDepthLayerDepthsM.end());
  } else {
    return;
  }
  if (!f.has_variable("depth") || !f.has_variable("depth_bnds")) {
    p.add(file, "soil layers kept without a depth axis and depth_bnds");
    return;
  }
  const auto got = f.variable("depth").read_all_1d();
  std::vector<double> b(2 * got.size());
  f.variable("depth_bnds").read({0, 0}, {got.size(), 2}, b.data());
  bool ok = got.size() == want.size() && b.front() == 0.0;
  for (std::size_t k = 0; ok && k < got.size(); ++k) {
    ok = std::fabs(got[k] - want[k]) < 1e-9 && (k == 0 || b[2 * k] == b[2 * k - 1]);
  }
  if (!ok) p.add(file, fmt::format("depth {} m, expected {} m", fmt::join(got, ", "), fmt::join(want, ", ")));
  if (f.variable("depth").text_attribute("units") != std::optional<std::string>("m"))
    p.add(file, "depth units are not m");
}

// All checks of one data file; returns its grid for the fixed-field check.
std::optional<Grid> check_data_file(Context& ctx, const fs::path& file, const std::string& model,
                                    const std::string& sx, const OutputName& name) {
  Problems& p = ctx.problems;
  const io::File f = io::File::open_read(file);
  check_globals(p, file, f, model, sx, name);
  const auto entry = ctx.table.variables.find(name.var);
  if (entry == ctx.table.variables.end()) p.add(file, name.var + " is not in the variable table");
  const auto v = expect_variable(p, file, f, name.var);
  if (!v || !check_data_dims(p, file, *v)) return std::nullopt;
  if (entry != ctx.table.variables.end()) check_data_metadata(p, file, *v, entry->second);
  const auto grid = read_grid(p, file, f);
  const auto periods = check_time(p, file, f, name.freq, model);
  check_stamps(p, file, name, periods);
  check_depth_axis(p, file, f, model, name.var);
  // Regridded ("gr") values are averages over target cells, not the analytic
  // field at their centres: trendy_verify_regrid checks those against the
  // native run.
  if (!grid || periods.empty() || name.grid != "gn") return grid;
  const std::size_t n = check_values(p, file, *v, periods, cells_of(grid->first, grid->second),
                                     expected_for(model, name.var, synth::analytic_name(name.var)));
  ctx.values += n;
  if (ctx.verbose)
    std::printf("checked %s: %zu steps, %zu values\n", file.c_str(), periods.size(), n);
  return grid;
}

// ----------------------------------------------------------- fixed files

std::optional<std::vector<double>> read_fixed_field(Problems& p, const fs::path& file,
                                                    const io::File& f, const OutputName& name,
                                                    const Grid& grid, const std::string& units) {
  const auto v = expect_variable(p, file, f, name.var);
  if (!v || !expect_dims(p, file, *v, {"lat", "lon"})) return std::nullopt;
  expect_text(p, file, *v, "units", units);
  if (v->type() != NcType::Float && v->type() != NcType::Double)
    p.add(file, name.var + " is not floating point");
  std::vector<double> values(grid.first.centres.size() * grid.second.centres.size());
  if (!values.empty())
    v->read({0, 0}, {grid.first.centres.size(), grid.second.centres.size()}, values.data());
  return values;
}

double area_tolerance(const io::File& f, const std::string& var) {
  return f.variable(var).type() == NcType::Double ? kAreaToleranceDouble : kAreaToleranceFloat;
}

// Every cell against R^2 dlon (sin lat2 - sin lat1), and the global sum
// against the sphere's area.
void check_areacella(Problems& p, const fs::path& file, const io::File& f, const OutputName& name,
                     const Grid& grid) {
  const auto values = read_fixed_field(p, file, f, name, grid, "m2");
  if (!values) return;
  const double tol = area_tolerance(f, name.var);
  const double r2 = synth::kEarthRadius * synth::kEarthRadius;
  const auto& [lat, lon] = grid;
  long double sum = 0.0L;
  std::size_t wrong = 0;
  for (std::size_t j = 0; j < lat.centres.size(); ++j) {
    const double band =
        std::sin(synth::deg2rad(lat.upper[j])) - std::sin(synth::deg2rad(lat.lower[j]));
    for (std::size_t i = 0; i < lon.centres.size(); ++i) {
      const double expected = r2 * synth::deg2rad(lon.upper[i] - lon.lower[i]) * band;
      const double got = (*values)[j * lon.centres.size() + i];
      sum += got;
      if (std::fabs(got - expected) > tol * expected && ++wrong <= kDetailedValueProblems) {
        p.add(file, fmt::format("areacella at lat {} lon {} is {} (expected {})", lat.centres[j],
                                lon.centres[i], got, expected));
      }
    }
  }
  if (wrong > 0) p.add(file, fmt::format("{} of {} cell areas wrong", wrong, values->size()));
  const double sphere = 4.0 * std::numbers::pi * r2;
  if (is_global(lat, lon) && std::fabs(static_cast<double>(sum) - sphere) > tol * sphere) {
    p.add(file, fmt::format("areacella sums to {:.10e} m2 (sphere: {:.10e})",
                            static_cast<double>(sum), sphere));
  }
}

// Which sftlf a land cell shows: the data mask (100) or the model's fraction.
enum class LandSource { Mask = 1, Fraction = 2 };

int land_sources(double got, double lat, double lon) {
  int sources = 0;
  if (got == 100.0) sources |= static_cast<int>(LandSource::Mask);
  const double fraction = 100.0 * synth::land_fraction(lat, lon);
  if (std::fabs(got - fraction) <= kFractionTolerance * fraction)
    sources |= static_cast<int>(LandSource::Fraction);
  return sources;
}

std::string expected_sftlf(const Cell& c, bool need_fraction) {
  if (!c.land) return "0";
  const double fraction = 100.0 * synth::land_fraction(c.lat, c.lon);
  return need_fraction ? fmt::format("100*land_fraction = {}", fraction)
                       : fmt::format("100 or 100*land_fraction = {}", fraction);
}

// 0 on ocean; on land every cell from one source: 100 (data mask) or
// 100 * land_fraction (fraction file, required where the model ships one).
void check_sftlf(Problems& p, const fs::path& file, const io::File& f, const OutputName& name,
                 const Grid& grid, const std::string& model) {
  const auto values = read_fixed_field(p, file, f, name, grid, "%");
  if (!values) return;
  const bool need_fraction = ships_fraction_file(model);
  const int allowed = static_cast<int>(LandSource::Fraction) |
                      (need_fraction ? 0 : static_cast<int>(LandSource::Mask));
  const auto cells = cells_of(grid.first, grid.second);
  int consistent = allowed;
  std::size_t wrong = 0;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const double got = (*values)[c];
    const int sources = cells[c].land ? land_sources(got, cells[c].lat, cells[c].lon) & allowed : 0;
    const bool ok = cells[c].land ? sources != 0 : got == 0.0;
    if (sources != 0) consistent &= sources;
    if (!ok && ++wrong <= kDetailedValueProblems) {
      p.add(file, fmt::format("sftlf at lat {} lon {} is {} (expected {})", cells[c].lat,
                              cells[c].lon, got, expected_sftlf(cells[c], need_fraction)));
    }
  }
  if (wrong > 0) p.add(file, fmt::format("{} of {} sftlf cells wrong", wrong, cells.size()));
  if (wrong == 0 && consistent == 0)
    p.add(file, "sftlf mixes 100 (data mask) and 100*land_fraction");
}

struct FixedFile {
  fs::path path;
  OutputName name;
};

void check_fixed_file(Context& ctx, const FixedFile& fixed, const std::string& model,
                      const std::string& sx,
                      const std::vector<std::pair<fs::path, Grid>>& data_grids) {
  Problems& p = ctx.problems;
  const io::File f = io::File::open_read(fixed.path);
  check_globals(p, fixed.path, f, model, sx, fixed.name);
  const auto grid = read_grid(p, fixed.path, f);
  if (!grid) return;
  for (const auto& [data_file, data_grid] : data_grids) {
    if (!(data_grid == *grid)) {
      p.add(fixed.path,
            fmt::format("lat/lon differ from those of {}", data_file.filename().string()));
    }
  }
  if (fixed.name.var == "areacella") check_areacella(p, fixed.path, f, fixed.name, *grid);
  if (fixed.name.var == "sftlf" && fixed.name.grid == "gn") {
    check_sftlf(p, fixed.path, f, fixed.name, *grid, model);
  }
  if (ctx.verbose) std::printf("checked %s\n", fixed.path.c_str());
}

// ---------------------------------------------------------- model folders

struct FolderScan {
  std::vector<std::pair<fs::path, OutputName>> data;
  std::vector<FixedFile> fixed;
};

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

FolderScan scan_folder(Problems& p, const fs::path& dir, const std::string& model,
                       const std::string& sx) {
  FolderScan scan;
  for (const auto& path : sorted_entries(dir)) {
    const std::string file = path.filename().string();
    if (file.starts_with(".")) {
      p.add(path, "hidden file left behind (outputs must appear atomically, temporaries removed)");
      continue;
    }
    const auto name = parse_output_name(file, model, sx);
    if (!name || (name->grid != "gn" && name->grid != "gr")) {
      p.add(path, "name does not follow <var>_<table>_<Model>_<Sx>_r1i1p1f1_<gn|gr>[_<start>-<end>].nc");
    } else if (name->freq == Freq::Fixed) {
      scan.fixed.push_back({path, *name});
    } else {
      scan.data.emplace_back(path, *name);
    }
  }
  return scan;
}

void expect_one_fixed(Problems& p, const fs::path& dir, const FolderScan& scan,
                      const std::string& var) {
  const auto n = std::count_if(scan.fixed.begin(), scan.fixed.end(),
                               [&](const FixedFile& f) { return f.name.var == var; });
  if (n != 1) p.add(dir, fmt::format("{} {} file(s) (expected exactly one)", n, var));
}

// Runs `check` and turns any exception into a problem of `file`: one broken
// file must not hide the others.
template <class F>
void guarded(Problems& p, const fs::path& file, F&& check) {
  try {
    check();
  } catch (const std::exception& e) {
    p.add(file, std::string("cannot check: ") + e.what());
  }
}

std::vector<fs::path> check_model_folder(Context& ctx, const fs::path& dir, const std::string& sx) {
  const std::string model = dir.filename().string();
  const FolderScan scan = scan_folder(ctx.problems, dir, model, sx);
  std::vector<std::pair<fs::path, Grid>> grids;
  std::vector<fs::path> data_files;
  for (const auto& item : scan.data) {
    ++ctx.files;
    data_files.push_back(item.first);
    guarded(ctx.problems, item.first, [&] {
      if (auto grid = check_data_file(ctx, item.first, model, sx, item.second)) {
        grids.emplace_back(item.first, *grid);
      }
    });
  }
  if (scan.data.empty()) ctx.problems.add(dir, "no data files");
  expect_one_fixed(ctx.problems, dir, scan, "areacella");
  expect_one_fixed(ctx.problems, dir, scan, "sftlf");
  for (const auto& fixed : scan.fixed) {
    ++ctx.files;
    guarded(ctx.problems, fixed.path, [&] { check_fixed_file(ctx, fixed, model, sx, grids); });
  }
  return data_files;
}

// ------------------------------------------------------------- models.csv

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

fs::path resolve(const fs::path& path, const fs::path& base) {
  return fs::weakly_canonical(path.is_absolute() ? path : base / path);
}

// One row: the path exists under this simulation and the other columns agree
// with its file name.
std::optional<fs::path> check_csv_row(Problems& p, const fs::path& csv, const std::string& line,
                                      const std::string& sx) {
  const auto f = split(line, ',');
  if (f.size() != 5) {
    p.add(csv, fmt::format("row '{}' does not have 5 fields", line));
    return std::nullopt;
  }
  const fs::path path = resolve(f[1], csv.parent_path());
  const std::string model = path.parent_path().filename().string();
  const auto name = parse_output_name(path.filename().string(), model, sx);
  if (!fs::exists(path) ||
      path.parent_path().parent_path() != fs::weakly_canonical(csv.parent_path()) || !name) {
    p.add(csv, fmt::format("row '{}' names no output file of {}", line, sx));
    return std::nullopt;
  }
  const std::vector<std::string> expected{name->var, f[1], model, name->grid,
                                          frequency_word(name->freq)};
  if (f != expected) p.add(csv, fmt::format("row '{}' disagrees with its file name", line));
  return path;
}

// The ilamb3 model table: one row per data file (rows for the fixed fields
// are allowed: ilamb3 finds areacella/sftlf through it too).
void check_models_csv(Problems& p, const fs::path& sx_dir,
                      const std::vector<fs::path>& data_files) {
  const fs::path csv = sx_dir / "models.csv";
  std::ifstream in(csv);
  std::string line;
  if (!in || !std::getline(in, line)) {
    p.add(csv, "missing or empty");
    return;
  }
  if (line != "variable_id,path,source_id,grid_label,frequency")
    p.add(csv, "header is '" + line + "'");
  std::map<fs::path, int> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (auto path = check_csv_row(p, csv, line, sx_dir.filename().string())) ++rows[*path];
  }
  for (const auto& [path, n] : rows) {
    if (n > 1) p.add(csv, fmt::format("{} rows for {}", n, path.string()));
  }
  for (const auto& file : data_files) {
    if (!rows.contains(fs::weakly_canonical(file))) p.add(csv, "no row for " + file.string());
  }
}

// --------------------------------------------------------------- contract

bool is_simulation(const std::string& name) {
  return name.size() >= 2 && name[0] == 'S' &&
         std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void check_simulation(Context& ctx, const fs::path& sx_dir) {
  const std::string sx = sx_dir.filename().string();
  std::vector<fs::path> data_files;
  for (const auto& entry : sorted_entries(sx_dir)) {
    if (fs::is_directory(entry)) {
      const auto files = check_model_folder(ctx, entry, sx);
      data_files.insert(data_files.end(), files.begin(), files.end());
    } else if (entry.extension() == ".nc" || entry.filename().string().starts_with(".")) {
      ctx.problems.add(entry, "file outside a model folder");
    }
  }
  check_models_csv(ctx.problems, sx_dir, data_files);
}

int run_contract(const fs::path& root, const fs::path& table, bool verbose) {
  Context ctx;
  ctx.table = load_table(table);
  ctx.verbose = verbose;
  std::size_t simulations = 0;
  if (fs::is_directory(root)) {
    for (const auto& entry : sorted_entries(root)) {
      if (!fs::is_directory(entry) || !is_simulation(entry.filename().string())) continue;
      ++simulations;
      check_simulation(ctx, entry);
    }
  }
  if (ctx.files == 0) ctx.problems.add(root, "no output files found");
  return ctx.problems.finish(
      "contract", fmt::format("{} simulation(s), {} file(s), {} value(s) checked", simulations,
                              ctx.files, ctx.values));
}

// ----------------------------------------------------------------- report

std::string json_string(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
}

std::vector<fs::path> nc_files_under(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".nc") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// What a named input's task must show: its status, and text its error holds.
struct Expectation {
  std::string status;
  std::string text;
};
using Expectations = std::map<std::string, Expectation>;  // by input basename

struct ReportTally {
  std::size_t ok = 0, failed = 0, skipped = 0;
  std::map<std::string, int> expected_seen;
  std::map<fs::path, int> outputs;  // listed output -> times listed
  std::set<std::string> inputs;
};

void check_task_outputs(Problems& p, const fs::path& report, const fs::path& root,
                        const nlohmann::json& task, bool ok, ReportTally& tally) {
  const std::string input = json_string(task, "input");
  if (!task.contains("outputs") || !task["outputs"].is_array()) {
    p.add(report, "task for " + input + " has no outputs array");
    return;
  }
  for (const auto& o : task["outputs"]) {
    const fs::path out = fs::weakly_canonical(root / o.get<std::string>());
    ++tally.outputs[out];
    if (ok && !fs::exists(out))
      p.add(report, fmt::format("output {} of {} does not exist", out.string(), input));
    if (!ok && fs::exists(out))
      p.add(report, fmt::format("failed task {} left output {}", input, out.string()));
  }
}

// DESIGN: "every task: input, outputs, status, seconds, bytes read and
// written, warnings, error".
void check_task_fields(Problems& p, const fs::path& report, const nlohmann::json& task) {
  for (const char* key : {"input", "outputs", "status", "seconds", "bytes_read", "bytes_written",
                          "warnings", "error"}) {
    if (!task.contains(key)) {
      p.add(report, fmt::format("task for '{}' has no '{}'", json_string(task, "input"), key));
    }
  }
}

void check_task(Problems& p, const fs::path& report, const fs::path& root,
                const nlohmann::json& task, const Expectations& expect_failed,
                ReportTally& tally) {
  check_task_fields(p, report, task);
  const std::string input = json_string(task, "input");
  const std::string status = json_string(task, "status");
  const std::string error = json_string(task, "error");
  const std::string base = fs::path(input).filename().string();
  tally.inputs.insert(input);
  if (expect_failed.contains(base)) {
    const Expectation& want = expect_failed.at(base);
    ++tally.expected_seen[base];
    if (status != want.status)
      p.add(report, fmt::format("{} has status '{}' (expected {})", input, status, want.status));
    if (want.status == "failed" && (error.empty() || error.find(input) == std::string::npos)) {
      p.add(report, fmt::format("error of {} does not name its path: '{}'", input, error));
    }
    if (error.find(want.text) == std::string::npos) {
      p.add(report, fmt::format("error of {} does not say '{}': '{}'", input, want.text, error));
    }
  } else if (status != "ok") {
    p.add(report, fmt::format("{} has status '{}' (expected ok): {}", input, status, error));
  }
  // The converter runs trendy_check on what it writes: no error may show.
  if (task.contains("checks") && task["checks"].is_array()) {
    for (const auto& c : task["checks"]) {
      if (c.is_string() && c.get<std::string>().rfind("error", 0) == 0)
        p.add(report, fmt::format("{}: converter's own check failed: {}", input, c.get<std::string>()));
    }
  }
  (status == "ok" ? tally.ok : status == "skipped" ? tally.skipped : tally.failed) += 1;
  check_task_outputs(p, report, root, task, status == "ok", tally);
}

// The input's variable is a fixed input (land/ocean fraction, cell area):
// it feeds areacella/sftlf and is not a task of its own.
bool is_fixed_input(const fs::path& input, const VariableTable& table) {
  const std::string stem = input.stem().string();
  const std::string var = stem.substr(stem.rfind('_') + 1);
  return std::any_of(table.fixed_sources.begin(), table.fixed_sources.end(),
                     [&](const std::string& s) { return iequals(s, var); });
}

std::set<std::string> skipped_inputs(const nlohmann::json& report) {
  std::set<std::string> out;
  if (!report.contains("skipped") || !report["skipped"].is_array()) return out;
  for (const auto& s : report["skipped"]) {
    if (s.is_string())
      out.insert(s.get<std::string>());
    else if (s.is_object())
      out.insert(json_string(s, "input"));
  }
  return out;
}

// Every input of the release is accounted for: a task, a skip, or a fixed input.
void check_coverage(Problems& p, const fs::path& report_path, const nlohmann::json& report,
                    const ReportTally& tally, const VariableTable& table) {
  const fs::path input_root = json_string(report, "input_root");
  if (input_root.empty() || !fs::is_directory(input_root)) {
    p.add(report_path, "input_root is missing or not a folder");
    return;
  }
  const auto skipped = skipped_inputs(report);
  for (const auto& input : nc_files_under(input_root)) {
    if (tally.inputs.contains(input.string()) || skipped.contains(input.string()) ||
        is_fixed_input(input, table)) {
      continue;
    }
    p.add(report_path, "no task for input " + input.string());
  }
}

void check_report_totals(Problems& p, const fs::path& report_path, const nlohmann::json& report,
                         const fs::path& root, const ReportTally& tally,
                         const Expectations& expect_failed) {
  for (const auto& [name, want] : expect_failed) {
    if (!tally.expected_seen.contains(name))
      p.add(report_path, "no task for expected failure " + name);
  }
  const auto& counts = report.contains("counts") ? report["counts"] : nlohmann::json::object();
  if (counts.value("ok", -1) != static_cast<int>(tally.ok) ||
      counts.value("failed", -1) != static_cast<int>(tally.failed)) {
    p.add(report_path, fmt::format("counts {} disagree with the tasks (ok {}, failed {})",
                                   counts.dump(), tally.ok, tally.failed));
  }
  for (const auto& file : nc_files_under(root)) {
    const int n = tally.outputs.contains(fs::weakly_canonical(file))
                      ? tally.outputs.at(fs::weakly_canonical(file))
                      : 0;
    if (n != 1)
      p.add(report_path,
            fmt::format("{} is listed as output of {} tasks (expected 1)", file.string(), n));
  }
}

// "NAME" or "NAME=TEXT": the input basename, and text its error must hold.
void add_expectations(Expectations& out, const std::vector<std::string>& specs,
                      const std::string& status) {
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    out[spec.substr(0, eq)] = {status, eq == std::string::npos ? "" : spec.substr(eq + 1)};
  }
}

int run_report(const fs::path& root, const std::vector<std::string>& names,
               const std::vector<std::string>& skipped_names, const fs::path& table_path) {
  Problems p;
  const fs::path report_path = root / "report.json";
  std::ifstream in(report_path);
  if (!in) {
    p.add(report_path, "missing");
    return p.finish("report", "no report");
  }
  const nlohmann::json report = nlohmann::json::parse(in);
  Expectations expect_failed;
  add_expectations(expect_failed, names, "failed");
  add_expectations(expect_failed, skipped_names, "skipped");
  ReportTally tally;
  const auto& tasks = report.contains("tasks") ? report["tasks"] : nlohmann::json::array();
  if (tasks.empty()) p.add(report_path, "no tasks");
  for (const auto& task : tasks) check_task(p, report_path, root, task, expect_failed, tally);
  check_report_totals(p, report_path, report, root, tally, expect_failed);
  check_coverage(p, report_path, report, tally, load_table(table_path));
  return p.finish(
      "report", fmt::format("{} task(s): {} ok, {} failed", tasks.size(), tally.ok, tally.failed));
}

// ------------------------------------------------------------------- same

// Global attributes that legitimately differ between two runs.
bool run_specific(const std::string& att) { return att == "history" || att == "creation_date"; }

bool same_attribute(const io::Attribute& a, const io::Attribute& b) {
  return a.name == b.name && a.type == b.type && a.text == b.text && a.numbers == b.numbers;
}

void compare_attributes(Problems& p, const fs::path& file, const std::string& owner,
                        std::vector<io::Attribute> a, std::vector<io::Attribute> b) {
  const auto drop = [&](std::vector<io::Attribute>& v) {
    if (owner.empty())
      std::erase_if(v, [](const io::Attribute& x) { return run_specific(x.name); });
  };
  drop(a);
  drop(b);
  const bool same = std::equal(a.begin(), a.end(), b.begin(), b.end(), same_attribute);
  if (!same)
    p.add(file, fmt::format("attributes of {} differ", owner.empty() ? "the file" : owner));
}

template <class T>
std::vector<unsigned char> read_bytes(const io::Variable& v, const std::vector<std::size_t>& start,
                                      const std::vector<std::size_t>& count, std::size_t n) {
  std::vector<T> values(n);
  if (n > 0) v.read(start, count, values.data());
  std::vector<unsigned char> bytes(n * sizeof(T));
  if (n > 0) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// Raw values of rows [r0, r0+n) of the first dimension, as bytes: floats as
// floats, everything else through double (exact for every type up to 32 bits).
std::vector<unsigned char> raw_rows(const io::Variable& v, std::size_t r0, std::size_t n) {
  auto count = v.shape();
  std::vector<std::size_t> start(count.size(), 0);
  if (!count.empty()) {
    start[0] = r0;
    count[0] = n;
  }
  std::size_t total = 1;
  for (auto c : count) total *= c;
  if (v.type() == NcType::Float) return read_bytes<float>(v, start, count, total);
  return read_bytes<double>(v, start, count, total);
}

void compare_data(Problems& p, const fs::path& file, const io::Variable& a, const io::Variable& b) {
  if (!io::is_numeric(a.type())) {
    p.add(file, a.name() + " is not numeric: cannot compare");
    return;
  }
  const auto shape = a.shape();
  const std::size_t rows = shape.empty() ? 1 : shape[0];
  const std::size_t step = shape.size() > 1 ? kSlabSteps : std::max<std::size_t>(rows, 1);
  for (std::size_t r = 0; r < rows; r += step) {
    const std::size_t n = std::min(step, rows - r);
    if (raw_rows(a, r, n) != raw_rows(b, r, n)) {
      p.add(file, fmt::format("{}: data differ in rows {}..{}", a.name(), r, r + n - 1));
      return;
    }
  }
}

void compare_variable(Problems& p, const fs::path& file, const io::Variable& a,
                      const io::Variable& b) {
  if (a.type() != b.type() || a.dimension_names() != b.dimension_names() ||
      a.shape() != b.shape()) {
    p.add(file, a.name() + ": type, dimensions or shape differ");
    return;
  }
  compare_attributes(p, file, a.name(), a.attributes(), b.attributes());
  compare_data(p, file, a, b);
}

void compare_files(Problems& p, const fs::path& rel, const fs::path& a_path,
                   const fs::path& b_path) {
  const io::File a = io::File::open_read(a_path);
  const io::File b = io::File::open_read(b_path);
  compare_attributes(p, rel, "", a.global_attributes(), b.global_attributes());
  auto names_a = a.variable_names(), names_b = b.variable_names();
  std::sort(names_a.begin(), names_a.end());
  std::sort(names_b.begin(), names_b.end());
  if (names_a != names_b) {
    p.add(rel, fmt::format("variables differ: ({}) vs ({})", fmt::join(names_a, ", "),
                           fmt::join(names_b, ", ")));
    return;
  }
  for (const auto& name : names_a) compare_variable(p, rel, a.variable(name), b.variable(name));
}

std::set<fs::path> relative_nc_files(const fs::path& root) {
  std::set<fs::path> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& f : nc_files_under(root)) out.insert(fs::relative(f, root));
  return out;
}

int run_same(const fs::path& a_root, const fs::path& b_root) {
  Problems p;
  const auto a = relative_nc_files(a_root), b = relative_nc_files(b_root);
  for (const auto& f : a) {
    if (!b.contains(f)) p.add(a_root / f, "has no counterpart under " + b_root.string());
  }
  for (const auto& f : b) {
    if (!a.contains(f)) p.add(b_root / f, "has no counterpart under " + a_root.string());
  }
  std::size_t compared = 0;
  for (const auto& f : a) {
    if (!b.contains(f)) continue;
    ++compared;
    guarded(p, f, [&] { compare_files(p, f, a_root / f, b_root / f); });
  }
  if (a.empty()) p.add(a_root, "no .nc files");
  return p.finish("same", fmt::format("{} file(s) compared", compared));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Check trendy_ilamb outputs against the output contract and the known answer"};
  app.require_subcommand(1);
  std::string root, other, table = TI_VARIABLE_TABLE;
  bool verbose = false;
  std::vector<std::string> expect_failed;
  std::vector<std::string> expect_skipped;

  auto* contract = app.add_subcommand("contract", "Check every output file against the contract");
  contract->add_option("OUT_ROOT", root, "output.root of the run")->required();
  contract->add_flag("--report", verbose, "Also print one line per file checked");
  contract->add_option("--table", table, "Variable table (config/variables.yaml)")
      ->capture_default_str();

  auto* report = app.add_subcommand("report", "Check report.json against the expected failures");
  report->add_option("OUT_ROOT", root, "output.root of the run")->required();
  report->add_option("--expect-failed", expect_failed,
                     "Input basenames that must have failed (NAME or NAME=TEXT in the error)")
      ->delimiter(',');
  report->add_option("--expect-skipped", expect_skipped,
                     "Input basenames whose task must be skipped (NAME or NAME=TEXT in the reason)")
      ->delimiter(',');
  report->add_option("--table", table, "Variable table (config/variables.yaml)")
      ->capture_default_str();

  auto* same = app.add_subcommand("same", "Check that two output trees hold identical data");
  same->add_option("A_ROOT", root, "first output root")->required();
  same->add_option("B_ROOT", other, "second output root")->required();

  CLI11_PARSE(app, argc, argv);
  try {
    if (contract->parsed()) return run_contract(root, table, verbose);
    if (report->parsed()) return run_report(root, expect_failed, expect_skipped, table);
    return run_same(root, other);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trendy_verify: %s\n", e.what());
    return 2;
  }
}
