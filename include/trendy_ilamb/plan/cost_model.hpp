#pragma once
// Scheduling weights for largest-first hand-out. A task's cost is an
// estimate of its seconds on one rank:
// - without history, from its uncompressed bytes, times a factor for how the
//   input is stored (deflated, or a .gz/.bz2 to inflate first) and for
//   regridding, plus a fixed per-task overhead;
// - calibrated from an earlier run's report.json when there is one: a file
//   that converted before costs what it measured then (scaled to the share
//   of its steps the task reads), and every other file its bytes times the
//   median seconds per byte of earlier files stored the same way.
// Costs only order tasks and balance pieces: their unit does not matter.
#include <map>
#include <string>

namespace ti::plan {

enum class InputStorage { Plain, Deflated, Wrapped };  // Wrapped: .gz/.bz2
std::string storage_name(InputStorage s);

struct CostModel {
  // Seconds per uncompressed byte for uncalibrated estimates (~200 MB/s for
  // plain reads with deflated output on one core of the development machine).
  static constexpr double kDefaultSecondsPerByte = 1.0 / 200e6;
  static constexpr double kTaskOverheadSeconds = 0.02;

  std::map<std::string, double> measured_seconds;  // input path -> seconds (ok before)
  std::map<std::string, double> measured_bytes;    // input path -> bytes read then
  std::map<InputStorage, double> seconds_per_byte;  // calibrated medians

  bool calibrated() const { return !measured_seconds.empty(); }
  // `fraction`: the share of the input's bytes this task reads (a piece).
  double estimate(const std::string& input, double bytes, InputStorage storage, bool regrid,
                  double fraction = 1.0) const;
};

// Reads an earlier report.json (absent or unreadable: an uncalibrated model).
// `storage_of` tells how each earlier input is stored, as the planner saw it.
CostModel load_cost_model(const std::string& report_path,
                          const std::map<std::string, InputStorage>& storage_of);

}  // namespace ti::plan
