#pragma once
// RAII wrapper over a netCDF-C dataset. Nothing above the io layer sees an
// ncid or a status code: every call is checked and failures throw NcError.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/io/types.hpp"
#include "trendy_ilamb/io/variable.hpp"

namespace ti::io {

// Initialises netCDF-C (and HDF5 under it) now rather than at the first
// open: done once in the task server so each forked task starts warm.
void initialise_library();

class File {
 public:
  // Opens an existing dataset read-only (NetCDF-3 or NetCDF-4).
  static File open_read(const std::filesystem::path& path);
  // Opens an existing dataset for writing (data mode).
  static File open_write(const std::filesystem::path& path);
  // Creates a NetCDF-4 (HDF5) dataset, replacing any file at `path`.
  static File create(const std::filesystem::path& path);
  // Creates a NetCDF-3 dataset: classic (CDF-1) or, with offset64, 64-bit
  // offset (CDF-2), replacing any file at `path`. No chunking or deflate.
  static File create_classic(const std::filesystem::path& path, bool offset64);

  File(File&& other) noexcept;
  File& operator=(File&& other) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File();

  // Closes now, reporting errors (the destructor closes silently).
  void close();

  const std::string& path() const { return path_; }

  // Inquiry.
  std::vector<Dimension> dimensions() const;
  Dimension dimension(const std::string& name) const;
  bool has_dimension(const std::string& name) const;
  std::vector<std::string> variable_names() const;
  bool has_variable(const std::string& name) const;
  Variable variable(const std::string& name) const;
  std::vector<Attribute> global_attributes() const;

  // Definition (a created file starts in define mode).
  void define_dimension(const std::string& name, std::size_t length);  // 0 = unlimited
  Variable define_variable(const std::string& name, NcType type,
                           const std::vector<std::string>& dims);
  void put_global_attribute(const std::string& name, const std::string& text);
  void put_global_attribute(const Attribute& att);
  void end_definitions();

 private:
  File(int ncid, std::string path);
  int ncid_ = -1;
  std::string path_;
};

}  // namespace ti::io
