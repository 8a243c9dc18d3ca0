#pragma once
// Older releases pack files as .nc.gz or .nc.bz2. A task inflates its input
// into a hidden scratch file under the output root (never beside the input),
// converts that, and the scratch file is removed when the task ends.
#include <filesystem>
#include <string>

namespace ti::pipeline {

bool is_compressed_input(const std::string& path);

class ScratchCopy {
 public:
  // Inflates `input` into `<output_root>/.scratch/`; throws std::runtime_error
  // naming the input when it is not valid gzip/bzip2.
  ScratchCopy(const std::string& input, const std::string& output_root);
  ~ScratchCopy();
  ScratchCopy(const ScratchCopy&) = delete;
  ScratchCopy& operator=(const ScratchCopy&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The folder under the output root that scratch copies go to (cleaned at start).
std::filesystem::path scratch_folder(const std::string& output_root);

}  // namespace ti::pipeline
