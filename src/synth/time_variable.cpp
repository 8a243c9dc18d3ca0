// The time dimension, coordinate variable and optional bounds in the
// profile's convention.
#include "writers.hpp"

namespace ti::synth::detail {
namespace {

inline constexpr const char* kBoundsName = "time_bnds";
inline constexpr const char* kBoundsDim = "nv";

}  // namespace

TimeVariables define_time(io::File& file, const TimeSpec& spec, std::size_t steps) {
  file.define_dimension(kTimeName, spec.unlimited ? 0 : steps);
  io::Variable t = file.define_variable(kTimeName, spec.type, {kTimeName});
  t.put_attribute("standard_name", "time");
  t.put_attribute("long_name", "time");
  if (!spec.units_attribute.empty()) t.put_attribute(spec.units_attribute, spec.units);
  if (spec.calendar_attribute) t.put_attribute("calendar", spec.calendar);
  TimeVariables out{t, std::nullopt};
  if (spec.bounds) {
    t.put_attribute("bounds", kBoundsName);
    file.define_dimension(kBoundsDim, 2);
    out.bounds = file.define_variable(kBoundsName, spec.type, {kTimeName, kBoundsDim});
  }
  return out;
}

void write_time(TimeVariables& vars, const TimeSpec& spec, Frequency freq,
                const std::vector<Period>& periods) {
  std::vector<double> values;
  values.reserve(periods.size());
  for (const Period& p : periods) values.push_back(time_value(spec, freq, p));
  vars.time.write({0}, {values.size()}, values.data());
  if (!vars.bounds) return;
  std::vector<double> bounds;
  bounds.reserve(2 * periods.size());
  for (const Period& p : periods) {
    const auto [start, end] = bounds_values(spec, freq, p);
    bounds.push_back(start);
    bounds.push_back(end);
  }
  vars.bounds->write({0, 0}, {periods.size(), 2}, bounds.data());
}

}  // namespace ti::synth::detail
