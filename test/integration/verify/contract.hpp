#pragma once
// trendy_verify contract: every output file against DESIGN.md "Output
// contract" (names, dimensions, attributes, time bounds, grid, storage,
// models.csv) and, for a synthetic release, every value against the known
// answer (synth/analytic.hpp, synth/cases.hpp).
#include <map>
#include <optional>
#include <string>

#include "common.hpp"
#include "time_rules.hpp"

namespace ti::verify {

struct ContractOptions {
  fs::path table;                    // the variable table the run used
  OutputTimeUnits time_units;        // output.time_units of the run
  std::optional<int> compression;    // output.compression; unset: any level >= 1
  std::map<std::string, double> scale;  // output variable -> factor on the known answer
  bool verbose = false;
};

int run_contract(const fs::path& root, const ContractOptions& options);

}  // namespace ti::verify
