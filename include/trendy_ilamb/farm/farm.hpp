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

// Runs a task on a worker. Exceptions are caught by the farm and reported as
// a failed result with the exception's message; a failure never aborts the job.
using Runner = std::function<std::string(const std::string& payload)>;

// Called on rank 0 after each result arrives (progress, manifest).
using OnResult = std::function<void(const FarmResult& result, std::size_t done, std::size_t total)>;

// Asked on rank 0 before each hand-out: once it returns true, no further task
// is started; running tasks finish and their results are returned
// (on_error: stop, and later signals). Tasks never started have no result.
using StopRequested = std::function<bool()>;

// Collective over MPI_COMM_WORLD (the caller initialises and finalises MPI).
// `tasks` is read on rank 0 only.
// With one rank, rank 0 runs every task itself, in the same order.
// With several, rank 0 only schedules (it polls with a short sleep, so it
// does not steal a core from the workers) and ranks 1..n-1 run tasks.
// Returns every result on rank 0 (in completion order), nothing elsewhere.
std::vector<FarmResult> run_farm(std::vector<FarmTask> tasks, const Runner& run,
                                 const OnResult& on_result, const StopRequested& stop = {});

// Order in which rank 0 hands tasks out: by cost, largest first, stable.
std::vector<std::size_t> schedule_order(const std::vector<FarmTask>& tasks);

}  // namespace ti::farm
