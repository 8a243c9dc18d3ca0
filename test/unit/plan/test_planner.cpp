// The planner's split into whole-year pieces and its cost model, on small
// real NetCDF files whose sizes are known exactly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <vector>

#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/plan/catalogue.hpp"
#include "trendy_ilamb/plan/cost_model.hpp"
#include "trendy_ilamb/plan/planner.hpp"

using namespace ti::plan;
namespace fs = std::filesystem;

namespace {

// gpp(time, lat, lon) float on a 10 x 20 grid: 800 bytes per step.
void write_monthly(const fs::path& p, std::size_t nt, bool deflate) {
  fs::create_directories(p.parent_path());
  auto f = ti::io::File::create(p);
  f.define_dimension("time", nt);
  f.define_dimension("lat", 10);
  f.define_dimension("lon", 20);
  auto t = f.define_variable("time", ti::io::NcType::Double, {"time"});
  t.put_attribute("units", "days since 1700-01-01");
  f.define_variable("lat", ti::io::NcType::Double, {"lat"}).put_attribute("units", "degrees_north");
  f.define_variable("lon", ti::io::NcType::Double, {"lon"}).put_attribute("units", "degrees_east");
  auto v = f.define_variable("gpp", ti::io::NcType::Float, {"time", "lat", "lon"});
  v.put_attribute("units", "kg m-2 s-1");
  if (deflate) v.set_deflate(true, 1);
  f.end_definitions();
  f.close();
}

Catalogue release(const fs::path& root) {
  fs::remove_all(root);
  write_monthly(root / "A/S3/A_S3_gpp.nc", 120, false);  // 10 years, 96000 bytes
  write_monthly(root / "A/S3/A_S3_npp.nc", 24, true);    // 2 years, 19200 bytes
  Config c;
  c.input.root = root.string();
  return discover(c, ti::cf::VariableTable::builtin());
}

}  // namespace

TEST_CASE("inputs above run.split_mb become whole-year pieces", "[planner]") {
  const auto root = fs::temp_directory_path() / "ti_planner_split";
  const auto cat = release(root);

  PlanOptions none;
  none.split_mb = 0.0;
  const auto whole = make_plan(cat, none);
  REQUIRE(whole.tasks.size() == 2);
  CHECK(whole.tasks[0].bytes == 96000.0);
  CHECK(whole.tasks[1].bytes == 19200.0);
  CHECK_FALSE(whole.tasks[0].piece.has_value());

  PlanOptions split;
  split.split_mb = 0.025;  // 25000 bytes: gpp -> ceil(96000/25000) = 4 pieces; npp stays whole
  const auto p = make_plan(cat, split);
  REQUIRE(p.tasks.size() == 5);
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(p.tasks[k].input == whole.tasks[0].input);
    REQUIRE(p.tasks[k].piece.has_value());
    CHECK(p.tasks[k].piece->index == k);
    CHECK(p.tasks[k].piece->count == 4);
    CHECK(p.tasks[k].bytes == 24000.0);
    CHECK(p.tasks[k].id == k + 1);
  }
  CHECK_FALSE(p.tasks[4].piece.has_value());
  CHECK(p.tasks[4].id == 5);

  // Never more pieces than years: 1 kB would ask for 96, the file has 10.
  split.split_mb = 0.001;
  CHECK(make_plan(cat, split).tasks.size() == 10 + 2);  // npp: 2 years -> 2 pieces
  fs::remove_all(root);
}

TEST_CASE("the automatic split threshold is a quarter of a 96-rank share, at least 256 MB",
          "[planner]") {
  const PlanOptions automatic;
  CHECK(split_threshold_bytes(automatic, 1e9) == 256e6);
  CHECK(split_threshold_bytes(automatic, 384e9) == 1e9);
  PlanOptions off;
  off.split_mb = 0.0;
  CHECK(split_threshold_bytes(off, 384e9) == 0.0);
}

TEST_CASE("costs: bytes x storage factor without history, measured rates with it", "[planner]") {
  const CostModel fresh;
  const double plain = fresh.estimate("a.nc", 200e6, InputStorage::Plain, false);
  CHECK(plain == Approx(CostModel::kTaskOverheadSeconds + 1.0));
  CHECK(fresh.estimate("a.nc", 200e6, InputStorage::Deflated, false) ==
        Approx(CostModel::kTaskOverheadSeconds + 2.0));
  CHECK(fresh.estimate("a.nc", 200e6, InputStorage::Plain, true) ==
        Approx(CostModel::kTaskOverheadSeconds + 1.5));

  const auto dir = fs::temp_directory_path() / "ti_cost_model";
  fs::create_directories(dir);
  const auto report = dir / "report.json";
  std::ofstream(report) << R"({"tasks": [
    {"input": "/r/a.nc", "kind": "convert", "status": "ok", "seconds": 4.0, "bytes_read": 100},
    {"input": "/r/b.nc", "kind": "convert", "status": "ok", "seconds": 1.0, "bytes_read": 100},
    {"input": "/r/c.nc", "kind": "convert", "status": "ok", "seconds": 3.0, "bytes_read": 100},
    {"input": "/r/d.nc", "kind": "convert", "status": "ok", "seconds": 10.0, "bytes_read": 100},
    {"input": "/r/e.nc", "kind": "convert", "status": "failed", "seconds": 50.0, "bytes_read": 100},
    {"input": "/r/a.nc", "kind": "fixed", "status": "ok", "seconds": 9.0, "bytes_read": 0}]})";
  const std::map<std::string, InputStorage> storage{{"/r/a.nc", InputStorage::Plain},
                                                    {"/r/b.nc", InputStorage::Plain},
                                                    {"/r/c.nc", InputStorage::Plain},
                                                    {"/r/d.nc", InputStorage::Deflated}};
  const CostModel m = load_cost_model(report.string(), storage);
  REQUIRE(m.calibrated());
  // A file measured before costs its own rate: 4 s per 100 bytes.
  CHECK(m.estimate("/r/a.nc", 100, InputStorage::Plain, false) == Approx(4.0));
  CHECK(m.estimate("/r/a.nc", 100, InputStorage::Plain, false, 0.25) == Approx(1.0));
  // A new plain file: the median plain rate (3 s per 100 bytes), plus overhead.
  CHECK(m.estimate("/r/new.nc", 200, InputStorage::Plain, false) ==
        Approx(CostModel::kTaskOverheadSeconds + 6.0));
  // A new deflated file: the deflated median (0.1 s/byte).
  CHECK(m.estimate("/r/new2.nc", 10, InputStorage::Deflated, false) ==
        Approx(CostModel::kTaskOverheadSeconds + 1.0));
  // No gz/bz2 file before: the plain rate times the storage factor (3).
  CHECK(m.estimate("/r/new3.nc", 10, InputStorage::Wrapped, false) ==
        Approx(CostModel::kTaskOverheadSeconds + 0.9));
  // A failed task is not a measurement; a missing report is no history.
  CHECK(m.measured_seconds.count("/r/e.nc") == 0);
  CHECK_FALSE(load_cost_model((dir / "absent.json").string(), storage).calibrated());
  fs::remove_all(dir);
}
