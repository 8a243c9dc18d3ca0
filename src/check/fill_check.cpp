// Fill values: _FillValue / missing_value declared, and not NaN.
#include <cmath>

#include "internal.hpp"

namespace ti::check::detail {

void check_fill(const io::Variable& v, FindingSink& sink) {
  bool declared = false;
  for (const char* name : {"_FillValue", "missing_value"}) {
    const auto att = v.attribute(name);
    if (!att) continue;
    declared = true;
    if (att->is_text()) {
      sink.error("fill", v.name() + ": " + name + " is text, not a number");
      continue;
    }
    for (double x : att->numbers) {
      if (std::isnan(x)) {
        sink.error("fill", v.name() + ": " + name + " is NaN; use 1e20 (NaN is masked only "
                                                    "when _FillValue is NaN)");
        break;
      }
    }
  }
  if (!declared) {
    sink.warning("fill", v.name() + ": neither _FillValue nor missing_value: nothing is masked "
                                    "(write 1e20 and mask the ocean)");
  }
}

}  // namespace ti::check::detail
