#pragma once
// The periods a synthetic file covers and the time value that stamps each,
// in the profile's units, calendar and stamp position.
#include <utility>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/synth/profile.hpp"

namespace ti::synth {

struct Period {
  int year = 1700;
  int month = 1;  // 1 for annual periods
};

// `years` whole years from `start_year`, monthly or annual.
std::vector<Period> make_periods(Frequency freq, int start_year, int years);

// The calendar a profile declares; throws std::invalid_argument if unknown.
cf::Calendar calendar_of(const TimeSpec& spec);

// The date a period is stamped with (the spec's stamp position).
cf::DateTime stamp_date(cf::Calendar cal, Frequency freq, Stamp stamp, const Period& period);

// The time value of a period, by the spec's encoding. Since: "months since" /
// "years since" count whole calendar months / years from the reference plus
// count_offset (the stamp position is then implied by the reference); other
// units encode the stamp date exactly. DecimalYear / MonthAs / DayAs: see
// TimeEncoding. Index: 1 for the first period of the spec's start year.
// Throws std::invalid_argument for a combination that means nothing
// (MonthAs with annual periods, a stamp of the wrong frequency).
double time_value(const TimeSpec& spec, Frequency freq, const Period& period);

// (start, end) of a period in the spec's units: 00:00 on its first day and
// on the first day of the next period (months/years since: whole counts).
// Since encoding only; throws std::invalid_argument otherwise.
std::pair<double, double> bounds_values(const TimeSpec& spec, Frequency freq,
                                        const Period& period);

}  // namespace ti::synth
