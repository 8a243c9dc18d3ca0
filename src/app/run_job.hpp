#pragma once
// The converter's job on every rank: config -> plan (rank 0) -> farm ->
// report (rank 0). Returns the process exit status (0 all done, 1 some tasks
// failed, 2 usage or config error), the same on every rank.
#include <string>

#include "trendy_ilamb/sandbox/task_server.hpp"

namespace ti::app {

struct JobOptions {
  std::string config_path;
  std::string command_line;
  bool dry_run = false;
  bool force = false;  // ignore the manifest: redo every task
};

// What the task server's children run: built once in the server from the
// setup text that run_job sends (the options as JSON).
sandbox::Work make_task_work(const std::string& setup_text);

// `server` was forked before MPI_Init (see task_server.hpp); tasks run in its
// children unless the config says run.isolate: false.
int run_job(const JobOptions& options, sandbox::TaskServer& server);

}  // namespace ti::app
