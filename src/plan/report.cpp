#include "trendy_ilamb/plan/report.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace ti::plan {

namespace fs = std::filesystem;

namespace {

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write", tmp.string()));
  }
  fs::rename(tmp, path);
}

// Output file names carry the CMIP table, and the table the frequency.
std::string frequency_of(const std::string& output) {
  const auto name = fs::path(output).filename().string();
  if (name.find("_Lmon_") != std::string::npos) return "mon";
  if (name.find("_Eyr_") != std::string::npos) return "yr";
  if (name.find("_Eday_") != std::string::npos) return "day";
  return "fx";
}

// The grid label is the DRS field after the member id ("..._r1i1p1f1_gr_...").
std::string grid_label_of(const std::string& output) {
  const auto name = fs::path(output).filename().string();
  const auto pos = name.find("_r1i1p1f1_");
  return pos == std::string::npos ? "gn" : name.substr(pos + 10, 2);
}

}  // namespace

RunSummary summarise(const std::vector<TaskRecord>& records, const Plan& plan, double wall_seconds,
                     int ranks) {
  RunSummary s;
  s.skipped = plan.skipped.size();
  for (const auto& r : records) {
    switch (r.outcome.status) {
      case pipeline::Status::Ok: ++s.ok; break;
      case pipeline::Status::Failed: ++s.failed; break;
      case pipeline::Status::Skipped: ++s.skipped; break;
    }
    s.bytes_read += r.outcome.bytes_read;
    s.bytes_written += r.outcome.bytes_written;
  }
  s.wall_seconds = wall_seconds;
  s.ranks = ranks;
  return s;
}

void write_report(const std::string& path, const Config& config, const Plan& plan,
                  const std::vector<TaskRecord>& records, const RunSummary& s,
                  const std::string& version, const std::string& command) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& r : records) {
    nlohmann::json t = r.outcome;
    t["input"] = r.task.input;
    t["kind"] = r.task.kind == pipeline::TaskKind::Convert ? "convert" : "fixed";
    t["model"] = r.task.model;
    t["simulation"] = r.task.simulation;
    t["variable"] = r.task.variable;
    t["estimated_bytes"] = r.task.bytes;
    t["estimated_cost"] = r.task.cost;
    if (r.task.piece) t["piece"] = {{"index", r.task.piece->index}, {"count", r.task.piece->count}};
    t["worker"] = r.worker;
    tasks.push_back(std::move(t));
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& k : plan.skipped) skipped.push_back({{"input", k.path}, {"reason", k.reason}});
  const nlohmann::json report = {
      {"trendy_ilamb_version", version},
      {"command", command},
      {"config", config.path},
      {"input_root", config.input.root},
      {"output_root", config.output.root},
      {"ranks", s.ranks},
      {"wall_seconds", s.wall_seconds},
      {"counts", {{"ok", s.ok}, {"failed", s.failed}, {"skipped", s.skipped}}},
      {"bytes_read", s.bytes_read},
      {"bytes_written", s.bytes_written},
      {"tasks", tasks},
      {"skipped", skipped}};
  write_atomically(path, report.dump(2) + "\n");
}

void write_model_tables(const Config& config, const std::vector<TaskRecord>& records) {
  std::map<std::string, std::string> tables;  // simulation -> csv body
  for (const auto& r : records) {
    // Tasks done in an earlier run (skipped via the manifest) keep their outputs.
    if (r.outcome.status == pipeline::Status::Failed) continue;
    for (const auto& out : r.outcome.outputs) {
      const auto var = fs::path(out).filename().string();
      const auto abs = fs::absolute(fs::path(config.output.root) / out).lexically_normal();
      tables[r.task.simulation] += fmt::format("{},{},{},{},{}\n", var.substr(0, var.find('_')),
                                               abs.string(), r.task.model, grid_label_of(out),
                                               frequency_of(out));
    }
  }
  for (const auto& [sim, body] : tables) {
    fs::create_directories(fs::path(config.output.root) / sim);
    write_atomically(fs::path(config.output.root) / sim / "models.csv",
                     "variable_id,path,source_id,grid_label,frequency\n" + body);
  }
}

std::string summary_text(const RunSummary& s, const std::vector<TaskRecord>& records,
                         const std::string& report_path) {
  const double mb_read = static_cast<double>(s.bytes_read) / 1e6;
  std::string out = fmt::format(
      "trendy_ilamb: {} tasks on {} rank(s) in {:.1f} s: {} ok, {} failed, {} skipped; "
      "{:.1f} MB read ({:.1f} MB/s), {:.1f} MB written\n",
      records.size(), s.ranks, s.wall_seconds, s.ok, s.failed, s.skipped, mb_read,
      s.wall_seconds > 0 ? mb_read / s.wall_seconds : 0.0, static_cast<double>(s.bytes_written) / 1e6);
  for (const auto& r : records) {
    if (r.outcome.status == pipeline::Status::Failed) {
      out += fmt::format("  FAILED {}: {}\n", r.task.input, r.outcome.error);
    }
  }
  out += fmt::format("report: {}\n", report_path);
  return out;
}

}  // namespace ti::plan
