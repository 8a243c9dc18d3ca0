#pragma once
// Which input values are missing (pure). Every fill convention of a TRENDY
// file maps to "missing": a declared _FillValue or missing_value (compared in
// the variable's own precision), NaN, +-inf, and |x| >= 1e19.
#include <cmath>
#include <optional>
#include <vector>

namespace ti::cf {

inline constexpr float kOutputFill = 1.0e20f;
inline constexpr double kHugeThreshold = 1.0e19;

class FillRule {
 public:
  FillRule() = default;
  // `declared`: values of _FillValue and missing_value as read (in double);
  // `is_float32`: compare after rounding to float, as the file stores them.
  FillRule(std::vector<double> declared, bool is_float32);

  bool is_missing(double x) const {
    if (!std::isfinite(x) || std::fabs(x) >= kHugeThreshold) return true;
    for (double d : declared_) {
      if (x == d) return true;
    }
    return false;
  }
  // The declared values, as compared (NaN left out: it is always missing).
  const std::vector<double>& declared() const { return declared_; }

 private:
  std::vector<double> declared_;
};

}  // namespace ti::cf
