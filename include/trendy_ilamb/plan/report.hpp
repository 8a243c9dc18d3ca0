#pragma once
// What rank 0 writes after a run: report.json (every task), models.csv per
// simulation (the ilamb3 model table), and a short human summary.
#include <string>
#include <vector>

#include "trendy_ilamb/pipeline/task.hpp"
#include "trendy_ilamb/plan/config.hpp"
#include "trendy_ilamb/plan/planner.hpp"

namespace ti::plan {

struct TaskRecord {
  pipeline::Task task;
  pipeline::Outcome outcome;
  int worker = 0;
};

struct RunSummary {
  std::size_t ok = 0, failed = 0, skipped = 0;
  std::uint64_t bytes_read = 0, bytes_written = 0;
  double wall_seconds = 0.0;
  int ranks = 1;
};

RunSummary summarise(const std::vector<TaskRecord>& records, const Plan& plan, double wall_seconds,
                     int ranks);

// Atomic like every output: written to a hidden temporary, then renamed.
void write_report(const std::string& path, const Config& config, const Plan& plan,
                  const std::vector<TaskRecord>& records, const RunSummary& summary,
                  const std::string& version, const std::string& command);

// <root>/<Sx>/models.csv: variable_id,path,source_id,grid_label,frequency.
void write_model_tables(const Config& config, const std::vector<TaskRecord>& records);

std::string summary_text(const RunSummary& s, const std::vector<TaskRecord>& records,
                         const std::string& report_path);

}  // namespace ti::plan
