#include "trendy_ilamb/io/variable.hpp"

#include <netcdf.h>

#include <utility>

#include "attributes.hpp"
#include "nc_types.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::io {

Variable::Variable(int ncid, int varid, std::string name, std::string file_path)
    : ncid_(ncid), varid_(varid), name_(std::move(name)), file_path_(std::move(file_path)) {}

void Variable::fail(const std::string& what, int status, const std::string& att) const {
  throw NcError({file_path_, name_, att}, what, status);
}

void Variable::check(int status, const std::string& what, const std::string& att) const {
  if (status != NC_NOERR) fail(what, status, att);
}

NcType Variable::type() const {
  nc_type t = NC_NAT;
  check(nc_inq_vartype(ncid_, varid_, &t), "cannot inquire type");
  return detail::from_nc(t);
}

std::vector<std::string> Variable::dimension_names() const {
  int ndims = 0;
  check(nc_inq_varndims(ncid_, varid_, &ndims), "cannot inquire dimensions");
  std::vector<int> ids(static_cast<std::size_t>(ndims));
  check(nc_inq_vardimid(ncid_, varid_, ids.data()), "cannot inquire dimensions");
  std::vector<std::string> out;
  for (int id : ids) {
    char name[NC_MAX_NAME + 1] = {};
    check(nc_inq_dimname(ncid_, id, name), "cannot inquire dimension name");
    out.emplace_back(name);
  }
  return out;
}

std::vector<std::size_t> Variable::shape() const {
  int ndims = 0;
  check(nc_inq_varndims(ncid_, varid_, &ndims), "cannot inquire dimensions");
  std::vector<int> ids(static_cast<std::size_t>(ndims));
  check(nc_inq_vardimid(ncid_, varid_, ids.data()), "cannot inquire dimensions");
  std::vector<std::size_t> out;
  for (int id : ids) {
    std::size_t len = 0;
    check(nc_inq_dimlen(ncid_, id, &len), "cannot inquire dimension length");
    out.push_back(len);
  }
  return out;
}

Storage Variable::storage() const {
  Storage s;
  int format = 0;
  check(nc_inq_format(ncid_, &format), "cannot inquire file format");
  if (format != NC_FORMAT_NETCDF4 && format != NC_FORMAT_NETCDF4_CLASSIC) return s;
  int contiguous = 0;
  s.chunks.resize(shape().size());
  check(nc_inq_var_chunking(ncid_, varid_, &contiguous, s.chunks.data()), "cannot inquire chunking");
  s.chunked = contiguous == NC_CHUNKED;
  if (!s.chunked) s.chunks.clear();
  int shuffle = 0, deflate = 0, level = 0;
  check(nc_inq_var_deflate(ncid_, varid_, &shuffle, &deflate, &level), "cannot inquire filters");
  s.shuffle = shuffle != 0;
  s.deflate_level = deflate != 0 ? level : 0;
  return s;
}

std::vector<Attribute> Variable::attributes() const {
  return detail::read_attributes(ncid_, varid_, {file_path_, name_, {}});
}

std::optional<Attribute> Variable::attribute(const std::string& name) const {
  return detail::read_attribute(ncid_, varid_, name, {file_path_, name_, {}});
}

std::optional<std::string> Variable::text_attribute(const std::string& name) const {
  auto att = attribute(name);
  if (!att) return std::nullopt;
  if (!att->is_text()) fail("expected a text attribute, found " + type_name(att->type), 0, name);
  return att->text;
}

std::optional<double> Variable::number_attribute(const std::string& name) const {
  auto att = attribute(name);
  if (!att) return std::nullopt;
  if (att->is_text() || att->numbers.empty()) {
    fail("expected a numeric attribute, found " + type_name(att->type), 0, name);
  }
  return att->numbers.front();
}

void Variable::read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                    double* out) const {
  check(nc_get_vara_double(ncid_, varid_, start.data(), count.data(), out), "cannot read values");
}

void Variable::read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                    float* out) const {
  check(nc_get_vara_float(ncid_, varid_, start.data(), count.data(), out), "cannot read values");
}

std::vector<double> Variable::read_all_1d() const {
  auto dims = shape();
  if (dims.size() != 1) fail("expected a one-dimensional variable", 0);
  std::vector<double> out(dims[0]);
  if (!out.empty()) read({0}, {dims[0]}, out.data());
  return out;
}

void Variable::put_attribute(const std::string& name, const std::string& text) {
  put_attribute(Attribute{name, NcType::Char, text, {}});
}

void Variable::put_attribute(const std::string& name, NcType type,
                             const std::vector<double>& values) {
  put_attribute(Attribute{name, type, {}, values});
}

void Variable::put_attribute(const Attribute& att) {
  detail::write_attribute(ncid_, varid_, att, {file_path_, name_, {}});
}

void Variable::set_chunking(const std::vector<std::size_t>& chunks) {
  check(nc_def_var_chunking(ncid_, varid_, NC_CHUNKED, chunks.data()), "cannot set chunking");
}

void Variable::set_chunk_cache(std::size_t bytes, std::size_t slots) const {
  // Preemption 1: chunks read whole are evicted first (each is read once).
  check(nc_set_var_chunk_cache(ncid_, varid_, bytes, slots, 1.0f), "cannot set the chunk cache");
}

void Variable::set_deflate(bool shuffle, int level) {
  check(nc_def_var_deflate(ncid_, varid_, shuffle ? 1 : 0, level > 0 ? 1 : 0, level),
        "cannot set deflate");
}

void Variable::set_fill_value(float fill) {
  check(nc_def_var_fill(ncid_, varid_, NC_FILL, &fill), "cannot set fill value", "_FillValue");
}

void Variable::set_no_fill() {
  check(nc_def_var_fill(ncid_, varid_, NC_NOFILL, nullptr), "cannot turn filling off", "_NoFill");
}

void Variable::write(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                     const float* data) {
  check(nc_put_vara_float(ncid_, varid_, start.data(), count.data(), data), "cannot write values");
}

void Variable::write(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                     const double* data) {
  check(nc_put_vara_double(ncid_, varid_, start.data(), count.data(), data), "cannot write values");
}

}  // namespace ti::io
