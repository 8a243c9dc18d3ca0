#!/bin/sh
# Writes the synthetic releases once for all integration tests (a CTest
# fixture) and the configs of the runs, with the overrides the releases'
# index-only, coordinate-less and depth-less models need (trendy_synth
# --print-overrides says which):
#   release/        every model profile, 2 years at 2 degrees, one corrupt
#                   file on purpose (its task fails: exit status 1);
#   release-clean/  the same without the corrupt file: a release that must
#                   convert cleanly, exit status 0;
#   release-stop/   the four style models and one file that is no NetCDF
#                   and larger than any good one, so that largest-first
#                   hands it out first (run.on_error: stop).
#   make_release.sh TRENDY_SYNTH RELEASE_DIR WORK_DIR CONFIG_DIR TABLE_DIR
set -eu
synth=$1
release=$2
work=$3
configs=$4
tables=$5
clean=$work/release-clean
stop=$work/release-stop
# Fresh releases: leftovers of an older run (other options) must not count.
rm -rf "$release" "$clean" "$stop"
mkdir -p "$configs"
"$synth" --out "$release" --years 2 --res 2
"$synth" --out "$clean" --years 2 --res 2 --no-corrupt > /dev/null
"$synth" --out "$stop" --years 2 --res 2 --models 4 --no-corrupt > /dev/null
# 64 MB of nothing (a sparse file): no NetCDF, and larger than any input.
truncate -s 64M "$stop/ALPHA/S3/ALPHA_S3_fFire.nc"
overrides=$("$synth" --print-overrides)

# config NAME RELEASE ROOT EXTRA: a config for the run NAME.
config() {
  printf 'input: {root: %s%s}\noutput: {root: %s/out-%s%s}\nrun: {memory_mb: %s%s}\n%s%s\n' \
    "$2" "${INPUT_EXTRA:-}" "$work" "$3" "${OUTPUT_EXTRA:-}" "${MEMORY_MB:-64}" "${RUN_EXTRA:-}" \
    "${TOP_EXTRA:-}" "$overrides" > "$configs/$1.yaml"
}

# -np 3 runs with the smallest memory budget (16 MiB), -np 1 with more, so
# that `same` also shows that slab sizes do not change results.
config np1 "$release" np1
MEMORY_MB=16 config np3 "$release" np3
# Started by hand (no launcher): one rank without MPI, output.codec zlib
# (netCDF's own filters and reads) -- the same files as the -np 3 run.
OUTPUT_EXTRA=", codec: zlib" MEMORY_MB=32 config nompi "$release" nompi
# Without the overrides the index-only models fail alone.
overrides_kept=$overrides
overrides=""
config nooverride "$release" nooverride
overrides=$overrides_kept
# With a period only the steps of 1701 are written (files outside it are skipped).
OUTPUT_EXTRA=", period: [1701, 1701]" config period "$release" period
for grid in 1x1 0.5x0.5; do
  TOP_EXTRA="regrid: {grid: \"$grid\", method: conservative}
" config "$grid" "$release" "$grid"
done
# A NetCDF file as the target grid: the 1x1 run's own areacella file
# (written by the "convert regrid 1x1" test before this config is used).
TOP_EXTRA="regrid: {grid: \"$work/out-1x1/S3/ALPHA/areacella_fx_ALPHA_S3_r1i1p1f1_gr.nc\"}
" config regrid-file "$release" regrid-file
# Bilinear and nearest onto 1x1, for the four style models of the clean release.
for method in bilinear nearest; do
  INPUT_EXTRA=", models: [ALPHA, BETA, GAMMA-DGVM, DELTA]" \
    TOP_EXTRA="regrid: {grid: \"1x1\", method: $method}
" config "$method" "$clean" "$method"
done
# Every 2-year input above 0.5 MB is split into two one-year pieces.
MEMORY_MB=16 RUN_EXTRA=", split_mb: 0.5" config split "$release" split
config resume "$release" resume
# Signals: each run stalls one task's commit (the fault shim) and is
# signalled while it stalls; a long grace lets it finish, none kills it.
RUN_EXTRA=", grace_s: 60" config signal-grace "$release" signal-grace
RUN_EXTRA=", grace_s: 0" config signal-int "$release" signal-int
MEMORY_MB=16 RUN_EXTRA=", grace_s: 0" config signal-mpi "$release" signal-mpi
RUN_EXTRA=", grace_s: 60" config signal-mpi-grace "$release" signal-mpi-grace
# kill_resume.sh: the -np 3 run's settings (16 MiB slabs), its own root.
MEMORY_MB=16 config kill "$release" kill

# The clean release: exit status 0, and the behaviour of settings the
# release-wide runs leave at their defaults.
config clean "$clean" clean
config dryrun "$clean" dryrun
RUN_EXTRA=", isolate: false" config isolate "$clean" isolate
style="ALPHA, BETA, GAMMA-DGVM, DELTA"
INPUT_EXTRA=", models: [$style]" \
  OUTPUT_EXTRA=", time_units: \"hours since 1901-01-01 00:00:00\", compression: 9" \
  config units "$clean" units
INPUT_EXTRA=", models: [$style]" OUTPUT_EXTRA=", compression: 0" config level0 "$clean" level0
INPUT_EXTRA=", models: [$style]" TOP_EXTRA="variable_table: $tables/custom_table.yaml
" config table "$clean" table
INPUT_EXTRA=", models: [ALPHA]" config readonly "$clean" readonly
RUN_EXTRA=", on_error: stop" config stop "$stop" stop
