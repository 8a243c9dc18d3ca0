#pragma once
// Shared pieces of the check layer (not installed).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/check/finding.hpp"
#include "trendy_ilamb/io/file.hpp"

namespace ti::check::detail {

// ---- variables and dimensions (data_vars.cpp) ----
enum class DimRole { Time, Lat, Lon, Layer, Other };

// Text of a text attribute; nullopt when absent or numeric.
std::optional<std::string> text_of(const io::Variable& v, const std::string& att);
std::optional<std::string> global_text(const io::File& f, const std::string& att);

// Variables holding data: not coordinates, bounds, labels or scalars.
std::vector<std::string> find_data_variables(const io::File& f);
// Per-model fixed fields (no time axis expected).
bool is_fixed_field(std::string_view name);
// A dimension's role from its name and its coordinate variable's attributes.
DimRole dim_role(const io::File& f, const std::string& dim);
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// ---- per-file concerns ----
void check_dims(const io::File& f, const io::Variable& v, FindingSink& sink);
void check_naming(const std::string& var, FindingSink& sink);
void check_units(const io::Variable& v, FindingSink& sink);
void check_fill(const io::Variable& v, FindingSink& sink);

struct TimeRange {
  cf::DateTime start;
  cf::DateTime end;
};
bool earlier(const cf::DateTime& a, const cf::DateTime& b);
// Checks the time coordinate `dim` (units, calendar, bounds); returns the
// decoded span of the file when it can be decoded.
std::optional<TimeRange> check_time(const io::File& f, const std::string& dim, FindingSink& sink);

struct Grid {
  std::vector<double> lat;
  std::vector<double> lon;
  bool has_bounds = false;
};
bool same_grid(const Grid& a, const Grid& b);
std::string describe(const Grid& g);
// Checks the lat/lon dimensions used by `data_vars`; returns the axes read.
std::optional<Grid> check_grid(const io::File& f, const std::vector<std::string>& data_vars,
                               FindingSink& sink);

// ---- one file, with what the folder checks need (file_check.cpp) ----
struct FileFacts {
  std::string path;                 // as found
  std::string shown;                // as shown in findings
  std::vector<std::string> data_vars;
  std::optional<std::string> experiment_id;
  std::optional<TimeRange> range;
  std::optional<Grid> grid;
  bool readable = false;
};
FileFacts check_one_file(const std::string& path, FindingSink& sink);

// ---- folder concerns ----
void check_overlaps(const std::vector<FileFacts>& files, FindingSink& sink);
void check_experiments(const std::vector<FileFacts>& files, FindingSink& sink);
void check_fixed_fields(const std::vector<FileFacts>& files, FindingSink& sink);

}  // namespace ti::check::detail
