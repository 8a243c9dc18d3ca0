// trendy_synth: a tiny release (2 degrees, 2 years) written once and read
// back with io::File, checked against the known answer of analytic.hpp.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/grid.hpp"
#include "trendy_ilamb/synth/release.hpp"
#include "trendy_ilamb/synth/time_stamps.hpp"

namespace fs = std::filesystem;
using namespace ti;
using namespace ti::synth;

namespace {

constexpr double kDay = 86400.0;

// Profiles after the four style models: one per time-axis quirk (T01..T19,
// then the calendars and daily data of T20..T22), then one per grid quirk,
// then one per variable quirk (X01..X10).
constexpr std::size_t kTimeProfiles = 22;
constexpr std::size_t kGridProfiles = 10;
constexpr std::size_t kCaseProfiles = 10;

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

// A few land and ocean cells of a grid, for spot checks (every cell of a
// coarse grid, where every 7th row and 11th column could miss the land).
std::vector<Cell> cells(const std::vector<double>& lat, const std::vector<double>& lon, bool land) {
  const bool coarse = lat.size() < 30;
  std::vector<Cell> out;
  for (std::size_t j = 0; j < lat.size(); j += coarse ? 1 : 7) {
    for (std::size_t i = 0; i < lon.size(); i += coarse ? 1 : 11) {
      if (is_land(lat[j], lon[i]) == land) out.push_back({j, i, lat[j], lon[i]});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("default profiles differ in folder, prefix and conventions", "[synth]") {
  auto profiles = default_profiles();
  REQUIRE(profiles.size() == 4 + kTimeProfiles + kGridProfiles + kCaseProfiles);
  // The four style models come first, in this order (--models N, tests).
  CHECK(profiles[0].name == "ALPHA");
  CHECK(profiles[1].name == "BETA");
  CHECK(profiles[2].name == "GAMMA");
  CHECK(profiles[3].name == "DELTA");
  std::set<std::string> folders;
  bool folder_differs_from_prefix = false;
  for (const auto& p : profiles) {
    folders.insert(p.folder);
    folder_differs_from_prefix = folder_differs_from_prefix || p.folder != p.prefix;
    CHECK(p.folder.find("CLM") == std::string::npos);
  }
  CHECK(folders.size() == profiles.size());
  CHECK(folder_differs_from_prefix);
}

TEST_CASE("analytic_name maps output names to analytic.hpp names", "[synth]") {
  CHECK(analytic_name("burntFractionAll") == "burntArea");
  CHECK(analytic_name("evspsbl") == "evspsbl");
  CHECK(analytic_name("gpp") == "gpp");
}

TEST_CASE("to_input_units follows each declared unit", "[synth]") {
  const double x = 2.0e-8;
  CHECK(to_input_units(InputScale::Same, x, Calendar::NoLeap, 1700, 2) == x);
  CHECK(to_input_units(InputScale::GramsPerMonth, x, Calendar::Day360, 1701, 2) ==
        Approx(x * 1000.0 * 30 * kDay));
  CHECK(to_input_units(InputScale::GramsPerMonth, x, Calendar::NoLeap, 1701, 2) ==
        Approx(x * 1000.0 * 28 * kDay));
  // February 1700 has 29 days in julian only; every February in all_leap.
  CHECK(to_input_units(InputScale::GramsPerMonth, x, Calendar::Julian, 1700, 2) ==
        Approx(x * 1000.0 * 29 * kDay));
  CHECK(to_input_units(InputScale::GramsPerMonth, x, Calendar::Standard, 1700, 2) ==
        Approx(x * 1000.0 * 28 * kDay));
  CHECK(to_input_units(InputScale::GramsPerMonth, x, Calendar::AllLeap, 1701, 2) ==
        Approx(x * 1000.0 * 29 * kDay));
  CHECK(to_input_units(InputScale::GramsPerYear, x, Calendar::ProlepticGregorian, 1704, 1) ==
        Approx(x * 1000.0 * 366 * kDay));
  CHECK(to_input_units(InputScale::GramsPerYear, x, Calendar::Julian, 1700, 1) ==
        Approx(x * 1000.0 * 366 * kDay));
  CHECK(to_input_units(InputScale::FractionFromPercent, 1.5, Calendar::NoLeap, 1700, 1) ==
        Approx(0.015));
  CHECK(to_input_units(InputScale::CelsiusFromKelvin, 283.0, Calendar::NoLeap, 1700, 1) ==
        Approx(9.85));
  CHECK(to_input_units(InputScale::GramsFromKg, 8.0, Calendar::NoLeap, 1700, 1) ==
        Approx(8000.0));
}

namespace {

// validate's message for the options; empty when it accepts them.
std::string rejection(const ReleaseOptions& o) {
  try {
    validate(o);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("options that describe a release are accepted and take effect", "[synth]") {
  const fs::path root =
      fs::temp_directory_path() / ("ti_synth_options_" + std::to_string(::getpid()));
  ReleaseOptions o;
  o.out = root;
  o.years = 1;
  // Two annual time profiles (gpp and cVeg each, one step per file).
  o.profiles = {profile_named("T16_ANNJAN1"), profile_named("T07_YRINT")};
  for (double res : {0.5, 1.0, 2.0, 0.25, 3.0}) {
    INFO("resolution " << res);
    o.resolution = res;
    fs::remove_all(root);
    REQUIRE(rejection(o).empty());
    const auto files = write_release(o);
    REQUIRE(files.size() == 4);
    auto f = io::File::open_read(files.front().path);
    CHECK(f.dimension("lat").length == static_cast<std::size_t>(180.0 / res));
    CHECK(f.dimension("lon").length == static_cast<std::size_t>(360.0 / res));
    CHECK(f.variable("lat").read_all_1d().front() == -90.0 + res / 2.0);
    CHECK(f.variable("time").read_all_1d().size() == 1);
  }
  // models = every profile is accepted and writes each; 1 the first only.
  o.resolution = 30.0;
  o.models = static_cast<int>(o.profiles.size());
  fs::remove_all(root);
  REQUIRE(rejection(o).empty());
  std::set<std::string> folders;
  for (const auto& f : write_release(o)) folders.insert(f.folder);
  CHECK(folders == std::set<std::string>{"T16_ANNJAN1", "T07_YRINT"});
  o.models = 1;
  fs::remove_all(root);
  for (const auto& f : write_release(o)) CHECK(f.folder == "T16_ANNJAN1");
  CHECK_FALSE(fs::exists(root / "T07_YRINT"));
  fs::remove_all(root);
}

TEST_CASE("options that cannot describe a release are rejected, naming what is wrong",
          "[synth]") {
  ReleaseOptions o;
  o.out = "/tmp/unused";
  REQUIRE(rejection(o).empty());
  o.resolution = 0.7;
  CHECK(rejection(o) == "resolution 0.7 degrees does not divide 180 into whole cells");
  o.resolution = 1.0;
  o.years = 0;
  CHECK(rejection(o) == "years must be at least 1");
  o.years = 1;
  const std::string models_range =
      "models must be between 1 and " + std::to_string(o.profiles.size()) + " (0 = all)";
  o.models = static_cast<int>(o.profiles.size()) + 1;
  CHECK(rejection(o) == models_range);
  o.models = -1;
  CHECK(rejection(o) == models_range);
  o.models = 2;
  o.simulations = {"S3", "../S2"};
  CHECK(rejection(o) == "simulation \"../S2\" is not of the form S<digits> (S0..S3)");
  o.simulations.clear();
  CHECK(rejection(o) == "no simulation given");
  o.simulations = {"S3"};
  o.deflate_level = 10;
  CHECK(rejection(o) == "deflate level must be 0..9");
  o.deflate_level = 1;
  o.out.clear();
  CHECK(rejection(o) == "no output directory given");
  // write_release refuses them too, before it writes anything.
  o.out = fs::temp_directory_path() / ("ti_synth_refused_" + std::to_string(::getpid()));
  o.years = 0;
  CHECK_THROWS_AS(write_release(o), std::invalid_argument);
  CHECK_FALSE(fs::exists(o.out));
}

TEST_CASE("the tiny release has every file at its place", "[synth]") {
  const auto& r = tiny_release();
  // 31 from ALPHA..DELTA (one corrupt); the time profiles write gpp, and
  // cVeg too when annual: 14 monthly + 5 annual x 2, and npp too in T20
  // and T21: 2 x 2 + T22's daily gpp; the grid profiles one gpp each; the
  // variable profiles 14: X01 3 (lai, gpp, landCoverFrac), X02 2 (tsl, msl),
  // X10 2 (gpp, area), the other seven one each.
  REQUIRE(r.files.size() == 31 + 14 + 5 * 2 + 2 * 2 + 1 + kGridProfiles + 14);
  std::size_t corrupt = 0, compressed = 0;
  for (const auto& f : r.files) {
    CHECK(fs::is_regular_file(f.path));
    CHECK(f.path.parent_path() == r.root / f.folder / f.simulation);
    const std::string name = f.path.filename().string();
    const bool packed = name.ends_with(".nc.gz") || name.ends_with(".nc.bz2");
    compressed += packed ? 1 : 0;
    const std::string plain = packed ? fs::path(name).replace_extension().string() : name;
    CHECK(plain.ends_with("_S3_" + f.variable + ".nc"));
    // No plain file is left next to a compressed one.
    if (packed) CHECK_FALSE(fs::exists(f.path.parent_path() / plain));
    corrupt += f.corrupt ? 1 : 0;
  }
  CHECK(corrupt == 1);
  CHECK(compressed == 2);
  CHECK(fs::exists(r.root / "BETA" / "S3" / "Beta-2.1_S3_gpp.nc"));
  CHECK(fs::exists(r.root / "X08_GZ" / "S3" / "gz_S3_gpp.nc.gz"));
  CHECK(fs::exists(r.root / "X09_BZ2" / "S3" / "bz2_S3_gpp.nc.bz2"));
  CHECK(fs::exists(r.root / "X10_AREA" / "S3" / "area_S3_area.nc"));
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

// ---- time profiles ---------------------------------------------------------

namespace {

std::vector<Profile> time_profiles_only() {
  auto all = default_profiles();
  return {all.begin() + 4, all.begin() + 4 + kTimeProfiles};
}

std::vector<double> time_of(const std::string& profile, const std::string& var = "gpp") {
  return io::File::open_read(file_of(profile, var)).variable("time").read_all_1d();
}

}  // namespace

TEST_CASE("time profiles: one small standard file per quirk, T-numbered folders", "[synth][time]") {
  const auto profiles = time_profiles_only();
  REQUIRE(profiles.size() == kTimeProfiles);
  std::set<std::string> prefixes;
  for (std::size_t k = 0; k < profiles.size(); ++k) {
    const Profile& p = profiles[k];
    INFO(p.folder);
    const std::string number = std::string(k + 1 < 10 ? "T0" : "T") + std::to_string(k + 1) + "_";
    CHECK(p.folder.starts_with(number));
    CHECK(p.name == p.folder);
    prefixes.insert(p.prefix);
    CHECK(p.data_type == io::NcType::Float);
    CHECK(p.fill.style == FillStyle::FillOnly);
    CHECK(p.fill.value == -99999.0);
    CHECK(p.grid.lat_var == "lat");
    CHECK(p.grid.lon_var == "lon");
    CHECK_FALSE(p.grid.lat_descending);
    const bool annual = p.time.frequency == Frequency::Annual;
    // T20, T21: a per-month rate, whose values carry the calendar's months.
    const bool per_month = p.folder == "T20_JULIAN" || p.folder == "T21_ALLLEAP";
    REQUIRE(p.variables.size() == (annual || per_month ? 2u : 1u));
    CHECK(p.variables[0].name == "gpp");
    CHECK(p.variables[0].units == "kg m-2 s-1");
    if (annual) {
      CHECK(p.variables[1].name == "cVeg");
      CHECK(p.variables[1].units == "kg m-2");
    }
    if (per_month) {
      CHECK(p.variables[1].name == "npp");
      CHECK(p.variables[1].units == "gC m-2 month-1");
      CHECK(p.variables[1].scale == InputScale::GramsPerMonth);
    }
  }
  CHECK(prefixes.size() == profiles.size());
}

TEST_CASE("time profiles: every step holds the known answer of its (year, month[, day])",
          "[synth][time]") {
  for (const Profile& p : time_profiles_only()) {
    for (const VariableSpec& v : p.variables) {
      INFO(p.folder << " " << v.name);
      auto f = io::File::open_read(file_of(p.folder, v.name));
      auto time = f.variable("time");
      CHECK(time.type() == p.time.type);
      const auto freq = frequency_of(p, v);
      const Calendar cal = calendar_of(p.time);
      const auto periods = make_periods(cal, freq, p.time.start_year, 2);
      auto t = time.read_all_1d();
      REQUIRE(t.size() == periods.size());
      auto lat = f.variable("lat").read_all_1d();
      auto lon = f.variable("lon").read_all_1d();
      auto data = f.variable(v.name);
      CHECK(data.number_attribute("_FillValue") == -99999.0);
      CHECK_FALSE(data.attribute("missing_value"));
      CHECK(data.type() == io::NcType::Float);
      const auto land = cells(lat, lon, true);
      const auto sea = cells(lat, lon, false);
      REQUIRE(land.size() >= 3);
      for (std::size_t k = 0; k < periods.size(); ++k) {
        CHECK(t[k] == Approx(time_value(p.time, freq, periods[k])).epsilon(1e-12));
        auto map = read_map(data, k);
        const Period& when = periods[k];
        for (const auto& c : land) {
          const double want = expected_value_on_day(v.output, c.lat, c.lon, when.year,
                                                    when.month, when.day);
          CHECK(map[c.j * lon.size() + c.i] ==
                Approx(to_input_units(v.scale, want, cal, when.year, when.month)).epsilon(1e-6));
        }
        for (const auto& c : sea) CHECK(map[c.j * lon.size() + c.i] == -99999.0);
      }
    }
  }
}

TEST_CASE("time profiles: the stored time values, literally", "[synth][time]") {
  // days since 1699-12-31, 365_day, last day of the month, int.
  auto t01 = time_of("T01_DAYS1699");
  CHECK(t01[0] == 31.0);   // 31 Jan 1700
  CHECK(t01[1] == 59.0);   // 28 Feb
  CHECK(t01[11] == 365.0);  // 31 Dec 1700
  CHECK(t01[12] == 396.0);
  CHECK(time_of("T02_DAYS0001")[0] == 620564.5);  // 1700-01-16 12:00, mixed calendar
  auto t03_file = io::File::open_read(file_of("T03_DAYS16TH", "gpp"));
  auto t03 = t03_file.variable("time");
  CHECK(t03.type() == io::NcType::Float);
  CHECK(t03.read_all_1d()[0] == 15.0);  // the 16th, 00:00
  CHECK(t03.read_all_1d()[1] == 46.0);
  auto t04 = time_of("T04_MONHALF");
  CHECK(t04[0] == 0.5);
  CHECK(t04[23] == 23.5);
  CHECK(time_of("T05_YRS0615", "cVeg") == std::vector<double>{0.0, 1.0});
  auto t06 = time_of("T06_HRS1701");
  CHECK(t06[0] == 0.0);  // 1701-01-16 12:00 itself
  CHECK(t06[1] == 720.0);
  CHECK(t06[23] == 23 * 720.0);
  CHECK(time_of("T07_YRINT") == std::vector<double>{1700.0, 1701.0});
  auto t08 = time_of("T08_DECYEAR");
  CHECK(t08[0] == Approx(1700.0 + 0.5 / 12.0).epsilon(1e-14));
  CHECK(t08[13] == Approx(1701.0 + 1.5 / 12.0).epsilon(1e-14));
  CHECK(time_of("T09_YEARAS", "cVeg") == std::vector<double>{1700.5, 1701.5});
  auto t10 = time_of("T10_MONTHAS");
  CHECK(t10[0] == 170001.5);
  CHECK(t10[11] == 170012.5);
  CHECK(t10[12] == 170101.5);
  CHECK(time_of("T12_UNITSCAP")[0] == 15.5);
  CHECK(time_of("T15_DAYS1900")[0] == 15.5);
  auto t16_file = io::File::open_read(file_of("T16_ANNJAN1", "cVeg"));
  auto t16 = t16_file.variable("time");
  CHECK(t16.type() == io::NcType::Float);
  CHECK(t16.read_all_1d() == std::vector<double>{0.0, 365.0});
  CHECK(time_of("T17_ANNDEC31", "cVeg") == std::vector<double>{364.0, 729.0});
  CHECK(time_of("T19_UNITLOWER")[1] == 45.0);
}

TEST_CASE("T20: julian, mid-month days since 1700, February 1700 has 29 days", "[synth][time]") {
  auto f = io::File::open_read(file_of("T20_JULIAN", "npp"));
  auto time = f.variable("time");
  CHECK(time.text_attribute("units") == "days since 1700-01-01");
  CHECK(time.text_attribute("calendar") == "julian");
  const auto t = time.read_all_1d();
  REQUIRE(t.size() == 24);
  CHECK(t[0] == 15.5);
  CHECK(t[1] == 31.0 + 14.5);         // 15 Feb 1700 12:00 (Gregorian: 45.0)
  CHECK(t[2] == 31.0 + 29.0 + 15.5);  // mid-March
  CHECK(t[12] == 366.0 + 15.5);       // 1700 has 366 days
  CHECK(t[13] == 366.0 + 31.0 + 14.0);
  auto data = f.variable("npp");
  CHECK(data.text_attribute("units") == "gC m-2 month-1");
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const auto land = cells(lat, lon, true);
  REQUIRE(land.size() >= 3);
  const auto feb1700 = read_map(data, 1), feb1701 = read_map(data, 13);
  for (const auto& c : land) {
    const std::size_t at = c.j * lon.size() + c.i;
    CHECK(feb1700[at] == Approx(expected_value("npp", c.lat, c.lon, 1700, 2) * 1000.0 * 29 * kDay)
                             .epsilon(1e-6));
    CHECK(feb1701[at] == Approx(expected_value("npp", c.lat, c.lon, 1701, 2) * 1000.0 * 28 * kDay)
                             .epsilon(1e-6));
  }
}

TEST_CASE("T21: all_leap spelled 366_day, from 1701, every February 29 days", "[synth][time]") {
  auto f = io::File::open_read(file_of("T21_ALLLEAP", "npp"));
  auto time = f.variable("time");
  CHECK(time.text_attribute("units") == "days since 1700-01-01 00:00:00");
  CHECK(time.text_attribute("calendar") == "366_day");
  const auto t = time.read_all_1d();
  REQUIRE(t.size() == 24);
  CHECK(t[0] == 366.0 + 15.5);  // 1700 has 366 days too
  CHECK(t[1] == 366.0 + 31.0 + 14.5);
  CHECK(t[12] == 2 * 366.0 + 15.5);
  CHECK(t[23] == 3 * 366.0 - 15.5);  // mid-December 1702
  auto data = f.variable("npp");
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const auto land = cells(lat, lon, true);
  REQUIRE(land.size() >= 3);
  for (const std::size_t step : {std::size_t{1}, std::size_t{13}}) {  // Feb 1701, Feb 1702
    const int year = 1701 + static_cast<int>(step / 12);
    const auto map = read_map(data, step);
    for (const auto& c : land) {
      CHECK(map[c.j * lon.size() + c.i] ==
            Approx(expected_value("npp", c.lat, c.lon, year, 2) * 1000.0 * 29 * kDay)
                .epsilon(1e-6));
    }
  }
}

TEST_CASE("T22: daily at noon, hours since 1700, 731 days with 1704-02-29, 10 degrees",
          "[synth][time]") {
  const Profile p = profile_named("T22_DAILY");
  CHECK(p.time.frequency == Frequency::Daily);
  // A grid of its own, whatever --res.
  const Grid g = make_grid(p.grid, 2.0);
  CHECK(g.lat == make_grid(p.grid, 0.25).lat);
  CHECK(g.lon == make_grid(p.grid, 0.25).lon);
  auto f = io::File::open_read(file_of("T22_DAILY", "gpp"));
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  REQUIRE(lat.size() == 18);
  REQUIRE(lon.size() == 36);
  CHECK(lat.front() == -85.0);
  CHECK(lon.front() == -175.0);
  auto time = f.variable("time");
  CHECK(time.text_attribute("units") == "hours since 1700-01-01 00:00:00");
  CHECK(time.text_attribute("calendar") == "standard");
  const auto t = time.read_all_1d();
  REQUIRE(t.size() == 731);
  const double jan1_1703 = 3 * 365 * 24.0;  // 1700 is no leap year in standard
  CHECK(t[0] == jan1_1703 + 12.0);
  CHECK(t[1] == jan1_1703 + 36.0);
  CHECK(t[424] == jan1_1703 + 424 * 24.0 + 12.0);  // 1704-02-29 12:00
  CHECK(t[730] == jan1_1703 + 730 * 24.0 + 12.0);  // 1704-12-31 12:00
  // The day term: day d of a month is expected x (1 + 0.05 sin(2 pi (d - 1) / 31)).
  auto data = f.variable("gpp");
  const auto land = cells(lat, lon, true);
  REQUIRE(land.size() > 100);
  // (step, day): 1 and 9 January 1703, 29 February 1704.
  const std::pair<std::size_t, int> days[] = {{0, 1}, {8, 9}, {424, 29}};
  for (const auto& [step, day] : days) {
    const auto map = read_map(data, step);
    const int year = step < 365 ? 1703 : 1704, month = step < 365 ? 1 : 2;
    const double wave = std::sin(2.0 * std::numbers::pi * (day - 1) / 31.0);
    for (const auto& c : land) {
      CHECK(map[c.j * lon.size() + c.i] ==
            Approx(expected_value("gpp", c.lat, c.lon, year, month) * (1.0 + 0.05 * wave))
                .epsilon(1e-6));
    }
  }
  // A one-day shift changes the values (by 1 % from the 1st to the 2nd),
  // not only the stamps.
  const auto c = land.front();
  const double day1 = expected_value_on_day("gpp", c.lat, c.lon, 1703, 1, 1);
  const double day2 = expected_value_on_day("gpp", c.lat, c.lon, 1703, 1, 2);
  CHECK(day2 / day1 == Approx(1.0 + 0.05 * std::sin(2.0 * std::numbers::pi / 31.0)));
  CHECK(day2 / day1 > 1.01);
  CHECK(expected_value_on_day("gpp", c.lat, c.lon, 1703, 1, 1) ==
        expected_value("gpp", c.lat, c.lon, 1703, 1));
  CHECK(expected_value_on_day("tas", c.lat, c.lon, 1703, 1, 9) ==
        Approx(expected_value("tas", c.lat, c.lon, 1703, 1) +
               3.0 * std::sin(2.0 * std::numbers::pi * 8.0 / 31.0)));
}

TEST_CASE("T11: absolute \"day as %Y%m%d.%f\" values on the 16th", "[synth][time]") {
  auto f = io::File::open_read(file_of("T11_DAYAS", "gpp"));
  auto time = f.variable("time");
  CHECK(time.type() == io::NcType::Double);
  CHECK(time.text_attribute("units") == "day as %Y%m%d.%f");
  CHECK(time.text_attribute("calendar") == "proleptic_gregorian");
  auto t = time.read_all_1d();
  REQUIRE(t.size() == 24);
  for (std::size_t k = 0; k < t.size(); ++k) {
    const double year = 1700.0 + static_cast<double>(k / 12);
    const double month = 1.0 + static_cast<double>(k % 12);
    CHECK(t[k] == year * 10000.0 + month * 100.0 + 16.0);
  }
  CHECK(t[0] == 17000116.0);
  CHECK(t[23] == 17011216.0);
}

TEST_CASE("units and calendar attributes: renamed, missing, empty", "[synth][time]") {
  auto caps_file = io::File::open_read(file_of("T12_UNITSCAP", "gpp"));
  auto caps = caps_file.variable("time");
  CHECK_FALSE(caps.attribute("units"));
  CHECK(caps.text_attribute("Units") == "days since 1700-01-01");
  CHECK(caps.text_attribute("calendar") == "gregorian");
  auto lower_file = io::File::open_read(file_of("T19_UNITLOWER", "gpp"));
  auto lower = lower_file.variable("time");
  CHECK_FALSE(lower.attribute("units"));
  CHECK(lower.text_attribute("unit") == "days since 1700-01-01");

  auto yr_file = io::File::open_read(file_of("T07_YRINT", "gpp"));
  auto yr = yr_file.variable("time");
  CHECK(yr.type() == io::NcType::Int);
  CHECK(yr.text_attribute("units") == "yr");
  CHECK_FALSE(yr.attribute("calendar"));

  auto index_file = io::File::open_read(file_of("T13_INDEX", "gpp"));
  auto index = index_file.variable("time");
  CHECK(index.type() == io::NcType::Int);
  for (const auto& a : index.attributes()) CHECK(a.name != "units");
  CHECK_FALSE(index.attribute("Units"));
  CHECK_FALSE(index.attribute("calendar"));
  auto t = index.read_all_1d();
  REQUIRE(t.size() == 24);
  for (std::size_t k = 0; k < t.size(); ++k) CHECK(t[k] == static_cast<double>(k + 1));

  auto empty_file = io::File::open_read(file_of("T14_EMPTYUNITS", "gpp"));
  auto empty = empty_file.variable("time");
  REQUIRE(empty.attribute("units"));
  CHECK(empty.text_attribute("units") == "");
  CHECK(empty.text_attribute("calendar") == "noleap");
  CHECK(empty.read_all_1d().front() == 1.0);
}

TEST_CASE("index-only models state the override their config needs", "[synth][time]") {
  const auto all = required_overrides();
  REQUIRE(all.size() == 5);  // T13, T14, the grids of G08, G09, X03's layer depths
  const std::vector<RequiredOverride> overrides(all.begin(), all.begin() + 2);
  CHECK(overrides[0].folder == "T13_INDEX");
  REQUIRE(overrides[0].time);
  CHECK(overrides[0].time->time_start == "1700-01");
  CHECK(overrides[0].time->frequency == "monthly");
  CHECK(overrides[0].time->calendar == "noleap");
  CHECK(overrides[1].folder == "T14_EMPTYUNITS");
  REQUIRE(overrides[1].time);
  CHECK(overrides[1].time->time_start == "2003-01");
  CHECK(overrides[1].time->frequency == "monthly");
  CHECK(overrides[1].time->calendar == "noleap");
  // The override states the facts the file was written with.
  for (const auto& o : overrides) {
    const Profile p = profile_named(o.folder);
    CHECK_FALSE(o.grid);
    CHECK(p.time.encoding == TimeEncoding::Index);
    CHECK(p.time.frequency == Frequency::Monthly);
    CHECK(o.time->time_start == std::to_string(p.time.start_year) + "-01");
    CHECK(o.time->calendar == p.time.calendar);
  }
  CHECK(overrides_yaml(overrides) ==
        "overrides:\n"
        "  T13_INDEX: {time_start: \"1700-01\", frequency: monthly, calendar: noleap}\n"
        "  T14_EMPTYUNITS: {time_start: \"2003-01\", frequency: monthly, calendar: noleap}\n");
  // The whole release's block: the time lines unchanged, then grid-only ones.
  CHECK(overrides_yaml(all) ==
        "overrides:\n"
        "  T13_INDEX: {time_start: \"1700-01\", frequency: monthly, calendar: noleap}\n"
        "  T14_EMPTYUNITS: {time_start: \"2003-01\", frequency: monthly, calendar: noleap}\n"
        "  G08_ZEROCOORDS: {grid: \"1x1\"}\n"
        "  G09_NOCOORDS: {grid: \"2x2\"}\n"
        "  X03_NODEPTH: {layer_depths: [0.1, 0.35, 1.0]}\n");
  // An entry may hold both; time keys come first.
  CHECK(overrides_yaml({{"X", TimeOverride{"1901-01", "annual", "360_day"}, "0.5x0.5"}}) ==
        "overrides:\n"
        "  X: {time_start: \"1901-01\", frequency: annual, calendar: 360_day, "
        "grid: \"0.5x0.5\"}\n");
  CHECK(overrides_yaml({}).empty());
  // Only models with an undecodable time axis need one.
  auto style = default_profiles();
  style.resize(4);
  CHECK(required_overrides(style).empty());
}

TEST_CASE("T18: stamps at the period's end, time_bnds contiguous month by month",
          "[synth][time]") {
  auto f = io::File::open_read(file_of("T18_BNDSEND", "gpp"));
  auto time = f.variable("time");
  CHECK(time.text_attribute("bounds") == "time_bnds");
  auto t = time.read_all_1d();
  auto bnds = f.variable("time_bnds");
  CHECK(bnds.dimension_names() == std::vector<std::string>{"time", "nv"});
  REQUIRE(bnds.shape() == std::vector<std::size_t>{24, 2});
  std::vector<double> b(48);
  bnds.read({0, 0}, {24, 2}, b.data());
  CHECK(b[0] == 0.0);  // 1700-01-01
  const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // 1700, 1701: no leap
  for (std::size_t k = 0; k < 24; ++k) {
    CHECK(b[2 * k + 1] - b[2 * k] == days[k % 12]);
    CHECK(t[k] == b[2 * k + 1]);  // the stamp is the end of its period
    if (k + 1 < 24) CHECK(b[2 * k + 1] == b[2 * k + 2]);
  }
  // Other time profiles have no bounds.
  CHECK_FALSE(io::File::open_read(file_of("T01_DAYS1699", "gpp")).has_variable("time_bnds"));
}

TEST_CASE("stamp positions and encodings", "[synth][time]") {
  const Period jan{1700, 1}, feb{1700, 2}, y1701{1701, 1};
  using F = Frequency;
  CHECK(stamp_moment(Calendar::NoLeap, F::Monthly, Stamp::LastDay, feb) ==
        Moment{{1700, 2, 28}, 0.0});
  CHECK(stamp_moment(Calendar::Julian, F::Monthly, Stamp::LastDay, feb) ==
        Moment{{1700, 2, 29}, 0.0});
  CHECK(stamp_moment(Calendar::Day360, F::Annual, Stamp::LastDay, y1701) ==
        Moment{{1701, 12, 30}, 0.0});
  // October 1582 of the mixed calendar has 21 days, the last one the 31st.
  CHECK(stamp_moment(Calendar::Standard, F::Monthly, Stamp::LastDay, {1582, 10}) ==
        Moment{{1582, 10, 31}, 0.0});
  CHECK(stamp_moment(Calendar::Standard, F::Monthly, Stamp::Middle, {1582, 10}) ==
        Moment{{1582, 10, 21}, 43200.0});
  CHECK(stamp_moment(Calendar::Standard, F::Monthly, Stamp::End, jan) == Moment{{1700, 2, 1}, 0.0});
  CHECK(stamp_moment(Calendar::Standard, F::Annual, Stamp::End, y1701) ==
        Moment{{1702, 1, 1}, 0.0});
  CHECK(stamp_moment(Calendar::Day360, F::Monthly, Stamp::Day16Noon, feb) ==
        Moment{{1700, 2, 16}, 43200.0});
  CHECK(stamp_moment(Calendar::NoLeap, F::Monthly, Stamp::Middle, jan) ==
        Moment{{1700, 1, 16}, 43200.0});
  CHECK(stamp_moment(Calendar::Julian, F::Monthly, Stamp::Middle, feb) ==
        Moment{{1700, 2, 15}, 43200.0});
  CHECK(stamp_moment(Calendar::NoLeap, F::Monthly, Stamp::Middle, feb) ==
        Moment{{1700, 2, 15}, 0.0});
  // Daily periods: noon of the day, and the next day's 00:00.
  CHECK(stamp_moment(Calendar::Standard, F::Daily, Stamp::Middle, {1704, 2, 29}) ==
        Moment{{1704, 2, 29}, 43200.0});
  CHECK(stamp_moment(Calendar::Standard, F::Daily, Stamp::End, {1704, 2, 29}) ==
        Moment{{1704, 3, 1}, 0.0});
  CHECK(stamp_moment(Calendar::Standard, F::Daily, Stamp::End, {1582, 10, 4}) ==
        Moment{{1582, 10, 15}, 0.0});
  CHECK_THROWS_AS(stamp_moment(Calendar::NoLeap, F::Annual, Stamp::Day16, y1701),
                  std::invalid_argument);
  CHECK_THROWS_AS(stamp_moment(Calendar::NoLeap, F::Monthly, Stamp::July2, jan),
                  std::invalid_argument);
  CHECK_THROWS_AS(stamp_moment(Calendar::NoLeap, F::Daily, Stamp::LastDay, jan),
                  std::invalid_argument);

  TimeSpec spec;
  spec.calendar = "noleap";
  spec.encoding = TimeEncoding::MonthAs;
  CHECK(time_value(spec, Frequency::Monthly, feb) == 170002.5);
  CHECK_THROWS_AS(time_value(spec, Frequency::Annual, y1701), std::invalid_argument);
  CHECK_THROWS_AS(bounds_values(spec, Frequency::Monthly, feb), std::invalid_argument);
  spec.encoding = TimeEncoding::DecimalYear;
  spec.stamp = Stamp::Start;
  CHECK(time_value(spec, Frequency::Monthly, feb) == Approx(1700.0 + 1.0 / 12.0));
  spec.encoding = TimeEncoding::Index;
  spec.start_year = 1699;
  CHECK(time_value(spec, Frequency::Monthly, feb) == 14.0);
  CHECK(time_value(spec, Frequency::Annual, y1701) == 3.0);
  spec.encoding = TimeEncoding::Since;
  // The values come from the stated units alone: the text is never parsed.
  spec.units = "written verbatim, never read";
  spec.since = {SinceUnit::Months, {1700, 1, 1}};
  spec.count_offset = 0.5;
  CHECK(time_value(spec, Frequency::Monthly, feb) == 1.5);
  CHECK(bounds_values(spec, Frequency::Monthly, feb) == std::pair<double, double>{1.0, 2.0});
  CHECK_THROWS_AS(time_value(spec, Frequency::Daily, {1700, 2, 3}), std::invalid_argument);
  spec.since = {SinceUnit::Hours, {1700, 1, 1}, 43200.0};
  spec.calendar = "366_day";
  spec.stamp = Stamp::Middle;
  CHECK(time_value(spec, Frequency::Monthly, feb) == (31 + 14.5) * 24.0 - 12.0);
  CHECK(bounds_values(spec, Frequency::Monthly, feb) ==
        std::pair<double, double>{31 * 24.0 - 12.0, 60 * 24.0 - 12.0});
  CHECK(time_value(spec, Frequency::Daily, {1700, 3, 1}) == 60 * 24.0);
  spec.since = {SinceUnit::Seconds, {1699, 12, 31}, 0.0};
  CHECK(time_value(spec, Frequency::Daily, {1700, 1, 1}) == 1.5 * kDay);
  spec.since = {SinceUnit::Minutes, {1700, 1, 1}, 0.0};
  CHECK(time_value(spec, Frequency::Annual, y1701) == (366 + 183) * 1440.0);
  spec.calendar = "no such calendar";
  CHECK_THROWS_AS(time_value(spec, Frequency::Annual, y1701), std::invalid_argument);
}

TEST_CASE("make_periods: monthly, annual, and daily in the calendar", "[synth][time]") {
  CHECK(make_periods(Frequency::Annual, 1700, 2) ==
        std::vector<Period>{{1700, 1, 1}, {1701, 1, 1}});
  const auto monthly = make_periods(Calendar::Julian, Frequency::Monthly, 1700, 2);
  REQUIRE(monthly.size() == 24);
  CHECK(monthly[13] == Period{1701, 2, 1});
  CHECK_THROWS_AS(make_periods(Frequency::Daily, 1700, 1), std::invalid_argument);
  const auto days = make_periods(Calendar::Standard, Frequency::Daily, 1703, 2);
  REQUIRE(days.size() == 731);
  CHECK(days.front() == Period{1703, 1, 1});
  CHECK(days[424] == Period{1704, 2, 29});
  CHECK(days.back() == Period{1704, 12, 31});
  CHECK(make_periods(Calendar::Julian, Frequency::Daily, 1700, 1).size() == 366);
  CHECK(make_periods(Calendar::Day360, Frequency::Daily, 1700, 1)[59] == Period{1700, 2, 30});
  // The mixed calendar's 1582 has 355 days: 4 October is followed by the 15th.
  const auto y1582 = make_periods(Calendar::Standard, Frequency::Daily, 1582, 1);
  REQUIRE(y1582.size() == 355);
  CHECK(y1582[276] == Period{1582, 10, 4});
  CHECK(y1582[277] == Period{1582, 10, 15});
}

TEST_CASE("--years sets the span of the time profiles from their own start", "[synth][time]") {
  const fs::path root =
      fs::temp_directory_path() / ("ti_synth_years_" + std::to_string(::getpid()));
  ReleaseOptions o;
  o.out = root;
  o.resolution = 30.0;
  o.years = 3;
  o.profiles = {profile_named("T14_EMPTYUNITS"), profile_named("T06_HRS1701"),
                profile_named("T05_YRS0615")};
  auto files = write_release(o);
  REQUIRE(files.size() == 4);
  auto t14 = io::File::open_read(release_path(root, o.profiles[0], "S3", "gpp"));
  CHECK(t14.variable("time").read_all_1d().size() == 36);
  auto lat = t14.variable("lat").read_all_1d();
  auto lon = t14.variable("lon").read_all_1d();
  const auto c = cells(lat, lon, true).front();
  auto map = read_map(t14.variable("gpp"), 35);  // December 2005
  CHECK(map[c.j * lon.size() + c.i] ==
        Approx(expected_value("gpp", c.lat, c.lon, 2005, 12)).epsilon(1e-6));
  auto t06 = io::File::open_read(release_path(root, o.profiles[1], "S3", "gpp"));
  CHECK(t06.variable("time").read_all_1d().back() == 35 * 720.0);
  auto t05 = io::File::open_read(release_path(root, o.profiles[2], "S3", "cVeg"));
  CHECK(t05.variable("time").read_all_1d() == std::vector<double>{0.0, 1.0, 2.0});
  fs::remove_all(root);
}

// ---- grid profiles ---------------------------------------------------------

namespace {

std::vector<Profile> grid_profiles_only() {
  auto all = default_profiles();
  return {all.begin() + 4 + kTimeProfiles, all.begin() + 4 + kTimeProfiles + kGridProfiles};
}

// One time step of a data variable as a [j * nlon + i] map, whatever the
// order of its time, lat and lon dimensions.
std::vector<double> read_step(const io::Variable& v, const GridSpec& g, std::size_t step) {
  const auto dims = v.dimension_names();
  const auto shape = v.shape();
  std::vector<std::size_t> start(dims.size(), 0), count = shape;
  std::size_t nlat = 0, nlon = 0, at_lat = 0, at_lon = 0;
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (dims[d] == "time") {
      start[d] = step;
      count[d] = 1;
    } else if (dims[d] == g.lat_dim) {
      nlat = shape[d];
      at_lat = d;
    } else if (dims[d] == g.lon_dim) {
      nlon = shape[d];
      at_lon = d;
    }
  }
  std::vector<double> raw(nlat * nlon);
  v.read(start, count, raw.data());
  if (at_lat < at_lon) return raw;
  std::vector<double> out(raw.size());
  for (std::size_t j = 0; j < nlat; ++j) {
    for (std::size_t i = 0; i < nlon; ++i) out[j * nlon + i] = raw[i * nlat + j];
  }
  return out;
}

// The global grid a "<dlon>x<dlat>" override states: edges on multiples of
// the step from -180 / -90, latitudes ascending.
Grid override_grid(const std::string& text) {
  const auto x = text.find('x');
  REQUIRE(x != std::string::npos);
  const double dlon = std::stod(text.substr(0, x)), dlat = std::stod(text.substr(x + 1));
  Grid g;
  for (double y = -90.0 + dlat / 2; y < 90.0; y += dlat) g.lat.push_back(y);
  for (double l = -180.0 + dlon / 2; l < 180.0; l += dlon) g.lon.push_back(l);
  return g;
}

// P_n(cos theta) in long double, by the recurrence: for the bisection below.
long double legendre_cos(int n, long double theta) {
  const long double x = std::cos(theta);
  long double p0 = 1.0L, p1 = x;
  for (int k = 2; k <= n; ++k) {
    const long double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return p1;
}

// The northern Gaussian latitudes (north to south) a second way: sign
// changes of P_n(cos theta) on a fine colatitude scan, then bisection.
std::vector<double> gaussian_by_bisection(int n) {
  const long double pi = 3.141592653589793238462643383279502884L;
  const int steps = 200 * n;
  std::vector<double> out;
  long double a = 0.0L, fa = legendre_cos(n, a);
  for (int s = 1; s <= steps / 2; ++s) {
    const long double b = pi * s / steps;
    const long double fb = legendre_cos(n, b);
    if ((fa < 0) != (fb < 0)) {
      long double lo = a, hi = b, flo = fa;
      for (int it = 0; it < 200 && hi - lo > 1e-19L; ++it) {
        const long double mid = (lo + hi) / 2, fm = legendre_cos(n, mid);
        if ((fm < 0) == (flo < 0)) {
          lo = mid;
          flo = fm;
        } else {
          hi = mid;
        }
      }
      out.push_back(static_cast<double>(90.0L - (lo + hi) / 2 * 180.0L / pi));
    }
    a = b;
    fa = fb;
  }
  return out;
}

}  // namespace

TEST_CASE("grid profiles: one small gpp file per grid quirk, G-numbered folders",
          "[synth][grid]") {
  const auto profiles = grid_profiles_only();
  REQUIRE(profiles.size() == kGridProfiles);
  std::set<std::string> prefixes;
  for (std::size_t k = 0; k < profiles.size(); ++k) {
    const Profile& p = profiles[k];
    INFO(p.folder);
    const std::string number = std::string(k + 1 < 10 ? "G0" : "G") + std::to_string(k + 1) + "_";
    CHECK(p.folder.starts_with(number));
    CHECK(p.name == p.folder);
    prefixes.insert(p.prefix);
    CHECK(p.data_type == io::NcType::Float);
    CHECK(p.fill.style == FillStyle::FillOnly);
    CHECK(p.fill.value == -99999.0);
    CHECK(p.time.units == "days since 1700-01-01");
    CHECK(p.time.calendar == "noleap");
    CHECK(p.time.frequency == Frequency::Monthly);
    CHECK(p.time.stamp == Stamp::Middle);
    CHECK_FALSE(p.time_override);
    CHECK(p.grid_override.has_value() == (p.grid.coord_values != CoordValues::Centres));
    REQUIRE(p.variables.size() == 1);
    CHECK(p.variables[0].name == "gpp");
    CHECK(p.variables[0].units == "kg m-2 s-1");
    // A fixed grid of its own: --res changes nothing.
    const Grid a = make_grid(p.grid, 2.0), b = make_grid(p.grid, 0.25);
    CHECK(a.lat == b.lat);
    CHECK(a.lon == b.lon);
  }
  CHECK(prefixes.size() == profiles.size());
}

TEST_CASE("grid profiles: sizes, extents and names of each grid", "[synth][grid]") {
  struct Want {
    const char* folder;
    std::size_t nlat, nlon;
    double lat0, lat1, lon0, lon1;  // first and last centres in file order
    const char* lat_dim;
    const char* lon_dim;
  };
  const double fv = 90.0 * 189.0 / 191.0;  // the FV row next to the north pole
  const Want wants[] = {
      {"G01_HALFDEG", 360, 720, -89.75, 89.75, -179.75, 179.75, "lat", "lon"},
      {"G02_FV09", 192, 288, -90.0, 90.0, 0.0, 358.75, "lat", "lon"},
      {"G03_FV09NP", 192, 288, -89.53125, 89.53125, 0.0, 358.75, "lat", "lon"},
      {"G04_T63", 96, 192, 88.57216851400732, -88.57216851400732, 0.0, 358.125, "lat", "lon"},
      {"G05_REGIONAL", 150, 360, -59.5, 89.5, -179.5, 179.5, "lat", "lon"},
      {"G06_HALFOFF", 180, 360, -89.5, 89.5, -180.0, 179.0, "lat", "lon"},
      {"G07_LATFULL", 90, 180, -89.0, 89.0, -179.0, 179.0, "lat_FULL", "lon_FULL"},
      {"G08_ZEROCOORDS", 180, 360, -89.5, 89.5, -179.5, 179.5, "lat", "lon"},
      {"G09_NOCOORDS", 90, 180, -89.0, 89.0, -179.0, 179.0, "lat", "lon"},
      {"G10_LONLATTIME", 90, 180, -89.0, 89.0, -179.0, 179.0, "lat", "lon"},
  };
  for (const Want& w : wants) {
    INFO(w.folder);
    const Profile p = profile_named(w.folder);
    const Grid g = make_grid(p.grid, 2.0);
    REQUIRE(g.lat.size() == w.nlat);
    REQUIRE(g.lon.size() == w.nlon);
    CHECK(g.lat.front() == Approx(w.lat0).margin(1e-12));
    CHECK(g.lat.back() == Approx(w.lat1).margin(1e-12));
    CHECK(g.lon.front() == w.lon0);
    CHECK(g.lon.back() == w.lon1);
    if (p.grid.lat_descending) {
      CHECK(std::is_sorted(g.lat.rbegin(), g.lat.rend()));
    } else {
      CHECK(std::is_sorted(g.lat.begin(), g.lat.end()));
    }
    auto f = io::File::open_read(file_of(w.folder, "gpp"));
    CHECK(f.dimension(w.lat_dim).length == w.nlat);
    CHECK(f.dimension(w.lon_dim).length == w.nlon);
  }
  const Grid fv09 = make_grid(profile_named("G02_FV09").grid, 1.0);
  CHECK(fv09.lat[190] == Approx(fv).epsilon(1e-15));
  CHECK(fv09.lat[1] == -fv09.lat[190]);
  CHECK(fv09.lat[96] == Approx(90.0 / 191.0).epsilon(1e-15));
  for (std::size_t j = 0; j < fv09.lat.size(); ++j) CHECK(fv09.lat[j] == -fv09.lat[191 - j]);
  // A step that does not tile its extent is refused.
  GridSpec bad;
  bad.lon_step = 0.7;
  CHECK_THROWS_AS(make_grid(bad, 1.0), std::invalid_argument);
  bad.lon_step = 0.0;
  CHECK_THROWS_AS(make_grid(bad, 0.7), std::invalid_argument);
  bad.lat_step = 1.0;
  bad.lon_step = 1.0;
  bad.lat_south = -60.5;
  bad.lat_north = 90.0;
  CHECK_THROWS_AS(make_grid(bad, 1.0), std::invalid_argument);
}

TEST_CASE("grid profiles: every cell holds the known answer at its true centre",
          "[synth][grid]") {
  for (const Profile& p : grid_profiles_only()) {
    INFO(p.folder);
    auto f = io::File::open_read(file_of(p.folder, "gpp"));
    const Grid written = make_grid(p.grid, 2.0);
    // Where the data really are: the coordinates, or the override's grid.
    Grid truth;
    if (p.grid_override) {
      truth = override_grid(*p.grid_override);
      CHECK(truth.lat == written.lat);
      CHECK(truth.lon == written.lon);
    } else {
      truth.lat = f.variable(p.grid.lat_var).read_all_1d();
      truth.lon = f.variable(p.grid.lon_var).read_all_1d();
      CHECK(truth.lat == written.lat);
      CHECK(truth.lon == written.lon);
    }
    auto data = f.variable("gpp");
    CHECK(data.number_attribute("_FillValue") == -99999.0);
    CHECK(data.type() == io::NcType::Float);
    const auto t = f.variable("time").read_all_1d();
    REQUIRE(t.size() == 24);
    CHECK(t[0] == 15.5);
    CHECK(t[23] == 365.0 + 334.0 + 15.5);
    const std::size_t nlon = truth.lon.size();
    for (const std::size_t step : {std::size_t{0}, std::size_t{13}, std::size_t{23}}) {
      const int year = 1700 + static_cast<int>(step / 12), month = 1 + static_cast<int>(step % 12);
      const auto map = read_step(data, p.grid, step);
      REQUIRE(map.size() == truth.lat.size() * nlon);
      std::size_t land = 0, sea = 0, wrong = 0;
      for (std::size_t j = 0; j < truth.lat.size(); ++j) {
        for (std::size_t i = 0; i < nlon; ++i) {
          const double y = truth.lat[j], x = truth.lon[i];
          const bool is = is_land(y, x);
          const double want =
              is ? static_cast<double>(static_cast<float>(expected_value("gpp", y, x, year, month)))
                 : -99999.0;
          (is ? land : sea) += 1;
          wrong += map[j * nlon + i] == want ? 0 : 1;
        }
      }
      CHECK(wrong == 0);
      CHECK(land > 100);
      CHECK(sea > 100);
    }
  }
}

TEST_CASE("G04: T63 Gaussian latitudes, north to south, the roots of P_96", "[synth][grid]") {
  auto f = io::File::open_read(file_of("G04_T63", "gpp"));
  const auto lat = f.variable("lat").read_all_1d();
  REQUIRE(lat.size() == 96);
  CHECK(std::adjacent_find(lat.begin(), lat.end(), std::less_equal<>()) == lat.end());
  // Reference values (ECHAM / CDO T63 tables; 50-digit Newton iteration).
  CHECK(std::fabs(lat[0] - 88.572168514007320657) < 1e-10);
  CHECK(std::fabs(lat[1] - 86.722530954668109172) < 1e-10);
  CHECK(std::fabs(lat[47] - 0.932629967838004499) < 1e-10);
  for (std::size_t j = 0; j < 96; ++j) CHECK(lat[j] == -lat[95 - j]);
  // The same roots a second way: scan and bisect in long double.
  const auto north = gaussian_by_bisection(96);
  REQUIRE(north.size() == 48);
  for (std::size_t j = 0; j < 48; ++j) {
    INFO(j);
    CHECK(std::fabs(lat[j] - north[j]) < 1e-10);
  }
  // Small cases with closed forms: P_1 = x, P_2 = (3x^2 - 1) / 2.
  CHECK(gaussian_latitudes(1) == std::vector<double>{0.0});
  const auto two = gaussian_latitudes(2);
  REQUIRE(two.size() == 2);
  const double deg = 180.0 / std::numbers::pi;
  CHECK(two[1] == Approx(std::asin(1.0 / std::sqrt(3.0)) * deg).epsilon(1e-15));
  CHECK(two[0] == -two[1]);
  const auto three = gaussian_latitudes(3);
  CHECK(three[1] == 0.0);
  CHECK(three[2] == Approx(std::asin(std::sqrt(0.6)) * deg).epsilon(1e-15));
  // Longitudes from Greenwich eastwards, 1.875 degrees apart.
  const auto lon = f.variable("lon").read_all_1d();
  REQUIRE(lon.size() == 192);
  for (std::size_t i = 0; i < lon.size(); ++i) CHECK(lon[i] == 1.875 * static_cast<double>(i));
}

TEST_CASE("G08: every coordinate value is zero; the data sit on the 1x1 grid", "[synth][grid]") {
  auto f = io::File::open_read(file_of("G08_ZEROCOORDS", "gpp"));
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  REQUIRE(lat.size() == 180);
  REQUIRE(lon.size() == 360);
  CHECK(std::all_of(lat.begin(), lat.end(), [](double v) { return v == 0.0; }));
  CHECK(std::all_of(lon.begin(), lon.end(), [](double v) { return v == 0.0; }));
  CHECK(f.variable("lat").text_attribute("units") == "degrees_north");
  CHECK(profile_named("G08_ZEROCOORDS").grid_override == "1x1");
  // Row j, column i is the cell centred at (-89.5 + j, -179.5 + i).
  const auto map = read_map(f.variable("gpp"), 14);  // March 1701
  const auto land = cells(override_grid("1x1").lat, override_grid("1x1").lon, true);
  REQUIRE(land.size() > 10);
  for (const auto& c : land) {
    CHECK(c.lat == -89.5 + static_cast<double>(c.j));
    CHECK(map[c.j * 360 + c.i] ==
          Approx(expected_value("gpp", -89.5 + static_cast<double>(c.j),
                                -179.5 + static_cast<double>(c.i), 1701, 3))
              .epsilon(1e-6));
  }
}

TEST_CASE("G09: lat/lon dimensions without coordinate variables", "[synth][grid]") {
  auto f = io::File::open_read(file_of("G09_NOCOORDS", "gpp"));
  CHECK(f.variable_names() == std::vector<std::string>{"time", "gpp"});
  CHECK_FALSE(f.has_variable("lat"));
  CHECK_FALSE(f.has_variable("lon"));
  CHECK(f.dimension("lat").length == 90);
  CHECK(f.dimension("lon").length == 180);
  CHECK(f.variable("gpp").dimension_names() == std::vector<std::string>{"time", "lat", "lon"});
  CHECK(profile_named("G09_NOCOORDS").grid_override == "2x2");
  const auto map = read_map(f.variable("gpp"), 5);  // June 1700
  // (-1, 1) sits at row 44, column 90 of the 2x2 grid; (-89, -179) is ocean.
  CHECK(map[44 * 180 + 90] ==
        Approx(is_land(-1.0, 1.0) ? expected_value("gpp", -1.0, 1.0, 1700, 6) : -99999.0)
            .epsilon(1e-6));
  CHECK(map[0] == -99999.0);
}

TEST_CASE("G10: data dimensions (lon, lat, time), coordinates as usual", "[synth][grid]") {
  auto f = io::File::open_read(file_of("G10_LONLATTIME", "gpp"));
  auto data = f.variable("gpp");
  CHECK(data.dimension_names() == std::vector<std::string>{"lon", "lat", "time"});
  CHECK(data.shape() == std::vector<std::size_t>{180, 90, 24});
  CHECK(data.storage().chunks == std::vector<std::size_t>{180, 90, 1});
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const auto land = cells(lat, lon, true);
  REQUIRE(land.size() >= 3);
  for (const auto& c : land) {
    float v = 0.0f;
    data.read({c.i, c.j, 19}, {1, 1, 1}, &v);  // August 1701
    CHECK(v == Approx(expected_value("gpp", c.lat, c.lon, 1701, 8)).epsilon(1e-6));
  }
  // A known cell, literally: lon index 100 (21 E), lat index 60 (31 N).
  CHECK(lon[100] == 21.0);
  CHECK(lat[60] == 31.0);
  REQUIRE(is_land(31.0, 21.0));
  double v = 0.0;
  data.read({100, 60, 0}, {1, 1, 1}, &v);
  CHECK(v == Approx(expected_value("gpp", 31.0, 21.0, 1700, 1)).epsilon(1e-6));
}
