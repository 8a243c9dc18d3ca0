#pragma once
// CF time units "<unit> since <reference>" and the absolute/decimal-year
// encodings found in TRENDY files (pure, no I/O).
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

// How a value encodes a date.
//   Relative:      "<unit> since <reference>" (CF).
//   DecimalYear:   a bare year unit ("yr", "years", "a", "decimal years",
//                  "year AD", ...): the value is a calendar year, its fraction
//                  the part of that year elapsed (1700.5 = Jan 1 1700 plus
//                  half of the days of 1700).
//   AbsoluteYear:  "year as %Y.%f"      e.g. 1700.5 (as DecimalYear).
//   AbsoluteMonth: "month as %Y%m.%f"   e.g. 170001.5 = January 1700 plus half
//                  of January's length.
//   AbsoluteDay:   "day as %Y%m%d.%f"   e.g. 17000116.5 = 1700-01-16 12:00.
enum class TimeEncoding { Relative, DecimalYear, AbsoluteYear, AbsoluteMonth, AbsoluteDay };

struct TimeUnits {
  // Relative: the step. Otherwise the finest field of the encoding: Days for
  // AbsoluteDay, Months for AbsoluteMonth, Years for AbsoluteYear and
  // DecimalYear.
  TimeUnit unit = TimeUnit::Days;
  DateTime reference;  // Relative only (default-constructed otherwise)
  TimeEncoding encoding = TimeEncoding::Relative;
};

// Parses CF time units and the other forms found in TRENDY files, by general
// rules (case-insensitive throughout):
// - Relative: "<unit> since [AD|A.D.] <reference>[ <free text>]", e.g.
//   "days since 1700-01-01", "hours since 1700-1-1 0:0:0",
//   "months since 1700-1-16 12:00:00", "years since 1700-6-15 12:00:00",
//   "days since 1700-01-01 00:00:00.000000", "seconds since 1970-01-01T00:00:00Z",
//   "days since AD 1700-01-01", "days since 1700-01-01 (double)",
//   "days since 1700-01-01 00:00:00 UTC as the reference".
//   Unit words: s/sec/second(s), min/minute(s), h/hr/hour(s), d/day(s),
//   month(s)/mon, year(s)/yr/a. Reference YYYY[-MM[-DD]] (1-4 digit year,
//   1-2 digit month/day), then after blanks or 'T' an optional
//   hh[:mm[:ss[.f]]]; missing parts = the first / 00:00:00. An optional zone
//   "Z", "UTC", "UT", "GMT" or a zero offset ("+00:00", "-0000") may follow;
//   a non-zero offset or another zone abbreviation (an upper-case word of 2-5
//   letters, e.g. "CET") is refused, and so is "BC". Text after the complete
//   date[/time/zone] is ignored when a blank separates it and it starts with a
//   letter or an opening bracket; anything else (digits, '/', ...) means a
//   malformed date and is refused.
// - Absolute: "<day|month|year> as <format>", the format naming the fields
//   down to that unit with an optional fraction: "%Y%m%d[.%f]", "%Y%m[.%f]",
//   "%Y[.%f]" (blanks inside ignored).
// - DecimalYear: a text without "since" that starts with a year word
//   ("yr", "years (decimal)", "year AD", "a"), or whose only unit word is a
//   year word after other words ("decimal years"); it may not contain digits
//   (that would be an offset from a date) nor "BC"/"BP"/"before".
// Throws TimeError naming the text and what was expected.
TimeUnits parse_time_units(std::string_view text);

// Formats as CF text, e.g. "days since 1700-01-01 00:00:00"; the other
// encodings as "year as %Y.%f", "month as %Y%m.%f", "day as %Y%m%d.%f" and
// "years" (DecimalYear).
std::string format_time_units(const TimeUnits& units);

// Decodes one value.
// Relative seconds..days: exact offsets in the calendar.
// Relative months/years: whole calendar months/years stepped from the
// reference (a month step is one calendar month, day clamped), the fractional
// part as that fraction of the step that follows (from floor(value) steps to
// floor(value)+1 steps), so that decoding is continuous in the value.
// Absolute/decimal encodings: the date the integer part names plus the
// fraction of that day / month / year (its length in the calendar).
// Results are rounded to the microsecond.
// Throws TimeError for a non-finite or out-of-range value, a reference date
// that does not exist in the calendar, or an absolute value that names no
// date of the calendar (month 13, day 32, Feb 29 in noleap...).
DateTime decode_time(Calendar cal, const TimeUnits& units, double value);

// Encodes a date as a value in `units`. Only relative seconds..days are
// supported for encoding (outputs always use "days since"); months/years and
// the absolute/decimal encodings throw TimeError.
double encode_time(Calendar cal, const TimeUnits& units, const DateTime& t);

}  // namespace ti::cf
