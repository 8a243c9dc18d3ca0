#pragma once
// Mapping between netCDF-C type codes and NcType (private to the io layer).
#include <netcdf.h>

#include "trendy_ilamb/io/types.hpp"

namespace ti::io::detail {

inline NcType from_nc(nc_type t) {
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

inline nc_type to_nc(NcType t) {
  switch (t) {
    case NcType::Byte: return NC_BYTE;
    case NcType::Char: return NC_CHAR;
    case NcType::Short: return NC_SHORT;
    case NcType::Int: return NC_INT;
    case NcType::Int64: return NC_INT64;
    case NcType::Float: return NC_FLOAT;
    case NcType::Double: return NC_DOUBLE;
    case NcType::UByte: return NC_UBYTE;
    case NcType::UShort: return NC_USHORT;
    case NcType::UInt: return NC_UINT;
    case NcType::UInt64: return NC_UINT64;
    case NcType::String: return NC_STRING;
    case NcType::Other: break;
  }
  return NC_NAT;
}

}  // namespace ti::io::detail
