#pragma once
// Unit strings: normalise TRENDY spellings, then let UDUNITS-2 decide
// (pure, no file I/O besides UDUNITS-2 loading its own XML database once).
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ti::cf {

// A unit that cannot be parsed, or two units that cannot be converted.
// The message quotes the unit text and says what was expected.
class UnitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Rates per calendar month or year ("gC m-2 month-1", "kg m-2 yr-1") depend on
// each step's own month/year length, so that factor is split off and applied
// per time step by the caller.
enum class CalendarRate { None, PerMonth, PerYear };

struct NormalisedUnits {
  std::string text;                        // UDUNITS-parsable, e.g. "g m-2 s-1"
  CalendarRate rate = CalendarRate::None;  // if not None, text has "s-1" in place of month-1/yr-1
  bool was_empty = false;                  // the input said nothing (empty, blank)
};

// General rules, not a table of strings: trims and folds blanks; LaTeX
// ($^{-2}$, $^2$, ^-2), carets, '**', dots and '/' separators; element markers
// after a mass unit (kgC, gC, g C, KgC, kgN -> kg, g); dimensionless spellings
// ("fraction", "-", "--", "[]", "unitless", "none", "n/a", "1", "") -> "1";
// "Kelvin" -> "K", "degC"/"deg C"/"°C" -> "degC"; per-month and per-year rates
// split off as CalendarRate. Throws UnitError only for texts it cannot clean.
NormalisedUnits normalise_units(std::string_view raw);

// out = scale * in + offset (per time step, divide `scale` by the period's
// seconds when the source had a CalendarRate).
struct LinearConversion {
  double scale = 1.0;
  double offset = 0.0;
  bool is_identity() const { return scale == 1.0 && offset == 0.0; }
};

// A UDUNITS-2 unit system, loaded once per process (RAII; not copyable).
class UnitSystem {
 public:
  UnitSystem();   // loads the default database; throws UnitError on failure
  ~UnitSystem();
  UnitSystem(const UnitSystem&) = delete;
  UnitSystem& operator=(const UnitSystem&) = delete;

  // The process-wide instance (UDUNITS-2 is not thread-safe; trendy_ilamb
  // uses one thread per rank).
  static UnitSystem& instance();

  // Whether UDUNITS-2 parses `text` (after no normalisation).
  bool parses(std::string_view text) const;

  // Conversion from normalised `from` to `to` (both UDUNITS-parsable).
  // Throws UnitError quoting both when either does not parse or they are not
  // convertible (different dimensions). A unit to itself (the same text) is
  // exactly the identity.
  LinearConversion conversion(std::string_view from, std::string_view to) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ti::cf
