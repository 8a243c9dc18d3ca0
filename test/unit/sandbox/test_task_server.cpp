// The task server runs each task in a fresh child: results and exceptions
// come back as they were; a crash or abort fails that task only, with its
// signal; an abandoned task's child is killed; the server survives all of it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

#include "trendy_ilamb/sandbox/task_server.hpp"

using ti::sandbox::TaskResult;
using ti::sandbox::TaskServer;
using ti::sandbox::Work;

namespace {

// The setup text becomes a prefix of every result, so the tests see that
// MakeWork ran in the server with what setup() sent.
Work make_work(const std::string& setup) {
  if (setup == "bad setup") throw std::runtime_error("cannot build the work: bad setup");
  return [setup](const std::string& payload) -> std::string {
    if (payload == "segv") std::raise(SIGSEGV);
    if (payload == "abort") std::abort();
    if (payload == "exit") ::_exit(7);
    if (payload == "throw") throw std::runtime_error("task failed: throw");
    if (payload == "sleep") std::this_thread::sleep_for(std::chrono::seconds(60));
    if (payload == "pid") return std::to_string(::getpid());
    return setup + ":" + std::string(payload.rbegin(), payload.rend());
  };
}

}  // namespace

TEST_CASE("task server: results, exceptions and crashes come back per task") {
  TaskServer server(make_work);
  server.setup("S");
  TaskResult r = server.run("abc");
  CHECK(r.ok);
  CHECK(r.text == "S:cba");

  r = server.run("throw");
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.crashed);
  CHECK(r.text == "task failed: throw");

  r = server.run("segv");
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.abandoned);
  CHECK(r.crashed);
  CHECK(r.text == "the task's process was killed by signal 11 (SIGSEGV, Segmentation fault) "
                  "before it reported a result");

  r = server.run("abort");
  CHECK_FALSE(r.ok);
  CHECK(r.text.find("signal 6 (SIGABRT") != std::string::npos);

  r = server.run("exit");
  CHECK_FALSE(r.ok);
  CHECK(r.text == "the task's process exited with status 7 before it reported a result");

  // The server outlived every crash; a large payload survives the pipes.
  const std::string big(3 << 20, 'x');
  r = server.run(big);
  CHECK(r.ok);
  CHECK(r.text == "S:" + big);
}

TEST_CASE("task server: tasks share a runner process until one crashes") {
  TaskServer server(make_work);
  server.setup("S");
  const TaskResult a = server.run("pid");
  const TaskResult b = server.run("pid");
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  CHECK(a.text == b.text);
  CHECK(a.text != std::to_string(::getpid()));
  CHECK_FALSE(server.run("segv").ok);
  const TaskResult c = server.run("pid");
  REQUIRE(c.ok);
  CHECK(c.text != a.text);  // a fresh runner
}

TEST_CASE("task server: an abandoned task's process is killed") {
  TaskServer server(make_work);
  server.setup("S");
  const auto start = std::chrono::steady_clock::now();
  const auto after_200ms = [start] {
    return std::chrono::steady_clock::now() - start > std::chrono::milliseconds(200);
  };
  const TaskResult r = server.run("sleep", after_200ms);
  CHECK_FALSE(r.ok);
  CHECK(r.abandoned);
  CHECK(r.text.find("signal 9 (SIGKILL") != std::string::npos);
  // Not the 60 s the task would sleep: the child was killed.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(50));
  CHECK(server.run("ok").text == "S:ko");
}

TEST_CASE("task server: a failed setup fails every task with its reason") {
  TaskServer server(make_work);
  server.setup("bad setup");
  const TaskResult r = server.run("abc");
  CHECK_FALSE(r.ok);
  CHECK(r.text == "cannot build the work: bad setup");
}
