#!/usr/bin/env bash
# Prints figures (never a pass/fail): the demo conversion's wall time next to
# `nccopy -d1 -s` over the same input files in the same run, and the peak RSS
# of one rank converting the largest input with run.memory_mb = 32, 64, 256
# (the slab size follows the budget, so RSS does too).
#   bash bench/demo_vs_nccopy.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
NP="${NP:-3}"
BUILD=build/src
WORK="${WORK:-/tmp/ti-bench-demo}"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
rm -rf "$WORK" && mkdir -p "$WORK"
$BUILD/trendy_synth --out "$WORK/release" --years "${YEARS:-5}" --res "${RES:-1}" >/dev/null
DELTA_GOOD=$(find "$WORK/release/DELTA" -name '*.nc' ! -name 'DELTA_v3_S3_rh.nc' | sort)
mapfile -t inputs < <( (find "$WORK/release" -name '*.nc' ! -path '*DELTA*'; echo "$DELTA_GOOD") | sort -u)
raw_mb=$(du -cm "${inputs[@]}" | tail -1 | cut -f1)
printf 'input: {root: %s}\noutput: {root: %s/out}\nrun: {memory_mb: 256, progress_s: 1000}\n%s\n' \
  "$WORK/release" "$WORK" "$($BUILD/trendy_synth --print-overrides)" > "$WORK/config.yaml"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$WORK/t_ilamb"; : > "$WORK/t_nccopy1"; : > "$WORK/t_nccopy2"
for r in $(seq "$ROUNDS"); do
  rm -rf "$WORK/out"
  t0=$(now); mpirun --oversubscribe -np "$NP" $BUILD/trendy_ilamb "$WORK/config.yaml" >/dev/null 2>&1 || true; t1=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/t_ilamb"
  rm -rf "$WORK/nccopy" && mkdir -p "$WORK/nccopy"
  t0=$(now); for f in "${inputs[@]}"; do nccopy -d1 -s "$f" "$WORK/nccopy/$(basename "$f")"; done; t1=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/t_nccopy1"
  rm -rf "$WORK/nccopy" && mkdir -p "$WORK/nccopy"
  t0=$(now); printf '%s\n' "${inputs[@]}" | xargs -P 2 -I{} sh -c 'nccopy -d1 -s "$1" "$2/$(basename "$1")"' _ {} "$WORK/nccopy"; t1=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/t_nccopy2"
done
ti=$(median < "$WORK/t_ilamb"); n1=$(median < "$WORK/t_nccopy1"); n2=$(median < "$WORK/t_nccopy2")
echo "inputs: ${#inputs[@]} files, ${raw_mb} MB on disk; medians of $ROUNDS rounds, $(nproc) cores"
printf '%-44s %8.2f s\n' "trendy_ilamb mpirun -np $NP (2 workers)" "$ti"
printf '%-44s %8.2f s\n' "nccopy -d1 -s, one file after another" "$n1"
printf '%-44s %8.2f s\n' "nccopy -d1 -s, 2 files at a time" "$n2"
printf '%-44s %8.2f\n' "ratio trendy_ilamb / nccopy (2 at a time)" "$(echo "$ti / $n2" | bc -l)"

largest=$(ls -S "${inputs[@]}" | head -1)
model=$(basename "$(dirname "$(dirname "$largest")")")
var=${largest##*_S3_}; var=${var%.nc}
for mb in 32 64 256; do
  printf 'input: {root: %s, models: [%s], variables: [%s]}\noutput: {root: %s/rss}\nrun: {memory_mb: %s, progress_s: 1000}\n' \
    "$WORK/release" "$model" "$var" "$WORK" "$mb" > "$WORK/rss.yaml"
  rm -rf "$WORK/rss"
  /usr/bin/time -v $BUILD/trendy_ilamb "$WORK/rss.yaml" > /dev/null 2> "$WORK/rss.txt" || true
  rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/rss.txt")
  raw_bytes=$(python3 -c "import json;r=json.load(open('$WORK/rss/report.json'));print(max(t['bytes_read'] for t in r['tasks']))")
  echo "peak RSS, one rank, $(basename "$largest") ($((raw_bytes / 1000000)) MB uncompressed), memory_mb $mb: $((rss_kb / 1024)) MiB"
done
