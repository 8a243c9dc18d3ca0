// One task, start to finish: dispatch, checks on what was written, timing,
// and every failure turned into an Outcome.
#include "trendy_ilamb/pipeline/run_task.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "trendy_ilamb/check/check.hpp"

namespace ti::pipeline {

namespace {

// The same metadata checks trendy_check runs, on every file just written
// (cheap: attributes, coordinates, bounds), recorded in report.json.
void check_outputs(Outcome& outcome, const Settings& settings) {
  for (const auto& out : outcome.outputs) {
    const auto path = (std::filesystem::path(settings.output_root) / out).string();
    for (const auto& f : check::check_file(path)) {
      outcome.checks.push_back(fmt::format("{}: {}: {}: {}", check::severity_name(f.severity), out,
                                           f.check, f.message));
    }
  }
}

}  // namespace

Outcome run_task(const Task& task, const Settings& settings) {
  const auto start = std::chrono::steady_clock::now();
  Outcome outcome;
  try {
    outcome = task.kind == TaskKind::Convert ? convert_file(task, settings)
                                             : write_fixed_fields(task, settings);
    check_outputs(outcome, settings);
  } catch (const std::exception& e) {
    outcome = Outcome{};
    outcome.id = task.id;
    outcome.status = Status::Failed;
    outcome.error = e.what();
  }
  outcome.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace ti::pipeline
