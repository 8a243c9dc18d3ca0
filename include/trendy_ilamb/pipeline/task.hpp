#pragma once
// What rank 0 sends to a worker (Task) and what comes back (Outcome), with
// their JSON wire form. Paths in a Task were found by discovery; the worker
// derives every output path from validated names, never from the input tree.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace ti::pipeline {

enum class TaskKind { Convert, Fixed };

// Input that feeds a model's sftlf (land or ocean fraction file).
struct FractionInput {
  std::string path;
  std::string role;         // "land_fraction" | "ocean_fraction"
  std::string extra_rule;   // "none" | "sum"
};

// One of `count` whole-year pieces of an input too large for one task
// (run.split_mb): the worker splits the input's years (within
// output.period) with cf::split_whole_years and converts piece `index`.
struct Piece {
  std::size_t index = 0;  // 0-based
  std::size_t count = 1;
};

struct Task {
  std::uint64_t id = 0;
  TaskKind kind = TaskKind::Convert;
  std::string input;          // Convert: the file; Fixed: a data file on the model's main grid
  std::string model;          // release folder name = output folder
  std::string simulation;     // S0..S3
  std::string variable;       // Convert: output variable name (table key)
  std::string file_variable;  // variable part of the file name (data variable hint)
  double bytes = 0.0;         // estimated uncompressed bytes read
  double cost = 0.0;          // scheduling weight (cost model), larger first
  std::optional<FractionInput> fraction;  // Fixed only
  std::optional<std::string> area;        // Fixed only: the model's own cell-area file
  std::optional<std::string> weights;     // Convert: the model's landCoverFrac (per-PFT data)
  std::optional<Piece> piece;             // Convert: a whole-year piece of a split input
};

enum class Status { Ok, Failed, Skipped };
std::string status_name(Status s);

struct Outcome {
  std::uint64_t id = 0;
  Status status = Status::Ok;
  std::vector<std::string> outputs;  // relative to the output root
  std::uint64_t bytes_read = 0;      // uncompressed bytes of data read
  std::uint64_t bytes_written = 0;   // bytes of the output files on disk
  double seconds = 0.0;
  std::vector<std::string> warnings;
  std::vector<std::string> checks;  // trendy_check findings on the outputs ("error|warning: ...")
  std::string error;
};

void to_json(nlohmann::json& j, const Task& t);
void from_json(const nlohmann::json& j, Task& t);
void to_json(nlohmann::json& j, const Outcome& o);
void from_json(const nlohmann::json& j, Outcome& o);

std::string serialise(const Task& t);
Task parse_task(const std::string& text);
std::string serialise(const Outcome& o);
Outcome parse_outcome(const std::string& text);

}  // namespace ti::pipeline
