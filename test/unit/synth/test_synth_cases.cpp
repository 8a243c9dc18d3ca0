// trendy_synth's variable profiles (X01..X10): a release of those profiles
// only (2 degrees, 2 years), read back and checked against cases.hpp.
#include <bzlib.h>
#include <netcdf.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/synth/analytic.hpp"
#include "trendy_ilamb/synth/cases.hpp"
#include "trendy_ilamb/synth/release.hpp"
#include "trendy_ilamb/synth/time_stamps.hpp"

namespace fs = std::filesystem;
using namespace ti;
using namespace ti::synth;

namespace {

constexpr std::size_t kFirstCase = 4 + 22 + 10;  // after ALPHA..DELTA, T01..T22, G01..G10
constexpr std::size_t kCases = 10;
constexpr int kYears = 2;

std::vector<Profile> case_profiles_only() {
  auto all = default_profiles();
  REQUIRE(all.size() == kFirstCase + kCases);
  return {all.begin() + kFirstCase, all.end()};
}

fs::path case_root() {
  return fs::temp_directory_path() / ("ti_synth_cases_" + std::to_string(::getpid()));
}

// Written once per test run, removed at exit.
const std::vector<WrittenFile>& case_release() {
  static const std::vector<WrittenFile> files = [] {
    fs::remove_all(case_root());
    ReleaseOptions o;
    o.out = case_root();
    o.profiles = case_profiles_only();
    o.resolution = 2.0;
    o.years = kYears;
    auto written = write_release(o);
    std::atexit([] { fs::remove_all(case_root()); });
    return written;
  }();
  return files;
}

Profile case_named(const std::string& folder) {
  for (auto& p : case_profiles_only()) {
    if (p.folder == folder) return p;
  }
  FAIL("no profile " << folder);
  return {};
}

fs::path case_file(const std::string& folder, const std::string& var) {
  case_release();
  return release_path(case_root(), case_named(folder), "S3", var);
}

// A whole variable with its dimension names, indexed by name.
struct Array {
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::vector<double> values;

  double at(const std::map<std::string, std::size_t>& index) const {
    std::size_t flat = 0;
    for (std::size_t d = 0; d < dims.size(); ++d) flat = flat * shape[d] + index.at(dims[d]);
    return values[flat];
  }
};

Array read_array(const io::Variable& v) {
  Array a{v.dimension_names(), v.shape(), {}};
  std::size_t n = 1;
  for (std::size_t s : a.shape) n *= s;
  a.values.resize(n);
  v.read(std::vector<std::size_t>(a.shape.size(), 0), a.shape, a.values.data());
  return a;
}

int format_of(const fs::path& path) {
  int ncid = -1, format = -1;
  REQUIRE(nc_open(path.c_str(), NC_NOWRITE, &ncid) == NC_NOERR);
  REQUIRE(nc_inq_format(ncid, &format) == NC_NOERR);
  nc_close(ncid);
  return format;
}

// A (time, lat, lon) gpp file holds expected_value at every cell and month.
void check_plain_gpp(const fs::path& path) {
  auto f = io::File::open_read(path);
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const Array gpp = read_array(f.variable("gpp"));
  REQUIRE(gpp.dims == std::vector<std::string>{"time", "lat", "lon"});
  REQUIRE(gpp.shape[0] == 12u * kYears);
  std::size_t wrong = 0;
  for (std::size_t t = 0; t < gpp.shape[0]; ++t) {
    const int year = 1700 + static_cast<int>(t / 12), month = static_cast<int>(t % 12) + 1;
    for (std::size_t j = 0; j < lat.size(); ++j) {
      for (std::size_t i = 0; i < lon.size(); ++i) {
        const double got = gpp.at({{"time", t}, {"lat", j}, {"lon", i}});
        const double want = is_land(lat[j], lon[i])
                                ? expected_value("gpp", lat[j], lon[i], year, month)
                                : -99999.0;
        if (std::fabs(got - want) > 1e-6 * std::fabs(want)) ++wrong;
      }
    }
  }
  CHECK(wrong == 0);
}

// Decompresses a .gz or .bz2 file into `to`.
void gunzip(const fs::path& from, const fs::path& to) {
  gzFile in = gzopen(from.c_str(), "rb");
  REQUIRE(in != nullptr);
  std::ofstream out(to, std::ios::binary);
  std::vector<char> buf(1 << 16);
  int n = 0;
  while ((n = gzread(in, buf.data(), static_cast<unsigned>(buf.size()))) > 0) {
    out.write(buf.data(), n);
  }
  CHECK(n == 0);
  gzclose(in);
}

void bunzip2(const fs::path& from, const fs::path& to) {
  FILE* raw = std::fopen(from.c_str(), "rb");
  REQUIRE(raw != nullptr);
  int status = BZ_OK;
  BZFILE* in = BZ2_bzReadOpen(&status, raw, 0, 0, nullptr, 0);
  REQUIRE(status == BZ_OK);
  std::ofstream out(to, std::ios::binary);
  std::vector<char> buf(1 << 16);
  while (status == BZ_OK) {
    const int n = BZ2_bzRead(&status, in, buf.data(), static_cast<int>(buf.size()));
    if (n > 0) out.write(buf.data(), n);
  }
  CHECK(status == BZ_STREAM_END);
  BZ2_bzReadClose(&status, in);
  std::fclose(raw);
}

}  // namespace

TEST_CASE("variable profiles: X-numbered folders on the release grid, fourteen files",
          "[synth][cases]") {
  const auto profiles = case_profiles_only();
  const std::vector<std::string> folders{"X01_PFT",     "X02_SOILLAYERS", "X03_NODEPTH",
                                         "X04_FRACPCT", "X05_PACKED",     "X06_NC3",
                                         "X07_NC364",   "X08_GZ",         "X09_BZ2",
                                         "X10_AREA"};
  REQUIRE(profiles.size() == folders.size());
  for (std::size_t k = 0; k < profiles.size(); ++k) {
    CHECK(profiles[k].folder == folders[k]);
    CHECK(profiles[k].grid.lat_step == 0.0);  // --res
    CHECK(profiles[k].time.calendar == "noleap");
  }
  const auto& files = case_release();
  CHECK(files.size() == 14);
  for (const auto& f : files) CHECK(fs::is_regular_file(f.path));
}

TEST_CASE("X01: per-PFT values weighted by the annual landCoverFrac give the expected value",
          "[synth][cases]") {
  auto cover_file = io::File::open_read(case_file("X01_PFT", "landCoverFrac"));
  const auto lat = cover_file.variable("lat").read_all_1d();
  const auto lon = cover_file.variable("lon").read_all_1d();
  const Array cover = read_array(cover_file.variable("landCoverFrac"));
  REQUIRE(cover.dims == std::vector<std::string>{"time", "pft", "lat", "lon"});
  REQUIRE(cover.shape[0] == static_cast<std::size_t>(kYears));  // annual
  REQUIRE(cover.shape[1] == static_cast<std::size_t>(kPftCount));
  const auto cover_time = cover_file.variable("time").read_all_1d();
  CHECK(cover_time[0] == 182.5);  // mid-1700, noleap days

  // The cover sums to the land fraction, 0 on ocean.
  for (std::size_t j = 0; j < lat.size(); j += 5) {
    for (std::size_t i = 0; i < lon.size(); i += 7) {
      double sum = 0.0;
      for (std::size_t k = 0; k < static_cast<std::size_t>(kPftCount); ++k) {
        sum += cover.at({{"time", 1}, {"pft", k}, {"lat", j}, {"lon", i}});
      }
      CHECK(sum == Approx(land_fraction(lat[j], lon[i])).margin(1e-6));
    }
  }

  for (const char* name : {"lai", "gpp"}) {
    INFO(name);
    auto f = io::File::open_read(case_file("X01_PFT", name));
    const Array v = read_array(f.variable(name));
    const std::vector<std::string> dims =
        std::string(name) == "lai" ? std::vector<std::string>{"time", "pft", "lat", "lon"}
                                   : std::vector<std::string>{"time", "lat", "lon", "pft"};
    REQUIRE(v.dims == dims);
    REQUIRE(v.shape[0] == 12u * kYears);
    std::size_t wrong = 0, land = 0, other_year_differs = 0;
    for (std::size_t t = 0; t < v.shape[0]; ++t) {
      const std::size_t y = t / 12;
      const int year = 1700 + static_cast<int>(y), month = static_cast<int>(t % 12) + 1;
      for (std::size_t j = 0; j < lat.size(); ++j) {
        for (std::size_t i = 0; i < lon.size(); ++i) {
          std::vector<double> fr, other, val;
          for (std::size_t k = 0; k < static_cast<std::size_t>(kPftCount); ++k) {
            const std::map<std::string, std::size_t> at{
                {"time", t}, {"pft", k}, {"lat", j}, {"lon", i}};
            const double x = v.at(at);
            val.push_back(x == -99999.0 ? std::numeric_limits<double>::quiet_NaN() : x);
            fr.push_back(cover.at({{"time", y}, {"pft", k}, {"lat", j}, {"lon", i}}));
            other.push_back(cover.at({{"time", 1 - y}, {"pft", k}, {"lat", j}, {"lon", i}}));
            if (is_land(lat[j], lon[i])) {
              const double want =
                  pft_value(name, lat[j], lon[i], year, month, static_cast<int>(k));
              if (std::fabs(x - want) > 1e-6 * want) ++wrong;
            }
          }
          const double mean = pft_weighted_mean(fr, val);
          if (!is_land(lat[j], lon[i])) {
            if (!std::isnan(mean)) ++wrong;
            continue;
          }
          ++land;
          const double want = expected_value(name, lat[j], lon[i], year, month);
          if (std::fabs(mean - want) > 2e-6 * want) ++wrong;
          // The other year's fractions give another mean: matching matters.
          if (std::fabs(pft_weighted_mean(other, val) - want) > 1e-3 * want) ++other_year_differs;
        }
      }
    }
    CHECK(land > 100);
    CHECK(wrong == 0);
    CHECK(other_year_differs == land);
  }
}

TEST_CASE("X01: the documented rule, exactly, on the analytic numbers", "[synth][cases]") {
  for (int year : {1700, 1701, 1750}) {
    std::vector<double> f, v;
    double dev = 0.0;
    for (int k = 0; k < kPftCount; ++k) {
      f.push_back(pft_cover(10.0, 20.0, year, k));
      v.push_back(pft_value("gpp", 10.0, 20.0, year, 3, k));
      dev += pft_cover_share(k, kPftCount, year) * pft_deviation(k, kPftCount, year);
    }
    CHECK(dev == Approx(0.0).margin(1e-15));
    CHECK(pft_weighted_mean(f, v) ==
          Approx(expected_value("gpp", 10.0, 20.0, year, 3)).epsilon(1e-14));
  }
  // Fill (NaN) values and empty fractions are left out; nothing valid = NaN.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(pft_weighted_mean(std::vector<double>{0.2, 0.3, 0.0},
                          std::vector<double>{nan, 4.0, 9.0}) == 4.0);
  CHECK(std::isnan(
      pft_weighted_mean(std::vector<double>{0.0, 0.0}, std::vector<double>{1.0, 2.0})));
}

TEST_CASE("X02: soil temperature and moisture per layer, depths in cm and m", "[synth][cases]") {
  auto tf = io::File::open_read(case_file("X02_SOILLAYERS", "tsl"));
  auto st = tf.variable("stlayer");
  CHECK(st.text_attribute("units") == "cm");
  CHECK(st.read_all_1d() == std::vector<double>{5.0, 20.0, 60.0, 150.0});
  const auto lat = tf.variable("lat").read_all_1d();
  const auto lon = tf.variable("lon").read_all_1d();
  const Array tsl = read_array(tf.variable("tsl"));
  REQUIRE(tsl.dims == std::vector<std::string>{"time", "stlayer", "lat", "lon"});
  CHECK(tf.variable("tsl").text_attribute("units") == "K");

  auto mf = io::File::open_read(case_file("X02_SOILLAYERS", "msl"));
  auto sm = mf.variable("smlayer");
  CHECK(sm.text_attribute("units") == "m");
  const auto centres = sm.read_all_1d();
  CHECK(centres == std::vector<double>{0.05, 0.2, 0.6, 1.5});
  // Reflecting from the surface recovers the layer edges.
  double edge = 0.0;
  for (std::size_t k = 0; k < centres.size(); ++k) {
    CHECK(edge == Approx(kSoilLayerEdgesM[k]));
    edge = 2.0 * centres[k] - edge;
  }
  CHECK(edge == Approx(kSoilLayerEdgesM.back()));
  const Array msl = read_array(mf.variable("msl"));
  REQUIRE(msl.dims == std::vector<std::string>{"time", "smlayer", "lat", "lon"});
  CHECK(mf.variable("msl").text_attribute("units") == "kg m-2");

  std::size_t wrong = 0;
  for (std::size_t t : {0u, 13u}) {
    const int year = 1700 + static_cast<int>(t / 12), month = static_cast<int>(t % 12) + 1;
    for (std::size_t j = 0; j < lat.size(); j += 3) {
      for (std::size_t i = 0; i < lon.size(); i += 4) {
        const bool land = is_land(lat[j], lon[i]);
        double column = 0.0;
        for (std::size_t k = 0; k < 4; ++k) {
          const double t_got = tsl.at({{"time", t}, {"stlayer", k}, {"lat", j}, {"lon", i}});
          const double m_got = msl.at({{"time", t}, {"smlayer", k}, {"lat", j}, {"lon", i}});
          column += m_got;
          const int layer = static_cast<int>(k);
          if (!land) {
            wrong += (t_got != -99999.0) + (m_got != -99999.0);
            continue;
          }
          const double t_want = tsl_layer_value(lat[j], lon[i], year, month, layer);
          const double m_want = msl_layer_value(lat[j], lon[i], year, month, layer);
          if (std::fabs(t_got - t_want) > 1e-4) ++wrong;
          if (std::fabs(m_got - m_want) > 1e-6 * m_want) ++wrong;
        }
        if (land && std::fabs(column - expected_value("mrso", lat[j], lon[i], year, month)) >
                        1e-5 * column) {
          ++wrong;
        }
      }
    }
  }
  CHECK(wrong == 0);
  CHECK(tsl_layer_value(0.0, 0.0, 1700, 1, 2) - tsl_layer_value(0.0, 0.0, 1700, 1, 0) == 1.0);
}

TEST_CASE("X03: layers as (time, lat, soil, lon) without depth values; the override",
          "[synth][cases]") {
  auto f = io::File::open_read(case_file("X03_NODEPTH", "tsl"));
  CHECK_FALSE(f.has_variable("soil"));
  CHECK(f.dimension("soil").length == 3);
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const Array tsl = read_array(f.variable("tsl"));
  REQUIRE(tsl.dims == std::vector<std::string>{"time", "lat", "soil", "lon"});
  std::size_t wrong = 0, land = 0;
  for (std::size_t j = 0; j < lat.size(); ++j) {
    for (std::size_t i = 0; i < lon.size(); ++i) {
      if (!is_land(lat[j], lon[i])) continue;
      ++land;
      for (std::size_t k = 0; k < 3; ++k) {
        const double got = tsl.at({{"time", 20}, {"lat", j}, {"soil", k}, {"lon", i}});
        if (std::fabs(got - tsl_layer_value(lat[j], lon[i], 1701, 9, static_cast<int>(k))) > 1e-4)
          ++wrong;
      }
    }
  }
  CHECK(land > 100);
  CHECK(wrong == 0);
  const Profile p = case_named("X03_NODEPTH");
  REQUIRE(p.layer_depths);
  CHECK(*p.layer_depths == std::vector<double>{0.1, 0.35, 1.0});
  std::vector<RequiredOverride> x03;
  for (const auto& o : required_overrides()) {
    if (o.folder == "X03_NODEPTH") x03.push_back(o);
  }
  REQUIRE(x03.size() == 1);
  CHECK_FALSE(x03[0].time);
  CHECK_FALSE(x03[0].grid);
  CHECK(overrides_yaml(x03) == "overrides:\n  X03_NODEPTH: {layer_depths: [0.1, 0.35, 1.0]}\n");
}

TEST_CASE("X04: a \"fraction\" whose values are percent", "[synth][cases]") {
  auto f = io::File::open_read(case_file("X04_FRACPCT", "burntArea"));
  auto v = f.variable("burntArea");
  CHECK(v.text_attribute("units") == "fraction");
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const Array a = read_array(v);
  double top = 0.0;
  std::size_t wrong = 0;
  for (std::size_t t = 0; t < a.shape[0]; t += 5) {
    const int year = 1700 + static_cast<int>(t / 12), month = static_cast<int>(t % 12) + 1;
    for (std::size_t j = 0; j < lat.size(); ++j) {
      for (std::size_t i = 0; i < lon.size(); ++i) {
        if (!is_land(lat[j], lon[i])) continue;
        const double got = a.at({{"time", t}, {"lat", j}, {"lon", i}});
        top = std::max(top, got);
        if (std::fabs(got - fracpct_expected(lat[j], lon[i], year, month)) > 1e-5 * got) ++wrong;
      }
    }
  }
  CHECK(wrong == 0);
  CHECK(top > 50.0);  // no fraction: the values show percent
  CHECK(top < 100.0);
  CHECK(fracpct_expected(10.0, 20.0, 1700, 1) ==
        32.0 * expected_value("burntArea", 10.0, 20.0, 1700, 1));
}

TEST_CASE("X05: short cVeg unpacks to the expected value within half a step", "[synth][cases]") {
  auto f = io::File::open_read(case_file("X05_PACKED", "cVeg"));
  auto v = f.variable("cVeg");
  CHECK(v.type() == io::NcType::Short);
  const auto scale = v.attribute("scale_factor");
  const auto offset = v.attribute("add_offset");
  const auto fill = v.attribute("_FillValue");
  REQUIRE(scale);
  REQUIRE(offset);
  REQUIRE(fill);
  CHECK(scale->type == io::NcType::Double);
  CHECK(scale->numbers == std::vector<double>{kPackedScale});
  CHECK(offset->numbers == std::vector<double>{kPackedOffset});
  CHECK(fill->type == io::NcType::Short);
  CHECK(fill->numbers == std::vector<double>{kPackedFill});
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  const Array raw = read_array(v);  // stored shorts: io applies no packing
  std::size_t wrong = 0, land = 0;
  for (std::size_t t = 0; t < raw.shape[0]; ++t) {
    const int year = 1700 + static_cast<int>(t / 12), month = static_cast<int>(t % 12) + 1;
    for (std::size_t j = 0; j < lat.size(); ++j) {
      for (std::size_t i = 0; i < lon.size(); ++i) {
        const double stored = raw.at({{"time", t}, {"lat", j}, {"lon", i}});
        if (!is_land(lat[j], lon[i])) {
          wrong += stored != kPackedFill;
          continue;
        }
        ++land;
        const double unpacked = stored * scale->numbers[0] + offset->numbers[0];
        if (unpacked != packed_expected(lat[j], lon[i], year, month)) ++wrong;
        if (std::fabs(unpacked - expected_value("cVeg", lat[j], lon[i], year, month)) >
            kPackedTolerance + 1e-12)
          ++wrong;
        if (std::fabs(stored) > 32767.0) ++wrong;
      }
    }
  }
  CHECK(land > 100);
  CHECK(wrong == 0);
}

TEST_CASE("X06, X07: NetCDF-3 classic and 64-bit offset files", "[synth][cases]") {
  const fs::path classic = case_file("X06_NC3", "gpp");
  const fs::path offset64 = case_file("X07_NC364", "gpp");
  CHECK(format_of(classic) == NC_FORMAT_CLASSIC);
  CHECK(format_of(offset64) == NC_FORMAT_64BIT_OFFSET);
  for (const auto& path : {classic, offset64}) {
    INFO(path);
    CHECK_FALSE(io::File::open_read(path).variable("gpp").storage().chunked);
    check_plain_gpp(path);
  }
  CHECK(format_of(case_file("X10_AREA", "gpp")) == NC_FORMAT_NETCDF4);
}

TEST_CASE("X08, X09: .nc.gz and .nc.bz2 decompress to a valid NetCDF-4 file", "[synth][cases]") {
  const fs::path gz = case_file("X08_GZ", "gpp");
  const fs::path bz2 = case_file("X09_BZ2", "gpp");
  CHECK(gz.filename() == "gz_S3_gpp.nc.gz");
  CHECK(bz2.filename() == "bz2_S3_gpp.nc.bz2");
  CHECK_FALSE(fs::exists(gz.parent_path() / "gz_S3_gpp.nc"));
  CHECK_FALSE(fs::exists(bz2.parent_path() / "bz2_S3_gpp.nc"));
  const fs::path scratch = case_root() / "scratch";
  fs::create_directories(scratch);
  gunzip(gz, scratch / "from_gz.nc");
  bunzip2(bz2, scratch / "from_bz2.nc");
  for (const char* name : {"from_gz.nc", "from_bz2.nc"}) {
    INFO(name);
    CHECK(format_of(scratch / name) == NC_FORMAT_NETCDF4);
    check_plain_gpp(scratch / name);
  }
}

TEST_CASE("X10: the model's own cell areas in km2 on the data grid", "[synth][cases]") {
  check_plain_gpp(case_file("X10_AREA", "gpp"));
  auto f = io::File::open_read(case_file("X10_AREA", "area"));
  auto v = f.variable("area");
  CHECK(v.text_attribute("units") == "km2");
  CHECK(v.dimension_names() == std::vector<std::string>{"lat", "lon"});
  const auto lat = f.variable("lat").read_all_1d();
  const auto lon = f.variable("lon").read_all_1d();
  auto gf = io::File::open_read(case_file("X10_AREA", "gpp"));
  CHECK(gf.variable("lat").read_all_1d() == lat);
  CHECK(gf.variable("lon").read_all_1d() == lon);
  const Array a = read_array(v);
  double total = 0.0;
  std::size_t wrong = 0;
  for (std::size_t j = 0; j < lat.size(); ++j) {
    const double want = cell_area_km2(lat[j] - 1.0, lat[j] + 1.0, 2.0);
    for (std::size_t i = 0; i < lon.size(); ++i) {
      const double got = a.at({{"lat", j}, {"lon", i}});
      total += got;
      if (std::fabs(got - want) > 1e-6 * want) ++wrong;
    }
  }
  CHECK(wrong == 0);
  const double sphere = 4.0 * std::numbers::pi * kEarthRadius * kEarthRadius / 1.0e6;
  CHECK(total == Approx(sphere).epsilon(1e-6));
  // Cell areas need the grid: cell_value refuses them.
  const Profile p = case_named("X10_AREA");
  CHECK_THROWS_AS(cell_value(p, p.variables[1], Calendar::NoLeap, 0.0, 0.0, Period{1700, 1}, 0),
                  std::invalid_argument);
}
