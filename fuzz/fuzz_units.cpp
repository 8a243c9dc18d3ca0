// libFuzzer target: ti::cf::normalise_units, then the UDUNITS-2 conversion
// of its result. The documented failure is ti::cf::UnitError; any other
// exception, a crash or a sanitizer report is a finding. Checked on what
// normalises:
//  - the text is not empty; an empty/blank input says was_empty and "1";
//  - a CalendarRate comes with a per-second text (it replaced month-1/yr-1),
//    so the text must parse in UDUNITS-2;
//  - the conversion of the text to itself is exactly the identity.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "trendy_ilamb/cf/units.hpp"

namespace {

using namespace ti::cf;

[[noreturn]] void finding(std::string_view text, const std::string& what) {
  std::fprintf(stderr, "fuzz_units: %s (units \"%.*s\")\n", what.c_str(), static_cast<int>(text.size()),
               text.data());
  std::abort();
}

// UnitSystem caches every conversion it computes; with millions of distinct
// inputs that cache would grow without bound and trip -rss_limit_mb, so the
// conversions run on a system of their own, replaced now and then.
UnitSystem& conversion_system() {
  static std::unique_ptr<UnitSystem> sys;
  static unsigned uses = 0;
  if (!sys || ++uses % 20000 == 0) {
    sys.reset();
    sys = std::make_unique<UnitSystem>();
  }
  return *sys;
}

bool all_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  NormalisedUnits n;
  try {
    n = normalise_units(text);
  } catch (const UnitError&) {
    return 0;
  }
  if (n.text.empty()) finding(text, "normalised to an empty text");
  if (all_blank(text) != n.was_empty) finding(text, "was_empty disagrees with the input");
  if (n.was_empty && n.text != "1") finding(text, "empty input not normalised to \"1\"");

  UnitSystem& sys = conversion_system();
  // Identity conversion of the result (UDUNITS parses it or it is free text
  // left as written, which must be refused with a UnitError).
  try {
    const LinearConversion c = sys.conversion(n.text, n.text);
    // Exact: conversion() documents a unit to itself as the identity.
    if (!c.is_identity()) {
      char buf[96];
      std::snprintf(buf, sizeof buf, " (scale %.17g, offset %.17g)", c.scale, c.offset);
      finding(text, "conversion of \"" + n.text + "\" to itself is not the identity" + buf);
    }
  } catch (const UnitError&) {
    if (n.rate != CalendarRate::None) {
      finding(text, "a calendar rate with a text UDUNITS-2 refuses: \"" + n.text + "\"");
    }
    return 0;
  }
  // And to the usual targets (refusals for other dimensions are expected).
  for (const char* to : {"kg m-2 s-1", "1", "K", "W m-2", "m", "s-1"}) {
    try {
      (void)sys.conversion(n.text, to);
    } catch (const UnitError&) {
    }
  }
  return 0;
}
