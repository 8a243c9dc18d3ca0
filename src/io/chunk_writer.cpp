#include "trendy_ilamb/io/chunk_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5.h>

#include <utility>

#include "trendy_ilamb/io/error.hpp"
#include "hdf5_dataset.hpp"

namespace ti::io {

using detail::Hid;
using detail::fail_hdf5;
using detail::open_dataset;
using detail::OpenedDataset;


struct ChunkWriter::Handles {
  Hid file;
  Hid dset;
};

void ChunkWriter::fail(const std::string& what) const { fail_hdf5(path_, variable_, what); }

ChunkWriter::ChunkWriter(const std::filesystem::path& path, const std::string& variable)
    : path_(path.string()), variable_(variable), h_(std::make_unique<Handles>()) {
  OpenedDataset d = open_dataset(path_, variable_, H5F_ACC_RDWR, "direct chunk writes");
  layout_ = std::move(d.layout);
  h_->file = std::move(d.file);
  h_->dset = std::move(d.dset);
}

ChunkWriter::~ChunkWriter() = default;  // Handles close the dataset, then the file

void ChunkWriter::write_chunk(const std::vector<std::size_t>& offset, std::span<const std::byte> bytes,
                              std::uint32_t filter_mask) {
  if (!h_->dset.valid()) fail("write after close");
  if (offset.size() != layout_.shape.size()) fail("chunk offset of the wrong rank");
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
