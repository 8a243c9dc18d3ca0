// The built-in profiles: four invented models, each writing files the way a
// group of real TRENDY models does (TRENDY_QUIRKS.md), then small "time
// profiles", one per time-axis quirk, and small "grid profiles", one per grid
// quirk. No real model names.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "trendy_ilamb/synth/cases.hpp"
#include "trendy_ilamb/synth/profile.hpp"

namespace ti::synth {
namespace {

using io::NcType;
using U = SinceUnit;

// A variable converted by the pipeline (output = its variables.yaml key).
VariableSpec var(std::string name, std::string output, std::string units,
                 InputScale scale = InputScale::Same) {
  VariableSpec v;
  v.name = std::move(name);
  v.output = std::move(output);
  v.units = std::move(units);
  v.scale = scale;
  return v;
}

// A fixed input (land/ocean fraction) feeding the per-model fixed fields.
VariableSpec fixed_input(std::string name, std::string units, Field field) {
  VariableSpec v;
  v.name = std::move(name);
  v.units = std::move(units);
  v.field = field;
  return v;
}

VariableSpec with_extra(VariableSpec v, ExtraDim extra) {
  v.extra = std::move(extra);
  return v;
}

// A Fortran-style model: lat/lon, -180..180, noleap mid-month days, -99999
// in both fill attributes, CMIP-like units.
Profile alpha_profile() {
  Profile p;
  p.name = "ALPHA";
  p.folder = "ALPHA";
  p.prefix = "ALPHA";
  p.grid.coord_type = NcType::Float;
  p.time = {.units = "days since 1700-01-01 00:00:00",
            .since = {U::Days, {1700, 1, 1}},
            .calendar = "noleap",
            .frequency = Frequency::Monthly,
            .stamp = Stamp::Middle,
            .type = NcType::Double,
            .unlimited = true,
            .start_year = 1700};
  p.fill = {.style = FillStyle::FillAndMissing, .value = -99999.0};
  p.global_attributes = {{"title", "ALPHA land surface model output for TRENDY"},
                         {"institution", "Institute of Imaginary Ecology"},
                         {"contact", "alpha-team@example.org"},
                         {"source", "ALPHA v4.2"}};
  const std::string flux = "kg m-2 s-1", stock = "kg m-2";
  p.variables = {var("gpp", "gpp", flux),
                 var("npp", "npp", flux),
                 var("ra", "ra", flux),
                 var("rh", "rh", flux),
                 var("nbp", "nbp", flux),
                 var("cVeg", "cVeg", stock),
                 var("cSoil", "cSoil", stock),
                 var("lai", "lai", "1"),
                 var("burntArea", "burntFractionAll", "%"),
                 var("evapotrans", "evspsbl", flux),
                 var("mrro", "mrro", flux),
                 var("tas", "tas", "K")};
  return p;
}

// A model on a 0..360, north-to-south grid with a 360-day calendar counted
// in months, starting in 1701, fill by missing_value only, gram-per-month
// fluxes, fractions, soil pools after time, and an ocean-fraction file.
Profile beta_profile() {
  Profile p;
  p.name = "BETA";
  p.folder = "BETA";
  p.prefix = "Beta-2.1";
  p.grid = {.lat_dim = "latitude",
            .lon_dim = "longitude",
            .lat_var = "latitude",
            .lon_var = "longitude",
            .lat_descending = true,
            .lon_range = LonRange::Zero360,
            .coord_standard_name = false,
            .coord_axis = false,
            .coord_type = NcType::Double};
  p.time = {.units = "months since 1700-1-16 12:00:00",
            .since = {U::Months, {1700, 1, 16}, 43200.0},
            .calendar = "360_day",
            .frequency = Frequency::Monthly,
            .stamp = Stamp::Middle,
            .type = NcType::Double,
            .unlimited = false,
            .start_year = 1701};
  p.fill = {.style = FillStyle::MissingOnly, .value = 1.0e20};
  p.global_attributes = {{"title", "Beta dynamic vegetation model, TRENDY simulations"},
                         {"institution", "Beta Modelling Collective"},
                         {"contact", "beta@example.net"}};
  VariableSpec ocean = fixed_input("oceanCoverFrac", "1", Field::OceanFraction);
  ocean.has_time = false;
  p.variables = {var("gpp", "gpp", "gC m-2 month-1", InputScale::GramsPerMonth),
                 var("cVeg", "cVeg", "kgC/m2"),
                 with_extra(var("cSoil", "cSoil", "kgC/m2"),
                            {"soilpools", 3, Placement::AfterTime, Split::PoolShare}),
                 var("burntArea", "burntFractionAll", "fraction", InputScale::FractionFromPercent),
                 var("lai", "lai", "m2/m2"),
                 var("mrro", "mrro", "kg/m2/s"),
                 var("evapotrans", "evspsbl", "kg m^-2 s^-1"),
                 ocean};
  return p;
}

// A Python-written model: float64 with NaN and no fill attributes,
// coordinate variables named unlike their dimensions, hours since on the
// 1st of each month, LaTeX and odd unit spellings, pools as the last
// dimension, and per-PFT annual land cover.
Profile gamma_profile() {
  Profile p;
  p.name = "GAMMA";
  p.folder = "GAMMA-DGVM";
  p.prefix = "gamma";
  p.grid = {.lat_dim = "lat",
            .lon_dim = "lon",
            .lat_var = "latitude",
            .lon_var = "longitude",
            .lat_descending = false,
            .lon_range = LonRange::Minus180To180,
            .coord_standard_name = true,
            .coord_axis = false,
            .coord_type = NcType::Double};
  p.time = {.units = "hours since 1700-01-01 00:00:00",
            .since = {U::Hours, {1700, 1, 1}},
            .calendar = "gregorian",
            .frequency = Frequency::Monthly,
            .stamp = Stamp::Start,
            .type = NcType::Double,
            .unlimited = false,
            .start_year = 1700};
  p.fill = {.style = FillStyle::NaNWithoutAttributes,
            .value = std::numeric_limits<double>::quiet_NaN()};
  p.data_type = NcType::Double;
  p.global_attributes = {{"title", "GAMMA-DGVM monthly output"},
                         {"institution", "Gamma University, Department of Pretend Sciences"},
                         {"contact", "gamma.modeller@example.com"},
                         {"Conventions", "CF-1.6"}};
  VariableSpec cover = with_extra(fixed_input("landCoverFrac", "fraction", Field::LandFraction),
                                  {"pft", 5, Placement::AfterTime, Split::Even});
  cover.frequency = Frequency::Annual;
  p.variables = {
      var("gpp", "gpp", "kg m$^{-2}$ s$^{-1}$"),
      var("ra", "ra", "kg m$^{-2}$ s$^{-1}$"),
      var("cVeg", "cVeg", "kg.m-2"),
      with_extra(var("cSoil", "cSoil", "kg m-2 "), {"pool", 4, Placement::Last, Split::PoolShare}),
      var("tas", "tas", "degC", InputScale::CelsiusFromKelvin),
      cover};
  return p;
}

// An annual model on y/x dimensions recognisable only by attributes,
// proleptic_gregorian stamps on 2 July as integers, -9999 as _FillValue only,
// a per-year gram flux, and one corrupt file.
Profile delta_profile() {
  Profile p;
  p.name = "DELTA";
  p.folder = "DELTA";
  p.prefix = "DELTA_v3";
  p.grid = {.lat_dim = "y",
            .lon_dim = "x",
            .lat_var = "y",
            .lon_var = "x",
            .lat_descending = false,
            .lon_range = LonRange::Minus180To180,
            .coord_standard_name = true,
            .coord_axis = true,
            .coord_type = NcType::Double};
  p.time = {.units = "days since 1700-01-01",
            .since = {U::Days, {1700, 1, 1}},
            .calendar = "proleptic_gregorian",
            .frequency = Frequency::Annual,
            .stamp = Stamp::July2,
            .type = NcType::Int,
            .unlimited = false,
            .start_year = 1700};
  p.fill = {.style = FillStyle::FillOnly, .value = -9999.0};
  p.global_attributes = {{"title", "DELTA_v3 annual fields"},
                         {"institution", "Delta Centre for Hypothetical Carbon"},
                         {"contact", "delta@example.edu"}};
  p.variables = {var("cVeg", "cVeg", "kg/m2"), var("cSoil", "cSoil", "kg m-2"),
                 var("gpp", "gpp", "gC/m^2/yr", InputScale::GramsPerYear),
                 var("nbp", "nbp", "kg m-2 s-1")};
  p.corrupt_variables = {var("rh", "rh", "kg m-2 s-1")};
  return p;
}

// A small model showing one time-axis quirk (TRENDY_QUIRKS.md "Time axes")
// and nothing else: lat/lon on a standard -180..180 grid, float32 data with
// -99999 as _FillValue, gpp in kg m-2 s-1, plus cVeg in kg m-2 when annual.
// Everything a converter must get right is in `time`, so a wrongly decoded
// step shows up as a wrong (year, month) in expected_value.
Profile time_profile(std::string folder, std::string prefix, std::string what, TimeSpec time) {
  Profile p;
  p.name = folder;
  p.folder = std::move(folder);
  p.prefix = std::move(prefix);
  p.time = std::move(time);
  p.fill = {.style = FillStyle::FillOnly, .value = -99999.0};
  p.data_type = NcType::Float;
  p.global_attributes = {{"title", "Synthetic time-axis case: " + what},
                         {"institution", "Bureau of Calendrical Curiosities"},
                         {"contact", "time-cases@example.org"}};
  p.variables = {var("gpp", "gpp", "kg m-2 s-1")};
  if (p.time.frequency == Frequency::Annual) p.variables.push_back(var("cVeg", "cVeg", "kg m-2"));
  return p;
}

TimeSpec time_spec(std::string units, std::string calendar, Frequency freq, Stamp stamp,
                   NcType type, int start_year) {
  TimeSpec t;
  t.units = std::move(units);
  t.calendar = std::move(calendar);
  t.frequency = freq;
  t.stamp = stamp;
  t.type = type;
  t.start_year = start_year;
  return t;
}

// "<unit> since <reference>": the text as written and, separately, what it
// says (the values are computed from `stated` alone).
TimeSpec since(std::string units, SinceUnits stated, std::string calendar, Frequency freq,
               Stamp stamp, NcType type, int start_year = 1700) {
  TimeSpec t = time_spec(std::move(units), std::move(calendar), freq, stamp, type, start_year);
  t.since = stated;
  return t;
}

TimeSpec encoded(std::string units, std::string calendar, Frequency freq, Stamp stamp,
                 NcType type, TimeEncoding encoding, int start_year = 1700) {
  TimeSpec t = time_spec(std::move(units), std::move(calendar), freq, stamp, type, start_year);
  t.encoding = encoding;
  return t;
}

// Plain step numbers 1..N that only a config override can place in time.
Profile index_profile(std::string folder, std::string prefix, std::string what, TimeSpec time) {
  time.encoding = TimeEncoding::Index;
  time.frequency = Frequency::Monthly;
  Profile p = time_profile(std::move(folder), std::move(prefix), std::move(what), time);
  p.time_override = TimeOverride{.time_start = fmt::format("{:04d}-01", p.time.start_year),
                                 .frequency = "monthly",
                                 .calendar = p.time.calendar};
  return p;
}

std::vector<Profile> time_profiles() {
  using F = Frequency;
  using S = Stamp;
  using E = TimeEncoding;
  std::vector<Profile> out;
  // days since the day before the start, stamped on the month's last day:
  // 31 is 31 Jan 1700 (a reader taking 1700-01-01 as reference says 1 Feb).
  out.push_back(time_profile("T01_DAYS1699", "days1699", "days since 1699-12-31, last day, int",
                             since("days since 1699-12-31", {U::Days, {1699, 12, 31}}, "365_day",
                                   F::Monthly, S::LastDay, NcType::Int)));
  // Large values across the 1582 switch of the mixed calendar.
  out.push_back(time_profile("T02_DAYS0001", "days0001", "days since 0001-01-01, mid-month",
                             since("days since 0001-01-01", {U::Days, {1, 1, 1}}, "standard",
                                   F::Monthly, S::Middle, NcType::Double)));
  out.push_back(time_profile(
      "T03_DAYS16TH", "days16th", "days since ...00:00:00.000000, stamps on the 16th, float",
      since("days since 1700-01-01 00:00:00.000000", {U::Days, {1700, 1, 1}},
            "proleptic_gregorian", F::Monthly, S::Day16, NcType::Float)));
  TimeSpec half_months = since("months since 1700-01-01", {U::Months, {1700, 1, 1}}, "noleap",
                               F::Monthly, S::Middle, NcType::Double);
  half_months.count_offset = 0.5;
  out.push_back(time_profile("T04_MONHALF", "monhalf", "months since 1700-01-01, 0.5, 1.5, ...",
                             half_months));
  out.push_back(time_profile("T05_YRS0615", "yrs0615", "years since 1700-6-15 12:00:00, annual",
                             since("years since 1700-6-15 12:00:00",
                                   {U::Years, {1700, 6, 15}, 43200.0}, "noleap", F::Annual,
                                   S::Middle, NcType::Double)));
  out.push_back(time_profile("T06_HRS1701", "hrs1701", "hours since a mid-month reference, 1701",
                             since("hours since 1701-1-16 12:00:00",
                                   {U::Hours, {1701, 1, 16}, 43200.0}, "360_day", F::Monthly,
                                   S::Day16Noon, NcType::Double, 1701)));
  // Bare "yr": the integer year itself; no calendar attribute (= standard).
  TimeSpec years = encoded("yr", "standard", F::Annual, S::Start, NcType::Int, E::DecimalYear);
  years.calendar_attribute = false;
  out.push_back(time_profile("T07_YRINT", "yrint", "bare yr, integer years, no calendar", years));
  out.push_back(time_profile("T08_DECYEAR", "decyear", "decimal years, year + (month - 0.5) / 12",
                             encoded("years (decimal, AD)", "noleap", F::Monthly, S::Middle,
                                     NcType::Double, E::DecimalYear)));
  out.push_back(time_profile("T09_YEARAS", "yearas", "year as %Y.%f, annual, year + 0.5",
                             encoded("year as %Y.%f", "proleptic_gregorian", F::Annual, S::Middle,
                                     NcType::Double, E::DecimalYear)));
  out.push_back(time_profile("T10_MONTHAS", "monthas", "month as %Y%m.%f, YYYYMM + 0.5",
                             encoded("month as %Y%m.%f", "proleptic_gregorian", F::Monthly,
                                     S::Middle, NcType::Double, E::MonthAs)));
  out.push_back(time_profile("T11_DAYAS", "dayas", "day as %Y%m%d.%f, YYYYMM16.0",
                             encoded("day as %Y%m%d.%f", "proleptic_gregorian", F::Monthly,
                                     S::Day16, NcType::Double, E::DayAs)));
  TimeSpec capital = since("days since 1700-01-01", {U::Days, {1700, 1, 1}}, "gregorian",
                           F::Monthly, S::Middle, NcType::Double);
  capital.units_attribute = "Units";
  out.push_back(time_profile("T12_UNITSCAP", "unitscap", "units attribute spelled Units", capital));
  TimeSpec bare = encoded("", "noleap", F::Monthly, S::Start, NcType::Int, E::Index);
  bare.units_attribute.clear();
  bare.calendar_attribute = false;
  out.push_back(
      index_profile("T13_INDEX", "index", "indices 1..N, no units, no calendar attribute", bare));
  // Empty units; starts in 2003 like the real index-only model, so a reader
  // that ignores the override's time_start gets every year wrong.
  out.push_back(index_profile(
      "T14_EMPTYUNITS", "emptyunits", "indices 1..N, units \"\", 2003",
      encoded("", "noleap", F::Monthly, S::Start, NcType::Float, E::Index, 2003)));
  out.push_back(time_profile("T15_DAYS1900", "days1900", "days since 1900-01-01, start 1900",
                             since("days since 1900-01-01", {U::Days, {1900, 1, 1}}, "standard",
                                   F::Monthly, S::Middle, NcType::Double, 1900)));
  out.push_back(time_profile("T16_ANNJAN1", "annjan1", "annual stamps on 1 Jan, float",
                             since("days since 1700-01-01", {U::Days, {1700, 1, 1}}, "noleap",
                                   F::Annual, S::Start, NcType::Float)));
  out.push_back(time_profile("T17_ANNDEC31", "anndec31", "annual stamps on 31 Dec",
                             since("days since 1700-01-01 00:00:00", {U::Days, {1700, 1, 1}},
                                   "standard", F::Annual, S::LastDay, NcType::Double)));
  // Stamps at the period's end (1 Feb for January); the bounds say which
  // month each step is.
  TimeSpec end = since("days since 1700-01-01", {U::Days, {1700, 1, 1}}, "standard", F::Monthly,
                       S::End, NcType::Double);
  end.bounds = true;
  out.push_back(time_profile("T18_BNDSEND", "bndsend", "stamps at the end, time_bnds", end));
  TimeSpec lower = since("days since 1700-01-01", {U::Days, {1700, 1, 1}}, "365_day", F::Monthly,
                         S::Middle, NcType::Double);
  lower.units_attribute = "unit";
  out.push_back(time_profile("T19_UNITLOWER", "unitlower", "units attribute spelled unit", lower));
  return out;
}

// Time profiles of the calendars whose month lengths differ from the usual
// ones, and of daily data (T20..T22, after T01..T19 so that those keep
// their place in the release). The calendar ones add npp in gC m-2
// month-1: its values carry each month's own length (29 days in February
// 1700 in julian, and in every February of all_leap).
std::vector<Profile> calendar_profiles() {
  using F = Frequency;
  using S = Stamp;
  const VariableSpec per_month = var("npp", "npp", "gC m-2 month-1", InputScale::GramsPerMonth);
  std::vector<Profile> out;
  // 1700 is a leap year in Julian, not in Gregorian: 15 Feb 1700 12:00 is
  // day 45.5 here, 45.0 in a Gregorian reading.
  Profile julian = time_profile("T20_JULIAN", "julian", "julian calendar, mid-month, 1700",
                                since("days since 1700-01-01", {U::Days, {1700, 1, 1}}, "julian",
                                      F::Monthly, S::Middle, NcType::Double));
  julian.variables.push_back(per_month);
  out.push_back(std::move(julian));
  // all_leap spelled 366_day; 1700 before the start has 366 days too.
  Profile leap = time_profile("T21_ALLLEAP", "allleap", "366_day calendar, mid-month, from 1701",
                              since("days since 1700-01-01 00:00:00", {U::Days, {1700, 1, 1}},
                                    "366_day", F::Monthly, S::Middle, NcType::Double, 1701));
  leap.variables.push_back(per_month);
  out.push_back(std::move(leap));
  // Daily at noon, counted in hours from 1700 (no leap day in standard
  // 1700); two years from 1703 hold 1704-02-29. A coarse grid of its own
  // keeps 731 steps small.
  Profile daily = time_profile("T22_DAILY", "daily", "daily at noon, hours since 1700, 10 degrees",
                               since("hours since 1700-01-01 00:00:00", {U::Hours, {1700, 1, 1}},
                                     "standard", F::Daily, S::Middle, NcType::Double, 1703));
  daily.grid.lat_step = 10.0;
  daily.grid.lon_step = 10.0;
  out.push_back(std::move(daily));
  return out;
}

// The plain time axis of the grid and variable profiles: noleap mid-month
// days since 1700.
TimeSpec noleap_mid_month() {
  return since("days since 1700-01-01", {U::Days, {1700, 1, 1}}, "noleap", Frequency::Monthly,
               Stamp::Middle, NcType::Double);
}

// A small model showing one grid quirk (TRENDY_QUIRKS.md "Grids and
// coordinates") on a fixed grid of its own, and nothing else: float32 gpp in
// kg m-2 s-1, -99999 as _FillValue, noleap mid-month days since 1700.
// Values are expected_value at each cell's true centre, so a converter that
// misreads the grid shows up as wrong values, whatever the grid.
Profile grid_profile(std::string folder, std::string prefix, std::string what, GridSpec grid) {
  Profile p = time_profile(std::move(folder), std::move(prefix), "",
                           noleap_mid_month());
  p.grid = std::move(grid);
  p.global_attributes = {{"title", "Synthetic grid case: " + what},
                         {"institution", "Office of Cartographic Oddities"},
                         {"contact", "grid-cases@example.org"}};
  return p;
}

// A regular grid of `lat_step` x `lon_step` degree cells, -180..180.
GridSpec regular(double lat_step, double lon_step) {
  GridSpec g;
  g.lat_step = lat_step;
  g.lon_step = lon_step;
  return g;
}

// 0..360 longitudes on the cell edges: 0, lon_step, ... (finite-volume and
// spectral models).
GridSpec from_greenwich(GridSpec g) {
  g.lon_range = LonRange::Zero360;
  g.lon_on_edges = true;
  return g;
}

std::vector<Profile> grid_profiles() {
  std::vector<Profile> out;
  out.push_back(grid_profile("G01_HALFDEG", "halfdeg", "0.5 degree global, 720 x 360",
                             regular(0.5, 0.5)));
  GridSpec fv = from_greenwich(regular(0.0, 1.25));
  fv.lat_layout = LatLayout::PoleCentred;
  fv.lat_count = 192;
  out.push_back(grid_profile("G02_FV09", "fv09",
                             "finite volume 0.9x1.25, 288 x 192, pole points at +-90", fv));
  out.push_back(grid_profile("G03_FV09NP", "fv09np",
                             "finite volume 0.9375x1.25, 288 x 192, no pole points",
                             from_greenwich(regular(0.9375, 1.25))));
  GridSpec t63 = from_greenwich(regular(0.0, 1.875));
  t63.lat_layout = LatLayout::Gaussian;
  t63.lat_count = 96;
  t63.lat_descending = true;
  out.push_back(grid_profile("G04_T63", "t63",
                             "T63 Gaussian, 192 x 96, latitudes north to south", t63));
  GridSpec regional = regular(1.0, 1.0);
  regional.lat_south = -60.0;
  out.push_back(grid_profile("G05_REGIONAL", "regional",
                             "1 degree, latitudes -59.5..89.5 only (150 rows)", regional));
  GridSpec halfoff = regular(1.0, 1.0);
  halfoff.lon_on_edges = true;
  out.push_back(grid_profile("G06_HALFOFF", "halfoff",
                             "1 degree, longitudes -180..179 (half a cell off the latitudes)",
                             halfoff));
  GridSpec full = regular(2.0, 2.0);
  full.lat_dim = full.lat_var = "lat_FULL";
  full.lon_dim = full.lon_var = "lon_FULL";
  out.push_back(grid_profile("G07_LATFULL", "latfull", "2 degrees, lat_FULL / lon_FULL", full));
  GridSpec zeros = regular(1.0, 1.0);
  zeros.coord_values = CoordValues::Zeros;
  Profile zero = grid_profile("G08_ZEROCOORDS", "zerocoords",
                              "1 degree, every lat and lon value 0 (needs a grid override)",
                              zeros);
  zero.grid_override = "1x1";
  out.push_back(std::move(zero));
  GridSpec none = regular(2.0, 2.0);
  none.coord_values = CoordValues::Absent;
  Profile absent = grid_profile("G09_NOCOORDS", "nocoords",
                                "2 degrees, no coordinate variables (needs a grid override)",
                                none);
  absent.grid_override = "2x2";
  out.push_back(std::move(absent));
  GridSpec lonlat = regular(2.0, 2.0);
  lonlat.dim_order = DimOrder::LonLatTime;
  out.push_back(grid_profile("G10_LONLATTIME", "lonlattime",
                             "2 degrees, data dimensions (lon, lat, time)", lonlat));
  return out;
}

// A small model showing one variable quirk (extra dimensions, a unit its
// values contradict, packing, file format or compression, an area file) and
// nothing else: the release's --res grid (lat/lon, -180..180), float32 with
// -99999 as _FillValue, noleap mid-month days since 1700. The known answers
// are in cases.hpp.
Profile case_profile(std::string folder, std::string prefix, std::string what,
                     std::vector<VariableSpec> variables) {
  Profile p = time_profile(std::move(folder), std::move(prefix), "",
                           noleap_mid_month());
  p.global_attributes = {{"title", "Synthetic variable case: " + what},
                         {"institution", "Depot of Dimensional Diversity"},
                         {"contact", "variable-cases@example.org"}};
  p.variables = std::move(variables);
  return p;
}

template <std::size_t N>
std::vector<double> values_of(const std::array<double, N>& a) {
  return {a.begin(), a.end()};
}

std::vector<Profile> case_profiles() {
  const std::string flux = "kg m-2 s-1";
  std::vector<Profile> out;

  const ExtraDim pft_first{"pft", kPftCount, Placement::AfterTime, Split::PftDeviation};
  const ExtraDim pft_last{"pft", kPftCount, Placement::Last, Split::PftDeviation};
  VariableSpec cover = with_extra(fixed_input("landCoverFrac", "fraction", Field::LandFraction),
                                  {"pft", kPftCount, Placement::AfterTime, Split::PftCover});
  cover.frequency = Frequency::Annual;
  out.push_back(case_profile("X01_PFT", "pft",
                             "per-PFT lai (time, pft, lat, lon) and gpp (time, lat, lon, pft), "
                             "annual landCoverFrac",
                             {with_extra(var("lai", "lai", "1"), pft_first),
                              with_extra(var("gpp", "gpp", flux), pft_last), cover}));

  ExtraDim stlayer{"stlayer", 4, Placement::AfterTime, Split::LayerOffset};
  stlayer.coordinate = values_of(kStlayerCentresCm);
  stlayer.coordinate_units = "cm";
  ExtraDim smlayer{"smlayer", 4, Placement::AfterTime, Split::LayerThickness};
  smlayer.coordinate = values_of(kSmlayerCentresM);
  smlayer.coordinate_units = "m";
  smlayer.edges = values_of(kSoilLayerEdgesM);
  out.push_back(case_profile("X02_SOILLAYERS", "soillayers",
                             "tsl per layer (stlayer in cm), msl per layer (smlayer in m)",
                             {with_extra(var("tsl", "tsl", "K"), stlayer),
                              with_extra(var("msl", "msl", "kg m-2"), smlayer)}));

  Profile nodepth = case_profile(
      "X03_NODEPTH", "nodepth", "tsl (time, lat, soil, lon), 3 layers without depth values",
      {with_extra(var("tsl", "tsl", "K"), {"soil", 3, Placement::AfterLat, Split::LayerOffset})});
  nodepth.layer_depths = values_of(kNoDepthLayerDepthsM);
  out.push_back(std::move(nodepth));

  VariableSpec percent = var("burntArea", "burntFractionAll", "fraction");
  percent.factor = kFracPctFactor;
  out.push_back(case_profile("X04_FRACPCT", "fracpct",
                             "burntArea declared \"fraction\", values in percent (up to ~80)",
                             {percent}));

  VariableSpec packed = var("cVeg", "cVeg", "kg m-2");
  packed.packing = Packing{.scale_factor = kPackedScale, .add_offset = kPackedOffset};
  Profile pack = case_profile("X05_PACKED", "packed",
                              "cVeg as short with scale_factor 1e-3, add_offset 10", {packed});
  pack.data_type = NcType::Short;
  pack.fill.value = kPackedFill;
  out.push_back(std::move(pack));

  Profile classic = case_profile("X06_NC3", "nc3", "gpp in NetCDF-3 classic",
                                 {var("gpp", "gpp", flux)});
  classic.format = FileFormat::Classic;
  out.push_back(std::move(classic));
  Profile offset64 = case_profile("X07_NC364", "nc364", "gpp in NetCDF-3 64-bit offset",
                                  {var("gpp", "gpp", flux)});
  offset64.format = FileFormat::Offset64;
  out.push_back(std::move(offset64));

  Profile gz = case_profile("X08_GZ", "gz", "gpp as .nc.gz", {var("gpp", "gpp", flux)});
  gz.compression = Compression::Gzip;
  out.push_back(std::move(gz));
  Profile bz2 = case_profile("X09_BZ2", "bz2", "gpp as .nc.bz2", {var("gpp", "gpp", flux)});
  bz2.compression = Compression::Bzip2;
  out.push_back(std::move(bz2));

  VariableSpec area = fixed_input("area", "km2", Field::CellArea);
  area.has_time = false;
  out.push_back(case_profile("X10_AREA", "area", "gpp and the model's cell areas in km2",
                             {var("gpp", "gpp", flux), area}));
  return out;
}

// A number as YAML with a decimal point: 1.0, 0.35.
std::string yaml_number(double x) {
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::vector<Profile> default_profiles() {
  std::vector<Profile> out{alpha_profile(), beta_profile(), gamma_profile(), delta_profile()};
  for (Profile& p : time_profiles()) out.push_back(std::move(p));
  for (Profile& p : calendar_profiles()) out.push_back(std::move(p));
  for (Profile& p : grid_profiles()) out.push_back(std::move(p));
  for (Profile& p : case_profiles()) out.push_back(std::move(p));
  return out;
}

std::vector<RequiredOverride> required_overrides(const std::vector<Profile>& profiles) {
  std::vector<RequiredOverride> out;
  for (const Profile& p : profiles) {
    if (p.time_override || p.grid_override || p.layer_depths) {
      out.push_back({p.folder, p.time_override, p.grid_override, p.layer_depths});
    }
  }
  return out;
}

std::vector<RequiredOverride> required_overrides() {
  return required_overrides(default_profiles());
}

std::string overrides_yaml(const std::vector<RequiredOverride>& overrides) {
  if (overrides.empty()) return {};
  std::string out = "overrides:\n";
  for (const auto& o : overrides) {
    std::vector<std::string> keys;
    if (o.time) {
      keys.push_back(fmt::format("time_start: \"{}\", frequency: {}, calendar: {}",
                                 o.time->time_start, o.time->frequency, o.time->calendar));
    }
    if (o.grid) keys.push_back(fmt::format("grid: \"{}\"", *o.grid));
    if (o.layer_depths) {
      std::vector<std::string> depths;
      for (double d : *o.layer_depths) depths.push_back(yaml_number(d));
      keys.push_back(fmt::format("layer_depths: [{}]", fmt::join(depths, ", ")));
    }
    out += fmt::format("  {}: {{{}}}\n", o.folder, fmt::join(keys, ", "));
  }
  return out;
}

}  // namespace ti::synth
