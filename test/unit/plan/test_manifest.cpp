#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "trendy_ilamb/plan/manifest.hpp"

using namespace ti::plan;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
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
  // A second task whose input and output never change below.
  write(root / "in" / "M_S3_npp.nc", "npp input");
  write(root / "out" / "S3/M/npp.nc", "npp output");
  ti::pipeline::Task t2 = t;
  t2.input = (root / "in" / "M_S3_npp.nc").string();
  t2.variable = "npp";
  ti::pipeline::Outcome o2;
  o2.outputs = {"S3/M/npp.nc"};
  {
    Manifest m((root / "out").string(), "hash1", "0.1");
    CHECK_FALSE(m.done(t));
    m.record(t, o);
    CHECK(m.done(t) == std::vector<std::string>{"S3/M/gpp.nc"});
    m.record(t2, o2);
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
  const fs::path jsonl = root / "out" / "manifest.jsonl";
  std::ofstream(jsonl, std::ios::app) << "{\"key\": \"conv";
  const std::string torn = read(jsonl);
  const auto names_before = names_in(root / "out");
  {
    const Manifest m((root / "out").string(), "hash1", "0.1");
    // The lines before the torn one still count: t2 is still done, t is not
    // (its input changed above).
    CHECK(m.done(t2) == std::vector<std::string>{"S3/M/npp.nc"});
    CHECK_FALSE(m.done(t));
  }
  // The constructor only reads: the file keeps its bytes, torn line included
  // (record() starts a new line after it), and no file appears or goes.
  CHECK(read(jsonl) == torn);
  CHECK(torn.ends_with("{\"key\": \"conv"));
  CHECK(names_in(root / "out") == names_before);
  write(root / "in" / "M_S3_gpp.nc", "input bytes");
  {
    Manifest m((root / "out").string(), "hash1", "0.1");
    m.record(t, o);  // after the torn line, on a line of its own
  }
  CHECK(Manifest((root / "out").string(), "hash1", "0.1").done(t));
  CHECK(read(jsonl).starts_with(torn + "\n"));  // the record went on a line of its own
  CHECK(Manifest((root / "out").string(), "hash1", "0.1").done(t2));
}
