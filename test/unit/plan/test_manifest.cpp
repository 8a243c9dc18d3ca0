#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "trendy_ilamb/plan/manifest.hpp"

using namespace ti::plan;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}
}  // namespace

TEST_CASE("a task is skipped only while input, config, version and outputs all match", "[manifest]") {
  const auto root = fs::temp_directory_path() / "ti_manifest_test";
  fs::remove_all(root);
  write(root / "in" / "M_S3_gpp.nc", "input bytes");
  write(root / "out" / "S3/M/gpp.nc", "output bytes");
  ti::pipeline::Task t;
  t.input = (root / "in" / "M_S3_gpp.nc").string();
  t.model = "M";
  t.simulation = "S3";
  t.variable = "gpp";
  ti::pipeline::Outcome o;
  o.outputs = {"S3/M/gpp.nc"};
  {
    Manifest m((root / "out").string(), "hash1", "0.1");
    CHECK_FALSE(m.done(t));
    m.record(t, o);
    CHECK(m.done(t) == std::vector<std::string>{"S3/M/gpp.nc"});
  }
  // A later run reads the manifest back.
  CHECK(Manifest((root / "out").string(), "hash1", "0.1").done(t));
  CHECK_FALSE(Manifest((root / "out").string(), "hash2", "0.1").done(t));  // config changed
  CHECK_FALSE(Manifest((root / "out").string(), "hash1", "0.2").done(t));  // another version
  write(root / "out" / "S3/M/gpp.nc", "truncated");                        // output size differs
  CHECK_FALSE(Manifest((root / "out").string(), "hash1", "0.1").done(t));
  write(root / "out" / "S3/M/gpp.nc", "output bytes");
  write(root / "in" / "M_S3_gpp.nc", "input bytes, changed");             // input changed
  CHECK_FALSE(Manifest((root / "out").string(), "hash1", "0.1").done(t));
  // A line torn by a kill is ignored, not fatal.
  std::ofstream(root / "out" / "manifest.jsonl", std::ios::app) << "{\"key\": \"conv";
  CHECK_NOTHROW(Manifest((root / "out").string(), "hash1", "0.1"));
  write(root / "in" / "M_S3_gpp.nc", "input bytes");
  {
    Manifest m((root / "out").string(), "hash1", "0.1");
    m.record(t, o);  // after the torn line, on a line of its own
  }
  CHECK(Manifest((root / "out").string(), "hash1", "0.1").done(t));
}
