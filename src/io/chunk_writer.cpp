#include "trendy_ilamb/io/chunk_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5.h>

#include <utility>

#include "trendy_ilamb/io/error.hpp"
#include "hdf5_handle.hpp"

namespace ti::io {

using detail::Hid;
using detail::hdf5_message;


struct ChunkWriter::Handles {
  Hid file;
  Hid dset;
};

void ChunkWriter::fail(const std::string& what) const {
  const std::string why = hdf5_message();
  throw NcError({path_, variable_, {}}, why.empty() ? what : fmt::format("{} (HDF5: {})", what, why));
}

ChunkWriter::ChunkWriter(const std::filesystem::path& path, const std::string& variable)
    : path_(path.string()), variable_(variable), h_(std::make_unique<Handles>()) {
  // netCDF-C already silences HDF5's automatic error printing; be sure.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  h_->file = Hid(H5Fopen(path_.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
  if (!h_->file.valid()) fail("cannot open with HDF5 for direct chunk writes");
  h_->dset = Hid(H5Dopen2(h_->file.get(), variable_.c_str(), H5P_DEFAULT), H5Dclose);
  if (!h_->dset.valid()) fail("cannot open the dataset with HDF5");

  const Hid space(H5Dget_space(h_->dset.get()), H5Sclose);
  if (!space.valid()) fail("cannot get the dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail("cannot get the rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) fail("cannot get the shape");
  shape_.assign(dims.begin(), dims.end());

  const Hid type(H5Dget_type(h_->dset.get()), H5Tclose);
  if (!type.valid()) fail("cannot get the type");
  elem_size_ = H5Tget_size(type.get());
  is_float_ = H5Tget_class(type.get()) == H5T_FLOAT;

  const Hid dcpl(H5Dget_create_plist(h_->dset.get()), H5Pclose);
  if (!dcpl.valid()) fail("cannot get the creation properties");
  if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
    std::vector<hsize_t> c(static_cast<std::size_t>(rank));
    if (H5Pget_chunk(dcpl.get(), rank, c.data()) != rank) fail("cannot get the chunk shape");
    chunks_.assign(c.begin(), c.end());
  }
  const int nfilters = H5Pget_nfilters(dcpl.get());
  if (nfilters < 0) fail("cannot count the filters");
  for (int i = 0; i < nfilters; ++i) {
    FilterInfo f;
    unsigned cd[16] = {};
    std::size_t ncd = 16;
    char name[256] = {};
    unsigned config = 0;
    const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &f.flags, &ncd, cd,
                                           sizeof name, name, &config);
    if (id < 0) fail(fmt::format("cannot get filter {}", i));
    f.id = static_cast<int>(id);
    f.params.assign(cd, cd + std::min<std::size_t>(ncd, 16));
    f.name = name;
    filters_.push_back(std::move(f));
  }
}

ChunkWriter::~ChunkWriter() = default;  // Handles close the dataset, then the file

void ChunkWriter::write_chunk(const std::vector<std::size_t>& offset, std::span<const std::byte> bytes,
                              std::uint32_t filter_mask) {
  if (!h_->dset.valid()) fail("write after close");
  if (offset.size() != shape_.size()) fail("chunk offset of the wrong rank");
  const std::vector<hsize_t> off(offset.begin(), offset.end());
  if (H5Dwrite_chunk(h_->dset.get(), H5P_DEFAULT, filter_mask, off.data(), bytes.size(),
                     bytes.data()) < 0) {
    fail(fmt::format("cannot write the chunk at [{}] ({} bytes)", fmt::join(offset, ", "),
                     bytes.size()));
  }
}

void ChunkWriter::close() {
  const bool dset_ok = h_->dset.close();
  const bool file_ok = h_->file.close();
  if (!dset_ok) fail("cannot close the dataset");
  if (!file_ok) fail("cannot close (data may not be on disk)");
}

}  // namespace ti::io
