#!/usr/bin/env bash
# One file through trendy_ilamb, in the calling convention of the peer
# baselines (../shared/bench/run_peers.sh: `CMD IN OUT`), so it can be timed
# beside them: IN is linked into a one-model release, converted by one rank
# (no launcher: no MPI), and the output moved to OUT. The time includes what
# the tool always does for a model folder (its fixed fields, report,
# manifest).
#   bash bench/one_file.sh IN OUT [rNXxNY]   (env: BUILD, CODEC, MEMORY_MB)
# With rNXxNY: conservative regrid to the global grid of NX x NY cells with
# edges on multiples of 360/NX and 180/NY (as ../shared/bench/cdo_remap.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
BUILD="${BUILD:-$here/build/src}"
CODEC="${CODEC:-fast}"
MEMORY_MB="${MEMORY_MB:-1024}"
in=$(readlink -f "$1")
out=$(readlink -m "$2")
grid="${3:-}"
work="$out.d"
rm -rf "$work"
mkdir -p "$work/release/BENCH/S3"
# The variable is named by the file (TRENDY style): <model>_S3_<var>.nc.
var=$(ncdump -h "$in" | awk '/^\t(float|double) [a-z_]+\(time, / {sub(/\(.*/, "", $2); print $2; exit}')
[[ -n $var ]] || { echo "one_file.sh: no data variable in $in" >&2; exit 1; }
ln -s "$in" "$work/release/BENCH/S3/BENCH_S3_${var}.nc"
{
  echo "input: {root: $work/release, models: [BENCH], variables: [$var]}"
  echo "output: {root: $work/out, compression: 1, codec: $CODEC, time_units: \"days since 1700-01-01 00:00:00\"}"
  echo "run: {progress_s: 100000, memory_mb: $MEMORY_MB, split_mb: 0}"  # one file in, one out, as the peers
  if [[ -n $grid ]]; then
    [[ $grid =~ ^r([0-9]+)x([0-9]+)$ ]] || { echo "one_file.sh: grid '$grid' is not rNXxNY" >&2; exit 2; }
    dlon=$(echo "360 / ${BASH_REMATCH[1]}" | bc -l | sed 's/0*$//; s/\.$//')
    dlat=$(echo "180 / ${BASH_REMATCH[2]}" | bc -l | sed 's/0*$//; s/\.$//')
    echo "regrid: {grid: \"${dlon}x${dlat}\", method: conservative}"
  fi
} > "$work/config.yaml"
env -u OMPI_COMM_WORLD_SIZE -u PMIX_RANK -u PMI_RANK "$BUILD/trendy_ilamb" "$work/config.yaml" >"$work/log" 2>&1 ||
  { cat "$work/log" >&2; exit 1; }
produced=$(find "$work/out/S3/BENCH" -name "*_BENCH_S3_*.nc" ! -name "*_fx_*" | head -1)
[[ -n $produced ]] || { echo "one_file.sh: no output in $work/out" >&2; exit 1; }
mv "$produced" "$out"
rm -rf "$work"
