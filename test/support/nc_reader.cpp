// The verifiers' own netCDF-C reader (see nc_reader.hpp for why it exists).
#include "nc_reader.hpp"

#include <netcdf.h>

#include <stdexcept>
#include <utility>

namespace ti::verify::nc {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int status) {
  throw std::runtime_error(path + ": " + what + ": " + nc_strerror(status));
}

NcType type_of(nc_type t) {
  switch (t) {
    case NC_BYTE: return NcType::Byte;
    case NC_CHAR: return NcType::Char;
    case NC_SHORT: return NcType::Short;
    case NC_INT: return NcType::Int;
    case NC_INT64: return NcType::Int64;
    case NC_FLOAT: return NcType::Float;
    case NC_DOUBLE: return NcType::Double;
    case NC_UBYTE: return NcType::UByte;
    case NC_USHORT: return NcType::UShort;
    case NC_UINT: return NcType::UInt;
    case NC_UINT64: return NcType::UInt64;
    case NC_STRING: return NcType::String;
    default: return NcType::Other;
  }
}

// Attribute `index` (or the one named `name`) of variable `varid`
// (NC_GLOBAL for the file's own).
Attribute read_attribute(int ncid, int varid, const std::string& name, const std::string& where) {
  nc_type t = NC_NAT;
  std::size_t len = 0;
  if (const int s = nc_inq_att(ncid, varid, name.c_str(), &t, &len); s != NC_NOERR)
    fail(where, "attribute " + name, s);
  Attribute a{name, type_of(t), {}, {}};
  int s = NC_NOERR;
  if (t == NC_CHAR) {
    a.text.resize(len);
    if (len > 0) s = nc_get_att_text(ncid, varid, name.c_str(), a.text.data());
  } else if (t == NC_STRING) {
    std::vector<char*> strings(len);
    s = len > 0 ? nc_get_att_string(ncid, varid, name.c_str(), strings.data()) : NC_NOERR;
    if (s == NC_NOERR) {
      for (std::size_t i = 0; i < len; ++i) a.text += (i ? "\n" : "") + std::string(strings[i]);
      if (len > 0) nc_free_string(len, strings.data());
    }
  } else {
    a.numbers.resize(len);
    if (len > 0) s = nc_get_att_double(ncid, varid, name.c_str(), a.numbers.data());
  }
  if (s != NC_NOERR) fail(where, "attribute " + name, s);
  return a;
}

std::vector<Attribute> read_attributes(int ncid, int varid, const std::string& where) {
  int n = 0;
  const int s = varid == NC_GLOBAL ? nc_inq_natts(ncid, &n) : nc_inq_varnatts(ncid, varid, &n);
  if (s != NC_NOERR) fail(where, "attributes", s);
  std::vector<Attribute> out;
  for (int i = 0; i < n; ++i) {
    char name[NC_MAX_NAME + 1] = {};
    if (const int si = nc_inq_attname(ncid, varid, i, name); si != NC_NOERR)
      fail(where, "attribute name", si);
    out.push_back(read_attribute(ncid, varid, name, where));
  }
  return out;
}

}  // namespace

std::string type_name(NcType t) {
  switch (t) {
    case NcType::Byte: return "byte";
    case NcType::Char: return "char";
    case NcType::Short: return "short";
    case NcType::Int: return "int";
    case NcType::Int64: return "int64";
    case NcType::Float: return "float";
    case NcType::Double: return "double";
    case NcType::UByte: return "ubyte";
    case NcType::UShort: return "ushort";
    case NcType::UInt: return "uint";
    case NcType::UInt64: return "uint64";
    case NcType::String: return "string";
    case NcType::Other: break;
  }
  return "other";
}

bool is_numeric(NcType t) {
  return t != NcType::Char && t != NcType::String && t != NcType::Other;
}

// ------------------------------------------------------------- Variable

Variable::Variable(int ncid, int varid, std::string name, std::string path)
    : ncid_(ncid), varid_(varid), name_(std::move(name)), path_(std::move(path)) {}

void Variable::check(int status, const std::string& what) const {
  if (status != NC_NOERR) fail(path_, name_ + ": " + what, status);
}

NcType Variable::type() const {
  nc_type t = NC_NAT;
  check(nc_inq_vartype(ncid_, varid_, &t), "type");
  return type_of(t);
}

std::vector<std::string> Variable::dimension_names() const {
  int ndims = 0;
  check(nc_inq_varndims(ncid_, varid_, &ndims), "dimensions");
  std::vector<int> ids(static_cast<std::size_t>(ndims));
  if (ndims > 0) check(nc_inq_vardimid(ncid_, varid_, ids.data()), "dimensions");
  std::vector<std::string> out;
  for (int id : ids) {
    char name[NC_MAX_NAME + 1] = {};
    check(nc_inq_dimname(ncid_, id, name), "dimension name");
    out.emplace_back(name);
  }
  return out;
}

std::vector<std::size_t> Variable::shape() const {
  int ndims = 0;
  check(nc_inq_varndims(ncid_, varid_, &ndims), "dimensions");
  std::vector<int> ids(static_cast<std::size_t>(ndims));
  if (ndims > 0) check(nc_inq_vardimid(ncid_, varid_, ids.data()), "dimensions");
  std::vector<std::size_t> out;
  for (int id : ids) {
    std::size_t len = 0;
    check(nc_inq_dimlen(ncid_, id, &len), "dimension length");
    out.push_back(len);
  }
  return out;
}

std::optional<Attribute> Variable::attribute(const std::string& name) const {
  if (nc_inq_att(ncid_, varid_, name.c_str(), nullptr, nullptr) != NC_NOERR) return std::nullopt;
  return read_attribute(ncid_, varid_, name, path_ + ": " + name_);
}

std::vector<Attribute> Variable::attributes() const {
  return read_attributes(ncid_, varid_, path_ + ": " + name_);
}

std::optional<std::string> Variable::text_attribute(const std::string& name) const {
  const auto a = attribute(name);
  if (!a || !a->is_text()) return std::nullopt;
  return a->text;
}

Storage Variable::storage() const {
  Storage s;
  int format = 0;
  check(nc_inq_format(ncid_, &format), "format");
  if (format != NC_FORMAT_NETCDF4 && format != NC_FORMAT_NETCDF4_CLASSIC) return s;
  int contiguity = NC_CONTIGUOUS;
  check(nc_inq_var_chunking(ncid_, varid_, &contiguity, nullptr), "chunking");
  s.chunked = contiguity == NC_CHUNKED;
  int shuffle = 0, deflate = 0, level = 0;
  check(nc_inq_var_deflate(ncid_, varid_, &shuffle, &deflate, &level), "deflate");
  s.shuffle = shuffle != 0;
  s.deflate_level = deflate != 0 ? level : 0;
  return s;
}

void Variable::read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                    double* out) const {
  check(nc_get_vara_double(ncid_, varid_, start.data(), count.data(), out), "read");
}

void Variable::read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                    float* out) const {
  check(nc_get_vara_float(ncid_, varid_, start.data(), count.data(), out), "read");
}

std::vector<double> Variable::read_all_1d() const {
  const auto s = shape();
  if (s.size() != 1) throw std::runtime_error(path_ + ": " + name_ + " is not one-dimensional");
  std::vector<double> out(s[0]);
  if (!out.empty()) read({0}, {s[0]}, out.data());
  return out;
}

// ----------------------------------------------------------------- File

File File::open_read(const std::filesystem::path& path) {
  int ncid = -1;
  if (const int s = nc_open(path.c_str(), NC_NOWRITE, &ncid); s != NC_NOERR)
    fail(path.string(), "cannot open", s);
  return File(ncid, path.string());
}

File::File(File&& other) noexcept
    : ncid_(std::exchange(other.ncid_, -1)), path_(std::move(other.path_)) {}

File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    if (ncid_ >= 0) nc_close(ncid_);
    ncid_ = std::exchange(other.ncid_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

File::~File() {
  if (ncid_ >= 0) nc_close(ncid_);
}

std::vector<std::string> File::variable_names() const {
  int n = 0;
  if (const int s = nc_inq_nvars(ncid_, &n); s != NC_NOERR) fail(path_, "variables", s);
  std::vector<std::string> out;
  for (int id = 0; id < n; ++id) {
    char name[NC_MAX_NAME + 1] = {};
    if (const int s = nc_inq_varname(ncid_, id, name); s != NC_NOERR) fail(path_, "variable name", s);
    out.emplace_back(name);
  }
  return out;
}

bool File::has_variable(const std::string& name) const {
  int id = -1;
  return nc_inq_varid(ncid_, name.c_str(), &id) == NC_NOERR;
}

Variable File::variable(const std::string& name) const {
  int id = -1;
  if (const int s = nc_inq_varid(ncid_, name.c_str(), &id); s != NC_NOERR)
    fail(path_, "variable " + name, s);
  return Variable(ncid_, id, name, path_);
}

std::vector<Attribute> File::global_attributes() const {
  return read_attributes(ncid_, NC_GLOBAL, path_);
}

}  // namespace ti::verify::nc
