#include "trendy_ilamb/plan/cost_model.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <vector>

namespace ti::plan {
namespace {

// Relative cost per byte before calibration: inflating costs about as much
// again as reading; regridding adds half (bench/regrid_cost.sh).
double storage_factor(InputStorage s) {
  switch (s) {
    case InputStorage::Plain: return 1.0;
    case InputStorage::Deflated: return 2.0;
    case InputStorage::Wrapped: return 3.0;
  }
  return 1.0;
}
constexpr double kRegridFactor = 1.5;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

std::string storage_name(InputStorage s) {
  switch (s) {
    case InputStorage::Plain: return "plain";
    case InputStorage::Deflated: return "deflated";
    case InputStorage::Wrapped: return "gz/bz2";
  }
  return "plain";
}

double CostModel::estimate(const std::string& input, double bytes, InputStorage storage, bool regrid,
                           double fraction) const {
  if (auto it = measured_seconds.find(input); it != measured_seconds.end()) {
    // This file's own rate then, for the bytes read now (a period or a
    // piece may read a different share of it).
    const double then = measured_bytes.at(input);
    return bytes > 0.0 ? bytes * fraction * it->second / then : it->second * fraction;
  }
  if (auto it = seconds_per_byte.find(storage); it != seconds_per_byte.end()) {
    return kTaskOverheadSeconds + bytes * fraction * it->second;
  }
  // Uncalibrated, or no earlier file stored this way: scale a calibrated
  // plain rate (or the default) by the storage factor.
  double rate = kDefaultSecondsPerByte * (regrid ? kRegridFactor : 1.0);
  if (auto it = seconds_per_byte.find(InputStorage::Plain); it != seconds_per_byte.end()) rate = it->second;
  return kTaskOverheadSeconds + bytes * fraction * rate * storage_factor(storage);
}

CostModel load_cost_model(const std::string& report_path,
                          const std::map<std::string, InputStorage>& storage_of) {
  CostModel m;
  std::ifstream in(report_path);
  if (!in) return m;
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return m;  // a torn or foreign file: plan without history
  }
  std::map<InputStorage, std::vector<double>> rates;
  for (const auto& t : report.value("tasks", nlohmann::json::array())) {
    if (t.value("status", "") != "ok" || t.value("kind", "") != "convert") continue;
    const double seconds = t.value("seconds", 0.0);
    const double bytes = t.value("bytes_read", 0.0);
    const std::string input = t.value("input", "");
    if (seconds <= 0.0 || bytes <= 0.0 || input.empty()) continue;
    // Pieces of one input add up to the input's whole cost.
    m.measured_seconds[input] += seconds;
    m.measured_bytes[input] += bytes;
  }
  for (const auto& [input, seconds] : m.measured_seconds) {
    const auto s = storage_of.find(input);
    if (s != storage_of.end()) rates[s->second].push_back(seconds / m.measured_bytes[input]);
  }
  for (auto& [storage, r] : rates) m.seconds_per_byte[storage] = median(std::move(r));
  return m;
}

}  // namespace ti::plan
