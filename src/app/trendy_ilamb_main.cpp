// trendy_ilamb CONFIG: converts a TRENDY release into ILAMB-ready files.
//   mpirun -np 96 trendy_ilamb config.yaml
#include <mpi.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "run_job.hpp"

namespace {

// MPI_Init/MPI_Finalize tied to scope, so every return path finalises.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv) { MPI_Init(&argc, &argv); }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

std::string joined(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  // Forked first, while this is the only thread and MPI is not initialised.
  ti::sandbox::TaskServer server(ti::app::make_task_work);
  MpiSession mpi(argc, argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);

  CLI::App cli{"trendy_ilamb: convert a TRENDY release into ILAMB-ready CF NetCDF files"};
  ti::app::JobOptions options;
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
  return ti::app::run_job(options, server);
}
