#pragma once
// Reads and decodes an input's time coordinate into calendar periods.
#include <vector>

#include "trendy_ilamb/cf/calendar.hpp"
#include "trendy_ilamb/cf/time_axis.hpp"
#include "trendy_ilamb/io/file.hpp"
#include "trendy_ilamb/pipeline/inspect.hpp"

namespace ti::pipeline {

struct InputTime {
  cf::Calendar calendar = cf::Calendar::Standard;
  cf::Frequency frequency = cf::Frequency::Monthly;
  std::vector<cf::Period> periods;  // one per input time step
};

// Throws io::NcError naming the file, the time variable and the attribute
// (units / calendar) with what was expected.
InputTime read_time_axis(const io::File& file, const DataVarInfo& info);

}  // namespace ti::pipeline
