// trendy_ilamb CONFIG: converts a TRENDY release into ILAMB-ready files.
//   mpirun -np 96 trendy_ilamb config.yaml
// GCC 12 at -O2 reports a "potential null pointer dereference" inside
// CLI11's string splitting once it is inlined here (a false positive in
// libstdc++'s vector<string> growth); silenced for this header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
#include <cstdio>
#include <optional>
#include <string>

#include "run_job.hpp"
#include "trendy_ilamb/farm/mpi_world.hpp"

namespace {

std::string joined(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
  return out;
}

// Fills `options`; returns an exit status when the run should end here
// (--help, --version, a bad argument).
std::optional<int> parse_arguments(int argc, char** argv, int rank, ti::app::JobOptions& options) {
  CLI::App cli{"trendy_ilamb: convert a TRENDY release into ILAMB-ready CF NetCDF files"};
  options.command_line = joined(argc, argv);
  cli.add_option("config", options.config_path, "YAML configuration file")->required();
  cli.add_flag("--dry-run", options.dry_run, "print the plan (tasks, skipped files, cost) and exit");
  cli.add_flag("--force", options.force, "redo every task, even those the manifest says are done");
  cli.set_version_flag("--version", TI_VERSION);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Every rank parses the same arguments; only rank 0 speaks.
    if (rank != 0) return e.get_exit_code() == 0 ? 0 : 2;
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  // Forked first, while this is the only thread and MPI is not initialised.
  ti::sandbox::TaskServer server(ti::app::make_task_work);
  // MPI only under a launcher: a hand-started run is one rank without it.
  const ti::farm::MpiWorld mpi(argc, argv);
  ti::app::JobOptions options;
  if (const auto code = parse_arguments(argc, argv, ti::farm::world_rank(), options)) return *code;
  return ti::app::run_job(options, server);
}
