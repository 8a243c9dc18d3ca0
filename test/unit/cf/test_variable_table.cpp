#include <catch2/catch.hpp>

#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"

using namespace ti::cf;

TEST_CASE("the built-in table covers every variable ILAMB asks for", "[table]") {
  const auto& t = VariableTable::builtin();
  for (const char* name : {"gpp", "npp", "ra", "rh", "nbp", "fFire", "fLuc", "cVeg", "cSoil",
                           "cLitter", "cProduct", "lai", "burntArea", "evapotrans", "mrro", "mrso",
                           "tsl", "tas", "pr", "rsds"}) {
    INFO(name);
    CHECK(t.find_variable(name) != nullptr);
  }
  for (const char* name : {"landCoverFrac", "oceanCoverFrac", "area"}) {
    INFO(name);
    CHECK(t.find_fixed_input(name) != nullptr);
  }
}

TEST_CASE("TRENDY names and aliases map case-insensitively to CMIP names", "[table]") {
  const auto& t = VariableTable::builtin();
  CHECK(t.find_variable("evapotrans")->output_name == "evspsbl");
  CHECK(t.find_variable("EVAPOTRANS")->output_name == "evspsbl");
  CHECK(t.find_variable("burntArea")->output_name == "burntFractionAll");
  CHECK(t.find_variable("GPP")->output_name == "gpp");
  CHECK(t.find_variable("cSoil")->extra_dims == ExtraDimRule::Sum);
  CHECK(t.find_variable("nbp")->positive == "down");
  CHECK(t.find_variable("fFire")->positive == "up");
  CHECK(t.find_variable("no_such_variable") == nullptr);
}

TEST_CASE("every output unit of the built-in table is UDUNITS-parsable", "[table]") {
  for (const auto& e : VariableTable::builtin().variables()) {
    INFO(e.output_name << ": " << e.units);
    CHECK(UnitSystem::instance().parses(e.units));
  }
}

TEST_CASE("a table with an unknown key or rule fails with the line", "[table]") {
  CHECK_THROWS_WITH(VariableTable::parse("variables:\n  x:\n    sources: [x]\n    unit: kg\n", "t.yaml"),
                    Catch::Contains("t.yaml line 4") && Catch::Contains("unknown key 'unit'"));
  CHECK_THROWS_WITH(
      VariableTable::parse("variables:\n  x:\n    sources: [x]\n    units: kg\n    standard_name: a\n"
                           "    long_name: b\n    cell_methods: c\n    extra_dims: squash\n",
                           "t.yaml"),
      Catch::Contains("extra_dims 'squash'"));
}
