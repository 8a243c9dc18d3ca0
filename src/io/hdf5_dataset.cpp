#include "hdf5_dataset.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "trendy_ilamb/io/error.hpp"

namespace ti::io::detail {

void fail_hdf5(const std::string& path, const std::string& variable, const std::string& what) {
  const std::string why = hdf5_message();
  throw NcError({path, variable, {}}, why.empty() ? what : fmt::format("{} (HDF5: {})", what, why));
}

namespace {

std::vector<FilterInfo> read_filters(const Hid& dcpl, const std::string& path, const std::string& variable) {
  const int nfilters = H5Pget_nfilters(dcpl.get());
  if (nfilters < 0) fail_hdf5(path, variable, "cannot count the filters");
  std::vector<FilterInfo> out;
  for (int i = 0; i < nfilters; ++i) {
    FilterInfo f;
    unsigned cd[16] = {};
    std::size_t ncd = 16;
    char name[256] = {};
    unsigned config = 0;
    const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &f.flags, &ncd, cd,
                                           sizeof name, name, &config);
    if (id < 0) fail_hdf5(path, variable, fmt::format("cannot get filter {}", i));
    f.id = static_cast<int>(id);
    f.params.assign(cd, cd + std::min<std::size_t>(ncd, 16));
    f.name = name;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

OpenedDataset open_dataset(const std::string& path, const std::string& variable, unsigned flags,
                           const char* purpose) {
  const auto fail = [&](const std::string& what) { fail_hdf5(path, variable, what); };
  // netCDF-C already silences HDF5's automatic error printing; be sure.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  OpenedDataset d;
  d.file = Hid(H5Fopen(path.c_str(), flags, H5P_DEFAULT), H5Fclose);
  if (!d.file.valid()) fail(fmt::format("cannot open with HDF5 for {}", purpose));
  d.dset = Hid(H5Dopen2(d.file.get(), variable.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.dset.valid()) fail("cannot open the dataset with HDF5");

  const Hid space(H5Dget_space(d.dset.get()), H5Sclose);
  if (!space.valid()) fail("cannot get the dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail("cannot get the rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) fail("cannot get the shape");
  d.layout.shape.assign(dims.begin(), dims.end());

  const Hid type(H5Dget_type(d.dset.get()), H5Tclose);
  if (!type.valid()) fail("cannot get the type");
  d.layout.elem_size = H5Tget_size(type.get());
  d.layout.is_float = H5Tget_class(type.get()) == H5T_FLOAT;
  d.layout.is_f32le = H5Tequal(type.get(), H5T_IEEE_F32LE) > 0;

  d.dcpl = Hid(H5Dget_create_plist(d.dset.get()), H5Pclose);
  if (!d.dcpl.valid()) fail("cannot get the creation properties");
  if (H5Pget_layout(d.dcpl.get()) == H5D_CHUNKED) {
    std::vector<hsize_t> c(static_cast<std::size_t>(rank));
    if (H5Pget_chunk(d.dcpl.get(), rank, c.data()) != rank) fail("cannot get the chunk shape");
    d.layout.chunks.assign(c.begin(), c.end());
  }
  d.layout.filters = read_filters(d.dcpl, path, variable);
  return d;
}

}  // namespace ti::io::detail
