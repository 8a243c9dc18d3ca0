// Shared pieces of trendy_verify (see common.hpp).
#include "common.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ti::verify {

void Problems::add(const fs::path& where, const std::string& what) {
  lines_.push_back(fmt::format("{}: {}", where.string(), what));
}

int Problems::finish(const std::string& mode, const std::string& checked) const {
  for (const auto& l : lines_) std::fprintf(stderr, "%s\n", l.c_str());
  std::printf("trendy_verify %s: %s; %zu problem(s)\n", mode.c_str(), checked.c_str(),
              lines_.size());
  return lines_.empty() ? 0 : 1;
}

namespace {

std::string yaml_text(const YAML::Node& node, const char* key) {
  return node[key] ? node[key].as<std::string>() : std::string{};
}

}  // namespace

VariableTable load_table(const fs::path& path) {
  const YAML::Node root = YAML::LoadFile(path.string());
  VariableTable table;
  for (const auto& kv : root["variables"]) {
    const YAML::Node& v = kv.second;
    TableEntry e{yaml_text(v, "units"),        yaml_text(v, "standard_name"),
                 yaml_text(v, "long_name"),    yaml_text(v, "cell_methods"),
                 yaml_text(v, "positive"),     yaml_text(v, "extra_dims"),
                 {},                           std::nullopt};
    for (const auto& s : v["sources"]) e.sources.push_back(s.as<std::string>());
    if (v["top_m"]) e.top_m = v["top_m"].as<double>();
    table.variables[kv.first.as<std::string>()] = std::move(e);
  }
  for (const auto& entry : root["fixed_inputs"]) {
    for (const auto& s : entry["sources"]) table.fixed_sources.push_back(s.as<std::string>());
  }
  return table;
}

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::vector<std::string> outputs_of(const VariableTable& table, std::string_view trendy_name) {
  std::vector<std::string> out;
  for (const auto& [name, entry] : table.variables) {
    const bool match = std::any_of(entry.sources.begin(), entry.sources.end(),
                                   [&](const std::string& s) { return iequals(s, trendy_name); });
    if (match) out.push_back(name);
  }
  return out;
}

std::string frequency_word(Freq f) {
  switch (f) {
    case Freq::Monthly: return "mon";
    case Freq::Annual: return "yr";
    case Freq::Daily: return "day";
    case Freq::Fixed: return "fx";
  }
  return "?";
}

std::string table_of(Freq f) {
  switch (f) {
    case Freq::Monthly: return "Lmon";
    case Freq::Annual: return "Eyr";
    case Freq::Daily: return "Eday";
    case Freq::Fixed: return "fx";
  }
  return "?";
}

namespace {

std::optional<Freq> freq_of_table(const std::string& table) {
  for (Freq f : {Freq::Monthly, Freq::Annual, Freq::Daily, Freq::Fixed}) {
    if (table == table_of(f)) return f;
  }
  return std::nullopt;
}

}  // namespace

std::optional<OutputName> parse_output_name(const std::string& file, const std::string& model,
                                            const std::string& sx) {
  if (!file.ends_with(".nc")) return std::nullopt;
  const std::string stem = file.substr(0, file.size() - 3);
  const auto p1 = stem.find('_');
  const auto p2 = p1 == std::string::npos ? p1 : stem.find('_', p1 + 1);
  if (p2 == std::string::npos) return std::nullopt;
  OutputName n;
  n.var = stem.substr(0, p1);
  n.table = stem.substr(p1 + 1, p2 - p1 - 1);
  const auto freq = freq_of_table(n.table);
  const std::string middle = "_" + model + "_" + sx + "_r1i1p1f1_";
  if (!freq || stem.compare(p2, middle.size(), middle) != 0) return std::nullopt;
  n.freq = *freq;
  const std::string rest = stem.substr(p2 + middle.size());
  if (n.freq == Freq::Fixed) {
    n.grid = rest;
    return rest.find('_') == std::string::npos ? std::optional(n) : std::nullopt;
  }
  const auto u = rest.find('_');
  const auto d = u == std::string::npos ? u : rest.find('-', u);
  if (d == std::string::npos) return std::nullopt;
  n.grid = rest.substr(0, u);
  n.start = rest.substr(u + 1, d - u - 1);
  n.end = rest.substr(d + 1);
  return n;
}

bool is_simulation(const std::string& name) {
  return name.size() >= 2 && name[0] == 'S' &&
         std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string json_string(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
}

std::vector<fs::path> nc_files_under(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".nc") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const synth::Profile* profile_for(const std::string& folder) {
  static const std::vector<synth::Profile> profiles = synth::default_profiles();
  for (const auto& p : profiles) {
    if (p.folder == folder) return &p;
  }
  return nullptr;
}

}  // namespace ti::verify
