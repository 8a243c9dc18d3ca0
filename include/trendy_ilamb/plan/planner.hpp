#pragma once
// From the catalogue to tasks with cost estimates: one Convert task per data
// file; then, once those have run, one Fixed task per (simulation, model)
// that got data outputs, on the grid most of its converted files use.
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "trendy_ilamb/pipeline/task.hpp"
#include "trendy_ilamb/plan/catalogue.hpp"
#include "trendy_ilamb/plan/cost_model.hpp"

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

// What the plan needs from an input's header.
struct HeaderFacts {
  double bytes = 0.0;              // uncompressed bytes of the data variable
  std::size_t nlat = 0, nlon = 0;  // 0 when unknown
  std::size_t nt = 0;              // time steps; 0 when unknown
  InputStorage storage = InputStorage::Plain;
};
void to_json(nlohmann::json& j, const HeaderFacts& h);
void from_json(const nlohmann::json& j, HeaderFacts& h);

// Opens the input (metadata only). An unreadable header costs the file's
// size (`file_size`) and the task fails on its worker with the real reason.
HeaderFacts read_header(const std::string& path, double file_size,
                        const std::vector<std::string>& preferred);

// How the planner reads headers; the app passes one that runs read_header
// in the task server's runner process, so a file that crashes netCDF/HDF5
// fails its own task later instead of killing the planning rank.
using HeaderReader = std::function<HeaderFacts(const std::string& path, double file_size,
                                               const std::vector<std::string>& preferred)>;

struct PlanOptions {
  // run.split_mb: inputs estimated to read more are split into whole-year
  // pieces. Absent: max(kMinAutoSplitMb, total / (4 x kReferenceRanks)), so
  // that no task exceeds about a quarter of a rank's share on a 96-rank job;
  // 0: never split.
  std::optional<double> split_mb;
  bool regrid = false;
  std::string earlier_report;  // report.json of an earlier run, for the cost model
  HeaderReader header_reader;  // empty: read_header in this process
};
inline constexpr double kMinAutoSplitMb = 256.0;
inline constexpr double kReferenceRanks = 96.0;

// Opens each input's header (metadata only) to estimate the uncompressed
// bytes its task reads; an unreadable header costs its file size and the task
// fails on its worker with the real reason. Costs come from the cost model
// (cost_model.hpp); large inputs become several pieces, ids are 1..n.
Plan make_plan(const Catalogue& catalogue, const PlanOptions& options = {});

// The split threshold in bytes for a plan whose tasks read `total_bytes`
// (0: no splitting).
double split_threshold_bytes(const PlanOptions& options, double total_bytes);

// Fixed tasks for the models whose Convert tasks produced output
// (`converted`: their inputs); ids continue from `next_id`.
std::vector<pipeline::Task> plan_fixed_tasks(const Plan& plan, const std::set<std::string>& converted,
                                             std::uint64_t next_id);

}  // namespace ti::plan
