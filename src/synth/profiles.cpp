// The built-in profiles: four invented models, each writing files the way a
// group of real TRENDY models does (TRENDY_QUIRKS.md). No real model names.
#include <limits>
#include <string>
#include <utility>

#include "trendy_ilamb/synth/profile.hpp"

namespace ti::synth {
namespace {

using io::NcType;

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
  p.corrupt_variables = {"rh"};
  return p;
}

}  // namespace

std::vector<Profile> default_profiles() {
  return {alpha_profile(), beta_profile(), gamma_profile(), delta_profile()};
}

}  // namespace ti::synth
