#pragma once
// The known answer behind every synthetic release: smooth analytic fields in
// the OUTPUT units of the variable table, so a test can recompute any output
// value from its cell centre and time period alone. trendy_synth writes these
// values converted *into* each profile's own input units; the tests check that
// trendy_ilamb converts them back.
#include <cmath>
#include <numbers>
#include <string_view>

namespace ti::synth {

inline double deg2rad(double deg) { return deg * std::numbers::pi / 180.0; }

// About a third of the globe is land; periodic in longitude, so 0..360 and
// -180..180 grids see the same mask. Cells poleward of 80 degrees are ocean.
inline bool is_land(double lat, double lon) {
  if (std::fabs(lat) > 80.0) return false;
  return std::sin(2.0 * deg2rad(lat) + 0.5) * std::cos(3.0 * deg2rad(lon)) > 0.25;
}

// Land fraction (0..1] of a land cell, 0 on ocean: what a model's land/ocean
// fraction file holds.
inline double land_fraction(double lat, double lon) {
  if (!is_land(lat, lon)) return 0.0;
  return 0.6 + 0.4 * std::fabs(std::cos(deg2rad(lon)));
}

// Typical magnitude of each output variable in its output unit.
inline double base_magnitude(std::string_view var) {
  if (var == "gpp") return 3.0e-8;
  if (var == "npp") return 1.5e-8;
  if (var == "ra") return 1.5e-8;
  if (var == "rh") return 1.2e-8;
  if (var == "nbp") return 2.0e-9;
  if (var == "fFire") return 1.0e-9;
  if (var == "fLuc") return 5.0e-10;
  if (var == "cVeg") return 8.0;
  if (var == "cSoil") return 15.0;
  if (var == "cLitter") return 1.2;
  if (var == "cProduct") return 0.4;
  if (var == "lai") return 2.5;
  if (var == "burntArea") return 1.5;
  if (var == "evspsbl") return 2.5e-5;
  if (var == "mrro") return 1.0e-5;
  if (var == "mrso") return 600.0;
  if (var == "tsl") return 285.0;
  if (var == "tas") return 283.0;
  if (var == "pr") return 3.0e-5;
  if (var == "rsds") return 180.0;
  return 1.0;
}

// Expected output value at a cell centre for a period (month = 1 for annual
// data). The latitude term is odd (catches flips), the longitude term is not
// symmetric (catches rolls), the month and year terms catch time shifts.
inline double expected_value(std::string_view var, double lat, double lon, int year, int month) {
  const double space = (1.0 + 0.3 * std::sin(deg2rad(lat))) * (1.0 + 0.2 * std::cos(deg2rad(lon) - 0.7));
  const double season = 1.0 + 0.1 * std::sin(2.0 * std::numbers::pi * (month - 1) / 12.0);
  const double trend = 1.0 + 0.002 * (year - 1700);
  // Temperatures vary by a few kelvin around their base, not by a factor.
  if (var == "tas" || var == "tsl") return base_magnitude(var) + 10.0 * (space - 1.0) + 3.0 * (season - 1.0) + (trend - 1.0);
  return base_magnitude(var) * space * season * trend;
}

// Expected output value of a daily period: expected_value of its month with a
// day term, so that a step shifted by one day is a wrong value and not only a
// wrong stamp. The term is 0 on day 1, so day 1 gives expected_value exactly.
inline double expected_value_on_day(std::string_view var, double lat, double lon, int year,
                                    int month, int day) {
  const double wave = std::sin(2.0 * std::numbers::pi * (day - 1) / 31.0);
  // Temperatures: a few kelvin added, like expected_value's temperature rule.
  if (var == "tas" || var == "tsl") return expected_value(var, lat, lon, year, month) + 3.0 * wave;
  return expected_value(var, lat, lon, year, month) * (1.0 + 0.05 * wave);
}

// Share of pool k (of n) in a pooled stock (cSoil): the pools sum to 1.
inline double pool_share(int k, int n) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) total += 1.0 + i;
  return (1.0 + k) / total;
}

// Earth radius used for cell areas (CF/CMIP convention), in metres.
inline constexpr double kEarthRadius = 6371229.0;

}  // namespace ti::synth
