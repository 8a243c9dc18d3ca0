// Time coordinate: units and calendar, bounds (nt, 2) double contiguous.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "internal.hpp"
#include "trendy_ilamb/cf/time_units.hpp"

namespace ti::check::detail {
namespace {

struct TimeMeta {
  cf::Calendar calendar = cf::Calendar::Standard;
  cf::TimeUnits units;
};

std::string fmt(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

bool units_usable(const cf::TimeUnits& u, cf::Calendar cal, const std::string& text,
                  FindingSink& sink) {
  if (u.encoding != cf::TimeEncoding::Relative) {
    sink.error("time", "time units '" + text + "' are not '<unit> since <date>'; use days since");
    return false;
  }
  if (u.unit == cf::TimeUnit::Years ||
      (u.unit == cf::TimeUnit::Months && cal != cf::Calendar::Day360)) {
    sink.error("time", "time units '" + text + "': cftime rejects years/months since (months "
                       "only in 360_day); use days since");
    return false;
  }
  return true;
}

std::optional<TimeMeta> read_meta(const io::Variable& tv, FindingSink& sink) {
  const auto units = text_of(tv, "units");
  const auto calendar = text_of(tv, "calendar");
  if (!units) sink.error("time", "time coordinate '" + tv.name() + "' has no units attribute");
  if (!calendar) {
    sink.error("time", "time coordinate '" + tv.name() +
                           "' has no calendar attribute (ILAMB requires units and calendar)");
  }
  if (!units) return std::nullopt;
  TimeMeta m;
  const auto cal = cf::parse_calendar(calendar.value_or(""));
  if (!cal) {
    sink.error("time", "unknown calendar '" + *calendar + "'");
    return std::nullopt;
  }
  m.calendar = *cal;
  try {
    m.units = cf::parse_time_units(*units);
  } catch (const cf::TimeError& e) {
    sink.error("time", std::string("time units do not parse: ") + e.what());
    return std::nullopt;
  }
  if (!units_usable(m.units, m.calendar, *units, sink)) return std::nullopt;
  return m;
}

// Reads the (nt, 2) bounds and checks them; returns {first lower, last upper}.
std::optional<std::pair<double, double>> check_bounds(const io::File& f, const io::Variable& tv,
                                                      FindingSink& sink) {
  const auto name = text_of(tv, "bounds");
  if (!name) {
    sink.error("time_bounds", "time has no 'bounds' attribute: ILAMB then guesses the bounds, "
                              "wrongly when output is split across files");
    return std::nullopt;
  }
  if (!f.has_variable(*name)) {
    sink.error("time_bounds", "time:bounds names '" + *name + "', which does not exist");
    return std::nullopt;
  }
  const auto bv = f.variable(*name);
  const auto nt = tv.shape().at(0);
  const auto shape = bv.shape();
  if (shape.size() != 2 || shape[0] != nt || shape[1] != 2) {
    sink.error("time_bounds", "'" + *name + "' must have shape (" + std::to_string(nt) + ", 2)");
    return std::nullopt;
  }
  if (bv.type() != io::NcType::Double) {
    sink.error("time_bounds", "'" + *name + "' is " + io::type_name(bv.type()) +
                                  "; store time bounds as double");
  }
  if (nt == 0) return std::nullopt;
  std::vector<double> b(2 * nt);
  bv.read({0, 0}, {nt, 2}, b.data());
  for (std::size_t i = 0; i < nt; ++i) {
    if (!(b[2 * i] < b[2 * i + 1])) {
      sink.error("time_bounds", "'" + *name + "' step " + std::to_string(i) + ": lower " +
                                    fmt(b[2 * i]) + " is not below upper " + fmt(b[2 * i + 1]));
      return std::nullopt;
    }
    if (i + 1 < nt && std::fabs(b[2 * i + 1] - b[2 * i + 2]) > 1e-6 * std::fmax(1.0, std::fabs(b[2 * i + 1]))) {
      sink.error("time_bounds", "'" + *name + "' not contiguous: upper of step " +
                                    std::to_string(i) + " (" + fmt(b[2 * i + 1]) +
                                    ") != lower of step " + std::to_string(i + 1) + " (" +
                                    fmt(b[2 * i + 2]) + ")");
      return std::nullopt;
    }
  }
  return std::make_pair(b.front(), b.back());
}

// Without usable bounds: the span of the time values themselves.
std::optional<std::pair<double, double>> value_span(const io::Variable& tv) {
  const auto t = tv.read_all_1d();
  if (t.empty()) return std::nullopt;
  const auto [lo, hi] = std::minmax_element(t.begin(), t.end());
  return std::make_pair(*lo, *hi);
}

}  // namespace

bool earlier(const cf::DateTime& a, const cf::DateTime& b) {
  return std::tie(a.year, a.month, a.day, a.hour, a.minute, a.second) <
         std::tie(b.year, b.month, b.day, b.hour, b.minute, b.second);
}

std::optional<TimeRange> check_time(const io::File& f, const std::string& dim, FindingSink& sink) {
  if (!f.has_variable(dim)) {
    sink.error("time", "no coordinate variable for time dimension '" + dim + "'");
    return std::nullopt;
  }
  const auto tv = f.variable(dim);
  if (tv.type() != io::NcType::Double) {
    sink.warning("time", "time coordinate is " + io::type_name(tv.type()) + "; store it as double");
  }
  const auto meta = read_meta(tv, sink);
  auto span = check_bounds(f, tv, sink);
  if (!span) span = value_span(tv);
  if (!meta || !span) return std::nullopt;
  try {
    return TimeRange{cf::decode_time(meta->calendar, meta->units, span->first),
                     cf::decode_time(meta->calendar, meta->units, span->second)};
  } catch (const cf::TimeError& e) {
    sink.error("time", std::string("time bounds do not decode: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace ti::check::detail
