#pragma once
// The per-value arithmetic of the slab transform over one contiguous run of
// source values: fill test -> unpack -> unit conversion -> output fill. The
// hot loop of every conversion, so it has no branch or loop per value and
// runs 4 doubles at a time with AVX2 where the CPU has it (chosen at run
// time), else 2 with SSE2 (every x86-64), else one by one. Every path does
// the same IEEE operations in the same order, so all give the same bits.
#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "trendy_ilamb/pipeline/slab_transform.hpp"

namespace ti::pipeline::detail {

class ValueKernel {
 public:
  // At most this many declared fill values that the |x| >= 1e19 test does
  // not already catch; more (never seen in practice) -> nullopt, and the
  // caller takes the general loop.
  static constexpr std::size_t kMaxDeclared = 2;

  static std::optional<ValueKernel> make(const ValueTransform& vt);

  enum class Path { Scalar, Sse2, Avx2 };
  // The fastest path this CPU has.
  static Path best_path();
  // The paths this CPU can run (tests run them all).
  static std::vector<Path> available_paths();
  static const char* path_name(Path p);

  // out[i] = f(src[i]) for i < n, scale: the step's unit factor.
  void run(const float* src, std::size_t n, double scale, float* out, Path path = best_path()) const;
  void run(const double* src, std::size_t n, double scale, float* out, Path path = best_path()) const;

  // One value (the reference every vector path matches).
  float one(double x, double scale) const;

 private:
  std::size_t declared_count_ = 0;
  std::array<double, kMaxDeclared> declared_{};  // unused slots: NaN (never equal)
  double pack_scale_ = 1.0;
  double pack_offset_ = 0.0;
  double offset_ = 0.0;
};

}  // namespace ti::pipeline::detail
