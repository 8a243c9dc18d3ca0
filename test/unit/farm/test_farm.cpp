// Farm tests: a standalone MPI program run by CTest under mpirun with 1, 2
// and 4 ranks. Every rank runs every test (run_farm is collective); checks
// about the returned results happen on rank 0, where they are returned.
#include <mpi.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "trendy_ilamb/farm/farm.hpp"

using ti::farm::FarmResult;
using ti::farm::FarmTask;

namespace {

int g_rank = 0;
int g_size = 1;
int g_passed = 0;
int g_failed = 0;

void check(bool ok, const std::string& what) {
  if (ok) {
    ++g_passed;
  } else {
    ++g_failed;
    std::fprintf(stderr, "[rank %d] FAILED: %s\n", g_rank, what.c_str());
  }
}

int sum_over_ranks(int v) {
  int total = 0;
  MPI_Allreduce(&v, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

// Records what on_result saw, to compare with what run_farm returned.
struct Observed {
  std::vector<FarmResult> results;
  std::vector<std::size_t> done;
  std::vector<std::size_t> total;

  ti::farm::OnResult callback() {
    return [this](const FarmResult& r, std::size_t d, std::size_t t) {
      results.push_back(r);
      done.push_back(d);
      total.push_back(t);
    };
  }
};

void check_observed_matches(const Observed& seen, const std::vector<FarmResult>& results,
                            std::size_t total, const std::string& name) {
  check(seen.results.size() == results.size(), name + ": on_result called once per result");
  bool same = seen.results.size() == results.size();
  for (std::size_t i = 0; same && i < results.size(); ++i) {
    same = seen.results[i].id == results[i].id && seen.done[i] == i + 1 &&
           seen.total[i] == total;
  }
  check(same, name + ": on_result order, done and total match the returned results");
}

void check_workers(const std::vector<FarmResult>& results, const std::string& name) {
  bool ok = true;
  for (const FarmResult& r : results) {
    ok = ok && (g_size == 1 ? r.worker == 0 : (r.worker >= 1 && r.worker < g_size));
  }
  check(ok, name + ": worker ranks are 0 when serial, 1..n-1 otherwise");
}

void test_schedule_order() {
  const std::vector<FarmTask> tasks = {
      {10, 1.0, ""}, {11, 5.0, ""}, {12, 3.0, ""}, {13, 5.0, ""},
      {14, 0.0, ""}, {15, 3.0, ""}, {16, -2.0, ""}};
  const std::vector<std::size_t> want = {1, 3, 2, 5, 0, 4, 6};
  check(ti::farm::schedule_order(tasks) == want, "schedule_order: largest first, ties stable");
  check(ti::farm::schedule_order({}).empty(), "schedule_order: empty input");

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<FarmTask> with_nan = {{0, nan, ""}, {1, 2.0, ""}, {2, nan, ""}, {3, 4.0, ""}};
  const std::vector<std::size_t> want_nan = {3, 1, 0, 2};
  check(ti::farm::schedule_order(with_nan) == want_nan, "schedule_order: NaN costs go last");
}

// Payload "<n>": returns n*n; throws for n % 9 == 4; throws a non-std
// exception for n == 1007. Counts its calls on each rank.
int g_runner_calls = 0;

std::string square_runner(const std::string& payload, const ti::farm::Abandon& /*abandon*/) {
  ++g_runner_calls;
  const long long n = std::stoll(payload);
  // A little uneven work so results come back out of hand-out order.
  std::this_thread::sleep_for(std::chrono::microseconds((n % 5) * 300));
  if (n == 1007) {
    throw 42;
  }
  if (n % 9 == 4) {
    throw std::runtime_error("boom " + payload);
  }
  return std::to_string(n * n);
}

std::vector<FarmTask> make_square_tasks(std::size_t count) {
  std::vector<FarmTask> tasks;
  for (std::size_t i = 0; i < count; ++i) {
    const double cost = static_cast<double>((i * 7) % 11);  // many ties
    tasks.push_back({i, cost, std::to_string(1000 + i)});
  }
  return tasks;
}

void check_square_result(const FarmResult& r, std::map<std::uint64_t, int>& seen_ids,
                         bool& all_ok) {
  ++seen_ids[r.id];
  const long long n = 1000 + static_cast<long long>(r.id);
  all_ok = all_ok && r.seconds >= 0.0;
  if (n == 1007) {
    all_ok = all_ok && !r.ok && r.payload.find("unknown exception") != std::string::npos;
  } else if (n % 9 == 4) {
    all_ok = all_ok && !r.ok && r.payload == "boom " + std::to_string(n);
  } else {
    all_ok = all_ok && r.ok && r.payload == std::to_string(n * n);
  }
}

void test_many_tasks() {
  const std::string name = "40 tasks";
  const std::vector<FarmTask> tasks = make_square_tasks(40);
  Observed seen;
  g_runner_calls = 0;
  // Only rank 0's task list counts; other ranks pass junk to prove it.
  std::vector<FarmTask> mine = g_rank == 0 ? tasks : make_square_tasks(3);
  const auto results = ti::farm::run_farm(mine, square_runner, seen.callback()).results;

  const int calls = sum_over_ranks(g_runner_calls);
  const int rank0_calls = g_rank == 0 ? g_runner_calls : 0;
  check(calls == 40, name + ": runner called once per task over all ranks");
  if (g_size > 1) {
    check(sum_over_ranks(rank0_calls) == 0, name + ": rank 0 runs no task when n > 1");
  }
  if (g_rank != 0) {
    check(results.empty() && seen.results.empty(), name + ": workers return nothing");
    return;
  }
  check(results.size() == 40, name + ": one result per task");
  std::map<std::uint64_t, int> ids;
  bool all_ok = true;
  for (const FarmResult& r : results) {
    check_square_result(r, ids, all_ok);
  }
  bool once = ids.size() == 40;
  for (const auto& [id, count] : ids) {
    once = once && id < 40 && count == 1;
  }
  check(once, name + ": every id exactly once");
  check(all_ok, name + ": payloads, ok flags and failure messages are right");
  check_workers(results, name);
  check_observed_matches(seen, results, 40, name);
  if (g_size == 1) {
    const auto order = ti::farm::schedule_order(tasks);
    bool same = results.size() == order.size();
    for (std::size_t i = 0; same && i < order.size(); ++i) {
      same = results[i].id == tasks[order[i]].id;
    }
    check(same, name + ": serial completion order equals schedule_order");
  }
}

void test_zero_tasks() {
  Observed seen;
  g_runner_calls = 0;
  const auto results = ti::farm::run_farm({}, square_runner, seen.callback()).results;
  check(results.empty(), "zero tasks: no results");
  check(seen.results.empty(), "zero tasks: on_result never called");
  check(sum_over_ranks(g_runner_calls) == 0, "zero tasks: runner never called");
}

void test_one_task() {
  const std::string name = "one task";
  Observed seen;
  g_runner_calls = 0;
  std::vector<FarmTask> tasks;
  if (g_rank == 0) {
    tasks.push_back({77, 1.0, "1005"});
  }
  const auto results = ti::farm::run_farm(tasks, square_runner, seen.callback()).results;
  check(sum_over_ranks(g_runner_calls) == 1, name + ": runner called once");
  if (g_rank != 0) {
    return;
  }
  check(results.size() == 1 && results[0].id == 77 && results[0].ok &&
            results[0].payload == std::to_string(1005LL * 1005LL),
        name + ": result is right");
  check_workers(results, name);
  check_observed_matches(seen, results, 1, name);
}

// Binary-safe payloads: every byte value (NULs included), an empty payload,
// and a 3 MiB one that MPI sends with its large-message protocol.
std::string all_bytes() {
  std::string s;
  for (int i = 0; i < 512; ++i) {
    s.push_back(static_cast<char>(i % 256));
  }
  return s;
}

void test_binary_payloads() {
  const std::string name = "binary payloads";
  std::vector<std::string> payloads = {all_bytes(), std::string(), std::string(3u << 20, '\0')};
  for (std::size_t i = 0; i < payloads[2].size(); ++i) {
    payloads[2][i] = static_cast<char>((i * 31) % 251);
  }
  std::vector<FarmTask> tasks;
  if (g_rank == 0) {
    for (std::size_t i = 0; i < payloads.size(); ++i) {
      tasks.push_back({std::uint64_t{1} << 63 | i, 1.0, payloads[i]});
    }
  }
  auto reverse = [](const std::string& p, const ti::farm::Abandon&) {
    return std::string(p.rbegin(), p.rend());
  };
  const auto results = ti::farm::run_farm(tasks, reverse, {}).results;  // no on_result
  if (g_rank != 0) {
    return;
  }
  bool ok = results.size() == payloads.size();
  for (const FarmResult& r : results) {
    const std::size_t i = r.id & 0xFF;
    ok = ok && (r.id >> 63) == 1 && i < payloads.size() && r.ok &&
         r.payload == std::string(payloads[i].rbegin(), payloads[i].rend());
  }
  check(ok, name + ": ids and payloads survive the round trip");
}

// The grace tests share one clock: std::chrono::steady_clock is
// CLOCK_MONOTONIC on Linux, one clock for every process of the node, so a
// time point taken on a worker compares with one taken on rank 0.
using SteadyClock = std::chrono::steady_clock;

std::int64_t to_ns(SteadyClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

SteadyClock::time_point from_ns(std::int64_t ns) {
  return SteadyClock::time_point(std::chrono::duration_cast<SteadyClock::duration>(std::chrono::nanoseconds(ns)));
}

double seconds_between(SteadyClock::time_point from, SteadyClock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Rank 0's "now", the same on every rank (the farm's tasks are timed from it).
SteadyClock::time_point common_start() {
  std::int64_t ns = to_ns(SteadyClock::now());
  MPI_Bcast(&ns, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
  return from_ns(ns);
}

// A StopRequested that first says yes `after_s` after `start` and records
// when it did (on rank 0, the only rank that asks it).
struct TimedStop {
  SteadyClock::time_point start;
  double after_s = 0.0;
  std::optional<SteadyClock::time_point> first_true;

  ti::farm::StopRequested callback() {
    return [this] {
      const auto now = SteadyClock::now();
      if (seconds_between(start, now) < after_s) return false;
      if (!first_true) first_true = now;
      return true;
    };
  }
};

// A runner's payload: "<what> <steady_clock ns>"; nullopt if malformed.
std::optional<std::pair<std::string, SteadyClock::time_point>> parse_stamp(const std::string& payload) {
  const std::size_t blank = payload.find(' ');
  if (blank == std::string::npos) return std::nullopt;
  try {
    return std::make_pair(payload.substr(0, blank), from_ns(std::stoll(payload.substr(blank + 1))));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::size_t worker_count() { return g_size == 1 ? 1 : static_cast<std::size_t>(g_size - 1); }

// A runner that polls abandon() until `until_s` after `start` and reports
// when it stopped: "abandoned <ns>" (abandon() said yes) or "finished <ns>".
auto stamping_runner(SteadyClock::time_point start, double until_s) {
  return [start, until_s](const std::string&, const ti::farm::Abandon& abandon) {
    while (seconds_between(start, SteadyClock::now()) < until_s) {
      if (abandon()) return "abandoned " + std::to_string(to_ns(SteadyClock::now()));
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return "finished " + std::to_string(to_ns(SteadyClock::now()));
  };
}

std::vector<FarmTask> waiting_tasks(std::uint64_t n) {
  std::vector<FarmTask> tasks;
  for (std::uint64_t i = 0; i < n; ++i) tasks.push_back({i, 1.0, "wait"});
  return tasks;
}

// A stop request, then the grace period: running tasks are told to abandon
// only once grace_s has passed since the stop (not at the stop), no further
// task is handed out, and rank 0 gets every handed-out task's result.
// Serial (1 rank): rank 0 runs the first task itself; its abandon() asks
// the stop and says yes grace_s after the stop's first yes, then no other
// task starts.
void test_grace_then_abandon() {
  const std::string name = "grace then abandon";
  constexpr double kStopAfter = 0.5;  // lets every worker get its first task
  constexpr double kGrace = 1.0;
  constexpr double kGiveUp = 20.0;  // a runner never told to abandon returns then
  TimedStop stop{common_start(), kStopAfter, std::nullopt};
  // Runs until told to abandon; reports when abandon() first said yes.
  const auto until_abandoned = stamping_runner(stop.start, kGiveUp);
  const auto tasks = waiting_tasks(20);
  ti::farm::FarmOptions options;
  options.grace_s = kGrace;
  options.abandon_wait_s = 30.0;  // a runner that misses the word still reports (kGiveUp)
  const auto out = ti::farm::run_farm(tasks, until_abandoned, {}, stop.callback(), options);
  if (g_rank != 0) return;

  check(stop.first_true.has_value(), name + ": the stop was requested");
  if (!stop.first_true) return;
  const SteadyClock::time_point stop_at = *stop.first_true;
  check(!out.results.empty(), name + ": results arrived");
  check(out.results.size() <= worker_count(), name + ": no task was handed out after the stop request");
  if (g_size == 1) check(out.results.size() == 1, name + ": serial: only the first task ran");
  check(out.unfinished.empty(), name + ": every abandoned task reported back");
  for (const FarmResult& r : out.results) {
    const auto stamp = parse_stamp(r.payload);
    const std::string id = " (task " + std::to_string(r.id) + ": " + r.payload + ")";
    check(r.ok && stamp && stamp->first == "abandoned", name + ": the task was abandoned" + id);
    if (!stamp) continue;
    const double after_stop = seconds_between(stop_at, stamp->second);
    check(after_stop >= kGrace, name + ": abandoned no earlier than the grace after the stop, was " +
                                    std::to_string(after_stop) + " s after it" + id);
    check(after_stop < kGrace + 30.0, name + ": abandoned within 30 s of the grace's end, was " +
                                          std::to_string(after_stop) + " s after the stop" + id);
  }
}

// A long grace lets running tasks finish: runners that end on their own
// about 0.5 s after the stop request are never told to abandon.
void test_grace_lets_tasks_finish() {
  const std::string name = "grace lets tasks finish";
  constexpr double kStopAfter = 0.5;
  constexpr double kFinishAfter = 1.0;  // 0.5 s after the stop
  constexpr double kGrace = 5.0;
  TimedStop stop{common_start(), kStopAfter, std::nullopt};
  const auto finishes = stamping_runner(stop.start, kFinishAfter);
  const auto tasks = waiting_tasks(20);
  ti::farm::FarmOptions options;
  options.grace_s = kGrace;
  const auto out = ti::farm::run_farm(tasks, finishes, {}, stop.callback(), options);
  if (g_rank != 0) return;

  check(stop.first_true.has_value(), name + ": the stop was requested");
  if (!stop.first_true) return;
  const SteadyClock::time_point stop_at = *stop.first_true;
  check(!out.results.empty(), name + ": results arrived");
  check(out.results.size() <= worker_count(), name + ": no task was handed out after the stop request");
  if (g_size == 1) check(out.results.size() == 1, name + ": serial: only the first task ran");
  check(out.unfinished.empty(), name + ": every task reported back");
  for (const FarmResult& r : out.results) {
    const auto stamp = parse_stamp(r.payload);
    const std::string id = " (task " + std::to_string(r.id) + ": " + r.payload + ")";
    check(r.ok && stamp && stamp->first == "finished", name + ": the task finished, not abandoned" + id);
    // The stop came while the task ran (else this would test nothing).
    check(stamp && stamp->second > stop_at, name + ": the task ended after the stop request" + id);
  }
}

// Finalises MPI however main leaves.
struct MpiSession {
  MpiSession(int& argc, char**& argv) { MPI_Init(&argc, &argv); }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

}  // namespace

int main(int argc, char** argv) {
  const MpiSession mpi(argc, argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  try {
    test_schedule_order();
    test_many_tasks();
    test_zero_tasks();
    test_one_task();
    test_binary_payloads();
    test_grace_then_abandon();
    test_grace_lets_tasks_finish();
    test_many_tasks();  // again: a second farm after others must be clean
  } catch (const std::exception& e) {
    check(false, std::string("unexpected exception: ") + e.what());
  }
  const int passed = sum_over_ranks(g_passed);
  const int failed = sum_over_ranks(g_failed);
  if (g_rank == 0) {
    std::printf("farm tests on %d rank(s): %d passed, %d failed\n", g_size, passed, failed);
  }
  return failed == 0 ? 0 : 1;
}
