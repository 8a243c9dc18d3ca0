#include "trendy_ilamb/pipeline/raw_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

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

std::unique_ptr<RawSlabReader> RawSlabReader::open(const std::filesystem::path& path, const std::string& variable,
                                                   std::size_t time_dim,
                                                   const std::vector<std::size_t>& extent) {
  if (!codec::have_fast_inflate() || time_dim != 0 || extent.empty()) return nullptr;
  std::unique_ptr<io::ChunkReader> r;
  try {
    r = std::make_unique<io::ChunkReader>(path, variable);
  } catch (const io::NcError&) {
    return nullptr;  // not an HDF5 file (classic netCDF), or a name HDF5 does not know: plain reads
  }
  if (!r->is_float32_le() || !r->float_fill() || r->shape().size() != extent.size() ||
      r->chunk_shape().size() != extent.size()) {
    return nullptr;
  }
  for (std::size_t d = 1; d < extent.size(); ++d) {
    if (extent[d] != r->shape()[d] || r->chunk_shape()[d] != r->shape()[d]) return nullptr;
  }
  if (extent[0] > r->shape()[0] || r->chunk_shape()[0] == 0) return nullptr;
  auto pipeline = decodable(r->filters());
  if (pipeline.empty()) return nullptr;
  return std::make_unique<RawSlabReader>(std::move(r), std::move(pipeline));
}

RawSlabReader::RawSlabReader(std::unique_ptr<io::ChunkReader> reader, std::vector<codec::Filter> pipeline)
    : reader_(std::move(reader)), decoder_(std::move(pipeline), sizeof(float)) {
  steps_ = reader_->shape()[0];
  chunk_steps_ = reader_->chunk_shape()[0];
  per_step_ = 1;
  for (std::size_t d = 1; d < reader_->shape().size(); ++d) per_step_ *= reader_->shape()[d];
  fill_ = *reader_->float_fill();
}

void RawSlabReader::load(std::size_t j) {
  if (held_ == j) return;
  held_ = SIZE_MAX;
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
