// trendy_synth: writes a synthetic TRENDY-like release with known values,
// for testing trendy_ilamb without the real (terabyte-sized) data.
//   trendy_synth --out DIR [--models N] [--years N] [--res DEG] [--simulations S3,S2]
//                [--no-corrupt]
//   trendy_synth --print-overrides   (the config overrides the release needs)

// CLI11 2.1's inline string splitting trips GCC 12's -Wnull-dereference
// (a false positive inside libstdc++ once inlined here); not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <cstddef>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "trendy_ilamb/synth/release.hpp"

namespace {

constexpr int kUsageError = 2;

void add_options(CLI::App& app, ti::synth::ReleaseOptions& o, std::string& out,
                 bool& print_overrides, bool& no_corrupt) {
  app.add_option("--out", out,
                 "Release root directory to write (required unless --print-overrides)");
  app.add_flag("--print-overrides", print_overrides,
               "Print the config 'overrides:' block that the models of the release need "
               "(time axes without usable units, grids without usable coordinates, soil "
               "layers without depth values) and exit");
  app.add_option("--models", o.models,
                 "Number of model profiles, the first N (default, or 0: all " +
                     std::to_string(o.profiles.size()) + ")");
  app.add_option("--years", o.years, "Years per file from each model's start year")
      ->capture_default_str();
  app.add_option("--res", o.resolution, "Grid resolution in degrees; 180/DEG must be whole")
      ->capture_default_str();
  app.add_option("--simulations", o.simulations, "Simulations, comma-separated (S0..S3)")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--deflate", o.deflate_level, "Deflate level of the data variables")
      ->capture_default_str();
  app.add_flag("--no-corrupt", no_corrupt,
               "Write the files that are corrupt on purpose as ordinary good files "
               "(a release whose conversion has no failed task)");
}

void print_file(const ti::synth::WrittenFile& f) {
  std::printf("%s%s\n", f.path.string().c_str(), f.corrupt ? "  (corrupt on purpose)" : "");
}

void print_summary(const ti::synth::ReleaseOptions& o,
                   const std::vector<ti::synth::WrittenFile>& files) {
  std::size_t corrupt = 0;
  for (const auto& f : files) corrupt += f.corrupt ? 1 : 0;
  const std::size_t models = o.models == 0 ? o.profiles.size() : static_cast<std::size_t>(o.models);
  std::printf(
      "trendy_synth: %zu files (%zu corrupt) for %zu models x %zu simulations, "
      "%d years at %g degrees, under %s\n",
      files.size(), corrupt, models, o.simulations.size(), o.years, o.resolution,
      o.out.string().c_str());
}

// The YAML overrides block for the first --models profiles (all by default).
int print_overrides_of(const ti::synth::ReleaseOptions& o) {
  if (o.models < 0 || static_cast<std::size_t>(o.models) > o.profiles.size()) {
    std::fprintf(stderr, "trendy_synth: models must be between 1 and %zu (0 = all)\n",
                 o.profiles.size());
    return kUsageError;
  }
  const auto n = o.models == 0 ? o.profiles.size() : static_cast<std::size_t>(o.models);
  const std::vector<ti::synth::Profile> chosen(
      o.profiles.begin(), o.profiles.begin() + static_cast<std::ptrdiff_t>(n));
  std::fputs(ti::synth::overrides_yaml(ti::synth::required_overrides(chosen)).c_str(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a synthetic TRENDY-like release whose values are known"};
  ti::synth::ReleaseOptions options;
  std::string out;
  bool print_overrides = false, no_corrupt = false;
  add_options(app, options, out, print_overrides, no_corrupt);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help or the error
    return rc == 0 ? 0 : kUsageError;
  }
  if (print_overrides) return print_overrides_of(options);
  options.out = out;
  options.corrupt = !no_corrupt;
  try {
    ti::synth::validate(options);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "trendy_synth: %s\n", e.what());
    return kUsageError;
  }
  try {
    print_summary(options, ti::synth::write_release(options, print_file));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trendy_synth: %s\n", e.what());
    return 1;
  }
  return 0;
}
