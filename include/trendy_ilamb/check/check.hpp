#pragma once
// trendy_check: metadata checks of ILAMB model roots against
// ../shared/docs/ILAMB_TARGET.md. Cheap: reads attributes, 1-D coordinates
// and time bounds only (plus the small sftlf field when it has no "%" unit).
#include <string>
#include <vector>

#include "trendy_ilamb/check/finding.hpp"

namespace ti::check {

// Per-file checks: dimension order, time units/calendar/bounds, lat/lon,
// data units, fill values, naming. Usable on every file the converter writes.
// Findings carry `path` as their file and no model.
std::vector<Finding> check_file(const std::string& path);

// One model folder (its *.nc found recursively): the per-file checks plus
// overlaps between files of one variable, one experiment, and exactly one
// sftlf and one areacella on the data grid. `model` names the findings.
std::vector<Finding> check_model_folder(const std::string& dir, const std::string& model);

// An ILAMB --model_root: every immediate subfolder is a model folder.
struct RootResult {
  std::vector<std::string> models;
  std::size_t files_checked = 0;
  std::vector<Finding> findings;
};
RootResult check_root(const std::string& dir);

// The findings of check_root only.
std::vector<Finding> check_model_root(const std::string& dir);

}  // namespace ti::check
