#pragma once
// Crash containment. A task server is a process forked at start-up, before
// MPI_Init, that never touches MPI. It forks a runner child that runs the
// rank's tasks one after another and sends back each result. A segfault or
// abort inside netCDF/HDF5 on a corrupt file kills the runner only: that
// task is reported failed with the signal, the server forks a fresh runner
// for the next task, and the rank (and the job) go on.
//
// Forking before MPI_Init keeps MPI state out of every forked process (Open
// MPI does not support fork() after MPI_Init). A long-lived runner, rather
// than a fresh process per task, keeps what a process warms up (heap pages,
// caches such as regrid weights) from one task to the next: a fresh process
// per task measured about 1.3x slower on the demo's small files.
//
// Knows nothing of NetCDF or MPI: payloads and results are opaque strings.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>

namespace ti::sandbox {

// Runs one task in the per-task child; an exception is a failed task.
using Work = std::function<std::string(const std::string& payload)>;
// Called once in the server with the text given to setup(): builds the Work
// (parses the config, loads the variable table, ...).
using MakeWork = std::function<Work(const std::string& setup_text)>;

struct TaskResult {
  bool ok = false;         // false: `text` says why (exception, signal, exit)
  bool abandoned = false;  // killed because `abandon` said so
  bool crashed = false;    // the process ended (signal, exit) without a result
  std::string text;        // the Work's result, or the reason it has none
  long pid = 0;            // the process that ran it (to find what a killed one left)
};

class TaskServer {
 public:
  // Forks the server. Call before MPI_Init, with no other thread running.
  explicit TaskServer(MakeWork make_work);
  ~TaskServer();  // ends the server and waits for it
  TaskServer(const TaskServer&) = delete;
  TaskServer& operator=(const TaskServer&) = delete;

  // Gives the server what MakeWork needs; call once before run().
  void setup(const std::string& text);

  // Runs `payload` in the server's runner and waits for its result, asking
  // `abandon` every `poll` while it waits: once it returns true, the runner
  // is killed (SIGKILL; the next task gets a fresh one) and the result is
  // marked abandoned.
  TaskResult run(const std::string& payload, const std::function<bool()>& abandon = {},
                 std::chrono::milliseconds poll = std::chrono::milliseconds(5));

 private:
  pid_t server_ = -1;
  int to_server_ = -1;    // write end: setup and task messages
  int from_server_ = -1;  // read end: started and result messages
};

// "killed by signal 11 (SIGSEGV, Segmentation fault)" and the like.
std::string describe_wait_status(int status);

}  // namespace ti::sandbox
