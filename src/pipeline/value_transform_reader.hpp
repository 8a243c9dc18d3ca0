#pragma once
// The per-value rules of an input variable, from its attributes: declared
// fills (_FillValue, missing_value, in the variable's precision) and packing
// (scale_factor, add_offset).
#include "trendy_ilamb/io/variable.hpp"
#include "trendy_ilamb/pipeline/slab_transform.hpp"

namespace ti::pipeline {

// `unit_offset`: the unit conversion's additive term (K <- degC).
ValueTransform read_value_transform(const io::Variable& var, double unit_offset);

}  // namespace ti::pipeline
