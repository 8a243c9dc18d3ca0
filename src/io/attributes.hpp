#pragma once
// Attribute reads and writes shared by File (global, NC_GLOBAL) and Variable.
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/io/error.hpp"
#include "trendy_ilamb/io/types.hpp"

namespace ti::io::detail {

std::optional<Attribute> read_attribute(int ncid, int varid, const std::string& name,
                                        const ErrorContext& where);
std::vector<Attribute> read_attributes(int ncid, int varid, const ErrorContext& where);
void write_attribute(int ncid, int varid, const Attribute& att, const ErrorContext& where);

}  // namespace ti::io::detail
