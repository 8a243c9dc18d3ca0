#pragma once
// From the catalogue to tasks with cost estimates: one Convert task per data
// file, one Fixed task per (simulation, model) on the model's main grid.
#include <vector>

#include "trendy_ilamb/pipeline/task.hpp"
#include "trendy_ilamb/plan/catalogue.hpp"

namespace ti::plan {

struct Plan {
  std::vector<pipeline::Task> tasks;
  std::vector<Skipped> skipped;
};

// Opens each input's header (metadata only) to estimate the uncompressed
// bytes its task reads; an unreadable header costs its file size and the task
// fails on its worker with the real reason.
Plan make_plan(const Catalogue& catalogue);

}  // namespace ti::plan
