#pragma once
// Discovery: walks <root>/<MODEL>/<Sx>/ and matches each file to the variable
// table by the variable part of its name. Files that match nothing are
// reported as skipped with a reason, never dropped silently.
#include <cstdint>
#include <string>
#include <vector>

#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/plan/config.hpp"

namespace ti::plan {

struct InputFile {
  std::string path;
  std::string model;          // release folder name
  std::string simulation;
  std::string file_variable;  // variable part of the file name
  std::uint64_t size = 0;
};

struct DataInput {
  InputFile file;
  const cf::VariableEntry* entry = nullptr;
};

struct FixedInput {
  InputFile file;
  const cf::FixedInputEntry* entry = nullptr;
};

struct Skipped {
  std::string path;
  std::string reason;
};

struct Catalogue {
  std::vector<DataInput> data;
  std::vector<FixedInput> fixed;
  std::vector<Skipped> skipped;
};

// "<Prefix>_<Sx>[_monthly]_<var>.nc" -> "<var>"; without an Sx token the
// last '_' field. Frequency words right after Sx are not part of the name.
std::string variable_part(const std::string& filename, const std::string& simulation);

Catalogue discover(const Config& config, const cf::VariableTable& table);

}  // namespace ti::plan
