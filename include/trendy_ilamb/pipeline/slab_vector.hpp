#pragma once
// Buffers for slabs and decoded chunk bands: their target size, and a vector
// whose growth does not zero-fill (its elements are written whole before
// they are read).
#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace ti::pipeline {

// The slab buffers' target size. Larger slabs do not read faster: a slab a
// few MB wide stays in cache between read, transform and encode, while one
// sized to a large budget is page-faulted in and evicted every time
// (bench/codec_floor.sh: 2.67x nccopy's time with 512 MB slabs, 1.10x with
// 32 MB). The memory budget still caps it from above.
inline constexpr std::size_t kSlabTargetBytes = 16u * 1024 * 1024;

// Slab buffers are written whole (by the read, the transform, the regrid)
// before they are used: growing them must not zero-fill them first.
template <typename T>
struct NoFillAllocator : std::allocator<T> {
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = NoFillAllocator<U>;
  };
  NoFillAllocator() = default;
  template <typename U>
  NoFillAllocator(const NoFillAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialise: no zeroing
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <typename T>
using SlabVector = std::vector<T, NoFillAllocator<T>>;

}  // namespace ti::pipeline
