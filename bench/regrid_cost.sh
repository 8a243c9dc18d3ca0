#!/usr/bin/env bash
# Prints figures (never pass/fail): the cost of regridding. One rank converts
# the same 0.5-degree monthly file (trendy_synth's G01_HALFDEG gpp) without
# and with `regrid: {grid: 1x1, method: conservative}`, next to
# `cdo remapcon` of that input onto the same grid, in the same run;
# medians of interleaved rounds.
#   bash bench/regrid_cost.sh [ROUNDS] [YEARS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
YEARS="${2:-10}"
BUILD=build/src
WORK="${WORK:-/tmp/ti-bench-regrid}"
rm -rf "$WORK" && mkdir -p "$WORK"
$BUILD/trendy_synth --out "$WORK/release" --years "$YEARS" --res 2 >/dev/null
input="$WORK/release/G01_HALFDEG/S3/halfdeg_S3_gpp.nc"
base="input: {root: $WORK/release, models: [G01_HALFDEG], variables: [gpp]}"
printf '%s\noutput: {root: %s/native}\nrun: {memory_mb: 512}\n' "$base" "$WORK" > "$WORK/native.yaml"
printf '%s\noutput: {root: %s/regrid}\nrun: {memory_mb: 512}\nregrid: {grid: "1x1", method: conservative}\n' \
  "$base" "$WORK" > "$WORK/regrid.yaml"
cat > "$WORK/grid1x1.txt" <<'GRID'
gridtype = lonlat
xsize = 360
ysize = 180
xfirst = -179.5
xinc = 1
yfirst = -89.5
yinc = 1
GRID

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: > "$WORK/t_native"; : > "$WORK/t_regrid"; : > "$WORK/t_cdo"
for r in $(seq "$ROUNDS"); do
  rm -rf "$WORK/native" "$WORK/regrid" "$WORK/cdo.nc"
  t0=$(now); $BUILD/trendy_ilamb "$WORK/native.yaml" >/dev/null; t1=$(now); echo "$t1 - $t0" | bc >> "$WORK/t_native"
  t0=$(now); $BUILD/trendy_ilamb "$WORK/regrid.yaml" >/dev/null; t1=$(now); echo "$t1 - $t0" | bc >> "$WORK/t_regrid"
  t0=$(now); cdo -s -f nc4 -z zip_1 remapcon,"$WORK/grid1x1.txt" "$input" "$WORK/cdo.nc"; t1=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/t_cdo"
done
n=$(median < "$WORK/t_native"); g=$(median < "$WORK/t_regrid"); c=$(median < "$WORK/t_cdo")
mb=$(( $(ncdump -h "$input" | awk '/time = /{print $3}' | head -1) * 720 * 360 * 4 / 1000000 ))
echo "input: $(basename "$input"), 0.5 deg monthly, $YEARS years (${mb} MB uncompressed); medians of $ROUNDS rounds"
printf '%-52s %7.2f s\n' "trendy_ilamb, one rank, native grid (whole task)" "$n"
printf '%-52s %7.2f s\n' "trendy_ilamb, one rank, regrid 1x1 conservative" "$g"
printf '%-52s %7.2f s\n' "cdo remapcon 1x1 (zip_1), regrid only" "$c"
printf '%-52s %7.2f\n' "regrid cost: (regrid - native) / native" "$(echo "($g - $n) / $n" | bc -l)"
printf '%-52s %7.2f\n' "ratio cdo remapcon / trendy_ilamb with regrid" "$(echo "$c / $g" | bc -l)"
