#pragma once
// Calendar arithmetic for the CF calendars (pure, no I/O).
// Checked against cftime: "standard"/"gregorian" is the mixed Julian/Gregorian
// calendar (Julian up to 1582-10-04, Gregorian from 1582-10-15).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ti::cf {

enum class Calendar { Standard, ProlepticGregorian, Julian, NoLeap, AllLeap, Day360 };

// Parses a CF calendar attribute (case-insensitive, surrounding blanks ignored):
// standard|gregorian, proleptic_gregorian, julian, noleap|365_day,
// all_leap|366_day, 360_day. An empty string means "standard" (CF default).
// Returns nullopt for anything else.
std::optional<Calendar> parse_calendar(std::string_view text);

// The CF spelling written to outputs: "standard", "proleptic_gregorian",
// "julian", "noleap", "all_leap", "360_day".
std::string_view cf_name(Calendar cal);

struct DateTime {
  int year = 1;
  int month = 1;   // 1..12
  int day = 1;     // 1..days_in_month
  int hour = 0;
  int minute = 0;
  double second = 0.0;  // [0, 60)
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

std::string to_string(const DateTime& t);  // "1700-01-16 12:00:00"

// Years use astronomical numbering (year 0 exists, and is a leap year in the
// Julian and Gregorian rules); cftime's real-world calendars have no year 0
// by default, so dates before 0001-01-01 differ from cftime's.
bool is_leap_year(Calendar cal, int year);
// The number of days the month has: 21 for 1582-10 in "standard" (its last
// day is still the 31st).
int days_in_month(Calendar cal, int year, int month);
int days_in_year(Calendar cal, int year);

// Whether (y, m, d) exists in the calendar (e.g. 1582-10-10 does not exist
// in "standard"; Feb 30 exists only in 360_day).
bool is_valid_date(Calendar cal, int year, int month, int day);

// Consecutive integer day numbers: day_number(next day) = day_number(day) + 1,
// across the 1582 gap of "standard" too. The epoch is arbitrary but fixed.
std::int64_t day_number(Calendar cal, int year, int month, int day);
void date_from_day_number(Calendar cal, std::int64_t n, int& year, int& month, int& day);

// Days (fractional) from `from` to `to` (positive when `to` is later).
double days_between(Calendar cal, const DateTime& from, const DateTime& to);
// The same in seconds (exact for whole-second times).
double seconds_between(Calendar cal, const DateTime& from, const DateTime& to);

// `t` plus a (possibly negative, fractional) number of days, rounded to the
// nearest microsecond so that decoded stamps compare exactly.
// Throws std::out_of_range for a non-finite or absurdly large offset.
DateTime add_days(Calendar cal, const DateTime& t, double days);
// `t` plus a number of seconds, rounded to the nearest microsecond like
// add_days (used for "seconds/minutes/hours since" without a division).
DateTime add_seconds(Calendar cal, const DateTime& t, double seconds);

// Adds whole calendar months (day clamped to the target month's length;
// a day inside the 1582 gap of "standard" becomes 1582-10-15).
DateTime add_months(Calendar cal, const DateTime& t, std::int64_t months);

}  // namespace ti::cf
