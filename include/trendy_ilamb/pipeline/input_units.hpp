#pragma once
// From an input variable's declared units to the conversion into the table's
// units. Values are really converted (UDUNITS-2), never relabelled.
#include <string>
#include <vector>

#include "trendy_ilamb/cf/time_axis.hpp"
#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/io/variable.hpp"

namespace ti::pipeline {

struct UnitPlan {
  cf::LinearConversion conversion;
  cf::CalendarRate rate = cf::CalendarRate::None;
  std::string declared;             // the text as found ("" when absent)
  std::vector<std::string> warnings;
};

// The declared units: the `units` attribute, else an attribute whose name is
// "units"/"unit" in any case. Missing units are accepted only for a
// dimensionless target ("1" or "%"), with a warning; otherwise they fail.
// Throws io::NcError naming file, variable and attribute.
UnitPlan plan_units(const std::string& file, const io::Variable& var, const std::string& target);

// The factor for each step: conversion.scale, divided by the seconds of the
// step's calendar month/year for per-month/per-year rates.
std::vector<double> step_scales(const UnitPlan& plan, cf::Calendar cal, cf::Frequency f,
                                const std::vector<cf::Period>& periods);

}  // namespace ti::pipeline
