#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "trendy_ilamb/cf/fill.hpp"

using ti::cf::FillRule;

TEST_CASE("declared float32 fill -99999 marks only itself", "[fill]") {
  const FillRule rule({-99999.0}, true);
  CHECK(rule.is_missing(static_cast<double>(-99999.0f)));
  CHECK_FALSE(rule.is_missing(static_cast<double>(-99998.0f)));
  CHECK_FALSE(rule.is_missing(0.0));
  CHECK_FALSE(rule.is_missing(-99999.5));
}

TEST_CASE("NaN, infinities and huge values are always missing", "[fill]") {
  const FillRule none;
  const FillRule declared({-9999.0}, false);
  for (const FillRule* rule : {&none, &declared}) {
    CHECK(rule->is_missing(std::numeric_limits<double>::quiet_NaN()));
    CHECK(rule->is_missing(std::numeric_limits<double>::infinity()));
    CHECK(rule->is_missing(-std::numeric_limits<double>::infinity()));
    CHECK(rule->is_missing(1.0e20));
    CHECK(rule->is_missing(static_cast<double>(1.0e20f)));
    CHECK(rule->is_missing(-9.0e33));
    CHECK(rule->is_missing(static_cast<double>(-9.0e33f)));
    CHECK(rule->is_missing(1.0e19));
    CHECK_FALSE(rule->is_missing(1.0e18));
    CHECK_FALSE(rule->is_missing(-1.0e18));
    CHECK_FALSE(rule->is_missing(0.0));
    CHECK_FALSE(rule->is_missing(-99999.0));
  }
  CHECK(declared.is_missing(-9999.0));
  CHECK_FALSE(none.is_missing(-9999.0));
}

TEST_CASE("declared fill 1e20 as float32 matches the stored float", "[fill]") {
  const FillRule rule({1.0e20}, true);
  CHECK(rule.is_missing(static_cast<double>(1.0e20f)));
  CHECK(rule.is_missing(1.0e20));
}

TEST_CASE("declared values are compared in the variable's precision", "[fill]") {
  // 0.1 is not a float: a float32 file holds 0.1f, a float64 file 0.1.
  const FillRule f32({0.1}, true);
  CHECK(f32.is_missing(static_cast<double>(0.1f)));
  CHECK_FALSE(f32.is_missing(0.1));

  const FillRule f64({0.1}, false);
  CHECK(f64.is_missing(0.1));
  CHECK_FALSE(f64.is_missing(static_cast<double>(0.1f)));
}

TEST_CASE("_FillValue and missing_value both count; NaN declarations are dropped", "[fill]") {
  const FillRule rule({-999.0, -9999.0, std::numeric_limits<double>::quiet_NaN()}, true);
  CHECK(rule.is_missing(-999.0));
  CHECK(rule.is_missing(-9999.0));
  CHECK_FALSE(rule.is_missing(-99999.0));
  CHECK(rule.is_missing(std::nan("")));
  CHECK_FALSE(rule.is_missing(1.0));
}

TEST_CASE("an empty declaration list only applies the universal rules", "[fill]") {
  const FillRule rule({}, false);
  CHECK_FALSE(rule.is_missing(-99999.0));
  CHECK(rule.is_missing(std::numeric_limits<double>::quiet_NaN()));
}
