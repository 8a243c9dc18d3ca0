#pragma once
// From the catalogue to tasks with cost estimates: one Convert task per data
// file; then, once those have run, one Fixed task per (simulation, model)
// that got data outputs, on the grid most of its converted files use.
#include <map>
#include <set>
#include <vector>

#include "trendy_ilamb/pipeline/task.hpp"
#include "trendy_ilamb/plan/catalogue.hpp"

namespace ti::plan {

// A converted file's grid, as read from its header by the planner.
struct GridCandidate {
  std::string input;
  std::string file_variable;
  std::size_t nlat = 0, nlon = 0;  // 0: header unreadable
  double bytes = 0.0;
};

struct ModelFixedInputs {
  std::vector<GridCandidate> data;
  std::optional<pipeline::FractionInput> fraction;
  std::optional<std::string> area;
};

using ModelKey = std::pair<std::string, std::string>;  // (simulation, model)

struct Plan {
  std::vector<pipeline::Task> tasks;  // Convert tasks
  std::vector<Skipped> skipped;
  std::map<ModelKey, ModelFixedInputs> fixed_inputs;
};

// Opens each input's header (metadata only) to estimate the uncompressed
// bytes its task reads; an unreadable header costs its file size and the task
// fails on its worker with the real reason.
Plan make_plan(const Catalogue& catalogue);

// Fixed tasks for the models whose Convert tasks produced output
// (`converted`: their inputs); ids continue from `next_id`.
std::vector<pipeline::Task> plan_fixed_tasks(const Plan& plan, const std::set<std::string>& converted,
                                             std::uint64_t next_id);

}  // namespace ti::plan
