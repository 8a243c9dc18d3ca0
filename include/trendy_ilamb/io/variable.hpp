#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/io/types.hpp"

namespace ti::io {

// A variable of an open File. Non-owning: valid while its File is open.
class Variable {
 public:
  Variable(int ncid, int varid, std::string name, std::string file_path);

  const std::string& name() const { return name_; }
  NcType type() const;
  std::vector<std::string> dimension_names() const;
  std::vector<std::size_t> shape() const;
  Storage storage() const;

  std::vector<Attribute> attributes() const;
  std::optional<Attribute> attribute(const std::string& name) const;
  // Text of a text attribute; nullopt when absent. A numeric attribute of that
  // name throws (the caller asked for text).
  std::optional<std::string> text_attribute(const std::string& name) const;
  // First value of a numeric attribute; nullopt when absent; text throws.
  std::optional<double> number_attribute(const std::string& name) const;

  // Hyperslab reads with netCDF's type conversion (no packing applied).
  void read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
            double* out) const;
  void read(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
            float* out) const;
  // Sizes this variable's HDF5 chunk cache (NetCDF-4 only).
  void set_chunk_cache(std::size_t bytes, std::size_t slots) const;

  // Whole 1-D variable (coordinates only: never used for data variables).
  std::vector<double> read_all_1d() const;

  // Definition mode.
  void put_attribute(const std::string& name, const std::string& text);
  void put_attribute(const std::string& name, NcType type, const std::vector<double>& values);
  void put_attribute(const Attribute& att);
  void set_chunking(const std::vector<std::size_t>& chunks);
  void set_deflate(bool shuffle, int level);
  void set_fill_value(float fill);
  // NC_NOFILL: never-written values are not filled (what many writers and nccopy do).
  void set_no_fill();

  // Data mode writes.
  void write(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
             const float* data);
  void write(const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
             const double* data);

 private:
  [[noreturn]] void fail(const std::string& what, int status, const std::string& att = {}) const;
  void check(int status, const std::string& what, const std::string& att = {}) const;

  int ncid_;
  int varid_;
  std::string name_;
  std::string file_path_;
};

}  // namespace ti::io
