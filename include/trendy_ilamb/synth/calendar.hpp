#pragma once
// The synthetic release's own calendar arithmetic, kept apart from the
// converter's (ti::cf): the known answer of a test must not share a bug with
// the code under test. A wrong month length here and in ti::cf would make
// trendy_synth write per-month values with the same wrong length the
// converter divides by, and the test would pass. So this file uses another
// method (whole 400/4/1-year cycles from 0001-01-01, then a walk over year
// and month lengths) and is checked against cftime's golden vectors.
//
// Standard is the mixed calendar of cftime: Julian through 1582-10-04,
// Gregorian from 1582-10-15. Years are astronomical (year 0 exists); only
// years >= 1 matter to the release.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ti::synth {

enum class Calendar { Standard, ProlepticGregorian, Julian, NoLeap, AllLeap, Day360 };

// CF names and aliases, case-insensitive: standard|gregorian, proleptic_gregorian,
// julian, noleap|365_day, all_leap|366_day, 360_day. nullopt otherwise.
std::optional<Calendar> calendar_named(std::string_view name);

// The canonical CF spelling: "standard", "proleptic_gregorian", "julian",
// "noleap", "all_leap", "360_day".
std::string_view cf_spelling(Calendar cal);

bool leap_year(Calendar cal, int year);
// Days in the month (1..12): 21 for 1582-10 in Standard (whose last day is
// still the 31st). Throws std::invalid_argument for a month outside 1..12.
int month_days(Calendar cal, int year, int month);
int year_days(Calendar cal, int year);

struct Date {
  int year = 1;
  int month = 1;
  int day = 1;
  friend bool operator==(const Date&, const Date&) = default;
};

// Consecutive day numbers (next day = +1, across the 1582 switch of Standard
// too); the epoch is fixed and arbitrary (0 = 0001-01-01 of the calendar).
// Throws std::invalid_argument for a date the calendar lacks (Feb 30 outside
// 360_day, 1582-10-10 in Standard).
std::int64_t serial_day(Calendar cal, const Date& d);
Date date_at(Calendar cal, std::int64_t serial);

}  // namespace ti::synth
