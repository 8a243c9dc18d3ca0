#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/io/file.hpp"

using namespace ti::io;
namespace fs = std::filesystem;

TEST_CASE("errors name the file, the variable and the attribute", "[io]") {
  const auto dir = fs::temp_directory_path() / "ti_io_test";
  fs::create_directories(dir);
  const auto path = dir / "x.nc";
  {
    auto f = File::create(path);
    f.define_dimension("t", 2);
    auto v = f.define_variable("gpp", NcType::Float, {"t"});
    v.put_attribute("units", NcType::Double, {1.0});
    f.end_definitions();
    f.close();
  }
  const auto f = File::open_read(path);
  const auto v = f.variable("gpp");
  CHECK(v.shape() == std::vector<std::size_t>{2});
  CHECK_FALSE(v.attribute("missing").has_value());
  try {
    (void)v.text_attribute("units");
    FAIL("expected NcError");
  } catch (const NcError& e) {
    CHECK(e.where().file == path.string());
    CHECK(e.where().variable == "gpp");
    CHECK(e.where().attribute == "units");
    CHECK_THAT(e.what(), Catch::Contains("x.nc") && Catch::Contains("'gpp'") && Catch::Contains("'units'"));
  }
  CHECK_THROWS_WITH(f.variable("nope"), Catch::Contains("x.nc") && Catch::Contains("nope"));
}

TEST_CASE("a file that is not NetCDF fails to open with its path in the message", "[io]") {
  const auto path = fs::temp_directory_path() / "ti_io_garbage.nc";
  std::ofstream(path) << "\x89HDF\r\n\x1a\n garbage garbage garbage";
  CHECK_THROWS_WITH(File::open_read(path), Catch::Contains(path.string()) && Catch::Contains("cannot open"));
  CHECK_THROWS_AS(File::open_read(path.string() + ".missing"), NcError);
}

TEST_CASE("text attributes padded with NULs read as their text", "[io]") {
  const auto path = fs::temp_directory_path() / "ti_io_nul.nc";
  {
    auto f = File::create(path);
    f.put_global_attribute(Attribute{"title", NcType::Char, std::string("abc\0\0", 5), {}});
    f.end_definitions();
    f.close();
  }
  const auto atts = File::open_read(path).global_attributes();
  REQUIRE(atts.size() == 1);
  CHECK(atts[0].text == "abc");
}
