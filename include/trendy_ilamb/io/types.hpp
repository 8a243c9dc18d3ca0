#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace ti::io {

// netCDF external types we distinguish; everything numeric is read as double
// or float by the library's own conversion.
enum class NcType { Byte, Char, Short, Int, Int64, Float, Double, UByte, UShort, UInt, UInt64, String, Other };

std::string type_name(NcType t);
bool is_numeric(NcType t);
std::size_t type_size(NcType t);  // bytes of one value on disk (strings: pointer-sized)

struct Dimension {
  std::string name;
  std::size_t length = 0;
  bool unlimited = false;
};

struct Attribute {
  std::string name;
  NcType type = NcType::Char;
  std::string text;             // for Char / String attributes
  std::vector<double> numbers;  // for numeric attributes
  bool is_text() const { return type == NcType::Char || type == NcType::String; }
};

inline Attribute text_att(const std::string& name, const std::string& value) {
  return Attribute{name, NcType::Char, value, {}};
}

// On-disk storage of a variable (NetCDF-4 only; classic files are contiguous).
struct Storage {
  bool chunked = false;
  std::vector<std::size_t> chunks;
  bool shuffle = false;
  int deflate_level = 0;  // 0 = no deflate
};

}  // namespace ti::io
