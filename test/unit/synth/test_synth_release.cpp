// The release as a whole: its description (trendy_synth.json) and a clean
// release (ReleaseOptions::corrupt = false, trendy_synth --no-corrupt).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/release.hpp"

namespace fs = std::filesystem;
using namespace ti;
using namespace ti::synth;

namespace {

// A release root of its own, removed when the test ends.
struct TempRoot {
  fs::path path;
  explicit TempRoot(const std::string& name)
      : path(fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
  }
  ~TempRoot() { fs::remove_all(path); }
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;
};

nlohmann::json description_of(const fs::path& root) {
  std::ifstream in(root / kDescriptionName);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

// The four style models, at 30 degrees (6 x 12 cells), one year.
ReleaseOptions style_models(const fs::path& root) {
  ReleaseOptions o;
  o.out = root;
  o.resolution = 30.0;
  o.years = 1;
  o.models = 4;
  return o;
}

}  // namespace

TEST_CASE("release_description: the options and the written folders, in order",
          "[synth][release]") {
  ReleaseOptions o;
  o.out = "/unused";
  o.years = 3;
  o.resolution = 0.5;
  o.simulations = {"S2", "S3"};
  o.models = 2;
  o.corrupt = false;
  CHECK(release_description(o) ==
        "{\n"
        "  \"generator\": \"trendy_synth\",\n"
        "  \"years\": 3,\n"
        "  \"resolution\": 0.5,\n"
        "  \"simulations\": [\n    \"S2\",\n    \"S3\"\n  ],\n"
        "  \"folders\": [\n    \"ALPHA\",\n    \"BETA\"\n  ],\n"
        "  \"corrupt\": false\n"
        "}\n");
  // models = 0: every profile, in the release's order.
  o.models = 0;
  const auto all = nlohmann::json::parse(release_description(o));
  std::vector<std::string> folders;
  for (const Profile& p : o.profiles) folders.push_back(p.folder);
  CHECK(all["folders"] == folders);
  CHECK(all["folders"].size() == o.profiles.size());
}

TEST_CASE("write_release writes trendy_synth.json next to the model folders", "[synth][release]") {
  const TempRoot root("ti_synth_description");
  ReleaseOptions o = style_models(root.path);
  o.models = 2;
  o.simulations = {"S1", "S3"};
  const auto files = write_release(o);
  REQUIRE_FALSE(files.empty());
  const auto d = description_of(root.path);
  CHECK(d.size() == 6);
  CHECK(d["generator"] == "trendy_synth");
  CHECK(d["years"] == 1);
  CHECK(d["resolution"] == 30.0);
  CHECK(d["simulations"] == std::vector<std::string>{"S1", "S3"});
  CHECK(d["folders"] == std::vector<std::string>{"ALPHA", "BETA"});
  CHECK(d["corrupt"] == true);
  // The description is not a data file of the release.
  for (const auto& f : files) CHECK(f.path.filename() != kDescriptionName);
  CHECK(fs::is_directory(root.path / "BETA" / "S1"));
  CHECK_FALSE(fs::exists(root.path / "GAMMA-DGVM"));
}

TEST_CASE("corrupt = false writes the corrupt-on-purpose files as good ones", "[synth][release]") {
  const TempRoot dirty("ti_synth_dirty"), clean("ti_synth_clean");
  const auto with = write_release(style_models(dirty.path));
  ReleaseOptions o = style_models(clean.path);
  o.corrupt = false;
  const auto without = write_release(o);
  // The same files at the same places; none corrupt.
  REQUIRE(without.size() == with.size());
  std::size_t corrupt_before = 0;
  for (std::size_t k = 0; k < with.size(); ++k) {
    CHECK(without[k].path.filename() == with[k].path.filename());
    CHECK_FALSE(without[k].corrupt);
    corrupt_before += with[k].corrupt ? 1 : 0;
  }
  CHECK(corrupt_before == 1);
  CHECK(description_of(clean.path)["corrupt"] == false);
  CHECK(description_of(dirty.path)["corrupt"] == true);

  // DELTA's rh: annual, -9999 fill, rh in kg m-2 s-1 like the other fluxes.
  const fs::path rh = clean.path / "DELTA" / "S3" / "DELTA_v3_S3_rh.nc";
  auto f = io::File::open_read(rh);
  auto data = f.variable("rh");
  CHECK(data.text_attribute("units") == "kg m-2 s-1");
  CHECK(data.number_attribute("_FillValue") == -9999.0);
  CHECK(f.variable("time").read_all_1d() == std::vector<double>{182.0});
  const auto lat = f.variable("y").read_all_1d();
  const auto lon = f.variable("x").read_all_1d();
  REQUIRE(lat.size() == 6);
  REQUIRE(lon.size() == 12);
  std::vector<double> map(lat.size() * lon.size());
  data.read({0, 0, 0}, {1, lat.size(), lon.size()}, map.data());
  std::size_t land = 0;
  for (std::size_t j = 0; j < lat.size(); ++j) {
    for (std::size_t i = 0; i < lon.size(); ++i) {
      const double got = map[j * lon.size() + i];
      if (!is_land(lat[j], lon[i])) {
        CHECK(got == -9999.0);
        continue;
      }
      ++land;
      CHECK(got == Approx(expected_value("rh", lat[j], lon[i], 1700, 1)).epsilon(1e-6));
    }
  }
  CHECK(land >= 3);
}
