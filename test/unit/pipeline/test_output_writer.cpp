#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "small_files.hpp"
#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/pipeline/naming.hpp"
#include "trendy_ilamb/pipeline/output_writer.hpp"

using namespace ti;
using namespace ti::pipeline;
namespace fs = std::filesystem;

namespace {

// A fixed field on a 2 x 4 grid, converted from `input`.
OutputSpec small_spec(const fs::path& final_path, const std::string& input) {
  OutputSpec s;
  s.final_path = final_path;
  s.variable = "sftlf";
  s.lat = cf::plan_latitude({45.0, -45.0});
  s.lon = cf::plan_longitude({0.0, 90.0, 180.0, 270.0});
  s.global_attributes = {io::text_att("input_file", input)};
  return s;
}

std::vector<std::string> temporaries_under(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (is_temporary_name(e.path().filename().string())) out.push_back(e.path().string());
  }
  return out;
}

std::string error_of(const OutputSpec& spec) {
  try {
    OutputWriter w(spec);
  } catch (const io::NcError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("an output folder that is a regular file fails with a clear reason", "[output]") {
  const auto dir = testing::scratch_dir("writer_notafolder");
  std::ofstream(dir / "M") << "not a folder";
  const auto spec = small_spec(dir / "M" / "sftlf_fx_M_S3_r1i1p1f1_gn.nc", "/release/M_S3_gpp.nc");
  const std::string error = error_of(spec);
  INFO(error);
  CHECK(error.rfind("/release/M_S3_gpp.nc: ", 0) == 0);  // names the task's input first
  CHECK(error.find("cannot create output sftlf_fx_M_S3_r1i1p1f1_gn.nc") != std::string::npos);
  CHECK(error.find("folder " + (dir / "M").string() + ": it is not a folder") != std::string::npos);
  CHECK(temporaries_under(dir).empty());
}

TEST_CASE("an output folder that does not exist is named as such", "[output]") {
  const auto dir = testing::scratch_dir("writer_missing");
  const auto spec = small_spec(dir / "nowhere" / "x.nc", "/release/M_S3_gpp.nc");
  const std::string error = error_of(spec);
  INFO(error);
  CHECK(error.find("folder " + (dir / "nowhere").string() + ": the folder does not exist") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "nowhere"));
}

TEST_CASE("a writer destroyed without commit leaves nothing; commit leaves only the file",
          "[output]") {
  const auto dir = testing::scratch_dir("writer_raii");
  const auto final_path = dir / "sftlf_fx_M_S3_r1i1p1f1_gn.nc";
  const std::vector<float> values(8, 1.0f);
  {
    OutputWriter w(small_spec(final_path, "in.nc"));
    w.write_steps(0, 1, values.data());
    CHECK(temporaries_under(dir).size() == 1);
  }
  CHECK(temporaries_under(dir).empty());
  CHECK_FALSE(fs::exists(final_path));
  {
    OutputWriter w(small_spec(final_path, "in.nc"));
    w.write_steps(0, 1, values.data());
    CHECK(w.commit() > 0);
  }
  CHECK(temporaries_under(dir).empty());
  CHECK(fs::exists(final_path));
}
