#include "trendy_ilamb/io/chunk_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5.h>

#include "hdf5_handle.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::io {

using detail::Hid;
using detail::hdf5_message;

struct ChunkReader::Handles {
  Hid file;
  Hid dset;
};

void ChunkReader::fail(const std::string& what) const {
  const std::string why = hdf5_message();
  throw NcError({path_, variable_, {}}, why.empty() ? what : fmt::format("{} (HDF5: {})", what, why));
}

ChunkReader::ChunkReader(const std::filesystem::path& path, const std::string& variable)
    : path_(path.string()), variable_(variable), h_(std::make_unique<Handles>()) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  h_->file = Hid(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!h_->file.valid()) fail("cannot open with HDF5 for raw chunk reads");
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
  is_f32le_ = H5Tequal(type.get(), H5T_IEEE_F32LE) > 0;

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

  if (is_f32le_) {
    H5D_fill_time_t when = H5D_FILL_TIME_IFSET;
    if (H5Pget_fill_time(dcpl.get(), &when) < 0) fail("cannot get the fill time");
    H5D_fill_value_t defined = H5D_FILL_VALUE_UNDEFINED;
    if (H5Pfill_value_defined(dcpl.get(), &defined) < 0) fail("cannot tell whether a fill value is defined");
    if (when != H5D_FILL_TIME_NEVER) {
      float v = 0.0F;  // HDF5's default fill: zero bytes
      if (defined != H5D_FILL_VALUE_UNDEFINED &&
          H5Pget_fill_value(dcpl.get(), H5T_NATIVE_FLOAT, &v) < 0) {
        fail("cannot get the fill value");
      }
      fill_ = v;
    }
  }
}

ChunkReader::~ChunkReader() = default;  // Handles close the dataset, then the file

bool ChunkReader::read_chunk(const std::vector<std::size_t>& offset, std::vector<std::byte>& out,
                             std::uint32_t& filter_mask) const {
  if (offset.size() != shape_.size()) fail("chunk offset of the wrong rank");
  const std::vector<hsize_t> off(offset.begin(), offset.end());
  // (H5Dget_chunk_storage_size fails on a chunk never written; this one
  // reports size 0 and an undefined address.)
  hsize_t nbytes = 0;
  haddr_t addr = HADDR_UNDEF;
  unsigned mask = 0;
  if (H5Dget_chunk_info_by_coord(h_->dset.get(), off.data(), &mask, &addr, &nbytes) < 0) {
    fail(fmt::format("cannot locate the chunk at [{}]", fmt::join(offset, ", ")));
  }
  out.clear();
  if (nbytes == 0 || addr == HADDR_UNDEF) return false;
  out.resize(nbytes);
  filter_mask = 0;
  if (H5Dread_chunk(h_->dset.get(), H5P_DEFAULT, off.data(), &filter_mask, out.data()) < 0) {
    fail(fmt::format("cannot read the chunk at [{}] ({} bytes)", fmt::join(offset, ", "), nbytes));
  }
  return true;
}

}  // namespace ti::io
