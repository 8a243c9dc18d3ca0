// trendy_verify_split SPLIT_ROOT WHOLE_ROOT
// A split run (run.split_mb small) against the same release converted
// whole: every whole output's pieces in the split run, in name order, must
// concatenate to exactly its time, time_bnds and data (bit for bit), with the
// same lat/lon/bounds; fixed fields must be identical; no other files.
// Exit status: 0 all equal, 1 a difference, 2 usage.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "nc_reader.hpp"  // the verifiers' own reader, not the converter's io layer

namespace fs = std::filesystem;
using ti::verify::nc::File;

namespace {

// Everything of a variable, as raw doubles (float data widens exactly).
std::vector<double> whole(const File& f, const std::string& name) {
  const auto v = f.variable(name);
  const auto shape = v.shape();
  std::size_t n = 1;
  for (auto s : shape) n *= s;
  std::vector<double> out(n);
  if (n > 0) v.read(std::vector<std::size_t>(shape.size(), 0), shape, out.data());
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// "gpp_Lmon_M_S3_r1i1p1f1_gn_170001-170112.nc" -> "gpp_Lmon_M_S3_r1i1p1f1_gn_"
std::string series_key(const std::string& name) {
  const auto us = name.rfind('_');
  return us == std::string::npos ? name : name.substr(0, us + 1);
}

struct Checker {
  int problems = 0;
  int pieces = 0;
  int series_split = 0;
  void fail(const std::string& what) {
    ++problems;
    fmt::print(stderr, "{}\n", what);
  }
};

void compare_series(Checker& c, const fs::path& whole_file, std::vector<fs::path> parts, bool timed) {
  std::sort(parts.begin(), parts.end());
  const File w = File::open_read(whole_file);
  const std::string var = whole_file.filename().string().substr(0, whole_file.filename().string().find('_'));
  std::map<std::string, std::vector<double>> joined;
  for (const auto& p : parts) {
    const File f = File::open_read(p);
    std::vector<std::string> names{var};
    if (timed) names = {"time", "time_bnds", var};
    for (const auto& name : names) {
      const auto v = whole(f, name);
      joined[name].insert(joined[name].end(), v.begin(), v.end());
    }
    for (const std::string name : {"lat", "lon", "lat_bnds", "lon_bnds"}) {
      if (!same_bits(whole(f, name), whole(w, name))) c.fail(fmt::format("{}: {} differs", p.string(), name));
    }
  }
  for (const auto& [name, values] : joined) {
    if (!same_bits(values, whole(w, name))) {
      c.fail(fmt::format("{}: pieces {}..{} do not concatenate to its {}", whole_file.string(),
                         parts.front().filename().string(), parts.back().filename().string(), name));
    }
  }
  c.pieces += static_cast<int>(parts.size());
  if (parts.size() > 1) ++c.series_split;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    fmt::print(stderr, "usage: trendy_verify_split SPLIT_ROOT WHOLE_ROOT\n");
    return 2;
  }
  const fs::path split_root = argv[1];
  const fs::path whole_root = argv[2];
  Checker c;
  std::map<fs::path, std::map<std::string, std::vector<fs::path>>> split_files;  // folder -> key -> files
  for (const auto& e : fs::recursive_directory_iterator(split_root)) {
    const auto name = e.path().filename().string();
    if (!e.is_regular_file() || !name.ends_with(".nc") || name.starts_with(".")) continue;
    const bool fixed = name.find("_fx_") != std::string::npos;
    split_files[fs::relative(e.path().parent_path(), split_root)][fixed ? name : series_key(name)].push_back(e.path());
  }
  int series = 0;
  try {
    for (const auto& e : fs::recursive_directory_iterator(whole_root)) {
      const auto name = e.path().filename().string();
      if (!e.is_regular_file() || !name.ends_with(".nc") || name.starts_with(".")) continue;
      const auto folder = fs::relative(e.path().parent_path(), whole_root);
      const bool fixed = name.find("_fx_") != std::string::npos;
      auto& bucket = split_files[folder];
      const auto it = bucket.find(fixed ? name : series_key(name));
      if (it == bucket.end()) {
        c.fail(fmt::format("{}: no counterpart in {}", e.path().string(), split_root.string()));
        continue;
      }
      ++series;
      compare_series(c, e.path(), it->second, !fixed);
      bucket.erase(it);
    }
  } catch (const std::exception& ex) {
    c.fail(ex.what());
  }
  for (const auto& [folder, bucket] : split_files) {
    for (const auto& [key, files] : bucket) c.fail(fmt::format("{}: extra file(s) in the split run", files.front().string()));
  }
  fmt::print("trendy_verify_split: {} series, {} split into {} files in all; {} problem(s)\n", series,
             c.series_split, c.pieces, c.problems);
  return c.problems == 0 && c.series_split > 0 ? 0 : 1;
}
