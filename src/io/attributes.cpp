#include "attributes.hpp"

#include <netcdf.h>

#include <memory>

#include "nc_types.hpp"

namespace ti::io::detail {

namespace {

ErrorContext at(ErrorContext where, const std::string& name) {
  where.attribute = name;
  return where;
}

std::string read_char_text(int ncid, int varid, const std::string& name, std::size_t len,
                           const ErrorContext& where) {
  std::string text(len, '\0');
  if (int st = nc_get_att_text(ncid, varid, name.c_str(), text.data()); st != NC_NOERR) {
    throw NcError(at(where, name), "cannot read text attribute", st);
  }
  // Fortran writers pad with NULs; CF text ends at the first one.
  if (auto nul = text.find('\0'); nul != std::string::npos) text.resize(nul);
  return text;
}

std::string read_string_text(int ncid, int varid, const std::string& name, std::size_t len,
                             const ErrorContext& where) {
  std::vector<char*> strings(len, nullptr);
  if (int st = nc_get_att_string(ncid, varid, name.c_str(), strings.data()); st != NC_NOERR) {
    throw NcError(at(where, name), "cannot read string attribute", st);
  }
  std::string text;
  for (std::size_t i = 0; i < len; ++i) {
    if (i > 0) text += ' ';
    if (strings[i] != nullptr) text += strings[i];
  }
  nc_free_string(len, strings.data());
  return text;
}

}  // namespace

std::optional<Attribute> read_attribute(int ncid, int varid, const std::string& name,
                                        const ErrorContext& where) {
  nc_type type = NC_NAT;
  std::size_t len = 0;
  int st = nc_inq_att(ncid, varid, name.c_str(), &type, &len);
  if (st == NC_ENOTATT) return std::nullopt;
  if (st != NC_NOERR) throw NcError(at(where, name), "cannot inquire attribute", st);

  Attribute att;
  att.name = name;
  att.type = from_nc(type);
  if (type == NC_CHAR) {
    att.text = read_char_text(ncid, varid, name, len, where);
  } else if (type == NC_STRING) {
    att.text = read_string_text(ncid, varid, name, len, where);
  } else if (att.type != NcType::Other) {
    att.numbers.resize(len);
    if (len > 0) {
      st = nc_get_att_double(ncid, varid, name.c_str(), att.numbers.data());
      if (st != NC_NOERR) throw NcError(at(where, name), "cannot read numeric attribute", st);
    }
  }
  return att;
}

std::vector<Attribute> read_attributes(int ncid, int varid, const ErrorContext& where) {
  int natts = 0;
  int st = varid == NC_GLOBAL ? nc_inq_natts(ncid, &natts) : nc_inq_varnatts(ncid, varid, &natts);
  if (st != NC_NOERR) throw NcError(where, "cannot count attributes", st);
  std::vector<Attribute> out;
  for (int i = 0; i < natts; ++i) {
    char name[NC_MAX_NAME + 1] = {};
    if ((st = nc_inq_attname(ncid, varid, i, name)) != NC_NOERR) {
      throw NcError(where, "cannot read attribute name", st);
    }
    if (auto att = read_attribute(ncid, varid, name, where)) out.push_back(std::move(*att));
  }
  return out;
}

void write_attribute(int ncid, int varid, const Attribute& att, const ErrorContext& where) {
  int st = NC_NOERR;
  if (att.is_text()) {
    st = nc_put_att_text(ncid, varid, att.name.c_str(), att.text.size(), att.text.c_str());
  } else if (att.type == NcType::Other) {
    return;  // user-defined types are not carried over
  } else {
    st = nc_put_att_double(ncid, varid, att.name.c_str(), to_nc(att.type), att.numbers.size(),
                           att.numbers.data());
  }
  if (st != NC_NOERR) throw NcError(at(where, att.name), "cannot write attribute", st);
}

}  // namespace ti::io::detail
