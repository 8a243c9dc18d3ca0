// Per model folder: exactly one sftlf and one areacella, on the data grid;
// sftlf in percent.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "internal.hpp"

namespace ti::check::detail {
namespace {

std::vector<const FileFacts*> holding(const std::vector<FileFacts>& files, const std::string& var) {
  std::vector<const FileFacts*> out;
  for (const auto& f : files) {
    if (std::find(f.data_vars.begin(), f.data_vars.end(), var) != f.data_vars.end()) out.push_back(&f);
  }
  return out;
}

bool is_data_file(const FileFacts& f) {
  return std::any_of(f.data_vars.begin(), f.data_vars.end(),
                     [](const std::string& v) { return !is_fixed_field(v); });
}

struct GridUse {
  Grid grid;
  std::vector<const FileFacts*> files;
};

std::vector<GridUse> data_grids(const std::vector<FileFacts>& files) {
  std::vector<GridUse> uses;
  for (const auto& f : files) {
    if (!f.grid || !is_data_file(f)) continue;
    auto it = std::find_if(uses.begin(), uses.end(),
                           [&](const GridUse& u) { return same_grid(u.grid, *f.grid); });
    if (it == uses.end()) {
      uses.push_back({*f.grid, {&f}});
    } else {
      it->files.push_back(&f);
    }
  }
  std::stable_sort(uses.begin(), uses.end(),
                   [](const GridUse& a, const GridUse& b) { return a.files.size() > b.files.size(); });
  return uses;
}

// Largest valid value of a small 2-D field (fill, NaN and |x| >= 1e19 skipped).
double field_max(const io::Variable& v) {
  const auto shape = v.shape();
  std::size_t n = 1;
  for (auto s : shape) n *= s;
  std::vector<double> values(n);
  v.read(std::vector<std::size_t>(shape.size(), 0), shape, values.data());
  const auto fill = v.number_attribute("_FillValue");
  double best = -INFINITY;
  for (double x : values) {
    if (std::isfinite(x) && std::fabs(x) < 1e19 && !(fill && x == static_cast<double>(static_cast<float>(*fill)))) {
      best = std::max(best, x);
    }
  }
  return best;
}

void check_percent(const FileFacts& f, FindingSink& sink) {
  const auto file = io::File::open_read(f.path);
  const auto v = file.variable("sftlf");
  const auto units = text_of(v, "units").value_or("");
  if (units == "%") return;
  const double max = field_max(v);
  if (max > 1.5) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", max);
  sink.error("fixed_fields", "sftlf looks like a fraction (max " + std::string(buf) + ", units '" +
                                 units + "'); ILAMB expects sftlf in %");
}

void check_on_data_grid(const std::string& var, const FileFacts& f, const std::vector<GridUse>& uses,
                        FindingSink& sink) {
  if (!f.grid || uses.empty()) return;
  const auto& main = uses.front();
  if (same_grid(*f.grid, main.grid)) return;
  sink.error("fixed_fields", var + " grid " + describe(*f.grid) + " differs from the data grid " +
                                 describe(main.grid) + " of " + std::to_string(main.files.size()) +
                                 " file(s), e.g. " + main.files.front()->shown);
}

void check_other_grids(const std::vector<GridUse>& uses, FindingSink& sink) {
  for (std::size_t i = 1; i < uses.size(); ++i) {
    for (const auto* f : uses[i].files) {
      sink.set_file(f->shown);
      const auto msg = "on grid " + describe(uses[i].grid) + ", not the folder's main grid " +
                       describe(uses.front().grid);
      if (f->grid->has_bounds) {
        sink.warning("grid", msg + "; ILAMB uses its lat_bnds/lon_bnds for cell areas");
      } else {
        sink.error("grid", msg + ", and without lat_bnds/lon_bnds");
      }
    }
  }
  sink.set_file("");
}

void check_one_field(const std::vector<FileFacts>& files, const std::string& var,
                     const std::vector<GridUse>& uses, FindingSink& sink) {
  const auto held = holding(files, var);
  if (held.empty()) {
    sink.error("fixed_fields", "no " + var + " in the model folder: ILAMB's land integrals "
                               "need sftlf and areacella on the data grid");
    return;
  }
  if (held.size() > 1) {
    std::vector<std::string> names;
    for (const auto* f : held) names.push_back(f->shown);
    sink.error("fixed_fields", std::to_string(held.size()) + " files hold " + var + " (" +
                                   join(names) + "); exactly one is allowed");
  }
  sink.set_file(held.front()->shown);
  check_on_data_grid(var, *held.front(), uses, sink);
  try {
    if (var == "sftlf") check_percent(*held.front(), sink);
  } catch (const std::exception& e) {
    sink.error("read", e.what());
  }
  sink.set_file("");
}

}  // namespace

void check_fixed_fields(const std::vector<FileFacts>& files, FindingSink& sink) {
  const auto uses = data_grids(files);
  check_other_grids(uses, sink);
  for (const char* var : {"sftlf", "areacella"}) check_one_field(files, var, uses, sink);
}

}  // namespace ti::check::detail
