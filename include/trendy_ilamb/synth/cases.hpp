#pragma once
// The known answers of the "variable profiles" (folders X01_...): per-PFT
// fields, soil layers, a fraction in percent, packed integers, and the cell
// areas of a model's own area file. Everything derives from analytic.hpp, so
// a converter's result is checkable exactly; what a converter must compute
// (the PFT aggregation, the layer depths) is stated here as a function.
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <span>
#include <string_view>

#include "trendy_ilamb/synth/analytic.hpp"

namespace ti::synth {

// ---- X01_PFT: per-PFT values and the model's own landCoverFrac -------------
//
// X01 writes `lai` as (time, pft, lat, lon) and `gpp` as (time, lat, lon,
// pft), 4 PFTs each, plus `landCoverFrac` (time, pft, lat, lon) ANNUAL (one
// step per year, the same years). On land, PFT k holds
//   fraction f_k = land_fraction(lat, lon) * pft_cover_share(k, n, year)
//   value    v_k = expected_value(var, ...) * (1 + pft_deviation(k, n, year))
// and ocean holds fraction 0 and the fill value.
//
// AGGREGATION RULE (what the converter must implement): the grid-cell value
// of a month is the cover-weighted mean over the valid PFTs,
//   value = sum_k f_k v_k / sum_k f_k,
// with f_k the landCoverFrac of the month's own YEAR (annual fractions apply
// to each month of their year), over the PFTs whose value is not fill and
// whose fraction is positive; no valid PFT (ocean) = fill. That is the mean
// over the vegetated land of the cell, and it reproduces expected_value
// exactly (to float rounding): sum_k f_k d_k = 0 for the deviations d_k.
// Fractions of another year give a different, wrong mean.

inline constexpr int kPftCount = 4;

// Unnormalised cover weight of PFT k in a year: grows with k, varies by year.
inline double pft_weight(int k, int year) {
  return (k + 1.0) * (1.0 + 0.3 * std::sin(1.1 * (year - 1700) + 1.7 * k));
}

// Share of PFT k (of n) in the cell's land in `year`: the shares sum to 1.
inline double pft_cover_share(int k, int n, int year) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) total += pft_weight(i, year);
  return pft_weight(k, year) / total;
}

// What landCoverFrac holds for PFT k: the shares of the land fraction (they
// sum to land_fraction(lat, lon); 0 on ocean).
inline double pft_cover(double lat, double lon, int year, int k, int n = kPftCount) {
  return land_fraction(lat, lon) * pft_cover_share(k, n, year);
}

// Relative deviation of PFT k's value from the cell value in `year`:
// 0.1 (k - kbar), kbar the cover-weighted mean of k, so that
// sum_k share_k d_k == 0.
inline double pft_deviation(int k, int n, int year) {
  double kbar = 0.0;
  for (int i = 0; i < n; ++i) kbar += pft_cover_share(i, n, year) * i;
  return 0.1 * (k - kbar);
}

// Value of PFT k of output variable `var` (an analytic.hpp name) on land.
inline double pft_value(std::string_view var, double lat, double lon, int year, int month, int k,
                        int n = kPftCount) {
  return expected_value(var, lat, lon, year, month) * (1.0 + pft_deviation(k, n, year));
}

// The aggregation rule above: sum f_k v_k / sum f_k over the entries whose
// value is not NaN and whose fraction is positive (and not NaN); NaN when
// there is none. Pass fill values as NaN.
inline double pft_weighted_mean(std::span<const double> fractions, std::span<const double> values) {
  double num = 0.0, den = 0.0;
  const std::size_t n = fractions.size() < values.size() ? fractions.size() : values.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (std::isnan(values[k]) || !(fractions[k] > 0.0)) continue;
    num += fractions[k] * values[k];
    den += fractions[k];
  }
  return den > 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

// ---- X02_SOILLAYERS / X03_NODEPTH: soil layers ------------------------------
//
// X02: `tsl` (time, stlayer, lat, lon) with stlayer(stlayer) = 5, 20, 60,
// 150 "cm", and `msl` (time, smlayer, lat, lon) with smlayer(smlayer) =
// 0.05, 0.2, 0.6, 1.5 "m": the same four layers, centres of the edges
// kSoilLayerEdgesM (0-0.1-0.3-0.9-2.1 m: reflecting from the surface,
// edge[k+1] = 2 centre[k] - edge[k], recovers them). No bounds variables.
// The top layer is exactly the top 10 cm, so mrsos = msl of layer 0.
// X03: `tsl` (time, lat, soil, lon), 3 layers, NO coordinate variable: the
// config override layer_depths (centres, m) = kNoDepthLayerDepthsM states
// them; edges by the same reflection 0, 0.2, 0.5, 1.5 m.

inline constexpr double kLayerOffset = 0.5;  // K per layer, downwards
inline constexpr std::array<double, 4> kStlayerCentresCm{5.0, 20.0, 60.0, 150.0};
inline constexpr std::array<double, 4> kSmlayerCentresM{0.05, 0.2, 0.6, 1.5};
inline constexpr std::array<double, 5> kSoilLayerEdgesM{0.0, 0.1, 0.3, 0.9, 2.1};
inline constexpr std::array<double, 3> kNoDepthLayerDepthsM{0.1, 0.35, 1.0};

// Soil temperature of layer k (K) in X02 and X03.
inline double tsl_layer_value(double lat, double lon, int year, int month, int k) {
  return expected_value("tsl", lat, lon, year, month) + kLayerOffset * k;
}

// Share of X02 soil layer k in the whole column: its thickness / 2.1 m.
inline double soil_layer_share(int k) {
  const auto i = static_cast<std::size_t>(k);
  return (kSoilLayerEdgesM[i + 1] - kSoilLayerEdgesM[i]) /
         (kSoilLayerEdgesM.back() - kSoilLayerEdgesM.front());
}

// Soil moisture of X02 layer k (kg m-2): the column's mrso by thickness.
// The layers sum to expected_value("mrso", ...).
inline double msl_layer_value(double lat, double lon, int year, int month, int k) {
  return expected_value("mrso", lat, lon, year, month) * soil_layer_share(k);
}

// ---- X04_FRACPCT: a "fraction" holding percent ------------------------------
//
// `burntArea` declares units "fraction" but holds expected x 32: about 25 to
// 80 on land in the first years (below 100 for decades), so the values show
// percent. The converted burntFractionAll (%) must be the stored value
// itself (not x 100).
inline constexpr double kFracPctFactor = 32.0;
inline double fracpct_expected(double lat, double lon, int year, int month) {
  return expected_value("burntArea", lat, lon, year, month) * kFracPctFactor;
}

// ---- X05_PACKED: short with scale_factor / add_offset -----------------------
//
// `cVeg` (kg m-2) stored as short: round((expected - 10) / 1e-3), _FillValue
// -32768 (short); scale_factor 1e-3 and add_offset 10 as double attributes.
// The converted cVeg is the unpacked value, within kPackedTolerance of
// expected_value("cVeg", ...) and equal to packed_expected(...).
inline constexpr double kPackedScale = 1.0e-3;
inline constexpr double kPackedOffset = 10.0;
inline constexpr double kPackedTolerance = kPackedScale / 2.0;
inline constexpr double kPackedFill = -32768.0;

// The short stored for a value in X05's unit.
inline double pack_value(double value) {
  return std::round((value - kPackedOffset) / kPackedScale);
}
// The unpacked value a reader gets for a cell: stored * scale + offset.
inline double packed_expected(double lat, double lon, int year, int month) {
  return pack_value(expected_value("cVeg", lat, lon, year, month)) * kPackedScale + kPackedOffset;
}

// ---- X10_AREA: the model's own cell areas ----------------------------------
//
// `<prefix>_S3_area.nc`: variable `area` (lat, lon) in "km2", the spherical
// area of each cell with R = kEarthRadius, on X10's data grid.

// Area in km2 of the cell between latitudes south..north (degrees) that is
// dlon degrees wide.
inline double cell_area_km2(double south, double north, double dlon) {
  const double r = kEarthRadius;
  return r * r * deg2rad(dlon) * (std::sin(deg2rad(north)) - std::sin(deg2rad(south))) / 1.0e6;
}

}  // namespace ti::synth
