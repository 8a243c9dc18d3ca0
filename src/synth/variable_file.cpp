// One synthetic variable file: define everything, then write coordinates
// and stream the data.
#include <optional>
#include <stdexcept>

#include "writers.hpp"

namespace ti::synth::detail {
namespace {

void put_global_attributes(io::File& file, const Profile& p, const VariableSpec& v) {
  for (const auto& [name, text] : p.global_attributes) file.put_global_attribute(name, text);
  file.put_global_attribute("variable", v.name);
  file.put_global_attribute("history", "written by trendy_synth (synthetic test data)");
}

// Files without a time axis (fixed fields) are written as one "period".
std::vector<Period> periods_of(const FileJob& job) {
  if (!job.variable->has_time) return {Period{job.profile->time.start_year, 1}};
  return make_periods(calendar_of(job.profile->time), frequency_of(*job.profile, *job.variable),
                      job.profile->time.start_year, job.years);
}

io::File create(const std::filesystem::path& path, FileFormat format) {
  switch (format) {
    case FileFormat::NetCDF4:
      return io::File::create(path);
    case FileFormat::Classic:
      return io::File::create_classic(path, false);
    case FileFormat::Offset64:
      return io::File::create_classic(path, true);
  }
  throw std::invalid_argument("unknown file format");
}

// The NetCDF file itself: `path` (the job's path without .gz / .bz2).
void write_netcdf(const FileJob& job, const std::filesystem::path& path) {
  const Profile& p = *job.profile;
  const VariableSpec& v = *job.variable;
  const std::vector<Period> periods = periods_of(job);

  io::File file = create(path, p.format);
  put_global_attributes(file, p, v);
  std::optional<TimeVariables> time;
  if (v.has_time) time = define_time(file, p.time, periods.size());
  GridVariables grid_vars = define_grid(file, p.grid, *job.grid);
  io::Variable data = define_data(file, p, v, *job.grid, job.deflate_level);
  std::optional<io::Variable> extra = define_extra_coordinate(file, v);
  file.end_definitions();

  if (time) write_time(*time, p.time, frequency_of(p, v), periods);
  write_grid(grid_vars, p.grid, *job.grid);
  write_extra_coordinate(extra, v);
  write_data(data, p, v, *job.grid, periods);
  file.close();
}

}  // namespace

void write_variable_file(const FileJob& job) {
  const Compression compression = job.profile->compression;
  if (compression == Compression::None) {
    write_netcdf(job, job.path);
    return;
  }
  // <name>.nc.gz -> write <name>.nc, compress it, remove it.
  std::filesystem::path plain = job.path;
  plain.replace_extension();
  write_netcdf(job, plain);
  if (compression == Compression::Gzip) {
    gzip_file(plain, job.path);
  } else {
    bzip2_file(plain, job.path);
  }
  std::filesystem::remove(plain);
}

}  // namespace ti::synth::detail
