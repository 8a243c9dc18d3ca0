#include "trendy_ilamb/plan/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/decompress.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"
#include "trendy_ilamb/plan/cost_model.hpp"

namespace ti::plan {

namespace {


// Compressed inputs cannot be opened by rank 0 without inflating them; their
// cost is estimated from their size (inflating is part of the task).
constexpr double kCompressedCostFactor = 8.0;


std::vector<std::string> preferred(const DataInput& d) {
  std::vector<std::string> names{d.file.file_variable};
  names.insert(names.end(), d.entry->sources.begin(), d.entry->sources.end());
  return names;
}

// The file that stands for the model's main grid: the most common
// (nlat, nlon) among its converted files; the largest file on it.
const GridCandidate* main_grid_file(const std::vector<const GridCandidate*>& files) {
  std::map<std::pair<std::size_t, std::size_t>, int> votes;
  for (const auto* f : files) {
    if (f->nlat > 0) ++votes[{f->nlat, f->nlon}];
  }
  if (votes.empty()) {  // e.g. only compressed inputs: their grid is read by the task
    const auto largest = std::max_element(files.begin(), files.end(), [](const auto* a, const auto* b) {
      return a->bytes < b->bytes;
    });
    return largest == files.end() ? nullptr : *largest;
  }
  const auto grid = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                      return a.second < b.second;
                    })->first;
  const GridCandidate* best = nullptr;
  for (const auto* f : files) {
    if (std::make_pair(f->nlat, f->nlon) == grid && (best == nullptr || f->bytes > best->bytes)) best = f;
  }
  return best;
}

const FixedInput* fixed_input(const Catalogue& cat, const ModelKey& key,
                              bool (*wanted)(const cf::FixedInputEntry&)) {
  for (const auto& f : cat.fixed) {
    if (f.file.simulation == key.first && f.file.model == key.second && wanted(*f.entry)) return &f;
  }
  return nullptr;
}

// Per-PFT fractions (landCoverFrac): the land-fraction input summed over PFTs.
bool is_pft_fractions(const cf::FixedInputEntry& e) {
  return e.role == cf::FixedRole::LandFraction && e.extra_dims == cf::ExtraDimRule::Sum;
}
bool is_cell_area(const cf::FixedInputEntry& e) { return e.role == cf::FixedRole::CellArea; }

std::optional<pipeline::FractionInput> fraction_for(const Catalogue& cat, const ModelKey& key) {
  for (const auto& f : cat.fixed) {
    if (f.file.simulation != key.first || f.file.model != key.second) continue;
    if (f.entry->role == cf::FixedRole::CellArea) continue;
    return pipeline::FractionInput{f.file.path, std::string(cf::role_name(f.entry->role)),
                                   std::string(cf::rule_name(f.entry->extra_dims))};
  }
  return std::nullopt;
}

// Pieces: an input above the threshold becomes ceil(bytes / threshold)
// tasks, at most one per 12 steps (monthly is the common case; the worker
// skips a piece its years cannot fill, e.g. of a daily file). Then every task gets its cost
// and an id, in plan order.
void split_and_cost(Plan& plan, const std::vector<HeaderFacts>& facts, const PlanOptions& options) {
  double total = 0.0;
  std::map<std::string, InputStorage> storage_of;
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
    total += plan.tasks[i].bytes;
    storage_of[plan.tasks[i].input] = facts[i].storage;
  }
  const double threshold = split_threshold_bytes(options, total);
  const CostModel model = load_cost_model(options.earlier_report, storage_of);
  std::vector<pipeline::Task> out;
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
    const auto& t = plan.tasks[i];
    std::size_t n = 1;
    // Only inputs whose steps the header showed: a .gz/.bz2 would be
    // inflated whole by every piece, and an unreadable one fails anyway.
    if (threshold > 0.0 && t.bytes > threshold && facts[i].nt > 0) {
      n = static_cast<std::size_t>(std::ceil(t.bytes / threshold));
      n = std::min(n, std::max<std::size_t>(1, facts[i].nt / 12));
    }
    for (std::size_t k = 0; k < n; ++k) {
      pipeline::Task piece = t;
      if (n > 1) piece.piece = pipeline::Piece{k, n};
      piece.bytes = t.bytes / static_cast<double>(n);
      piece.cost = model.estimate(t.input, t.bytes, facts[i].storage, options.regrid,
                                  1.0 / static_cast<double>(n));
      out.push_back(std::move(piece));
    }
  }
  std::uint64_t id = 1;
  for (auto& t : out) t.id = id++;
  plan.tasks = std::move(out);
}

}  // namespace

HeaderFacts read_header(const std::string& path, double file_size,
                        const std::vector<std::string>& preferred) {
  HeaderFacts h;
  h.bytes = file_size;
  if (pipeline::is_compressed_input(path)) {
    h.bytes *= kCompressedCostFactor;
    h.storage = InputStorage::Wrapped;
    return h;
  }
  try {
    const auto file = io::File::open_read(path);
    const auto info = pipeline::inspect_variable(file, pipeline::find_data_variable(file, preferred));
    h.bytes = static_cast<double>(info.values_per_step() * io::type_size(info.type));
    if (auto t = info.time_dim()) {
      h.nt = info.dims[*t].length;
      h.bytes *= static_cast<double>(h.nt);
    }
    if (file.variable(info.name).storage().deflate_level > 0) h.storage = InputStorage::Deflated;
    h.nlat = info.dims[info.lat_dim()].length;
    h.nlon = info.dims[info.lon_dim()].length;
  } catch (const std::exception&) {
    // The worker reports the real error when it runs the task.
  }
  return h;
}

void to_json(nlohmann::json& j, const HeaderFacts& h) {
  j = nlohmann::json{{"bytes", h.bytes}, {"nlat", h.nlat}, {"nlon", h.nlon}, {"nt", h.nt},
                     {"storage", static_cast<int>(h.storage)}};
}

void from_json(const nlohmann::json& j, HeaderFacts& h) {
  h.bytes = j.at("bytes").get<double>();
  h.nlat = j.at("nlat").get<std::size_t>();
  h.nlon = j.at("nlon").get<std::size_t>();
  h.nt = j.at("nt").get<std::size_t>();
  h.storage = static_cast<InputStorage>(j.at("storage").get<int>());
}

Plan make_plan(const Catalogue& cat, const PlanOptions& options) {
  Plan plan;
  plan.skipped = cat.skipped;
  std::set<std::tuple<std::string, std::string, std::string>> outputs;
  std::vector<HeaderFacts> facts;
  for (const auto& d : cat.data) {
    const auto out_key = std::make_tuple(d.file.simulation, d.file.model, d.entry->output_name);
    if (!outputs.insert(out_key).second) {
      plan.skipped.push_back({d.file.path, fmt::format("another file of {}/{} already provides '{}'",
                                                       d.file.model, d.file.simulation,
                                                       d.entry->output_name)});
      continue;
    }
    const auto h = options.header_reader
                       ? options.header_reader(d.file.path, static_cast<double>(d.file.size), preferred(d))
                       : read_header(d.file.path, static_cast<double>(d.file.size), preferred(d));
    const ModelKey key{d.file.simulation, d.file.model};
    plan.fixed_inputs[key].data.push_back({d.file.path, d.file.file_variable, h.nlat, h.nlon, h.bytes});
    plan.fixed_inputs[key].fraction = fraction_for(cat, key);
    if (const auto* a = fixed_input(cat, key, is_cell_area)) plan.fixed_inputs[key].area = a->file.path;
    pipeline::Task t;
    t.kind = pipeline::TaskKind::Convert;
    t.input = d.file.path;
    t.model = d.file.model;
    t.simulation = d.file.simulation;
    t.variable = d.entry->output_name;
    t.file_variable = d.file.file_variable;
    t.bytes = h.bytes;
    if (d.entry->extra_dims == cf::ExtraDimRule::PftWeighted) {
      if (const auto* w = fixed_input(cat, key, is_pft_fractions)) t.weights = w->file.path;
    }
    plan.tasks.push_back(std::move(t));
    facts.push_back(h);
  }
  split_and_cost(plan, facts, options);
  return plan;
}

double split_threshold_bytes(const PlanOptions& options, double total_bytes) {
  if (options.split_mb) return *options.split_mb * 1e6;
  return std::max(kMinAutoSplitMb * 1e6, total_bytes / (4.0 * kReferenceRanks));
}

}  // namespace ti::plan

namespace ti::plan {

std::vector<pipeline::Task> plan_fixed_tasks(const Plan& plan, const std::set<std::string>& converted,
                                             std::uint64_t next_id) {
  std::vector<pipeline::Task> out;
  for (const auto& [key, inputs] : plan.fixed_inputs) {
    std::vector<const GridCandidate*> done;
    for (const auto& c : inputs.data) {
      if (converted.count(c.input) != 0) done.push_back(&c);
    }
    const GridCandidate* main = main_grid_file(done);
    if (main == nullptr) continue;  // no data output: no fixed fields beside nothing
    pipeline::Task t;
    t.id = next_id++;
    t.kind = pipeline::TaskKind::Fixed;
    t.input = main->input;
    t.simulation = key.first;
    t.model = key.second;
    t.variable = "areacella+sftlf";
    t.file_variable = main->file_variable;
    t.fraction = inputs.fraction;
    t.area = inputs.area;
    t.bytes = static_cast<double>(main->nlat * main->nlon) * 8.0;
    t.cost = CostModel::kTaskOverheadSeconds + t.bytes * CostModel::kDefaultSecondsPerByte;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace ti::plan
