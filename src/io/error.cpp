#include "trendy_ilamb/io/error.hpp"

#include <netcdf.h>

#include <fmt/format.h>

namespace ti::io {

std::string describe(const ErrorContext& where, const std::string& message) {
  std::string out = where.file.empty() ? std::string("<no file>") : where.file;
  if (!where.variable.empty()) out += fmt::format(": variable '{}'", where.variable);
  if (!where.attribute.empty()) out += fmt::format(": attribute '{}'", where.attribute);
  return out + ": " + message;
}

static std::string with_status(const std::string& what_failed, int status) {
  if (status == 0) return what_failed;
  return fmt::format("{} ({})", what_failed, nc_strerror(status));
}

NcError::NcError(ErrorContext where, const std::string& what_failed, int nc_status)
    : std::runtime_error(describe(where, with_status(what_failed, nc_status))),
      where_(std::move(where)),
      status_(nc_status) {}

}  // namespace ti::io
