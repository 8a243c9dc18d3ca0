// The release's own calendar: day numbers by whole cycles of years from
// 0001-01-01 (400 years in the Gregorian rule, 4 in the Julian, 1 in the
// fixed-length calendars), then a walk over the remaining year and month
// lengths. Deliberately not the converter's method (ti::cf counts days
// from March-based eras): the two are meant to fail differently.
#include "trendy_ilamb/synth/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <string>

namespace ti::synth {
namespace {

// How a calendar (or one side of Standard's switch) counts its days.
enum class Rule { Gregorian, Julian, Fixed365, Fixed366, Fixed360 };

constexpr std::array<int, 12> kCommonMonths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Standard's switch: the last Julian day and the first Gregorian one.
constexpr Date kLastJulian{1582, 10, 4};
constexpr Date kFirstGregorian{1582, 10, 15};

bool before(const Date& a, const Date& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool rule_leap(Rule rule, int year) {
  switch (rule) {
    case Rule::Gregorian:
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    case Rule::Julian:
      return year % 4 == 0;
    case Rule::Fixed366:
      return true;
    case Rule::Fixed365:
    case Rule::Fixed360:
      return false;
  }
  return false;
}

void require_month(int month) {
  if (month < 1 || month > 12) {
    throw std::invalid_argument(fmt::format("month {} is not in 1..12", month));
  }
}

int rule_month_days(Rule rule, int year, int month) {
  if (rule == Rule::Fixed360) return 30;
  const int days = kCommonMonths[static_cast<std::size_t>(month - 1)];
  return month == 2 && rule_leap(rule, year) ? days + 1 : days;
}

int rule_year_days(Rule rule, int year) {
  int days = 0;
  for (int m = 1; m <= 12; ++m) days += rule_month_days(rule, year, m);
  return days;
}

// The years after which the rule repeats, and the days they hold (summed
// from the rule itself, so cycle and year lengths cannot disagree).
int cycle_years(Rule rule) {
  switch (rule) {
    case Rule::Gregorian:
      return 400;
    case Rule::Julian:
      return 4;
    default:
      return 1;
  }
}

std::int64_t sum_cycle_days(Rule rule) {
  std::int64_t days = 0;
  for (int y = 1; y <= cycle_years(rule); ++y) days += rule_year_days(rule, y);
  return days;
}

// Summed once per rule (indexed in the order of Rule).
std::int64_t cycle_days(Rule rule) {
  static const std::array<std::int64_t, 5> days{
      sum_cycle_days(Rule::Gregorian), sum_cycle_days(Rule::Julian), sum_cycle_days(Rule::Fixed365),
      sum_cycle_days(Rule::Fixed366), sum_cycle_days(Rule::Fixed360)};
  return days[static_cast<std::size_t>(rule)];
}

// Days from 0001-01-01 to d in one rule; d must exist in it.
std::int64_t rule_serial(Rule rule, const Date& d) {
  const int n = cycle_years(rule);
  const std::int64_t cycles = floor_div(d.year - 1, n);
  std::int64_t serial = cycles * cycle_days(rule);
  for (std::int64_t y = 1 + cycles * n; y < d.year; ++y) {
    serial += rule_year_days(rule, static_cast<int>(y));
  }
  for (int m = 1; m < d.month; ++m) serial += rule_month_days(rule, d.year, m);
  return serial + d.day - 1;
}

Date rule_date(Rule rule, std::int64_t serial) {
  const std::int64_t length = cycle_days(rule);
  const std::int64_t cycles = floor_div(serial, length);
  std::int64_t rest = serial - cycles * length;
  int year = static_cast<int>(1 + cycles * cycle_years(rule));
  while (rest >= rule_year_days(rule, year)) rest -= rule_year_days(rule, year++);
  int month = 1;
  while (rest >= rule_month_days(rule, year, month)) rest -= rule_month_days(rule, year, month++);
  return {year, month, static_cast<int>(rest) + 1};
}

Rule rule_of(Calendar cal) {
  switch (cal) {
    case Calendar::ProlepticGregorian:
      return Rule::Gregorian;
    case Calendar::Julian:
    case Calendar::Standard:  // before the switch; see standard_rule
      return Rule::Julian;
    case Calendar::NoLeap:
      return Rule::Fixed365;
    case Calendar::AllLeap:
      return Rule::Fixed366;
    case Calendar::Day360:
      return Rule::Fixed360;
  }
  return Rule::Gregorian;
}

// The rule a date of Standard follows: Julian before 1582-10-15.
Rule standard_rule(const Date& d) {
  return before(d, kFirstGregorian) ? Rule::Julian : Rule::Gregorian;
}

// Standard's day numbers: the Julian count up to the switch, then the
// Gregorian count shifted so that 1582-10-15 follows 1582-10-04.
std::int64_t gregorian_shift() {
  static const std::int64_t shift =
      rule_serial(Rule::Julian, kLastJulian) + 1 - rule_serial(Rule::Gregorian, kFirstGregorian);
  return shift;
}

void require_date(Calendar cal, const Date& d) {
  require_month(d.month);
  const Rule rule = cal == Calendar::Standard ? standard_rule(d) : rule_of(cal);
  const bool in_gap =
      cal == Calendar::Standard && before(kLastJulian, d) && before(d, kFirstGregorian);
  if (d.day < 1 || d.day > rule_month_days(rule, d.year, d.month) || in_gap) {
    throw std::invalid_argument(
        fmt::format("date {:04d}-{:02d}-{:02d} does not exist in the {} calendar", d.year,
                    d.month, d.day, cf_spelling(cal)));
  }
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<Calendar> calendar_named(std::string_view name) {
  const std::string n = lower(name);
  if (n == "standard" || n == "gregorian") return Calendar::Standard;
  if (n == "proleptic_gregorian") return Calendar::ProlepticGregorian;
  if (n == "julian") return Calendar::Julian;
  if (n == "noleap" || n == "365_day") return Calendar::NoLeap;
  if (n == "all_leap" || n == "366_day") return Calendar::AllLeap;
  if (n == "360_day") return Calendar::Day360;
  return std::nullopt;
}

std::string_view cf_spelling(Calendar cal) {
  switch (cal) {
    case Calendar::Standard:
      return "standard";
    case Calendar::ProlepticGregorian:
      return "proleptic_gregorian";
    case Calendar::Julian:
      return "julian";
    case Calendar::NoLeap:
      return "noleap";
    case Calendar::AllLeap:
      return "all_leap";
    case Calendar::Day360:
      return "360_day";
  }
  return "standard";
}

bool leap_year(Calendar cal, int year) {
  if (cal == Calendar::Standard) {
    // 1582 itself is common in both rules.
    return rule_leap(year < kFirstGregorian.year ? Rule::Julian : Rule::Gregorian, year);
  }
  return rule_leap(rule_of(cal), year);
}

int month_days(Calendar cal, int year, int month) {
  require_month(month);
  if (cal != Calendar::Standard) return rule_month_days(rule_of(cal), year, month);
  const Rule rule = standard_rule({year, month, 1});
  const int days = rule_month_days(rule, year, month);
  if (year == kFirstGregorian.year && month == kFirstGregorian.month) {
    return days - (kFirstGregorian.day - kLastJulian.day - 1);  // the ten skipped days
  }
  return days;
}

int year_days(Calendar cal, int year) {
  int days = 0;
  for (int m = 1; m <= 12; ++m) days += month_days(cal, year, m);
  return days;
}

std::int64_t serial_day(Calendar cal, const Date& d) {
  require_date(cal, d);
  if (cal != Calendar::Standard) return rule_serial(rule_of(cal), d);
  if (before(d, kFirstGregorian)) return rule_serial(Rule::Julian, d);
  return rule_serial(Rule::Gregorian, d) + gregorian_shift();
}

Date date_at(Calendar cal, std::int64_t serial) {
  if (cal != Calendar::Standard) return rule_date(rule_of(cal), serial);
  static const std::int64_t last_julian = rule_serial(Rule::Julian, kLastJulian);
  if (serial <= last_julian) return rule_date(Rule::Julian, serial);
  return rule_date(Rule::Gregorian, serial - gregorian_shift());
}

}  // namespace ti::synth
