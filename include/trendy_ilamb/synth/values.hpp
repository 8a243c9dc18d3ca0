#pragma once
// The value trendy_synth writes for each cell and period: the known answer
// of analytic.hpp converted into the profile's declared input unit. Tests use
// these functions to recompute what a file should hold.
#include <string_view>

#include "trendy_ilamb/synth/calendar.hpp"
#include "trendy_ilamb/synth/profile.hpp"
#include "trendy_ilamb/synth/time_stamps.hpp"

namespace ti::synth {

// The analytic.hpp name behind an output variable (a key of
// config/variables.yaml). The same as the output name except
// burntFractionAll, whose known answer is expected_value("burntArea", ...):
// analytic.hpp predates the CMIP rename and keys the TRENDY name; and msl
// (soil moisture per layer), whose column total is expected_value("mrso").
inline std::string_view analytic_name(std::string_view output_var) {
  if (output_var == "burntFractionAll") return "burntArea";
  if (output_var == "msl") return "mrso";
  return output_var;
}

// `expected` (output units) expressed in the unit that `scale` describes, for
// the period (year, month) in `cal` (month lengths matter for per-month
// rates, year lengths for per-year rates; month is ignored for per-year).
double to_input_units(InputScale scale, double expected, Calendar cal, int year, int month);

// The value of entry `k` of the extra dimension (k = 0 when there is none) of
// variable `v` at cell (lat, lon) for `period`: in input units,
// the profile's fill on ocean for analytic fields (NaN for NaN fills); for a
// packed variable the stored integer (as a double). Field::CellArea needs
// the grid's cell edges and throws std::invalid_argument here (cases.hpp
// cell_area_km2 gives it). Analytic fields follow expected_value_on_day of
// the period's day, which is expected_value itself for monthly and annual
// periods (day 1).
double cell_value(const Profile& p, const VariableSpec& v, Calendar cal, double lat, double lon,
                  const Period& period, int k);

// The number written on ocean cells of analytic fields (NaN for NaN fills).
double fill_number(const FillSpec& fill);

}  // namespace ti::synth
