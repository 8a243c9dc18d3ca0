#pragma once
// The attributes every output carries (contract: "Global attributes").
#include <string>
#include <vector>

#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/types.hpp"
#include "trendy_ilamb/pipeline/settings.hpp"
#include "trendy_ilamb/pipeline/task.hpp"

namespace ti::pipeline {

std::vector<io::Attribute> global_attributes(const Task& task, const Settings& settings,
                                             const std::string& variable_id,
                                             const std::string& frequency,
                                             const std::vector<io::Attribute>& input_globals,
                                             bool regridded = false);

std::vector<io::Attribute> data_variable_attributes(const cf::VariableEntry& entry,
                                                    const std::string& original_name,
                                                    const std::string& original_units);

// "2026-11-29T06:30:01Z"
std::string utc_timestamp();

}  // namespace ti::pipeline
