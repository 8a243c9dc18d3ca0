// From decoded stamps to periods and the contract's output time axis.
#include <catch2/catch.hpp>

#include "date_helpers.hpp"

#include <string>
#include <vector>

#include "trendy_ilamb/cf/time_axis.hpp"

using namespace ti::cf;
using Catch::Matchers::Contains;

namespace {

using testing::at;

// One stamp per month from (year, month), at `day` (clamped) and `hour`.
std::vector<DateTime> monthly_stamps(Calendar cal, int year, int month, int count, int day, int hour = 0) {
  std::vector<DateTime> out;
  for (int i = 0; i < count; ++i) out.push_back(add_months(cal, at(year, month, day, hour), i));
  return out;
}

// Midpoints of calendar months, as most TRENDY files stamp them.
std::vector<DateTime> mid_month_stamps(Calendar cal, int year, int count) {
  std::vector<DateTime> out;
  for (int i = 0; i < count; ++i) {
    const DateTime start = add_months(cal, at(year, 1, 1), i);
    out.push_back(add_days(cal, start, days_between(cal, start, add_months(cal, start, 1)) / 2.0));
  }
  return out;
}

std::vector<Period> monthly_periods(int year, int month, int count) {
  std::vector<Period> out;
  for (int i = 0; i < count; ++i) {
    const int index = (month - 1) + i;
    out.push_back({year + index / 12, index % 12 + 1, 1});
  }
  return out;
}

std::vector<Period> annual_periods(int year, int count) {
  std::vector<Period> out;
  for (int i = 0; i < count; ++i) out.push_back({year + i, 1, 1});
  return out;
}

std::vector<DateTime> decode_all(Calendar cal, const char* units, const std::vector<double>& values) {
  std::vector<DateTime> out;
  const TimeUnits u = parse_time_units(units);
  for (double v : values) out.push_back(decode_time(cal, u, v));
  return out;
}

}  // namespace

TEST_CASE("frequency names and CMIP tables", "[time_axis]") {
  CHECK(frequency_name(Frequency::Daily) == "day");
  CHECK(frequency_name(Frequency::Monthly) == "mon");
  CHECK(frequency_name(Frequency::Annual) == "yr");
  CHECK(cmip_table(Frequency::Daily) == "Eday");
  CHECK(cmip_table(Frequency::Monthly) == "Lmon");
  CHECK(cmip_table(Frequency::Annual) == "Eyr");
}

TEST_CASE("monthly stamps at any position in the month map to their month", "[time_axis]") {
  for (Calendar cal : {Calendar::NoLeap, Calendar::Standard, Calendar::Day360, Calendar::AllLeap}) {
    INFO("calendar " << cf_name(cal));
    const auto expected = monthly_periods(1700, 1, 36);
    for (const auto& stamps : {mid_month_stamps(cal, 1700, 36), monthly_stamps(cal, 1700, 1, 36, 1),
                               monthly_stamps(cal, 1700, 1, 36, 16), monthly_stamps(cal, 1700, 1, 36, 15, 12),
                               monthly_stamps(cal, 1700, 1, 36, 31, 23)}) {
      const PeriodSeries s = assign_periods(cal, stamps);
      CHECK(s.frequency == Frequency::Monthly);
      CHECK(s.periods == expected);
    }
  }
}

TEST_CASE("annual stamps at Jan 1, mid-year or Dec 31 map to their year", "[time_axis]") {
  for (Calendar cal : {Calendar::Standard, Calendar::NoLeap, Calendar::Day360}) {
    INFO("calendar " << cf_name(cal));
    std::vector<DateTime> jan1, jul2, dec31;
    for (int y = 1700; y < 1730; ++y) {
      jan1.push_back(at(y, 1, 1));
      jul2.push_back(at(y, 7, 2, 12));
      dec31.push_back(at(y, 12, cal == Calendar::Day360 ? 30 : 31));
    }
    for (const auto& stamps : {jan1, jul2, dec31}) {
      const PeriodSeries s = assign_periods(cal, stamps);
      CHECK(s.frequency == Frequency::Annual);
      CHECK(s.periods == annual_periods(1700, 30));
    }
  }
}

TEST_CASE("daily stamps, including across the 1582 reform", "[time_axis]") {
  std::vector<DateTime> stamps;
  for (DateTime t = at(1582, 9, 20, 12); stamps.size() < 40; t = add_days(Calendar::Standard, t, 1.0)) {
    stamps.push_back(t);
  }
  const PeriodSeries s = assign_periods(Calendar::Standard, stamps);
  CHECK(s.frequency == Frequency::Daily);
  REQUIRE(s.periods.size() == 40);
  CHECK(s.periods[14] == Period{1582, 10, 4});
  CHECK(s.periods[15] == Period{1582, 10, 15});
  CHECK(s.periods[39] == Period{1582, 11, 8});
}

TEST_CASE("TRENDY time axes decode to the expected periods", "[time_axis]") {
  SECTION("months since 1700-1-16 12:00:00, 3888 steps") {
    std::vector<double> values;
    for (int i = 0; i < 3888; ++i) values.push_back(i);
    const PeriodSeries s = assign_periods(Calendar::NoLeap, decode_all(Calendar::NoLeap, "months since 1700-1-16 12:00:00", values));
    CHECK(s.frequency == Frequency::Monthly);
    CHECK(s.periods == monthly_periods(1700, 1, 3888));
  }
  SECTION("years since 1700-6-15 12:00:00, 324 steps") {
    std::vector<double> values;
    for (int i = 0; i < 324; ++i) values.push_back(i);
    const PeriodSeries s = assign_periods(Calendar::Standard, decode_all(Calendar::Standard, "years since 1700-6-15 12:00:00", values));
    CHECK(s.frequency == Frequency::Annual);
    CHECK(s.periods == annual_periods(1700, 324));
  }
  SECTION("days since 1700-01-01 at mid-month, noleap, 1700-2023") {
    const auto periods = monthly_periods(1700, 1, 3888);
    const OutputAxis axis = make_output_axis(Calendar::NoLeap, Frequency::Monthly, periods,
                                             parse_time_units("days since 1700-01-01"));
    const PeriodSeries s = assign_periods(Calendar::NoLeap, decode_all(Calendar::NoLeap, "days since 1700-01-01", axis.value));
    CHECK(s.periods == periods);
  }
  SECTION("hours since 1701-1-16 12:00:00, monthly in 360_day") {
    std::vector<double> values;
    for (int i = 0; i < 3876; ++i) values.push_back(i * 720.0);
    const PeriodSeries s = assign_periods(Calendar::Day360, decode_all(Calendar::Day360, "hours since 1701-1-16 12:00:00", values));
    CHECK(s.frequency == Frequency::Monthly);
    CHECK(s.periods == monthly_periods(1701, 1, 3876));
  }
}

TEST_CASE("irregular series name the first offending step", "[time_axis]") {
  SECTION("duplicate: a 1st-of-month series that repeats June") {
    auto stamps = monthly_stamps(Calendar::NoLeap, 1700, 2, 17, 1);  // 1700-02 .. 1701-06
    stamps.push_back(at(1701, 6, 16));
    stamps.push_back(at(1701, 7, 1));
    CHECK_THROWS_WITH(assign_periods(Calendar::NoLeap, stamps),
                      "time step 17 (1701-06-16 00:00:00) is not the month after step 16 "
                      "(1701-06-01 00:00:00): duplicate");
  }
  SECTION("gap: a missing month") {
    auto stamps = mid_month_stamps(Calendar::Standard, 1700, 24);
    stamps.erase(stamps.begin() + 5);
    CHECK_THROWS_WITH(assign_periods(Calendar::Standard, stamps),
                      Contains("time step 5 (1700-07-16 12:00:00) is not the month after step 4") &&
                          Contains(": gap"));
  }
  SECTION("decreasing values") {
    auto stamps = monthly_stamps(Calendar::NoLeap, 1700, 1, 24, 16);
    std::swap(stamps[9], stamps[10]);
    CHECK_THROWS_WITH(assign_periods(Calendar::NoLeap, stamps),
                      "time step 9 (1700-11-16 00:00:00) is not the month after step 8 "
                      "(1700-09-16 00:00:00): gap");
    stamps = monthly_stamps(Calendar::NoLeap, 1700, 1, 24, 16);
    stamps[12] = at(1700, 3, 16);
    CHECK_THROWS_WITH(assign_periods(Calendar::NoLeap, stamps),
                      "time step 12 (1700-03-16 00:00:00) is not the month after step 11 "
                      "(1700-12-16 00:00:00): decreasing");
  }
  SECTION("annual duplicate year") {
    std::vector<DateTime> stamps = {at(1700, 1, 1), at(1701, 1, 1), at(1701, 12, 31), at(1703, 1, 1)};
    CHECK_THROWS_WITH(assign_periods(Calendar::Standard, stamps),
                      Contains("time step 2 (1701-12-31 00:00:00) is not the year after step 1") &&
                          Contains("duplicate"));
  }
  SECTION("no recognisable frequency") {
    std::vector<DateTime> stamps;
    for (int i = 0; i < 10; ++i) stamps.push_back(add_days(Calendar::NoLeap, at(1700, 1, 1), 10.0 * i));
    CHECK_THROWS_WITH(assign_periods(Calendar::NoLeap, stamps),
                      Contains("median spacing of the time stamps is 10 days"));
    CHECK_THROWS_AS(assign_periods(Calendar::NoLeap, {at(1700, 1, 1), at(1700, 1, 1)}), TimeError);
  }
}

TEST_CASE("one stamp takes the fallback frequency", "[time_axis]") {
  const PeriodSeries monthly = assign_periods(Calendar::NoLeap, {at(1700, 6, 16)});
  CHECK(monthly.frequency == Frequency::Monthly);
  CHECK(monthly.periods == std::vector<Period>{{1700, 6, 1}});
  const PeriodSeries annual = assign_periods(Calendar::NoLeap, {at(1700, 6, 16)}, Frequency::Annual);
  CHECK(annual.frequency == Frequency::Annual);
  CHECK(annual.periods == std::vector<Period>{{1700, 1, 1}});
  const PeriodSeries daily = assign_periods(Calendar::NoLeap, {at(1700, 6, 16, 12)}, Frequency::Daily);
  CHECK(daily.periods == std::vector<Period>{{1700, 6, 16}});
  CHECK(assign_periods(Calendar::NoLeap, {}).periods.empty());
}

TEST_CASE("next_period and period_seconds follow the calendar", "[time_axis]") {
  CHECK(next_period(Calendar::NoLeap, Frequency::Monthly, {1700, 12, 1}) == Period{1701, 1, 1});
  CHECK(next_period(Calendar::NoLeap, Frequency::Monthly, {1700, 1, 1}) == Period{1700, 2, 1});
  CHECK(next_period(Calendar::NoLeap, Frequency::Annual, {1700, 1, 1}) == Period{1701, 1, 1});
  CHECK(next_period(Calendar::NoLeap, Frequency::Daily, {1700, 2, 28}) == Period{1700, 3, 1});
  CHECK(next_period(Calendar::Day360, Frequency::Daily, {1700, 2, 28}) == Period{1700, 2, 29});
  CHECK(next_period(Calendar::Day360, Frequency::Daily, {1700, 2, 30}) == Period{1700, 3, 1});
  CHECK(next_period(Calendar::Standard, Frequency::Daily, {1582, 10, 4}) == Period{1582, 10, 15});
  CHECK(next_period(Calendar::Standard, Frequency::Daily, {1999, 12, 31}) == Period{2000, 1, 1});

  CHECK(period_seconds(Calendar::NoLeap, Frequency::Monthly, {1700, 2, 1}) == 28 * 86400.0);
  CHECK(period_seconds(Calendar::Standard, Frequency::Monthly, {2000, 2, 1}) == 29 * 86400.0);
  CHECK(period_seconds(Calendar::Standard, Frequency::Monthly, {1700, 2, 1}) == 28 * 86400.0);
  CHECK(period_seconds(Calendar::Julian, Frequency::Monthly, {1700, 2, 1}) == 29 * 86400.0);
  CHECK(period_seconds(Calendar::Day360, Frequency::Monthly, {1700, 1, 1}) == 30 * 86400.0);
  CHECK(period_seconds(Calendar::Standard, Frequency::Monthly, {1582, 10, 1}) == 21 * 86400.0);
  CHECK(period_seconds(Calendar::Standard, Frequency::Annual, {1582, 1, 1}) == 355 * 86400.0);
  CHECK(period_seconds(Calendar::ProlepticGregorian, Frequency::Annual, {2000, 1, 1}) == 366 * 86400.0);
  CHECK(period_seconds(Calendar::Day360, Frequency::Annual, {2000, 1, 1}) == 360 * 86400.0);
  CHECK(period_seconds(Calendar::AllLeap, Frequency::Annual, {1701, 1, 1}) == 366 * 86400.0);
  CHECK(period_seconds(Calendar::Standard, Frequency::Daily, {1582, 10, 4}) == 86400.0);
}

TEST_CASE("make_output_axis: contiguous bounds at period starts, value at the midpoint", "[time_axis]") {
  const TimeUnits days = parse_time_units("days since 1700-01-01 00:00:00");
  SECTION("monthly noleap") {
    const OutputAxis a = make_output_axis(Calendar::NoLeap, Frequency::Monthly, monthly_periods(1700, 1, 24), days);
    CHECK(a.lower[0] == 0.0);
    CHECK(a.upper[0] == 31.0);
    CHECK(a.value[0] == 15.5);
    CHECK(a.lower[1] == 31.0);
    CHECK(a.upper[1] == 59.0);
    CHECK(a.value[1] == 45.0);
    CHECK(a.upper[11] == 365.0);
    CHECK(a.upper[23] == 730.0);
    for (std::size_t i = 0; i < 24; ++i) {
      CHECK(a.value[i] == (a.lower[i] + a.upper[i]) / 2.0);
      if (i > 0) CHECK(a.lower[i] == a.upper[i - 1]);
    }
  }
  SECTION("monthly standard, 1700 is not a leap year but 1704 is") {
    const OutputAxis a = make_output_axis(Calendar::Standard, Frequency::Monthly, monthly_periods(1700, 1, 60), days);
    CHECK(a.lower[1] == 31.0);
    CHECK(a.upper[1] == 59.0);
    CHECK(a.value[1] == 45.0);
    CHECK(a.lower[49] == 1491.0);  // 1704-02-01
    CHECK(a.upper[49] == 1520.0);  // 1704-03-01
    CHECK(a.value[49] == 1505.5);
    for (std::size_t i = 1; i < 60; ++i) CHECK(a.lower[i] == a.upper[i - 1]);
  }
  SECTION("annual and daily, other units") {
    const OutputAxis y = make_output_axis(Calendar::Standard, Frequency::Annual, annual_periods(1700, 2), days);
    CHECK(y.lower == std::vector<double>{0.0, 365.0});
    CHECK(y.upper == std::vector<double>{365.0, 730.0});
    CHECK(y.value == std::vector<double>{182.5, 547.5});
    const OutputAxis d = make_output_axis(Calendar::Standard, Frequency::Daily, {{1582, 10, 4}, {1582, 10, 15}},
                                          parse_time_units("hours since 1582-10-04"));
    CHECK(d.lower == std::vector<double>{0.0, 24.0});
    CHECK(d.upper == std::vector<double>{24.0, 48.0});
    CHECK(d.value == std::vector<double>{12.0, 36.0});
    const OutputAxis h = make_output_axis(Calendar::NoLeap, Frequency::Monthly, {{1700, 1, 1}},
                                          parse_time_units("hours since 1700-01-01"));
    CHECK(h.value == std::vector<double>{372.0});
  }
  SECTION("a reference after the data gives negative values") {
    const OutputAxis a = make_output_axis(Calendar::NoLeap, Frequency::Monthly, {{1699, 12, 1}}, days);
    CHECK(a.lower[0] == -31.0);
    CHECK(a.upper[0] == 0.0);
    CHECK(a.value[0] == -15.5);
  }
}

TEST_CASE("cmip_stamp pads years and months", "[time_axis]") {
  CHECK(cmip_stamp(Frequency::Monthly, {1700, 1, 1}) == "170001");
  CHECK(cmip_stamp(Frequency::Monthly, {2023, 12, 1}) == "202312");
  CHECK(cmip_stamp(Frequency::Annual, {2023, 1, 1}) == "2023");
  CHECK(cmip_stamp(Frequency::Annual, {850, 1, 1}) == "0850");
  CHECK(cmip_stamp(Frequency::Daily, {1700, 1, 16}) == "17000116");
}

namespace {
std::vector<Period> monthly_years(int first_year, int years, int first_month = 1) {
  std::vector<Period> out;
  for (int y = first_year, m = first_month; y < first_year + years || (y == first_year + years && m < first_month); ) {
    out.push_back({y, m, 1});
    if (++m > 12) { m = 1; ++y; }
  }
  return out;
}
}  // namespace

TEST_CASE("split_whole_years cuts on year boundaries into even pieces", "[time_axis]") {
  using Runs = std::vector<std::pair<std::size_t, std::size_t>>;
  const auto ten = monthly_years(1700, 10);  // 120 steps
  CHECK(split_whole_years(ten, 1) == Runs{{0, 120}});
  CHECK(split_whole_years(ten, 2) == Runs{{0, 60}, {60, 120}});
  // 10 years in 3: cuts nearest 40 and 80 steps, on year starts (36 or 48; 84 or 72).
  CHECK(split_whole_years(ten, 3) == Runs{{0, 36}, {36, 84}, {84, 120}});
  // More pieces than years: one per year.
  const auto three = monthly_years(1700, 3);
  CHECK(split_whole_years(three, 5) == Runs{{0, 12}, {12, 24}, {24, 36}});
  // A first partial year (from July) is a piece boundary too.
  const auto partial = monthly_years(1700, 2, 7);  // Jul 1700 .. Jun 1702: 24 steps
  CHECK(split_whole_years(partial, 2) == Runs{{0, 6}, {6, 24}});
  CHECK(split_whole_years(partial, 3) == Runs{{0, 6}, {6, 18}, {18, 24}});
  // Annual steps.
  std::vector<Period> annual;
  for (int y = 1700; y < 1707; ++y) annual.push_back({y, 1, 1});
  CHECK(split_whole_years(annual, 2) == Runs{{0, 3}, {3, 7}});
  CHECK(split_whole_years({}, 4).empty());
}
