#include "trendy_ilamb/sandbox/task_server.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>

namespace ti::sandbox {
namespace {

// Message kinds on the pipes (one byte, then a 64-bit length, then bytes).
constexpr char kSetup = 'S';    // rank -> server: MakeWork's text
constexpr char kTask = 'T';     // rank -> server: a payload
constexpr char kStarted = 'P';  // server -> rank: the task child's pid
// server -> rank: 'R' + result, 'E' + the task's error, or 'C' + how its
// process ended without a result.
constexpr char kDone = 'D';
constexpr char kQuit = 'Q';     // rank -> server: end now

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// false on end of file or error before `size` bytes arrived.
bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool send_message(int fd, char kind, const std::string& bytes) {
  const std::uint64_t size = bytes.size();
  return write_all(fd, &kind, 1) &&
         write_all(fd, reinterpret_cast<const char*>(&size), sizeof size) &&
         write_all(fd, bytes.data(), bytes.size());
}

struct Message {
  char kind = 0;
  std::string bytes;
};

std::optional<Message> receive_message(int fd) {
  Message m;
  std::uint64_t size = 0;
  if (!read_all(fd, &m.kind, 1) || !read_all(fd, reinterpret_cast<char*>(&size), sizeof size)) {
    return std::nullopt;
  }
  m.bytes.assign(size, '\0');
  if (!read_all(fd, m.bytes.data(), size)) return std::nullopt;
  return m;
}

// Server and task children die with their parent (a rank killed by the
// batch system must not leave them writing), and ignore the stop signals:
// a batch system signals the whole job, and it is the rank that decides,
// after the grace period, whether a running task is given up.
void become_dependent(pid_t expected_parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != expected_parent) ::_exit(0);  // the parent died before prctl
  for (int sig : {SIGTERM, SIGINT, SIGUSR1, SIGUSR2, SIGHUP}) std::signal(sig, SIG_IGN);
}

// Runs one task, catching everything: 'R' + result or 'E' + reason.
std::string run_caught(const Work& work, const std::string& payload) {
  try {
    return "R" + work(payload);
  } catch (const std::exception& e) {
    return std::string("E") + e.what();
  } catch (...) {
    return "Eunknown exception (not derived from std::exception)";
  }
}

// The runner: a child of the server that runs tasks one after another until
// the server closes its input, then exits without running the parent's
// atexit handlers or destructors (HDF5's exit handler must not run on a
// library state a failed task left behind).
[[noreturn]] void runner_loop(const Work& work, int from_server, int to_server) {
  while (auto m = receive_message(from_server)) {
    const std::string reply = run_caught(work, m->bytes);
    std::fflush(nullptr);
    if (!send_message(to_server, kDone, reply)) break;
  }
  std::fflush(nullptr);
  ::_exit(0);
}

// The server's view of its runner; none until the first task, and none
// again after a runner died (the next task forks a fresh one).
struct Runner {
  pid_t pid = -1;
  int to = -1;
  int from = -1;
};

void close_runner(Runner& r) {
  if (r.to >= 0) ::close(r.to);
  if (r.from >= 0) ::close(r.from);
  r = Runner{};
}

// Forks a runner; "" or why it could not.
std::string start_runner(Runner& r, const Work& work, int from_rank, int to_rank) {
  int down[2];
  int up[2];
  if (::pipe2(down, O_CLOEXEC) != 0) return std::strerror(errno);
  if (::pipe2(up, O_CLOEXEC) != 0) {
    ::close(down[0]);
    ::close(down[1]);
    return std::strerror(errno);
  }
  const pid_t server = ::getpid();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {down[0], down[1], up[0], up[1]}) ::close(fd);
    return std::strerror(errno);
  }
  if (pid == 0) {
    for (int fd : {down[1], up[0], from_rank, to_rank}) ::close(fd);
    become_dependent(server);
    // A crash must end this process with its signal, whatever handlers the
    // host program installed (a test framework's, a debugger helper's).
    for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) std::signal(sig, SIG_DFL);
    runner_loop(work, down[0], up[1]);
  }
  ::close(down[0]);
  ::close(up[1]);
  r = Runner{pid, down[1], up[0]};
  return {};
}

// Runs one task in the runner (forked first if there is none) and returns
// its reply; if the runner dies instead, reaps it and says how it ended.
std::string run_in_runner(Runner& r, const Work& work, const std::string& setup_error,
                          const std::string& payload, int from_rank, int to_rank) {
  if (!work) return "E" + setup_error;
  if (r.pid < 0) {
    if (auto why = start_runner(r, work, from_rank, to_rank); !why.empty()) {
      return "Ecannot fork a process to run the task: " + why;
    }
  }
  send_message(to_rank, kStarted, std::to_string(r.pid));
  std::optional<Message> reply;
  if (send_message(r.to, kTask, payload)) reply = receive_message(r.from);
  if (reply) return reply->bytes;
  const pid_t pid = r.pid;
  close_runner(r);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return "Cthe task's process " + describe_wait_status(status) + " before it reported a result";
}

[[noreturn]] void serve(const MakeWork& make_work, int from_rank, int to_rank) {
  Work work;
  std::string setup_error = "task server: setup() was never called";
  Runner runner;
  while (auto m = receive_message(from_rank)) {
    if (m->kind == kSetup) {
      try {
        work = make_work(m->bytes);
      } catch (const std::exception& e) {
        work = nullptr;
        setup_error = e.what();
      }
    } else if (m->kind == kQuit) {
      break;
    } else if (m->kind == kTask) {
      const std::string reply = run_in_runner(runner, work, setup_error, m->bytes, from_rank, to_rank);
      if (!send_message(to_rank, kDone, reply)) break;
    }
  }
  if (runner.pid > 0) {  // ends its loop at the end of its input
    const pid_t pid = runner.pid;
    close_runner(runner);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  std::fflush(nullptr);
  ::_exit(0);  // the rank closed its end: done
}

}  // namespace

std::string describe_wait_status(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* abbrev = ::sigabbrev_np(sig);
    const char* text = ::strsignal(sig);
    return fmt::format("was killed by signal {} (SIG{}, {})", sig, abbrev ? abbrev : "?",
                       text ? text : "unknown signal");
  }
  if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
  return fmt::format("ended with wait status {}", status);
}

TaskServer::TaskServer(MakeWork make_work) {
  int down[2];
  int up[2];
  // Close-on-exec: a process MPI_Init spawns (a singleton's orted) must not
  // inherit them, or the server would never see the end of its input.
  if (::pipe2(down, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("task server: pipe: {}", std::strerror(errno)));
  if (::pipe2(up, O_CLOEXEC) != 0) {
    ::close(down[0]);
    ::close(down[1]);
    throw std::runtime_error(fmt::format("task server: pipe: {}", std::strerror(errno)));
  }
  const pid_t parent = ::getpid();
  std::fflush(nullptr);
  server_ = ::fork();
  if (server_ < 0) {
    for (int fd : {down[0], down[1], up[0], up[1]}) ::close(fd);
    throw std::runtime_error(fmt::format("task server: fork: {}", std::strerror(errno)));
  }
  if (server_ == 0) {
    ::close(down[1]);
    ::close(up[0]);
    become_dependent(parent);
    std::signal(SIGPIPE, SIG_IGN);
    serve(make_work, down[0], up[1]);
  }
  ::close(down[0]);
  ::close(up[1]);
  to_server_ = down[1];
  from_server_ = up[0];
}

TaskServer::~TaskServer() {
  if (server_ <= 0) return;
  send_message(to_server_, kQuit, std::string());
  ::close(to_server_);
  ::close(from_server_);
  int status = 0;
  while (::waitpid(server_, &status, 0) < 0 && errno == EINTR) {
  }
}

void TaskServer::setup(const std::string& text) {
  if (!send_message(to_server_, kSetup, text)) {
    throw std::runtime_error("task server: it is gone (cannot send the setup)");
  }
}

TaskResult TaskServer::run(const std::string& payload, const std::function<bool()>& abandon,
                           std::chrono::milliseconds poll) {
  TaskResult out;
  const auto gone = [&out] {
    out.ok = false;
    out.text = "the task server process is gone; no task can run on this rank";
    return out;
  };
  if (!send_message(to_server_, kTask, payload)) return gone();
  pid_t child = -1;
  for (;;) {
    pollfd pfd{from_server_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(poll.count()));
    if (ready < 0 && errno != EINTR) return gone();
    if (ready > 0) {
      auto m = receive_message(from_server_);
      if (!m) return gone();
      if (m->kind == kStarted) {
        child = static_cast<pid_t>(std::stol(m->bytes));
        out.pid = child;
        continue;
      }
      out.ok = !m->bytes.empty() && m->bytes[0] == 'R';
      out.crashed = !m->bytes.empty() && m->bytes[0] == 'C';
      out.text = m->bytes.empty() ? std::string() : m->bytes.substr(1);
      return out;
    }
    if (!out.abandoned && child > 0 && abandon && abandon()) {
      ::kill(child, SIGKILL);  // the server then reports its end
      out.abandoned = true;
    }
  }
}

}  // namespace ti::sandbox
