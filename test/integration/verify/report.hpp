#pragma once
// trendy_verify report: report.json against the tree and the expected
// failures and skips: every task has the fields DESIGN lists, the expected
// ones failed (or were skipped) naming their path and reason, every other
// task is ok, every task that reports done lists outputs that exist with the
// sizes manifest.jsonl records, no output is claimed twice, every input of
// the release is accounted for.
#include <map>
#include <string>
#include <vector>

#include "common.hpp"

namespace ti::verify {

// What a named input's task must show: its status, and text its error holds.
struct Expectation {
  std::string status;
  std::string text;
};
using Expectations = std::map<std::string, Expectation>;  // by input basename

// "NAME" or "NAME=TEXT": the input basename, and text its error must hold.
void add_expectations(Expectations& out, const std::vector<std::string>& specs,
                      const std::string& status);

// One line per task of report.json, for scripts: "<input basename>\t<kind>\t
// <status>\t<error>".
int run_tasks(const fs::path& root);

int run_report(const fs::path& root, const Expectations& expect, const fs::path& table_path);

}  // namespace ti::verify
