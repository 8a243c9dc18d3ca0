#include "trendy_ilamb/pipeline/raw_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "trendy_ilamb/io/error.hpp"

namespace ti::pipeline {

namespace {

// The codec pipeline of a dataset's filters, or empty when it is not
// deflate or shuffle+deflate.
std::vector<codec::Filter> decodable(const std::vector<io::FilterInfo>& filters) {
  std::vector<codec::Filter> out;
  if (filters.size() == 2 && filters[0].id == io::kFilterShuffle && filters[1].id == io::kFilterDeflate) {
    out.push_back({codec::Filter::Kind::Shuffle, 0});
  } else if (!(filters.size() == 1 && filters[0].id == io::kFilterDeflate)) {
    return out;
  }
  const auto& d = filters.back();
  out.push_back({codec::Filter::Kind::Deflate, d.params.empty() ? 0 : static_cast<int>(d.params[0])});
  return out;
}

}  // namespace

std::size_t raw_band_limit(std::size_t memory_mb) {
  // The read, output and encoder buffers beside the band: about two slabs.
  constexpr std::size_t kSlabRoom = 2 * kSlabTargetBytes;
  const std::size_t budget = memory_mb << 20;
  return budget > 2 * kSlabRoom ? budget - kSlabRoom : budget / 2;
}

std::unique_ptr<RawSlabReader> RawSlabReader::open(const std::filesystem::path& path, const std::string& variable,
                                                   std::size_t time_dim,
                                                   const std::vector<std::size_t>& extent,
                                                   std::size_t max_band_bytes) {
  if (!codec::have_fast_inflate() || time_dim != 0 || extent.empty()) return nullptr;
  std::unique_ptr<io::ChunkReader> r;
  try {
    r = std::make_unique<io::ChunkReader>(path, variable);
  } catch (const io::NcError&) {
    return nullptr;  // not an HDF5 file (classic netCDF), or a name HDF5 does not know: plain reads
  }
  if (!r->is_float32_le() || r->shape().size() != extent.size() ||
      r->chunk_shape().size() != extent.size()) {
    return nullptr;
  }
  std::size_t band_values = std::min(r->chunk_shape()[0], r->shape()[0]);
  for (std::size_t d = 1; d < extent.size(); ++d) {
    if (extent[d] != r->shape()[d] || r->chunk_shape()[d] == 0) return nullptr;
    band_values *= r->shape()[d];
  }
  if (extent[0] > r->shape()[0] || r->chunk_shape()[0] == 0) return nullptr;
  if (band_values * sizeof(float) > max_band_bytes) return nullptr;  // e.g. whole series in chunks: too big
  auto pipeline = decodable(r->filters());
  if (pipeline.empty()) return nullptr;
  return std::make_unique<RawSlabReader>(std::move(r), std::move(pipeline));
}

RawSlabReader::RawSlabReader(std::unique_ptr<io::ChunkReader> reader, std::vector<codec::Filter> pipeline)
    : reader_(std::move(reader)), decoder_(std::move(pipeline), sizeof(float)) {
  steps_ = reader_->shape()[0];
  chunk_steps_ = reader_->chunk_shape()[0];
  per_step_ = 1;
  chunk_values_ = chunk_steps_;
  for (std::size_t d = 1; d < reader_->shape().size(); ++d) {
    per_step_ *= reader_->shape()[d];
    chunk_values_ *= reader_->chunk_shape()[d];
    tiled_ = tiled_ || reader_->chunk_shape()[d] != reader_->shape()[d];
  }
  // A dataset that is never filled (_NoFill, as nccopy and many model
  // writers leave it) has no defined value where no chunk was written; netCDF
  // would hand back whatever its buffer held. NaN: missing, as it should be.
  fill_ = reader_->float_fill().value_or(std::numeric_limits<float>::quiet_NaN());
}

void RawSlabReader::load(std::size_t j) {
  if (held_ == j) return;
  held_ = SIZE_MAX;
  if (tiled_) {
    load_tiles(j);
    held_ = j;
    return;
  }
  const std::size_t n = chunk_steps_ * per_step_;
  std::vector<std::size_t> offset(reader_->shape().size(), 0);
  offset[0] = j * chunk_steps_;
  std::uint32_t mask = 0;
  if (!reader_->read_chunk(offset, raw_, mask)) {
    fill_chunk_.assign(n, fill_);
    chunk_ = std::as_bytes(std::span<const float>(fill_chunk_));
  } else {
    try {
      // Valid until the next decode, which only load() calls.
      chunk_ = decoder_.decode(raw_, n * sizeof(float), mask);
    } catch (const codec::CodecError& e) {
      throw io::NcError({reader_->path(), reader_->variable(), {}},
                        fmt::format("chunk at step {}: {}", offset[0], e.what()));
    }
  }
  held_ = j;
}

void RawSlabReader::load_tiles(std::size_t j) {
  const auto& shape = reader_->shape();
  const auto& chunk = reader_->chunk_shape();
  const std::size_t first = j * chunk_steps_;
  const std::size_t steps = std::min(chunk_steps_, steps_ - first);
  band_.resize(steps * per_step_);
  if (shape.size() < 2) return;  // open() takes only maps (time + at least one more dimension)
  // Every chunk of the band, the last dimension fastest (odometer).
  std::vector<std::size_t> offset{first};
  offset.resize(shape.size(), 0);
  for (;;) {
    std::uint32_t mask = 0;
    if (!reader_->read_chunk(offset, raw_, mask)) {
      fill_chunk_.assign(chunk_values_, fill_);
      scatter(reinterpret_cast<const std::byte*>(fill_chunk_.data()), offset, steps);
    } else {
      try {
        const auto plain = decoder_.decode(raw_, chunk_values_ * sizeof(float), mask);
        scatter(plain.data(), offset, steps);
      } catch (const codec::CodecError& e) {
        throw io::NcError({reader_->path(), reader_->variable(), {}},
                          fmt::format("chunk at step {}: {}", first, e.what()));
      }
    }
    std::size_t d = shape.size() - 1;
    for (; d > 0; --d) {
      offset[d] += chunk[d];
      if (offset[d] < shape[d]) break;
      offset[d] = 0;
    }
    if (d == 0) break;
  }
  chunk_ = std::as_bytes(std::span<const float>(band_));
}

void RawSlabReader::scatter(const std::byte* chunk, const std::vector<std::size_t>& offset, std::size_t steps) {
  const auto& shape = reader_->shape();
  const auto& cshape = reader_->chunk_shape();
  const std::size_t rank = shape.size();
  // The part of the chunk inside the dataset (edge chunks are stored whole).
  std::vector<std::size_t> valid(rank), cstride(rank, 1), bstride(rank, 1);
  for (std::size_t d = rank; d-- > 1;) {
    valid[d] = std::min(cshape[d], shape[d] - offset[d]);
    if (d + 1 < rank) {
      cstride[d] = cstride[d + 1] * cshape[d + 1];
      bstride[d] = bstride[d + 1] * shape[d + 1];
    }
  }
  const std::size_t chunk_step = cstride[1] * cshape[1];
  const std::size_t row = valid[rank - 1];
  std::size_t base = 0;  // offset of the chunk's first value in one band step
  for (std::size_t d = 1; d < rank; ++d) base += offset[d] * bstride[d];
  // Rows along the last dimension: every index of dimensions 1..rank-2.
  std::vector<std::size_t> idx(rank, 0);
  for (std::size_t s = 0; s < steps; ++s) {
    const std::byte* src_step = chunk + s * chunk_step * sizeof(float);
    float* dst_step = band_.data() + s * per_step_ + base;
    std::fill(idx.begin(), idx.end(), 0);
    for (;;) {
      std::size_t src = 0, dst = 0;
      for (std::size_t d = 1; d + 1 < rank; ++d) {
        src += idx[d] * cstride[d];
        dst += idx[d] * bstride[d];
      }
      std::memcpy(dst_step + dst, src_step + src * sizeof(float), row * sizeof(float));
      std::size_t d = rank - 1;
      while (d-- > 1) {
        if (++idx[d] < valid[d]) break;
        idx[d] = 0;
      }
      if (d == 0 || rank <= 2) break;
    }
  }
}

void RawSlabReader::read(std::size_t t0, std::size_t nt, float* out) {
  const std::size_t end = t0 + nt;
  if (end > steps_) {
    throw io::NcError({reader_->path(), reader_->variable(), {}},
                      fmt::format("steps [{}, {}) past the {} stored", t0, end, steps_));
  }
  const std::size_t step_bytes = per_step_ * sizeof(float);
  for (std::size_t t = t0; t < end;) {
    const std::size_t j = t / chunk_steps_;
    const std::size_t first = j * chunk_steps_;
    const std::size_t last = std::min({first + chunk_steps_, end, steps_});
    load(j);
    std::memcpy(out + (t - t0) * per_step_, chunk_.data() + (t - first) * step_bytes, (last - t) * step_bytes);
    t = last;
  }
}

}  // namespace ti::pipeline
