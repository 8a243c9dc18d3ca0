// trendy_check: validates an ILAMB model root (one folder per model) against
// what ILAMB needs (../shared/docs/ILAMB_TARGET.md), reading metadata only.
//   trendy_check DIR [--json]
// Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.

// CLI11 2.1's inline string splitting trips GCC 12's -Wnull-dereference
// (a false positive inside libstdc++ once inlined here); not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "trendy_ilamb/check/check.hpp"
#include "trendy_ilamb/check/report.hpp"

namespace {

constexpr int kOk = 0;
constexpr int kFindings = 1;
constexpr int kUsageError = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"trendy_check: check an ILAMB model root (one folder per model) for ILAMB readiness"};
  std::string dir;
  bool json = false;
  app.add_option("DIR", dir, "Model root, as given to ilamb-run --model_root")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_flag("--json", json, "Print a JSON document instead of a table");
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }
  try {
    const auto result = ti::check::check_root(dir);
    if (json) {
      std::cout << ti::check::to_json(dir, result).dump(2) << '\n';
    } else {
      std::cout << ti::check::format_table(result);
    }
    return ti::check::has_errors(result.findings) ? kFindings : kOk;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "trendy_check: %s\n", e.what());
    return kUsageError;
  }
}
