#pragma once
// From decoded time stamps to the output time axis of the contract
// (pure, no I/O).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_units.hpp"

namespace ti::cf {

enum class Frequency { Daily, Monthly, Annual };

std::string_view frequency_name(Frequency f);   // "day", "mon", "yr" (CMIP)
std::string_view cmip_table(Frequency f);       // "Eday", "Lmon", "Eyr"

// One output step: the calendar period it covers.
struct Period {
  int year = 0;
  int month = 1;  // 1 for annual
  int day = 1;    // 1 unless daily
  DateTime start() const;
  friend bool operator==(const Period&, const Period&) = default;
};

// Detects the frequency of decoded stamps (any stamp position within its
// period: 1st, 15th/16th, mid-month, Jan 1, mid-year, Dec 31 ...) and
// assigns each stamp its period. Throws TimeError when the stamps are not a
// regular series of one frequency (gap, duplicate, decreasing), naming the
// index of the first offending step. A single stamp is taken as `fallback`.
struct PeriodSeries {
  Frequency frequency = Frequency::Monthly;
  std::vector<Period> periods;
};
PeriodSeries assign_periods(Calendar cal, const std::vector<DateTime>& stamps,
                            Frequency fallback = Frequency::Monthly);

// Splits steps [0, periods.size()) into at most `pieces` contiguous runs
// [first, last) that start and end on year boundaries, with step counts as
// even as whole years allow (a large input becomes several files, each a
// whole number of years, CMIP style). Fewer runs when there are fewer years.
std::vector<std::pair<std::size_t, std::size_t>> split_whole_years(const std::vector<Period>& periods,
                                                                   std::size_t pieces);

// Start of the period after `p`.
Period next_period(Calendar cal, Frequency f, const Period& p);

// Seconds covered by a period in the calendar (month lengths differ).
double period_seconds(Calendar cal, Frequency f, const Period& p);

// The output axis: bounds at period starts (contiguous), value at the
// midpoint of the bounds, all in `out_units` (days/hours/... since).
struct OutputAxis {
  std::vector<double> value;
  std::vector<double> lower;
  std::vector<double> upper;
};
OutputAxis make_output_axis(Calendar cal, Frequency f, const std::vector<Period>& periods,
                            const TimeUnits& out_units);

// CMIP file-name stamp: YYYYMM (monthly), YYYY (annual), YYYYMMDD (daily).
std::string cmip_stamp(Frequency f, const Period& p);

}  // namespace ti::cf
