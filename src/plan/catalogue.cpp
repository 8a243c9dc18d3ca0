#include "trendy_ilamb/plan/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace ti::plan {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool is_frequency_word(const std::string& w) {
  for (const char* f : {"monthly", "annual", "yearly", "daily", "mon", "month", "yr", "year", "day"}) {
    if (cf::iequals(w, f)) return true;
  }
  return false;
}

bool selected(const std::vector<std::string>& filter, const std::string& name) {
  if (filter.empty()) return true;
  return std::any_of(filter.begin(), filter.end(),
                     [&](const std::string& f) { return cf::iequals(f, name); });
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void classify(const fs::path& p, const std::string& model, const std::string& sim,
              const Config& config, const cf::VariableTable& table, Catalogue& cat) {
  const std::string name = p.filename().string();
  const bool compressed = name.ends_with(".nc.gz") || name.ends_with(".nc.bz2");
  if (!name.ends_with(".nc") && !compressed) {
    cat.skipped.push_back({p.string(), "not a .nc file"});
    return;
  }
  // Compressed inputs are inflated by their task; the variable part is read
  // from the name without the compression suffix.
  const std::string nc_name = compressed ? name.substr(0, name.rfind(".nc") + 3) : name;
  InputFile f{p.string(), model, sim, variable_part(nc_name, sim), fs::file_size(p)};
  if (const auto entries = table.find_all(f.file_variable); !entries.empty()) {
    for (const auto* e : entries) {  // the variable itself, then what derives from it
      if (selected(config.input.variables, e->output_name) ||
          selected(config.input.variables, f.file_variable)) {
        cat.data.push_back({f, e});
      }
    }
    return;
  }
  if (const auto* e = table.find_fixed_input(f.file_variable)) {
    cat.fixed.push_back({f, e});
    return;
  }
  cat.skipped.push_back(
      {p.string(), fmt::format("variable '{}' (from the file name) is not in the variable table",
                               f.file_variable)});
}

}  // namespace

std::string variable_part(const std::string& filename, const std::string& simulation) {
  std::string stem = filename;
  if (stem.ends_with(".nc")) stem.resize(stem.size() - 3);
  const auto fields = split(stem, '_');
  auto it = std::find_if(fields.begin(), fields.end(),
                         [&](const std::string& f) { return cf::iequals(f, simulation); });
  if (it == fields.end() || it + 1 == fields.end()) return fields.back();
  ++it;
  while (it + 1 != fields.end() && is_frequency_word(*it)) ++it;
  std::string var;
  for (; it != fields.end(); ++it) var += (var.empty() ? "" : "_") + *it;
  return var;
}

Catalogue discover(const Config& config, const cf::VariableTable& table) {
  Catalogue cat;
  const fs::path root(config.input.root);
  if (!fs::is_directory(root)) {
    throw ConfigError(fmt::format("input.root '{}' is not a folder", config.input.root));
  }
  for (const auto& model_dir : sorted_entries(root)) {
    const std::string model = model_dir.filename().string();
    if (model.empty() || model.front() == '.' || !fs::is_directory(model_dir)) continue;
    if (!selected(config.input.models, model)) continue;
    for (const auto& sim : config.input.simulations) {
      const fs::path sim_dir = model_dir / sim;
      if (!fs::is_directory(sim_dir)) continue;
      for (const auto& p : sorted_entries(sim_dir)) {
        const std::string name = p.filename().string();
        if (name.empty() || name.front() == '.' || !fs::is_regular_file(p)) continue;
        classify(p, model, sim, config, table, cat);
      }
    }
  }
  return cat;
}

}  // namespace ti::plan
