#pragma once
// Every failure of the io layer becomes an NcError that names the file, and
// where known the variable and attribute, and what was being done.
#include <stdexcept>
#include <string>

namespace ti::io {

struct ErrorContext {
  std::string file;
  std::string variable;   // empty when the failure concerns the file
  std::string attribute;  // empty when no attribute is involved
};

class NcError : public std::runtime_error {
 public:
  NcError(ErrorContext where, const std::string& what_failed, int nc_status = 0);

  const ErrorContext& where() const { return where_; }
  int nc_status() const { return status_; }

 private:
  ErrorContext where_;
  int status_;
};

// Formats "<file>: variable <v>: attribute <a>: <message>" for any message.
std::string describe(const ErrorContext& where, const std::string& message);

}  // namespace ti::io
