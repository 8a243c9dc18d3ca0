#include "trendy_ilamb/pipeline/time_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

std::string override_hint(const std::string& model) {
  return fmt::format("add to the config: overrides: {{{}: {{time_start: \"YYYY-MM\", frequency: "
                     "monthly, calendar: noleap}}}}",
                     model);
}

std::optional<cf::Calendar> calendar_attribute(const io::File& file, const io::Variable& time) {
  const auto text = time.text_attribute("calendar");
  if (!text) return std::nullopt;
  if (auto cal = cf::parse_calendar(*text)) return *cal;
  throw io::NcError({file.path(), time.name(), "calendar"},
                    fmt::format("unknown calendar \"{}\": expected one of standard, gregorian, "
                                "proleptic_gregorian, julian, noleap, 365_day, all_leap, "
                                "366_day, 360_day",
                                *text));
}

// The declared time units: "units", else any text attribute whose name
// contains "unit" (Units, unit, time_units ...).
std::optional<io::Attribute> units_attribute(const io::Variable& time) {
  if (auto a = time.attribute("units")) return a;
  for (auto& a : time.attributes()) {
    if (a.is_text() && cf::to_lower(a.name).find("unit") != std::string::npos) return a;
  }
  return std::nullopt;
}

// Why the file cannot date itself, or empty when it can (units parsed).
struct UnitsVerdict {
  std::optional<cf::TimeUnits> units;
  std::string problem;
  std::string attribute = "units";
};

UnitsVerdict judge_units(const io::Variable& time) {
  UnitsVerdict v;
  const auto att = units_attribute(time);
  if (!att) {
    v.problem = "no units attribute: the time values cannot be dated";
    return v;
  }
  v.attribute = att->name;
  if (att->text.find_first_not_of(" \t") == std::string::npos) {
    v.problem = "empty units: the time values cannot be dated";
    return v;
  }
  try {
    v.units = cf::parse_time_units(att->text);
  } catch (const cf::TimeError& e) {
    v.problem = e.what();
  }
  return v;
}

std::vector<cf::Period> periods_from_override(const TimeOverride& o, cf::Calendar cal, std::size_t n) {
  std::vector<cf::Period> out;
  cf::Period p = o.start;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(p);
    p = cf::next_period(cal, o.frequency, p);
  }
  return out;
}

bool is_period_start(const cf::DateTime& t, cf::Frequency f) {
  const bool midnight = t.hour == 0 && t.minute == 0 && t.second == 0.0;
  if (f == cf::Frequency::Daily) return midnight;
  if (f == cf::Frequency::Monthly) return midnight && t.day == 1;
  return midnight && t.day == 1 && t.month == 1;
}

cf::Period period_at(const cf::DateTime& t, cf::Frequency f) {
  return {t.year, f == cf::Frequency::Annual ? 1 : t.month, f == cf::Frequency::Daily ? t.day : 1};
}

// Periods from the file's time bounds, when every pair is exactly one period
// of `f` starting at a period start; nullopt (with the reason) otherwise.
std::optional<std::vector<cf::Period>> periods_from_bounds(const io::File& file,
                                                           const io::Variable& time, cf::Calendar cal,
                                                           const cf::TimeUnits& units, cf::Frequency f,
                                                           std::size_t n, std::string& why) {
  const auto name = time.text_attribute("bounds");
  if (!name || !file.has_variable(*name)) return std::nullopt;
  const auto bnds = file.variable(*name);
  if (bnds.shape() != std::vector<std::size_t>{n, 2}) {
    why = fmt::format("{} has shape other than ({}, 2)", *name, n);
    return std::nullopt;
  }
  std::vector<double> v(2 * n);
  bnds.read({0, 0}, {n, 2}, v.data());
  std::vector<cf::Period> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto lo = cf::decode_time(cal, units, v[2 * i]);
    const auto hi = cf::decode_time(cal, units, v[2 * i + 1]);
    const auto p = period_at(lo, f);
    if (!is_period_start(lo, f) || hi != cf::next_period(cal, f, p).start() ||
        (i > 0 && !(p == cf::next_period(cal, f, out.back())))) {
      why = fmt::format("{} step {} ({} to {}) is not one whole {} period following the last", *name,
                        i, cf::to_string(lo), cf::to_string(hi), cf::frequency_name(f));
      return std::nullopt;
    }
    out.push_back(p);
  }
  return out;
}

InputTime decode_own_axis(const io::File& file, const io::Variable& time, cf::Calendar cal,
                          const cf::TimeUnits& units) {
  InputTime out;
  out.calendar = cal;
  const auto values = time.read_all_1d();
  std::vector<cf::DateTime> stamps;
  stamps.reserve(values.size());
  for (double v : values) stamps.push_back(cf::decode_time(cal, units, v));
  auto series = cf::assign_periods(cal, stamps);
  out.frequency = series.frequency;
  out.periods = std::move(series.periods);
  std::string why;
  try {
    if (auto b = periods_from_bounds(file, time, cal, units, out.frequency, values.size(), why)) {
      out.periods = std::move(*b);
    } else if (!why.empty()) {
      out.warnings.push_back(fmt::format("time bounds ignored: {}", why));
    }
  } catch (const cf::TimeError& e) {
    out.warnings.push_back(fmt::format("time bounds ignored: {}", e.what()));
  }
  return out;
}

}  // namespace

InputTime read_time_axis(const io::File& file, const DataVarInfo& info, const std::string& model,
                         const TimeOverride* override) {
  const auto t = info.time_dim();
  if (!t) {
    throw io::NcError({file.path(), info.name, {}},
                      "has no time dimension: ILAMB needs a time axis on every data field");
  }
  const auto& dim = info.dims[*t];
  std::optional<io::Variable> time;
  if (dim.coordinate) time = file.variable(*dim.coordinate);
  // A plain value plus a flag: GCC 12 misreads an optional<enum> here.
  const auto cal_att = time ? calendar_attribute(file, *time) : std::nullopt;
  const bool has_calendar = cal_att.has_value();
  const cf::Calendar file_calendar = has_calendar ? *cal_att : cf::Calendar::Standard;

  UnitsVerdict verdict;
  if (time) {
    verdict = judge_units(*time);
  } else {
    verdict.problem = fmt::format("time dimension '{}' has no coordinate variable", dim.name);
  }
  if (verdict.units) {
    try {  // CF: a missing calendar means standard
      return decode_own_axis(file, *time, file_calendar, *verdict.units);
    } catch (const cf::TimeError& e) {
      throw io::NcError({file.path(), time->name(), verdict.attribute},
                        fmt::format("{}; if the file's time cannot be trusted, {}", e.what(),
                                    override_hint(model)));
    }
  }
  if (override != nullptr) {
    InputTime out;
    out.calendar = override->calendar ? *override->calendar : file_calendar;
    out.frequency = override->frequency;
    out.periods = periods_from_override(*override, out.calendar, dim.length);
    out.warnings.push_back(fmt::format("time dated from the config override for {} ({})", model,
                                       verdict.problem));
    return out;
  }
  throw io::NcError({file.path(), time ? time->name() : info.name, time ? verdict.attribute : ""},
                    fmt::format("{}; {}", verdict.problem, override_hint(model)));
}

}  // namespace ti::pipeline
