// Output time units, periods and stamps (see time_rules.hpp).
#include "time_rules.hpp"

#include <fmt/format.h>

#include <cmath>
#include <regex>

namespace ti::verify {
namespace {

constexpr double kSecondsPerDay = 86400.0;

std::optional<double> seconds_per(const std::string& unit) {
  if (unit == "days") return kSecondsPerDay;
  if (unit == "hours") return 3600.0;
  if (unit == "minutes") return 60.0;
  if (unit == "seconds") return 1.0;
  return std::nullopt;
}

}  // namespace

std::optional<OutputTimeUnits> parse_output_time_units(std::string_view text) {
  static const std::regex form(
      R"(^([a-z]+) since ([0-9]{4})-([0-9]{2})-([0-9]{2})(?: ([0-9]{2}):([0-9]{2}):([0-9]{2}))?$)");
  const std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, form)) return std::nullopt;
  const auto spu = seconds_per(m[1].str());
  if (!spu) return std::nullopt;
  OutputTimeUnits u;
  u.text = s;
  u.seconds_per_unit = *spu;
  u.reference = {std::stoi(m[2].str()), std::stoi(m[3].str()), std::stoi(m[4].str())};
  if (m[5].matched) {
    u.reference_seconds =
        std::stoi(m[5].str()) * 3600.0 + std::stoi(m[6].str()) * 60.0 + std::stoi(m[7].str());
  }
  return u;
}

synth::Date start_of(const Period& p) { return {p.year, p.month, p.day}; }

Period next_period(synth::Calendar cal, const Period& p, Freq freq) {
  switch (freq) {
    case Freq::Annual: return {p.year + 1, 1, 1};
    case Freq::Monthly: return p.month == 12 ? Period{p.year + 1, 1, 1} : Period{p.year, p.month + 1, 1};
    case Freq::Daily: {
      const synth::Date d = synth::date_at(cal, synth::serial_day(cal, start_of(p)) + 1);
      return {d.year, d.month, d.day};
    }
    case Freq::Fixed: break;
  }
  return p;
}

std::string stamp(const Period& p, Freq freq) {
  if (freq == Freq::Monthly) return fmt::format("{:04d}{:02d}", p.year, p.month);
  if (freq == Freq::Annual) return fmt::format("{:04d}", p.year);
  return fmt::format("{:04d}{:02d}{:02d}", p.year, p.month, p.day);
}

std::string to_string(const Period& p) {
  return fmt::format("{:04d}-{:02d}-{:02d}", p.year, p.month, p.day);
}

double value_at_midnight(synth::Calendar cal, const OutputTimeUnits& units, const synth::Date& d) {
  const auto days = static_cast<double>(synth::serial_day(cal, d) -
                                        synth::serial_day(cal, units.reference));
  return (days * kSecondsPerDay - units.reference_seconds) / units.seconds_per_unit;
}

std::optional<synth::Date> midnight_at(synth::Calendar cal, const OutputTimeUnits& units,
                                       double value) {
  if (!std::isfinite(value)) return std::nullopt;
  const double days = (value * units.seconds_per_unit + units.reference_seconds) / kSecondsPerDay;
  const double whole = std::round(days);
  // A microsecond: what a double holds of a whole day count this size.
  if (std::fabs(days - whole) * kSecondsPerDay > 1e-6) return std::nullopt;
  return synth::date_at(cal, synth::serial_day(cal, units.reference) + static_cast<std::int64_t>(whole));
}

std::optional<Period> period_starting(const synth::Date& d, Freq freq) {
  if (freq == Freq::Monthly && d.day != 1) return std::nullopt;
  if (freq == Freq::Annual && (d.day != 1 || d.month != 1)) return std::nullopt;
  return Period{d.year, d.month, d.day};
}

}  // namespace ti::verify
