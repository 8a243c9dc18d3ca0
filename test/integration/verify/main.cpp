// trendy_verify: an independent check of what trendy_ilamb wrote (see
// common.hpp for what "independent" means here).
//
//   trendy_verify contract OUT_ROOT [--report] [--table T] [--time-units U]
//                                   [--compression N] [--scale VAR=FACTOR,...]
//   trendy_verify report   OUT_ROOT [--expect-failed NAME[=TEXT],...]
//                                   [--expect-skipped NAME[=TEXT],...] [--table T]
//   trendy_verify tree     OUT_ROOT [--table T]
//   trendy_verify plan     DRY_RUN_LOG CONFIG [--table T]
//   trendy_verify tasks    OUT_ROOT    (one line per task, for scripts)
//   trendy_verify same     A_ROOT B_ROOT
//
// Prints one line per problem ("<file>: <what>"), then a summary line.
// Exit status: 0 no problem, 1 problems found, 2 usage error.

// CLI11 2.1's inline string splitting trips GCC 12's -Wnull-dereference
// (a false positive inside libstdc++ once inlined here); not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <cstdio>
#include <exception>

#include "contract.hpp"
#include "report.hpp"
#include "same.hpp"
#include "tree.hpp"

#ifndef TI_VARIABLE_TABLE
#define TI_VARIABLE_TABLE "config/variables.yaml"
#endif

namespace {

using namespace ti::verify;

std::map<std::string, double> parse_scales(const std::vector<std::string>& specs) {
  std::map<std::string, double> out;
  for (const auto& s : specs) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw CLI::ValidationError("--scale", "expects VAR=FACTOR: " + s);
    out[s.substr(0, eq)] = std::stod(s.substr(eq + 1));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Check trendy_ilamb outputs against the output contract and the known answer"};
  app.require_subcommand(1);
  std::string root, other, table = TI_VARIABLE_TABLE, time_units = kDefaultTimeUnits;
  bool verbose = false;
  std::optional<int> compression;
  std::vector<std::string> expect_failed, expect_skipped, scales;

  auto* contract = app.add_subcommand("contract", "Check every output file against the contract");
  contract->add_option("OUT_ROOT", root, "output.root of the run")->required();
  contract->add_flag("--report", verbose, "Also print one line per file checked");
  contract->add_option("--table", table, "Variable table the run used")->capture_default_str();
  contract->add_option("--time-units", time_units, "output.time_units of the run")->capture_default_str();
  contract->add_option("--compression", compression, "output.compression of the run (default: any >= 1)");
  contract->add_option("--scale", scales, "VAR=FACTOR: the table's unit is FACTOR x the known answer's")
      ->delimiter(',');

  auto* report = app.add_subcommand("report", "Check report.json and the manifest against the tree");
  report->add_option("OUT_ROOT", root, "output.root of the run")->required();
  report->add_option("--expect-failed", expect_failed,
                     "Input basenames that must have failed (NAME or NAME=TEXT in the error)")
      ->delimiter(',');
  report->add_option("--expect-skipped", expect_skipped,
                     "Input basenames whose task must be skipped (NAME or NAME=TEXT in the reason)")
      ->delimiter(',');
  report->add_option("--table", table, "Variable table the run used")->capture_default_str();

  auto* tree = app.add_subcommand("tree", "Check that the tree holds exactly the expected files");
  tree->add_option("OUT_ROOT", root, "output.root of the run")->required();
  tree->add_option("--table", table, "Built-in variable table (a config's variable_table wins)")
      ->capture_default_str();

  std::string config;
  auto* plan = app.add_subcommand("plan", "Check what --dry-run printed against the expected tree");
  plan->add_option("DRY_RUN_LOG", root, "what trendy_ilamb --dry-run CONFIG printed")->required();
  plan->add_option("CONFIG", config, "the config of the dry run")->required();
  plan->add_option("--table", table, "Built-in variable table (a config's variable_table wins)")
      ->capture_default_str();

  auto* tasks = app.add_subcommand("tasks", "Print each task of report.json: input, kind, status, error");
  tasks->add_option("OUT_ROOT", root, "output.root of the run")->required();

  auto* same = app.add_subcommand("same", "Check that two output trees hold identical data");
  same->add_option("A_ROOT", root, "first output root")->required();
  same->add_option("B_ROOT", other, "second output root")->required();

  CLI11_PARSE(app, argc, argv);
  try {
    if (contract->parsed()) {
      const auto units = parse_output_time_units(time_units);
      if (!units) throw CLI::ValidationError("--time-units", "not '<unit> since YYYY-MM-DD[ hh:mm:ss]'");
      return run_contract(root, {table, *units, compression, parse_scales(scales), verbose});
    }
    if (report->parsed()) {
      Expectations expect;
      add_expectations(expect, expect_failed, "failed");
      add_expectations(expect, expect_skipped, "skipped");
      return run_report(root, expect, table);
    }
    if (tree->parsed()) return run_tree(root, table);
    if (tasks->parsed()) return run_tasks(root);
    if (plan->parsed()) return run_plan(root, config, table);
    return run_same(root, other);
  } catch (const CLI::Error& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trendy_verify: %s\n", e.what());
    return 2;
  }
}
