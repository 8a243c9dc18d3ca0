#include "trendy_ilamb/pipeline/output_metadata.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace ti::pipeline {

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
      io::text_att("Conventions", "CF-1.8"),
      io::text_att("source_id", task.model),
      io::text_att("experiment_id", task.simulation),
      io::text_att("variable_id", variable_id),
      io::text_att("frequency", frequency),
      io::text_att("grid_label", regridded ? "gr" : "gn"),
      io::text_att("history", fmt::format("{} {}", utc_timestamp(), settings.history)),
      io::text_att("trendy_ilamb_version", settings.version),
      io::text_att("input_file", task.input),
      io::text_att("creation_date", utc_timestamp()),
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
      io::text_att("units", entry.units),
      io::text_att("standard_name", entry.standard_name),
      io::text_att("long_name", entry.long_name),
      io::text_att("cell_methods", entry.cell_methods),
      io::text_att("cell_measures", "area: areacella"),
  };
  if (!entry.positive.empty()) out.push_back(io::text_att("positive", entry.positive));
  out.push_back(io::text_att("original_name", original_name));
  out.push_back(io::text_att("original_units", original_units));
  return out;
}

}  // namespace ti::pipeline
