// Calendar arithmetic for the CF calendars.
//
// Day numbers: the real-world calendars (standard, proleptic_gregorian,
// julian) share one epoch (0 = 1970-01-01 Gregorian) so that "standard" can
// switch from its Julian to its Gregorian part without a jump; the idealised
// calendars (noleap, all_leap, 360_day) count from 0000-01-01.
// Years use astronomical numbering (year 0 exists) in every calendar.
#include "trendy_ilamb/cf/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ti::cf {
namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

// Floor division and modulo: calendar arithmetic must round towards minus
// infinity for dates before the epoch.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

// Day of a March-based year (March 1 = 0): moving February to the end makes
// month lengths before any day independent of leap years.
constexpr std::int64_t march_day_of_year(int month, int day) {
  const int mp = month > 2 ? month - 3 : month + 9;
  return (153 * mp + 2) / 5 + day - 1;
}

// (month, day) from a March-based day of year (inverse of the above).
constexpr void month_day_from_march_doy(std::int64_t doy, int& month, int& day) {
  const std::int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
}

// Proleptic Gregorian day number, 0 = 1970-01-01 (H. Hinnant's algorithm:
// 400-year eras of 146097 days).
constexpr std::int64_t gregorian_days(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + march_day_of_year(month, day);
  return era * 146097 + doe - 719468;
}

constexpr void gregorian_date(std::int64_t n, int& year, int& month, int& day) {
  const std::int64_t z = n + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  month_day_from_march_doy(doe - (365 * yoe + yoe / 4 - yoe / 100), month, day);
  year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

// Julian day count before alignment: 4-year eras of 1461 days, 0 = 0000-03-01.
constexpr std::int64_t julian_raw_days(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 4);
  return era * 1461 + (y - era * 4) * 365 + march_day_of_year(month, day);
}

// Aligns the Julian count with the Gregorian one: the day after Julian
// 1582-10-04 is Gregorian 1582-10-15 (the reform, as in cftime).
constexpr std::int64_t kJulianOffset = gregorian_days(1582, 10, 15) - 1 - julian_raw_days(1582, 10, 4);

constexpr std::int64_t julian_days(int year, int month, int day) {
  return julian_raw_days(year, month, day) + kJulianOffset;
}

constexpr void julian_date(std::int64_t n, int& year, int& month, int& day) {
  const std::int64_t z = n - kJulianOffset;
  const std::int64_t era = floor_div(z, 1461);
  const std::int64_t doe = z - era * 1461;
  const std::int64_t yoe = (doe - doe / 1460) / 365;  // the leap day ends the era
  month_day_from_march_doy(doe - 365 * yoe, month, day);
  year = static_cast<int>(yoe + era * 4 + (month <= 2 ? 1 : 0));
}

constexpr std::int64_t kFirstGregorianDay = gregorian_days(1582, 10, 15);

bool is_gregorian_part(int year, int month, int day) {
  return year > 1582 || (year == 1582 && (month > 10 || (month == 10 && day >= 15)));
}

// Calendars whose years all have the same length.
int fixed_year_length(Calendar cal) {
  switch (cal) {
    case Calendar::NoLeap: return 365;
    case Calendar::AllLeap: return 366;
    case Calendar::Day360: return 360;
    default: return 0;
  }
}

// Days before the first of `month` in a fixed-length year.
int days_before_month(Calendar cal, int month) {
  int days = 0;
  for (int m = 1; m < month; ++m) days += days_in_month(cal, 1, m);  // year irrelevant
  return days;
}

std::int64_t fixed_day_number(Calendar cal, int year, int month, int day) {
  return static_cast<std::int64_t>(year) * fixed_year_length(cal) + days_before_month(cal, month) +
         day - 1;
}

void fixed_date(Calendar cal, std::int64_t n, int& year, int& month, int& day) {
  const int length = fixed_year_length(cal);
  year = static_cast<int>(floor_div(n, length));
  int doy = static_cast<int>(floor_mod(n, length));
  month = 1;
  while (doy >= days_in_month(cal, year, month)) doy -= days_in_month(cal, year, month++);
  day = doy + 1;
}

// Last day-of-month number (31 for October 1582 in "standard", although
// that month has only 21 days).
int last_day_of_month(Calendar cal, int year, int month) {
  if (cal == Calendar::Day360) return 30;
  static constexpr int kLengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(cal, year)) return 29;
  return kLengths[month - 1];
}

bool in_reform_gap(Calendar cal, int year, int month, int day) {
  return cal == Calendar::Standard && year == 1582 && month == 10 && day > 4 && day < 15;
}

std::int64_t time_of_day_micros(const DateTime& t) {
  const double seconds = (t.hour * 60.0 + t.minute) * 60.0 + t.second;
  return std::llround(seconds * 1e6);
}

std::string lowercase_trimmed(std::string_view text) {
  const auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<Calendar> parse_calendar(std::string_view text) {
  const std::string name = lowercase_trimmed(text);
  if (name.empty() || name == "standard" || name == "gregorian") return Calendar::Standard;
  if (name == "proleptic_gregorian") return Calendar::ProlepticGregorian;
  if (name == "julian") return Calendar::Julian;
  if (name == "noleap" || name == "365_day") return Calendar::NoLeap;
  if (name == "all_leap" || name == "366_day") return Calendar::AllLeap;
  if (name == "360_day") return Calendar::Day360;
  return std::nullopt;
}

std::string_view cf_name(Calendar cal) {
  switch (cal) {
    case Calendar::Standard: return "standard";
    case Calendar::ProlepticGregorian: return "proleptic_gregorian";
    case Calendar::Julian: return "julian";
    case Calendar::NoLeap: return "noleap";
    case Calendar::AllLeap: return "all_leap";
    case Calendar::Day360: return "360_day";
  }
  return "standard";
}

std::string to_string(const DateTime& t) {
  std::string out = fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", t.year, t.month, t.day,
                                t.hour, t.minute, static_cast<int>(t.second));
  // Fractional seconds only when present, to microseconds, trailing zeros cut.
  const auto micros = std::llround((t.second - std::floor(t.second)) * 1e6);
  if (micros != 0) {
    std::string frac = fmt::format("{:06d}", micros);
    frac.erase(frac.find_last_not_of('0') + 1);
    out += "." + frac;
  }
  return out;
}

bool is_leap_year(Calendar cal, int year) {
  const bool julian_rule = floor_mod(year, 4) == 0;
  const bool gregorian_rule = julian_rule && (floor_mod(year, 100) != 0 || floor_mod(year, 400) == 0);
  switch (cal) {
    case Calendar::Standard: return year > 1582 ? gregorian_rule : julian_rule;
    case Calendar::ProlepticGregorian: return gregorian_rule;
    case Calendar::Julian: return julian_rule;
    case Calendar::AllLeap: return true;
    case Calendar::NoLeap:
    case Calendar::Day360: return false;
  }
  return false;
}

int days_in_month(Calendar cal, int year, int month) {
  if (month == 10 && year == 1582 && cal == Calendar::Standard) return 21;  // the reform
  return last_day_of_month(cal, year, month);
}

int days_in_year(Calendar cal, int year) {
  return static_cast<int>(day_number(cal, year + 1, 1, 1) - day_number(cal, year, 1, 1));
}

bool is_valid_date(Calendar cal, int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= last_day_of_month(cal, year, month) && !in_reform_gap(cal, year, month, day);
}

std::int64_t day_number(Calendar cal, int year, int month, int day) {
  switch (cal) {
    case Calendar::Standard:
      return is_gregorian_part(year, month, day) ? gregorian_days(year, month, day)
                                                 : julian_days(year, month, day);
    case Calendar::ProlepticGregorian: return gregorian_days(year, month, day);
    case Calendar::Julian: return julian_days(year, month, day);
    default: return fixed_day_number(cal, year, month, day);
  }
}

void date_from_day_number(Calendar cal, std::int64_t n, int& year, int& month, int& day) {
  switch (cal) {
    case Calendar::Standard:
      if (n >= kFirstGregorianDay) {
        gregorian_date(n, year, month, day);
      } else {
        julian_date(n, year, month, day);
      }
      return;
    case Calendar::ProlepticGregorian: gregorian_date(n, year, month, day); return;
    case Calendar::Julian: julian_date(n, year, month, day); return;
    default: fixed_date(cal, n, year, month, day); return;
  }
}

double seconds_between(Calendar cal, const DateTime& from, const DateTime& to) {
  const std::int64_t days = day_number(cal, to.year, to.month, to.day) -
                            day_number(cal, from.year, from.month, from.day);
  const double tod_to = (to.hour * 60.0 + to.minute) * 60.0 + to.second;
  const double tod_from = (from.hour * 60.0 + from.minute) * 60.0 + from.second;
  return static_cast<double>(days) * 86400.0 + (tod_to - tod_from);
}

double days_between(Calendar cal, const DateTime& from, const DateTime& to) {
  return seconds_between(cal, from, to) / 86400.0;
}

DateTime add_seconds(Calendar cal, const DateTime& t, double seconds) {
  // Beyond ~290,000 years the microsecond count would overflow int64.
  if (!std::isfinite(seconds) || std::fabs(seconds) > 9e12) {
    throw std::out_of_range(fmt::format("cannot add {} seconds to {}", seconds, to_string(t)));
  }
  // Whole seconds and the fraction apart: seconds * 1e6 in one product would
  // lose microseconds beyond 2^53 us (~285 years) from the reference.
  const double whole = std::floor(seconds);
  const std::int64_t micros_offset =
      static_cast<std::int64_t>(whole) * 1'000'000 + std::llround((seconds - whole) * 1e6);
  const std::int64_t total = time_of_day_micros(t) + micros_offset;
  const std::int64_t start = day_number(cal, t.year, t.month, t.day);
  DateTime out;
  date_from_day_number(cal, start + floor_div(total, kMicrosPerDay), out.year, out.month, out.day);
  const std::int64_t micros = floor_mod(total, kMicrosPerDay);
  out.hour = static_cast<int>(micros / 3'600'000'000);
  out.minute = static_cast<int>(micros / 60'000'000 % 60);
  out.second = static_cast<double>(micros % 60'000'000) / 1e6;
  return out;
}

DateTime add_days(Calendar cal, const DateTime& t, double days) {
  return add_seconds(cal, t, days * 86400.0);
}

DateTime add_months(Calendar cal, const DateTime& t, std::int64_t months) {
  const std::int64_t index = static_cast<std::int64_t>(t.year) * 12 + (t.month - 1) + months;
  DateTime out = t;
  out.year = static_cast<int>(floor_div(index, 12));
  out.month = static_cast<int>(floor_mod(index, 12)) + 1;
  out.day = std::min(t.day, last_day_of_month(cal, out.year, out.month));
  // A day that fell into the 1582 reform gap moves to the first day after it.
  if (in_reform_gap(cal, out.year, out.month, out.day)) out.day = 15;
  return out;
}

}  // namespace ti::cf
