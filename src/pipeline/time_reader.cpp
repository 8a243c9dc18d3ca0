#include "trendy_ilamb/pipeline/time_reader.hpp"

#include <fmt/format.h>

#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

cf::Calendar calendar_of(const io::File& file, const io::Variable& time) {
  const auto text = time.text_attribute("calendar");
  if (!text) return cf::Calendar::Standard;  // CF: a missing calendar is "standard"
  if (auto cal = cf::parse_calendar(*text)) return *cal;
  throw io::NcError({file.path(), time.name(), "calendar"},
                    fmt::format("unknown calendar \"{}\": expected one of standard, gregorian, "
                                "proleptic_gregorian, julian, noleap, 365_day, all_leap, "
                                "366_day, 360_day",
                                *text));
}

cf::TimeUnits units_of(const io::File& file, const io::Variable& time) {
  const auto text = time.text_attribute("units");
  if (!text || text->find_first_not_of(" \t") == std::string::npos) {
    throw io::NcError({file.path(), time.name(), "units"},
                      "missing or empty: expected \"<days|hours|months|years> since "
                      "<YYYY-MM-DD>\" to date the time steps");
  }
  try {
    return cf::parse_time_units(*text);
  } catch (const cf::TimeError& e) {
    throw io::NcError({file.path(), time.name(), "units"}, e.what());
  }
}

}  // namespace

InputTime read_time_axis(const io::File& file, const DataVarInfo& info) {
  const auto t = info.time_dim();
  if (!t) {
    throw io::NcError({file.path(), info.name, {}},
                      "has no time dimension: ILAMB needs a time axis on every data field");
  }
  const auto& dim = info.dims[*t];
  if (!dim.coordinate) {
    throw io::NcError({file.path(), info.name, {}},
                      fmt::format("time dimension '{}' has no coordinate variable to date its steps",
                                  dim.name));
  }
  const auto time = file.variable(*dim.coordinate);
  InputTime out;
  out.calendar = calendar_of(file, time);
  const auto units = units_of(file, time);
  const auto values = time.read_all_1d();
  std::vector<cf::DateTime> stamps;
  stamps.reserve(values.size());
  try {
    for (double v : values) stamps.push_back(cf::decode_time(out.calendar, units, v));
    auto series = cf::assign_periods(out.calendar, stamps);
    out.frequency = series.frequency;
    out.periods = std::move(series.periods);
  } catch (const cf::TimeError& e) {
    throw io::NcError({file.path(), time.name(), {}}, e.what());
  }
  return out;
}

}  // namespace ti::pipeline
