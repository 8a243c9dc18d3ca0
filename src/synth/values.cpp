// Known answer -> declared input unit, cell by cell.
#include "trendy_ilamb/synth/values.hpp"

#include <limits>

#include "trendy_ilamb/synth/analytic.hpp"

namespace ti::synth {
namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kGramsPerKg = 1000.0;
constexpr double kKelvinAtZeroCelsius = 273.15;

// The share of entry k of n in a cell's value.
double share(Split split, int k, int n) {
  return split == Split::PoolShare ? pool_share(k, n) : 1.0 / n;
}

double analytic_value(const VariableSpec& v, cf::Calendar cal, double lat, double lon, int year,
                      int month) {
  const double expected = expected_value(analytic_name(v.output), lat, lon, year, month);
  return to_input_units(v.scale, expected, cal, year, month);
}

}  // namespace

double to_input_units(InputScale scale, double expected, cf::Calendar cal, int year, int month) {
  switch (scale) {
    case InputScale::Same:
      return expected;
    case InputScale::GramsFromKg:
      return expected * kGramsPerKg;
    case InputScale::GramsPerMonth:
      return expected * kGramsPerKg * cf::days_in_month(cal, year, month) * kSecondsPerDay;
    case InputScale::GramsPerYear:
      return expected * kGramsPerKg * cf::days_in_year(cal, year) * kSecondsPerDay;
    case InputScale::FractionFromPercent:
      return expected / 100.0;
    case InputScale::CelsiusFromKelvin:
      return expected - kKelvinAtZeroCelsius;
  }
  return expected;
}

double fill_number(const FillSpec& fill) {
  if (fill.style == FillStyle::NaNWithoutAttributes)
    return std::numeric_limits<double>::quiet_NaN();
  return fill.value;
}

double cell_value(const Profile& p, const VariableSpec& v, cf::Calendar cal, double lat, double lon,
                  int year, int month, int k) {
  const double part = v.extra ? share(v.extra->split, k, v.extra->size) : 1.0;
  switch (v.field) {
    case Field::LandFraction:
      return land_fraction(lat, lon) * part;
    case Field::OceanFraction:
      return (1.0 - land_fraction(lat, lon)) * part;
    case Field::Analytic:
      break;
  }
  if (!is_land(lat, lon)) return fill_number(p.fill);
  return analytic_value(v, cal, lat, lon, year, month) * part;
}

}  // namespace ti::synth
