#include "trendy_ilamb/io/chunk_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5.h>

#include "hdf5_dataset.hpp"
#include "trendy_ilamb/io/error.hpp"

namespace ti::io {

using detail::Hid;
using detail::fail_hdf5;
using detail::open_dataset;
using detail::OpenedDataset;

struct ChunkReader::Handles {
  Hid file;
  Hid dset;
};

void ChunkReader::fail(const std::string& what) const { fail_hdf5(path_, variable_, what); }

ChunkReader::ChunkReader(const std::filesystem::path& path, const std::string& variable)
    : path_(path.string()), variable_(variable), h_(std::make_unique<Handles>()) {
  OpenedDataset d = open_dataset(path_, variable_, H5F_ACC_RDONLY, "raw chunk reads");
  layout_ = std::move(d.layout);
  h_->file = std::move(d.file);
  h_->dset = std::move(d.dset);
  const Hid& dcpl = d.dcpl;

  if (layout_.is_f32le) {
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
  if (offset.size() != layout_.shape.size()) fail("chunk offset of the wrong rank");
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
