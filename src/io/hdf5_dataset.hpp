#pragma once
// Opening a dataset with HDF5 and reading how it is stored: shared by the
// raw chunk reader and the direct chunk writer (io layer only).
#include <cstddef>
#include <string>
#include <vector>

#include "hdf5_handle.hpp"
#include "trendy_ilamb/io/chunk_writer.hpp"  // FilterInfo, DatasetLayout

namespace ti::io::detail {

struct OpenedDataset {
  Hid file;
  Hid dset;
  Hid dcpl;  // creation properties (fill value settings, ...)
  DatasetLayout layout;
};

// An NcError naming the file and variable, with HDF5's innermost message.
[[noreturn]] void fail_hdf5(const std::string& path, const std::string& variable, const std::string& what);

// Opens `path` with `flags` (H5F_ACC_RDONLY / H5F_ACC_RDWR) and the dataset
// `variable`; `purpose` completes "cannot open with HDF5 for ...".
OpenedDataset open_dataset(const std::string& path, const std::string& variable, unsigned flags,
                           const char* purpose);

}  // namespace ti::io::detail
