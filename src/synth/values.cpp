// Known answer -> declared input unit, cell by cell.
#include "trendy_ilamb/synth/values.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/cases.hpp"

namespace ti::synth {
namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kGramsPerKg = 1000.0;
constexpr double kKelvinAtZeroCelsius = 273.15;

// pft_cover_share or 1 + pft_deviation of PFT k, remembered for the last
// (split, n, year) asked: the writer asks for every cell of a step in turn,
// and the factors depend on the year only. The same numbers as cases.hpp.
double pft_factor(Split split, int k, int n, int year) {
  thread_local Split last_split = Split::Even;
  thread_local int last_n = -1, last_year = 0;
  thread_local std::vector<double> factors;
  if (split != last_split || n != last_n || year != last_year) {
    factors.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      factors[static_cast<std::size_t>(i)] = split == Split::PftCover
                                                 ? pft_cover_share(i, n, year)
                                                 : 1.0 + pft_deviation(i, n, year);
    }
    last_split = split;
    last_n = n;
    last_year = year;
  }
  return factors[static_cast<std::size_t>(k)];
}

// The factor of entry k of the extra dimension on a cell's value (1 for the
// additive LayerOffset, applied in output units by analytic_value).
double share(const ExtraDim& e, int k, int year) {
  const int n = e.size;
  switch (e.split) {
    case Split::PoolShare:
      return pool_share(k, n);
    case Split::Even:
      return 1.0 / n;
    case Split::PftCover:
    case Split::PftDeviation:
      return pft_factor(e.split, k, n, year);
    case Split::LayerOffset:
      return 1.0;
    case Split::LayerThickness: {
      const auto i = static_cast<std::size_t>(k);
      if (e.edges.size() != static_cast<std::size_t>(n) + 1) {
        throw std::invalid_argument("extra dimension " + e.name + " needs size + 1 layer edges");
      }
      return (e.edges[i + 1] - e.edges[i]) / (e.edges.back() - e.edges.front());
    }
  }
  return 1.0;
}

double analytic_value(const VariableSpec& v, Calendar cal, double lat, double lon, const Period& t,
                      int k) {
  double expected =
      expected_value_on_day(analytic_name(v.output), lat, lon, t.year, t.month, t.day) * v.factor;
  if (v.extra && v.extra->split == Split::LayerOffset) expected += kLayerOffset * k;
  return to_input_units(v.scale, expected, cal, t.year, t.month);
}

}  // namespace

double to_input_units(InputScale scale, double expected, Calendar cal, int year, int month) {
  switch (scale) {
    case InputScale::Same:
      return expected;
    case InputScale::GramsFromKg:
      return expected * kGramsPerKg;
    case InputScale::GramsPerMonth:
      return expected * kGramsPerKg * month_days(cal, year, month) * kSecondsPerDay;
    case InputScale::GramsPerYear:
      return expected * kGramsPerKg * year_days(cal, year) * kSecondsPerDay;
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

double cell_value(const Profile& p, const VariableSpec& v, Calendar cal, double lat, double lon,
                  const Period& period, int k) {
  const double part = v.extra ? share(*v.extra, k, period.year) : 1.0;
  switch (v.field) {
    case Field::LandFraction:
      return land_fraction(lat, lon) * part;
    case Field::OceanFraction:
      return (1.0 - land_fraction(lat, lon)) * part;
    case Field::CellArea:
      throw std::invalid_argument(v.name + ": cell areas need the grid's cell edges");
    case Field::Analytic:
      break;
  }
  if (!is_land(lat, lon)) return fill_number(p.fill);
  const double value = analytic_value(v, cal, lat, lon, period, k) * part;
  if (!v.packing) return value;
  return std::round((value - v.packing->add_offset) / v.packing->scale_factor);
}

}  // namespace ti::synth
