#include "trendy_ilamb/pipeline/naming.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace ti::pipeline {

void require_safe_component(const std::string& name, const std::string& what) {
  const bool bad = name.empty() || name == "." || name == ".." || name.front() == '.' ||
                   name.find_first_of(std::string("/\\\0", 3)) != std::string::npos;
  if (bad) {
    throw std::invalid_argument(
        fmt::format("{} name \"{}\" is not a plain folder name; refusing to use it as a path", what,
                    name));
  }
}

std::string data_file_name(const std::string& var, cf::Frequency f, const std::string& model,
                           const std::string& simulation, const std::string& grid_label,
                           const cf::Period& first, const cf::Period& last) {
  return fmt::format("{}_{}_{}_{}_r1i1p1f1_{}_{}-{}.nc", var, cf::cmip_table(f), model,
                     simulation, grid_label, cf::cmip_stamp(f, first), cf::cmip_stamp(f, last));
}

std::string fixed_file_name(const std::string& var, const std::string& model,
                            const std::string& simulation, const std::string& grid_label) {
  return fmt::format("{}_fx_{}_{}_r1i1p1f1_{}.nc", var, model, simulation, grid_label);
}

std::filesystem::path model_folder(const std::string& root, const std::string& simulation,
                                   const std::string& model) {
  require_safe_component(simulation, "simulation");
  require_safe_component(model, "model");
  return std::filesystem::path(root) / simulation / model;
}

std::filesystem::path temporary_for(const std::filesystem::path& final_path) {
  return final_path.parent_path() /
         fmt::format(".{}.tmp-{}", final_path.filename().string(), static_cast<long>(::getpid()));
}

std::string series_prefix(const std::string& filename) {
  if (!filename.ends_with(".nc") || filename.find("_fx_") != std::string::npos) return {};
  const auto us = filename.rfind('_');
  if (us == std::string::npos) return {};
  const std::string dates = filename.substr(us + 1, filename.size() - 3 - us - 1);
  const auto dash = dates.find('-');
  const bool digits = !dates.empty() && dash != std::string::npos &&
                      dates.find_first_not_of("0123456789-") == std::string::npos;
  return digits ? filename.substr(0, us + 1) : std::string();
}

std::size_t remove_temporaries_of(const std::filesystem::path& folder, long pid) {
  std::size_t removed = 0;
  std::error_code ec;
  const std::string suffix = fmt::format(".tmp-{}", pid);
  for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
    const auto name = e.path().filename().string();
    if (is_temporary_name(name) && name.ends_with(suffix) && std::filesystem::remove(e.path(), ec)) {
      ++removed;
    }
  }
  return removed;
}

bool is_temporary_name(const std::string& filename) {
  return filename.size() > 1 && filename.front() == '.' &&
         filename.find(".nc.tmp-") != std::string::npos;
}

}  // namespace ti::pipeline
