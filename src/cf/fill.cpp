// Which input values are missing: the declared fill values, stored in the
// variable's own precision.
#include "trendy_ilamb/cf/fill.hpp"

#include <cmath>
#include <limits>

namespace ti::cf {

FillRule::FillRule(std::vector<double> declared, bool is_float32) {
  declared_.reserve(declared.size());
  for (double d : declared) {
    if (std::isnan(d)) continue;  // NaN is always missing (and never == anything)
    if (is_float32 && std::fabs(d) <= static_cast<double>(std::numeric_limits<float>::max())) {
      // The file stores float32: compare against the value as the file holds it.
      d = static_cast<double>(static_cast<float>(d));
    }
    declared_.push_back(d);
  }
}

}  // namespace ti::cf
