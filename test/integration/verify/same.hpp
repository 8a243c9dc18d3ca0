#pragma once
// trendy_verify same: two output trees hold the same files with the same
// variables, attributes and data, bit for bit (history and creation_date
// aside, which name the run).
#include "common.hpp"

namespace ti::verify {

int run_same(const fs::path& a_root, const fs::path& b_root);

}  // namespace ti::verify
