#pragma once
// The verifiers' own read-only view of NetCDF files, straight over netCDF-C.
//
// trendy_verify, trendy_verify_split and trendy_verify_regrid check what
// trendy_ilamb wrote; reading it back through the converter's io layer
// would let one bug in that layer (a hyperslab, an attribute type, a fill
// rule) sit on both sides of the comparison. This reader is deliberately
// small: open, list, read attributes, read hyperslabs as float or double.
// Test-only; never linked into the tool.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ti::verify::nc {

enum class NcType { Byte, Char, Short, Int, Int64, Float, Double, UByte, UShort, UInt, UInt64, String, Other };

std::string type_name(NcType t);
bool is_numeric(NcType t);

struct Attribute {
  std::string name;
  NcType type = NcType::Char;
  std::string text;             // Char / String attributes
  std::vector<double> numbers;  // numeric attributes
  bool is_text() const { return type == NcType::Char || type == NcType::String; }
};

struct Storage {
  bool chunked = false;
  bool shuffle = false;
  int deflate_level = 0;  // 0 = not deflated
};

// A variable of an open File (a view: the File must outlive it).
class Variable {
 public:
  Variable(int ncid, int varid, std::string name, std::string path);

  const std::string& name() const { return name_; }
  NcType type() const;
  std::vector<std::string> dimension_names() const;
  std::vector<std::size_t> shape() const;
  std::optional<Attribute> attribute(const std::string& name) const;
  std::vector<Attribute> attributes() const;
  std::optional<std::string> text_attribute(const std::string& name) const;
  Storage storage() const;

  // Hyperslab reads, converted by netCDF-C to the buffer's type.
  void read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
            double* out) const;
  void read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
            float* out) const;
  std::vector<double> read_all_1d() const;

 private:
  void check(int status, const std::string& what) const;
  int ncid_;
  int varid_;
  std::string name_;
  std::string path_;
};

// An open dataset (owns its netCDF id; closed by the destructor).
class File {
 public:
  static File open_read(const std::filesystem::path& path);
  File(File&& other) noexcept;
  File& operator=(File&& other) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File();

  const std::string& path() const { return path_; }
  std::vector<std::string> variable_names() const;
  bool has_variable(const std::string& name) const;
  Variable variable(const std::string& name) const;
  std::vector<Attribute> global_attributes() const;

 private:
  File(int ncid, std::string path) : ncid_(ncid), path_(std::move(path)) {}
  int ncid_ = -1;
  std::string path_;
};

}  // namespace ti::verify::nc
