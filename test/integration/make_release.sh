#!/bin/sh
# Writes the synthetic release once for all integration tests (a CTest
# fixture): every model profile, 2 years at 2 degrees, one corrupt file; and
# the configs of the runs, with the time overrides the release's index-only
# models need (trendy_synth --print-overrides says which).
#   make_release.sh TRENDY_SYNTH RELEASE_DIR WORK_DIR CONFIG_DIR
set -eu
synth=$1
release=$2
work=$3
configs=$4
# A fresh release: leftovers of an older run (other options) must not count.
rm -rf "$release"
mkdir -p "$configs"
"$synth" --out "$release" --years 2 --res 2
overrides=$("$synth" --print-overrides)
# -np 3 runs with the smallest memory budget (16 MiB), -np 1 with more, so
# that `same` also shows that slab sizes do not change results.
printf 'input: {root: %s}\noutput: {root: %s/out-np1}\nrun: {memory_mb: 64}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/np1.yaml"
printf 'input: {root: %s}\noutput: {root: %s/out-np3}\nrun: {memory_mb: 16}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/np3.yaml"
# Started by hand (no launcher): one rank without MPI, output.codec zlib
# (netCDF's own filters and reads) -- the same files as the -np 3 run.
printf 'input: {root: %s}\noutput: {root: %s/out-nompi, codec: zlib}\nrun: {memory_mb: 32}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/nompi.yaml"
# Without the overrides the index-only models fail alone; with a period
# only the steps of 1701 are written (files outside it are skipped).
printf 'input: {root: %s}\noutput: {root: %s/out-nooverride}\nrun: {memory_mb: 64}\n' \
  "$release" "$work" > "$configs/nooverride.yaml"
printf 'input: {root: %s}\noutput: {root: %s/out-period, period: [1701, 1701]}\nrun: {memory_mb: 64}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/period.yaml"
for grid in 1x1 0.5x0.5; do
  printf 'input: {root: %s}\noutput: {root: %s/out-%s}\nrun: {memory_mb: 64}\nregrid: {grid: "%s", method: conservative}\n%s\n' \
    "$release" "$work" "$grid" "$grid" "$overrides" > "$configs/regrid-$grid.yaml"
done
# Every 2-year input above 0.5 MB is split into two one-year pieces.
printf 'input: {root: %s}\noutput: {root: %s/out-split}\nrun: {memory_mb: 16, split_mb: 0.5}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/split.yaml"
printf 'input: {root: %s}\noutput: {root: %s/out-resume}\nrun: {memory_mb: 64}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/resume.yaml"
printf 'input: {root: %s}\noutput: {root: %s/out-signal}\nrun: {memory_mb: 64}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/signal.yaml"
printf 'input: {root: %s}\noutput: {root: %s/out-signal-mpi}\nrun: {memory_mb: 16, grace_s: 0}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/signal-mpi.yaml"
# kill_resume.sh: the -np 3 run's settings (16 MiB slabs), its own root.
printf 'input: {root: %s}\noutput: {root: %s/out-kill}\nrun: {memory_mb: 16}\n%s\n' \
  "$release" "$work" "$overrides" > "$configs/kill.yaml"
