#pragma once
// Writes one output file of the contract: coordinates with bounds, the data
// variable (float, fill 1e20, deflate+shuffle), attributes; slab by slab into
// a hidden temporary that only commit() renames into place. A writer that is
// destroyed without commit() removes its temporary, so no partial file is
// ever visible under its final name (nor left behind under its temporary
// one, also when the constructor fails). Errors name the task's input, the
// output and, for a failed create/write/close, what the system said (a full
// disk, a folder that is not writable).
//
// Codec (OutputSpec::codec): with Zlib, netCDF writes the data variable and
// HDF5's filters compress it. With Fast, the file is defined and the
// coordinates written through netCDF exactly as with Zlib, netCDF closes it,
// and each chunk of the data variable is shuffled and deflated by
// codec::ChunkEncoder and stored with a direct chunk write (io::ChunkWriter):
// the same dataset, filters and chunks, the same values on reading. Whatever
// the fast path cannot do (a level without a fast deflate, a filter pipeline
// or chunk shape it does not expect) is written the Zlib way, with a note.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trendy_ilamb/cf/grid.hpp"
#include "trendy_ilamb/codec/chunk_codec.hpp"
#include "trendy_ilamb/cf/time_axis.hpp"
#include "trendy_ilamb/cf/variable_table.hpp"
#include "trendy_ilamb/io/chunk_writer.hpp"
#include "trendy_ilamb/io/file.hpp"

namespace ti::pipeline {

struct DepthAxis {
  std::vector<double> centres;  // metres, positive down
  std::vector<double> lower;
  std::vector<double> upper;
};

struct TimeSpec {
  cf::Calendar calendar = cf::Calendar::Standard;
  cf::TimeUnits units;
  cf::OutputAxis axis;
};

struct OutputSpec {
  std::filesystem::path final_path;
  std::string variable;  // output variable name
  std::vector<io::Attribute> variable_attributes;  // units, standard_name, ...
  cf::AxisPlan lat;
  cf::AxisPlan lon;
  std::optional<TimeSpec> time;    // absent for fixed fields
  std::optional<DepthAxis> depth;  // the kept layer dimension
  std::vector<io::Attribute> global_attributes;
  int compression = 1;
  codec::Codec codec = codec::default_codec();
};

class OutputWriter {
 public:
  explicit OutputWriter(OutputSpec spec);
  ~OutputWriter();
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;

  std::size_t values_per_step() const;
  // Writes steps [t0, t0+nt) (or the whole field when there is no time).
  void write_steps(std::size_t t0, std::size_t nt, const float* data);
  // Closes, renames into place; returns the file's size in bytes.
  std::uint64_t commit();

  // True when the data variable goes through the fast codec.
  bool fast() const { return chunks_.has_value(); }
  // Why the fast codec was asked for and not used (for the task's warnings).
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  void define();
  void write_coordinates();
  void discard() noexcept;  // closes and removes the temporary
  void start_fast();
  std::string fast_problem();  // "" when the dataset suits the fast path
  void write_fast(std::size_t t0, std::size_t nt, const float* data);

  OutputSpec spec_;
  std::filesystem::path temp_;
  std::optional<io::File> file_;           // netCDF: definitions, and the data with Zlib
  std::optional<io::ChunkWriter> chunks_;  // HDF5 direct chunk writes with Fast
  std::unique_ptr<codec::ChunkEncoder> encoder_;
  std::vector<std::string> notes_;
  bool committed_ = false;
};

}  // namespace ti::pipeline
