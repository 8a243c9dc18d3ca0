// trendy_verify contract: every output file against DESIGN.md "Output
// contract" and, for the synthetic release, the known answer of every value.
#include "contract.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <numbers>
#include <sstream>

#include "time_rules.hpp"
#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/cases.hpp"
#include "trendy_ilamb/synth/calendar.hpp"
#include "trendy_ilamb/synth/values.hpp"

namespace ti::verify {
namespace {

constexpr float kFill = 1.0e20f;

// Values: the synthetic inputs are float32 (or float64 rounded from the same
// analytic value), the converter scales them in double and stores float32,
// and summed pools add one rounding per pool: a handful of float32 roundings
// (2^-24 ~ 6e-8 each), so a few 1e-7 at worst. 2e-5 leaves ample margin for
// that and still catches every plausible bug: a wrong month length (>= 3%),
// a one-year shift (0.2% from the trend term), a one-month shift (up to 5%
// from the seasonal term), a one-day shift of daily data (>= 0.5% from the
// day term), a one-cell roll or flip even at 0.5 degrees (>= 0.1% from the
// longitude/latitude terms).
constexpr double kValueTolerance = 2.0e-5;
// sftlf from a fraction file: one float32 input, one float32 output.
constexpr double kFractionTolerance = 1.0e-5;
// Cell areas: exact spherical formula in double; a float32 areacella carries
// one rounding per cell (2^-24 relative). 1e-10 is the bound for double.
constexpr double kAreaToleranceDouble = 1.0e-10;
constexpr double kAreaToleranceFloat = 1.0e-7;
// Time steps read at once: memory stays small whatever the file size.
constexpr std::size_t kSlabSteps = 4;
// Beyond this, per-value problems of one variable are only counted.
constexpr std::size_t kDetailedValueProblems = 5;

// ------------------------------------------------------- attribute helpers

std::string show(const std::optional<std::string>& s) { return s ? "'" + *s + "'" : "missing"; }

std::optional<std::string> global_text(const io::File& f, const std::string& name) {
  for (const auto& a : f.global_attributes()) {
    if (a.name == name && a.is_text()) return a.text;
  }
  return std::nullopt;
}

void expect_text(Problems& p, const fs::path& file, const io::Variable& v, const std::string& att,
                 const std::string& expected) {
  const auto got = v.text_attribute(att);
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
  if (!got || got->empty()) p.add(file, fmt::format("global attribute {} is missing or empty", att));
}

void expect_float_fill(Problems& p, const fs::path& file, const io::Variable& v,
                       const std::string& att) {
  const auto a = v.attribute(att);
  if (!a || a->type != NcType::Float || a->numbers.size() != 1 ||
      a->numbers[0] != static_cast<double>(kFill)) {
    p.add(file, fmt::format("{}:{} must be the float 1e20f", v.name(), att));
  }
}

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
  if (i > 0 && !(c > a.centres[i - 1])) return fmt::format("{} is not ascending at {}", rule.name, i);
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

using Grid = std::pair<Axis, Axis>;

std::optional<Grid> read_grid(Problems& p, const fs::path& file, const io::File& f) {
  const auto lat = read_axis(p, file, f, kLat);
  const auto lon = read_axis(p, file, f, kLon);
  if (!lat || !lon) return std::nullopt;
  check_axis(p, file, *lat, kLat);
  check_axis(p, file, *lon, kLon);
  return Grid{*lat, *lon};
}

bool is_global(const Axis& lat, const Axis& lon) {
  if (lat.centres.empty() || lon.centres.empty()) return false;
  return lat.lower.front() == -90.0 && lat.upper.back() == 90.0 &&
         lon.upper.back() - lon.lower.front() == 360.0;
}

// ------------------------------------------------------------------- time

// The calendar attribute: one of the CF spellings the contract lists, and
// the source's own calendar for a synthetic model (a missing one means
// standard).
std::optional<synth::Calendar> check_calendar(Problems& p, const fs::path& file,
                                              const io::Variable& t, const std::string& model) {
  const auto text = t.text_attribute("calendar");
  const auto cal = text ? synth::calendar_named(*text) : std::nullopt;
  if (!cal || synth::cf_spelling(*cal) != *text) {
    p.add(file, fmt::format("time:calendar is {} (expected a CF spelling: noleap, 360_day, "
                            "standard, proleptic_gregorian, julian, all_leap)",
                            show(text)));
    return cal;
  }
  if (const auto* prof = profile_for(model)) {
    const auto source = synth::calendar_named(prof->time.calendar);
    if (source && *source != *cal) {
      p.add(file, fmt::format("time:calendar is '{}' but the source calendar is '{}'", *text,
                              synth::cf_spelling(*source)));
    }
  }
  return cal;
}

bool check_time_variables(Problems& p, const fs::path& file, const io::File& f,
                          const ContractOptions& options) {
  const auto t = expect_variable(p, file, f, "time");
  const auto b = expect_variable(p, file, f, "time_bnds");
  if (!t || !b || !expect_dims(p, file, *t, {"time"}) ||
      !expect_dims(p, file, *b, {"time", "bnds"})) {
    return false;
  }
  if (t->type() != NcType::Double) p.add(file, "time is not double");
  if (b->type() != NcType::Double) p.add(file, "time_bnds is not double");
  if (b->shape()[1] != 2) p.add(file, "bnds is not of length 2");
  expect_text(p, file, *t, "units", options.time_units.text);
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
                                 std::size_t i, synth::Calendar cal, Freq freq,
                                 const OutputTimeUnits& units) {
  if (a.values[i] != (a.lower[i] + a.upper[i]) / 2.0) {
    p.add(file, fmt::format("time[{}] = {} is not the midpoint of [{}, {}]", i, a.values[i],
                            a.lower[i], a.upper[i]));
  }
  if (i + 1 < a.values.size() && a.upper[i] != a.lower[i + 1]) {
    p.add(file, fmt::format("time_bnds not contiguous between steps {} and {}", i, i + 1));
  }
  const auto lo = midnight_at(cal, units, a.lower[i]);
  const auto period = lo ? period_starting(*lo, freq) : std::nullopt;
  if (!period ||
      a.upper[i] != value_at_midnight(cal, units, start_of(next_period(cal, *period, freq)))) {
    p.add(file, fmt::format("time_bnds[{}] = [{}, {}] is not one {} period from a period start", i,
                            a.lower[i], a.upper[i], frequency_word(freq)));
    return std::nullopt;
  }
  return period;
}

// The periods of the file (from time_bnds), empty when they cannot be trusted.
std::vector<Period> check_time(Problems& p, const fs::path& file, const io::File& f, Freq freq,
                               const std::string& model, const ContractOptions& options) {
  if (!check_time_variables(p, file, f, options)) return {};
  const auto cal = check_calendar(p, file, f.variable("time"), model);
  if (!cal || f.variable("time").text_attribute("units") != options.time_units.text) return {};
  const TimeAxis a = read_time(f);
  if (a.values.empty()) p.add(file, "time is empty");
  std::vector<Period> periods;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    const auto period = check_step(p, file, a, i, *cal, freq, options.time_units);
    if (!period) return {};
    periods.push_back(*period);
  }
  return periods;
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
// exactly the fill; land cells the known answer in the table's unit.
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

// The known answer of one output value: the analytic field, except for the
// synthetic cases whose stored values are defined in synth/cases.hpp
// (per-layer soil values, a "fraction" holding percent, packed shorts).
using Expected = std::function<double(double lat, double lon, const Period& when, int layer)>;

Expected expected_for(const std::string& model, const std::string& var, Freq freq) {
  if (var == "tsl" && (model == "X02_SOILLAYERS" || model == "X03_NODEPTH")) {
    return [](double la, double lo, const Period& t, int k) {
      return synth::tsl_layer_value(la, lo, t.year, t.month, k);
    };
  }
  if (var == "mrsol" && model == "X02_SOILLAYERS") {
    return [](double la, double lo, const Period& t, int k) {
      return synth::msl_layer_value(la, lo, t.year, t.month, k);
    };
  }
  if (var == "mrsos" && model == "X02_SOILLAYERS") {  // the top 0.1 m = X02's first layer
    return [](double la, double lo, const Period& t, int) {
      return synth::msl_layer_value(la, lo, t.year, t.month, 0);
    };
  }
  if (model == "X04_FRACPCT") {
    return [](double la, double lo, const Period& t, int) {
      return synth::fracpct_expected(la, lo, t.year, t.month);
    };
  }
  if (model == "X05_PACKED") {
    return [](double la, double lo, const Period& t, int) {
      return synth::packed_expected(la, lo, t.year, t.month);
    };
  }
  const std::string name(synth::analytic_name(var));
  if (freq == Freq::Daily) {
    return [name](double la, double lo, const Period& t, int) {
      return synth::expected_value_on_day(name, la, lo, t.year, t.month, t.day);
    };
  }
  return [name](double la, double lo, const Period& t, int) {
    return synth::expected_value(name, la, lo, t.year, t.month);
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
        const double expected =
            expected_of(cells[c].lat, cells[c].lon, when, static_cast<int>(k));
        ++tally.checked;
        const auto why = judge(row[c], cells[c], expected);
        if (!why) continue;
        if (++tally.wrong <= kDetailedValueProblems) {
          p.add(file, fmt::format("value at time {} ({}), layer {}, lat {}, lon {}: {}", t0 + s,
                                  to_string(when), k, cells[c].lat, cells[c].lon, *why));
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
  if (tally.wrong > 0) p.add(file, fmt::format("{} of {} values wrong", tally.wrong, tally.checked));
  return tally.checked;
}

// ------------------------------------------------------------ data files

struct Context {
  VariableTable table;
  ContractOptions options;
  Problems problems;
  std::size_t files = 0, values = 0;
};

// DESIGN: "NetCDF-4, deflate + shuffle, level configurable".
void check_storage(Problems& p, const fs::path& file, const io::Variable& v,
                   const std::optional<int>& level) {
  const io::Storage storage = v.storage();
  if (!storage.chunked) p.add(file, v.name() + " is not a chunked NetCDF-4 variable");
  if (!level) {
    if (!storage.shuffle || storage.deflate_level < 1)
      p.add(file, v.name() + " is not shuffled and deflated");
    return;
  }
  if (storage.deflate_level != *level) {
    p.add(file, fmt::format("{} is deflated at level {} (expected {})", v.name(),
                            storage.deflate_level, *level));
  }
  if (*level > 0 && !storage.shuffle) p.add(file, v.name() + " is deflated but not shuffled");
}

void check_data_metadata(Problems& p, const fs::path& file, const io::Variable& v,
                         const TableEntry& entry, const ContractOptions& options) {
  if (v.type() != NcType::Float)
    p.add(file, fmt::format("{} is {} (expected float)", v.name(), io::type_name(v.type())));
  check_storage(p, file, v, options.compression);
  expect_float_fill(p, file, v, "_FillValue");
  expect_float_fill(p, file, v, "missing_value");
  expect_text(p, file, v, "units", entry.units);
  expect_text(p, file, v, "standard_name", entry.standard_name);
  expect_text(p, file, v, "long_name", entry.long_name);
  expect_text(p, file, v, "cell_methods", entry.cell_methods);
  expect_text(p, file, v, "cell_measures", "area: areacella");
  if (!entry.positive.empty()) {
    expect_text(p, file, v, "positive", entry.positive);
  } else if (v.text_attribute("positive")) {
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
  if (!b.empty()) f.variable("depth_bnds").read({0, 0}, {got.size(), 2}, b.data());
  bool ok = got.size() == want.size() && !b.empty() && b.front() == 0.0;
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
  if (entry != ctx.table.variables.end())
    check_data_metadata(p, file, *v, entry->second, ctx.options);
  const auto grid = read_grid(p, file, f);
  const auto periods = check_time(p, file, f, name.freq, model, ctx.options);
  check_stamps(p, file, name, periods);
  check_depth_axis(p, file, f, model, name.var);
  // Regridded ("gr") values are averages over target cells, not the analytic
  // field at their centres: trendy_verify_regrid checks those.
  if (!grid || periods.empty() || name.grid != "gn") return grid;
  Expected expected = expected_for(model, name.var, name.freq);
  if (const auto s = ctx.options.scale.find(name.var); s != ctx.options.scale.end()) {
    // A table that states another unit: the known answer times the factor.
    expected = [base = std::move(expected), factor = s->second](double la, double lo,
                                                                const Period& t, int k) {
      return base(la, lo, t, k) * factor;
    };
  }
  const std::size_t n = check_values(p, file, *v, periods, cells_of(grid->first, grid->second),
                                     expected);
  ctx.values += n;
  if (ctx.options.verbose)
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

// Folders that ship a land or ocean fraction file: their sftlf must come
// from it (DESIGN: "from the model's land/ocean fraction file when it has one").
bool ships_fraction_file(const std::string& folder) {
  const synth::Profile* p = profile_for(folder);
  if (p == nullptr) return false;
  return std::any_of(p->variables.begin(), p->variables.end(), [](const synth::VariableSpec& v) {
    return v.field == synth::Field::LandFraction || v.field == synth::Field::OceanFraction;
  });
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
  if (wrong == 0 && consistent == 0) p.add(file, "sftlf mixes 100 (data mask) and 100*land_fraction");
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
      p.add(fixed.path, fmt::format("lat/lon differ from those of {}", data_file.filename().string()));
    }
  }
  if (fixed.name.var == "areacella") check_areacella(p, fixed.path, f, fixed.name, *grid);
  if (fixed.name.var == "sftlf" && fixed.name.grid == "gn") {
    check_sftlf(p, fixed.path, f, fixed.name, *grid, model);
  }
  if (ctx.options.verbose) std::printf("checked %s\n", fixed.path.c_str());
}

// ---------------------------------------------------------- model folders

struct FolderScan {
  std::vector<std::pair<fs::path, OutputName>> data;
  std::vector<FixedFile> fixed;
};

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

// One row: an absolute path to an output file of this simulation, and the
// other columns what that file's name says.
std::optional<fs::path> check_csv_row(Problems& p, const fs::path& csv, const std::string& line,
                                      const fs::path& sx_dir) {
  const auto f = split(line, ',');
  if (f.size() != 5) {
    p.add(csv, fmt::format("row '{}' does not have 5 fields", line));
    return std::nullopt;
  }
  const fs::path listed(f[1]);
  if (!listed.is_absolute() || listed.lexically_normal() != listed) {
    p.add(csv, fmt::format("row '{}': the path is not absolute and normal (ilamb3 reads it as is)", line));
    return std::nullopt;
  }
  const std::string model = listed.parent_path().filename().string();
  const std::string sx = sx_dir.filename().string();
  const auto name = parse_output_name(listed.filename().string(), model, sx);
  const fs::path actual = sx_dir / model / listed.filename();
  if (!name || !fs::exists(actual) || fs::weakly_canonical(listed) != fs::weakly_canonical(actual)) {
    p.add(csv, fmt::format("row '{}' names no output file of {}", line, sx_dir.string()));
    return std::nullopt;
  }
  const std::vector<std::string> expected{name->var, f[1], model, name->grid,
                                          frequency_word(name->freq)};
  if (f != expected)
    p.add(csv, fmt::format("row '{}' disagrees with its file name (expected '{}')", line,
                           fmt::join(expected, ",")));
  return fs::weakly_canonical(actual);
}

// The ilamb3 model table: one row per data file (rows for the fixed fields
// are allowed: ilamb3 finds areacella/sftlf through it too).
void check_models_csv(Problems& p, const fs::path& sx_dir, const std::vector<fs::path>& data_files) {
  const fs::path csv = sx_dir / "models.csv";
  std::ifstream in(csv);
  std::string line;
  if (!in || !std::getline(in, line)) {
    p.add(csv, "missing or empty");
    return;
  }
  if (line != "variable_id,path,source_id,grid_label,frequency") p.add(csv, "header is '" + line + "'");
  std::map<fs::path, int> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (auto path = check_csv_row(p, csv, line, sx_dir)) ++rows[*path];
  }
  for (const auto& [path, n] : rows) {
    if (n > 1) p.add(csv, fmt::format("{} rows for {}", n, path.string()));
  }
  for (const auto& file : data_files) {
    if (!rows.contains(fs::weakly_canonical(file))) p.add(csv, "no row for " + file.string());
  }
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

}  // namespace

int run_contract(const fs::path& root, const ContractOptions& options) {
  Context ctx;
  ctx.table = load_table(options.table);
  ctx.options = options;
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

}  // namespace ti::verify
