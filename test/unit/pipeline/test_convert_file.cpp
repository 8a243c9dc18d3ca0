#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "small_files.hpp"
#include "trendy_ilamb/pipeline/run_task.hpp"
#include "trendy_ilamb/pipeline/target_grid.hpp"

using namespace ti;
using namespace ti::pipeline;

namespace {

Settings settings_for(const std::filesystem::path& out, std::size_t memory_mb = 64) {
  Settings s;
  s.output_root = out.string();
  s.compression = 1;
  s.time_units = cf::parse_time_units("days since 1700-01-01 00:00:00");
  s.memory_mb = memory_mb;
  s.table = &cf::VariableTable::builtin();
  s.version = "test";
  s.history = "test";
  return s;
}

Task task_for(const std::filesystem::path& input) {
  Task t;
  t.id = 7;
  t.input = input.string();
  t.model = "M";
  t.simulation = "S3";
  t.variable = "gpp";
  t.file_variable = "gpp";
  return t;
}

// value = 100*t + 10*j + i in file order, one ocean (fill) cell.
testing::SmallInput gpp_input() {
  testing::SmallInput in;
  for (int t = 0; t < 3; ++t)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 4; ++i) in.values.push_back(static_cast<float>(100 * t + 10 * j + i + 1));
  in.values[1] = in.fill;  // t=0, lat=45, lon=90
  return in;
}

std::vector<float> read_all(const std::filesystem::path& p, const std::string& var, std::size_t n) {
  const auto f = io::File::open_read(p);
  std::vector<float> v(n);
  f.variable(var).read({0, 0, 0}, f.variable(var).shape(), v.data());
  return v;
}

}  // namespace

TEST_CASE("a per-month gram flux on a flipped 0..360 grid converts exactly", "[convert]") {
  const auto dir = testing::scratch_dir("convert");
  write_small_input(dir / "M_S3_gpp.nc", gpp_input());
  const auto out = run_task(task_for(dir / "M_S3_gpp.nc"), settings_for(dir / "out"));
  REQUIRE(out.status == Status::Ok);
  REQUIRE(out.outputs == std::vector<std::string>{"S3/M/gpp_Lmon_M_S3_r1i1p1f1_gn_170001-170003.nc"});
  CHECK(out.bytes_read == 3 * 2 * 4 * 4);

  const auto path = dir / "out" / out.outputs[0];
  const auto f = io::File::open_read(path);
  CHECK(f.variable("lat").read_all_1d() == std::vector<double>{-45.0, 45.0});
  CHECK(f.variable("lon").read_all_1d() == std::vector<double>{-180.0, -90.0, 0.0, 90.0});
  CHECK(f.variable("time").read_all_1d() == std::vector<double>{15.5, 45.0, 74.5});
  CHECK(f.variable("time").text_attribute("calendar") == "noleap");
  const auto v = read_all(path, "gpp", 24);
  // Output (t, lat asc, lon -180..90) <- input (t, lat desc, lon 0..270).
  const int month_days[] = {31, 28, 31};
  for (int t = 0; t < 3; ++t) {
    const double per_second = 1e-3 / (month_days[t] * 86400.0);
    for (int j = 0; j < 2; ++j) {
      for (int i = 0; i < 4; ++i) {
        const int src_j = 1 - j, src_i = (i + 2) % 4;
        const float expected =
            t == 0 && src_j == 0 && src_i == 1
                ? 1e20f
                : static_cast<float>((100 * t + 10 * src_j + src_i + 1) * per_second);
        INFO("t=" << t << " j=" << j << " i=" << i);
        CHECK(v[static_cast<std::size_t>((t * 2 + j) * 4 + i)] == expected);
      }
    }
  }
}

TEST_CASE("slab size does not change the result", "[convert]") {
  const auto dir = testing::scratch_dir("slabs");
  // A grid big enough that 16 MiB holds fewer steps than the file has.
  testing::SmallInput in;
  in.lat.clear();
  in.lon.clear();
  for (int j = 0; j < 180; ++j) in.lat.push_back(89.5 - j);
  for (int i = 0; i < 360; ++i) in.lon.push_back(0.5 + i);
  in.time.clear();
  for (int t = 0; t < 60; ++t) in.time.push_back(15.5 + 365.0 * (t / 12) + 30.0 * (t % 12));
  in.time_units = "days since 1700-01-01";
  in.calendar = "360_day";
  for (int t = 0; t < 60; ++t) in.time[static_cast<std::size_t>(t)] = 15.0 + 30.0 * t;
  in.units = "kg m-2 s-1";
  for (std::size_t k = 0; k < 60 * 180 * 360; ++k) in.values.push_back(static_cast<float>(k % 977));
  write_small_input(dir / "M_S3_gpp.nc", in);
  const auto big = run_task(task_for(dir / "M_S3_gpp.nc"), settings_for(dir / "a", 1024));
  const auto small = run_task(task_for(dir / "M_S3_gpp.nc"), settings_for(dir / "b", 16));
  REQUIRE(big.status == Status::Ok);
  REQUIRE(small.status == Status::Ok);
  CHECK(read_all(dir / "a" / big.outputs[0], "gpp", 60 * 180 * 360) ==
        read_all(dir / "b" / small.outputs[0], "gpp", 60 * 180 * 360));
}

TEST_CASE("bad inputs fail their task with file, variable and attribute named", "[convert]") {
  const auto dir = testing::scratch_dir("bad");
  auto in = gpp_input();
  in.time_units = "days after the flood";
  write_small_input(dir / "M_S3_gpp.nc", in);
  auto out = run_task(task_for(dir / "M_S3_gpp.nc"), settings_for(dir / "out"));
  CHECK(out.status == Status::Failed);
  CHECK_THAT(out.error, Catch::Contains("M_S3_gpp.nc") && Catch::Contains("variable 'time'") &&
                            Catch::Contains("attribute 'units'") && Catch::Contains("since"));

  in = gpp_input();
  in.units = "W m-2";
  write_small_input(dir / "M_S3_gpp.nc", in);
  out = run_task(task_for(dir / "M_S3_gpp.nc"), settings_for(dir / "out"));
  CHECK(out.status == Status::Failed);
  CHECK_THAT(out.error, Catch::Contains("variable 'gpp'") && Catch::Contains("attribute 'units'") &&
                            Catch::Contains("W m-2"));

  in = gpp_input();
  in.calendar = "martian";
  write_small_input(dir / "M_S3_gpp.nc", in);
  out = run_task(task_for(dir / "M_S3_gpp.nc"), settings_for(dir / "out"));
  CHECK_THAT(out.error, Catch::Contains("attribute 'calendar'") && Catch::Contains("martian"));

  // Nothing half-written is left behind by the failures.
  std::size_t files = 0;
  if (std::filesystem::exists(dir / "out")) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "out")) {
      files += e.is_regular_file() ? 1 : 0;
    }
  }
  CHECK(files == 0);
}

TEST_CASE("soil layers in cm become a depth axis in metres with bounds", "[convert]") {
  const auto dir = testing::scratch_dir("depth");
  const auto path = dir / "M_S3_tsl.nc";
  {
    auto f = io::File::create(path);
    f.define_dimension("time", 2);
    f.define_dimension("lat", 1);
    f.define_dimension("stlayer", 3);
    f.define_dimension("lon", 2);
    auto tv = f.define_variable("time", io::NcType::Double, {"time"});
    tv.put_attribute("units", "days since 1700-01-01");
    tv.put_attribute("calendar", "noleap");
    f.define_variable("lat", io::NcType::Double, {"lat"});
    f.define_variable("lon", io::NcType::Double, {"lon"});
    f.define_variable("stlayer", io::NcType::Double, {"stlayer"}).put_attribute("units", "cm");
    // (time, lat, layer, lon): a layer between the horizontal dimensions.
    f.define_variable("tsl", io::NcType::Float, {"time", "lat", "stlayer", "lon"})
        .put_attribute("units", "degC");
    f.end_definitions();
    const std::vector<double> time{15.5, 45.0}, lat{10.0}, lon{10.0, 20.0}, layer{5.0, 20.0, 60.0};
    f.variable("time").write({0}, {2}, time.data());
    f.variable("lat").write({0}, {1}, lat.data());
    f.variable("lon").write({0}, {2}, lon.data());
    f.variable("stlayer").write({0}, {3}, layer.data());
    std::vector<float> v;
    for (int t = 0; t < 2; ++t)
      for (int k = 0; k < 3; ++k)
        for (int i = 0; i < 2; ++i) v.push_back(static_cast<float>(10 * t + 2 * k + i));
    f.variable("tsl").write({0, 0, 0, 0}, {2, 1, 3, 2}, v.data());
    f.close();
  }
  auto task = task_for(path);
  task.variable = "tsl";
  task.file_variable = "tsl";
  const auto out = run_task(task, settings_for(dir / "out"));
  REQUIRE(out.status == Status::Ok);
  const auto f = io::File::open_read(dir / "out" / out.outputs[0]);
  CHECK(f.variable("tsl").dimension_names() == std::vector<std::string>{"time", "depth", "lat", "lon"});
  CHECK(f.variable("depth").read_all_1d() == std::vector<double>{0.05, 0.2, 0.6});
  std::vector<double> bnds(6);
  f.variable("depth_bnds").read({0, 0}, {3, 2}, bnds.data());
  // Centres in the middle of their layers from the surface: 0-0.1-0.3-0.9 m.
  const std::vector<double> expected_bnds{0.0, 0.1, 0.1, 0.3, 0.3, 0.9};
  for (std::size_t k = 0; k < 6; ++k) CHECK(bnds[k] == Approx(expected_bnds[k]).epsilon(1e-15));
  std::vector<float> v(12);
  f.variable("tsl").read({0, 0, 0, 0}, {2, 3, 1, 2}, v.data());
  for (int t = 0; t < 2; ++t)
    for (int k = 0; k < 3; ++k)
      for (int i = 0; i < 2; ++i) {
        CHECK(v[static_cast<std::size_t>((t * 3 + k) * 2 + i)] ==
              static_cast<float>(10 * t + 2 * k + i + 273.15));
      }
}

TEST_CASE("output.period writes and reads only the steps inside it", "[convert][time]") {
  const auto dir = testing::scratch_dir("period");
  testing::SmallInput in;
  in.time.clear();
  in.values.clear();
  for (int t = 0; t < 36; ++t) in.time.push_back(15.0 + 30.0 * t);  // 1700-01 .. 1702-12
  in.calendar = "360_day";
  in.units = "kg m-2 s-1";
  for (int t = 0; t < 36; ++t)
    for (int k = 0; k < 8; ++k) in.values.push_back(static_cast<float>(t));
  write_small_input(dir / "M_S3_gpp.nc", in);
  auto s = settings_for(dir / "out");
  s.period = std::make_pair(1701, 1701);
  const auto out = run_task(task_for(dir / "M_S3_gpp.nc"), s);
  REQUIRE(out.status == Status::Ok);
  CHECK(out.outputs == std::vector<std::string>{"S3/M/gpp_Lmon_M_S3_r1i1p1f1_gn_170101-170112.nc"});
  CHECK(out.bytes_read == 12 * 8 * 4);  // 12 of the 36 steps
  const auto v = read_all(dir / "out" / out.outputs[0], "gpp", 12 * 8);
  CHECK(v[0] == 12.0f);
  CHECK(v[11 * 8] == 23.0f);

  s.period = std::make_pair(1980, 2023);
  const auto skipped = run_task(task_for(dir / "M_S3_gpp.nc"), s);
  CHECK(skipped.status == Status::Skipped);
  CHECK_THAT(skipped.error, Catch::Contains("outside period"));
  CHECK(skipped.bytes_read == 0);
}

TEST_CASE("an index-only axis needs an override, and converts with one", "[convert][time]") {
  const auto dir = testing::scratch_dir("index");
  auto in = gpp_input();
  in.time = {1, 2, 3};
  in.time_units = "";
  in.calendar = "";
  write_small_input(dir / "M_S3_gpp.nc", in);
  auto s = settings_for(dir / "out");
  const auto failed = run_task(task_for(dir / "M_S3_gpp.nc"), s);
  CHECK(failed.status == Status::Failed);
  CHECK_THAT(failed.error, Catch::Contains("M_S3_gpp.nc") && Catch::Contains("variable 'time'") &&
                               Catch::Contains("attribute 'units'") &&
                               Catch::Contains("overrides: {M: {time_start:"));

  s.time_overrides["M"] = TimeOverride{{2003, 1, 1}, cf::Frequency::Monthly, cf::Calendar::NoLeap};
  const auto out = run_task(task_for(dir / "M_S3_gpp.nc"), s);
  REQUIRE(out.status == Status::Ok);
  CHECK(out.outputs == std::vector<std::string>{"S3/M/gpp_Lmon_M_S3_r1i1p1f1_gn_200301-200303.nc"});
  const auto f = io::File::open_read(dir / "out" / out.outputs[0]);
  CHECK(f.variable("time").text_attribute("calendar") == "noleap");
}

TEST_CASE("a target grid can be read from a NetCDF file with its bounds", "[grid]") {
  const auto dir = testing::scratch_dir("target");
  const auto path = dir / "grid.nc";
  {
    auto f = io::File::create(path);
    f.define_dimension("lat", 2);
    f.define_dimension("lon", 3);
    f.define_dimension("nv", 2);
    f.define_variable("lat", io::NcType::Double, {"lat"}).put_attribute("bounds", "lat_bnds");
    f.define_variable("lat_bnds", io::NcType::Double, {"lat", "nv"});
    f.define_variable("lon", io::NcType::Double, {"lon"});
    f.end_definitions();
    const std::vector<double> lat{-30.0, 30.0}, bnds{-90.0, 10.0, 10.0, 90.0}, lon{-120.0, 0.0, 120.0};
    f.variable("lat").write({0}, {2}, lat.data());
    f.variable("lat_bnds").write({0, 0}, {2, 2}, bnds.data());
    f.variable("lon").write({0}, {3}, lon.data());
    f.close();
  }
  const auto g = load_target_grid(path.string());
  CHECK(g.lat.lower == std::vector<double>{-90.0, 10.0});
  CHECK(g.lon.centres == std::vector<double>{-120.0, 0.0, 120.0});
  CHECK(g.lon.lower.front() == -180.0);
  const auto spec = load_target_grid("0.5x0.5");
  CHECK(spec.lat.size() == 360);
  CHECK(spec.lon.centres.front() == -179.75);
  CHECK_THROWS(load_target_grid("0.7x1"));
}

namespace {
// msl (time=1, smlayer, lat=1, lon=1) with layer k holding 10^k kg m-2.
void write_msl(const std::filesystem::path& path, const std::vector<double>& centres_m) {
  auto f = io::File::create(path);
  f.define_dimension("time", 1);
  f.define_dimension("smlayer", centres_m.size());
  f.define_dimension("lat", 1);
  f.define_dimension("lon", 1);
  auto tv = f.define_variable("time", io::NcType::Double, {"time"});
  tv.put_attribute("units", "days since 1700-01-01");
  f.define_variable("lat", io::NcType::Double, {"lat"});
  f.define_variable("lon", io::NcType::Double, {"lon"});
  f.define_variable("smlayer", io::NcType::Double, {"smlayer"}).put_attribute("units", "m");
  f.define_variable("msl", io::NcType::Float, {"time", "smlayer", "lat", "lon"})
      .put_attribute("units", "kg m-2");
  f.end_definitions();
  const std::vector<double> t{15.5}, zero{0.0};
  f.variable("time").write({0}, {1}, t.data());
  f.variable("lat").write({0}, {1}, zero.data());
  f.variable("lon").write({0}, {1}, zero.data());
  f.variable("smlayer").write({0}, {centres_m.size()}, centres_m.data());
  std::vector<float> v;
  for (std::size_t k = 0; k < centres_m.size(); ++k) v.push_back(std::pow(10.0f, static_cast<float>(k)));
  f.variable("msl").write({0, 0, 0, 0}, {1, centres_m.size(), 1, 1}, v.data());
  f.close();
}
}  // namespace

TEST_CASE("mrsos is the sum of the layers in the top 10 cm, or skipped when no edge lies there", "[convert]") {
  const auto dir = testing::scratch_dir("mrsos");
  auto task = task_for(dir / "M_S3_msl.nc");
  task.variable = "mrsos";
  task.file_variable = "msl";
  // Centres 0.025, 0.075, 0.3: layers 0-0.05-0.1-0.5 m; the top 10 cm = layers 0 and 1.
  write_msl(dir / "M_S3_msl.nc", {0.025, 0.075, 0.3});
  const auto out = run_task(task, settings_for(dir / "out"));
  REQUIRE(out.status == Status::Ok);
  const auto f = io::File::open_read(dir / "out" / out.outputs[0]);
  std::vector<float> v(1);
  f.variable("mrsos").read({0, 0, 0}, {1, 1, 1}, v.data());
  CHECK(v[0] == 11.0f);
  CHECK_FALSE(f.has_variable("depth"));

  // Centres 0.2, 0.6: layers 0-0.4-0.8 m; no edge at 0.1 m.
  write_msl(dir / "M_S3_msl.nc", {0.2, 0.6});
  const auto skipped = run_task(task, settings_for(dir / "out2"));
  CHECK(skipped.status == Status::Skipped);
  CHECK_THAT(skipped.error, Catch::Contains("top 0.1 m"));
}
