#pragma once
// The periods a synthetic file covers and the time value that stamps each,
// in the profile's units, calendar and stamp position.
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

// The time value of a period. "months since" / "years since" count whole
// calendar months / years from the reference (the stamp position is then
// implied by the reference); other units encode the stamp date exactly.
double time_value(const TimeSpec& spec, Frequency freq, const Period& period);

}  // namespace ti::synth
