// Periods and their time values in each profile's time convention.
#include "trendy_ilamb/synth/time_stamps.hpp"

#include <stdexcept>
#include <string>

#include "trendy_ilamb/cf/time_units.hpp"

namespace ti::synth {
namespace {

// The date a period is stamped with, for units that count seconds..days.
cf::DateTime stamp_date(cf::Calendar cal, Frequency freq, Stamp stamp, const Period& p) {
  const cf::DateTime start{p.year, p.month, 1, 0, 0, 0.0};
  switch (stamp) {
    case Stamp::Start:
      return start;
    case Stamp::July2:
      return {p.year, 7, 2, 0, 0, 0.0};
    case Stamp::Middle:
      break;
  }
  const int days = freq == Frequency::Annual ? cf::days_in_year(cal, p.year)
                                             : cf::days_in_month(cal, p.year, p.month);
  return cf::add_days(cal, start, days / 2.0);
}

}  // namespace

std::vector<Period> make_periods(Frequency freq, int start_year, int years) {
  std::vector<Period> out;
  const int months = freq == Frequency::Monthly ? 12 : 1;
  for (int y = start_year; y < start_year + years; ++y) {
    for (int m = 1; m <= months; ++m) out.push_back({y, m});
  }
  return out;
}

cf::Calendar calendar_of(const TimeSpec& spec) {
  auto cal = cf::parse_calendar(spec.calendar);
  if (!cal) throw std::invalid_argument("unknown calendar \"" + spec.calendar + "\"");
  return *cal;
}

double time_value(const TimeSpec& spec, Frequency freq, const Period& period) {
  const cf::TimeUnits units = cf::parse_time_units(spec.units);
  const cf::DateTime& ref = units.reference;
  // Month and year counts cannot be encoded from a date (their length
  // varies), so they count whole steps, as the models that use them do.
  if (units.unit == cf::TimeUnit::Months) {
    return (period.year - ref.year) * 12.0 + (period.month - ref.month);
  }
  if (units.unit == cf::TimeUnit::Years) return period.year - ref.year;
  const cf::Calendar cal = calendar_of(spec);
  return cf::encode_time(cal, units, stamp_date(cal, freq, spec.stamp, period));
}

}  // namespace ti::synth
