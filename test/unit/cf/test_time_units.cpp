// CF time units. Reference values marked "cftime:" were computed with
// cftime 1.6.2 (Debian python3-cftime); the expression is given beside each.
// "months/years since" follow this project's rule (cftime refuses them for
// most calendars): whole calendar steps from the reference, the fraction
// spread over the step that follows.
#include <catch2/catch.hpp>

#include "date_helpers.hpp"

#include <cmath>
#include <string>

#include "trendy_ilamb/cf/time_units.hpp"

using namespace ti::cf;
using Catch::Matchers::Contains;

namespace {

using testing::at;

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
      "expected \"<days|hours|minutes|seconds|months|years> since <YYYY-MM-DD[ hh:mm:ss]>\", "
      "\"<day|month|year> as %Y[%m[%d]][.%f]\" or a bare year unit";
  CHECK_THROWS_WITH(parse_time_units("foo"),
                    "cannot parse time units \"foo\": unknown unit \"foo\"; " + expected);
  CHECK_THROWS_WITH(parse_time_units(""), "cannot parse time units \"\": missing unit; " + expected);
  CHECK_THROWS_WITH(parse_time_units("fortnights since 1700-01-01"),
                    Contains("\"fortnights since 1700-01-01\": unknown unit \"fortnights\"") &&
                        Contains(expected));
  CHECK_THROWS_WITH(parse_time_units("days"), Contains("\"days\": missing \"since\""));
  CHECK_THROWS_WITH(parse_time_units("years 1700"), Contains("\"years 1700\": missing \"since\""));
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
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:00 EST as the reference"),
                    Contains("unknown time zone \"EST\""));
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

TEST_CASE("reference seconds keep the microsecond and format as parsed (fuzz regression)", "[time_units]") {
  // Digits beyond the microsecond were kept and to_string rounded them:
  // 59.9999799 formatted as 59.99998 (parsing differently), and 59.9999997
  // as "59.1". Found by fuzz/fuzz_time_units.
  const auto units = parse_time_units("min since 2000-02-29 23:59:59.9999799");
  CHECK(units.reference.second == 59.999979);
  CHECK(format_time_units(units) == "minutes since 2000-02-29 23:59:59.999979");
  CHECK(parse_time_units(format_time_units(units)).reference == units.reference);
  CHECK(format_time_units(parse_time_units("days since 1700-01-01 00:00:59.9999997")) ==
        "days since 1700-01-01 00:00:59.999999");
  CHECK(parse_time_units("days since 1700-01-01 00:00:05.25").reference.second == 5.25);
  CHECK(parse_time_units("days since 1700-01-01 00:00:05.").reference.second == 5.0);
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 00:00:60.0"), Contains("seconds 60"));
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
  // 360_day has 30-day months, so Feb 30 is a real reference date: 0 days
  // since it is the reference itself (no normalisation to Mar 1 or Feb 28),
  // and one day later is Mar 1 (Feb 30 is February's last day).
  CHECK(decode(Calendar::Day360, "days since 1700-02-30", 0.0) == at(1700, 2, 30));
  CHECK(decode(Calendar::Day360, "days since 1700-02-30", 1.0) == at(1700, 3, 1));
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

// ---------------------------------------------------------------------------
// Forms beyond CF found in TRENDY files: eras, free text after the
// reference, absolute encodings and bare (decimal) years.

namespace {

bool parses_as_encoding(const char* text, TimeEncoding encoding, TimeUnit unit) {
  const TimeUnits u = parse_time_units(text);
  return u.encoding == encoding && u.unit == unit;
}

}  // namespace

TEST_CASE("parse_time_units accepts an AD era before the reference", "[time_units]") {
  CHECK(parses_as("days since AD 1700-01-01", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since A.D. 1700-01-01 12:00", TimeUnit::Days, at(1700, 1, 1, 12)));
  CHECK(parses_as("days since a.d. 0001-01-01", TimeUnit::Days, at(1, 1, 1)));
  CHECK(parses_as("days since ad1700-1-1", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 AD", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parse_time_units("days since AD 1700-01-01").encoding == TimeEncoding::Relative);
  CHECK_THROWS_WITH(parse_time_units("days since AD"), Contains("missing year"));
  CHECK_THROWS_WITH(parse_time_units("days since ADX 1700-01-01"), Contains("missing year"));
  CHECK_THROWS_WITH(parse_time_units("years since 0100-01-01 BC"), Contains("dates counted backwards (\"bc\")"));
  CHECK_THROWS_WITH(parse_time_units("years since 0100-01-01 B.C."), Contains("dates counted backwards"));
}

TEST_CASE("parse_time_units ignores free text after a complete reference", "[time_units]") {
  CHECK(parses_as("days since 1700-01-01 (double)", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 00:00:00 UTC as the reference", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 00:00:00 (approx)", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("hours since 1701-1-16 12:00:00 noleap calendar", TimeUnit::Hours, at(1701, 1, 16, 12)));
  CHECK(parses_as("days since 1700-01-01T06:00Z [model time]", TimeUnit::Days, at(1700, 1, 1, 6)));
  CHECK(parses_as("days since 1700-01-01(double)", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 to the end", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days since 1700-01-01 zulu", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("days SINCE 1700-01-01", TimeUnit::Days, at(1700, 1, 1)));
  CHECK(parses_as("Days sInCe 1700-01-01", TimeUnit::Days, at(1700, 1, 1)));
  // The date itself malformed: still refused.
  CHECK_THROWS_WITH(parse_time_units("days since 1700/01/01"), Contains("unexpected text after the reference date"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01x"),
                    Contains("unexpected text after the reference date"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 12:00:00 7"),
                    Contains("unexpected text after the reference date"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 12:00:00.5.5"),
                    Contains("unexpected text after the reference date"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700 01 01"), Contains("unexpected text after the reference date"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-13-01 (double)"), Contains("month 13 is not in 1..12"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01T"), Contains("unexpected text after the reference date"));
  CHECK_THROWS_WITH(parse_time_units("days since (double)"), Contains("missing year"));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 12:00 CET"), Contains("unknown time zone \"CET\""));
  CHECK_THROWS_WITH(parse_time_units("days since 1700-01-01 +01:00 (approx)"),
                    Contains("only a zero UTC offset"));
}

TEST_CASE("parse_time_units reads absolute encodings by the word before \"as\"", "[time_units]") {
  CHECK(parses_as_encoding("day as %Y%m%d.%f", TimeEncoding::AbsoluteDay, TimeUnit::Days));
  CHECK(parses_as_encoding("month as %Y%m.%f", TimeEncoding::AbsoluteMonth, TimeUnit::Months));
  CHECK(parses_as_encoding("year as %Y.%f", TimeEncoding::AbsoluteYear, TimeUnit::Years));
  CHECK(parses_as_encoding("  Day   AS   %Y%m%d.%f  ", TimeEncoding::AbsoluteDay, TimeUnit::Days));
  CHECK(parses_as_encoding("days as %y%M%d", TimeEncoding::AbsoluteDay, TimeUnit::Days));
  CHECK(parses_as_encoding("MONTHS as %Y %m . %f", TimeEncoding::AbsoluteMonth, TimeUnit::Months));
  CHECK(parses_as_encoding("yr as %Y", TimeEncoding::AbsoluteYear, TimeUnit::Years));
  CHECK_THROWS_WITH(parse_time_units("day as %Y%m.%f"),
                    Contains("expected the format \"%Y%m%d[.%f]\" after \"day as\""));
  CHECK_THROWS_WITH(parse_time_units("month as %Y%m%d.%f"),
                    Contains("expected the format \"%Y%m[.%f]\" after \"month as\""));
  CHECK_THROWS_WITH(parse_time_units("year as %Y.%f (decimal)"), Contains("expected the format \"%Y[.%f]\""));
  CHECK_THROWS_WITH(parse_time_units("hours as %Y%m%d%H"), Contains("\"hours as\" is not supported"));
}

TEST_CASE("parse_time_units reads bare year units as decimal years", "[time_units]") {
  for (const char* text : {"yr", "year", "years", "a", "YEARS", " yr ", "yrs", "years (decimal)", "year AD",
                           "year A.D.", "decimal years", "Decimal Year", "years as decimal",
                           "calendar year (fractional)", "time in years"}) {
    INFO(text);
    CHECK(parses_as_encoding(text, TimeEncoding::DecimalYear, TimeUnit::Years));
  }
  CHECK_THROWS_WITH(parse_time_units("years BP"), Contains("dates counted backwards (\"bp\")"));
  CHECK_THROWS_WITH(parse_time_units("years before present"), Contains("dates counted backwards"));
  CHECK_THROWS_WITH(parse_time_units("year B.C."), Contains("dates counted backwards"));
  // Not a bare year: "since", digits, another unit word, "a" as an article.
  CHECK_THROWS_WITH(parse_time_units("years since"), Contains("missing year"));
  CHECK_THROWS_WITH(parse_time_units("years after 1700-01-01"), Contains("missing \"since\""));
  CHECK_THROWS_WITH(parse_time_units("day of year"), Contains("missing \"since\""));
  CHECK_THROWS_WITH(parse_time_units("decimal days"), Contains("unknown unit \"decimal\""));
  CHECK_THROWS_WITH(parse_time_units("a proxy for time"), Contains("missing \"since\""));
  CHECK_THROWS_WITH(parse_time_units("decimal"), Contains("unknown unit \"decimal\""));
}

TEST_CASE("format_time_units writes the absolute and decimal-year encodings", "[time_units]") {
  CHECK(format_time_units(parse_time_units("Day as %Y%m%d")) == "day as %Y%m%d.%f");
  CHECK(format_time_units(parse_time_units("months as %Y%m.%f")) == "month as %Y%m.%f");
  CHECK(format_time_units(parse_time_units("year as %Y.%f")) == "year as %Y.%f");
  CHECK(format_time_units(parse_time_units("yr")) == "years");
  CHECK(format_time_units(parse_time_units("decimal years")) == "years");
  // The formatted text parses back to the same encoding.
  for (const char* text : {"day as %Y%m%d.%f", "month as %Y%m.%f", "year as %Y.%f", "years"}) {
    CHECK(format_time_units(parse_time_units(text)) == text);
  }
  CHECK(format_time_units(parse_time_units("days since 1700-01-01 (double)")) == "days since 1700-01-01 00:00:00");
}

TEST_CASE("decode_time of day as %Y%m%d.%f", "[time_units]") {
  const char* units = "day as %Y%m%d.%f";
  CHECK(decode(Calendar::NoLeap, units, 17000116.5) == at(1700, 1, 16, 12));
  CHECK(decode(Calendar::Standard, units, 17000116.0) == at(1700, 1, 16));
  CHECK(decode(Calendar::Standard, units, 20231231.75) == at(2023, 12, 31, 18));
  CHECK(decode(Calendar::Standard, units, 20000229.25) == at(2000, 2, 29, 6));
  CHECK(decode(Calendar::Day360, units, 17000230.5) == at(1700, 2, 30, 12));
  CHECK(decode(Calendar::Standard, units, 15821004.5) == at(1582, 10, 4, 12));
  CHECK(decode(Calendar::Standard, units, 15821015.0) == at(1582, 10, 15));
  CHECK(decode(Calendar::Standard, units, 101.0) == at(0, 1, 1));
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, units, 17001316.0),
                    "time value 17001316 is not a date as \"day as %Y%m%d.%f\" in the noleap calendar: "
                    "month 13 is not in 1..12");
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, units, 17000132.0), Contains("time value 17000132") &&
                                                                     Contains("day 32 does not exist in 1700-01"));
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, units, 17000229.5), Contains("time value 17000229.5") &&
                                                                     Contains("day 29 does not exist in 1700-02"));
  // all_leap: every year has Feb 29, 1700 too (not a Gregorian leap year);
  // the integer part names 1700-02-29 and .5 is half of that 24-hour day.
  CHECK(decode(Calendar::AllLeap, units, 17000229.5) == at(1700, 2, 29, 12));
  CHECK_THROWS_WITH(decode(Calendar::Standard, units, 15821010.0), Contains("day 10 does not exist in 1582-10"));
  CHECK_THROWS_WITH(decode(Calendar::Standard, units, 17000100.0), Contains("day 0 does not exist"));
  CHECK_THROWS_WITH(decode(Calendar::Standard, units, 17000001.0), Contains("month 0 is not in 1..12"));
  CHECK_THROWS_WITH(decode(Calendar::Standard, units, -17000101.0), Contains("time value -17000101") &&
                                                                        Contains("negative"));
  CHECK_THROWS_AS(decode(Calendar::Standard, units, 1e15), TimeError);
  CHECK_THROWS_AS(decode(Calendar::Standard, units, std::nan("")), TimeError);
}

TEST_CASE("decode_time of month as %Y%m.%f", "[time_units]") {
  const char* units = "month as %Y%m.%f";
  CHECK(decode(Calendar::NoLeap, units, 170001.0) == at(1700, 1, 1));
  // Half of January (31 days).
  CHECK(decode(Calendar::NoLeap, units, 170001.5) == at(1700, 1, 16, 12));
  CHECK(decode(Calendar::Standard, units, 170001.5) == at(1700, 1, 16, 12));
  // Half of February: 14 days in noleap, 14.5 in a leap year, 15 in 360_day.
  CHECK(decode(Calendar::NoLeap, units, 200002.5) == at(2000, 2, 15));
  CHECK(decode(Calendar::Standard, units, 200002.5) == at(2000, 2, 15, 12));
  CHECK(decode(Calendar::Day360, units, 200002.5) == at(2000, 2, 16));
  CHECK(decode(Calendar::Standard, units, 202312.75) == at(2023, 12, 24, 6));
  // October 1582 has 21 days in "standard": half of it is 10.5 days (the
  // 4th is followed by the 15th).
  CHECK(decode(Calendar::Standard, units, 158210.5) == at(1582, 10, 21, 12));
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, units, 170013.0),
                    "time value 170013 is not a date as \"month as %Y%m.%f\" in the noleap calendar: "
                    "month 13 is not in 1..12");
  CHECK_THROWS_WITH(decode(Calendar::NoLeap, units, 170000.5), Contains("time value 170000.5"));
  CHECK_THROWS_AS(decode(Calendar::NoLeap, units, -170001.0), TimeError);
}

TEST_CASE("decode_time of year as %Y.%f and decimal years", "[time_units]") {
  for (const char* units : {"year as %Y.%f", "yr", "years (decimal)"}) {
    INFO(units);
    CHECK(decode(Calendar::NoLeap, units, 1700.0) == at(1700, 1, 1));
    CHECK(decode(Calendar::Standard, units, 2023.0) == at(2023, 1, 1));
    // Half of 365 days.
    CHECK(decode(Calendar::NoLeap, units, 1700.5) == at(1700, 7, 2, 12));
    CHECK(decode(Calendar::Standard, units, 1700.5) == at(1700, 7, 2, 12));
    // Half of 366 days.
    CHECK(decode(Calendar::Standard, units, 2000.5) == at(2000, 7, 2));
    CHECK(decode(Calendar::Julian, units, 1700.5) == at(1700, 7, 2));
    // Half of 360 days.
    CHECK(decode(Calendar::Day360, units, 1700.5) == at(1700, 7, 1));
    // 1582 has 355 days in "standard": 177.5 days after Jan 1 (not leap).
    CHECK(decode(Calendar::Standard, units, 1582.5) == at(1582, 6, 27, 12));
    CHECK(decode(Calendar::NoLeap, units, 1700.25) == at(1700, 4, 2, 6));
    CHECK(decode(Calendar::NoLeap, units, 0.0) == at(0, 1, 1));
    CHECK(decode(Calendar::NoLeap, units, -0.5) == at(-1, 7, 2, 12));
    CHECK_THROWS_WITH(decode(Calendar::NoLeap, units, 1e7), Contains("time value 10000000") &&
                                                                Contains("out of range"));
  }
  // Integer years 1700..2023, as in annual TRENDY files.
  const TimeUnits yr = parse_time_units("yr");
  for (int y = 1700; y <= 2023; ++y) REQUIRE(decode_time(Calendar::Standard, yr, y) == at(y, 1, 1));
}

TEST_CASE("encode_time refuses the absolute and decimal-year encodings", "[time_units]") {
  for (const char* units : {"day as %Y%m%d.%f", "month as %Y%m.%f", "year as %Y.%f", "years"}) {
    INFO(units);
    CHECK_THROWS_WITH(encode(Calendar::NoLeap, units, at(1700, 1, 1)),
                      Contains(std::string("cannot encode times in \"") + units + "\""));
  }
}
