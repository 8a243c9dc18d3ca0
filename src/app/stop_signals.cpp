#include "stop_signals.hpp"

#include <csignal>
#include <initializer_list>

namespace ti::app {

namespace {
volatile std::sig_atomic_t g_signal = 0;

extern "C" void note_signal(int sig) { g_signal = sig; }
}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = note_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // netCDF/HDF5 calls in flight carry on
  for (int sig : {SIGTERM, SIGINT, SIGUSR1}) sigaction(sig, &sa, nullptr);
}

int stop_signal() { return static_cast<int>(g_signal); }

}  // namespace ti::app
