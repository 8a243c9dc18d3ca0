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
#include "trendy_ilamb/synth/time_stamps.hpp"

namespace fs = std::filesystem;
using namespace ti;
using namespace ti::synth;

namespace {

constexpr double kDay = 86400.0;

// Profiles after the four style models: one per time-axis quirk.
constexpr std::size_t kTimeProfiles = 19;

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
  REQUIRE(profiles.size() == 4 + kTimeProfiles);
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
  o.models = static_cast<int>(o.profiles.size()) + 1;
  CHECK_THROWS_AS(validate(o), std::invalid_argument);
  o.models = static_cast<int>(o.profiles.size());
  CHECK_NOTHROW(validate(o));
  o.models = 2;
  o.simulations = {"S3", "../S2"};
  CHECK_THROWS_AS(validate(o), std::invalid_argument);
}

TEST_CASE("the tiny release has every file at its place", "[synth]") {
  const auto& r = tiny_release();
  // 31 from ALPHA..DELTA (one corrupt); the time profiles write gpp, and
  // cVeg too when annual: 14 monthly + 5 annual x 2.
  REQUIRE(r.files.size() == 31 + 14 + 5 * 2);
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

// ---- time profiles ---------------------------------------------------------

namespace {

std::vector<Profile> time_profiles_only() {
  auto all = default_profiles();
  return {all.begin() + 4, all.end()};
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
    REQUIRE(p.variables.size() == (annual ? 2u : 1u));
    CHECK(p.variables[0].name == "gpp");
    CHECK(p.variables[0].units == "kg m-2 s-1");
    if (annual) {
      CHECK(p.variables[1].name == "cVeg");
      CHECK(p.variables[1].units == "kg m-2");
    }
  }
  CHECK(prefixes.size() == profiles.size());
}

TEST_CASE("time profiles: every step holds the known answer of its (year, month)",
          "[synth][time]") {
  for (const Profile& p : time_profiles_only()) {
    for (const VariableSpec& v : p.variables) {
      INFO(p.folder << " " << v.name);
      auto f = io::File::open_read(file_of(p.folder, v.name));
      auto time = f.variable("time");
      CHECK(time.type() == p.time.type);
      const auto freq = frequency_of(p, v);
      const auto periods = make_periods(freq, p.time.start_year, 2);
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
        for (const auto& c : land) {
          CHECK(map[c.j * lon.size() + c.i] ==
                Approx(expected_value(v.output, c.lat, c.lon, periods[k].year, periods[k].month))
                    .epsilon(1e-6));
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
  const auto overrides = required_overrides();
  REQUIRE(overrides.size() == 2);
  CHECK(overrides[0].folder == "T13_INDEX");
  CHECK(overrides[0].time.time_start == "1700-01");
  CHECK(overrides[0].time.frequency == "monthly");
  CHECK(overrides[0].time.calendar == "noleap");
  CHECK(overrides[1].folder == "T14_EMPTYUNITS");
  CHECK(overrides[1].time.time_start == "2003-01");
  CHECK(overrides[1].time.frequency == "monthly");
  CHECK(overrides[1].time.calendar == "noleap");
  // The override states the facts the file was written with.
  for (const auto& o : overrides) {
    const Profile p = profile_named(o.folder);
    CHECK(p.time.encoding == TimeEncoding::Index);
    CHECK(p.time.frequency == Frequency::Monthly);
    CHECK(o.time.time_start == std::to_string(p.time.start_year) + "-01");
    CHECK(o.time.calendar == p.time.calendar);
  }
  CHECK(overrides_yaml(overrides) ==
        "overrides:\n"
        "  T13_INDEX: {time_start: \"1700-01\", frequency: monthly, calendar: noleap}\n"
        "  T14_EMPTYUNITS: {time_start: \"2003-01\", frequency: monthly, calendar: noleap}\n");
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
  using cf::Calendar;
  using cf::DateTime;
  CHECK(stamp_date(Calendar::NoLeap, Frequency::Monthly, Stamp::LastDay, feb) ==
        DateTime{1700, 2, 28, 0, 0, 0.0});
  CHECK(stamp_date(Calendar::Day360, Frequency::Annual, Stamp::LastDay, y1701) ==
        DateTime{1701, 12, 30, 0, 0, 0.0});
  CHECK(stamp_date(Calendar::Standard, Frequency::Monthly, Stamp::End, jan) ==
        DateTime{1700, 2, 1, 0, 0, 0.0});
  CHECK(stamp_date(Calendar::Standard, Frequency::Annual, Stamp::End, y1701) ==
        DateTime{1702, 1, 1, 0, 0, 0.0});
  CHECK(stamp_date(Calendar::Day360, Frequency::Monthly, Stamp::Day16Noon, feb) ==
        DateTime{1700, 2, 16, 12, 0, 0.0});
  CHECK_THROWS_AS(stamp_date(Calendar::NoLeap, Frequency::Annual, Stamp::Day16, y1701),
                  std::invalid_argument);
  CHECK_THROWS_AS(stamp_date(Calendar::NoLeap, Frequency::Monthly, Stamp::July2, jan),
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
  spec.units = "months since 1700-01-01";
  spec.count_offset = 0.5;
  CHECK(time_value(spec, Frequency::Monthly, feb) == 1.5);
  CHECK(bounds_values(spec, Frequency::Monthly, feb) == std::pair<double, double>{1.0, 2.0});
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
