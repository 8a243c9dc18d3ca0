#!/usr/bin/env bash
# Prints figures (never a pass/fail): one rank of trendy_ilamb converting one
# monthly float gpp file (BETA: descending latitudes, 0..360 longitudes,
# gC m-2 month-1 converted per month) with output.codec fast and zlib, next
# to `nccopy -d<level> -s` copying the same file at the same level (the zlib
# floor of DESIGN.md "Performance targets"). Rounds alternate the three;
# medians, ratios to nccopy, and the output sizes (fast must stay within 5 %
# of nccopy's at the same level).
#   bash bench/codec_floor.sh [ROUNDS]  (env: YEARS, RES, LEVEL, MEMORY_MB, BUILD, WORK)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
YEARS="${YEARS:-20}"
RES="${RES:-0.5}"
LEVEL="${LEVEL:-1}"
MEMORY_MB="${MEMORY_MB:-1024}"   # run.memory_mb: sets the slab size
BUILD="${BUILD:-build-cc/src}"
WORK="${WORK:-/tmp/ti-bench-codec}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
rm -rf "$WORK" && mkdir -p "$WORK"
"$BUILD/trendy_synth" --out "$WORK/release" --models 2 --years "$YEARS" --res "$RES" >/dev/null
input="$WORK/release/BETA/S3/Beta-2.1_S3_gpp.nc"
[[ -f $input ]] || { echo "codec_floor: no $input (profiles changed?)" >&2; exit 1; }
for codec in fast zlib; do
  printf 'input: {root: %s, models: [BETA], variables: [gpp]}\noutput: {root: %s/out-%s, compression: %s, codec: %s}\nrun: {progress_s: 1000, memory_mb: %s}\n' \
    "$WORK/release" "$WORK" "$codec" "$LEVEL" "$codec" "$MEMORY_MB" > "$WORK/$codec.yaml"
done

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
output_of() { find "$WORK/out-$1" -name 'gpp_*.nc' | head -1; }

: > "$WORK/t_nccopy"; : > "$WORK/t_fast"; : > "$WORK/t_zlib"
for r in $(seq "$ROUNDS"); do
  rm -f "$WORK/nccopy.nc"
  t0=$(now); nccopy -d"$LEVEL" -s "$input" "$WORK/nccopy.nc"; t1=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/t_nccopy"
  for codec in fast zlib; do
    rm -rf "$WORK/out-$codec"
    t0=$(now); "$BUILD/trendy_ilamb" "$WORK/$codec.yaml" >/dev/null 2>"$WORK/$codec.err" || { cat "$WORK/$codec.err" >&2; exit 1; }; t1=$(now)
    echo "$t1 - $t0" | bc >> "$WORK/t_$codec"
  done
done

tn=$(median < "$WORK/t_nccopy"); tf=$(median < "$WORK/t_fast"); tz=$(median < "$WORK/t_zlib")
raw=$(python3 - "$input" <<'PY' 2>/dev/null || echo 0
import sys, subprocess
h = subprocess.run(["ncdump", "-h", sys.argv[1]], capture_output=True, text=True).stdout
dims = {}
for line in h.split("dimensions:")[1].split("variables:")[0].splitlines():
    if "=" in line:
        k, v = line.split("=")
        dims[k.strip()] = int("".join(c for c in v if c.isdigit()))
n = 1
for k in ("time", "latitude", "longitude"):
    n *= dims.get(k, 1)
print(n * 4)
PY
)
sz() { stat -c %s "$1"; }
sn=$(sz "$WORK/nccopy.nc"); sf=$(sz "$(output_of fast)"); szl=$(sz "$(output_of zlib)")
echo "input: $(basename "$input"), $YEARS years at $RES degrees, $((raw / 1000000)) MB of float data; level $LEVEL; run.memory_mb $MEMORY_MB; medians of $ROUNDS rounds; $(nproc) cores"
printf '%-40s %7.2f s  %6.0f MB/s  %5.2fx nccopy  %10d bytes\n' "nccopy -d$LEVEL -s" "$tn" "$(echo "$raw / $tn / 1000000" | bc -l)" 1 "$sn"
printf '%-40s %7.2f s  %6.0f MB/s  %5.2fx nccopy  %10d bytes (%+.1f%% vs nccopy)\n' "trendy_ilamb 1 rank, codec fast" "$tf" "$(echo "$raw / $tf / 1000000" | bc -l)" "$(echo "$tf / $tn" | bc -l)" "$sf" "$(echo "100 * ($sf - $sn) / $sn" | bc -l)"
printf '%-40s %7.2f s  %6.0f MB/s  %5.2fx nccopy  %10d bytes (%+.1f%% vs nccopy)\n' "trendy_ilamb 1 rank, codec zlib" "$tz" "$(echo "$raw / $tz / 1000000" | bc -l)" "$(echo "$tz / $tn" | bc -l)" "$szl" "$(echo "100 * ($szl - $sn) / $sn" | bc -l)"
printf '%-40s %7.2f\n' "ratio fast / zlib" "$(echo "$tf / $tz" | bc -l)"
