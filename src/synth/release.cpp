// The release: which files each profile writes, where, and in what order.
#include "trendy_ilamb/synth/release.hpp"

#include <fmt/format.h>

#include <regex>
#include <stdexcept>
#include <string>

#include "writers.hpp"

namespace ti::synth {
namespace {

constexpr std::size_t kCorruptBytes = 4096;

// FNV-1a of the file name: a per-file seed that needs no global state.
std::uint32_t seed_of(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// Simulation names become folder names: only S<digits> is accepted, so no
// option can write outside the release root.
void validate_simulation(const std::string& sim) {
  static const std::regex pattern("S[0-9]+");
  if (!std::regex_match(sim, pattern)) {
    throw std::invalid_argument("simulation \"" + sim + "\" is not of the form S<digits> (S0..S3)");
  }
}

struct Writer {
  const ReleaseOptions& options;
  const std::function<void(const WrittenFile&)>& on_written;
  std::vector<WrittenFile> written;

  void record(WrittenFile f) {
    if (on_written) on_written(f);
    written.push_back(std::move(f));
  }

  void variable(const Profile& p, const Grid& grid, const std::string& sim, const VariableSpec& v) {
    const auto path = release_path(options.out, p, sim, v.name);
    detail::write_variable_file({path, &p, &v, &grid, options.years, options.deflate_level});
    record({path, p.folder, sim, v.name, p.name, false});
  }

  void corrupt(const Profile& p, const std::string& sim, const VariableSpec& v) {
    const auto path = release_path(options.out, p, sim, v.name);
    detail::write_corrupt_file(path, seed_of(path.filename().string()), kCorruptBytes);
    record({path, p.folder, sim, v.name, p.name, true});
  }

  void profile(const Profile& p, const std::string& sim) {
    const Grid grid = make_grid(p.grid, options.resolution);
    std::filesystem::create_directories(options.out / p.folder / sim);
    for (const VariableSpec& v : p.variables) variable(p, grid, sim, v);
    for (const VariableSpec& v : p.corrupt_variables) {
      if (options.corrupt) {
        corrupt(p, sim, v);
      } else {
        variable(p, grid, sim, v);
      }
    }
  }
};

}  // namespace

namespace detail {

std::span<const Profile> chosen_profiles(const ReleaseOptions& o) {
  const std::size_t n = o.models == 0 ? o.profiles.size() : static_cast<std::size_t>(o.models);
  return std::span<const Profile>(o.profiles).first(n);
}

}  // namespace detail

std::filesystem::path release_path(const std::filesystem::path& out, const Profile& p,
                                   const std::string& simulation, const std::string& variable) {
  const char* suffix = p.compression == Compression::Gzip    ? ".nc.gz"
                       : p.compression == Compression::Bzip2 ? ".nc.bz2"
                                                             : ".nc";
  return out / p.folder / simulation / (p.prefix + "_" + simulation + "_" + variable + suffix);
}

void validate(const ReleaseOptions& o) {
  if (o.out.empty()) throw std::invalid_argument("no output directory given");
  if (!valid_resolution(o.resolution)) {
    throw std::invalid_argument(
        fmt::format("resolution {} degrees does not divide 180 into whole cells", o.resolution));
  }
  if (o.years < 1) throw std::invalid_argument("years must be at least 1");
  if (o.models < 0 || static_cast<std::size_t>(o.models) > o.profiles.size()) {
    throw std::invalid_argument(
        fmt::format("models must be between 1 and {} (0 = all)", o.profiles.size()));
  }
  if (o.simulations.empty()) throw std::invalid_argument("no simulation given");
  for (const auto& sim : o.simulations) validate_simulation(sim);
  if (o.deflate_level < 0 || o.deflate_level > 9)
    throw std::invalid_argument("deflate level must be 0..9");
}

std::vector<WrittenFile> write_release(const ReleaseOptions& options,
                                       const std::function<void(const WrittenFile&)>& on_written) {
  validate(options);
  Writer w{options, on_written, {}};
  for (const Profile& p : detail::chosen_profiles(options)) {
    for (const auto& sim : options.simulations) w.profile(p, sim);
  }
  detail::write_description(options);
  return std::move(w.written);
}

}  // namespace ti::synth
