// Data units: parsable by UDUNITS-2 and convertible to ILAMB's unit for the
// variable (from the built-in variable table, by output name).
#include <regex>

#include "internal.hpp"
#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"

namespace ti::check::detail {
namespace {

std::optional<std::string> expected_units(const std::string& var) {
  if (var == "areacella" || var == "area") return "m2";
  if (var == "sftlf" || var == "landfrac") return "%";
  if (const auto* e = cf::VariableTable::builtin().by_output_name(var)) return e->units;
  return std::nullopt;
}

// ILAMB v2's own clean-up before UDUNITS: dimensionless words -> 1, an
// element letter after a mass unit dropped (kgC -> kg).
std::string ilamb_clean(const std::string& text) {
  if (text == "unitless" || text == "n/a" || text == "none") return "1";
  static const std::regex element(R"(\b(k?g)[CN]\b)");
  return std::regex_replace(text, element, "$1");
}

bool converts(const std::string& from, const std::string& to) {
  try {
    cf::UnitSystem::instance().conversion(from, to);
    return true;
  } catch (const cf::UnitError&) {
    return false;
  }
}

// The text ILAMB ends up parsing, or nullopt when it does not parse.
std::optional<std::string> parsed_text(const std::string& var, const std::string& text,
                                       FindingSink& sink) {
  const auto& us = cf::UnitSystem::instance();
  if (us.parses(text)) return text;
  const auto cleaned = ilamb_clean(text);
  if (cleaned != text && us.parses(cleaned)) {
    sink.warning("units", var + ": units '" + text + "' parse only after ILAMB's clean-up ('" +
                              cleaned + "'); write plain CMIP units");
    return cleaned;
  }
  sink.error("units", var + ": units '" + text + "' do not parse with UDUNITS-2");
  return std::nullopt;
}

void check_conversion(const std::string& var, const std::string& text, const std::string& expected,
                      FindingSink& sink) {
  if (converts(text, expected)) return;
  if (converts("(" + text + ") (1000 kg m-3)", expected)) {
    sink.warning("units", var + ": units '" + text + "' convert to '" + expected +
                              "' only through water density");
    return;
  }
  sink.error("units", var + ": units '" + text + "' do not convert to '" + expected +
                          "', the unit ILAMB expects for " + var);
}

}  // namespace

void check_units(const io::Variable& v, FindingSink& sink) {
  const auto& var = v.name();
  const auto expected = expected_units(var);
  const auto units = text_of(v, "units");
  if (!units) {
    if (expected && *expected != "1") {
      sink.error("units", var + ": no units attribute (ILAMB reads '1'); expected '" + *expected + "'");
    } else {
      sink.warning("units", var + ": no units attribute (ILAMB reads '1')");
    }
    return;
  }
  const auto text = parsed_text(var, *units, sink);
  if (text && expected) check_conversion(var, *text, *expected, sink);
}

}  // namespace ti::check::detail
