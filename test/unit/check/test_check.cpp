#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "folders.hpp"
#include "trendy_ilamb/check/check.hpp"
#include "trendy_ilamb/check/report.hpp"

using namespace checktest;
using ti::check::Finding;
using ti::check::Severity;

namespace {

std::string dump(const std::vector<Finding>& fs) {
  std::ostringstream out;
  for (const auto& f : fs) {
    out << f.model << " | " << f.file << " | " << f.check << " | "
        << ti::check::severity_name(f.severity) << " | " << f.message << "\n";
  }
  return out.str();
}

bool has(const std::vector<Finding>& fs, const std::string& check, const std::string& text,
         Severity s = Severity::Error) {
  return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) {
    return f.check == check && f.severity == s && f.message.find(text) != std::string::npos;
  });
}

// Checks `root`, expects it to fail with `check` and `text` in the message.
void expect_error(const fs::path& root, const std::string& check, const std::string& text) {
  const auto findings = ti::check::check_model_root(root.string());
  INFO(dump(findings));
  CHECK(ti::check::has_errors(findings));
  CHECK(has(findings, check, text));
}

}  // namespace

TEST_CASE("a correct model folder passes without findings", "[check]") {
  const auto root = good_folder("good");
  const auto result = ti::check::check_root(root.string());
  INFO(dump(result.findings));
  CHECK(result.findings.empty());
  CHECK(result.models == std::vector<std::string>{"Model"});
  CHECK(result.files_checked == 4);
  CHECK(ti::check::format_table(result).find("OK") != std::string::npos);
  CHECK(ti::check::to_json(root.string(), result)["ok"] == true);
}

TEST_CASE("check_file on a correct file finds nothing", "[check]") {
  const auto root = good_folder("file");
  CHECK(ti::check::check_file((root / "Model" / "gpp_a.nc").string()).empty());
}

TEST_CASE("broken folder 1: overlapping files of one variable", "[check]") {
  const auto root = good_folder("overlap");
  DataSpec s;
  s.first_month = 2;  // months 2..4 overlap gpp_a (0..2)
  write_data(root / "Model" / "gpp_b.nc", s);
  const auto findings = ti::check::check_model_root(root.string());
  INFO(dump(findings));
  CHECK(has(findings, "overlap", "gpp: time ranges overlap: gpp_a.nc"));
  CHECK(has(findings, "overlap", "and gpp_b.nc"));
}

TEST_CASE("broken folder 2: missing time bounds", "[check]") {
  const auto root = good_folder("nobounds");
  DataSpec s;
  s.time_bounds = false;
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "time_bounds", "time has no 'bounds' attribute");
}

TEST_CASE("broken folder 3: (lat, lon, time) dimension order", "[check]") {
  const auto root = good_folder("order");
  DataSpec s;
  s.lat_lon_time = true;
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "dims", "gpp(lat, lon, time): ILAMB counts data as spatial only when its "
                             "last two dimensions are lat and lon");
}

TEST_CASE("broken folder 4a: units UDUNITS-2 cannot parse", "[check]") {
  const auto root = good_folder("kgco2");
  DataSpec s;
  s.units = "kgCO2 m-2 s-1";
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "units", "gpp: units 'kgCO2 m-2 s-1' do not parse with UDUNITS-2");
}

TEST_CASE("broken folder 4b: units that do not convert to ILAMB's", "[check]") {
  const auto root = good_folder("wm2");
  DataSpec s;
  s.units = "W m-2";
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "units", "gpp: units 'W m-2' do not convert to 'kg m-2 s-1'");
}

TEST_CASE("broken folder 5: descending latitude", "[check]") {
  const auto root = good_folder("desclat");
  DataSpec s;
  s.axes.lat = {45.0, -45.0};
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "grid", "'lat' is not ascending (first 45, last -45)");
}

TEST_CASE("broken folder 6: two experiments in one folder", "[check]") {
  const auto root = good_folder("twoexp");
  DataSpec s;
  s.var = "npp";
  s.experiment = "S0";
  write_data(root / "Model" / "npp_S0.nc", s);
  expect_error(root, "experiment", "more than one experiment_id in one model folder: 'S0' in "
                                   "npp_S0.nc; 'S3' in");
}

TEST_CASE("broken folder 7: missing sftlf", "[check]") {
  const auto root = good_folder("nosftlf");
  fs::remove(root / "Model" / "sftlf.nc");
  expect_error(root, "fixed_fields", "no sftlf in the model folder");
}

TEST_CASE("broken folder 8: areacella on another grid than the data", "[check]") {
  const auto root = good_folder("areagrid");
  Axes other;
  other.lon = {-90.0, 90.0};
  write_fixed(root / "Model" / "areacella.nc", "areacella", "m2", 1.0e12, other);
  expect_error(root, "fixed_fields", "areacella grid 2 lat (-45 .. 45) x 2 lon (-90 .. 90) differs "
                                     "from the data grid");
}

TEST_CASE("broken folder 9: months since in a noleap calendar", "[check]") {
  const auto root = good_folder("months");
  DataSpec s;
  s.time_units = "months since 1700-01-01";
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "time", "cftime rejects years/months since");
}

TEST_CASE("broken folder 10: sftlf as a fraction", "[check]") {
  const auto root = good_folder("fraction");
  write_fixed(root / "Model" / "sftlf.nc", "sftlf", "1", 1.0);
  expect_error(root, "fixed_fields", "sftlf looks like a fraction (max 1, units '1')");
}

TEST_CASE("broken folder 11: longitudes 0..360", "[check]") {
  const auto root = good_folder("lon360");
  DataSpec s;
  s.axes.lon = {45.0, 135.0, 225.0, 315.0};
  write_data(root / "Model" / "gpp_a.nc", s);
  expect_error(root, "grid", "lon spans 45 .. 315, outside [-180, 180)");
}

TEST_CASE("broken folder 12: two areacella files", "[check]") {
  const auto root = good_folder("twoarea");
  fs::create_directories(root / "Model" / "sub");
  write_fixed(root / "Model" / "sub" / "areacella2.nc", "areacella", "m2", 1.0e12);
  expect_error(root, "fixed_fields", "2 files hold areacella (areacella.nc, sub/areacella2.nc)");
}

TEST_CASE("warnings alone do not fail: kgC units and a naming hazard", "[check]") {
  const auto root = good_folder("warn");
  DataSpec s;
  s.units = "kgC m-2 s-1";
  write_data(root / "Model" / "gpp_a.nc", s);
  DataSpec h;
  h.var = "latent";
  h.units = "W m-2";
  write_data(root / "Model" / "latent.nc", h);
  const auto findings = ti::check::check_model_root(root.string());
  INFO(dump(findings));
  CHECK_FALSE(ti::check::has_errors(findings));
  CHECK(has(findings, "units", "parse only after ILAMB's clean-up", Severity::Warning));
  CHECK(has(findings, "naming", "'latent' starts or ends with \"lat\"", Severity::Warning));
}

TEST_CASE("a file directly in the model root is an error", "[check]") {
  const auto root = good_folder("toplevel");
  write_data(root / "gpp.nc", DataSpec{});
  expect_error(root, "layout", "directly in the model root");
}
