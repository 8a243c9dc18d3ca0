// Calendar arithmetic. Reference values marked "cftime:" were computed with
// cftime 1.6.2 (Debian python3-cftime); the expression is given beside each.
#include <catch2/catch.hpp>

#include "date_helpers.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"

using namespace ti::cf;

namespace {

const std::vector<Calendar> kAllCalendars = {Calendar::Standard, Calendar::ProlepticGregorian,
                                             Calendar::Julian,   Calendar::NoLeap,
                                             Calendar::AllLeap,  Calendar::Day360};

using testing::at;

// Days from 0001-01-01, the form in which cftime reports date2num.
std::int64_t days_since_year1(Calendar cal, int y, int m, int d) {
  return day_number(cal, y, m, d) - day_number(cal, 1, 1, 1);
}

// The day after (y, m, d) by the month lengths the calendar reports, with
// the 1582 reform jump of "standard" spelled out.
void next_day(Calendar cal, int& y, int& m, int& d) {
  if (cal == Calendar::Standard && y == 1582 && m == 10 && d == 4) {
    d = 15;
    return;
  }
  const int last = (cal == Calendar::Standard && y == 1582 && m == 10) ? 31 : days_in_month(cal, y, m);
  if (d < last) {
    ++d;
  } else if (m < 12) {
    ++m;
    d = 1;
  } else {
    ++y;
    m = 1;
    d = 1;
  }
}

}  // namespace

TEST_CASE("parse_calendar accepts the CF spellings and nothing else", "[calendar]") {
  CHECK(parse_calendar("standard") == Calendar::Standard);
  CHECK(parse_calendar("gregorian") == Calendar::Standard);
  CHECK(parse_calendar("") == Calendar::Standard);
  CHECK(parse_calendar("  ") == Calendar::Standard);
  CHECK(parse_calendar(" Gregorian ") == Calendar::Standard);
  CHECK(parse_calendar("proleptic_gregorian") == Calendar::ProlepticGregorian);
  CHECK(parse_calendar("julian") == Calendar::Julian);
  CHECK(parse_calendar("noleap") == Calendar::NoLeap);
  CHECK(parse_calendar("NOLEAP") == Calendar::NoLeap);
  CHECK(parse_calendar("365_day") == Calendar::NoLeap);
  CHECK(parse_calendar("all_leap") == Calendar::AllLeap);
  CHECK(parse_calendar("366_day") == Calendar::AllLeap);
  CHECK(parse_calendar("360_day") == Calendar::Day360);
  CHECK_FALSE(parse_calendar("360day").has_value());
  CHECK_FALSE(parse_calendar("lunar").has_value());
  CHECK_FALSE(parse_calendar("no leap").has_value());
}

TEST_CASE("cf_name gives the CF spelling that parses back", "[calendar]") {
  CHECK(cf_name(Calendar::Standard) == "standard");
  CHECK(cf_name(Calendar::ProlepticGregorian) == "proleptic_gregorian");
  CHECK(cf_name(Calendar::Julian) == "julian");
  CHECK(cf_name(Calendar::NoLeap) == "noleap");
  CHECK(cf_name(Calendar::AllLeap) == "all_leap");
  CHECK(cf_name(Calendar::Day360) == "360_day");
  for (Calendar cal : kAllCalendars) CHECK(parse_calendar(cf_name(cal)) == cal);
}

TEST_CASE("to_string formats dates with zero padding and only needed fractions", "[calendar]") {
  CHECK(to_string(at(1700, 1, 16, 12)) == "1700-01-16 12:00:00");
  CHECK(to_string(at(1, 1, 1)) == "0001-01-01 00:00:00");
  CHECK(to_string(at(2023, 12, 31, 23, 59, 59)) == "2023-12-31 23:59:59");
  CHECK(to_string(at(1714, 2, 1, 0, 47, 20.4)) == "1714-02-01 00:47:20.4");
  CHECK(to_string(at(1970, 1, 1, 0, 0, 0.000001)) == "1970-01-01 00:00:00.000001");
}

TEST_CASE("a month in 360_day is always 30 days", "[calendar]") {
  for (int y = -10; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) REQUIRE(days_in_month(Calendar::Day360, y, m) == 30);
    REQUIRE(days_in_year(Calendar::Day360, y) == 360);
    REQUIRE_FALSE(is_leap_year(Calendar::Day360, y));
  }
}

TEST_CASE("noleap and all_leap have fixed Februaries", "[calendar]") {
  for (int y : {1, 1600, 1700, 1900, 2000, 2004, 2023}) {
    CHECK(days_in_month(Calendar::NoLeap, y, 2) == 28);
    CHECK(days_in_year(Calendar::NoLeap, y) == 365);
    CHECK(days_in_month(Calendar::AllLeap, y, 2) == 29);
    CHECK(days_in_year(Calendar::AllLeap, y) == 366);
  }
  const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    CHECK(days_in_month(Calendar::NoLeap, 1701, m) == lengths[m - 1]);
    CHECK(days_in_month(Calendar::AllLeap, 1701, m) == (m == 2 ? 29 : lengths[m - 1]));
  }
}

TEST_CASE("leap years follow Julian, Gregorian or mixed rules", "[calendar]") {
  // Century years: Gregorian leap only when divisible by 400.
  CHECK(days_in_month(Calendar::Standard, 1900, 2) == 28);
  CHECK(days_in_month(Calendar::Julian, 1900, 2) == 29);
  CHECK(days_in_month(Calendar::ProlepticGregorian, 1900, 2) == 28);
  CHECK(days_in_month(Calendar::ProlepticGregorian, 1600, 2) == 29);
  CHECK(days_in_month(Calendar::Standard, 1600, 2) == 29);
  CHECK(days_in_month(Calendar::ProlepticGregorian, 2000, 2) == 29);
  CHECK(days_in_month(Calendar::Standard, 1700, 2) == 28);
  CHECK(days_in_month(Calendar::Julian, 1700, 2) == 29);
  // Before the reform "standard" is Julian: 1500 is a leap year there.
  CHECK(days_in_month(Calendar::Standard, 1500, 2) == 29);
  CHECK(days_in_month(Calendar::ProlepticGregorian, 1500, 2) == 28);
  CHECK(is_leap_year(Calendar::Standard, 1500));
  CHECK_FALSE(is_leap_year(Calendar::ProlepticGregorian, 1500));
  CHECK(is_leap_year(Calendar::Standard, 2024));
  CHECK_FALSE(is_leap_year(Calendar::Standard, 2023));
  CHECK(days_in_year(Calendar::Standard, 1700) == 365);
  CHECK(days_in_year(Calendar::Julian, 1700) == 366);
  CHECK(days_in_year(Calendar::ProlepticGregorian, 2000) == 366);
}

TEST_CASE("the 1582 reform of the standard calendar", "[calendar]") {
  CHECK(days_between(Calendar::Standard, at(1582, 10, 4), at(1582, 10, 15)) == 1.0);
  CHECK(days_between(Calendar::ProlepticGregorian, at(1582, 10, 4), at(1582, 10, 15)) == 11.0);
  CHECK(days_between(Calendar::Julian, at(1582, 10, 4), at(1582, 10, 15)) == 11.0);
  CHECK(day_number(Calendar::Standard, 1582, 10, 15) == day_number(Calendar::Standard, 1582, 10, 4) + 1);
  CHECK(days_in_month(Calendar::Standard, 1582, 10) == 21);
  CHECK(days_in_year(Calendar::Standard, 1582) == 355);
  CHECK(days_in_month(Calendar::ProlepticGregorian, 1582, 10) == 31);
  for (int d = 5; d <= 14; ++d) {
    CHECK_FALSE(is_valid_date(Calendar::Standard, 1582, 10, d));
    CHECK(is_valid_date(Calendar::ProlepticGregorian, 1582, 10, d));
    CHECK(is_valid_date(Calendar::Julian, 1582, 10, d));
  }
  CHECK(is_valid_date(Calendar::Standard, 1582, 10, 4));
  CHECK(is_valid_date(Calendar::Standard, 1582, 10, 15));
  CHECK(is_valid_date(Calendar::Standard, 1582, 10, 31));
  int y = 0, m = 0, d = 0;
  date_from_day_number(Calendar::Standard, day_number(Calendar::Standard, 1582, 10, 4) + 1, y, m, d);
  CHECK((y == 1582 && m == 10 && d == 15));
}

TEST_CASE("is_valid_date checks month and day ranges per calendar", "[calendar]") {
  CHECK(is_valid_date(Calendar::Day360, 1700, 2, 30));
  CHECK_FALSE(is_valid_date(Calendar::Day360, 1700, 1, 31));
  CHECK_FALSE(is_valid_date(Calendar::AllLeap, 1700, 2, 30));
  CHECK(is_valid_date(Calendar::AllLeap, 1701, 2, 29));
  CHECK_FALSE(is_valid_date(Calendar::NoLeap, 2000, 2, 29));
  CHECK_FALSE(is_valid_date(Calendar::Standard, 1900, 2, 29));
  CHECK(is_valid_date(Calendar::Julian, 1900, 2, 29));
  CHECK_FALSE(is_valid_date(Calendar::Standard, 1700, 4, 31));
  CHECK_FALSE(is_valid_date(Calendar::Standard, 1700, 13, 1));
  CHECK_FALSE(is_valid_date(Calendar::Standard, 1700, 0, 1));
  CHECK_FALSE(is_valid_date(Calendar::Standard, 1700, 1, 0));
}

TEST_CASE("day numbers match cftime's date2num", "[calendar]") {
  // cftime: date2num(cftime.datetime(y, m, d, calendar=C), "days since 0001-01-01", C)
  CHECK(days_since_year1(Calendar::Standard, 1582, 10, 4) == 577736);
  CHECK(days_since_year1(Calendar::Standard, 1582, 10, 15) == 577737);
  CHECK(days_since_year1(Calendar::Standard, 1500, 3, 1) == 547569);
  CHECK(days_since_year1(Calendar::Standard, 1000, 2, 29) == 364943);
  CHECK(days_since_year1(Calendar::Standard, 1600, 2, 29) == 584083);
  CHECK(days_since_year1(Calendar::Standard, 1700, 3, 1) == 620608);
  CHECK(days_since_year1(Calendar::Standard, 1900, 3, 1) == 693656);
  CHECK(days_since_year1(Calendar::Standard, 2000, 2, 29) == 730180);
  CHECK(days_since_year1(Calendar::Julian, 1582, 10, 15) == 577747);
  CHECK(days_since_year1(Calendar::Julian, 1600, 2, 29) == 584093);
  CHECK(days_since_year1(Calendar::Julian, 1900, 3, 1) == 693669);
  CHECK(days_since_year1(Calendar::Julian, 2000, 2, 29) == 730193);
  CHECK(days_since_year1(Calendar::ProlepticGregorian, 1582, 10, 4) == 577724);
  CHECK(days_since_year1(Calendar::ProlepticGregorian, 1500, 3, 1) == 547557);
  CHECK(days_since_year1(Calendar::ProlepticGregorian, 1700, 3, 1) == 620606);
  CHECK(days_since_year1(Calendar::ProlepticGregorian, 2000, 2, 29) == 730178);
  // The real-world calendars share one epoch: they agree between 200 and 300 AD.
  CHECK(day_number(Calendar::Julian, 250, 6, 1) == day_number(Calendar::ProlepticGregorian, 250, 6, 1));
  CHECK(day_number(Calendar::Standard, 1970, 1, 1) == day_number(Calendar::ProlepticGregorian, 1970, 1, 1));
}

TEST_CASE("day numbers round-trip and step one day at a time", "[calendar]") {
  for (Calendar cal : kAllCalendars) {
    INFO("calendar " << cf_name(cal));
    // Two spans of 400,000 days: around year 0, and 1000..2095 (the reform).
    for (int start_year : {-50, 1000}) {
      const std::int64_t first = day_number(cal, start_year, 1, 1);
      int y = start_year, m = 1, d = 1;
      std::int64_t checked = 0;
      for (std::int64_t n = first; n < first + 400000; ++n, ++checked) {
        int yy = 0, mm = 0, dd = 0;
        date_from_day_number(cal, n, yy, mm, dd);
        if (yy != y || mm != m || dd != d || day_number(cal, y, m, d) != n || !is_valid_date(cal, y, m, d)) {
          FAIL("day " << n << ": expected " << y << "-" << m << "-" << d << ", got " << yy << "-" << mm
                      << "-" << dd);
        }
        next_day(cal, y, m, d);
      }
      CHECK(checked == 400000);
    }
  }
}

TEST_CASE("days_between and add_days are exact to the microsecond", "[calendar]") {
  CHECK(add_days(Calendar::NoLeap, at(1700, 1, 1), 15.5) == at(1700, 1, 16, 12));
  CHECK(add_days(Calendar::Standard, at(1700, 1, 1), -0.25) == at(1699, 12, 31, 18));
  CHECK(add_days(Calendar::Standard, at(1700, 1, 1), 1.0 / 3.0) == at(1700, 1, 1, 8));
  CHECK(add_days(Calendar::Standard, at(1582, 10, 4, 12), 1.0) == at(1582, 10, 15, 12));
  CHECK(add_days(Calendar::Day360, at(1700, 2, 30), 1.0) == at(1700, 3, 1));
  CHECK(add_days(Calendar::NoLeap, at(1700, 12, 31, 12), 0.5) == at(1701, 1, 1));
  CHECK(add_seconds(Calendar::Standard, at(1970, 1, 1), 1.7e9) == at(2023, 11, 14, 22, 13, 20));
  CHECK(days_between(Calendar::Standard, at(1700, 1, 1), at(1700, 1, 16, 12)) == 15.5);
  CHECK(days_between(Calendar::Standard, at(1700, 1, 16, 12), at(1700, 1, 1)) == -15.5);
  CHECK(days_between(Calendar::Day360, at(1700, 1, 1), at(1701, 1, 1)) == 360.0);
  CHECK(seconds_between(Calendar::NoLeap, at(1700, 1, 1), at(1700, 2, 1)) == 31.0 * 86400.0);
  CHECK_THROWS_AS(add_days(Calendar::Standard, at(1700, 1, 1), 1e300), std::out_of_range);
}

TEST_CASE("add_months steps calendar months and clamps the day", "[calendar]") {
  CHECK(add_months(Calendar::NoLeap, at(1700, 1, 16, 12), 1) == at(1700, 2, 16, 12));
  CHECK(add_months(Calendar::NoLeap, at(1700, 12, 16, 12), 1) == at(1701, 1, 16, 12));
  CHECK(add_months(Calendar::NoLeap, at(1700, 1, 31), 1) == at(1700, 2, 28));
  CHECK(add_months(Calendar::Standard, at(2000, 1, 31), 1) == at(2000, 2, 29));
  CHECK(add_months(Calendar::Standard, at(1700, 3, 31), -1) == at(1700, 2, 28));
  CHECK(add_months(Calendar::Standard, at(1700, 3, 31), -13) == at(1699, 2, 28));
  CHECK(add_months(Calendar::Day360, at(1700, 1, 30), 1) == at(1700, 2, 30));
  CHECK(add_months(Calendar::NoLeap, at(1700, 1, 16), 3887) == at(2023, 12, 16));
  CHECK(add_months(Calendar::Standard, at(1700, 1, 1), -1) == at(1699, 12, 1));
  // A day inside the 1582 gap moves to the first Gregorian day.
  CHECK(add_months(Calendar::Standard, at(1582, 9, 10), 1) == at(1582, 10, 15));
  CHECK(add_months(Calendar::Julian, at(1582, 9, 10), 1) == at(1582, 10, 10));
}
