// From decoded time stamps to the contract's output time axis.
#include "trendy_ilamb/cf/time_axis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace ti::cf {
namespace {

// Median spacing of consecutive stamps in days. The median (not the mean)
// keeps one gap or duplicate from hiding the frequency, so that the step
// check can name it.
double median_spacing_days(Calendar cal, const std::vector<DateTime>& stamps) {
  std::vector<double> steps;
  steps.reserve(stamps.size() - 1);
  for (std::size_t i = 1; i < stamps.size(); ++i) steps.push_back(days_between(cal, stamps[i - 1], stamps[i]));
  const auto mid = steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2);
  std::nth_element(steps.begin(), mid, steps.end());
  return *mid;
}

// Spacing ranges wide enough for any stamp position within the period
// (mid-month stamps are 29.5..31 days apart; 360_day months are 30 days).
Frequency frequency_from_spacing(double days) {
  if (days > 0.5 && days < 1.5) return Frequency::Daily;
  if (days >= 27.0 && days <= 32.0) return Frequency::Monthly;
  if (days >= 359.0 && days <= 367.0) return Frequency::Annual;
  throw TimeError(fmt::format(
      "cannot detect the time frequency: the median spacing of the time stamps is {} days, "
      "expected about 1 (daily), 28-31 (monthly) or 360-366 (annual)",
      days));
}

Period period_of(Frequency f, const DateTime& t) {
  switch (f) {
    case Frequency::Daily: return {t.year, t.month, t.day};
    case Frequency::Monthly: return {t.year, t.month, 1};
    case Frequency::Annual: return {t.year, 1, 1};
  }
  return {t.year, t.month, 1};
}

std::string_view period_word(Frequency f) {
  switch (f) {
    case Frequency::Daily: return "day";
    case Frequency::Monthly: return "month";
    case Frequency::Annual: return "year";
  }
  return "month";
}

// Why `current` is not the period after `previous`.
std::string_view step_fault(Calendar cal, const Period& previous, const Period& current) {
  if (current == previous) return "duplicate";
  return days_between(cal, previous.start(), current.start()) < 0 ? "decreasing" : "gap";
}

void check_consecutive(Calendar cal, Frequency f, const std::vector<DateTime>& stamps,
                       const std::vector<Period>& periods) {
  for (std::size_t i = 1; i < periods.size(); ++i) {
    if (periods[i] == next_period(cal, f, periods[i - 1])) continue;
    throw TimeError(fmt::format("time step {} ({}) is not the {} after step {} ({}): {}", i,
                                to_string(stamps[i]), period_word(f), i - 1, to_string(stamps[i - 1]),
                                step_fault(cal, periods[i - 1], periods[i])));
  }
}

}  // namespace

std::string_view frequency_name(Frequency f) {
  switch (f) {
    case Frequency::Daily: return "day";
    case Frequency::Monthly: return "mon";
    case Frequency::Annual: return "yr";
  }
  return "mon";
}

std::string_view cmip_table(Frequency f) {
  switch (f) {
    case Frequency::Daily: return "Eday";
    case Frequency::Monthly: return "Lmon";
    case Frequency::Annual: return "Eyr";
  }
  return "Lmon";
}

DateTime Period::start() const {
  DateTime t;
  t.year = year;
  t.month = month;
  t.day = day;
  return t;
}

PeriodSeries assign_periods(Calendar cal, const std::vector<DateTime>& stamps, Frequency fallback) {
  PeriodSeries series;
  series.frequency = stamps.size() < 2 ? fallback : frequency_from_spacing(median_spacing_days(cal, stamps));
  series.periods.reserve(stamps.size());
  for (const DateTime& t : stamps) series.periods.push_back(period_of(series.frequency, t));
  check_consecutive(cal, series.frequency, stamps, series.periods);
  return series;
}

Period next_period(Calendar cal, Frequency f, const Period& p) {
  switch (f) {
    case Frequency::Daily: {
      Period next;
      date_from_day_number(cal, day_number(cal, p.year, p.month, p.day) + 1, next.year, next.month, next.day);
      return next;
    }
    case Frequency::Monthly:
      return p.month == 12 ? Period{p.year + 1, 1, 1} : Period{p.year, p.month + 1, 1};
    case Frequency::Annual: return {p.year + 1, 1, 1};
  }
  return p;
}

double period_seconds(Calendar cal, Frequency f, const Period& p) {
  return seconds_between(cal, p.start(), next_period(cal, f, p).start());
}

OutputAxis make_output_axis(Calendar cal, Frequency f, const std::vector<Period>& periods,
                            const TimeUnits& out_units) {
  OutputAxis axis;
  axis.value.reserve(periods.size());
  axis.lower.reserve(periods.size());
  axis.upper.reserve(periods.size());
  for (const Period& p : periods) {
    const double lower = encode_time(cal, out_units, p.start());
    const double upper = encode_time(cal, out_units, next_period(cal, f, p).start());
    axis.lower.push_back(lower);
    axis.upper.push_back(upper);
    axis.value.push_back((lower + upper) / 2.0);
  }
  return axis;
}

std::string cmip_stamp(Frequency f, const Period& p) {
  switch (f) {
    case Frequency::Daily: return fmt::format("{:04d}{:02d}{:02d}", p.year, p.month, p.day);
    case Frequency::Monthly: return fmt::format("{:04d}{:02d}", p.year, p.month);
    case Frequency::Annual: return fmt::format("{:04d}", p.year);
  }
  return fmt::format("{:04d}{:02d}", p.year, p.month);
}

std::vector<std::pair<std::size_t, std::size_t>> split_whole_years(const std::vector<Period>& periods,
                                                                   std::size_t pieces) {
  // Indices where a new year starts, and the end.
  std::vector<std::size_t> year_starts;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (i == 0 || periods[i].year != periods[i - 1].year) year_starts.push_back(i);
  }
  const std::size_t n = periods.size();
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (n == 0 || pieces == 0) return out;
  pieces = std::min(pieces, year_starts.size());
  std::size_t first = 0;
  std::size_t next_year = 1;  // candidate cut: year_starts[next_year]
  for (std::size_t k = 1; k < pieces; ++k) {
    // The year boundary nearest the ideal cut, leaving a year for every
    // piece still to come.
    const double ideal = static_cast<double>(n) * static_cast<double>(k) / static_cast<double>(pieces);
    const std::size_t last_allowed = year_starts.size() - (pieces - k);
    std::size_t best = next_year;
    for (std::size_t y = next_year; y <= last_allowed; ++y) {
      const auto distance = [&](std::size_t yy) {
        return std::abs(static_cast<double>(year_starts[yy]) - ideal);
      };
      if (distance(y) < distance(best)) best = y;
    }
    out.emplace_back(first, year_starts[best]);
    first = year_starts[best];
    next_year = best + 1;
  }
  out.emplace_back(first, n);
  return out;
}

}  // namespace ti::cf
