#include <catch2/catch.hpp>

#include <string>

#include "trendy_ilamb/cf/units.hpp"

using ti::cf::CalendarRate;
using ti::cf::LinearConversion;
using ti::cf::normalise_units;
using ti::cf::UnitError;
using ti::cf::UnitSystem;

namespace {

struct Case {
  const char* raw;
  const char* text;
  CalendarRate rate;
  const char* target;  // a plain CMIP unit it must convert to with scale 1, offset 0
};

std::string error_of(const char* from, const char* to) {
  try {
    (void)UnitSystem::instance().conversion(from, to);
  } catch (const UnitError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("TRENDY unit spellings normalise to UDUNITS text", "[units]") {
  const CalendarRate N = CalendarRate::None;
  const Case cases[] = {
      {"kg m-2 s-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg C m-2 s-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg/m2/s", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg m^-2 s^-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg m**-2 s**-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg.m-2.s-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg m$^{-2}$ s$^{-1}$", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg m\xE2\x81\xBB\xC2\xB2 s\xE2\x81\xBB\xC2\xB9", "kg m-2 s-1", N, "kg m-2 s-1"},  // kg m⁻² s⁻¹
      {"kg  m-2   s-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg/(m2 s)", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kgC m-2 s-1", "kg m-2 s-1", N, "kg m-2 s-1"},
      {"kg m-2 ", "kg m-2", N, "kg m-2"},
      {"kgC/m2", "kg m-2", N, "kg m-2"},
      {"KgC/m2", "kg m-2", N, "kg m-2"},
      {"Kg m-2", "kg m-2", N, "kg m-2"},
      {"kgN/m2", "kg m-2", N, "kg m-2"},
      {"kg_C m-2", "kg m-2", N, "kg m-2"},
      {"kg/m$^2$", "kg m-2", N, "kg m-2"},
      {"kg.m-2", "kg m-2", N, "kg m-2"},
      {"kg m-2", "kg m-2", N, "kg m-2"},
      {"kg carbon m-2", "kg m-2", N, "kg m-2"},
      {"[kg m-2]", "kg m-2", N, "kg m-2"},
      {"m2 m-2", "1", N, "1"},
      {"m2/m2", "1", N, "1"},
      {"1", "1", N, "1"},
      {"-", "1", N, "1"},
      {"--", "1", N, "1"},
      {"[]", "1", N, "1"},
      {"fraction", "1", N, "1"},
      {"Fraction", "1", N, "1"},
      {"unitless", "1", N, "1"},
      {"dimensionless", "1", N, "1"},
      {"none", "1", N, "1"},
      {"n/a", "1", N, "1"},
      {"%", "%", N, "%"},
      {"percent", "%", N, "%"},
      {"K", "K", N, "K"},
      {"Kelvin", "K", N, "K"},
      {"degC", "degC", N, "degC"},
      {"deg C", "degC", N, "degC"},
      {"degrees_C", "degC", N, "degC"},
      {"\xC2\xB0" "C", "degC", N, "degC"},  // °C
      {"W m-2", "W m-2", N, "W m-2"},
      {"W/m2", "W m-2", N, "W m-2"},
      {"mm/day", "mm day-1", N, "mm day-1"},
      {"gC m-2 day-1", "g m-2 day-1", N, "g m-2 day-1"},
      {"gC/m^2/yr", "g m-2 s-1", CalendarRate::PerYear, "g m-2 s-1"},
      {"gC m-2 month-1", "g m-2 s-1", CalendarRate::PerMonth, "g m-2 s-1"},
      {"g C m-2 mon-1", "g m-2 s-1", CalendarRate::PerMonth, "g m-2 s-1"},
      {"kg m-2 yr-1", "kg m-2 s-1", CalendarRate::PerYear, "kg m-2 s-1"},
      {"kg m-2 a-1", "kg m-2 s-1", CalendarRate::PerYear, "kg m-2 s-1"},
      {"kg m-2 per month", "kg m-2 s-1", CalendarRate::PerMonth, "kg m-2 s-1"},
      {"PgC/yr", "Pg s-1", CalendarRate::PerYear, "Pg s-1"},
      {"fraction month-1", "s-1", CalendarRate::PerMonth, "s-1"},
  };
  for (const Case& c : cases) {
    INFO("raw: \"" << c.raw << "\"");
    const auto n = normalise_units(c.raw);
    CHECK(n.text == c.text);
    CHECK(n.rate == c.rate);
    CHECK_FALSE(n.was_empty);
    CHECK(UnitSystem::instance().parses(n.text));
    const LinearConversion lc = UnitSystem::instance().conversion(n.text, c.target);
    CHECK(lc.scale == 1.0);
    CHECK(lc.offset == 0.0);
    CHECK(lc.is_identity());
  }
}

TEST_CASE("empty and blank units say nothing", "[units]") {
  for (const char* raw : {"", " ", "  \t "}) {
    INFO("raw: \"" << raw << "\"");
    const auto n = normalise_units(raw);
    CHECK(n.text == "1");
    CHECK(n.was_empty);
    CHECK(n.rate == CalendarRate::None);
  }
  CHECK_FALSE(normalise_units("1").was_empty);
  CHECK_FALSE(normalise_units("-").was_empty);
}

TEST_CASE("LaTeX flux parses and converts exactly to kg m-2 s-1", "[units]") {
  const auto n = normalise_units("kg m$^{-2}$ s$^{-1}$");
  REQUIRE(UnitSystem::instance().parses(n.text));
  const auto lc = UnitSystem::instance().conversion(n.text, "kg m-2 s-1");
  CHECK(lc.scale == 1.0);
  CHECK(lc.offset == 0.0);
}

TEST_CASE("per-month gC rate converts with 1e-3 and splits the month off", "[units]") {
  const auto n = normalise_units("gC m-2 month-1");
  CHECK(n.rate == CalendarRate::PerMonth);
  const auto lc = UnitSystem::instance().conversion(n.text, "kg m-2 s-1");
  CHECK(lc.scale == Approx(1e-3).epsilon(1e-15));
  CHECK(lc.offset == 0.0);
  CHECK_FALSE(lc.is_identity());
}

TEST_CASE("per-day rates stay with UDUNITS' day", "[units]") {
  const auto n = normalise_units("gC m-2 day-1");
  CHECK(n.rate == CalendarRate::None);
  const auto lc = UnitSystem::instance().conversion(n.text, "kg m-2 s-1");
  CHECK(lc.scale == Approx(1e-3 / 86400.0).epsilon(1e-14));
}

TEST_CASE("fraction converts to percent by 100", "[units]") {
  CHECK(normalise_units("fraction").text == "1");
  const auto lc = UnitSystem::instance().conversion("1", "%");
  CHECK(lc.scale == Approx(100.0).epsilon(1e-15));
  CHECK(lc.offset == 0.0);
  const auto back = UnitSystem::instance().conversion("%", "1");
  CHECK(back.scale == Approx(0.01).epsilon(1e-15));
}

TEST_CASE("Kelvin and Celsius differ by 273.15", "[units]") {
  const auto c_to_k = UnitSystem::instance().conversion("degC", "K");
  CHECK(c_to_k.offset == Approx(273.15).epsilon(1e-15));
  CHECK(c_to_k.scale == 1.0);
  const auto k_to_c = UnitSystem::instance().conversion("K", "degC");
  CHECK(k_to_c.offset == Approx(-273.15).epsilon(1e-15));
  CHECK(k_to_c.scale == 1.0);
  CHECK(UnitSystem::instance().conversion(normalise_units("Kelvin").text, "K").is_identity());
  const auto f_to_k = UnitSystem::instance().conversion("degF", "K");
  CHECK(f_to_k.scale == Approx(5.0 / 9.0).epsilon(1e-14));
  CHECK(f_to_k.offset == Approx(255.3722222222222).epsilon(1e-13));
}

TEST_CASE("dimensionally different units are an error", "[units]") {
  CHECK_THROWS_AS(UnitSystem::instance().conversion("W m-2", "kg m-2 s-1"), UnitError);
  CHECK(error_of("W m-2", "kg m-2 s-1") == "cannot convert \"W m-2\" to \"kg m-2 s-1\": dimensions differ");
  // Water density is not assumed.
  CHECK_THROWS_AS(UnitSystem::instance().conversion(normalise_units("mm/day").text, "kg m-2 s-1"), UnitError);
  // A pool is not a flux.
  CHECK_THROWS_AS(UnitSystem::instance().conversion(normalise_units("kgC/m2").text, "kg m-2 s-1"), UnitError);
}

TEST_CASE("CO2 mass is never relabelled as carbon", "[units]") {
  const auto n = normalise_units("kgCO2 m-2 s-1");
  CHECK(n.text == "kgCO2 m-2 s-1");
  CHECK_FALSE(UnitSystem::instance().parses(n.text));
  CHECK_THROWS_AS(UnitSystem::instance().conversion(n.text, "kg m-2 s-1"), UnitError);
  CHECK(error_of("kgCO2 m-2 s-1", "kg m-2 s-1") == "units \"kgCO2 m-2 s-1\" are not understood by UDUNITS-2");
  CHECK_THROWS_AS(UnitSystem::instance().conversion(normalise_units("g CO2 m-2 s-1").text, "kg m-2 s-1"),
                  UnitError);
}

TEST_CASE("free text is returned as is and rejected by UDUNITS", "[units]") {
  const char* sentence = "Fraction of grid cell covered by vegetation";
  const auto n = normalise_units(sentence);
  CHECK(n.text == sentence);
  CHECK(n.rate == CalendarRate::None);
  CHECK_THROWS_AS(UnitSystem::instance().conversion(n.text, "1"), UnitError);
  CHECK(normalise_units("see comment, units vary").text == "see comment, units vary");
}

TEST_CASE("a cleaned text UDUNITS refuses is returned as written (fuzz regression)", "[units]") {
  // UDUNITS-2 parses "t\xC3" alone but not "t\xC3 s-1": every symbol
  // passed, the product did not, and a per-year rate was split off a text
  // no conversion could use. Found by fuzz/fuzz_units.
  const std::string raw = "t\xC3/y";
  const auto n = normalise_units(raw);
  CHECK(n.text == raw);
  CHECK(n.rate == CalendarRate::None);
  CHECK_THROWS_AS(UnitSystem::instance().conversion(n.text, "kg s-1"), UnitError);
  // Clean spellings are unaffected.
  CHECK(normalise_units("t/y").text == "t s-1");
  CHECK(normalise_units("t/y").rate == CalendarRate::PerYear);
}

TEST_CASE("more than one calendar rate cannot be cleaned", "[units]") {
  CHECK_THROWS_AS(normalise_units("kg m-2 month-1 yr-1"), UnitError);
  CHECK_THROWS_AS(normalise_units("kg m-2 yr-2"), UnitError);
}

TEST_CASE("numeric factors are kept as a scale", "[units]") {
  const auto n = normalise_units("1e-3 kg m-2");
  const auto lc = UnitSystem::instance().conversion(n.text, "kg m-2");
  CHECK(lc.scale == Approx(1e-3).epsilon(1e-15));
  CHECK(normalise_units("1/s").text == "s-1");
}

TEST_CASE("a unit converts to itself exactly (fuzz regression)", "[units]") {
  // Through UDUNITS-2's base units "e" came back as 1 + 2 ulp and "adegC"
  // (atto-Celsius) with an offset of -32768. Found by fuzz/fuzz_units.
  auto& sys = UnitSystem::instance();
  for (const char* u : {"e", "adegC", "degC", "kg m-2 s-1", "lg(re 1 mW)"}) {
    INFO(u);
    CHECK(sys.conversion(u, u).is_identity());
  }
  CHECK(sys.conversion(" e ", "e").is_identity());
  CHECK_THROWS_AS(sys.conversion("fraction", "fraction"), UnitError);
}

TEST_CASE("conversions are repeatable and identity is exact", "[units]") {
  auto& sys = UnitSystem::instance();
  CHECK(&sys == &UnitSystem::instance());
  CHECK(sys.conversion("kg m-2 s-1", "kg m-2 s-1").is_identity());
  const auto a = sys.conversion("g m-2 s-1", "kg m-2 s-1");
  const auto b = sys.conversion("g m-2 s-1", "kg m-2 s-1");
  CHECK(a.scale == b.scale);
  CHECK(a.offset == b.offset);
  CHECK(sys.parses("kg m-2 s-1"));
  CHECK(sys.parses(" kg m-2 "));
  CHECK_FALSE(sys.parses("fraction"));
  CHECK_FALSE(sys.parses("kgC"));
  CHECK_THROWS_AS(sys.conversion("kg m-2", "fraction"), UnitError);
  CHECK(error_of("kg m-2", "fraction") == "units \"fraction\" are not understood by UDUNITS-2");
}
