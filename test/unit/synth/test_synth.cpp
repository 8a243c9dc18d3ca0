// trendy_synth: a tiny release (2 degrees, 2 years) written once and read
// back with io::File, checked against the known answer of analytic.hpp.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/release.hpp"

namespace fs = std::filesystem;
using namespace ti;
using namespace ti::synth;

namespace {

constexpr double kDay = 86400.0;

struct TinyRelease {
  fs::path root;
  std::vector<WrittenFile> files;
};

// Written once per test run, removed at exit.
const TinyRelease& tiny_release() {
  static const TinyRelease release = [] {
    TinyRelease r;
    r.root = fs::temp_directory_path() / ("ti_synth_test_" + std::to_string(::getpid()));
    fs::remove_all(r.root);
    ReleaseOptions o;
    o.out = r.root;
    o.resolution = 2.0;
    o.years = 2;
    r.files = write_release(o);
    std::atexit([] {
      fs::remove_all(fs::temp_directory_path() / ("ti_synth_test_" + std::to_string(::getpid())));
    });
    return r;
  }();
  return release;
}

Profile profile_named(const std::string& name) {
  for (auto& p : default_profiles()) {
    if (p.name == name) return p;
  }
  FAIL("no profile " << name);
  return {};
}

fs::path file_of(const std::string& profile, const std::string& var) {
  return release_path(tiny_release().root, profile_named(profile), "S3", var);
}

// One time step (or the whole fixed field) of a (time, lat, lon) variable.
std::vector<double> read_map(const io::Variable& v, std::size_t step) {
  auto shape = v.shape();
  std::vector<std::size_t> start(shape.size(), 0), count = shape;
  if (shape.size() == 3) {
    start[0] = step;
    count[0] = 1;
  }
  std::vector<double> out(count[count.size() - 1] * count[count.size() - 2]);
  v.read(start, count, out.data());
  return out;
}

struct Cell {
  std::size_t j, i;
  double lat, lon;
};

// A few land and ocean cells of a grid, for spot checks.
std::vector<Cell> cells(const std::vector<double>& lat, const std::vector<double>& lon, bool land) {
  std::vector<Cell> out;
  for (std::size_t j = 0; j < lat.size(); j += 7) {
    for (std::size_t i = 0; i < lon.size(); i += 11) {
      if (is_land(lat[j], lon[i]) == land) out.push_back({j, i, lat[j], lon[i]});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("default profiles differ in folder, prefix and conventions", "[synth]") {
  auto profiles = default_profiles();
  REQUIRE(profiles.size() == 4);
  std::set<std::string> folders;
  bool folder_differs_from_prefix = false;
  for (const auto& p : profiles) {
    folders.insert(p.folder);
    folder_differs_from_prefix = folder_differs_from_prefix || p.folder != p.prefix;
    CHECK(p.folder.find("CLM") == std::string::npos);
  }
  CHECK(folders.size() == 4);
  CHECK(folder_differs_from_prefix);
}

TEST_CASE("analytic_name maps output names to analytic.hpp names", "[synth]") {
  CHECK(analytic_name("burntFractionAll") == "burntArea");
  CHECK(analytic_name("evspsbl") == "evspsbl");
  CHECK(analytic_name("gpp") == "gpp");
}

TEST_CASE("to_input_units follows each declared unit", "[synth]") {
  const double x = 2.0e-8;
  CHECK(to_input_units(InputScale::Same, x, cf::Calendar::NoLeap, 1700, 2) == x);
  CHECK(to_input_units(InputScale::GramsPerMonth, x, cf::Calendar::Day360, 1701, 2) ==
        Approx(x * 1000.0 * 30 * kDay));
  CHECK(to_input_units(InputScale::GramsPerMonth, x, cf::Calendar::NoLeap, 1701, 2) ==
        Approx(x * 1000.0 * 28 * kDay));
  CHECK(to_input_units(InputScale::GramsPerYear, x, cf::Calendar::ProlepticGregorian, 1704, 1) ==
        Approx(x * 1000.0 * 366 * kDay));
  CHECK(to_input_units(InputScale::FractionFromPercent, 1.5, cf::Calendar::NoLeap, 1700, 1) ==
        Approx(0.015));
  CHECK(to_input_units(InputScale::CelsiusFromKelvin, 283.0, cf::Calendar::NoLeap, 1700, 1) ==
        Approx(9.85));
  CHECK(to_input_units(InputScale::GramsFromKg, 8.0, cf::Calendar::NoLeap, 1700, 1) ==
        Approx(8000.0));
}

TEST_CASE("options that cannot describe a release are rejected", "[synth]") {
  ReleaseOptions o;
  o.out = "/tmp/unused";
  CHECK_NOTHROW(validate(o));
  for (double res : {0.5, 1.0, 2.0, 0.25, 3.0}) {
    o.resolution = res;
    CHECK_NOTHROW(validate(o));
  }
  o.resolution = 0.7;
  CHECK_THROWS_AS(validate(o), std::invalid_argument);
  o.resolution = 1.0;
  o.years = 0;
  CHECK_THROWS_AS(validate(o), std::invalid_argument);
  o.years = 1;
  o.models = 5;
  CHECK_THROWS_AS(validate(o), std::invalid_argument);
  o.models = 2;
  o.simulations = {"S3", "../S2"};
  CHECK_THROWS_AS(validate(o), std::invalid_argument);
}

TEST_CASE("the tiny release has every file at its place", "[synth]") {
  const auto& r = tiny_release();
  REQUIRE(r.files.size() == 31);
  std::size_t corrupt = 0;
  for (const auto& f : r.files) {
    CHECK(fs::is_regular_file(f.path));
    CHECK(f.path.parent_path() == r.root / f.folder / f.simulation);
    CHECK(f.path.filename().string().ends_with("_S3_" + f.variable + ".nc"));
    corrupt += f.corrupt ? 1 : 0;
  }
  CHECK(corrupt == 1);
  CHECK(fs::exists(r.root / "BETA" / "S3" / "Beta-2.1_S3_gpp.nc"));
  CHECK(fs::exists(r.root / "GAMMA-DGVM" / "S3" / "gamma_S3_landCoverFrac.nc"));
  CHECK(fs::exists(r.root / "DELTA" / "S3" / "DELTA_v3_S3_rh.nc"));
}

TEST_CASE("models = N takes the first N profiles; each simulation gets a folder", "[synth]") {
  const fs::path root =
      fs::temp_directory_path() / ("ti_synth_models_" + std::to_string(::getpid()));
  ReleaseOptions o;
  o.out = root;
  o.resolution = 30.0;
  o.years = 1;
  o.models = 1;
  o.simulations = {"S2", "S3"};
  auto files = write_release(o);
  CHECK(files.size() == 24);
  CHECK(fs::exists(root / "ALPHA" / "S2" / "ALPHA_S2_tas.nc"));
  CHECK_FALSE(fs::exists(root / "BETA"));
  fs::remove_all(root);
}

TEST_CASE("data variables are deflated and chunked one time step at a time", "[synth]") {
  auto f = io::File::open_read(file_of("ALPHA", "gpp"));
  auto s = f.variable("gpp").storage();
  CHECK(s.chunked);
  CHECK(s.chunks == std::vector<std::size_t>{1, 90, 180});
  CHECK(s.shuffle);
  CHECK(s.deflate_level == 1);
}

TEST_CASE("ALPHA: ascending lat, -180..180 lon, noleap mid-month days, -99999 fill", "[synth]") {
  auto f = io::File::open_read(file_of("ALPHA", "burntArea"));
  auto lat = f.variable("lat").read_all_1d();
  auto lon = f.variable("lon").read_all_1d();
  CHECK(lat.front() == -89.0);
  CHECK(lon.front() == -179.0);
  CHECK(lon.back() == 179.0);
  auto time = f.variable("time");
  CHECK(time.text_attribute("calendar") == "noleap");
  auto t = time.read_all_1d();
  REQUIRE(t.size() == 24);
  CHECK(t[0] == 15.5);
  CHECK(t[1] == 45.0);
  CHECK(t[12] == 365.0 + 15.5);
  auto data = f.variable("burntArea");
  CHECK(data.number_attribute("_FillValue") == -99999.0);
  CHECK(data.number_attribute("missing_value") == -99999.0);
  CHECK(data.text_attribute("units") == "%");
  auto map = read_map(data, 14);  // March 1701
  for (const auto& c : cells(lat, lon, true)) {
    CHECK(map[c.j * lon.size() + c.i] ==
          Approx(expected_value("burntArea", c.lat, c.lon, 1701, 3)).epsilon(1e-6));
  }
  for (const auto& c : cells(lat, lon, false)) CHECK(map[c.j * lon.size() + c.i] == -99999.0);
}

TEST_CASE("BETA: descending latitude, 0..360 longitude, months from 1701", "[synth]") {
  auto f = io::File::open_read(file_of("BETA", "gpp"));
  auto lat = f.variable("latitude").read_all_1d();
  auto lon = f.variable("longitude").read_all_1d();
  REQUIRE(lat.size() == 90);
  CHECK(lat.front() == 89.0);
  CHECK(lat.back() == -89.0);
  CHECK(std::is_sorted(lat.rbegin(), lat.rend()));
  CHECK(lon.front() == 1.0);
  CHECK(lon.back() == 359.0);
  CHECK(std::all_of(lon.begin(), lon.end(), [](double x) { return x > 0.0 && x < 360.0; }));
  auto time = f.variable("time");
  CHECK(time.text_attribute("units") == "months since 1700-1-16 12:00:00");
  CHECK(time.text_attribute("calendar") == "360_day");
  auto t = time.read_all_1d();
  REQUIRE(t.size() == 24);
  CHECK(t.front() == 12.0);  // January 1701
  CHECK(t.back() == 35.0);
}

TEST_CASE("BETA: gC m-2 month-1 values are expected x 1000 x the month's seconds", "[synth]") {
  auto f = io::File::open_read(file_of("BETA", "gpp"));
  auto lat = f.variable("latitude").read_all_1d();
  auto lon = f.variable("longitude").read_all_1d();
  auto data = f.variable("gpp");
  CHECK_FALSE(data.attribute("_FillValue"));
  CHECK(data.number_attribute("missing_value") == Approx(1e20));
  CHECK(data.text_attribute("units") == "gC m-2 month-1");
  const std::size_t step = 13;  // February 1702
  auto map = read_map(data, step);
  auto land = cells(lat, lon, true);
  REQUIRE(land.size() >= 3);
  for (const auto& c : land) {
    const double want = expected_value("gpp", c.lat, c.lon, 1702, 2) * 1000.0 * 30.0 * kDay;
    CHECK(map[c.j * lon.size() + c.i] == Approx(want).epsilon(1e-6));
  }
  for (const auto& c : cells(lat, lon, false)) {
    CHECK(map[c.j * lon.size() + c.i] == Approx(1e20));
  }
}

TEST_CASE("BETA: soil pools after time sum to cSoil; ocean fraction file", "[synth]") {
  auto f = io::File::open_read(file_of("BETA", "cSoil"));
  auto data = f.variable("cSoil");
  CHECK(data.dimension_names() ==
        std::vector<std::string>{"time", "soilpools", "latitude", "longitude"});
  auto lat = f.variable("latitude").read_all_1d();
  auto lon = f.variable("longitude").read_all_1d();
  const auto c = cells(lat, lon, true).front();
  double pools[3] = {};
  data.read({0, 0, c.j, c.i}, {1, 3, 1, 1}, pools);
  CHECK(pools[0] + pools[1] + pools[2] ==
        Approx(expected_value("cSoil", c.lat, c.lon, 1701, 1)).epsilon(1e-6));
  CHECK(pools[2] == Approx(3 * pools[0]).epsilon(1e-6));

  auto o = io::File::open_read(file_of("BETA", "oceanCoverFrac"));
  auto ocean = o.variable("oceanCoverFrac");
  CHECK(ocean.dimension_names() == std::vector<std::string>{"latitude", "longitude"});
  auto map = read_map(ocean, 0);
  for (const auto& s : cells(lat, lon, false)) CHECK(map[s.j * lon.size() + s.i] == 1.0);
  CHECK(map[c.j * lon.size() + c.i] == Approx(1.0 - land_fraction(c.lat, c.lon)));
}

TEST_CASE("GAMMA: float64 with NaN on ocean and no fill attributes", "[synth]") {
  auto f = io::File::open_read(file_of("GAMMA", "gpp"));
  CHECK_FALSE(f.has_variable("lat"));
  auto lat = f.variable("latitude").read_all_1d();
  auto lon = f.variable("longitude").read_all_1d();
  CHECK(f.variable("latitude").dimension_names() == std::vector<std::string>{"lat"});
  auto data = f.variable("gpp");
  CHECK(data.type() == io::NcType::Double);
  CHECK_FALSE(data.attribute("_FillValue"));
  CHECK_FALSE(data.attribute("missing_value"));
  CHECK(data.text_attribute("units") == "kg m$^{-2}$ s$^{-1}$");
  auto t = f.variable("time").read_all_1d();
  CHECK(t[0] == 0.0);
  CHECK(t[1] == 744.0);  // 1 Feb 1700, hours
  auto map = read_map(data, 1);
  for (const auto& c : cells(lat, lon, false)) CHECK(std::isnan(map[c.j * lon.size() + c.i]));
  for (const auto& c : cells(lat, lon, true)) {
    CHECK(map[c.j * lon.size() + c.i] ==
          Approx(expected_value("gpp", c.lat, c.lon, 1700, 2)).epsilon(1e-12));
  }
}

TEST_CASE("GAMMA: pools last, tas in degC, annual per-PFT land cover", "[synth]") {
  auto f = io::File::open_read(file_of("GAMMA", "cSoil"));
  CHECK(f.variable("cSoil").dimension_names() ==
        std::vector<std::string>{"time", "lat", "lon", "pool"});
  auto lat = f.variable("latitude").read_all_1d();
  auto lon = f.variable("longitude").read_all_1d();
  const auto c = cells(lat, lon, true).front();
  double pools[4] = {};
  f.variable("cSoil").read({2, c.j, c.i, 0}, {1, 1, 1, 4}, pools);
  CHECK(pools[0] + pools[1] + pools[2] + pools[3] ==
        Approx(expected_value("cSoil", c.lat, c.lon, 1700, 3)));

  auto tas = io::File::open_read(file_of("GAMMA", "tas"));
  auto map = read_map(tas.variable("tas"), 0);
  CHECK(map[c.j * lon.size() + c.i] ==
        Approx(expected_value("tas", c.lat, c.lon, 1700, 1) - 273.15));

  auto cover = io::File::open_read(file_of("GAMMA", "landCoverFrac"));
  auto v = cover.variable("landCoverFrac");
  CHECK(v.dimension_names() == std::vector<std::string>{"time", "pft", "lat", "lon"});
  CHECK(cover.variable("time").read_all_1d() == std::vector<double>{0.0, 8760.0});
  double pft[5] = {};
  v.read({1, 0, c.j, c.i}, {1, 5, 1, 1}, pft);
  CHECK(pft[0] * 5 == Approx(land_fraction(c.lat, c.lon)));
  const auto sea = cells(lat, lon, false).front();
  v.read({1, 0, sea.j, sea.i}, {1, 5, 1, 1}, pft);
  CHECK(pft[4] == 0.0);
}

TEST_CASE("DELTA: y/x known by attributes, annual int days, per-year grams", "[synth]") {
  auto f = io::File::open_read(file_of("DELTA", "gpp"));
  auto y = f.variable("y");
  CHECK(y.text_attribute("standard_name") == "latitude");
  CHECK(y.text_attribute("units") == "degrees_north");
  CHECK(y.text_attribute("axis") == "Y");
  CHECK(f.variable("x").text_attribute("axis") == "X");
  auto time = f.variable("time");
  CHECK(time.type() == io::NcType::Int);
  CHECK(time.text_attribute("calendar") == "proleptic_gregorian");
  CHECK(time.read_all_1d() == std::vector<double>{182.0, 365.0 + 182.0});
  auto data = f.variable("gpp");
  CHECK(data.number_attribute("_FillValue") == -9999.0);
  CHECK_FALSE(data.attribute("missing_value"));
  auto lat = y.read_all_1d();
  auto lon = f.variable("x").read_all_1d();
  auto map = read_map(data, 1);
  for (const auto& c : cells(lat, lon, true)) {
    const double want = expected_value("gpp", c.lat, c.lon, 1701, 1) * 1000.0 * 365.0 * kDay;
    CHECK(map[c.j * lon.size() + c.i] == Approx(want).epsilon(1e-6));
  }
  for (const auto& c : cells(lat, lon, false)) CHECK(map[c.j * lon.size() + c.i] == -9999.0);
}

TEST_CASE("DELTA: the corrupt file fails to open with an error naming it", "[synth]") {
  const fs::path bad = file_of("DELTA", "rh");
  REQUIRE(fs::file_size(bad) > 4000);
  try {
    io::File::open_read(bad);
    FAIL("the corrupt file opened");
  } catch (const io::NcError& e) {
    CHECK_THAT(e.what(), Catch::Contains(bad.string()));
    CHECK(e.where().file == bad.string());
  }
}
