#pragma once
// trendy_synth: writes a small synthetic TRENDY-like release whose every
// value is known (analytic.hpp), in the varied styles of real models
// (profile.hpp), for the converter's tests.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "trendy_ilamb/synth/profile.hpp"
#include "trendy_ilamb/synth/values.hpp"

namespace ti::synth {

struct ReleaseOptions {
  std::filesystem::path out;  // release root
  std::vector<Profile> profiles = default_profiles();
  int models = 0;           // first N profiles; 0 = all
  int years = 3;            // years per file from each profile's start
  double resolution = 1.0;  // degrees; 180/res must be whole
  std::vector<std::string> simulations{"S3"};
  int deflate_level = 1;
  // false: the profiles' corrupt_variables are written as ordinary good
  // files (a clean release, every task of a conversion ok).
  bool corrupt = true;
};

// The release's description, written last into <out>/kDescriptionName (so
// a release that has it is complete):
//   {"generator": "trendy_synth", "years": N, "resolution": R,
//    "simulations": [...], "folders": [the written profiles' folders, in
//    order], "corrupt": true|false}
inline constexpr const char* kDescriptionName = "trendy_synth.json";
std::string release_description(const ReleaseOptions& options);

struct WrittenFile {
  std::filesystem::path path;
  std::string folder;
  std::string simulation;
  std::string variable;  // TRENDY name, as in the file name
  std::string profile;   // Profile::name
  bool corrupt = false;  // deliberately unreadable
};

// <out>/<folder>/<Sx>/<prefix>_<Sx>_<variable>.nc (.nc.gz / .nc.bz2 for a
// profile whose files are compressed)
std::filesystem::path release_path(const std::filesystem::path& out, const Profile& p,
                                   const std::string& simulation, const std::string& variable);

// Throws std::invalid_argument when the options cannot describe a release
// (bad resolution, years < 1, models out of range, a simulation name that
// is not S<digits>).
void validate(const ReleaseOptions& options);

// Writes the release and its description and returns every file written
// (data files, in writing order; not the description); `on_written`
// (optional) is called after each file is complete.
std::vector<WrittenFile> write_release(
    const ReleaseOptions& options, const std::function<void(const WrittenFile&)>& on_written = {});

}  // namespace ti::synth
