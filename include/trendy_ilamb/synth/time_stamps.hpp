#pragma once
// The periods a synthetic file covers and the time value that stamps each,
// in the profile's units, calendar and stamp position. All calendar
// arithmetic is synth's own (calendar.hpp), never the converter's.
#include <utility>
#include <vector>

#include "trendy_ilamb/synth/calendar.hpp"
#include "trendy_ilamb/synth/profile.hpp"

namespace ti::synth {

struct Period {
  int year = 1700;
  int month = 1;  // 1 for annual periods
  int day = 1;    // 1 for monthly and annual periods
  friend bool operator==(const Period&, const Period&) = default;
};

// A point in time: a date and the seconds after its 00:00, [0, 86400).
struct Moment {
  Date date;
  double seconds = 0.0;
  friend bool operator==(const Moment&, const Moment&) = default;
};

// `years` whole years from `start_year`: monthly, annual, or daily (every
// day of the calendar, so `cal` matters only for daily periods).
std::vector<Period> make_periods(Calendar cal, Frequency freq, int start_year, int years);
// The same for monthly and annual periods; throws std::invalid_argument for
// daily ones, which need a calendar.
std::vector<Period> make_periods(Frequency freq, int start_year, int years);

// The calendar a profile declares (calendar_named of its text); throws
// std::invalid_argument naming the text if unknown.
Calendar calendar_of(const TimeSpec& spec);

// Where a period is stamped (the spec's stamp position). Throws
// std::invalid_argument for a stamp of another frequency (Day16 on annual
// periods, July2 on monthly ones, LastDay on daily ones, ...).
Moment stamp_moment(Calendar cal, Frequency freq, Stamp stamp, const Period& period);

// The time value of a period, by the spec's encoding. Since: "months since" /
// "years since" count whole calendar months / years from the reference plus
// count_offset (the stamp position is then implied by the reference); other
// units encode the stamp moment exactly. DecimalYear / MonthAs / DayAs: see
// TimeEncoding. Index: 1 for the first period of the spec's start year.
// Throws std::invalid_argument for a combination that means nothing
// (MonthAs with annual periods, months since with daily ones, a stamp of
// the wrong frequency).
double time_value(const TimeSpec& spec, Frequency freq, const Period& period);

// (start, end) of a period in the spec's units: 00:00 on its first day and
// on the first day of the next period (months/years since: whole counts).
// Since encoding only; throws std::invalid_argument otherwise.
std::pair<double, double> bounds_values(const TimeSpec& spec, Frequency freq,
                                        const Period& period);

}  // namespace ti::synth
