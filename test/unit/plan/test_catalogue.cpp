#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "trendy_ilamb/plan/catalogue.hpp"

using namespace ti::plan;
namespace fs = std::filesystem;

TEST_CASE("the variable part of TRENDY file names", "[catalogue]") {
  CHECK(variable_part("CLM6.0_S3_gpp.nc", "S3") == "gpp");
  CHECK(variable_part("LPX-Bern_S3_cSoil.nc", "S3") == "cSoil");
  CHECK(variable_part("ISBA-CTRIP_S2_monthly_gpp.nc", "S2") == "gpp");
  CHECK(variable_part("JULES_S3_landCoverFrac.nc", "S3") == "landCoverFrac");
  CHECK(variable_part("visit-ut_S3_gpp_2.5pc.nc", "S3") == "gpp_2.5pc");
  CHECK(variable_part("model_gpp.nc", "S3") == "gpp");
}

namespace {
void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "x";
}
}  // namespace

TEST_CASE("discovery matches files to the table and reports what it skips", "[catalogue]") {
  const auto root = fs::temp_directory_path() / "ti_catalogue_test";
  fs::remove_all(root);
  touch(root / "CLM5.0/S3/CLM6.0_S3_gpp.nc");
  touch(root / "CLM5.0/S3/CLM6.0_S3_evapotrans.nc");
  touch(root / "CLM5.0/S3/CLM6.0_S3_oceanCoverFrac.nc");
  touch(root / "CLM5.0/S3/CLM6.0_S3_fancyVar.nc");
  touch(root / "CLM5.0/S3/CLM6.0_S3_cVeg.nc.gz");
  touch(root / "CLM5.0/S3/.hidden.nc");
  touch(root / "CLM5.0/S2/CLM6.0_S2_gpp.nc");  // simulation not asked for
  touch(root / "ELM/S3/E3SM_S3_GPP.nc");
  Config c;
  c.input.root = root.string();
  const auto cat = discover(c, ti::cf::VariableTable::builtin());
  REQUIRE(cat.data.size() == 4);
  CHECK(cat.data[0].file.model == "CLM5.0");
  CHECK(cat.data[0].entry->output_name == "cVeg");  // from CLM6.0_S3_cVeg.nc.gz
  CHECK(cat.data[0].file.file_variable == "cVeg");
  CHECK(cat.data[1].entry->output_name == "evspsbl");
  CHECK(cat.data[2].entry->output_name == "gpp");
  CHECK(cat.data[3].file.model == "ELM");
  CHECK(cat.data[3].file.file_variable == "GPP");
  REQUIRE(cat.fixed.size() == 1);
  CHECK(cat.fixed[0].entry->role == ti::cf::FixedRole::OceanFraction);
  REQUIRE(cat.skipped.size() == 1);
  CHECK_THAT(cat.skipped[0].reason, Catch::Contains("'fancyVar'") && Catch::Contains("not in the variable table"));

  c.input.models = {"ELM"};
  CHECK(discover(c, ti::cf::VariableTable::builtin()).data.size() == 1);
  c.input.models = {};
  c.input.variables = {"evspsbl"};
  CHECK(discover(c, ti::cf::VariableTable::builtin()).data.size() == 1);
}
