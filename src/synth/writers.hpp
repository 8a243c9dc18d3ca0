#pragma once
// Private pieces of the release writer: each defines its part of a file in
// define mode and writes its values in data mode.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/synth/grid.hpp"
#include "trendy_ilamb/synth/profile.hpp"
#include "trendy_ilamb/synth/release.hpp"
#include "trendy_ilamb/synth/time_stamps.hpp"

namespace ti::synth::detail {

inline constexpr const char* kTimeName = "time";

// Latitude/longitude dimensions and coordinate variables (none when the
// spec says the coordinates are absent).
struct GridVariables {
  std::optional<io::Variable> lat;
  std::optional<io::Variable> lon;
};
GridVariables define_grid(io::File& file, const GridSpec& spec, const Grid& grid);
// Writes the centres, or zeros when the spec says so.
void write_grid(GridVariables& vars, const GridSpec& spec, const Grid& grid);

// The time dimension and coordinate variable, and time_bnds when the spec
// asks for bounds.
struct TimeVariables {
  io::Variable time;
  std::optional<io::Variable> bounds;
};
TimeVariables define_time(io::File& file, const TimeSpec& spec, std::size_t steps);
void write_time(TimeVariables& vars, const TimeSpec& spec, Frequency freq,
                const std::vector<Period>& periods);

// The data variable: defined after the grid, time and extra dimensions.
io::Variable define_data(io::File& file, const Profile& p, const VariableSpec& v, const Grid& grid,
                         int deflate_level);
// The coordinate variable of the data's extra dimension, when the spec has
// coordinate values (defined after define_data, which defines the dimension).
std::optional<io::Variable> define_extra_coordinate(io::File& file, const VariableSpec& v);
void write_extra_coordinate(std::optional<io::Variable>& c, const VariableSpec& v);

// Streams the values one time step at a time (never the whole variable).
void write_data(io::Variable& data, const Profile& p, const VariableSpec& v, const Grid& grid,
                const std::vector<Period>& periods);

// One complete variable file.
struct FileJob {
  std::filesystem::path path;
  const Profile* profile = nullptr;
  const VariableSpec* variable = nullptr;
  const Grid* grid = nullptr;
  int years = 1;
  int deflate_level = 1;
};
void write_variable_file(const FileJob& job);

// Compresses `from` into `to` (gzip or bzip2 stream of the whole file);
// throws std::runtime_error on failure. `from` is left in place.
void gzip_file(const std::filesystem::path& from, const std::filesystem::path& to);
void bzip2_file(const std::filesystem::path& from, const std::filesystem::path& to);

// The profiles a release writes: the first options.models (all for 0).
std::span<const Profile> chosen_profiles(const ReleaseOptions& options);

// <out>/kDescriptionName holding release_description(options); throws
// std::runtime_error naming the file when it cannot be written.
void write_description(const ReleaseOptions& options);

// A file that looks like HDF5 (its signature) but is not: `size` bytes of
// deterministic garbage after the 8-byte signature.
void write_corrupt_file(const std::filesystem::path& path, std::uint32_t seed, std::size_t size);

}  // namespace ti::synth::detail
