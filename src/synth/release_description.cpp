// <out>/trendy_synth.json: what a release holds, for the tools that check a
// conversion of it (which folders, years, resolution, whether one file is
// corrupt on purpose) without re-deriving the options.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "trendy_ilamb/synth/release.hpp"
#include "writers.hpp"

namespace ti::synth {

std::string release_description(const ReleaseOptions& options) {
  std::vector<std::string> folders;
  for (const Profile& p : detail::chosen_profiles(options)) folders.push_back(p.folder);
  const nlohmann::ordered_json description = {{"generator", "trendy_synth"},
                                               {"years", options.years},
                                               {"resolution", options.resolution},
                                               {"simulations", options.simulations},
                                               {"folders", folders},
                                               {"corrupt", options.corrupt}};
  return description.dump(2) + "\n";
}

namespace detail {

void write_description(const ReleaseOptions& options) {
  const std::filesystem::path path = options.out / kDescriptionName;
  std::ofstream out(path, std::ios::trunc);
  out << release_description(options);
  out.close();
  if (!out) throw std::runtime_error(path.string() + ": cannot write the release description");
}

}  // namespace detail
}  // namespace ti::synth
