// The fast output codec (ISA-L/libdeflate + HDF5 direct chunk writes) against
// the plain netCDF/zlib path: same file structure, same values, bit for bit.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "small_files.hpp"
#include "trendy_ilamb/cf/time_units.hpp"
#include "trendy_ilamb/codec/chunk_codec.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/output_writer.hpp"

using namespace ti;
using namespace ti::pipeline;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kLat = 36, kLon = 72, kSteps = 14;

std::vector<double> centres(double first, double step, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = first + step * static_cast<double>(i);
  return v;
}

OutputSpec spec_for(const fs::path& path, bool with_time, std::size_t layers, int level,
                    codec::Codec c) {
  OutputSpec s;
  s.final_path = path;
  s.variable = "gpp";
  s.variable_attributes = {io::text_att("units", "kg m-2 s-1"), io::text_att("standard_name", "gross_primary_productivity_of_biomass_expressed_as_carbon")};
  s.lat = cf::plan_latitude(centres(87.5, -5.0, kLat));   // descending, as many models
  s.lon = cf::plan_longitude(centres(2.5, 5.0, kLon));
  if (with_time) {
    TimeSpec t;
    t.units = cf::parse_time_units("days since 1700-01-01 00:00:00");
    for (std::size_t i = 0; i < kSteps; ++i) {
      t.axis.lower.push_back(30.0 * static_cast<double>(i));
      t.axis.upper.push_back(30.0 * static_cast<double>(i + 1));
      t.axis.value.push_back(30.0 * static_cast<double>(i) + 15.0);
    }
    s.time = t;
  }
  if (layers > 0) {
    DepthAxis d;
    for (std::size_t k = 0; k < layers; ++k) {
      d.lower.push_back(static_cast<double>(k));
      d.upper.push_back(static_cast<double>(k + 1));
      d.centres.push_back(static_cast<double>(k) + 0.5);
    }
    s.depth = d;
  }
  s.global_attributes = {io::text_att("input_file", "/release/M/S3/M_S3_gpp.nc")};
  s.compression = level;
  s.codec = c;
  return s;
}

// Land-like values: ocean fill, a smooth field with noise, some exact zeros,
// one all-fill step and one constant step.
std::vector<float> values_for(std::size_t steps, std::size_t per_step) {
  std::mt19937 gen(42);
  std::normal_distribution<float> noise(0.0f, 1e-9f);
  std::vector<float> v(steps * per_step);
  for (std::size_t t = 0; t < steps; ++t) {
    for (std::size_t i = 0; i < per_step; ++i) {
      float& x = v[t * per_step + i];
      const std::size_t cell = i % (kLat * kLon);
      if (t == 3) {
        x = 1e20f;
      } else if (t == 5) {
        x = 2.5e-8f;
      } else if ((cell / 7) % 3 == 0) {
        x = 1e20f;
      } else if (cell % 11 == 0) {
        x = 0.0f;
      } else {
        x = 3e-8f * static_cast<float>(std::sin(0.01 * static_cast<double>(i + t * 17))) + noise(gen);
      }
    }
  }
  return v;
}

struct Written {
  bool fast = false;
  std::vector<std::string> notes;
  std::uint64_t bytes = 0;
};

// Writes in slabs of 5 steps (the last one shorter), as convert_file does.
Written write(const OutputSpec& spec, const std::vector<float>& v) {
  OutputWriter w(spec);
  const std::size_t per = w.values_per_step();
  const std::size_t steps = spec.time ? kSteps : 1;
  for (std::size_t t0 = 0; t0 < steps; t0 += 5) {
    const std::size_t nt = std::min<std::size_t>(5, steps - t0);
    w.write_steps(t0, nt, v.data() + t0 * per);
  }
  Written out{w.fast(), w.notes(), 0};
  out.bytes = w.commit();
  return out;
}

std::vector<float> read_all(const fs::path& path, std::vector<std::size_t>& shape, io::Storage& st,
                            std::vector<io::Attribute>& atts) {
  const auto f = io::File::open_read(path);
  const auto var = f.variable("gpp");
  shape = var.shape();
  st = var.storage();
  atts = var.attributes();
  std::size_t n = 1;
  for (auto d : shape) n *= d;
  std::vector<float> out(n);
  var.read(std::vector<std::size_t>(shape.size(), 0), shape, out.data());
  return out;
}

std::string run_capture(const std::string& cmd, int& rc) {
  const auto out_file = fs::temp_directory_path() / "ti_codec_cmd.txt";
  rc = std::system((cmd + " > " + out_file.string() + " 2>&1").c_str());
  std::ifstream in(out_file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool have_tool(const std::string& name) {
  return std::system(("command -v " + name + " > /dev/null 2>&1").c_str()) == 0;
}

void compare_paths(bool with_time, std::size_t layers, int level) {
  const auto dir = testing::scratch_dir("codec_" + std::to_string(with_time) + std::to_string(layers) +
                                        "_" + std::to_string(level));
  const auto fast_spec = spec_for(dir / "fast.nc", with_time, layers, level, codec::Codec::Fast);
  const auto zlib_spec = spec_for(dir / "zlib.nc", with_time, layers, level, codec::Codec::Zlib);
  const std::size_t per = kLat * kLon * std::max<std::size_t>(layers, 1);
  const auto v = values_for(with_time ? kSteps : 1, per);

  const auto wf = write(fast_spec, v);
  const auto wz = write(zlib_spec, v);
  CHECK_FALSE(wz.fast);
  CHECK(wz.notes.empty());
  CHECK(wf.notes.empty());
  CHECK(wf.fast == (level > 0 && codec::supports_level(level)));

  std::vector<std::size_t> shape_f, shape_z;
  io::Storage st_f, st_z;
  std::vector<io::Attribute> atts_f, atts_z;
  const auto got_f = read_all(dir / "fast.nc", shape_f, st_f, atts_f);
  const auto got_z = read_all(dir / "zlib.nc", shape_z, st_z, atts_z);
  CHECK(shape_f == shape_z);
  REQUIRE(got_f.size() == v.size());
  REQUIRE(got_z.size() == v.size());
  CHECK(std::memcmp(got_f.data(), v.data(), v.size() * sizeof(float)) == 0);
  CHECK(std::memcmp(got_z.data(), v.data(), v.size() * sizeof(float)) == 0);
  // The same chunking and filters, as netCDF reports them.
  CHECK(st_f.chunked == st_z.chunked);
  CHECK(st_f.chunks == st_z.chunks);
  CHECK(st_f.shuffle == st_z.shuffle);
  CHECK(st_f.deflate_level == st_z.deflate_level);
  CHECK(st_f.deflate_level == level);
  REQUIRE(atts_f.size() == atts_z.size());
  for (std::size_t i = 0; i < atts_f.size(); ++i) {
    CHECK(atts_f[i].name == atts_z[i].name);
    CHECK(atts_f[i].text == atts_z[i].text);
    CHECK(atts_f[i].numbers == atts_z[i].numbers);
  }
  INFO("fast " << wf.bytes << " bytes, zlib " << wz.bytes << " bytes");
  CHECK(static_cast<double>(wf.bytes) <= 1.10 * static_cast<double>(wz.bytes));

  // Stock tools read the fast file as they read the plain one.
  if (have_tool("ncdump")) {
    int rc_f = -1, rc_z = -1;
    const auto hf = run_capture("ncdump -hs " + (dir / "fast.nc").string(), rc_f);
    const auto hz = run_capture("ncdump -hs " + (dir / "zlib.nc").string(), rc_z);
    CHECK(rc_f == 0);
    CHECK(rc_z == 0);
    // Identical headers, storage attributes included (_ChunkSizes, _Shuffle,
    // _DeflateLevel), but for the file name on the first line.
    CHECK(hf.substr(hf.find('\n')) == hz.substr(hz.find('\n')));
    CHECK((hf.find("_Shuffle") != std::string::npos || level == 0));
    const auto df = run_capture("ncdump -v gpp " + (dir / "fast.nc").string(), rc_f);
    const auto dz = run_capture("ncdump -v gpp " + (dir / "zlib.nc").string(), rc_z);
    CHECK(rc_f == 0);
    CHECK(df.substr(df.find('\n')) == dz.substr(dz.find('\n')));
  }
  if (have_tool("cdo")) {
    int rc_f = -1, rc_z = -1;
    const auto cf_ = run_capture("cdo -s info " + (dir / "fast.nc").string(), rc_f);
    const auto cz = run_capture("cdo -s info " + (dir / "zlib.nc").string(), rc_z);
    INFO(cf_);
    CHECK(rc_f == 0);
    CHECK(cf_ == cz);
  }
}

}  // namespace

TEST_CASE("fast and zlib outputs are the same file to readers: monthly maps", "[output][codec]") {
  compare_paths(true, 0, 1);
}

TEST_CASE("fast and zlib outputs are the same file to readers: layers, fixed fields",
          "[output][codec]") {
  compare_paths(true, 3, 1);
  compare_paths(false, 0, 1);
}

TEST_CASE("fast and zlib outputs are the same file to readers: other levels", "[output][codec]") {
  compare_paths(true, 0, 4);
  compare_paths(true, 0, 9);
  compare_paths(true, 0, 0);  // no deflate: written by netCDF either way
}

TEST_CASE("a fast writer destroyed without commit leaves nothing behind", "[output][codec]") {
  const auto dir = testing::scratch_dir("codec_raii");
  const auto spec = spec_for(dir / "fast.nc", true, 0, 1, codec::Codec::Fast);
  const auto v = values_for(kSteps, kLat * kLon);
  {
    OutputWriter w(spec);
    w.write_steps(0, 5, v.data());
  }
  CHECK(fs::is_empty(dir));
}
