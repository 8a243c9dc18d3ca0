#pragma once
// A profile describes how one invented model writes its files: names, grid,
// time axis, fill convention, types and the declared unit of every variable.
// Each quirk of TRENDY_QUIRKS.md that a profile shows is an option here, so
// the writer has no branch on a model's name and a new quirk is new data.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trendy_ilamb/io/types.hpp"
#include "trendy_ilamb/synth/calendar.hpp"

namespace ti::synth {

enum class Frequency { Monthly, Annual, Daily };

// Where in its period a time stamp sits.
enum class Stamp {
  Start,      // 00:00 on the first day of the month / year (of the day, daily)
  Middle,     // midpoint of the period, in days (12:00 of the day, daily)
  July2,      // annual only: 00:00 on 2 July (a "mid-year" stamp)
  Day16,      // monthly only: 00:00 on the 16th
  Day16Noon,  // monthly only: 12:00 on the 16th
  LastDay,    // monthly / annual: 00:00 on the last day of the month / year (Dec 31;
              // Dec 30 in 360_day)
  End,        // 00:00 on the first day of the NEXT month / year / day (the period's end)
};

// How a period's stamp becomes the number stored in the time variable.
enum class TimeEncoding {
  Since,        // CF "<unit> since <date>", as TimeSpec::since states it (months/years
                // count steps)
  DecimalYear,  // year + fraction of the year at the stamp; monthly: the fraction
                // is (month - 1 + fraction of the month) / 12. "yr", "year as %Y.%f"
  MonthAs,      // YYYYMM + fraction of the month at the stamp ("month as %Y%m.%f")
  DayAs,        // YYYYMMDD + fraction of the day at the stamp ("day as %Y%m%d.%f")
  Index,        // 1..N, the step number: no usable units, a config override decodes it
};

enum class LonRange { Minus180To180, Zero360 };

// How the latitude centres are laid out (TRENDY_QUIRKS.md "Grids and
// coordinates"); every layout is ascending before lat_descending applies.
enum class LatLayout {
  Cells,        // centres of lat_step-degree cells between the edges lat_south..lat_north
  PoleCentred,  // lat_count points from -90 to 90, both poles included (finite volume):
                // lat[j] = -90 + 180 j / (lat_count - 1); pole cells' bounds clip at +-90
  Gaussian,     // lat_count Gaussian latitudes: asin of the roots of P_lat_count
};

// What the coordinate variables hold.
enum class CoordValues {
  Centres,  // the cell centres (normal)
  Zeros,    // every value 0 (a broken file; only a grid override repairs it)
  Absent,   // dimensions only, no coordinate variables at all
};

// The data variable's dimension order.
enum class DimOrder {
  TimeLatLon,  // (time, [extra,] lat, lon[, extra]): the usual order
  LonLatTime,  // (lon, lat, [extra,] time): older releases
};

enum class FillStyle {
  FillAndMissing,        // _FillValue and missing_value, same value
  FillOnly,              // _FillValue only
  MissingOnly,           // missing_value only (no _FillValue attribute)
  NaNWithoutAttributes,  // NaN on ocean, no fill attribute at all
};

// How an expected value (output units) becomes the value in the declared
// input unit; the converter must undo exactly this.
enum class InputScale {
  Same,                 // declared unit equals the output unit
  GramsFromKg,          // kg m-2 -> g m-2
  GramsPerMonth,        // kg m-2 s-1 -> g m-2 month-1 (that month's length)
  GramsPerYear,         // kg m-2 s-1 -> g m-2 yr-1 (that year's length)
  FractionFromPercent,  // % -> fraction
  CelsiusFromKelvin,    // K -> degC
};

// What a variable holds.
enum class Field {
  Analytic,       // expected_value of its output variable; ocean = fill
  LandFraction,   // land_fraction (0 on ocean, never fill)
  OceanFraction,  // 1 - land_fraction (1 on ocean, never fill)
  CellArea,       // the true spherical area of each cell in km2 (kEarthRadius), from
                  // the grid's cell edges; never fill. No time axis.
};

// Where an extra dimension sits relative to (time, lat, lon).
enum class Placement {
  AfterTime,  // (time, extra, lat, lon)
  Last,       // (time, lat, lon, extra)
  AfterLat,   // (time, lat, extra, lon)
};

// How entry k (of n) of the extra dimension derives from a cell's value
// (cases.hpp has the functions, so tests recompute them).
enum class Split {
  PoolShare,       // x pool_share(k, n): the entries sum to the cell's value
  Even,            // x 1 / n
  PftCover,        // x pft_cover_share(k, n, year): per-PFT cover fractions
  PftDeviation,    // x (1 + pft_deviation(k, n, year)): per-PFT values whose
                   // cover-weighted mean is the cell's value (pft_weighted_mean)
  LayerOffset,     // + kLayerOffset * k, in output units (soil temperature per layer)
  LayerThickness,  // x (edges[k+1] - edges[k]) / (edges[n] - edges[0]) (per-layer stocks)
};

struct ExtraDim {
  std::string name;
  int size = 1;
  Placement placement = Placement::AfterTime;
  Split split = Split::PoolShare;
  // A coordinate variable name(name) holding these values in
  // `coordinate_units` (layer centre depths); empty = none written.
  std::vector<double> coordinate{};
  std::string coordinate_units{};
  // LayerThickness only: the size + 1 layer edges (any one unit).
  std::vector<double> edges{};
};

// CF packing: stored = round((value - add_offset) / scale_factor), in the
// profile's (integer) data type; scale_factor and add_offset are written as
// double attributes, so the unpacked value is stored * scale + offset.
struct Packing {
  double scale_factor = 1.0;
  double add_offset = 0.0;
};

struct VariableSpec {
  std::string name;    // TRENDY name: in the file name and inside the file
  std::string output;  // output variable of config/variables.yaml; empty for fixed inputs
  std::string units;   // declared input unit, written verbatim
  InputScale scale = InputScale::Same;
  Field field = Field::Analytic;
  std::optional<ExtraDim> extra;
  std::optional<Frequency> frequency;  // overrides the profile's
  bool has_time = true;
  // The answer in output units is expected_value x factor: a value a
  // converter must pass through although the declared unit says otherwise
  // (a "fraction" holding percent).
  double factor = 1.0;
  std::optional<Packing> packing;  // integer storage with scale_factor / add_offset
};

struct GridSpec {
  std::string lat_dim = "lat", lon_dim = "lon";
  std::string lat_var = "lat", lon_var = "lon";  // may differ from the dimension names
  bool lat_descending = false;
  LonRange lon_range = LonRange::Minus180To180;
  bool coord_standard_name = true;  // write standard_name on coordinates
  bool coord_axis = false;          // write axis = "Y"/"X" on coordinates
  io::NcType coord_type = io::NcType::Double;
  // A grid of the profile's own; a step of 0 takes the release's --res.
  double lat_step = 0.0;  // Cells only
  double lon_step = 0.0;  // 360 / lon_step must be whole
  LatLayout lat_layout = LatLayout::Cells;
  int lat_count = 0;                           // PoleCentred and Gaussian
  double lat_south = -90.0, lat_north = 90.0;  // Cells: edges of a regional extent
  // Longitude centres at west + i * step (on the cell edges of a regular
  // grid: 0, 1.25, ... or -180, -179, ...) instead of west + (i + 0.5) * step.
  bool lon_on_edges = false;
  CoordValues coord_values = CoordValues::Centres;
  DimOrder dim_order = DimOrder::TimeLatLon;
};

// The step of "<unit> since <reference>" time units.
enum class SinceUnit { Seconds, Minutes, Hours, Days, Months, Years };

// What a Since encoding's units text says, stated as data: trendy_synth
// computes every time value from these fields and writes TimeSpec::units
// verbatim, never parsing it, so the known answer does not depend on a
// units parser (a test checks that the converter's parser reads the text
// as these fields say).
struct SinceUnits {
  SinceUnit unit = SinceUnit::Days;
  Date reference{};               // in the profile's calendar
  double reference_seconds = 0.0;  // time of day of the reference, seconds after 00:00
};

struct TimeSpec {
  std::string units;  // e.g. "days since 1700-01-01 00:00:00", written verbatim
  SinceUnits since{};  // Since only: what `units` says
  std::string calendar;  // the data's calendar, as written; synth reads it with calendar_named
  Frequency frequency = Frequency::Monthly;
  Stamp stamp = Stamp::Middle;
  io::NcType type = io::NcType::Double;
  bool unlimited = false;
  int start_year = 1700;
  TimeEncoding encoding = TimeEncoding::Since;
  // Since with "months since" / "years since" only: added to the whole-step
  // count (0.5 = mid-step in step units, as "months since 1700-01-01" = 0.5).
  double count_offset = 0.0;
  // Name of the attribute the units text is written under ("Units", "unit");
  // empty = no units attribute at all. `units` = "" writes an empty one.
  std::string units_attribute = "units";
  // false = no calendar attribute (the data are still on `calendar`, which
  // is then what a reader must assume: "standard", or an override's).
  bool calendar_attribute = true;
  // Writes time:bounds = "time_bnds" and time_bnds(time, nv): each period's
  // start and end (the next period's start), both at 00:00, in the units.
  bool bounds = false;
};

// What a config must state for a model whose time axis cannot be decoded
// from the file (TRENDY_QUIRKS.md "Time axes": indices 1..N, no usable units),
// as `overrides: {<folder>: {time_start: ..., frequency: ..., calendar: ...}}`.
struct TimeOverride {
  std::string time_start;  // "YYYY-MM": the period of the first step
  std::string frequency;   // "monthly" or "annual"
  std::string calendar;    // CF calendar name
};

struct FillSpec {
  FillStyle style = FillStyle::FillAndMissing;
  double value = -99999.0;  // ignored for NaNWithoutAttributes
};

// The container a profile's files are written in.
enum class FileFormat {
  NetCDF4,        // HDF5-based, chunked and deflated
  Classic,        // NetCDF-3 classic (CDF-1): no chunking, no deflate
  Offset64,       // NetCDF-3 64-bit offset (CDF-2): no chunking, no deflate
};

// Whole-file compression on top of the NetCDF file: <name>.nc.gz / .nc.bz2.
enum class Compression { None, Gzip, Bzip2 };

struct Profile {
  std::string name;    // short handle used in reports
  std::string folder;  // release folder
  std::string prefix;  // file-name prefix (may differ from the folder)
  GridSpec grid;
  TimeSpec time;
  FillSpec fill;
  io::NcType data_type = io::NcType::Float;
  std::vector<std::pair<std::string, std::string>> global_attributes;
  std::vector<VariableSpec> variables;
  // Variables whose files hold garbage (the HDF5 signature, then noise);
  // written as ordinary files, like `variables`, when ReleaseOptions::corrupt
  // is false.
  std::vector<VariableSpec> corrupt_variables;
  // Set when the time axis needs a config override to be decoded; it states
  // the same facts as `time` (start year, frequency, calendar).
  std::optional<TimeOverride> time_override;
  // Set when the coordinates cannot be used (all zero, or absent): the
  // global grid a config must state, as `overrides: {<folder>: {grid:
  // "1x1"}}` ("<dlon>x<dlat>" degrees, cell edges on multiples of the step
  // from -180 / -90, latitudes ascending). The data are laid out on it.
  std::optional<std::string> grid_override;
  FileFormat format = FileFormat::NetCDF4;
  Compression compression = Compression::None;
  // Set when a layer dimension has no coordinate values: the layer centre
  // depths in metres, top down, that a config must state, as `overrides:
  // {<folder>: {layer_depths: [0.1, 0.35, 1.0]}}` (bounds by reflecting
  // from the surface: 0, 2 c0, 2 c1 - 2 c0, ...).
  std::optional<std::vector<double>> layer_depths;
};

// The built-in profiles, in a fixed order (--models N takes the first N):
// the four "style" models ALPHA, BETA, GAMMA, DELTA first, then the small
// "time profiles" (folders T01_... ), one per time-axis quirk (the last ones,
// T20..T22, per calendar with unusual month lengths and for daily data on a
// 10-degree grid of its own), then the small
// "grid profiles" (folders G01_...), one per grid quirk, each on a fixed grid
// of its own (not --res), then the small "variable profiles" (folders
// X01_...), one per extra-dimension, value or packaging quirk, on the
// release's --res grid (cases.hpp holds their known answers).
std::vector<Profile> default_profiles();

// The folders among `profiles` that need a config override, with its facts:
// a time override, a grid override, layer depths, or several.
struct RequiredOverride {
  std::string folder;
  std::optional<TimeOverride> time;
  std::optional<std::string> grid;
  std::optional<std::vector<double>> layer_depths{};
};
std::vector<RequiredOverride> required_overrides(const std::vector<Profile>& profiles);
std::vector<RequiredOverride> required_overrides();  // of default_profiles()

// The overrides as a YAML block for a config file: "overrides:\n  <folder>:
// {time_start: ..., ...}\n", "  <folder>: {grid: \"1x1\"}\n", "  <folder>:
// {layer_depths: [0.1, 0.35, 1.0]}\n" (time keys first, then grid, then
// layer_depths; numbers always with a decimal point); empty text when none
// is needed.
std::string overrides_yaml(const std::vector<RequiredOverride>& overrides);

// The frequency a variable is written at.
inline Frequency frequency_of(const Profile& p, const VariableSpec& v) {
  return v.frequency.value_or(p.time.frequency);
}

}  // namespace ti::synth
