#pragma once
// Rendering of trendy_check results: an aligned text table or JSON.
#include <string>

#include <nlohmann/json.hpp>

#include "trendy_ilamb/check/check.hpp"

namespace ti::check {

// Columns model, file, check, severity, message, then a summary line.
std::string format_table(const RootResult& result);

// {"root", "models", "files_checked", "errors", "warnings", "ok",
//  "findings": [{"model", "file", "check", "severity", "message"}]}
nlohmann::json to_json(const std::string& root, const RootResult& result);

}  // namespace ti::check
