#include "pipeline/value_kernel.hpp"

#include <cmath>
#include <limits>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define TI_X86_KERNELS 1
#endif

namespace ti::pipeline::detail {

namespace {

constexpr double kHuge = cf::kHugeThreshold;

// The constants of one run.
struct Constants {
  double ps, po, scale, off;
  double d0, d1;  // declared fill values (NaN when unused)
};

#if defined(TI_X86_KERNELS)

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2") != 0;
  return has;
}

// Two doubles per lane group (SSE2 is part of x86-64). Missing values are
// replaced in double (1e20f widens and narrows back exactly) before the one
// narrowing conversion.
inline __m128d kernel_sse2(__m128d x, const Constants& c) {
  const __m128d abs_mask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffffLL));
  const __m128d huge = _mm_set1_pd(kHuge);
  const __m128d y = _mm_add_pd(
      _mm_mul_pd(_mm_add_pd(_mm_mul_pd(x, _mm_set1_pd(c.ps)), _mm_set1_pd(c.po)), _mm_set1_pd(c.scale)),
      _mm_set1_pd(c.off));
  __m128d ok = _mm_and_pd(_mm_cmplt_pd(_mm_and_pd(x, abs_mask), huge), _mm_cmplt_pd(_mm_and_pd(y, abs_mask), huge));
  ok = _mm_andnot_pd(_mm_or_pd(_mm_cmpeq_pd(x, _mm_set1_pd(c.d0)), _mm_cmpeq_pd(x, _mm_set1_pd(c.d1))), ok);
  return _mm_or_pd(_mm_and_pd(ok, y), _mm_andnot_pd(ok, _mm_set1_pd(static_cast<double>(cf::kOutputFill))));
}

std::size_t run_sse2(const float* src, std::size_t n, const Constants& c, float* out) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m128 x = _mm_loadu_ps(src + i);
    const __m128d lo = kernel_sse2(_mm_cvtps_pd(x), c);
    const __m128d hi = kernel_sse2(_mm_cvtps_pd(_mm_movehl_ps(x, x)), c);
    _mm_storeu_ps(out + i, _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi)));
  }
  return i;
}

std::size_t run_sse2(const double* src, std::size_t n, const Constants& c, float* out) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m128d lo = kernel_sse2(_mm_loadu_pd(src + i), c);
    const __m128d hi = kernel_sse2(_mm_loadu_pd(src + i + 2), c);
    _mm_storeu_ps(out + i, _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi)));
  }
  return i;
}

__attribute__((target("avx2"))) inline __m256d kernel_avx2(__m256d x, const Constants& c) {
  const __m256d abs_mask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  const __m256d huge = _mm256_set1_pd(kHuge);
  // Separate multiply and add (no FMA): the same rounding as one().
  const __m256d y = _mm256_add_pd(
      _mm256_mul_pd(_mm256_add_pd(_mm256_mul_pd(x, _mm256_set1_pd(c.ps)), _mm256_set1_pd(c.po)),
                    _mm256_set1_pd(c.scale)),
      _mm256_set1_pd(c.off));
  __m256d ok = _mm256_and_pd(_mm256_cmp_pd(_mm256_and_pd(x, abs_mask), huge, _CMP_LT_OQ),
                             _mm256_cmp_pd(_mm256_and_pd(y, abs_mask), huge, _CMP_LT_OQ));
  ok = _mm256_andnot_pd(_mm256_or_pd(_mm256_cmp_pd(x, _mm256_set1_pd(c.d0), _CMP_EQ_OQ),
                                     _mm256_cmp_pd(x, _mm256_set1_pd(c.d1), _CMP_EQ_OQ)),
                        ok);
  return _mm256_blendv_pd(_mm256_set1_pd(static_cast<double>(cf::kOutputFill)), y, ok);
}

__attribute__((target("avx2"))) std::size_t run_avx2(const float* src, std::size_t n, const Constants& c,
                                                     float* out) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256d a = kernel_avx2(_mm256_cvtps_pd(_mm_loadu_ps(src + i)), c);
    const __m256d b = kernel_avx2(_mm256_cvtps_pd(_mm_loadu_ps(src + i + 4)), c);
    _mm_storeu_ps(out + i, _mm256_cvtpd_ps(a));
    _mm_storeu_ps(out + i + 4, _mm256_cvtpd_ps(b));
  }
  return i;
}

__attribute__((target("avx2"))) std::size_t run_avx2(const double* src, std::size_t n, const Constants& c,
                                                     float* out) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256d a = kernel_avx2(_mm256_loadu_pd(src + i), c);
    const __m256d b = kernel_avx2(_mm256_loadu_pd(src + i + 4), c);
    _mm_storeu_ps(out + i, _mm256_cvtpd_ps(a));
    _mm_storeu_ps(out + i + 4, _mm256_cvtpd_ps(b));
  }
  return i;
}

#endif  // TI_X86_KERNELS

}  // namespace

std::optional<ValueKernel> ValueKernel::make(const ValueTransform& vt) {
  ValueKernel k;
  k.declared_.fill(std::numeric_limits<double>::quiet_NaN());
  for (double d : vt.fill.declared()) {
    if (!(std::fabs(d) < kHuge)) continue;  // 1e20, 9.97e36, inf: the huge test catches them
    if (k.declared_count_ == kMaxDeclared) return std::nullopt;
    k.declared_[k.declared_count_++] = d;
  }
  k.pack_scale_ = vt.pack_scale;
  k.pack_offset_ = vt.pack_offset;
  k.offset_ = vt.offset;
  return k;
}

float ValueKernel::one(double x, double scale) const {
  // !(|v| < huge) holds for NaN, +-inf and huge values alike.
  const bool declared = (x == declared_[0]) | (x == declared_[1]);
  const double y = (x * pack_scale_ + pack_offset_) * scale + offset_;
  const bool missing = !(std::fabs(x) < kHuge) | declared | !(std::fabs(y) < kHuge);
  return missing ? cf::kOutputFill : static_cast<float>(y);
}

ValueKernel::Path ValueKernel::best_path() {
#if defined(TI_X86_KERNELS)
  return cpu_has_avx2() ? Path::Avx2 : Path::Sse2;
#else
  return Path::Scalar;
#endif
}

std::vector<ValueKernel::Path> ValueKernel::available_paths() {
  std::vector<Path> out{Path::Scalar};
#if defined(TI_X86_KERNELS)
  out.push_back(Path::Sse2);
  if (cpu_has_avx2()) out.push_back(Path::Avx2);
#endif
  return out;
}

const char* ValueKernel::path_name(Path p) {
  switch (p) {
    case Path::Avx2: return "avx2";
    case Path::Sse2: return "sse2";
    case Path::Scalar: break;
  }
  return "scalar";
}

namespace {

template <class T>
void run_any(const ValueKernel& k, const T* src, std::size_t n, double scale, float* out,
             [[maybe_unused]] ValueKernel::Path path, [[maybe_unused]] const Constants& c) {
  std::size_t i = 0;
#if defined(TI_X86_KERNELS)
  if (path == ValueKernel::Path::Avx2 && cpu_has_avx2()) {
    i = run_avx2(src, n, c, out);
  } else if (path != ValueKernel::Path::Scalar) {
    i = run_sse2(src, n, c, out);
  }
#endif
  for (; i < n; ++i) out[i] = k.one(static_cast<double>(src[i]), scale);
}

}  // namespace

void ValueKernel::run(const float* src, std::size_t n, double scale, float* out, Path path) const {
  run_any(*this, src, n, scale, out, path, {pack_scale_, pack_offset_, scale, offset_, declared_[0], declared_[1]});
}

void ValueKernel::run(const double* src, std::size_t n, double scale, float* out, Path path) const {
  run_any(*this, src, n, scale, out, path, {pack_scale_, pack_offset_, scale, offset_, declared_[0], declared_[1]});
}

}  // namespace ti::pipeline::detail
