// synth's own calendar (synth/calendar.hpp) against cftime's golden vectors
// (test/data/time_vectors, docs/time-golden-vectors.md): every month and year
// length of lengths.csv, and every seconds/minutes/hours/days decode of
// decode.csv recomputed as date_at(serial_day(reference) + whole days) plus
// the time of day, in exact integer microseconds. Nothing here uses ti::cf.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "trendy_ilamb/synth/calendar.hpp"

using namespace ti::synth;

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string field;
  while (std::getline(s, field, ',')) out.push_back(field);
  return out;
}

// The rows of a golden CSV file, header dropped.
std::vector<std::vector<std::string>> read_rows(const std::string& name) {
  std::ifstream in(std::string(TI_TEST_DATA_DIR) + "/time_vectors/" + name);
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(split_csv(line));
  }
  return rows;
}

Calendar calendar_of_row(const std::string& name) {
  const auto cal = calendar_named(name);
  REQUIRE(cal);
  return *cal;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// "<unit> since YYYY-M-D[( |T)hh:mm[:ss[.f]]][Z]", the forms decode.csv
// uses, read here without the converter's parser.
struct Units {
  std::int64_t unit_micros = 0;  // 0: a unit this test does not decode (months)
  Date reference;
  std::int64_t reference_micros = 0;  // time of day of the reference
};

std::int64_t unit_micros(const std::string& word) {
  if (word == "seconds") return kMicrosPerSecond;
  if (word == "minutes") return 60 * kMicrosPerSecond;
  if (word == "hours") return 3600 * kMicrosPerSecond;
  if (word == "days") return kMicrosPerDay;
  return 0;
}

Units parse_units(const std::string& text) {
  const auto since = text.find(" since ");
  REQUIRE(since != std::string::npos);
  Units u;
  u.unit_micros = unit_micros(text.substr(0, since));
  const std::string ref = text.substr(since + 7);
  REQUIRE(std::sscanf(ref.c_str(), "%d-%d-%d", &u.reference.year, &u.reference.month,
                      &u.reference.day) == 3);
  const auto clock = ref.find_first_of(" T");
  if (clock == std::string::npos) return u;
  int hour = 0, minute = 0;
  double second = 0.0;
  REQUIRE(std::sscanf(ref.c_str() + clock + 1, "%d:%d:%lf", &hour, &minute, &second) >= 2);
  u.reference_micros = (hour * 3600 + minute * 60) * kMicrosPerSecond +
                       std::llround(second * static_cast<double>(kMicrosPerSecond));
  return u;
}

}  // namespace

TEST_CASE("synth calendar: every month and year length of cftime's lengths.csv",
          "[synth][calendar][golden]") {
  const auto rows = read_rows("lengths.csv");
  REQUIRE(rows.size() == 5211);
  std::size_t checked = 0;
  for (const auto& r : rows) {
    REQUIRE(r.size() == 16);
    const Calendar cal = calendar_of_row(r[0]);
    const int year = std::stoi(r[2]);
    INFO(r[0] << " " << year);
    CHECK(year_days(cal, year) == std::stoi(r[3]));
    for (int m = 1; m <= 12; ++m) {
      INFO("month " << m);
      CHECK(month_days(cal, year, m) == std::stoi(r[static_cast<std::size_t>(3 + m)]));
    }
    // A year's day numbers span exactly its length.
    CHECK(serial_day(cal, {year + 1, 1, 1}) - serial_day(cal, {year, 1, 1}) ==
          year_days(cal, year));
    ++checked;
  }
  CHECK(checked == rows.size());
}

TEST_CASE("synth calendar: cftime's decodes of seconds/minutes/hours/days since, by day numbers",
          "[synth][calendar][golden]") {
  const auto rows = read_rows("decode.csv");
  REQUIRE(rows.size() == 24275);
  std::size_t checked = 0, skipped_months = 0;
  for (const auto& r : rows) {
    REQUIRE(r.size() == 10);
    const Units u = parse_units(r[0]);
    if (u.unit_micros == 0) {
      CHECK(r[0].starts_with("months since"));
      ++skipped_months;
      continue;
    }
    const Calendar cal = calendar_of_row(r[1]);
    INFO(r[0] << " | " << r[1] << " | " << r[3]);
    // Every value is a multiple of 1/64 of its unit (or whole seconds), so
    // value * 64 is an exact integer and the offset exact in microseconds.
    const double sixty_fourths = std::stod(r[3]) * 64.0;
    REQUIRE(sixty_fourths == std::floor(sixty_fourths));
    REQUIRE(u.unit_micros % 64 == 0);
    const std::int64_t micros =
        u.reference_micros + static_cast<std::int64_t>(sixty_fourths) * (u.unit_micros / 64);
    const std::int64_t days = floor_div(micros, kMicrosPerDay);
    const std::int64_t of_day = micros - days * kMicrosPerDay;
    const Date d = date_at(cal, serial_day(cal, u.reference) + days);
    CHECK(d == Date{std::stoi(r[4]), std::stoi(r[5]), std::stoi(r[6])});
    CHECK(of_day / (3600 * kMicrosPerSecond) == std::stoi(r[7]));
    CHECK(of_day / (60 * kMicrosPerSecond) % 60 == std::stoi(r[8]));
    const auto micros_of_minute = static_cast<double>(of_day % (60 * kMicrosPerSecond));
    const double second = micros_of_minute / static_cast<double>(kMicrosPerSecond);
    CHECK(std::fabs(second - std::stod(r[9])) < 1e-6);
    ++checked;
  }
  CHECK(skipped_months == 365);
  CHECK(checked == rows.size() - 365);
}

TEST_CASE("synth calendar: day numbers are consecutive and invertible, day by day",
          "[synth][calendar]") {
  const Calendar all[] = {Calendar::Standard, Calendar::ProlepticGregorian, Calendar::Julian,
                          Calendar::NoLeap,   Calendar::AllLeap,            Calendar::Day360};
  for (Calendar cal : all) {
    INFO(cf_spelling(cal));
    // Walk every day of 1570..1610 and 1695..1710 by month lengths alone.
    for (const int first : {1570, 1695}) {
      Date d{first, 1, 1};
      std::int64_t serial = serial_day(cal, d);
      const int last = first == 1570 ? 1610 : 1710;
      while (d.year <= last) {
        INFO(d.year << "-" << d.month << "-" << d.day);
        REQUIRE(date_at(cal, serial) == d);
        REQUIRE(serial_day(cal, d) == serial);
        // The next day: Standard jumps from 1582-10-04 to 1582-10-15.
        const bool switch_day = cal == Calendar::Standard && d == Date{1582, 10, 4};
        const int last_day = cal == Calendar::Standard && d.year == 1582 && d.month == 10
                                 ? 31
                                 : month_days(cal, d.year, d.month);
        if (switch_day) {
          d.day = 15;
        } else if (d.day < last_day) {
          ++d.day;
        } else {
          d = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
        }
        ++serial;
      }
    }
    // The first of every month of years 1..2400 round-trips.
    for (int y = 1; y <= 2400; y += 1) {
      for (int m = 1; m <= 12; ++m) {
        REQUIRE(date_at(cal, serial_day(cal, {y, m, 1})) == Date{y, m, 1});
      }
    }
  }
}

TEST_CASE("synth calendar: literal day counts and the 1582 switch", "[synth][calendar]") {
  constexpr Calendar kStd = Calendar::Standard;
  // cftime: 1700-01-16 12:00 is 620564.5 days since 0001-01-01 (standard).
  CHECK(serial_day(kStd, {1700, 1, 1}) - serial_day(kStd, {1, 1, 1}) == 620549);
  CHECK(serial_day(kStd, {1582, 10, 15}) - serial_day(kStd, {1582, 10, 4}) == 1);
  CHECK(date_at(Calendar::Standard, serial_day(Calendar::Standard, {1582, 10, 4}) + 1) ==
        Date{1582, 10, 15});
  CHECK(month_days(Calendar::Standard, 1582, 10) == 21);
  CHECK(year_days(Calendar::Standard, 1582) == 355);
  CHECK(month_days(Calendar::ProlepticGregorian, 1582, 10) == 31);
  // 1700 is a leap year in the Julian rule only; Standard is Gregorian by then.
  CHECK(leap_year(Calendar::Julian, 1700));
  CHECK_FALSE(leap_year(Calendar::Standard, 1700));
  CHECK_FALSE(leap_year(Calendar::ProlepticGregorian, 1700));
  CHECK(leap_year(Calendar::Standard, 1500));  // Julian rule before the switch
  CHECK_FALSE(leap_year(Calendar::ProlepticGregorian, 1500));
  CHECK(leap_year(Calendar::ProlepticGregorian, 2000));
  CHECK(leap_year(Calendar::AllLeap, 1701));
  CHECK_FALSE(leap_year(Calendar::NoLeap, 1704));
  CHECK(month_days(Calendar::Julian, 1700, 2) == 29);
  CHECK(month_days(Calendar::AllLeap, 1701, 2) == 29);
  CHECK(year_days(Calendar::AllLeap, 1701) == 366);
  CHECK(month_days(Calendar::Day360, 1701, 2) == 30);
  CHECK(year_days(Calendar::Day360, 1704) == 360);
  CHECK(year_days(Calendar::Standard, 1704) == 366);
  // Standard counts on from the Julian days: after Julian 1700-02-29 the two
  // differ by 11 days (Julian 1700-03-01 is Gregorian 1700-03-12).
  CHECK(serial_day(kStd, {1700, 3, 12}) == serial_day(Calendar::Julian, {1700, 3, 1}));
  CHECK(serial_day(kStd, {1700, 3, 10}) == serial_day(Calendar::Julian, {1700, 2, 28}));
}

TEST_CASE("synth calendar: dates the calendar lacks are refused", "[synth][calendar]") {
  CHECK_THROWS_AS(serial_day(Calendar::Standard, {1582, 10, 10}), std::invalid_argument);
  CHECK_THROWS_AS(serial_day(Calendar::Standard, {1582, 10, 5}), std::invalid_argument);
  CHECK_THROWS_AS(serial_day(Calendar::Standard, {1582, 10, 14}), std::invalid_argument);
  CHECK_NOTHROW(serial_day(Calendar::ProlepticGregorian, {1582, 10, 10}));
  CHECK_THROWS_AS(serial_day(Calendar::Standard, {1700, 2, 29}), std::invalid_argument);
  CHECK(serial_day(Calendar::Julian, {1700, 2, 29}) + 1 ==
        serial_day(Calendar::Julian, {1700, 3, 1}));
  CHECK_THROWS_AS(serial_day(Calendar::NoLeap, {1704, 2, 29}), std::invalid_argument);
  for (Calendar cal : {Calendar::Standard, Calendar::ProlepticGregorian, Calendar::Julian,
                       Calendar::NoLeap, Calendar::AllLeap}) {
    CHECK_THROWS_AS(serial_day(cal, {1704, 2, 30}), std::invalid_argument);
  }
  CHECK(serial_day(Calendar::Day360, {1701, 2, 30}) + 1 ==
        serial_day(Calendar::Day360, {1701, 3, 1}));
  CHECK_THROWS_AS(serial_day(Calendar::Day360, {1701, 1, 31}), std::invalid_argument);
  CHECK_THROWS_AS(serial_day(Calendar::NoLeap, {1701, 13, 1}), std::invalid_argument);
  CHECK_THROWS_AS(serial_day(Calendar::NoLeap, {1701, 0, 1}), std::invalid_argument);
  CHECK_THROWS_AS(serial_day(Calendar::NoLeap, {1701, 1, 0}), std::invalid_argument);
  CHECK_THROWS_AS(month_days(Calendar::NoLeap, 1701, 13), std::invalid_argument);
  try {
    serial_day(Calendar::Standard, {1582, 10, 10});
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(e.what(), Catch::Contains("1582-10-10") && Catch::Contains("standard"));
  }
}

TEST_CASE("synth calendar: CF names, aliases and spellings", "[synth][calendar]") {
  CHECK(calendar_named("standard") == Calendar::Standard);
  CHECK(calendar_named("gregorian") == Calendar::Standard);
  CHECK(calendar_named("GREGORIAN") == Calendar::Standard);
  CHECK(calendar_named("proleptic_gregorian") == Calendar::ProlepticGregorian);
  CHECK(calendar_named("Julian") == Calendar::Julian);
  CHECK(calendar_named("noleap") == Calendar::NoLeap);
  CHECK(calendar_named("365_day") == Calendar::NoLeap);
  CHECK(calendar_named("NoLeap") == Calendar::NoLeap);
  CHECK(calendar_named("all_leap") == Calendar::AllLeap);
  CHECK(calendar_named("366_day") == Calendar::AllLeap);
  CHECK(calendar_named("360_day") == Calendar::Day360);
  CHECK_FALSE(calendar_named(""));
  CHECK_FALSE(calendar_named("none"));
  CHECK_FALSE(calendar_named("365day"));
  CHECK_FALSE(calendar_named(" noleap"));
  for (Calendar cal : {Calendar::Standard, Calendar::ProlepticGregorian, Calendar::Julian,
                       Calendar::NoLeap, Calendar::AllLeap, Calendar::Day360}) {
    CHECK(calendar_named(cf_spelling(cal)) == cal);
  }
  CHECK(cf_spelling(Calendar::AllLeap) == "all_leap");
  CHECK(cf_spelling(Calendar::Day360) == "360_day");
  CHECK(cf_spelling(Calendar::NoLeap) == "noleap");
}
