#pragma once
// SIGTERM / SIGINT / SIGUSR1 (what SLURM and PBS send before a time limit):
// every rank notes the signal instead of dying, so rank 0 can stop handing
// out work, let running tasks finish, write the manifest and the report, and
// exit; the same command then resumes.
namespace ti::app {

void install_stop_handlers();
// The signal received, or 0.
int stop_signal();

}  // namespace ti::app
