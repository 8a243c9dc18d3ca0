// Text table and JSON rendering of trendy_check results.
#include "trendy_ilamb/check/report.hpp"

#include <algorithm>
#include <array>
#include <sstream>

namespace ti::check {
namespace {

using Row = std::array<std::string, 5>;

Row row_of(const Finding& f) {
  return {f.model.empty() ? "-" : f.model, f.file.empty() ? "-" : f.file, f.check,
          std::string(severity_name(f.severity)), f.message};
}

std::string summary(const RootResult& r) {
  const auto errors = count(r.findings, Severity::Error);
  const auto warnings = count(r.findings, Severity::Warning);
  return std::to_string(r.models.size()) + " model folder(s), " + std::to_string(r.files_checked) +
         " file(s): " + std::to_string(errors) + " error(s), " + std::to_string(warnings) +
         " warning(s) -> " + (errors == 0 ? "OK" : "FAILED");
}

}  // namespace

std::string format_table(const RootResult& result) {
  std::vector<Row> rows{{"model", "file", "check", "severity", "message"}};
  for (const auto& f : result.findings) rows.push_back(row_of(f));
  std::array<std::size_t, 4> width{};
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  std::ostringstream out;
  if (!result.findings.empty()) {
    for (const auto& r : rows) {
      for (std::size_t c = 0; c < width.size(); ++c) {
        out << r[c] << std::string(width[c] - r[c].size() + 2, ' ');
      }
      out << r[4] << '\n';
    }
  }
  out << summary(result) << '\n';
  return out.str();
}

nlohmann::json to_json(const std::string& root, const RootResult& result) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : result.findings) {
    findings.push_back({{"model", f.model},
                        {"file", f.file},
                        {"check", f.check},
                        {"severity", severity_name(f.severity)},
                        {"message", f.message}});
  }
  const auto errors = count(result.findings, Severity::Error);
  return {{"root", root},
          {"models", result.models},
          {"files_checked", result.files_checked},
          {"errors", errors},
          {"warnings", count(result.findings, Severity::Warning)},
          {"ok", errors == 0},
          {"findings", findings}};
}

}  // namespace ti::check
