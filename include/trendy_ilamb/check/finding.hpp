#pragma once
// One result of trendy_check: what was checked where, and how bad it is.
#include <string>
#include <string_view>
#include <vector>

namespace ti::check {

enum class Severity { Warning, Error };
std::string_view severity_name(Severity s);  // "warning" / "error"

struct Finding {
  std::string model;  // model folder name; empty for a lone file
  std::string file;   // path relative to the model folder (or as given)
  std::string check;  // short name: dims, time, time_bounds, overlap, grid, ...
  Severity severity = Severity::Error;
  std::string message;
};

bool has_errors(const std::vector<Finding>& findings);
std::size_t count(const std::vector<Finding>& findings, Severity s);

// Collects findings for one file (or one model folder) with that context.
class FindingSink {
 public:
  FindingSink(std::string model, std::string file)
      : model_(std::move(model)), file_(std::move(file)) {}
  void error(const std::string& check, const std::string& message);
  void warning(const std::string& check, const std::string& message);
  void set_file(std::string file) { file_ = std::move(file); }
  std::vector<Finding>& findings() { return findings_; }

 private:
  std::string model_;
  std::string file_;
  std::vector<Finding> findings_;
};

}  // namespace ti::check
