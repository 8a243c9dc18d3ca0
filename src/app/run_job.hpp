#pragma once
// The converter's job on every rank: config -> plan (rank 0) -> farm ->
// report (rank 0). Returns the process exit status (0 all done, 1 some tasks
// failed, 2 usage or config error), the same on every rank.
#include <string>

namespace ti::app {

struct JobOptions {
  std::string config_path;
  std::string command_line;
  bool dry_run = false;
  bool force = false;  // ignore the manifest: redo every task
};

int run_job(const JobOptions& options);

}  // namespace ti::app
