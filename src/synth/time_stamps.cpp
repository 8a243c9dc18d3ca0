// Periods and their time values in each profile's time convention, from the
// structured TimeSpec (never its units text) and synth's own calendar.
#include "trendy_ilamb/synth/time_stamps.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ti::synth {
namespace {

constexpr double kSecondsPerDay = 86400.0;

Moment period_start(const Period& p) { return {{p.year, p.month, p.day}, 0.0}; }

Date next_day(Calendar cal, const Date& d) { return date_at(cal, serial_day(cal, d) + 1); }

// 00:00 on the first day of the next period.
Moment period_end(Calendar cal, Frequency freq, const Period& p) {
  switch (freq) {
    case Frequency::Annual:
      return {{p.year + 1, 1, 1}, 0.0};
    case Frequency::Daily:
      return {next_day(cal, {p.year, p.month, p.day}), 0.0};
    case Frequency::Monthly:
      break;
  }
  return {p.month == 12 ? Date{p.year + 1, 1, 1} : Date{p.year, p.month + 1, 1}, 0.0};
}

int period_days(Calendar cal, Frequency freq, const Period& p) {
  switch (freq) {
    case Frequency::Annual:
      return year_days(cal, p.year);
    case Frequency::Daily:
      return 1;
    case Frequency::Monthly:
      break;
  }
  return month_days(cal, p.year, p.month);
}

// Whole days then seconds, so that 12:00 stays exactly 43200 s.
Moment add_seconds(Calendar cal, const Moment& t, double seconds) {
  const double total = t.seconds + seconds;
  const double days = std::floor(total / kSecondsPerDay);
  return {date_at(cal, serial_day(cal, t.date) + static_cast<std::int64_t>(days)),
          total - days * kSecondsPerDay};
}

double seconds_between(Calendar cal, const Moment& from, const Moment& to) {
  const auto days = static_cast<double>(serial_day(cal, to.date) - serial_day(cal, from.date));
  return days * kSecondsPerDay + (to.seconds - from.seconds);
}

double unit_seconds(SinceUnit unit) {
  switch (unit) {
    case SinceUnit::Seconds:
      return 1.0;
    case SinceUnit::Minutes:
      return 60.0;
    case SinceUnit::Hours:
      return 3600.0;
    case SinceUnit::Days:
      return kSecondsPerDay;
    case SinceUnit::Months:
    case SinceUnit::Years:
      break;
  }
  throw std::invalid_argument("months and years have no fixed length in seconds");
}

void require_frequency(Frequency freq, Frequency wanted, const char* what) {
  if (freq != wanted) throw std::invalid_argument(std::string(what));
}

// Where the stamp sits in its period, 0 (start) .. 1 (end), in days.
double fraction_of_period(Calendar cal, Frequency freq, Stamp stamp, const Period& p) {
  const double seconds = seconds_between(cal, period_start(p), stamp_moment(cal, freq, stamp, p));
  return seconds / kSecondsPerDay / period_days(cal, freq, p);
}

// Index of the period from the spec's first period, 0-based.
long step_index(const TimeSpec& spec, Frequency freq, const Period& p) {
  const long years = p.year - spec.start_year;
  switch (freq) {
    case Frequency::Annual:
      return years;
    case Frequency::Daily: {
      const Calendar cal = calendar_of(spec);
      return static_cast<long>(serial_day(cal, {p.year, p.month, p.day}) -
                               serial_day(cal, {spec.start_year, 1, 1}));
    }
    case Frequency::Monthly:
      break;
  }
  return years * 12 + (p.month - 1);
}

Moment reference_of(const TimeSpec& spec) {
  return {spec.since.reference, spec.since.reference_seconds};
}

// Whole months from the reference's month to the period's (months since).
double months_from_reference(const TimeSpec& spec, Frequency freq, const Period& p) {
  if (freq == Frequency::Daily) {
    throw std::invalid_argument("\"months since\" cannot count daily periods");
  }
  const Date& ref = spec.since.reference;
  return (p.year - ref.year) * 12.0 + (p.month - ref.month);
}

double since_value(const TimeSpec& spec, Frequency freq, const Period& period) {
  // Month and year counts cannot be encoded from a date (their length
  // varies), so they count whole steps, as the models that use them do.
  switch (spec.since.unit) {
    case SinceUnit::Months:
      return months_from_reference(spec, freq, period) + spec.count_offset;
    case SinceUnit::Years:
      return period.year - spec.since.reference.year + spec.count_offset;
    default:
      break;
  }
  const Calendar cal = calendar_of(spec);
  const Moment stamp = stamp_moment(cal, freq, spec.stamp, period);
  return seconds_between(cal, reference_of(spec), stamp) / unit_seconds(spec.since.unit);
}

}  // namespace

Moment stamp_moment(Calendar cal, Frequency freq, Stamp stamp, const Period& p) {
  const Moment start = period_start(p);
  switch (stamp) {
    case Stamp::Start:
      return start;
    case Stamp::July2:
      require_frequency(freq, Frequency::Annual, "stamp July2 needs annual periods");
      return {{p.year, 7, 2}, 0.0};
    case Stamp::Day16:
      require_frequency(freq, Frequency::Monthly, "stamp Day16 needs monthly periods");
      return {{p.year, p.month, 16}, 0.0};
    case Stamp::Day16Noon:
      require_frequency(freq, Frequency::Monthly, "stamp Day16Noon needs monthly periods");
      return {{p.year, p.month, 16}, kSecondsPerDay / 2.0};
    case Stamp::LastDay: {
      if (freq == Frequency::Daily) {
        throw std::invalid_argument("stamp LastDay needs monthly or annual periods");
      }
      const int month = freq == Frequency::Annual ? 12 : p.month;
      // The last day is the day before the next period starts (the 31st of
      // October 1582 in Standard, although that month has 21 days).
      const Moment end = period_end(cal, Frequency::Monthly, {p.year, month, 1});
      return {date_at(cal, serial_day(cal, end.date) - 1), 0.0};
    }
    case Stamp::End:
      return period_end(cal, freq, p);
    case Stamp::Middle:
      break;
  }
  return add_seconds(cal, start, period_days(cal, freq, p) * (kSecondsPerDay / 2.0));
}

std::vector<Period> make_periods(Calendar cal, Frequency freq, int start_year, int years) {
  if (freq != Frequency::Daily) return make_periods(freq, start_year, years);
  std::vector<Period> out;
  const std::int64_t first = serial_day(cal, {start_year, 1, 1});
  const std::int64_t end = serial_day(cal, {start_year + years, 1, 1});
  for (std::int64_t s = first; s < end; ++s) {
    const Date d = date_at(cal, s);
    out.push_back({d.year, d.month, d.day});
  }
  return out;
}

std::vector<Period> make_periods(Frequency freq, int start_year, int years) {
  if (freq == Frequency::Daily) {
    throw std::invalid_argument("daily periods need a calendar (make_periods(cal, ...))");
  }
  std::vector<Period> out;
  const int months = freq == Frequency::Monthly ? 12 : 1;
  for (int y = start_year; y < start_year + years; ++y) {
    for (int m = 1; m <= months; ++m) out.push_back({y, m, 1});
  }
  return out;
}

Calendar calendar_of(const TimeSpec& spec) {
  const auto cal = calendar_named(spec.calendar);
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
      if (freq == Frequency::Daily) {
        throw std::invalid_argument("decimal years need monthly or annual periods");
      }
      const double f = fraction_of_period(calendar_of(spec), freq, spec.stamp, period);
      if (freq == Frequency::Annual) return period.year + f;
      return period.year + (period.month - 1 + f) / 12.0;
    }
    case TimeEncoding::MonthAs: {
      require_frequency(freq, Frequency::Monthly, "\"month as %Y%m.%f\" needs monthly periods");
      const double f = fraction_of_period(calendar_of(spec), freq, spec.stamp, period);
      return period.year * 100.0 + period.month + f;
    }
    case TimeEncoding::DayAs: {
      const Moment t = stamp_moment(calendar_of(spec), freq, spec.stamp, period);
      return t.date.year * 10000.0 + t.date.month * 100.0 + t.date.day + t.seconds / kSecondsPerDay;
    }
  }
  throw std::invalid_argument("unknown time encoding");
}

std::pair<double, double> bounds_values(const TimeSpec& spec, Frequency freq,
                                        const Period& period) {
  if (spec.encoding != TimeEncoding::Since) {
    throw std::invalid_argument("time bounds need \"<unit> since <date>\" units");
  }
  if (spec.since.unit == SinceUnit::Months) {
    const double start = months_from_reference(spec, freq, period);
    return {start, start + (freq == Frequency::Annual ? 12.0 : 1.0)};
  }
  if (spec.since.unit == SinceUnit::Years) {
    require_frequency(freq, Frequency::Annual,
                      "time bounds in \"years since\" need annual periods");
    const double start = period.year - spec.since.reference.year;
    return {start, start + 1.0};
  }
  const Calendar cal = calendar_of(spec);
  const Moment ref = reference_of(spec);
  const double unit = unit_seconds(spec.since.unit);
  return {seconds_between(cal, ref, period_start(period)) / unit,
          seconds_between(cal, ref, period_end(cal, freq, period)) / unit};
}

}  // namespace ti::synth
