// Walking a model root: one folder per model, *.nc found recursively.
#include <algorithm>
#include <filesystem>

#include "internal.hpp"
#include "trendy_ilamb/check/check.hpp"

namespace fs = std::filesystem;

namespace ti::check {
namespace {

bool is_nc(const fs::path& p) { return p.extension() == ".nc"; }

std::vector<fs::path> nc_files(const fs::path& dir) {
  std::vector<fs::path> out;
  const auto opts = fs::directory_options::follow_directory_symlink |
                    fs::directory_options::skip_permission_denied;
  for (const auto& e : fs::recursive_directory_iterator(dir, opts)) {
    if (e.is_regular_file() && is_nc(e.path())) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t check_folder(const fs::path& dir, const std::string& model,
                         std::vector<Finding>& out) {
  FindingSink sink(model, "");
  const auto paths = nc_files(dir);
  std::vector<detail::FileFacts> files;
  for (const auto& p : paths) {
    const auto shown = p.lexically_relative(dir).string();
    sink.set_file(shown);
    files.push_back(detail::check_one_file(p.string(), sink));
    files.back().shown = shown;
  }
  sink.set_file("");
  if (files.empty()) {
    sink.error("files", "no *.nc files in the model folder");
  } else {
    detail::check_overlaps(files, sink);
    detail::check_experiments(files, sink);
    detail::check_fixed_fields(files, sink);
  }
  auto& found = sink.findings();
  out.insert(out.end(), found.begin(), found.end());
  return files.size();
}

void check_top_level_files(const fs::path& root, RootResult& result) {
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_regular_file() && is_nc(e.path())) {
      result.findings.push_back({"", e.path().filename().string(), "layout", Severity::Error,
                                 "*.nc file directly in the model root: ILAMB expects one "
                                 "folder per model"});
    }
  }
}

std::vector<fs::path> model_folders(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(root)) {
    const auto name = e.path().filename().string();
    if (e.is_directory() && !name.empty() && name[0] != '.') out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<Finding> check_model_folder(const std::string& dir, const std::string& model) {
  std::vector<Finding> out;
  check_folder(dir, model, out);
  return out;
}

RootResult check_root(const std::string& dir) {
  RootResult result;
  check_top_level_files(dir, result);
  for (const auto& folder : model_folders(dir)) {
    result.models.push_back(folder.filename().string());
    result.files_checked += check_folder(folder, result.models.back(), result.findings);
  }
  if (result.models.empty()) {
    result.findings.push_back({"", "", "layout", Severity::Error,
                               "no model folders in '" + dir + "'"});
  }
  return result;
}

std::vector<Finding> check_model_root(const std::string& dir) { return check_root(dir).findings; }

}  // namespace ti::check
