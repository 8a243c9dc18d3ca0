#pragma once
// CF time units "<unit> since <reference>" (pure, no I/O).
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"

namespace ti::cf {

// A time value or unit that cannot be understood; the message says what was
// expected. Callers add file/variable/attribute context.
class TimeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class TimeUnit { Seconds, Minutes, Hours, Days, Months, Years };

struct TimeUnits {
  TimeUnit unit = TimeUnit::Days;
  DateTime reference;
};

// Parses "days since 1700-01-01", "hours since 1700-1-1 0:0:0",
// "months since 1700-1-16 12:00:00", "years since 1700-6-15 12:00:00",
// "days since 1700-01-01 00:00:00.000000", "seconds since 1970-01-01T00:00:00Z".
// Unit words: s/sec/second(s), min/minute(s), h/hr/hour(s), d/day(s),
// month(s)/mon, year(s)/yr/a, case-insensitive. Reference YYYY[-MM[-DD]]
// (1-4 digit year, 1-2 digit month/day), then after blanks or 'T' an optional
// hh[:mm[:ss[.f]]]; missing parts = the first / 00:00:00. An optional zone
// "Z", "UTC", "GMT" or a zero offset ("+00:00", "-0000") may follow;
// a non-zero offset is refused.
// Throws TimeError naming the text and what was expected.
TimeUnits parse_time_units(std::string_view text);

// Formats as CF text, e.g. "days since 1700-01-01 00:00:00".
std::string format_time_units(const TimeUnits& units);

// Decodes one value. Seconds..days: exact offsets in the calendar.
// Months/years: whole calendar months/years stepped from the reference
// (a month step is one calendar month, day clamped), the fractional part as
// that fraction of the step that follows (from floor(value) steps to
// floor(value)+1 steps), so that decoding is continuous in the value.
// Throws TimeError for a non-finite or out-of-range value or a reference
// date that does not exist in the calendar.
DateTime decode_time(Calendar cal, const TimeUnits& units, double value);

// Encodes a date as a value in `units`. Only seconds..days are supported for
// encoding (outputs always use "days since"); months/years throw TimeError.
double encode_time(Calendar cal, const TimeUnits& units, const DateTime& t);

}  // namespace ti::cf
