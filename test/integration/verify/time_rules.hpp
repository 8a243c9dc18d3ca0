#pragma once
// Time as the output contract states it, worked out with the synthetic
// release's own calendar (synth/calendar.hpp), never with the converter's:
// output time units "<unit> since YYYY-MM-DD[ hh:mm:ss]", the periods a
// file's bounds must cover, the stamps of its file name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common.hpp"
#include "trendy_ilamb/synth/calendar.hpp"

namespace ti::verify {

// The contract's default time units.
inline constexpr const char* kDefaultTimeUnits = "days since 1700-01-01 00:00:00";

struct OutputTimeUnits {
  std::string text;
  double seconds_per_unit = 86400.0;
  synth::Date reference;
  double reference_seconds = 0.0;  // time of day of the reference
};

// The CF spelling the contract writes: days|hours|minutes|seconds since
// YYYY-MM-DD[ hh:mm:ss]. nullopt for anything else.
std::optional<OutputTimeUnits> parse_output_time_units(std::string_view text);

// One period of a file: a month (day 1), a year (month 1, day 1) or a day.
struct Period {
  int year = 1700, month = 1, day = 1;
  friend bool operator==(const Period&, const Period&) = default;
};

synth::Date start_of(const Period& p);
Period next_period(synth::Calendar cal, const Period& p, Freq freq);
// YYYYMM, YYYY or YYYYMMDD, as file names carry them.
std::string stamp(const Period& p, Freq freq);
std::string to_string(const Period& p);

// The value of 00:00 on date `d` in `units` (exact for whole days and
// whole hours, as bounds are).
double value_at_midnight(synth::Calendar cal, const OutputTimeUnits& units, const synth::Date& d);

// The date whose 00:00 a value stands for; nullopt when the value is not
// at midnight.
std::optional<synth::Date> midnight_at(synth::Calendar cal, const OutputTimeUnits& units,
                                       double value);

// The period starting at `d`, when `d` starts one of `freq`.
std::optional<Period> period_starting(const synth::Date& d, Freq freq);

}  // namespace ti::verify
