#include "trendy_ilamb/pipeline/output_metadata.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace ti::pipeline {

namespace {

io::Attribute text(const std::string& name, const std::string& value) {
  return io::Attribute{name, io::NcType::Char, value, {}};
}

}  // namespace

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

std::vector<io::Attribute> global_attributes(const Task& task, const Settings& settings,
                                             const std::string& variable_id,
                                             const std::string& frequency,
                                             const std::vector<io::Attribute>& input_globals,
                                             bool regridded) {
  std::vector<io::Attribute> out = {
      text("Conventions", "CF-1.8"),
      text("source_id", task.model),
      text("experiment_id", task.simulation),
      text("variable_id", variable_id),
      text("frequency", frequency),
      text("grid_label", regridded ? "gr" : "gn"),
      text("history", fmt::format("{} {}", utc_timestamp(), settings.history)),
      text("trendy_ilamb_version", settings.version),
      text("input_file", task.input),
      text("creation_date", utc_timestamp()),
  };
  // The input's own global attributes, kept under a prefix so they can never
  // contradict ours.
  for (auto att : input_globals) {
    att.name = settings.global_prefix + att.name;
    out.push_back(std::move(att));
  }
  return out;
}

std::vector<io::Attribute> data_variable_attributes(const cf::VariableEntry& entry,
                                                    const std::string& original_name,
                                                    const std::string& original_units) {
  std::vector<io::Attribute> out = {
      text("units", entry.units),
      text("standard_name", entry.standard_name),
      text("long_name", entry.long_name),
      text("cell_methods", entry.cell_methods),
      text("cell_measures", "area: areacella"),
  };
  if (!entry.positive.empty()) out.push_back(text("positive", entry.positive));
  out.push_back(text("original_name", original_name));
  out.push_back(text("original_units", original_units));
  return out;
}

}  // namespace ti::pipeline
