#include "trendy_ilamb/pipeline/output_writer.hpp"

#include <fmt/format.h>

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

}  // namespace

OutputWriter::OutputWriter(OutputSpec spec) : spec_(std::move(spec)) {
  temp_ = temporary_for(spec_.final_path);
  file_.emplace(io::File::create(temp_));
  define();
  write_coordinates();
}

OutputWriter::~OutputWriter() {
  if (committed_) return;
  file_.reset();  // closes quietly
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
  // One chunk per time step (whole map, all layers): what ILAMB reads.
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

void OutputWriter::write_steps(std::size_t t0, std::size_t nt, const float* data) {
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
  file_->variable(spec_.variable).write(start, count, data);
}

std::uint64_t OutputWriter::commit() {
  file_->close();
  file_.reset();
  std::error_code ec;
  std::filesystem::rename(temp_, spec_.final_path, ec);
  if (ec) {
    throw io::NcError({spec_.final_path.string(), {}, {}},
                      fmt::format("cannot rename the finished temporary into place: {}", ec.message()));
  }
  committed_ = true;
  return std::filesystem::file_size(spec_.final_path);
}

}  // namespace ti::pipeline
