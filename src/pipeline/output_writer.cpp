#include "trendy_ilamb/pipeline/output_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>
#include <system_error>

#include "trendy_ilamb/cf/fill.hpp"
#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/pipeline/naming.hpp"

namespace ti::pipeline {

namespace {

std::vector<double> interleave(const std::vector<double>& lo, const std::vector<double>& hi) {
  std::vector<double> out;
  out.reserve(2 * lo.size());
  for (std::size_t i = 0; i < lo.size(); ++i) {
    out.push_back(lo[i]);
    out.push_back(hi[i]);
  }
  return out;
}

void define_axis(io::File& f, const std::string& name, std::size_t n,
                 const std::vector<std::pair<std::string, std::string>>& atts) {
  f.define_dimension(name, n);
  auto v = f.define_variable(name, io::NcType::Double, {name});
  for (const auto& [k, val] : atts) v.put_attribute(k, val);
  v.put_attribute("bounds", name + "_bnds");
  f.define_variable(name + "_bnds", io::NcType::Double, {name, "bnds"});
}

void write_axis(io::File& f, const std::string& name, const std::vector<double>& centres,
                const std::vector<double>& lo, const std::vector<double>& hi) {
  const std::size_t n = centres.size();
  if (n == 0) return;
  f.variable(name).write({0}, {n}, centres.data());
  const auto b = interleave(lo, hi);
  f.variable(name + "_bnds").write({0, 0}, {n, 2}, b.data());
}

// netCDF reports a failed write, close or create as "NetCDF: HDF error" at
// best; errno, read right after the failing call, says what happened. Only
// the values that explain such a failure count: the libraries leave others
// (ENOENT from probing for files) behind in calls that succeed.
bool explains_failure(int e) {
  switch (e) {
    case ENOSPC: case EDQUOT: case EACCES: case EPERM: case EROFS: case EIO:
    case EFBIG: case ENOTDIR: case EMFILE: case ENFILE:
      return true;
    default:
      return false;
  }
}

const char* errno_name(int e) {
  switch (e) {
    case ENOSPC: return "ENOSPC";
    case EDQUOT: return "EDQUOT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EROFS: return "EROFS";
    case EIO: return "EIO";
    case EFBIG: return "EFBIG";
    case ENOTDIR: return "ENOTDIR";
    case ENOENT: return "ENOENT";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    default: return "errno";
  }
}

// "No space left on device [ENOSPC]: the disk or the quota is full".
std::string os_reason(int e) {
  std::string out = fmt::format("{} [{}]", std::strerror(e), errno_name(e));
  if (e == ENOSPC || e == EDQUOT) out += ": the disk or the quota is full";
  if (e == EACCES || e == EPERM) out += ": the folder is not writable by this user";
  if (e == EROFS) out += ": the file system is mounted read-only";
  return out;
}

// Why a file cannot be created in `folder`, found by looking at it; empty
// when nothing is visibly wrong.
std::string folder_problem(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::exists(folder, ec)) return "the folder does not exist";
  if (!std::filesystem::is_directory(folder, ec)) return "it is not a folder";
  if (::access(folder.c_str(), W_OK | X_OK) != 0) return os_reason(errno);
  return {};
}

// A write that failed without a telling errno on a file system that has no
// free blocks left is a full disk all the same.
bool folder_is_full(const std::filesystem::path& folder) {
  struct statvfs st {};
  return ::statvfs(folder.c_str(), &st) == 0 && st.f_bavail == 0;
}

// The input the output is converted from (the output's input_file
// attribute), so that every error names the file of its task.
std::string input_of(const OutputSpec& spec) {
  for (const auto& a : spec.global_attributes) {
    if (a.name == "input_file" && a.is_text()) return a.text;
  }
  return {};
}

io::ErrorContext context_of(const OutputSpec& spec) {
  const std::string input = input_of(spec);
  return {input.empty() ? spec.final_path.string() : input, {}, {}};
}

// The error of a failed create of the temporary in the output folder.
io::NcError create_error(const OutputSpec& spec, const io::NcError& e, int err) {
  const auto folder = spec.final_path.parent_path();
  std::string reason = folder_problem(folder);
  if (reason.empty() && explains_failure(err)) reason = os_reason(err);
  if (reason.empty()) reason = e.what();
  return io::NcError(context_of(spec),
                     fmt::format("cannot create output {} in folder {}: {} (netCDF: {})",
                                 spec.final_path.filename().string(), folder.string(), reason,
                                 e.what()));
}

// The error of a failed define, write or close of the temporary.
io::NcError write_error(const OutputSpec& spec, const char* doing, const io::NcError& e, int err) {
  std::string reason;
  if (explains_failure(err)) {
    reason = os_reason(err);
  } else if (folder_is_full(spec.final_path.parent_path())) {
    reason = os_reason(ENOSPC);
  }
  return io::NcError(
      context_of(spec),
      reason.empty()
          ? fmt::format("cannot write output {} ({}): {}", spec.final_path.string(), doing, e.what())
          : fmt::format("cannot write output {} ({}): {} (netCDF: {})", spec.final_path.string(),
                        doing, reason, e.what()));
}

}  // namespace

OutputWriter::OutputWriter(OutputSpec spec) : spec_(std::move(spec)) {
  temp_ = temporary_for(spec_.final_path);
  try {
    errno = 0;
    file_.emplace(io::File::create(temp_));
  } catch (const io::NcError& e) {
    const int err = errno;
    discard();  // a create that failed half-way may have left the file
    throw create_error(spec_, e, err);
  }
  // The destructor does not run when the constructor throws: clean up here.
  try {
    errno = 0;
    define();
    write_coordinates();
    if (spec_.codec == codec::Codec::Fast && spec_.compression > 0) start_fast();
  } catch (const io::NcError& e) {
    const int err = errno;
    discard();
    throw write_error(spec_, "defining the file", e, err);
  } catch (...) {
    discard();
    throw;
  }
}

OutputWriter::~OutputWriter() {
  if (!committed_) discard();
}

void OutputWriter::discard() noexcept {
  encoder_.reset();
  chunks_.reset();  // closes quietly
  file_.reset();    // closes quietly
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
}

void OutputWriter::define() {
  io::File& f = *file_;
  f.define_dimension("bnds", 2);
  std::vector<std::string> dims;
  if (spec_.time) {
    const auto& t = *spec_.time;
    define_axis(f, "time", t.axis.value.size(),
                {{"units", cf::format_time_units(t.units)},
                 {"calendar", std::string(cf::cf_name(t.calendar))},
                 {"axis", "T"},
                 {"standard_name", "time"},
                 {"long_name", "time"}});
    dims.push_back("time");
  }
  if (spec_.depth) {
    define_axis(f, "depth", spec_.depth->centres.size(),
                {{"units", "m"}, {"positive", "down"}, {"axis", "Z"},
                 {"standard_name", "depth"}, {"long_name", "depth"}});
    dims.push_back("depth");
  }
  define_axis(f, "lat", spec_.lat.size(),
              {{"units", "degrees_north"}, {"axis", "Y"}, {"standard_name", "latitude"},
               {"long_name", "latitude"}});
  define_axis(f, "lon", spec_.lon.size(),
              {{"units", "degrees_east"}, {"axis", "X"}, {"standard_name", "longitude"},
               {"long_name", "longitude"}});
  dims.push_back("lat");
  dims.push_back("lon");

  auto v = f.define_variable(spec_.variable, io::NcType::Float, dims);
  // One chunk per time step (whole map, all layers): what ILAMB reads. Every
  // step of a slab is then one whole chunk, which is what the fast codec
  // writes directly (nothing to buffer across slabs).
  std::vector<std::size_t> chunks;
  for (const auto& d : dims) chunks.push_back(d == "time" ? 1 : f.dimension(d).length);
  v.set_chunking(chunks);
  if (spec_.compression > 0) v.set_deflate(true, spec_.compression);
  v.set_fill_value(cf::kOutputFill);
  v.put_attribute("missing_value", io::NcType::Float, {static_cast<double>(cf::kOutputFill)});
  for (const auto& a : spec_.variable_attributes) v.put_attribute(a);
  for (const auto& a : spec_.global_attributes) f.put_global_attribute(a);
  f.end_definitions();
}

void OutputWriter::write_coordinates() {
  io::File& f = *file_;
  if (spec_.time) {
    const auto& a = spec_.time->axis;
    write_axis(f, "time", a.value, a.lower, a.upper);
  }
  if (spec_.depth) write_axis(f, "depth", spec_.depth->centres, spec_.depth->lower, spec_.depth->upper);
  write_axis(f, "lat", spec_.lat.centres, spec_.lat.lower, spec_.lat.upper);
  write_axis(f, "lon", spec_.lon.centres, spec_.lon.lower, spec_.lon.upper);
}

std::size_t OutputWriter::values_per_step() const {
  std::size_t n = spec_.lat.size() * spec_.lon.size();
  if (spec_.depth) n *= spec_.depth->centres.size();
  return n;
}

// The shape of the data variable and of its chunks (see define()).
namespace {
std::vector<std::size_t> chunk_shape(const OutputSpec& s, bool full) {
  std::vector<std::size_t> out;
  if (s.time) out.push_back(full ? s.time->axis.value.size() : 1);
  if (s.depth) out.push_back(s.depth->centres.size());
  out.push_back(s.lat.size());
  out.push_back(s.lon.size());
  return out;
}
}  // namespace

void OutputWriter::start_fast() {
  if (!codec::supports_level(spec_.compression)) {
    notes_.push_back(fmt::format("output.codec fast: no fast deflate for level {} in this build; "
                                 "{} written with zlib",
                                 spec_.compression, spec_.final_path.filename().string()));
    return;
  }
  // netCDF has written everything but the data variable's values; HDF5
  // takes over the file for the chunks (chunks are allocated as written).
  file_->close();
  file_.reset();
  std::string why;
  try {
    chunks_.emplace(temp_, spec_.variable);
    why = fast_problem();
  } catch (const io::NcError& e) {
    why = e.what();
  } catch (const codec::CodecError& e) {
    why = e.what();
  }
  if (why.empty()) return;
  encoder_.reset();
  chunks_.reset();
  notes_.push_back(fmt::format("output.codec fast not used for {}: {}; written with zlib",
                               spec_.final_path.filename().string(), why));
  file_.emplace(io::File::open_write(temp_));
}

std::string OutputWriter::fast_problem() {
  const io::ChunkWriter& c = *chunks_;
  if (!c.is_float() || c.element_size() != sizeof(float)) return "the data variable is not a 4-byte float";
  if (c.shape() != chunk_shape(spec_, true)) return "the data variable has an unexpected shape";
  if (c.chunk_shape() != chunk_shape(spec_, false)) {
    return fmt::format("unexpected chunk shape [{}]", fmt::join(c.chunk_shape(), ", "));
  }
  // The pipeline as HDF5 recorded it, in the order it applies the filters on
  // write (netCDF registers shuffle before deflate; follow whatever is there).
  std::vector<codec::Filter> pipeline;
  for (const auto& f : c.filters()) {
    if (f.id == io::kFilterShuffle) {
      pipeline.push_back({codec::Filter::Kind::Shuffle, 0});
    } else if (f.id == io::kFilterDeflate && !f.params.empty()) {
      pipeline.push_back({codec::Filter::Kind::Deflate, static_cast<int>(f.params[0])});
    } else {
      return fmt::format("unexpected filter {} ({})", f.id, f.name);
    }
  }
  if (pipeline.empty()) return "the data variable has no filters";
  encoder_ = std::make_unique<codec::ChunkEncoder>(std::move(pipeline), sizeof(float));
  return {};
}

void OutputWriter::write_fast(std::size_t t0, std::size_t nt, const float* data) {
  const std::size_t per = values_per_step();
  std::vector<std::size_t> offset(chunk_shape(spec_, false).size(), 0);
  for (std::size_t k = 0; k < nt; ++k) {
    if (spec_.time) offset[0] = t0 + k;
    const auto raw = std::as_bytes(std::span<const float>(data + k * per, per));
    chunks_->write_chunk(offset, encoder_->encode(raw));
  }
}

void OutputWriter::write_steps(std::size_t t0, std::size_t nt, const float* data) {
  if (chunks_) {
    try {
      errno = 0;
      write_fast(t0, nt, data);
    } catch (const io::NcError& e) {
      const int err = errno;
      throw write_error(spec_, fmt::format("writing steps {}..{}", t0, t0 + nt).c_str(), e, err);
    } catch (const codec::CodecError& e) {
      throw io::NcError(context_of(spec_),
                        fmt::format("cannot write output {} (encoding steps {}..{}): {}",
                                    spec_.final_path.string(), t0, t0 + nt, e.what()));
    }
    return;
  }
  std::vector<std::size_t> start, count;
  if (spec_.time) {
    start.push_back(t0);
    count.push_back(nt);
  }
  if (spec_.depth) {
    start.push_back(0);
    count.push_back(spec_.depth->centres.size());
  }
  start.insert(start.end(), {0, 0});
  count.insert(count.end(), {spec_.lat.size(), spec_.lon.size()});
  try {
    errno = 0;
    file_->variable(spec_.variable).write(start, count, data);
  } catch (const io::NcError& e) {
    const int err = errno;
    throw write_error(spec_, fmt::format("writing steps {}..{}", t0, t0 + nt).c_str(), e, err);
  }
}

std::uint64_t OutputWriter::commit() {
  try {
    errno = 0;
    if (chunks_) {
      chunks_->close();
    } else {
      file_->close();  // flushes what HDF5 still holds: a full disk often shows here
    }
  } catch (const io::NcError& e) {
    const int err = errno;
    throw write_error(spec_, "closing", e, err);
  }
  file_.reset();
  chunks_.reset();
  encoder_.reset();
  std::error_code ec;
  std::filesystem::rename(temp_, spec_.final_path, ec);
  if (ec) {
    throw io::NcError(context_of(spec_),
                      fmt::format("cannot rename the finished temporary {} to {}: {}",
                                  temp_.string(), spec_.final_path.string(), ec.message()));
  }
  committed_ = true;
  return std::filesystem::file_size(spec_.final_path);
}

}  // namespace ti::pipeline
