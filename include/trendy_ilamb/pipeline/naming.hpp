#pragma once
// Output names and paths. Names from the input tree (model folders,
// simulations) are validated as single path components before use, so
// nothing is ever written outside the output root.
#include <filesystem>
#include <string>

#include "trendy_ilamb/cf/time_axis.hpp"

namespace ti::pipeline {

// Throws std::invalid_argument unless `name` is one plain path component:
// non-empty, not "." or "..", no '/', '\\' or NUL, not starting with '.'.
void require_safe_component(const std::string& name, const std::string& what);

// <var>_<table>_<Model>_<Sx>_r1i1p1f1_<grid>_<start>-<end>.nc
std::string data_file_name(const std::string& var, cf::Frequency f, const std::string& model,
                           const std::string& simulation, const std::string& grid_label,
                           const cf::Period& first, const cf::Period& last);

// <var>_fx_<Model>_<Sx>_r1i1p1f1_<grid>.nc
std::string fixed_file_name(const std::string& var, const std::string& model,
                            const std::string& simulation, const std::string& grid_label);

// <root>/<Sx>/<Model>, both components validated.
std::filesystem::path model_folder(const std::string& root, const std::string& simulation,
                                   const std::string& model);

// The hidden temporary an output is written to before its rename:
// "<dir>/.<name>.tmp-<pid>". is_stale_temporary() recognises them.
std::filesystem::path temporary_for(const std::filesystem::path& final_path);
bool is_temporary_name(const std::string& filename);
// The part of a data file's name that names its series, without the dates:
// "gpp_Lmon_M_S3_r1i1p1f1_gn_170001-170912.nc" -> "gpp_Lmon_M_S3_r1i1p1f1_gn_";
// "" for fixed fields and names not of this form.
std::string series_prefix(const std::string& filename);

// Removes the temporaries process `pid` left in `folder` (a task killed
// mid-write); returns how many.
std::size_t remove_temporaries_of(const std::filesystem::path& folder, long pid);

}  // namespace ti::pipeline
