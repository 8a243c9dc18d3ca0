#include "trendy_ilamb/io/file.hpp"

#include <netcdf.h>

#include <utility>

#include "attributes.hpp"
#include "nc_types.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::io {

namespace {

void check(int status, const std::string& path, const std::string& what,
           const std::string& variable = {}) {
  if (status != NC_NOERR) throw NcError({path, variable, {}}, what, status);
}

}  // namespace

void initialise_library() { check(nc_initialize(), "", "cannot initialise netCDF-C"); }

File::File(int ncid, std::string path) : ncid_(ncid), path_(std::move(path)) {}

File File::open_read(const std::filesystem::path& path) {
  int ncid = -1;
  check(nc_open(path.c_str(), NC_NOWRITE, &ncid), path.string(), "cannot open as NetCDF");
  return File(ncid, path.string());
}

File File::open_write(const std::filesystem::path& path) {
  int ncid = -1;
  check(nc_open(path.c_str(), NC_WRITE, &ncid), path.string(), "cannot open for writing");
  return File(ncid, path.string());
}

File File::create(const std::filesystem::path& path) {
  int ncid = -1;
  check(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &ncid), path.string(),
        "cannot create NetCDF-4 file");
  return File(ncid, path.string());
}

File File::create_classic(const std::filesystem::path& path, bool offset64) {
  int ncid = -1;
  check(nc_create(path.c_str(), NC_CLOBBER | (offset64 ? NC_64BIT_OFFSET : 0), &ncid),
        path.string(), "cannot create NetCDF-3 file");
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
  if (ncid_ >= 0) nc_close(ncid_);  // errors were reported by close() if it mattered
}

void File::close() {
  if (ncid_ < 0) return;
  int id = std::exchange(ncid_, -1);
  check(nc_close(id), path_, "cannot close (data may not be on disk)");
}

std::vector<Dimension> File::dimensions() const {
  int ndims = 0;
  check(nc_inq_ndims(ncid_, &ndims), path_, "cannot count dimensions");
  std::vector<int> ids(static_cast<std::size_t>(ndims));
  check(nc_inq_dimids(ncid_, &ndims, ids.data(), 0), path_, "cannot list dimensions");
  int nunlim = 0;
  check(nc_inq_unlimdims(ncid_, &nunlim, nullptr), path_, "cannot list unlimited dimensions");
  std::vector<int> unlim(static_cast<std::size_t>(nunlim));
  check(nc_inq_unlimdims(ncid_, &nunlim, unlim.data()), path_, "cannot list unlimited dimensions");

  std::vector<Dimension> out;
  for (int id : ids) {
    char name[NC_MAX_NAME + 1] = {};
    std::size_t len = 0;
    check(nc_inq_dim(ncid_, id, name, &len), path_, "cannot inquire dimension");
    bool is_unlim = false;
    for (int u : unlim) is_unlim = is_unlim || u == id;
    out.push_back({name, len, is_unlim});
  }
  return out;
}

Dimension File::dimension(const std::string& name) const {
  for (auto& d : dimensions()) {
    if (d.name == name) return d;
  }
  throw NcError({path_, {}, {}}, "no dimension '" + name + "'");
}

bool File::has_dimension(const std::string& name) const {
  int id = -1;
  return nc_inq_dimid(ncid_, name.c_str(), &id) == NC_NOERR;
}

std::vector<std::string> File::variable_names() const {
  int nvars = 0;
  check(nc_inq_nvars(ncid_, &nvars), path_, "cannot count variables");
  std::vector<std::string> out;
  for (int v = 0; v < nvars; ++v) {
    char name[NC_MAX_NAME + 1] = {};
    check(nc_inq_varname(ncid_, v, name), path_, "cannot read variable name");
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
  check(nc_inq_varid(ncid_, name.c_str(), &id), path_, "no such variable", name);
  return Variable(ncid_, id, name, path_);
}

std::vector<Attribute> File::global_attributes() const {
  return detail::read_attributes(ncid_, NC_GLOBAL, {path_, {}, {}});
}

void File::define_dimension(const std::string& name, std::size_t length) {
  int id = -1;
  check(nc_def_dim(ncid_, name.c_str(), length == 0 ? NC_UNLIMITED : length, &id), path_,
        "cannot define dimension '" + name + "'");
}

Variable File::define_variable(const std::string& name, NcType type,
                               const std::vector<std::string>& dims) {
  std::vector<int> ids;
  for (const auto& d : dims) {
    int id = -1;
    check(nc_inq_dimid(ncid_, d.c_str(), &id), path_, "no dimension '" + d + "'", name);
    ids.push_back(id);
  }
  int varid = -1;
  check(nc_def_var(ncid_, name.c_str(), detail::to_nc(type), static_cast<int>(ids.size()),
                   ids.data(), &varid),
        path_, "cannot define variable", name);
  return Variable(ncid_, varid, name, path_);
}

void File::put_global_attribute(const std::string& name, const std::string& text) {
  put_global_attribute(Attribute{name, NcType::Char, text, {}});
}

void File::put_global_attribute(const Attribute& att) {
  detail::write_attribute(ncid_, NC_GLOBAL, att, {path_, {}, {}});
}

void File::end_definitions() { check(nc_enddef(ncid_), path_, "cannot leave define mode"); }

}  // namespace ti::io
