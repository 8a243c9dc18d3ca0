// The time dimension and coordinate variable in the profile's convention.
#include "writers.hpp"

namespace ti::synth::detail {

io::Variable define_time(io::File& file, const TimeSpec& spec, std::size_t steps) {
  file.define_dimension(kTimeName, spec.unlimited ? 0 : steps);
  io::Variable t = file.define_variable(kTimeName, spec.type, {kTimeName});
  t.put_attribute("standard_name", "time");
  t.put_attribute("long_name", "time");
  t.put_attribute("units", spec.units);
  t.put_attribute("calendar", spec.calendar);
  return t;
}

void write_time(io::Variable& time, const TimeSpec& spec, Frequency freq,
                const std::vector<Period>& periods) {
  std::vector<double> values;
  values.reserve(periods.size());
  for (const Period& p : periods) values.push_back(time_value(spec, freq, p));
  time.write({0}, {values.size()}, values.data());
}

}  // namespace ti::synth::detail
