// trendy_verify report: report.json and manifest.jsonl against the tree.
#include "report.hpp"

#include "run_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

namespace ti::verify {
namespace {

struct ReportTally {
  std::size_t ok = 0, failed = 0, skipped = 0;
  std::map<std::string, int> expected_seen;
  std::map<fs::path, int> outputs;  // listed output -> times listed
  std::set<std::string> inputs;
};

// The outputs of the manifest's entries, latest entry of a key winning:
// relative path -> recorded size. Torn lines (a killed run) are ignored.
std::map<std::string, std::uintmax_t> manifest_sizes(const fs::path& manifest) {
  std::map<std::string, nlohmann::json> latest;
  std::ifstream in(manifest);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    latest[json_string(j, "key")] = j;
  }
  std::map<std::string, std::uintmax_t> sizes;
  for (const auto& [key, entry] : latest) {
    if (!entry.contains("outputs") || !entry["outputs"].is_array()) continue;
    for (const auto& o : entry["outputs"]) {
      if (o.is_object() && o.contains("size")) sizes[json_string(o, "path")] = o["size"].get<std::uintmax_t>();
    }
  }
  return sizes;
}

struct ReportInputs {
  fs::path root;
  std::map<std::string, std::uintmax_t> manifest;
};

// An output a task reports done: in place, and of the size the manifest
// recorded for it (what a resume will trust).
void check_done_output(Problems& p, const fs::path& report, const ReportInputs& in,
                       const std::string& rel, const std::string& input) {
  const fs::path out = in.root / rel;
  if (!fs::exists(out)) {
    p.add(report, fmt::format("output {} of {} does not exist", out.string(), input));
    return;
  }
  const auto recorded = in.manifest.find(rel);
  if (recorded == in.manifest.end()) {
    p.add(report, fmt::format("output {} of {} is not in manifest.jsonl", rel, input));
  } else if (recorded->second != fs::file_size(out)) {
    p.add(report, fmt::format("output {} of {} is {} bytes, the manifest records {}", rel, input,
                              fs::file_size(out), recorded->second));
  }
}

bool resumed(const nlohmann::json& task) {
  return json_string(task, "error").find("not redone") != std::string::npos;
}

void check_task_outputs(Problems& p, const fs::path& report, const ReportInputs& in,
                        const nlohmann::json& task, ReportTally& tally) {
  const std::string input = json_string(task, "input");
  const std::string status = json_string(task, "status");
  if (!task.contains("outputs") || !task["outputs"].is_array()) {
    p.add(report, "task for " + input + " has no outputs array");
    return;
  }
  const bool done = status == "ok" || (status == "skipped" && resumed(task));
  if (done && task["outputs"].empty())
    p.add(report, fmt::format("{} is {} but lists no output", input, status));
  for (const auto& o : task["outputs"]) {
    const std::string rel = o.get<std::string>();
    ++tally.outputs[fs::weakly_canonical(in.root / rel)];
    if (done) check_done_output(p, report, in, rel, input);
    if (status == "failed" && fs::exists(in.root / rel))
      p.add(report, fmt::format("failed task {} left output {}", input, rel));
  }
}

// DESIGN: "every task: input, outputs, status, seconds, bytes read and
// written, warnings, error".
void check_task_fields(Problems& p, const fs::path& report, const nlohmann::json& task) {
  for (const char* key : {"input", "outputs", "status", "seconds", "bytes_read", "bytes_written",
                          "warnings", "error"}) {
    if (!task.contains(key)) {
      p.add(report, fmt::format("task for '{}' has no '{}'", json_string(task, "input"), key));
    }
  }
}

// "<input basename>", or "<input basename>#<k>" for piece k (from 1) of a
// split input: expectations can name one piece.
std::string expectation_key(const nlohmann::json& task) {
  const std::string base = fs::path(json_string(task, "input")).filename().string();
  if (!task.contains("piece") || !task["piece"].is_object()) return base;
  const auto index = task["piece"].find("index");
  const long k = index != task["piece"].end() && index->is_number_integer() ? index->get<long>() : 0;
  return fmt::format("{}#{}", base, k + 1);
}

void check_task(Problems& p, const fs::path& report, const ReportInputs& in,
                const nlohmann::json& task, const Expectations& expect, ReportTally& tally) {
  check_task_fields(p, report, task);
  const std::string input = json_string(task, "input");
  const std::string status = json_string(task, "status");
  const std::string error = json_string(task, "error");
  const std::string key = expectation_key(task);
  tally.inputs.insert(input);
  if (expect.contains(key)) {
    const Expectation& want = expect.at(key);
    ++tally.expected_seen[key];
    if (status != want.status)
      p.add(report, fmt::format("{} has status '{}' (expected {})", input, status, want.status));
    if (want.status == "failed" && (error.empty() || error.find(input) == std::string::npos)) {
      p.add(report, fmt::format("error of {} does not name its path: '{}'", input, error));
    }
    if (error.find(want.text) == std::string::npos) {
      p.add(report, fmt::format("error of {} does not say '{}': '{}'", input, want.text, error));
    }
  } else if (status != "ok" && !(status == "skipped" && resumed(task))) {
    p.add(report, fmt::format("{} has status '{}' (expected ok): {}", input, status, error));
  }
  // The converter runs trendy_check on what it writes: no error may show.
  if (task.contains("checks") && task["checks"].is_array()) {
    for (const auto& c : task["checks"]) {
      if (c.is_string() && c.get<std::string>().rfind("error", 0) == 0)
        p.add(report, fmt::format("{}: converter's own check failed: {}", input, c.get<std::string>()));
    }
  }
  (status == "ok" ? tally.ok : status == "skipped" ? tally.skipped : tally.failed) += 1;
  check_task_outputs(p, report, in, task, tally);
}

// The input's variable is a fixed input (land/ocean fraction, cell area):
// it feeds areacella/sftlf and is not a task of its own.
bool is_fixed_input(const fs::path& input, const VariableTable& table) {
  std::string stem = input.filename().string();
  stem = stem.substr(0, stem.find(".nc"));
  const std::string var = stem.substr(stem.rfind('_') + 1);
  return std::any_of(table.fixed_sources.begin(), table.fixed_sources.end(),
                     [&](const std::string& s) { return iequals(s, var); });
}

std::set<std::string> skipped_inputs(const nlohmann::json& report) {
  std::set<std::string> out;
  if (!report.contains("skipped") || !report["skipped"].is_array()) return out;
  for (const auto& s : report["skipped"]) {
    if (s.is_string())
      out.insert(s.get<std::string>());
    else if (s.is_object())
      out.insert(json_string(s, "input"));
  }
  return out;
}

std::vector<fs::path> inputs_under(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && (name.ends_with(".nc") || name.ends_with(".nc.gz") ||
                                name.ends_with(".nc.bz2"))) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every input the run's selection takes is accounted for: a task, a skip,
// or a fixed input. (Inputs left out by input.models / variables /
// simulations are not reported by the converter yet: issue 16.)
void check_coverage(Problems& p, const fs::path& report_path, const nlohmann::json& report,
                    const ReportTally& tally, const RunSettings& settings, const VariableTable& table) {
  const fs::path input_root = json_string(report, "input_root");
  if (input_root.empty() || !fs::is_directory(input_root)) {
    p.add(report_path, "input_root is missing or not a folder");
    return;
  }
  const auto skipped = skipped_inputs(report);
  for (const auto& input : inputs_under(input_root)) {
    if (tally.inputs.contains(input.string()) || skipped.contains(input.string()) ||
        is_fixed_input(input, table) || !selected_input(settings, table, input)) {
      continue;
    }
    p.add(report_path, "no task for input " + input.string());
  }
}

// report.json's counts.<key>, or -1 when absent.
long count_of(const nlohmann::json& report, const char* key) {
  const auto counts = report.find("counts");
  if (counts == report.end() || !counts->is_object()) return -1;
  const auto n = counts->find(key);
  return n != counts->end() && n->is_number_integer() ? n->get<long>() : -1;
}

void check_report_totals(Problems& p, const fs::path& report_path, const nlohmann::json& report,
                         const fs::path& root, const ReportTally& tally, const Expectations& expect) {
  for (const auto& [name, want] : expect) {
    if (!tally.expected_seen.contains(name)) p.add(report_path, "no task for expected " + want.status + " " + name);
  }
  const long ok = count_of(report, "ok"), failed = count_of(report, "failed");
  if (ok != static_cast<long>(tally.ok) || failed != static_cast<long>(tally.failed)) {
    p.add(report_path, fmt::format("counts ok {}, failed {} disagree with the tasks (ok {}, failed {})",
                                   ok, failed, tally.ok, tally.failed));
  }
  for (const auto& file : nc_files_under(root)) {
    const auto canonical = fs::weakly_canonical(file);
    const int n = tally.outputs.contains(canonical) ? tally.outputs.at(canonical) : 0;
    if (n != 1)
      p.add(report_path, fmt::format("{} is listed as output of {} tasks (expected 1)", file.string(), n));
  }
}

}  // namespace

void add_expectations(Expectations& out, const std::vector<std::string>& specs,
                      const std::string& status) {
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    out[spec.substr(0, eq)] = {status, eq == std::string::npos ? "" : spec.substr(eq + 1)};
  }
}

int run_tasks(const fs::path& root) {
  std::ifstream in(root / "report.json");
  if (!in) {
    std::fprintf(stderr, "trendy_verify tasks: no %s\n", (root / "report.json").c_str());
    return 1;
  }
  const nlohmann::json report = nlohmann::json::parse(in);
  if (!report.contains("tasks") || !report["tasks"].is_array()) return 1;
  for (const auto& t : report["tasks"]) {
    std::printf("%s\t%s\t%s\t%s\n", fs::path(json_string(t, "input")).filename().c_str(),
                json_string(t, "kind").c_str(), json_string(t, "status").c_str(),
                json_string(t, "error").c_str());
  }
  return 0;
}

int run_report(const fs::path& root, const Expectations& expect, const fs::path& table_path) {
  Problems p;
  const fs::path report_path = root / "report.json";
  std::ifstream in(report_path);
  if (!in) {
    p.add(report_path, "missing");
    return p.finish("report", "no report");
  }
  const nlohmann::json report = nlohmann::json::parse(in);
  const ReportInputs inputs{root, manifest_sizes(root / "manifest.jsonl")};
  ReportTally tally;
  const auto& tasks = report.contains("tasks") ? report["tasks"] : nlohmann::json::array();
  if (tasks.empty()) p.add(report_path, "no tasks");
  for (const auto& task : tasks) check_task(p, report_path, inputs, task, expect, tally);
  check_report_totals(p, report_path, report, root, tally, expect);
  const RunSettings settings = load_settings(json_string(report, "config"), table_path);
  check_coverage(p, report_path, report, tally, settings, load_table(settings.table));
  return p.finish("report", fmt::format("{} task(s): {} ok, {} failed, {} skipped", tasks.size(),
                                        tally.ok, tally.failed, tally.skipped));
}

}  // namespace ti::verify
