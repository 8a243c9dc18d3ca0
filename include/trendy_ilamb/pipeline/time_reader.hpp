#pragma once
// Reads and decodes an input's time coordinate into calendar periods.
#include <string>
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_axis.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"
#include "trendy_ilamb/pipeline/settings.hpp"

namespace ti::pipeline {

struct InputTime {
  cf::Calendar calendar = cf::Calendar::Standard;
  cf::Frequency frequency = cf::Frequency::Monthly;
  std::vector<cf::Period> periods;  // one per input time step
  std::vector<std::string> warnings;
};

// Decodes the file's own time axis: the units (attribute "units", else one
// whose name says "unit"), the calendar (missing = standard), and sane
// time bounds when the file has them (they say which period a step covers
// better than a stamp can). When the file cannot date its steps (no time
// values, missing/empty/unusable units) and `override` is given, steps are
// dated from it; otherwise throws io::NcError naming the file, the time
// variable and attribute, and the override to add for `model`.
InputTime read_time_axis(const io::File& file, const DataVarInfo& info, const std::string& model,
                         const TimeOverride* override);

}  // namespace ti::pipeline
