#include "trendy_ilamb/plan/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"

namespace ti::plan {

namespace {

struct HeaderFacts {
  double bytes = 0.0;
  std::size_t nlat = 0, nlon = 0;  // 0 when unknown
};

std::size_t type_size(io::NcType t) {
  switch (t) {
    case io::NcType::Byte: case io::NcType::UByte: return 1;
    case io::NcType::Short: case io::NcType::UShort: return 2;
    case io::NcType::Double: case io::NcType::Int64: case io::NcType::UInt64: return 8;
    default: return 4;
  }
}

HeaderFacts read_header(const InputFile& f, const std::vector<std::string>& preferred) {
  HeaderFacts h{static_cast<double>(f.size), 0, 0};
  try {
    const auto file = io::File::open_read(f.path);
    const auto info = pipeline::inspect_variable(file, pipeline::find_data_variable(file, preferred));
    h.bytes = static_cast<double>(info.values_per_step() * type_size(info.type));
    if (auto t = info.time_dim()) h.bytes *= static_cast<double>(info.dims[*t].length);
    h.nlat = info.dims[info.lat_dim()].length;
    h.nlon = info.dims[info.lon_dim()].length;
  } catch (const std::exception&) {
    // The worker reports the real error when it runs the task.
  }
  return h;
}

std::vector<std::string> preferred(const DataInput& d) {
  std::vector<std::string> names{d.file.file_variable};
  names.insert(names.end(), d.entry->sources.begin(), d.entry->sources.end());
  return names;
}

using ModelKey = std::pair<std::string, std::string>;  // (simulation, model)

struct ModelFiles {
  std::vector<std::pair<const DataInput*, HeaderFacts>> data;
};

// The data file that stands for the model's main grid: the most common
// (nlat, nlon) among readable files; the largest file on it.
const DataInput* main_grid_file(const ModelFiles& m) {
  std::map<std::pair<std::size_t, std::size_t>, int> votes;
  for (const auto& [d, h] : m.data) {
    if (h.nlat > 0) ++votes[{h.nlat, h.nlon}];
  }
  if (votes.empty()) return nullptr;
  const auto grid = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                      return a.second < b.second;
                    })->first;
  const DataInput* best = nullptr;
  double best_bytes = -1.0;
  for (const auto& [d, h] : m.data) {
    if (std::make_pair(h.nlat, h.nlon) == grid && h.bytes > best_bytes) {
      best = d;
      best_bytes = h.bytes;
    }
  }
  return best;
}

std::optional<pipeline::FractionInput> fraction_for(const Catalogue& cat, const ModelKey& key) {
  for (const auto& f : cat.fixed) {
    if (f.file.simulation != key.first || f.file.model != key.second) continue;
    if (f.entry->role == cf::FixedRole::CellArea) continue;
    return pipeline::FractionInput{f.file.path, std::string(cf::role_name(f.entry->role)),
                                   std::string(cf::rule_name(f.entry->extra_dims))};
  }
  return std::nullopt;
}

}  // namespace

Plan make_plan(const Catalogue& cat) {
  Plan plan;
  plan.skipped = cat.skipped;
  std::map<ModelKey, ModelFiles> models;
  std::set<std::tuple<std::string, std::string, std::string>> outputs;
  std::uint64_t next_id = 1;
  for (const auto& d : cat.data) {
    const auto out_key = std::make_tuple(d.file.simulation, d.file.model, d.entry->output_name);
    if (!outputs.insert(out_key).second) {
      plan.skipped.push_back({d.file.path, fmt::format("another file of {}/{} already provides '{}'",
                                                       d.file.model, d.file.simulation,
                                                       d.entry->output_name)});
      continue;
    }
    const auto h = read_header(d.file, preferred(d));
    models[{d.file.simulation, d.file.model}].data.emplace_back(&d, h);
    pipeline::Task t;
    t.id = next_id++;
    t.kind = pipeline::TaskKind::Convert;
    t.input = d.file.path;
    t.model = d.file.model;
    t.simulation = d.file.simulation;
    t.variable = d.entry->output_name;
    t.file_variable = d.file.file_variable;
    t.cost = h.bytes;
    plan.tasks.push_back(std::move(t));
  }
  for (const auto& [key, files] : models) {
    const DataInput* main = main_grid_file(files);
    if (main == nullptr) continue;  // no readable data file: nothing to put fixed fields beside
    pipeline::Task t;
    t.id = next_id++;
    t.kind = pipeline::TaskKind::Fixed;
    t.input = main->file.path;
    t.model = key.second;
    t.simulation = key.first;
    t.variable = "areacella+sftlf";
    t.file_variable = main->file.file_variable;
    t.fraction = fraction_for(cat, key);
    t.cost = 0.0;
    plan.tasks.push_back(std::move(t));
  }
  return plan;
}

}  // namespace ti::plan
