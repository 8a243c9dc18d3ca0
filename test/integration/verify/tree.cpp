// trendy_verify tree: the expected-tree oracle (see tree.hpp).
#include "tree.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "run_inputs.hpp"
#include "time_rules.hpp"
#include "trendy_ilamb/synth/calendar.hpp"
#include "trendy_ilamb/synth/grid.hpp"
#include "trendy_ilamb/synth/release.hpp"

namespace ti::verify {
namespace {

// ------------------------------------------------------- the expectation

struct GridShape {
  std::size_t nlat = 0, nlon = 0;
  friend bool operator==(const GridShape&, const GridShape&) = default;
};

// A time series the run must write: one file, or several whole-year pieces.
struct Series {
  std::string sx, model, var, grid_label;
  Freq freq = Freq::Monthly;
  synth::Calendar calendar = synth::Calendar::Standard;
  int first_year = 0, last_year = 0;
  std::size_t pieces = 1;
  GridShape grid;
  std::optional<std::size_t> depth;
  fs::path input;  // the release file it is made of
  // "<var>_<table>_<Model>_<Sx>_r1i1p1f1_<grid>": the name up to the dates.
  std::string key() const {
    return fmt::format("{}_{}_{}_{}_r1i1p1f1_{}", var, table_of(freq), model, sx, grid_label);
  }
};

struct Expected {
  std::map<std::string, Series> series;               // by sx/model/key
  std::map<std::string, GridShape> fixed;             // sx/model/file name -> grid
  std::set<std::string> simulations;
};

GridShape target_shape(const std::string& grid) {
  if (grid.ends_with(".nc")) {
    const io::File f = io::File::open_read(grid);
    return {f.variable("lat").shape().at(0), f.variable("lon").shape().at(0)};
  }
  const auto x = grid.find('x');
  const double dlon = std::stod(grid.substr(0, x)), dlat = std::stod(grid.substr(x + 1));
  return {static_cast<std::size_t>(std::lround(180.0 / dlat)),
          static_cast<std::size_t>(std::lround(360.0 / dlon))};
}

Freq freq_of(const synth::Profile& p, const synth::VariableSpec& v) {
  switch (synth::frequency_of(p, v)) {
    case synth::Frequency::Monthly: return Freq::Monthly;
    case synth::Frequency::Annual: return Freq::Annual;
    case synth::Frequency::Daily: return Freq::Daily;
  }
  return Freq::Monthly;
}

std::size_t steps_in_year(Freq f, synth::Calendar cal, int year) {
  if (f == Freq::Monthly) return 12;
  if (f == Freq::Annual) return 1;
  return static_cast<std::size_t>(synth::year_days(cal, year));
}

std::size_t steps_in_years(Freq f, synth::Calendar cal, int first, int last) {
  std::size_t n = 0;
  for (int y = first; y <= last; ++y) n += steps_in_year(f, cal, y);
  return n;
}

// Bytes per value of the profile's data type (its io::NcType is only the
// enum the writer takes; the size is stated here).
std::size_t bytes_per_value(ti::io::NcType t) {
  using T = ti::io::NcType;
  if (t == T::Double || t == T::Int64 || t == T::UInt64) return 8;
  if (t == T::Float || t == T::Int || t == T::UInt) return 4;
  if (t == T::Short || t == T::UShort) return 2;
  return 1;
}

// How many whole-year pieces README's run.split_mb makes of an input:
// ceil(bytes / threshold), at most one per 12 steps, never for a .gz/.bz2,
// at most one per year of the written range; 1 without split_mb (the
// automatic threshold is at least 256 MB, beyond every synthetic file).
std::size_t pieces_of(const RunSettings& s, const synth::Profile& p, double bytes,
                      std::size_t steps, int years_written) {
  if (!s.split_mb || *s.split_mb <= 0.0 || p.compression != synth::Compression::None) return 1;
  const double threshold = *s.split_mb * 1e6;
  if (bytes <= threshold) return 1;
  auto n = static_cast<std::size_t>(std::ceil(bytes / threshold));
  n = std::min(n, std::max<std::size_t>(1, steps / 12));
  return std::min(n, static_cast<std::size_t>(years_written));
}

bool has_override(const RunSettings& s, const std::string& folder, const char* key) {
  return s.overrides && s.overrides.IsMap() && key_of(s.overrides, folder.c_str(), key);
}

// Whether the run can convert the folder's files at all: what the files do
// not say themselves must come from the config's overrides.
bool overrides_present(const RunSettings& s, const synth::Profile& p) {
  return (!p.time_override || has_override(s, p.folder, "time_start")) &&
         (!p.grid_override || has_override(s, p.folder, "grid")) &&
         (!p.layer_depths || has_override(s, p.folder, "layer_depths"));
}

bool selected(const std::vector<std::string>& filter, const std::vector<std::string>& names_of) {
  if (filter.empty()) return true;
  return std::any_of(filter.begin(), filter.end(), [&](const std::string& f) {
    return std::any_of(names_of.begin(), names_of.end(),
                       [&](const std::string& n) { return iequals(f, n); });
  });
}

bool has_pft_cover(const synth::Profile& p) {
  return std::any_of(p.variables.begin(), p.variables.end(), [](const synth::VariableSpec& v) {
    return v.field == synth::Field::LandFraction && v.extra;
  });
}

// The table's rule for extra dimensions admits this input.
bool extra_dims_fit(const TableEntry& e, const synth::Profile& p, const synth::VariableSpec& v) {
  if (e.top_m) return v.extra.has_value();
  if (!v.extra) return true;
  if (e.extra_dims == "none") return false;
  if (e.extra_dims == "pft_weighted") return has_pft_cover(p);
  return true;
}

GridShape folder_grid(const Release& release, const RunSettings& settings, const synth::Profile& p) {
  if (settings.regrid_grid) return target_shape(*settings.regrid_grid);
  const synth::Grid native = synth::make_grid(p.grid, release.resolution);
  return {native.lat.size(), native.lon.size()};
}

struct FolderContext {
  const fs::path& input_root;
  const Release& release;
  const RunSettings& settings;
  const VariableTable& table;
  const std::string& sx;
};

// The series one input variable of a profile yields (none when the run
// skips or fails it).
void expect_variable(const FolderContext& c, const synth::Profile& p, const synth::VariableSpec& v,
                     Expected& out) {
  if (!v.has_time) return;
  const auto cal = synth::calendar_named(p.time.calendar);
  if (!cal) throw std::runtime_error(p.folder + ": unknown calendar " + p.time.calendar);
  const synth::Grid native = synth::make_grid(p.grid, c.release.resolution);
  const Freq freq = freq_of(p, v);
  const int first = p.time.start_year, last = p.time.start_year + c.release.years - 1;
  const int lo = c.settings.period ? std::max(first, c.settings.period->first) : first;
  const int hi = c.settings.period ? std::min(last, c.settings.period->second) : last;
  if (lo > hi) return;  // outside output.period: skipped
  const std::size_t all_steps = steps_in_years(freq, *cal, first, last);
  const std::size_t layers = v.extra ? static_cast<std::size_t>(v.extra->size) : 1;
  const double bytes = static_cast<double>(all_steps * layers * native.lat.size() *
                                           native.lon.size() * bytes_per_value(p.data_type));
  for (const std::string& output : outputs_of(c.table, v.name)) {
    const TableEntry& entry = c.table.variables.at(output);
    if (!selected(c.settings.variables, {v.name, output}) || !extra_dims_fit(entry, p, v)) continue;
    Series s;
    s.sx = c.sx;
    s.model = p.folder;
    s.var = output;
    s.grid_label = c.settings.regrid_grid ? "gr" : "gn";
    s.freq = freq;
    s.calendar = *cal;
    s.first_year = lo;
    s.last_year = hi;
    s.pieces = pieces_of(c.settings, p, bytes, all_steps, hi - lo + 1);
    s.grid = folder_grid(c.release, c.settings, p);
    s.input = synth::release_path(c.input_root, p, c.sx, v.name);
    if (entry.extra_dims == "keep_depth" && v.extra && !entry.top_m) s.depth = layers;
    // A second file feeding the same output is skipped by the converter.
    out.series.emplace(c.sx + "/" + p.folder + "/" + s.key(), s);
  }
}

Expected expect_tree(const fs::path& input_root, const Release& release, const RunSettings& settings,
                     const VariableTable& table) {
  Expected out;
  for (const std::string& sx : release.simulations) {
    if (std::find(settings.simulations.begin(), settings.simulations.end(), sx) ==
        settings.simulations.end()) {
      continue;
    }
    for (const std::string& folder : release.folders) {
      const synth::Profile* p = profile_for(folder);
      if (p == nullptr) throw std::runtime_error("trendy_synth.json names unknown folder " + folder);
      const bool chosen = settings.models.empty() || std::find(settings.models.begin(), settings.models.end(),
                                                                folder) != settings.models.end();
      if (!chosen || !overrides_present(settings, *p)) continue;
      const std::size_t before = out.series.size();
      const FolderContext c{input_root, release, settings, table, sx};
      for (const auto& v : p->variables) expect_variable(c, *p, v, out);
      // The corrupt files fail their task; a clean release has them good.
      if (!release.corrupt) {
        for (const auto& v : p->corrupt_variables) expect_variable(c, *p, v, out);
      }
      if (out.series.size() == before) continue;
      out.simulations.insert(sx);
      // Fixed fields on the grid of the folder's data (a profile has one grid).
      const GridShape grid = folder_grid(release, settings, *p);
      const std::string label = settings.regrid_grid ? "gr" : "gn";
      for (const char* var : {"areacella", "sftlf"}) {
        out.fixed[fmt::format("{}/{}/{}_fx_{}_{}_r1i1p1f1_{}.nc", sx, folder, var, folder, sx, label)] =
            grid;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------ the check

struct FoundFile {
  fs::path path;
  std::string rel;  // <Sx>/<Model>/<name>
  std::string sx, model;
  OutputName name;
};

GridShape shape_of(const io::File& f) {
  return {f.variable("lat").shape().at(0), f.variable("lon").shape().at(0)};
}

std::optional<Period> parse_stamp(const std::string& s, Freq f) {
  try {
    if (f == Freq::Annual && s.size() == 4) return Period{std::stoi(s), 1, 1};
    if (f == Freq::Monthly && s.size() == 6) return Period{std::stoi(s.substr(0, 4)), std::stoi(s.substr(4)), 1};
    if (f == Freq::Daily && s.size() == 8)
      return Period{std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6))};
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// The whole-year run a piece's name states: [first, last] years, or nullopt
// when it does not start in January and end in December.
std::optional<std::pair<int, int>> whole_years(const OutputName& n, const Series& s) {
  const auto a = parse_stamp(n.start, n.freq), b = parse_stamp(n.end, n.freq);
  if (!a || !b || a->month != 1 || a->day != 1 || (n.freq != Freq::Annual && b->month != 12)) {
    return std::nullopt;
  }
  if (n.freq == Freq::Daily && b->day != synth::month_days(s.calendar, b->year, 12)) return std::nullopt;
  return std::pair{a->year, b->year};
}

void check_piece_file(Problems& p, const FoundFile& f, const Series& s, int first, int last) {
  const io::File file = io::File::open_read(f.path);
  const auto want_steps = steps_in_years(s.freq, s.calendar, first, last);
  const auto v = file.variable(s.var);
  const auto shape = v.shape();
  if (shape.empty() || shape[0] != want_steps)
    p.add(f.path, fmt::format("{} time steps (expected {} for {}-{})", shape.empty() ? 0 : shape[0],
                              want_steps, first, last));
  if (const GridShape g = shape_of(file); !(g == s.grid))
    p.add(f.path, fmt::format("grid {} x {} (expected {} x {})", g.nlat, g.nlon, s.grid.nlat, s.grid.nlon));
  const std::size_t depth = shape.size() == 4 ? shape[1] : 0;
  if (depth != s.depth.value_or(0))
    p.add(f.path, fmt::format("{} depth layers (expected {})", depth, s.depth.value_or(0)));
}

// The files of one series: `pieces` whole-year runs, as even as whole
// years allow, tiling [first_year, last_year] in name order.
void check_series(Problems& p, const Series& s, std::vector<const FoundFile*> files) {
  std::sort(files.begin(), files.end(), [](auto* a, auto* b) { return a->name.start < b->name.start; });
  const fs::path where = s.sx + "/" + s.model + "/" + s.key();
  if (files.size() != s.pieces) {
    p.add(where, fmt::format("{} file(s) (expected {} covering {}-{})", files.size(), s.pieces,
                             s.first_year, s.last_year));
  }
  int next = s.first_year;
  std::vector<int> lengths;
  for (const FoundFile* f : files) {
    const auto years = whole_years(f->name, s);
    if (!years || years->first != next || years->second < years->first) {
      p.add(f->path, fmt::format("covers {}-{}, not whole years from {}", f->name.start, f->name.end, next));
      return;
    }
    lengths.push_back(years->second - years->first + 1);
    next = years->second + 1;
    guarded(p, f->path, [&] { check_piece_file(p, *f, s, years->first, years->second); });
  }
  if (next != s.last_year + 1)
    p.add(where, fmt::format("files end in {} (expected {})", next - 1, s.last_year));
  if (!lengths.empty() && *std::max_element(lengths.begin(), lengths.end()) -
                                  *std::min_element(lengths.begin(), lengths.end()) > 1) {
    p.add(where, fmt::format("pieces of {} years: not as even as whole years allow", fmt::join(lengths, ", ")));
  }
}

std::vector<FoundFile> found_files(Problems& p, const fs::path& root) {
  std::vector<FoundFile> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& file : nc_files_under(root)) {
    const fs::path rel = fs::relative(file, root);
    const auto parts = std::vector<fs::path>(rel.begin(), rel.end());
    const auto name = parts.size() == 3 ? parse_output_name(parts[2].string(), parts[1].string(),
                                                            parts[0].string())
                                        : std::nullopt;
    if (!name) {
      p.add(file, "not an output the contract names (<Sx>/<Model>/<var>_<table>_...)");
      continue;
    }
    out.push_back({file, rel.string(), parts[0].string(), parts[1].string(), *name});
  }
  return out;
}

std::string series_id(const FoundFile& f) {
  return fmt::format("{}/{}/{}_{}_{}_{}_r1i1p1f1_{}", f.sx, f.model, f.name.var, f.name.table, f.model,
                     f.sx, f.name.grid);
}

void compare(Problems& p, const fs::path& root, const Expected& want, const std::vector<FoundFile>& got) {
  std::map<std::string, std::vector<const FoundFile*>> by_series;
  std::set<std::string> fixed_seen;
  for (const FoundFile& f : got) {
    if (f.name.freq == Freq::Fixed) {
      const auto w = want.fixed.find(f.rel);
      if (w == want.fixed.end()) {
        p.add(f.path, "not expected: this run writes no such fixed field");
      } else {
        fixed_seen.insert(f.rel);
        guarded(p, f.path, [&] {
          if (const GridShape g = shape_of(io::File::open_read(f.path)); !(g == w->second))
            p.add(f.path, fmt::format("grid {} x {} (expected {} x {})", g.nlat, g.nlon,
                                      w->second.nlat, w->second.nlon));
        });
      }
      continue;
    }
    const std::string id = series_id(f);
    if (!want.series.contains(id)) {
      p.add(f.path, "not expected: no input of this run makes this series");
      continue;
    }
    by_series[id].push_back(&f);
  }
  for (const auto& [id, s] : want.series) {
    if (!by_series.contains(id)) {
      p.add(root / id, fmt::format("missing: expected {} file(s) covering {}-{}", s.pieces,
                                   s.first_year, s.last_year));
      continue;
    }
    check_series(p, s, by_series[id]);
  }
  for (const auto& [rel, grid] : want.fixed) {
    if (!fixed_seen.contains(rel)) p.add(root / rel, "missing: expected this fixed field");
  }
  for (const auto& entry : sorted_entries(root)) {
    const std::string name = entry.filename().string();
    if (fs::is_directory(entry) && is_simulation(name) && !want.simulations.contains(name))
      p.add(entry, "not expected: this run writes nothing for " + name);
  }
}

// "  task   12 gpp   1.6 MB  cost 0.008  /path/to/input.nc" -> (gpp, path)
std::optional<std::pair<std::string, std::string>> plan_task(const std::string& line) {
  std::istringstream in(line);
  std::string word, id, var, size, mb, cost_word, cost, input;
  if (!(in >> word >> id >> var >> size >> mb >> cost_word >> cost) || word != "task") return std::nullopt;
  std::getline(in >> std::ws, input);
  return std::pair{var, input};
}

}  // namespace

int run_plan(const fs::path& dry_run_log, const fs::path& config, const fs::path& default_table) {
  Problems p;
  std::size_t expected_tasks = 0;
  guarded(p, dry_run_log, [&] {
    const RunSettings settings = load_settings(config, default_table);
    const Release release = load_release(settings.input_root);
    const Expected want = expect_tree(settings.input_root, release, settings, load_table(settings.table));
    std::multiset<std::pair<std::string, std::string>> tasks;
    std::set<std::string> folders;
    for (const auto& [id, s] : want.series) {
      for (std::size_t k = 0; k < s.pieces; ++k) tasks.insert({s.var, s.input.string()});
      folders.insert(s.sx + "/" + s.model);
    }
    expected_tasks = tasks.size();
    std::ifstream in(dry_run_log);
    std::string line, head;
    std::multiset<std::pair<std::string, std::string>> listed;
    while (std::getline(in, line)) {
      if (line.starts_with("plan: ")) head = line;
      if (auto t = plan_task(line)) listed.insert(*t);
    }
    const std::string want_head = fmt::format("plan: {} conversion tasks", tasks.size());
    if (!head.starts_with(want_head + " "))
      p.add(dry_run_log, fmt::format("first line '{}' (expected '{} ...')", head, want_head));
    if (head.find(fmt::format("then fixed fields for {} model folder(s)", folders.size())) == std::string::npos)
      p.add(dry_run_log, fmt::format("'{}' does not announce fixed fields for {} folder(s)", head, folders.size()));
    for (const auto& t : tasks) {
      if (listed.count(t) != tasks.count(t))
        p.add(dry_run_log, fmt::format("task {} of {}: listed {} time(s), expected {}", t.first, t.second,
                                       listed.count(t), tasks.count(t)));
    }
    for (const auto& t : listed) {
      if (!tasks.contains(t)) p.add(dry_run_log, fmt::format("task {} of {} is not expected", t.first, t.second));
    }
  });
  return p.finish("plan", fmt::format("{} task(s) expected", expected_tasks));
}

int run_tree(const fs::path& root, const fs::path& default_table) {
  Problems p;
  std::size_t series = 0, fixed = 0;
  guarded(p, root / "report.json", [&] {
    std::ifstream in(root / "report.json");
    if (!in) throw std::runtime_error("missing");
    const auto report = nlohmann::json::parse(in);
    const fs::path input_root = json_string(report, "input_root");
    const Release release = load_release(input_root);
    const RunSettings settings = load_settings(json_string(report, "config"), default_table);
    const Expected want = expect_tree(input_root, release, settings, load_table(settings.table));
    series = want.series.size();
    fixed = want.fixed.size();
    compare(p, root, want, found_files(p, root));
  });
  return p.finish("tree", fmt::format("{} series and {} fixed fields expected", series, fixed));
}

}  // namespace ti::verify
