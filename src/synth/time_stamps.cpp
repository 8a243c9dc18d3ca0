// Periods and their time values in each profile's time convention.
#include "trendy_ilamb/synth/time_stamps.hpp"

#include <stdexcept>
#include <string>

#include "trendy_ilamb/cf/time_units.hpp"

namespace ti::synth {
namespace {

constexpr double kSecondsPerDay = 86400.0;

cf::DateTime period_start(const Period& p) { return {p.year, p.month, 1, 0, 0, 0.0}; }

// 00:00 on the first day of the next period.
cf::DateTime period_end(cf::Calendar cal, Frequency freq, const Period& p) {
  if (freq == Frequency::Annual) return {p.year + 1, 1, 1, 0, 0, 0.0};
  return cf::add_months(cal, period_start(p), 1);
}

int period_days(cf::Calendar cal, Frequency freq, const Period& p) {
  return freq == Frequency::Annual ? cf::days_in_year(cal, p.year)
                                   : cf::days_in_month(cal, p.year, p.month);
}

void require_monthly(Frequency freq, const char* stamp) {
  if (freq != Frequency::Monthly) {
    throw std::invalid_argument(std::string("stamp ") + stamp + " needs monthly periods");
  }
}

// Where the stamp sits in its period, 0 (start) .. 1 (end), in days.
double fraction_of_period(cf::Calendar cal, Frequency freq, Stamp stamp, const Period& p) {
  const cf::DateTime t = stamp_date(cal, freq, stamp, p);
  return cf::days_between(cal, period_start(p), t) / period_days(cal, freq, p);
}

// Index of the period from the spec's first period, 0-based.
long step_index(const TimeSpec& spec, Frequency freq, const Period& p) {
  const long years = p.year - spec.start_year;
  return freq == Frequency::Annual ? years : years * 12 + (p.month - 1);
}

double since_value(const TimeSpec& spec, Frequency freq, const Period& period) {
  const cf::TimeUnits units = cf::parse_time_units(spec.units);
  const cf::DateTime& ref = units.reference;
  // Month and year counts cannot be encoded from a date (their length
  // varies), so they count whole steps, as the models that use them do.
  if (units.unit == cf::TimeUnit::Months) {
    return (period.year - ref.year) * 12.0 + (period.month - ref.month) + spec.count_offset;
  }
  if (units.unit == cf::TimeUnit::Years) return period.year - ref.year + spec.count_offset;
  const cf::Calendar cal = calendar_of(spec);
  return cf::encode_time(cal, units, stamp_date(cal, freq, spec.stamp, period));
}

}  // namespace

cf::DateTime stamp_date(cf::Calendar cal, Frequency freq, Stamp stamp, const Period& p) {
  const cf::DateTime start = period_start(p);
  switch (stamp) {
    case Stamp::Start:
      return start;
    case Stamp::July2:
      if (freq != Frequency::Annual) {
        throw std::invalid_argument("stamp July2 needs annual periods");
      }
      return {p.year, 7, 2, 0, 0, 0.0};
    case Stamp::Day16:
      require_monthly(freq, "Day16");
      return {p.year, p.month, 16, 0, 0, 0.0};
    case Stamp::Day16Noon:
      require_monthly(freq, "Day16Noon");
      return {p.year, p.month, 16, 12, 0, 0.0};
    case Stamp::LastDay: {
      const int month = freq == Frequency::Annual ? 12 : p.month;
      return {p.year, month, cf::days_in_month(cal, p.year, month), 0, 0, 0.0};
    }
    case Stamp::End:
      return period_end(cal, freq, p);
    case Stamp::Middle:
      break;
  }
  return cf::add_days(cal, start, period_days(cal, freq, p) / 2.0);
}

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
  switch (spec.encoding) {
    case TimeEncoding::Since:
      return since_value(spec, freq, period);
    case TimeEncoding::Index:
      return static_cast<double>(step_index(spec, freq, period) + 1);
    case TimeEncoding::DecimalYear: {
      const double f = fraction_of_period(calendar_of(spec), freq, spec.stamp, period);
      if (freq == Frequency::Annual) return period.year + f;
      return period.year + (period.month - 1 + f) / 12.0;
    }
    case TimeEncoding::MonthAs: {
      if (freq != Frequency::Monthly) {
        throw std::invalid_argument("\"month as %Y%m.%f\" needs monthly periods");
      }
      const double f = fraction_of_period(calendar_of(spec), freq, spec.stamp, period);
      return period.year * 100.0 + period.month + f;
    }
    case TimeEncoding::DayAs: {
      const cf::DateTime t = stamp_date(calendar_of(spec), freq, spec.stamp, period);
      const double day_fraction = (t.hour * 3600.0 + t.minute * 60.0 + t.second) / kSecondsPerDay;
      return t.year * 10000.0 + t.month * 100.0 + t.day + day_fraction;
    }
  }
  throw std::invalid_argument("unknown time encoding");
}

std::pair<double, double> bounds_values(const TimeSpec& spec, Frequency freq,
                                        const Period& period) {
  if (spec.encoding != TimeEncoding::Since) {
    throw std::invalid_argument("time bounds need \"<unit> since <date>\" units");
  }
  const cf::TimeUnits units = cf::parse_time_units(spec.units);
  const cf::DateTime& ref = units.reference;
  if (units.unit == cf::TimeUnit::Months) {
    const double start = (period.year - ref.year) * 12.0 + (period.month - ref.month);
    return {start, start + (freq == Frequency::Annual ? 12.0 : 1.0)};
  }
  if (units.unit == cf::TimeUnit::Years) {
    if (freq != Frequency::Annual) {
      throw std::invalid_argument("time bounds in \"years since\" need annual periods");
    }
    const double start = period.year - ref.year;
    return {start, start + 1.0};
  }
  const cf::Calendar cal = calendar_of(spec);
  return {cf::encode_time(cal, units, period_start(period)),
          cf::encode_time(cal, units, period_end(cal, freq, period))};
}

}  // namespace ti::synth
