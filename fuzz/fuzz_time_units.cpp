// libFuzzer target: ti::cf::parse_time_units and what uses its result.
// The documented failure is ti::cf::TimeError (parse, decode, encode); any
// other exception, a crash or a sanitizer report is a finding. On what parses:
//  - format_time_units(u) parses back to the same units;
//  - decode_time of some values (fixed ones and one taken from the input's
//    last 8 bytes) in every calendar, and for relative seconds..days units
//    encode_time(decode_time(v)) gives v back to within the microsecond
//    rounding that decode_time documents.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_units.hpp"

namespace {

using namespace ti::cf;

[[noreturn]] void finding(std::string_view text, const std::string& what) {
  std::fprintf(stderr, "fuzz_time_units: %s (units \"%.*s\")\n", what.c_str(), static_cast<int>(text.size()),
               text.data());
  std::abort();
}

double unit_seconds(TimeUnit u) {
  switch (u) {
    case TimeUnit::Seconds: return 1.0;
    case TimeUnit::Minutes: return 60.0;
    case TimeUnit::Hours: return 3600.0;
    default: return 86400.0;
  }
}

bool same_units(const TimeUnits& a, const TimeUnits& b) {
  return a.unit == b.unit && a.encoding == b.encoding && a.reference == b.reference;
}

void check_value(std::string_view text, Calendar cal, const TimeUnits& u, double v) {
  DateTime t;
  try {
    t = decode_time(cal, u, v);
  } catch (const TimeError&) {
    return;
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour < 0 || t.hour > 23 || t.minute < 0 ||
      t.minute > 59 || !(t.second >= 0.0 && t.second < 60.0)) {
    finding(text, "decode_time(" + std::to_string(v) + ") gave an impossible date " + to_string(t));
  }
  if (!is_valid_date(cal, t.year, t.month, t.day)) {
    finding(text, "decode_time(" + std::to_string(v) + ") gave " + to_string(t) + ", not a date of " +
                      std::string(cf_name(cal)));
  }
  const bool encodable = u.encoding == TimeEncoding::Relative && u.unit != TimeUnit::Months &&
                         u.unit != TimeUnit::Years;
  double back = 0.0;
  try {
    back = encode_time(cal, u, t);
  } catch (const TimeError&) {
    if (encodable) finding(text, "encode_time refused what decode_time gave for " + std::to_string(v));
    return;
  }
  if (!encodable) finding(text, "encode_time accepted units it documents as refused");
  // decode rounds to the microsecond; allow that plus the double's own
  // resolution at this magnitude (in seconds).
  const double err_s = std::fabs(back - v) * unit_seconds(u.unit);
  const double tol_s = 1e-6 + 4.0 * std::fabs(v) * unit_seconds(u.unit) * 2.3e-16;
  if (!(err_s <= tol_s)) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "encode(decode(%.17g)) = %.17g in %s", v, back,
                  std::string(cf_name(cal)).c_str());
    finding(text, buf);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  TimeUnits u;
  try {
    u = parse_time_units(text);
  } catch (const TimeError& e) {
    if (std::strlen(e.what()) == 0) finding(text, "TimeError without a message");
    return 0;
  }

  // Formatting gives text that parses back to the same units.
  const std::string formatted = format_time_units(u);
  try {
    const TimeUnits again = parse_time_units(formatted);
    if (!same_units(u, again)) finding(text, "format_time_units gave \"" + formatted + "\", which parses differently");
  } catch (const TimeError& e) {
    finding(text, "format_time_units gave \"" + formatted + "\", which does not parse: " + e.what());
  }

  static constexpr double kValues[] = {0.0, 1.0, -1.0, 0.5, 12.25, 365.0, -36500.75, 1e5, 1700.5,
                                       170001.5, 17000116.5, 20231231.999999, 1e9, 1e13, -1e13};
  double extra = 0.0;
  if (size >= 8) std::memcpy(&extra, data + size - 8, 8);
  for (const Calendar cal : {Calendar::Standard, Calendar::ProlepticGregorian, Calendar::Julian,
                             Calendar::NoLeap, Calendar::AllLeap, Calendar::Day360}) {
    for (const double v : kValues) check_value(text, cal, u, v);
    check_value(text, cal, u, extra);
  }
  return 0;
}
