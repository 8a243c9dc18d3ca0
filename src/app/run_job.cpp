#include "run_job.hpp"

#include "stop_signals.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "trendy_ilamb/cf/units.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/farm/farm.hpp"
#include "trendy_ilamb/farm/mpi_world.hpp"
#include "trendy_ilamb/pipeline/decompress.hpp"
#include "trendy_ilamb/pipeline/naming.hpp"
#include "trendy_ilamb/pipeline/run_task.hpp"
#include "trendy_ilamb/pipeline/target_grid.hpp"
#include "trendy_ilamb/plan/catalogue.hpp"
#include "trendy_ilamb/plan/config.hpp"
#include "trendy_ilamb/plan/manifest.hpp"
#include "trendy_ilamb/plan/planner.hpp"
#include "trendy_ilamb/plan/report.hpp"

namespace ti::app {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

using farm::world_rank;
using farm::world_size;

// Rank 0's verdict, shared so that every rank exits with the same status.
int broadcast_status(int status) { return farm::broadcast_from_root(status); }

cf::VariableTable load_table(const plan::Config& config) {
  if (!config.variable_table) return cf::VariableTable::builtin();
  std::ifstream in(*config.variable_table);
  if (!in) throw plan::ConfigError(fmt::format("variable_table '{}' cannot be read", *config.variable_table));
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return cf::VariableTable::parse(ss.str(), *config.variable_table);
  } catch (const cf::TableError& e) {
    throw plan::ConfigError(e.what());
  }
}

// A killed run may leave hidden temporaries; none of them is ever reused.
std::size_t remove_stale_temporaries(const std::string& root) {
  std::size_t removed = 0;
  if (!fs::is_directory(root)) return removed;
  // The scratch folder itself (left empty by a clean run) is not counted.
  std::error_code scratch_ec;
  const auto scratch = pipeline::scratch_folder(root);
  const auto in_scratch = fs::remove_all(scratch, scratch_ec);
  if (in_scratch != static_cast<std::uintmax_t>(-1) && in_scratch > 0) {
    removed += static_cast<std::size_t>(in_scratch - 1);
  }
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && pipeline::is_temporary_name(e.path().filename().string())) {
      std::error_code ec;
      if (fs::remove(e.path(), ec)) ++removed;
    }
  }
  return removed;
}

// Config overrides -> what the pipeline needs to date index-only time axes.
std::map<std::string, pipeline::TimeOverride> time_overrides(const plan::Config& config) {
  std::map<std::string, pipeline::TimeOverride> out;
  for (const auto& [model, o] : config.overrides) {
    if (!o.time_start) continue;  // a grid-only override
    pipeline::TimeOverride t;
    const auto dash = o.time_start->find('-');
    t.start.year = std::stoi(o.time_start->substr(0, dash));
    t.start.month = dash == std::string::npos ? 1 : std::stoi(o.time_start->substr(dash + 1));
    const std::string f = o.frequency.value_or("monthly");
    t.frequency = f == "annual" ? cf::Frequency::Annual
                  : f == "daily" ? cf::Frequency::Daily
                                 : cf::Frequency::Monthly;
    if (t.frequency == cf::Frequency::Annual) t.start.month = 1;
    if (o.calendar) t.calendar = cf::parse_calendar(*o.calendar);
    out[model] = t;
  }
  return out;
}

std::map<std::string, cf::LatLonGrid> grid_overrides(const plan::Config& config) {
  std::map<std::string, cf::LatLonGrid> out;
  for (const auto& [model, o] : config.overrides) {
    if (o.grid) out[model] = cf::parse_grid_spec(*o.grid);
  }
  return out;
}

class Progress {
 public:
  Progress(double interval_s, double total_cost) : interval_(interval_s), total_cost_(total_cost) {}

  void update(const plan::TaskRecord& r, std::size_t done, std::size_t total) {
    done_cost_ += r.task.cost;
    bytes_ += r.outcome.bytes_read;
    const auto now = Clock::now();
    if (done != total && std::chrono::duration<double>(now - last_).count() < interval_) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double frac = total_cost_ > 0 ? done_cost_ / total_cost_ : 1.0;
    const double eta = frac > 0 ? elapsed * (1.0 - frac) / frac : 0.0;
    fmt::print("[{:>5}/{}] {:.1f} MB read, {:.1f} MB/s, elapsed {:.0f} s, ETA {:.0f} s\n", done,
               total, static_cast<double>(bytes_) / 1e6,
               elapsed > 0 ? static_cast<double>(bytes_) / 1e6 / elapsed : 0.0, elapsed, eta);
    std::fflush(stdout);
  }

 private:
  double interval_;
  double total_cost_;
  double done_cost_ = 0.0;
  std::uint64_t bytes_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = Clock::now();
};

void print_plan(const plan::Plan& p) {
  double cost = 0;
  for (const auto& t : p.tasks) cost += t.bytes;
  fmt::print("plan: {} conversion tasks ({:.1f} MB to read), then fixed fields for {} model "
             "folder(s); {} files skipped\n",
             p.tasks.size(), cost / 1e6, p.fixed_inputs.size(), p.skipped.size());
  for (const auto& s : p.skipped) fmt::print("  skipped {}: {}\n", s.path, s.reason);
}

void print_dry_run(const plan::Plan& p) {
  for (const auto& t : p.tasks) {
    const std::string piece =
        t.piece ? fmt::format(" (piece {} of {})", t.piece->index + 1, t.piece->count) : "";
    fmt::print("  task {:>4} {:<7} {:>10.1f} MB  cost {:>8.3f}  {}{}\n", t.id,
               t.kind == pipeline::TaskKind::Convert ? t.variable : "fixed", t.bytes / 1e6, t.cost,
               t.input, piece);
  }
}

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Rank0State {
  std::optional<plan::Manifest> manifest;
  bool force = false;
  plan::Plan plan;
  std::vector<pipeline::Task> fixed_tasks;
  std::map<std::uint64_t, const pipeline::Task*> by_id;
  std::vector<plan::TaskRecord> records;
  bool failed_once = false;
};

// Tasks the manifest says are done (same input fingerprint, config, version,
// outputs present with their sizes) are recorded, not run again.
bool resumed(Rank0State& st, const pipeline::Task& t) {
  if (st.force || !st.manifest) return false;
  const auto outputs = st.manifest->done(t);
  if (!outputs) return false;
  plan::TaskRecord rec;
  rec.task = t;
  rec.outcome.id = t.id;
  rec.outcome.status = pipeline::Status::Skipped;
  rec.outcome.outputs = *outputs;
  rec.outcome.error = "unchanged since an earlier run (manifest.jsonl): not redone";
  st.records.push_back(std::move(rec));
  return true;
}

std::vector<farm::FarmTask> farm_tasks(Rank0State& st, const std::vector<pipeline::Task>& tasks) {
  std::vector<farm::FarmTask> out;
  for (const auto& t : tasks) {
    st.by_id[t.id] = &t;
    if (!resumed(st, t)) out.push_back({t.id, t.cost, pipeline::serialise(t)});
  }
  return out;
}

// Round two: fixed fields for the models that got data outputs, on the grid
// of their converted files.
std::vector<farm::FarmTask> fixed_round(Rank0State& st) {
  std::set<std::string> converted;
  for (const auto& r : st.records) {
    if (!r.outcome.outputs.empty()) converted.insert(r.task.input);  // ok now, or done before
  }
  st.fixed_tasks = plan::plan_fixed_tasks(st.plan, converted, st.plan.tasks.size() + 1);
  return farm_tasks(st, st.fixed_tasks);
}

plan::TaskRecord record_of(const Rank0State& st, const farm::FarmResult& r) {
  plan::TaskRecord rec;
  rec.task = *st.by_id.at(r.id);
  rec.worker = r.worker;
  if (r.ok) {
    rec.outcome = pipeline::parse_outcome(r.payload);
  } else {  // the runner itself threw: still a failed task, never a dead job
    rec.outcome.id = r.id;
    rec.outcome.status = pipeline::Status::Failed;
    rec.outcome.error = r.payload;
    rec.outcome.seconds = r.seconds;
  }
  return rec;
}

// Tasks still running in-process when the grace period ran out.
void record_unfinished(Rank0State& st, const std::vector<std::uint64_t>& ids, double grace_s) {
  for (const auto id : ids) {
    plan::TaskRecord rec;
    rec.task = *st.by_id.at(id);
    rec.outcome.id = id;
    rec.outcome.status = pipeline::Status::Skipped;
    rec.outcome.error = fmt::format("interrupted: still running {:g} s (run.grace_s) after the stop "
                                    "signal; the job was ended; run the same command again to redo it",
                                    grace_s);
    st.records.push_back(std::move(rec));
  }
}

// Tasks the farm never started (on_error: stop) are reported, not lost.
void record_unstarted(Rank0State& st, const std::string& why) {
  std::map<std::uint64_t, bool> seen;
  for (const auto& r : st.records) seen[r.task.id] = true;
  std::vector<pipeline::Task> all = st.plan.tasks;
  all.insert(all.end(), st.fixed_tasks.begin(), st.fixed_tasks.end());
  for (const auto& t : all) {
    if (seen.count(t.id)) continue;
    plan::TaskRecord rec;
    rec.task = t;
    rec.outcome.id = t.id;
    rec.outcome.status = pipeline::Status::Skipped;
    rec.outcome.error = why;
    st.records.push_back(std::move(rec));
  }
}

// An earlier run with another output.period or run.split_mb left files of
// the same series with other dates; ILAMB would refuse the overlap. Such
// files are removed once this run has written (or kept) the series.
std::size_t remove_superseded(const Rank0State& st, const std::string& root) {
  std::set<fs::path> current;
  std::map<fs::path, std::set<std::string>> series;  // folder -> prefixes
  for (const auto& r : st.records) {
    for (const auto& o : r.outcome.outputs) {
      const fs::path p = fs::path(root) / o;
      current.insert(p);
      if (auto prefix = pipeline::series_prefix(p.filename().string()); !prefix.empty()) {
        series[p.parent_path()].insert(prefix);
      }
    }
  }
  std::size_t removed = 0;
  for (const auto& [folder, prefixes] : series) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
      const auto prefix = pipeline::series_prefix(e.path().filename().string());
      if (prefixes.count(prefix) == 0 || current.count(e.path()) != 0) continue;
      if (fs::remove(e.path(), ec)) ++removed;
    }
  }
  return removed;
}

int finish(Rank0State& st, const plan::Config& config, const JobOptions& options, double wall) {
  record_unstarted(st, stop_signal() != 0
                          ? fmt::format("not started: the run was stopped by signal {}; run the "
                                        "same command again to resume",
                                        stop_signal())
                          : "not started: the run stopped after a failure (run.on_error: stop)");
  if (auto n = remove_superseded(st, config.output.root)) {
    fmt::print("removed {} output file(s) of an earlier run superseded by this run's dates "
               "(output.period or run.split_mb changed)\n", n);
  }
  const auto summary = plan::summarise(st.records, st.plan, wall, world_size());
  const auto report_path = (fs::path(config.output.root) / "report.json").string();
  plan::write_report(report_path, config, st.plan, st.records, summary, TI_VERSION,
                     options.command_line);
  plan::write_model_tables(config, st.records);
  fmt::print("{}", plan::summary_text(summary, st.records, report_path));
  if (stop_signal() != 0) {
    fmt::print("stopped by signal {}: running tasks finished, report and manifest written; run the "
               "same command again to resume\n",
               stop_signal());
    return 1;
  }
  return summary.failed > 0 || st.failed_once ? 1 : 0;
}

// Everything a task needs, built from the options (on every rank, and once
// more in the task server). Settings point into `table`: never moved.
struct JobContext {
  plan::Config config;
  cf::VariableTable table;
  pipeline::Settings settings;
};

std::unique_ptr<JobContext> make_context(const JobOptions& options) {
  auto ctx = std::make_unique<JobContext>();
  ctx->config = plan::load_config(options.config_path);
  ctx->table = load_table(ctx->config);
  const plan::Config& config = ctx->config;
  pipeline::Settings& settings = ctx->settings;
  settings.output_root = config.output.root;
  settings.compression = config.output.compression;
  settings.codec = config.output.codec;
  settings.time_units = cf::parse_time_units(config.output.time_units);
  settings.memory_mb = config.run.memory_mb;
  settings.table = &ctx->table;
  settings.version = TI_VERSION;
  settings.history = options.command_line;
  settings.period = config.output.period;
  settings.time_overrides = time_overrides(config);
  settings.grid_overrides = grid_overrides(config);
  for (const auto& [model, o] : config.overrides) {
    if (o.layer_depths) settings.depth_overrides[model] = *o.layer_depths;
  }
  if (config.regrid) {
    try {
      settings.regrid = pipeline::Settings::Regrid{pipeline::load_target_grid(config.regrid->grid),
                                                   *cf::parse_regrid_method(config.regrid->method)};
    } catch (const std::exception& e) {
      throw plan::ConfigError(fmt::format("regrid.grid: {}", e.what()));
    }
  }
  return ctx;
}

std::string setup_text(const JobOptions& options) {
  return nlohmann::json{{"config", options.config_path}, {"command_line", options.command_line}}.dump();
}

// What a runner returns for a task given up after the grace period: not a
// failure of its input, and redone on resume.
std::string interrupted_outcome(const std::string& payload, double grace_s) {
  pipeline::Outcome o;
  o.id = pipeline::parse_task(payload).id;
  o.status = pipeline::Status::Skipped;
  o.error = fmt::format("interrupted: still running {:g} s (run.grace_s) after the stop signal, so "
                        "its process was killed; run the same command again to redo it",
                        grace_s);
  return pipeline::serialise(o);
}

// A task killed after the grace period leaves its temporaries (output and
// scratch copy); they are removed now rather than at the next start.
void discard_leftovers(const std::string& root, const pipeline::Task& t, long pid) {
  try {
    pipeline::require_safe_component(t.simulation, "simulation");
    pipeline::require_safe_component(t.model, "model");
    pipeline::remove_temporaries_of(fs::path(root) / t.simulation / t.model, pid);
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(pipeline::scratch_folder(root), ec)) {
      if (e.path().filename().string().ends_with(fmt::format(".{}.nc", pid))) fs::remove(e.path(), ec);
    }
  } catch (const std::exception&) {
    // An unsafe name never got a folder; the next start cleans the rest.
  }
}

// Header reads for the plan, in the task server's runner: a file that
// crashes the library there costs its size, and its task reports the crash.
plan::HeaderReader isolated_header_reader(sandbox::TaskServer& server) {
  return [&server](const std::string& path, double size, const std::vector<std::string>& preferred) {
    const nlohmann::json probe{{"probe", path}, {"size", size}, {"preferred", preferred}};
    const sandbox::TaskResult r = server.run(probe.dump());
    if (r.ok) return nlohmann::json::parse(r.text).get<plan::HeaderFacts>();
    plan::HeaderFacts unreadable;
    unreadable.bytes = size;
    return unreadable;
  };
}

}  // namespace

sandbox::Work make_task_work(const std::string& setup_text) {
  const auto j = nlohmann::json::parse(setup_text);
  JobOptions options;
  options.config_path = j.at("config").get<std::string>();
  options.command_line = j.at("command_line").get<std::string>();
  std::shared_ptr<const JobContext> ctx = make_context(options);
  // Loaded once here, not in every forked task.
  cf::UnitSystem::instance();
  cf::VariableTable::builtin();  // the output checks' reference
  io::initialise_library();
  return [ctx](const std::string& payload) {
    const auto request = nlohmann::json::parse(payload);
    if (request.contains("probe")) {  // the planner asks for a header's facts
      const nlohmann::json facts = plan::read_header(
          request.at("probe").get<std::string>(), request.at("size").get<double>(),
          request.at("preferred").get<std::vector<std::string>>());
      return facts.dump();
    }
    return pipeline::serialise(pipeline::run_task(request.get<pipeline::Task>(), ctx->settings));
  };
}

int run_job(const JobOptions& options, sandbox::TaskServer& server) {
  const int rank = world_rank();
  install_stop_handlers();
  const auto start = Clock::now();
  std::unique_ptr<JobContext> ctx;
  try {
    ctx = make_context(options);
  } catch (const plan::ConfigError& e) {
    if (rank == 0) fmt::print(stderr, "trendy_ilamb: config error: {}\n", e.what());
    return 2;  // every rank read the same file and failed the same way
  }
  const plan::Config& config = ctx->config;
  const pipeline::Settings& settings = ctx->settings;
  if (config.run.isolate) server.setup(setup_text(options));

  Rank0State st;
  int status = 0;
  std::vector<farm::FarmTask> tasks;
  if (rank == 0) {
    try {
      // A dry run writes nothing: no output root, no clean-up of temporaries
      // (they may be a running job's).
      if (!options.dry_run) {
        fs::create_directories(config.output.root);
        if (auto n = remove_stale_temporaries(config.output.root)) {
          fmt::print("removed {} stale temporary file(s) from an earlier run\n", n);
        }
      }
      st.force = options.force;
      st.manifest.emplace(config.output.root,
                          plan::config_hash(file_text(options.config_path),
                                            config.variable_table ? file_text(*config.variable_table)
                                                                  : std::string("built-in")),
                          TI_VERSION);
      plan::PlanOptions plan_options;
      plan_options.split_mb = config.run.split_mb;
      plan_options.regrid = config.regrid.has_value();
      plan_options.earlier_report = (fs::path(config.output.root) / "report.json").string();
      if (config.run.isolate) plan_options.header_reader = isolated_header_reader(server);
      st.plan = plan::make_plan(plan::discover(config, ctx->table), plan_options);
      print_plan(st.plan);
      if (options.dry_run) print_dry_run(st.plan);
      tasks = farm_tasks(st, st.plan.tasks);
    } catch (const std::exception& e) {
      fmt::print(stderr, "trendy_ilamb: {}\n", e.what());
      status = 2;
    }
  }
  status = broadcast_status(options.dry_run && status == 0 ? 3 : status);
  if (status == 3) return 0;  // dry run: plan printed, nothing converted
  if (status != 0) return status;

  double total_cost = 0;
  for (const auto& t : tasks) total_cost += t.cost;
  Progress progress(config.run.progress_s, total_cost);
  const auto runner = [&](const std::string& payload, const farm::Abandon& abandon) {
    if (!config.run.isolate) {
      return pipeline::serialise(pipeline::run_task(pipeline::parse_task(payload), settings));
    }
    const sandbox::TaskResult r = server.run(payload, abandon);
    if (r.abandoned) {
      discard_leftovers(settings.output_root, pipeline::parse_task(payload), r.pid);
      return interrupted_outcome(payload, config.run.grace_s);
    }
    if (r.crashed) throw std::runtime_error(pipeline::parse_task(payload).input + ": " + r.text);
    if (!r.ok) throw std::runtime_error(r.text);
    return r.text;
  };
  const auto on_result = [&](const farm::FarmResult& r, std::size_t done, std::size_t total) {
    st.records.push_back(record_of(st, r));
    const auto& rec = st.records.back();
    if (rec.outcome.status == pipeline::Status::Failed) st.failed_once = true;
    if (rec.outcome.status == pipeline::Status::Ok && st.manifest) st.manifest->record(rec.task, rec.outcome);
    progress.update(st.records.back(), done, total);
  };
  const auto stop = [&] {
    return stop_signal() != 0 || (config.run.on_error == plan::OnError::Stop && st.failed_once);
  };
  farm::FarmOptions farm_options;
  farm_options.grace_s = config.run.grace_s;
  auto round = farm::run_farm(std::move(tasks), runner, on_result, stop, farm_options);
  if (round.unfinished.empty()) {
    std::vector<farm::FarmTask> fixed;
    if (rank == 0) fixed = fixed_round(st);
    round = farm::run_farm(std::move(fixed), runner, on_result, stop, farm_options);
  }

  if (rank == 0) {
    record_unfinished(st, round.unfinished, config.run.grace_s);
    try {
      status = finish(st, config, options,
                      std::chrono::duration<double>(Clock::now() - start).count());
    } catch (const std::exception& e) {
      fmt::print(stderr, "trendy_ilamb: cannot write the report: {}\n", e.what());
      status = 1;
    }
  }
  if (!round.unfinished.empty()) {
    // Workers running tasks in-process (run.isolate: false) cannot be told
    // to give up: end the job; their temporaries are removed on resume.
    farm::abort_world(1);
  }
  return broadcast_status(status);
}

}  // namespace ti::app
