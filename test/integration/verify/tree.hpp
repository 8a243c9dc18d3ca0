#pragma once
// trendy_verify tree: the expected-tree oracle. From the synthetic
// release's own description (<input_root>/trendy_synth.json: years,
// resolution, simulations, folders; the profiles behind the folders) and the
// run's config (simulations, models, variables, period, split_mb, regrid,
// variable_table, overrides), it derives every output series the run must
// write -- its name, whole-year pieces, step count, grid shape, depth -- and
// the fixed fields of every model folder that got data, and asserts the
// tree holds exactly these: nothing missing, nothing extra.
#include "common.hpp"

namespace ti::verify {

int run_tree(const fs::path& root, const fs::path& default_table);

// trendy_verify plan: what `trendy_ilamb --dry-run CONFIG` printed (saved in
// DRY_RUN_LOG) against the same oracle: the announced task count and
// fixed-field folders, and every (output variable, input) task line. For
// runs where every planned task is expected to succeed (the dry run plans
// every file; output.period and failures show only when tasks run).
int run_plan(const fs::path& dry_run_log, const fs::path& config, const fs::path& default_table);

}  // namespace ti::verify
