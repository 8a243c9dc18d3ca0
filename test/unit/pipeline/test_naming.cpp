#include <catch2/catch.hpp>

#include "trendy_ilamb/pipeline/naming.hpp"
#include "trendy_ilamb/pipeline/task.hpp"

using namespace ti::pipeline;
using ti::cf::Frequency;

// <Model> is the release's folder name as it is (the contract), even where
// it holds '_'.
TEST_CASE("output names follow the CMIP DRS pattern of the contract", "[naming]") {
  CHECK(data_file_name("gpp", Frequency::Monthly, "CLM5.0", "S3", "gn", {1700, 1, 1}, {2023, 12, 1}) ==
        "gpp_Lmon_CLM5.0_S3_r1i1p1f1_gn_170001-202312.nc");
  CHECK(data_file_name("cVeg", Frequency::Annual, "LPX", "S2", "gn", {1701, 1, 1}, {2023, 1, 1}) ==
        "cVeg_Eyr_LPX_S2_r1i1p1f1_gn_1701-2023.nc");
  CHECK(fixed_file_name("sftlf", "ISBA_CTRIP", "S3", "gn") == "sftlf_fx_ISBA_CTRIP_S3_r1i1p1f1_gn.nc");
}

TEST_CASE("names from the input tree never escape the output root", "[naming]") {
  for (const char* bad : {"", ".", "..", "a/b", "../x", ".hidden", "a\\b"}) {
    INFO(bad);
    CHECK_THROWS_AS(model_folder("/out", "S3", bad), std::invalid_argument);
  }
  CHECK(model_folder("/out", "S3", "CLM5.0") == std::filesystem::path("/out/S3/CLM5.0"));
}

TEST_CASE("temporaries are hidden and recognised for clean-up", "[naming]") {
  const auto t = temporary_for("/out/S3/M/gpp_Lmon_M_S3_r1i1p1f1_gn_170001-170112.nc");
  CHECK(t.parent_path() == "/out/S3/M");
  CHECK(t.filename().string().front() == '.');
  CHECK(is_temporary_name(t.filename().string()));
  CHECK_FALSE(is_temporary_name("gpp_Lmon_M_S3_r1i1p1f1_gn_170001-170112.nc"));
}

TEST_CASE("tasks and outcomes survive their JSON wire form", "[task]") {
  Task t;
  t.id = 42;
  t.kind = TaskKind::Fixed;
  t.input = "/r/M/S3/M_S3_gpp.nc";
  t.model = "M";
  t.simulation = "S3";
  t.variable = "gpp";
  t.file_variable = "GPP";
  t.cost = 1.5e9;
  t.fraction = FractionInput{"/r/M/S3/M_S3_oceanCoverFrac.nc", "ocean_fraction", "none"};
  const Task back = parse_task(serialise(t));
  CHECK(back.id == 42);
  CHECK(back.kind == TaskKind::Fixed);
  CHECK(back.file_variable == "GPP");
  CHECK(back.cost == 1.5e9);
  REQUIRE(back.fraction);
  CHECK(back.fraction->role == "ocean_fraction");

  Outcome o;
  o.id = 42;
  o.status = Status::Failed;
  o.error = "x.nc: variable 'time': attribute 'units': bad";
  o.warnings = {"w"};
  const Outcome ob = parse_outcome(serialise(o));
  CHECK(ob.status == Status::Failed);
  CHECK(ob.error == o.error);
  CHECK(ob.warnings == o.warnings);
}

TEST_CASE("a data file's series prefix leaves out its dates; fixed fields have none", "[naming]") {
  CHECK(series_prefix("gpp_Lmon_M_S3_r1i1p1f1_gn_170001-170912.nc") == "gpp_Lmon_M_S3_r1i1p1f1_gn_");
  CHECK(series_prefix("cVeg_Eyr_CLM5.0_S3_r1i1p1f1_gr_1700-2023.nc") == "cVeg_Eyr_CLM5.0_S3_r1i1p1f1_gr_");
  CHECK(series_prefix("areacella_fx_M_S3_r1i1p1f1_gn.nc").empty());
  CHECK(series_prefix("notes_about_this.nc").empty());
  CHECK(series_prefix("gpp.txt").empty());
}
