#pragma once
// Resume: an append-only JSONL manifest in the output root, written by rank 0
// only. Per finished task it records the input's fingerprint (path, size,
// mtime), the config hash, the tool version and the outputs with their sizes.
// A task is skipped on a later run only when all of these still match and
// every output exists with its recorded size.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "trendy_ilamb/pipeline/task.hpp"

namespace ti::plan {

struct Fingerprint {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

Fingerprint fingerprint(const std::string& path);  // size 0 / mtime 0 when unreadable

// What identifies a task across runs (kind, simulation, model, variable, input).
std::string task_key(const pipeline::Task& t);

class Manifest {
 public:
  // Reads `<root>/manifest.jsonl` if present (a torn last line is ignored).
  Manifest(const std::string& output_root, std::string config_hash, std::string version);

  // The outputs of an earlier run of this task, when it can be skipped.
  std::optional<std::vector<std::string>> done(const pipeline::Task& t) const;

  // Appends one line (flushed) for a finished task.
  void record(const pipeline::Task& t, const pipeline::Outcome& o);

 private:
  struct Entry {
    Fingerprint input;
    std::string config_hash;
    std::string version;
    std::vector<std::pair<std::string, std::uint64_t>> outputs;
  };
  std::string root_;
  std::string path_;
  std::string config_hash_;
  std::string version_;
  std::map<std::string, Entry> entries_;  // last entry per task key wins
};

// A hash of the config file's text and the variable table's text.
std::string config_hash(const std::string& config_text, const std::string& table_text);

}  // namespace ti::plan
