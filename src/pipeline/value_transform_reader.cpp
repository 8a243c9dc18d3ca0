#include "value_transform_reader.hpp"

namespace ti::pipeline {

ValueTransform read_value_transform(const io::Variable& var, double unit_offset) {
  std::vector<double> declared;
  for (const char* key : {"_FillValue", "missing_value"}) {
    if (auto a = var.attribute(key); a && !a->is_text()) {
      declared.insert(declared.end(), a->numbers.begin(), a->numbers.end());
    }
  }
  ValueTransform vt;
  vt.fill = cf::FillRule(declared, var.type() == io::NcType::Float);
  vt.pack_scale = var.number_attribute("scale_factor").value_or(1.0);
  vt.pack_offset = var.number_attribute("add_offset").value_or(0.0);
  vt.offset = unit_offset;
  return vt;
}

}  // namespace ti::pipeline
