// CF time units. Reference values marked "cftime:" were computed with
// cftime 1.6.2 (Debian python3-cftime); the expression is given beside each.
// "months/years since" follow this project's rule (cftime refuses them for
// most calendars): whole calendar steps from the reference, the fraction
// spread over the step that follows.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "trendy_ilamb/cf/time_units.hpp"

using namespace ti::cf;
using Catch::Matchers::Contains;

namespace {

DateTime at(int y, int mo, int d, int h = 0, int mi = 0, double s = 0.0) {
  DateTime t;
  t.year = y;
  t.month = mo;
  t.day = d;
  t.hour = h;
  t.minute = mi;
  t.second = s;
  return t;
}

DateTime decode(Calendar cal, const char* units, double value) {
  return decode_time(cal, parse_time_units(units), value);
}

double encode(Calendar cal, const char* units, const DateTime& t) {
  return encode_time(cal, parse_time_units(units), t);
}

bool parses_as(const char* text, TimeUnit unit, const DateTime& ref) {
  const TimeUnits u = parse_time_units(text);
  return u.unit == unit && u.reference == ref;
}

}  // namespace

TEST_CASE("parse_time_units reads the forms found in TRENDY files", "[time_units]") {
  CHECK(parses_as("days since 1700-01-01", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1699-12-31", TimeUnit::Days, at(1699, 12, 31)));
  CHECK(parses_as("days since 0001-01-01", TimeUnit::Days, at(1, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 00:00:00.000000", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("months since 1700-1-16 12:00:00", TimeUnit::Months, at(1700, 1, 16, 12)));
  CHECK(parses_as("months since 1700-01-01", TimeUnit::Months, at(1700, 1, 1)));
  CHECK(parses_as("years since 1700-6-15 12:00:00", TimeUnit::Years, at(1700, 6, 15, 12)));
  CHECK(parses_as("hours since 1700-01-01 00:00:00", TimeUnit::Hours, at(1700, 1, 1)));
  CHECK(parses_as("hours since 1701-1-16 12:00:00", TimeUnit::Hours, at(1701, 1, 16, 12)));
  CHECK(parses_as("hours since 1700-1-1 0:0:0", TimeUnit::Hours, at(1700, 1, 1)));
  CHECK(parses_as("seconds since 1970-01-01T00:00:00Z", TimeUnit::Seconds, at(1970, 1, 1)));
}

TEST_CASE("parse_time_units follows general rules for words, dates and zones", "[time_units]") {
  // Unit words: case, plural and abbreviations.
  CHECK(parses_as("Days Since 1850-1-1", TimeUnit::Days, at(1850, 1, 1)));
  CHECK(parses_as("DAY SINCE 1850-1-1", TimeUnit::Days, at(1850, 1, 1)));
  CHECK(parses_as("d since 1850-1-1", TimeUnit::Days, at(1850, 1, 1)));
  CHECK(parses_as("s since 1850-1-1", TimeUnit::Seconds, at(1850, 1, 1)));
  CHECK(parses_as("secs since 1850-1-1", TimeUnit::Seconds, at(1850, 1, 1)));
  CHECK(parses_as("second since 1850-1-1", TimeUnit::Seconds, at(1850, 1, 1)));
  CHECK(parses_as("min since 1850-1-1", TimeUnit::Minutes, at(1850, 1, 1)));
  CHECK(parses_as("Minutes since 1850-1-1", TimeUnit::Minutes, at(1850, 1, 1)));
  CHECK(parses_as("h since 1850-1-1", TimeUnit::Hours, at(1850, 1, 1)));
  CHECK(parses_as("hrs since 1850-1-1", TimeUnit::Hours, at(1850, 1, 1)));
  CHECK(parses_as("mon since 1850-1-1", TimeUnit::Months, at(1850, 1, 1)));
  CHECK(parses_as("yr since 1850-1-1", TimeUnit::Years, at(1850, 1, 1)));
  CHECK(parses_as("yrs since 1850-1-1", TimeUnit::Years, at(1850, 1, 1)));
  CHECK(parses_as("a since 1850-1-1", TimeUnit::Years, at(1850, 1, 1)));
  // Dates: 1-4 digit years, missing month/day, times without seconds,
  // fractions, 'T', extra blanks, zero offsets.
  CHECK(parses_as("hours since 1-1-1 0:0:0", TimeUnit::Hours, at(1, 1, 1)));
  CHECK(parses_as("days since 0-1-1", TimeUnit::Days, at(0, 1, 1)));
  CHECK(parses_as("years since 1700", TimeUnit::Years, at(1700, 1, 1)));
  CHECK(parses_as("months since 2003-01", TimeUnit::Months, at(2003, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 12:30", TimeUnit::Days, at(1700, 1, 1, 12, 30)));
  CHECK(parses_as("days since 1700-01-01 6", TimeUnit::Days, at(1700, 1, 1, 6)));
  CHECK(parses_as("days since 1700-01-01 12:30:15.25", TimeUnit::Days, at(1700, 1, 1, 12, 30, 15.25)));
  CHECK(parses_as("  days   since   1700-01-01   06:00  ", TimeUnit::Days, at(1700, 1, 1, 6)));
  CHECK(parses_as("days since 1700-01-01t06:00:00z", TimeUnit::Days, at(1700, 1, 1, 6)));
  CHECK(parses_as("days since 1700-01-01 00:00:00 UTC", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 UTC", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 00:00:00+00:00", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 00:00:00 -0000", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 00:00:00 +0", TimeUnit::Days, at(1700, 1, 1)));
}

TEST_CASE("parse_time_units rejects other text, quoting it and saying what was expected",
          "[time_units]") {
  const std::string expected =
      "expected \"<days|hours|minutes|seconds|months|years> since <YYYY-MM-DD[ hh:mm:ss]>\"";
  CHECK_THROWS_WITH(parse_time_units("foo"),
                    "cannot parse time units \"foo\": unknown unit \"foo\"; " + expected);
  CHECK_THROWS_WITH(parse_time_units(""), "cannot parse time units \"\": missing unit; " + expected);
  CHECK_THROWS_WITH(parse_time_units("fortnights since 1700-01-01"),
                    Contains("\"fortnights since 1700-01-01\": unknown unit \"fortnights\"") &&
                        Contains(expected));
  CHECK_THROWS_WITH(parse_time_units("yr"), Contains("\"yr\": missing \"since\""));
  CHECK_THROWS_WITH(parse_time_units("days since"), Contains("missing year"));
  CHECK_THROWS_WITH(parse_time_units("days after 1700-01-01"), Contains("missing \"since\""));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-13-01"), Contains("month 13 is not in 1..12"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-32"), Contains("day 32 is not in 1..31"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 24:00"), Contains("hour 24 is not in 0..23"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:60"), Contains("minute 60"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:60"), Contains("seconds 60"));
  CHECK_THROWS_WITH(parse_time_units("days since 17000-01-01"), Contains("year has more than 4 digits"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-"), Contains("missing day"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:00 +06:00"),
                    Contains("only a zero UTC offset"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:00 +0030"),
                    Contains("only a zero UTC offset"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:00 +00:0"),
                    Contains("UTC offset minutes need 2 digits"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:00 CET"),
                    Contains("unknown time zone \"CET\""));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:00 (approx)"),
                    Contains("unexpected text after the reference date"));
  CHECK_THROWS_AS(parse_time_units("year as %Y.%f"), TimeError);
  CHECK_THROWS_AS(parse_time_units("days since 1700/01/01"), TimeError);
}

TEST_CASE("format_time_units writes canonical CF text", "[time_units]") {
  CHECK(format_time_units(parse_time_units("d since 1700-1-1")) == "days since 1700-01-01 00:00:00");
  CHECK(format_time_units(parse_time_units("hrs since 1701-1-16 12:00")) == "hours since 1701-01-16 12:00:00");
  CHECK(format_time_units(parse_time_units("months since 1700-1-16 12:00:00")) ==
        "months since 1700-01-16 12:00:00");
  CHECK(format_time_units(parse_time_units("a since 1700-6-15 12:00:00")) == "years since 1700-06-15 12:00:00");
  CHECK(format_time_units(parse_time_units("s since 1970-01-01T00:00:00Z")) ==
        "seconds since 1970-01-01 00:00:00");
  CHECK(format_time_units(parse_time_units("min since 1970-01-01 00:00:07.5")) ==
        "minutes since 1970-01-01 00:00:07.5");
}

TEST_CASE("decode_time of seconds..days matches cftime", "[time_units]") {
  // cftime: num2date(15.5, "days since 1700-01-01", "noleap")
  CHECK(decode(Calendar::NoLeap, "days since 1700-01-01", 15.5) == at(1700, 1, 16, 12));
  // cftime: num2date(v, "days since 0001-01-01", "standard")
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 0.0) == at(1, 1, 1));
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 100000.0) == at(274, 10, 15));
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 577460.5) == at(1582, 1, 1, 12));
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 577737.0) == at(1582, 10, 15));
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 578101.25) == at(1583, 10, 14, 6));
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 700000.0) == at(1917, 7, 14));
  CHECK(decode(Calendar::Standard, "days since 0001-01-01", 738000.75) == at(2021, 7, 28, 18));
  // cftime: num2date(744.0, "hours since 1701-1-16 12:00:00", "noleap")
  CHECK(decode(Calendar::NoLeap, "hours since 1701-1-16 12:00:00", 744.0) == at(1701, 2, 16, 12));
  // cftime: num2date(8760.0*3+6, "hours since 1701-1-16 12:00:00", "standard")
  CHECK(decode(Calendar::Standard, "hours since 1701-1-16 12:00:00", 8760.0 * 3 + 6) == at(1704, 1, 16, 18));
  // cftime: num2date(-12.0, "hours since 1701-1-16 12:00:00", "360_day")
  CHECK(decode(Calendar::Day360, "hours since 1701-1-16 12:00:00", -12.0) == at(1701, 1, 16));
  // cftime: num2date(1.7e9, "seconds since 1970-01-01T00:00:00Z", "standard")
  CHECK(decode(Calendar::Standard, "seconds since 1970-01-01T00:00:00Z", 1.7e9) == at(2023, 11, 14, 22, 13, 20));
  // cftime: num2date(90.25, "minutes since 1900-02-28 23:00", C)
  CHECK(decode(Calendar::Standard, "minutes since 1900-02-28 23:00", 90.25) == at(1900, 3, 1, 0, 30, 15));
  CHECK(decode(Calendar::ProlepticGregorian, "minutes since 1900-02-28 23:00", 90.25) ==
        at(1900, 3, 1, 0, 30, 15));
  CHECK(decode(Calendar::Julian, "minutes since 1900-02-28 23:00", 90.25) == at(1900, 2, 29, 0, 30, 15));
  // cftime: num2date(123456.789, "hours since 1700-01-01 00:00:00.000000", "standard")
  CHECK(decode(Calendar::Standard, "hours since 1700-01-01 00:00:00.000000", 123456.789) ==
        at(1714, 2, 1, 0, 47, 20.4));
  // cftime: num2date(1e6, "days since 1700-01-01", "noleap")
  CHECK(decode(Calendar::NoLeap, "days since 1700-01-01", 1e6) == at(4439, 9, 23));
  // cftime: num2date(-600000, "days since 1700-01-01", "standard")
  CHECK(decode(Calendar::Standard, "days since 1700-01-01", -600000.0) == at(57, 4, 6));
}

TEST_CASE("decode_time across the 1582 reform matches cftime", "[time_units]") {
  // cftime: num2date(-0.5, "days since 1582-10-15", "standard")
  CHECK(decode(Calendar::Standard, "days since 1582-10-15", -0.5) == at(1582, 10, 4, 12));
  // cftime: num2date(1, "days since 1582-10-04 12:00", "standard")
  CHECK(decode(Calendar::Standard, "days since 1582-10-04 12:00", 1.0) == at(1582, 10, 15, 12));
  // cftime: num2date(31, "days since 1582-10-01", "standard")
  CHECK(decode(Calendar::Standard, "days since 1582-10-01", 31.0) == at(1582, 11, 11));
  CHECK(decode(Calendar::ProlepticGregorian, "days since 1582-10-01", 31.0) == at(1582, 11, 1));
}

TEST_CASE("decode_time of months since steps calendar months", "[time_units]") {
  const char* units = "months since 1700-1-16 12:00:00";
  CHECK(decode(Calendar::NoLeap, units, 0.0) == at(1700, 1, 16, 12));
  CHECK(decode(Calendar::NoLeap, units, 1.0) == at(1700, 2, 16, 12));
  CHECK(decode(Calendar::NoLeap, units, 12.0) == at(1701, 1, 16, 12));
  CHECK(decode(Calendar::NoLeap, units, 3887.0) == at(2023, 12, 16, 12));
  CHECK(decode(Calendar::Standard, units, 3887.0) == at(2023, 12, 16, 12));
  // In 360_day cftime does decode months (as 30 days) and agrees, fractions too.
  // cftime: num2date([1, 0.5, -0.5], "months since 1700-1-16 12:00:00", "360_day")
  CHECK(decode(Calendar::Day360, units, 1.0) == at(1700, 2, 16, 12));
  CHECK(decode(Calendar::Day360, units, 0.5) == at(1700, 2, 1, 12));
  CHECK(decode(Calendar::Day360, units, -0.5) == at(1700, 1, 1, 12));
  // Fractions spread over the step that follows: Jan 16 12:00 + 15.5 of 31 days.
  CHECK(decode(Calendar::NoLeap, units, 0.5) == at(1700, 2, 1));
  // Backwards: floor, then forwards by the fraction of the step from there.
  CHECK(decode(Calendar::NoLeap, units, -1.0) == at(1699, 12, 16, 12));
  CHECK(decode(Calendar::NoLeap, units, -0.5) == at(1700, 1, 1));
  // The day is clamped from the reference, not chained from step to step.
  CHECK(decode(Calendar::NoLeap, "months since 1700-01-31", 1.0) == at(1700, 2, 28));
  CHECK(decode(Calendar::NoLeap, "months since 1700-01-31", 2.0) == at(1700, 3, 31));
  CHECK(decode(Calendar::Standard, "months since 2003-01", 11.0) == at(2003, 12, 1));
}

TEST_CASE("decode_time of years since steps calendar years", "[time_units]") {
  const char* units = "years since 1700-6-15 12:00:00";
  CHECK(decode(Calendar::NoLeap, units, 0.0) == at(1700, 6, 15, 12));
  CHECK(decode(Calendar::NoLeap, units, 1.0) == at(1701, 6, 15, 12));
  CHECK(decode(Calendar::Standard, units, 323.0) == at(2023, 6, 15, 12));
  CHECK(decode(Calendar::Day360, units, 10.0) == at(1710, 6, 15, 12));
  // Half of the 365 days that follow: 182.5 days after Jun 15 12:00.
  CHECK(decode(Calendar::NoLeap, units, 0.5) == at(1700, 12, 15));
  CHECK(decode(Calendar::NoLeap, units, -1.0) == at(1699, 6, 15, 12));
  CHECK(decode(Calendar::Standard, "years since 2000-02-29", 1.0) == at(2001, 2, 28));
  CHECK(decode(Calendar::Standard, "yr since 1700", 323.0) == at(2023, 1, 1));
}

TEST_CASE("decode_time rejects bad values and references", "[time_units]") {
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, "days since 1700-01-01", std::nan("")),
                    Contains("is not a finite number"));
  CHECK_THROWS_AS(decode(Calendar::NoLeap, "days since 1700-01-01", INFINITY), TimeError);
  CHECK_THROWS_AS(decode(Calendar::NoLeap, "days since 1700-01-01", 1e300), TimeError);
  CHECK_THROWS_AS(decode(Calendar::NoLeap, "months since 1700-01-01", 1e300), TimeError);
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, "days since 1700-02-29", 0.0),
                    "reference date 1700-02-29 00:00:00 does not exist in the noleap calendar");
  CHECK_THROWS_AS(decode(Calendar::Standard, "days since 1582-10-10", 0.0), TimeError);
  CHECK_NOTHROW(decode(Calendar::Day360, "days since 1700-02-30", 0.0));
}

TEST_CASE("encode_time inverts decode_time for seconds..days", "[time_units]") {
  // cftime: date2num(cftime.datetime(2023,12,31,12, calendar=C), "days since 1700-01-01", C)
  CHECK(encode(Calendar::Standard, "days since 1700-01-01", at(2023, 12, 31, 12)) == 118337.5);
  CHECK(encode(Calendar::ProlepticGregorian, "days since 1700-01-01", at(2023, 12, 31, 12)) == 118337.5);
  CHECK(encode(Calendar::Julian, "days since 1700-01-01", at(2023, 12, 31, 12)) == 118340.5);
  CHECK(encode(Calendar::NoLeap, "days since 1700-01-01", at(2023, 12, 31, 12)) == 118259.5);
  CHECK(encode(Calendar::AllLeap, "days since 1700-01-01", at(2023, 12, 31, 12)) == 118583.5);
  // cftime: date2num(cftime.datetime(2023,12,30,12, calendar="360_day"), "days since 1700-01-01", "360_day")
  CHECK(encode(Calendar::Day360, "days since 1700-01-01", at(2023, 12, 30, 12)) == 116639.5);
  // cftime: date2num(cftime.datetime(1500,1,1, calendar="standard"), "days since 1700-01-01", "standard")
  CHECK(encode(Calendar::Standard, "days since 1700-01-01", at(1500, 1, 1)) == -73040.0);
  CHECK(encode(Calendar::Standard, "hours since 1700-01-01", at(1500, 1, 1)) == -1752960.0);
  // cftime: date2num(cftime.datetime(1582,10,15, calendar="standard"), "days since 1582-10-04", "standard")
  CHECK(encode(Calendar::Standard, "days since 1582-10-04", at(1582, 10, 15)) == 1.0);
  // cftime: date2num(cftime.datetime(1701,1,16,12, calendar="standard"), "days since 1699-12-31", "standard")
  CHECK(encode(Calendar::Standard, "days since 1699-12-31", at(1701, 1, 16, 12)) == 381.5);
  CHECK(encode(Calendar::NoLeap, "minutes since 1700-01-01 00:00", at(1700, 1, 1, 1, 30)) == 90.0);
  CHECK(encode(Calendar::NoLeap, "seconds since 1700-01-01 00:00", at(1700, 1, 1, 0, 0, 0.5)) == 0.5);

  for (Calendar cal : {Calendar::Standard, Calendar::NoLeap, Calendar::Day360, Calendar::Julian}) {
    const TimeUnits units = parse_time_units("hours since 1580-01-01");
    for (double v = -1000.5; v < 100000.0; v += 997.25) {
      REQUIRE(encode_time(cal, units, decode_time(cal, units, v)) == v);
    }
  }
}

TEST_CASE("encode_time refuses months/years and dates that do not exist", "[time_units]") {
  CHECK_THROWS_WITH(encode(Calendar::NoLeap, "months since 1700-01-01", at(1700, 2, 1)),
                    Contains("cannot encode times in \"months since 1700-01-01 00:00:00\""));
  CHECK_THROWS_AS(encode(Calendar::NoLeap, "years since 1700-01-01", at(1700, 2, 1)), TimeError);
  CHECK_THROWS_WITH(encode(Calendar::Standard, "days since 1700-01-01", at(1582, 10, 10)),
                    "date 1582-10-10 00:00:00 does not exist in the standard calendar");
  CHECK_THROWS_AS(encode(Calendar::NoLeap, "days since 1700-01-01", at(1704, 2, 29)), TimeError);
}
