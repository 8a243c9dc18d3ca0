// The converter's time-units parser and decoder (ti::cf) against the truth
// each profile states independently: trendy_synth writes `units` verbatim
// and computes its values from TimeSpec::since and its own calendar, so
// here ti::cf must read the text as the structured fields say, and decode
// each written value back to the stamp synth meant.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/synth/profile.hpp"
#include "trendy_ilamb/synth/time_stamps.hpp"

namespace cf = ti::cf;
namespace synth = ti::synth;

namespace {

cf::TimeUnit cf_unit(synth::SinceUnit unit) {
  switch (unit) {
    case synth::SinceUnit::Seconds:
      return cf::TimeUnit::Seconds;
    case synth::SinceUnit::Minutes:
      return cf::TimeUnit::Minutes;
    case synth::SinceUnit::Hours:
      return cf::TimeUnit::Hours;
    case synth::SinceUnit::Days:
      return cf::TimeUnit::Days;
    case synth::SinceUnit::Months:
      return cf::TimeUnit::Months;
    case synth::SinceUnit::Years:
      return cf::TimeUnit::Years;
  }
  FAIL("unknown SinceUnit");
  return cf::TimeUnit::Days;
}

bool counts_steps(synth::SinceUnit unit) {
  return unit == synth::SinceUnit::Months || unit == synth::SinceUnit::Years;
}

}  // namespace

TEST_CASE("every Since profile's units text parses (ti::cf) to its stated unit and reference",
          "[synth][units]") {
  std::size_t checked = 0;
  for (const synth::Profile& p : synth::default_profiles()) {
    const synth::TimeSpec& spec = p.time;
    if (spec.encoding != synth::TimeEncoding::Since) continue;
    INFO(p.folder << ": \"" << spec.units << "\"");
    const cf::TimeUnits parsed = cf::parse_time_units(spec.units);
    CHECK(parsed.encoding == cf::TimeEncoding::Relative);
    CHECK(parsed.unit == cf_unit(spec.since.unit));
    const cf::DateTime& ref = parsed.reference;
    CHECK(ref.year == spec.since.reference.year);
    CHECK(ref.month == spec.since.reference.month);
    CHECK(ref.day == spec.since.reference.day);
    CHECK(ref.hour * 3600.0 + ref.minute * 60.0 + ref.second == spec.since.reference_seconds);
    // The calendar text names the same calendar in both readings.
    const auto cf_cal = cf::parse_calendar(spec.calendar);
    REQUIRE(cf_cal);
    CHECK(cf::cf_name(*cf_cal) == synth::cf_spelling(synth::calendar_of(spec)));
    ++checked;
  }
  // ALPHA..DELTA, 12 of T01..T19, T20..T22, the 10 grid and 10 variable profiles.
  CHECK(checked == 4 + 12 + 3 + 20);
}

TEST_CASE("ti::cf decodes every written Since value to the stamp synth computed",
          "[synth][units]") {
  std::size_t checked = 0;
  for (const synth::Profile& p : synth::default_profiles()) {
    const synth::TimeSpec& spec = p.time;
    if (spec.encoding != synth::TimeEncoding::Since || counts_steps(spec.since.unit)) continue;
    INFO(p.folder << ": \"" << spec.units << "\" " << spec.calendar);
    const cf::TimeUnits units = cf::parse_time_units(spec.units);
    const cf::Calendar cf_cal = *cf::parse_calendar(spec.calendar);
    const synth::Calendar cal = synth::calendar_of(spec);
    const synth::Frequency freq = spec.frequency;
    for (const synth::Period& period : synth::make_periods(cal, freq, spec.start_year, 2)) {
      const synth::Moment want = synth::stamp_moment(cal, freq, spec.stamp, period);
      const double value = synth::time_value(spec, freq, period);
      const cf::DateTime got = cf::decode_time(cf_cal, units, value);
      INFO(period.year << "-" << period.month << "-" << period.day << ": " << value);
      REQUIRE(got.year == want.date.year);
      REQUIRE(got.month == want.date.month);
      REQUIRE(got.day == want.date.day);
      const double seconds = got.hour * 3600.0 + got.minute * 60.0 + got.second;
      REQUIRE(seconds == Approx(want.seconds).margin(1e-6));
      ++checked;
    }
  }
  CHECK(checked > 24 * 30);
}
