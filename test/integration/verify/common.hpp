#pragma once
// What every trendy_verify check shares: the problem list, output file
// names, the variable table as the verifier reads it, folder listings.
//
// trendy_verify links no converter library for what it checks: files are
// read with its own netCDF-C reader (test/support/nc_reader.hpp), dates
// come from the synthetic release's own calendar (synth/calendar.hpp,
// written apart from the converter's cf/calendar), the variable table and
// the run's config are parsed here with yaml-cpp, and units are compared as
// text against the CMIP spellings the table states.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "nc_reader.hpp"
#include "trendy_ilamb/synth/profile.hpp"

namespace ti::verify {

namespace fs = std::filesystem;
namespace io = ti::verify::nc;
using io::NcType;

// ---------------------------------------------------------------- problems

class Problems {
 public:
  void add(const fs::path& where, const std::string& what);
  std::size_t count() const { return lines_.size(); }
  // Prints every problem and a summary line; returns the exit status.
  int finish(const std::string& mode, const std::string& checked) const;

 private:
  std::vector<std::string> lines_;
};

// Runs `check` and turns any exception into a problem of `file`: one broken
// file must not hide the others.
template <class F>
void guarded(Problems& p, const fs::path& file, F&& check) {
  try {
    check();
  } catch (const std::exception& e) {
    p.add(file, std::string("cannot check: ") + e.what());
  }
}

// ------------------------------------------------------- variable table

struct TableEntry {
  std::string units, standard_name, long_name, cell_methods, positive, extra_dims;
  std::vector<std::string> sources;  // TRENDY names and aliases
  std::optional<double> top_m;       // derived: top layers of the source
};

struct VariableTable {
  std::map<std::string, TableEntry> variables;  // by output name
  std::vector<std::string> fixed_sources;       // TRENDY names of fixed inputs
};

// Parsed here, not through the converter, so that a table-reading bug in
// the converter cannot hide itself.
VariableTable load_table(const fs::path& path);

bool iequals(std::string_view a, std::string_view b);

// The output variables the table makes of a TRENDY variable name (one input
// can feed several: msl -> mrsol and mrsos).
std::vector<std::string> outputs_of(const VariableTable& table, std::string_view trendy_name);

// ------------------------------------------------------------ file names

enum class Freq { Monthly, Annual, Daily, Fixed };

struct OutputName {
  std::string var, table, grid, start, end;
  Freq freq = Freq::Fixed;
};

std::string frequency_word(Freq f);  // mon, yr, day, fx
std::string table_of(Freq f);        // Lmon, Eyr, Eday, fx

// <var>_<table>_<Model>_<Sx>_r1i1p1f1_<grid>[_<start>-<end>].nc. Model names
// may hold '_', so the model part is matched against the folder name rather
// than split off.
std::optional<OutputName> parse_output_name(const std::string& file, const std::string& model,
                                            const std::string& sx);

bool is_simulation(const std::string& name);  // S<digits>

// ----------------------------------------------------------- small helpers

std::string json_string(const nlohmann::json& j, const char* key);
std::vector<fs::path> nc_files_under(const fs::path& root);  // sorted, recursive
std::vector<fs::path> sorted_entries(const fs::path& dir);

// The synthetic profile that wrote a release folder, if the folder is one.
const synth::Profile* profile_for(const std::string& folder);

}  // namespace ti::verify
