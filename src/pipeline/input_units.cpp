#include "trendy_ilamb/pipeline/input_units.hpp"

#include <fmt/format.h>

#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

std::optional<io::Attribute> units_attribute(const io::Variable& var) {
  if (auto a = var.attribute("units")) return a;
  for (auto& a : var.attributes()) {
    if (cf::iequals(a.name, "units") || cf::iequals(a.name, "unit")) return a;
  }
  return std::nullopt;
}

bool dimensionless(const std::string& target) { return target == "1" || target == "%"; }

}  // namespace

UnitPlan plan_units(const std::string& file, const io::Variable& var, const std::string& target) {
  UnitPlan plan;
  const auto att = units_attribute(var);
  const std::string att_name = att ? att->name : "units";
  if (att && !att->is_text()) {
    throw io::NcError({file, var.name(), att_name}, "units must be text");
  }
  plan.declared = att ? att->text : std::string{};
  cf::NormalisedUnits norm;
  try {
    norm = cf::normalise_units(plan.declared);
  } catch (const cf::UnitError& e) {
    throw io::NcError({file, var.name(), att_name}, e.what());
  }
  if (norm.was_empty) {
    if (!dimensionless(target)) {
      throw io::NcError({file, var.name(), att_name},
                        fmt::format("units are missing or empty: expected units convertible to "
                                    "\"{}\"",
                                    target));
    }
    plan.warnings.push_back(fmt::format("{}: no units declared; taken as \"1\"", var.name()));
  }
  try {
    plan.conversion = cf::UnitSystem::instance().conversion(norm.text, target);
  } catch (const cf::UnitError& e) {
    throw io::NcError({file, var.name(), att_name},
                      fmt::format("{} (declared \"{}\")", e.what(), plan.declared));
  }
  plan.rate = norm.rate;
  return plan;
}

std::vector<double> step_scales(const UnitPlan& plan, cf::Calendar cal, cf::Frequency f,
                                const std::vector<cf::Period>& periods) {
  std::vector<double> out;
  out.reserve(periods.size());
  for (const auto& p : periods) {
    double seconds = 1.0;
    if (plan.rate == cf::CalendarRate::PerYear) {
      seconds = cf::period_seconds(cal, cf::Frequency::Annual, {p.year, 1, 1});
    } else if (plan.rate == cf::CalendarRate::PerMonth) {
      // Monthly or daily steps: that month's own length; annual steps: the
      // mean month of that year.
      seconds = f == cf::Frequency::Annual
                    ? cf::period_seconds(cal, cf::Frequency::Annual, {p.year, 1, 1}) / 12.0
                    : cf::period_seconds(cal, cf::Frequency::Monthly, {p.year, p.month, 1});
    }
    out.push_back(plan.conversion.scale / seconds);
  }
  return out;
}

}  // namespace ti::pipeline
