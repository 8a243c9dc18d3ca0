#pragma once
// Shared by the cf time tests: a DateTime from its fields.
#include "trendy_ilamb/cf/calendar.hpp"

namespace testing {

inline ti::cf::DateTime at(int y, int mo, int d, int h = 0, int mi = 0, double s = 0.0) {
  ti::cf::DateTime t;
  t.year = y;
  t.month = mo;
  t.day = d;
  t.hour = h;
  t.minute = mi;
  t.second = s;
  return t;
}

}  // namespace testing
