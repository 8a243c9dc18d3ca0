#pragma once
// One task, start to finish, on the calling rank. Never throws: every failure
// becomes an Outcome with status Failed and a message naming file, variable
// and attribute.
#include "trendy_ilamb/pipeline/settings.hpp"
#include "trendy_ilamb/pipeline/task.hpp"

namespace ti::pipeline {

Outcome run_task(const Task& task, const Settings& settings);

// The stages, for tests and for run_task.
Outcome convert_file(const Task& task, const Settings& settings);
Outcome write_fixed_fields(const Task& task, const Settings& settings);

}  // namespace ti::pipeline
