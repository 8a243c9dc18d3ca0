#include "trendy_ilamb/farm/farm.hpp"
#include "trendy_ilamb/farm/mpi_world.hpp"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "farm/messages.hpp"

namespace ti::farm {
namespace {

using wire::Tag;

// Idle waits sleep this long between polls: with ranks oversubscribed on few
// cores, a blocking MPI_Probe would spin and steal the workers' CPU.
constexpr auto kPollSleep = std::chrono::milliseconds(1);

void check_mpi(int rc, const char* what) {
  if (rc != MPI_SUCCESS) {
    throw std::runtime_error(std::string("farm: MPI call failed: ") + what);
  }
}

// A private duplicate of MPI_COMM_WORLD, so farm messages can never match
// receives (or be matched by receives) elsewhere in the application.
class FarmComm {
 public:
  FarmComm() { check_mpi(MPI_Comm_dup(MPI_COMM_WORLD, &comm_), "MPI_Comm_dup"); }
  ~FarmComm() { MPI_Comm_free(&comm_); }
  FarmComm(const FarmComm&) = delete;
  FarmComm& operator=(const FarmComm&) = delete;

  MPI_Comm get() const { return comm_; }

  int rank() const {
    int r = 0;
    check_mpi(MPI_Comm_rank(comm_, &r), "MPI_Comm_rank");
    return r;
  }

  int size() const {
    int n = 0;
    check_mpi(MPI_Comm_size(comm_, &n), "MPI_Comm_size");
    return n;
  }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
};

struct Incoming {
  int source = 0;
  Tag tag = Tag::ready;
  std::string bytes;
};

void send_bytes(const FarmComm& comm, int dest, Tag tag, const std::string& bytes) {
  // MPI counts are int; larger messages would need chunking, which no
  // task or result of this project comes near.
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    throw std::length_error("farm: message larger than INT_MAX bytes");
  }
  check_mpi(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, dest,
                     static_cast<int>(tag), comm.get()),
            "MPI_Send");
}

// Receives exactly the message that was probed (its source and tag), so a
// message from another rank cannot slip in between probe and receive.
Incoming receive_probed(const FarmComm& comm, const MPI_Status& probed) {
  MPI_Status status = probed;
  int count = 0;
  check_mpi(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
  Incoming in;
  in.source = probed.MPI_SOURCE;
  in.tag = static_cast<Tag>(probed.MPI_TAG);
  in.bytes.assign(static_cast<std::size_t>(count), '\0');
  check_mpi(MPI_Recv(in.bytes.data(), count, MPI_BYTE, in.source, probed.MPI_TAG,
                     comm.get(), &status),
            "MPI_Recv");
  return in;
}

std::optional<Incoming> try_receive(const FarmComm& comm, int source) {
  int flag = 0;
  MPI_Status status;
  check_mpi(MPI_Iprobe(source, MPI_ANY_TAG, comm.get(), &flag, &status), "MPI_Iprobe");
  if (flag == 0) {
    return std::nullopt;
  }
  return receive_probed(comm, status);
}

// Polls with a short sleep instead of a spinning MPI_Probe (see kPollSleep).
Incoming wait_receive(const FarmComm& comm, int source) {
  for (;;) {
    if (auto in = try_receive(comm, source)) {
      return std::move(*in);
    }
    std::this_thread::sleep_for(kPollSleep);
  }
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// When the first stop request was seen, and whether its grace is over.
class StopClock {
 public:
  StopClock(const StopRequested& stop, double grace_s) : stop_(stop), grace_s_(grace_s) {}

  bool stopped() {
    if (!stopped_ && stop_ && stop_()) {
      stopped_ = true;
      since_ = Clock::now();
    }
    return stopped_;
  }
  bool grace_over() { return stopped() && seconds_since(since_) >= grace_s_; }

 private:
  const StopRequested& stop_;
  double grace_s_;
  bool stopped_ = false;
  Clock::time_point since_{};
};

// Runs one task, turning any exception into a failed result: a task's
// failure is data for the manifest, never a reason to stop the job.
FarmResult run_one(std::uint64_t id, const std::string& payload, const Runner& run,
                   const Abandon& abandon, int worker) {
  FarmResult res;
  res.id = id;
  res.worker = worker;
  const auto start = Clock::now();
  try {
    res.payload = run(payload, abandon);
    res.ok = true;
  } catch (const std::exception& e) {
    res.payload = e.what();
  } catch (...) {
    res.payload = "unknown exception (not derived from std::exception)";
  }
  res.seconds = seconds_since(start);
  return res;
}

FarmOutcome run_serial(const std::vector<FarmTask>& tasks, const Runner& run,
                       const OnResult& on_result, const StopRequested& stop,
                       const FarmOptions& options) {
  FarmOutcome out;
  out.results.reserve(tasks.size());
  StopClock clock(stop, options.grace_s);
  const Abandon abandon = [&clock] { return clock.grace_over(); };
  for (const std::size_t i : schedule_order(tasks)) {
    if (clock.stopped()) break;
    out.results.push_back(run_one(tasks[i].id, tasks[i].payload, run, abandon, 0));
    if (on_result) {
      on_result(out.results.back(), out.results.size(), tasks.size());
    }
  }
  return out;
}

// Rank 0 with workers: every message from a worker (READY or RESULT) means
// it is idle, and is answered with the next task or STOP. Once every worker
// got STOP, every task handed out has come back. After a stop request, busy
// workers get the grace period, then ABANDON; a worker that still does not
// answer within abandon_wait_s is left behind (FarmOutcome::unfinished).
FarmOutcome run_scheduler(const FarmComm& comm, const std::vector<FarmTask>& tasks,
                          const OnResult& on_result, const StopRequested& stop,
                          const FarmOptions& options) {
  const std::vector<std::size_t> order = schedule_order(tasks);
  FarmOutcome out;
  out.results.reserve(tasks.size());
  std::map<int, std::uint64_t> busy;  // worker rank -> task id
  std::optional<Clock::time_point> abandoned_at;
  StopClock clock(stop, options.grace_s);
  std::size_t next = 0;
  int stopped = 0;
  const int workers = comm.size() - 1;
  while (stopped < workers) {
    auto in = try_receive(comm, MPI_ANY_SOURCE);
    if (!in) {
      if (!abandoned_at && !busy.empty() && clock.grace_over()) {
        for (const auto& [worker, id] : busy) send_bytes(comm, worker, Tag::abandon, std::string());
        abandoned_at = Clock::now();
      }
      if (abandoned_at && seconds_since(*abandoned_at) >= options.abandon_wait_s) {
        for (const auto& [worker, id] : busy) out.unfinished.push_back(id);
        return out;
      }
      std::this_thread::sleep_for(kPollSleep);
      continue;
    }
    if (in->tag == Tag::result) {
      busy.erase(in->source);
      out.results.push_back(wire::decode_result(in->bytes, in->source));
      if (on_result) {
        on_result(out.results.back(), out.results.size(), tasks.size());
      }
    } else if (in->tag != Tag::ready) {
      throw std::runtime_error("farm: unexpected message tag on rank 0");
    }
    if (next < order.size() && !clock.stopped()) {
      const FarmTask& t = tasks[order[next++]];
      send_bytes(comm, in->source, Tag::task, wire::encode_task(t.id, t.payload));
      busy[in->source] = t.id;
    } else {
      send_bytes(comm, in->source, Tag::stop, std::string());
      ++stopped;
    }
  }
  return out;
}

// A result too large for one message is replaced by a failure saying so,
// rather than throwing on the worker and leaving rank 0 waiting forever.
std::string encode_result_for_wire(FarmResult res) {
  std::string bytes = wire::encode_result(res);
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    res.ok = false;
    res.payload = "result payload too large for one MPI message";
    bytes = wire::encode_result(res);
  }
  return bytes;
}

// True once rank 0 sent ABANDON (the message is consumed).
bool abandon_received(const FarmComm& comm) {
  int flag = 0;
  MPI_Status status;
  check_mpi(MPI_Iprobe(0, static_cast<int>(Tag::abandon), comm.get(), &flag, &status), "MPI_Iprobe");
  if (flag != 0) receive_probed(comm, status);
  return flag != 0;
}

void run_worker(const FarmComm& comm, const Runner& run) {
  const int me = comm.rank();
  const Abandon abandon = [&comm] { return abandon_received(comm); };
  send_bytes(comm, 0, Tag::ready, std::string());
  for (;;) {
    const Incoming in = wait_receive(comm, 0);
    if (in.tag == Tag::stop) {
      return;
    }
    if (in.tag == Tag::abandon) {
      continue;  // came after this worker's task had already finished
    }
    if (in.tag != Tag::task) {
      throw std::runtime_error("farm: unexpected message tag on worker");
    }
    const wire::TaskMessage task = wire::decode_task(in.bytes);
    send_bytes(comm, 0, Tag::result,
               encode_result_for_wire(run_one(task.id, task.payload, run, abandon, me)));
  }
}

// NaN costs sort last: they must not break the comparator's strict weak order.
double sort_key(double cost) {
  return std::isnan(cost) ? -std::numeric_limits<double>::infinity() : cost;
}

}  // namespace

std::vector<std::size_t> schedule_order(const std::vector<FarmTask>& tasks) {
  std::vector<std::size_t> order(tasks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&tasks](std::size_t a, std::size_t b) {
    return sort_key(tasks[a].cost) > sort_key(tasks[b].cost);
  });
  return order;
}

FarmOutcome run_farm(std::vector<FarmTask> tasks, const Runner& run, const OnResult& on_result,
                     const StopRequested& stop, const FarmOptions& options) {
  if (!mpi_active()) return run_serial(tasks, run, on_result, stop, options);
  const FarmComm comm;
  if (comm.size() == 1) {
    return run_serial(tasks, run, on_result, stop, options);
  }
  if (comm.rank() == 0) {
    return run_scheduler(comm, tasks, on_result, stop, options);
  }
  run_worker(comm, run);
  return {};
}

}  // namespace ti::farm
