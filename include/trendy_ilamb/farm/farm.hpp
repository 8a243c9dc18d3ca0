#pragma once
// MPI task farm: rank 0 hands out opaque tasks, largest estimated cost first,
// to whichever worker asks next (self-scheduling). It knows nothing of NetCDF:
// a task is a payload string plus a cost; a result is a payload string.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ti::farm {

struct FarmTask {
  std::uint64_t id = 0;
  double cost = 0.0;      // larger first; ties keep input order
  std::string payload;    // opaque to the farm
};

struct FarmResult {
  std::uint64_t id = 0;
  int worker = 0;         // rank that ran it (0 when serial)
  bool ok = false;        // false: the runner threw; payload holds the message
  double seconds = 0.0;   // wall time of the runner on the worker
  std::string payload;
};

// Asked by a runner while its task runs: true once rank 0 has given the task
// up (a stop was requested and the grace period is over). A runner that can
// cancel its task (one running it in a child process) then returns at once.
using Abandon = std::function<bool()>;

// Runs a task on a worker. Exceptions are caught by the farm and reported as
// a failed result with the exception's message; a failure never aborts the job.
using Runner = std::function<std::string(const std::string& payload, const Abandon& abandon)>;

// Called on rank 0 after each result arrives (progress, manifest).
using OnResult = std::function<void(const FarmResult& result, std::size_t done, std::size_t total)>;

// Asked on rank 0 before each hand-out: once it returns true, no further task
// is started; running tasks finish and their results are returned
// (on_error: stop, and later signals). Tasks never started have no result.
using StopRequested = std::function<bool()>;

struct FarmOptions {
  // After stop first returns true, running tasks get this long; then their
  // runners are told to abandon them, and after `abandon_wait_s` more rank 0
  // returns without the results of runners that did not listen.
  double grace_s = 1e30;
  double abandon_wait_s = 10.0;
};

struct FarmOutcome {
  std::vector<FarmResult> results;      // rank 0: in completion order
  std::vector<std::uint64_t> unfinished;  // rank 0: handed out, no result came back
};

// Collective over MPI_COMM_WORLD (the caller initialises and finalises MPI).
// `tasks` is read on rank 0 only.
// With one rank, rank 0 runs every task itself, in the same order.
// With several, rank 0 only schedules (it polls with a short sleep, so it
// does not steal a core from the workers) and ranks 1..n-1 run tasks.
// Returns every result on rank 0 (in completion order), nothing elsewhere.
// When `unfinished` is not empty, some workers are still busy and will not
// reach another collective call: the caller reports, then calls MPI_Abort.
FarmOutcome run_farm(std::vector<FarmTask> tasks, const Runner& run, const OnResult& on_result,
                     const StopRequested& stop = {}, const FarmOptions& options = {});

// Order in which rank 0 hands tasks out: by cost, largest first, stable.
std::vector<std::size_t> schedule_order(const std::vector<FarmTask>& tasks);

}  // namespace ti::farm
