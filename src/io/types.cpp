#include "trendy_ilamb/io/types.hpp"

namespace ti::io {

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
    case NcType::Other: return "other";
  }
  return "other";
}

bool is_numeric(NcType t) {
  return t != NcType::Char && t != NcType::String && t != NcType::Other;
}

std::size_t type_size(NcType t) {
  switch (t) {
    case NcType::Byte: case NcType::UByte: case NcType::Char: return 1;
    case NcType::Short: case NcType::UShort: return 2;
    case NcType::Double: case NcType::Int64: case NcType::UInt64: case NcType::String: return 8;
    default: return 4;
  }
}

}  // namespace ti::io
