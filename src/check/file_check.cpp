// One file: every per-file concern, plus the facts the folder checks need.
#include "internal.hpp"
#include "trendy_ilamb/check/check.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::check::detail {
namespace {

void check_variable(const io::File& f, const std::string& name, FindingSink& sink) {
  const auto v = f.variable(name);
  check_dims(f, v, sink);
  check_units(v, sink);
  if (is_fixed_field(name)) return;
  check_naming(name, sink);
  check_fill(v, sink);
}

// The time dimension of the first time-dependent data variable.
std::optional<std::string> time_dimension(const io::File& f, const std::vector<std::string>& vars) {
  for (const auto& name : vars) {
    if (is_fixed_field(name)) continue;
    for (const auto& d : f.variable(name).dimension_names()) {
      if (dim_role(f, d) == DimRole::Time) return d;
    }
  }
  return std::nullopt;
}

void inspect(const io::File& f, FileFacts& facts, FindingSink& sink) {
  facts.data_vars = find_data_variables(f);
  if (facts.data_vars.empty()) {
    sink.warning("dims", "no data variable (only coordinates/bounds): ILAMB finds nothing here");
    return;
  }
  for (const auto& name : facts.data_vars) check_variable(f, name, sink);
  if (const auto dim = time_dimension(f, facts.data_vars)) facts.range = check_time(f, *dim, sink);
  facts.grid = check_grid(f, facts.data_vars, sink);
  facts.experiment_id = global_text(f, "experiment_id");
}

}  // namespace

FileFacts check_one_file(const std::string& path, FindingSink& sink) {
  FileFacts facts;
  facts.path = path;
  try {
    const auto f = io::File::open_read(path);
    facts.readable = true;
    inspect(f, facts, sink);
  } catch (const std::exception& e) {
    sink.error(facts.readable ? "read" : "open", e.what());
  }
  return facts;
}

}  // namespace ti::check::detail

namespace ti::check {

std::vector<Finding> check_file(const std::string& path) {
  FindingSink sink("", path);
  detail::check_one_file(path, sink);
  return std::move(sink.findings());
}

}  // namespace ti::check
