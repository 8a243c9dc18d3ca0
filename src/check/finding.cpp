#include "trendy_ilamb/check/finding.hpp"

#include <algorithm>

namespace ti::check {

std::string_view severity_name(Severity s) {
  return s == Severity::Error ? "error" : "warning";
}

bool has_errors(const std::vector<Finding>& findings) {
  return count(findings, Severity::Error) > 0;
}

std::size_t count(const std::vector<Finding>& findings, Severity s) {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [s](const Finding& f) { return f.severity == s; }));
}

void FindingSink::error(const std::string& check, const std::string& message) {
  findings_.push_back({model_, file_, check, Severity::Error, message});
}

void FindingSink::warning(const std::string& check, const std::string& message) {
  findings_.push_back({model_, file_, check, Severity::Warning, message});
}

}  // namespace ti::check
