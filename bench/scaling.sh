#!/usr/bin/env bash
# Prints figures (never pass/fail): strong scaling of trendy_ilamb on this
# machine, then a projection to 16..1024 ranks by bench/schedule_sim.py.
#
# The input is one synthetic release with a TRENDY-like size mix, put
# together from three trendy_synth releases (src/synth is not changed):
#   small  every profile (43 folders: time-axis, grid and variable cases and
#          the four full models), SMALL_YEARS years at 2 degrees: many
#          small files (the release's many annual / short files)
#   mon    the four full models (ALPHA, BETA, GAMMA-DGVM, DELTA) at 1 degree,
#          MON_YEARS years, as <MODEL>_MON: the monthly files
#   huge   ALPHA at 0.5 degree, HUGE_YEARS years, only the HUGE_VARS files
#          kept, as ALPHA_HUGE: the few huge (per-PFT-like) files that are
#          above the split threshold (run.split_mb: max(256 MB, total/384))
# The small release holds one corrupt file on purpose: its task fails (exit
# status 1) in every run.
#
# For each rank count (RANKS, default "1 2 3 4"; rank 0 only schedules when
# N > 1, so N ranks have N-1 workers) it runs mpirun --oversubscribe into a
# fresh output folder (no earlier report.json: the same uncalibrated cost
# model each time), prints wall time, speedup and efficiency, and keeps each
# report.json. Then it replays the measured one-rank report with
# schedule_sim.py (the simulator's makespan for the measured rank counts
# next to the measured one, and 16..1024 ranks for this small release), and
# projects a TRENDY-sized synthetic release (schedule_sim --synthetic-release)
# with the per-rank throughput and per-task overhead fitted to that report.
#
#   bash bench/scaling.sh                       # after a build (build/ or BUILD=...)
#   RANKS="1 2 4" HUGE_YEARS=40 bash bench/scaling.sh
#
# Everything lands in WORK (default /tmp/ti-bench-scaling): release/,
# out-np<N>/report.json, reports/report-np<N>.json, sim-replay/,
# sim-trendy/ (schedule.csv and, with matplotlib, PNG plots). The release is
# reused when its parameters did not change (KEEP_RELEASE=0 rebuilds it).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-build/src}"
WORK="${WORK:-/tmp/ti-bench-scaling}"
RANKS="${RANKS:-1 2 3 4}"
SMALL_YEARS="${SMALL_YEARS:-3}"
MON_YEARS="${MON_YEARS:-10}"
HUGE_YEARS="${HUGE_YEARS:-30}"
HUGE_VARS="${HUGE_VARS:-gpp npp}"
KEEP_RELEASE="${KEEP_RELEASE:-1}"
SEED="${SEED:-7}"
for exe in trendy_synth trendy_ilamb; do
  [[ -x "$BUILD/$exe" ]] || { echo "scaling: $BUILD/$exe not found (build first, or set BUILD)" >&2; exit 2; }
done
# A Python with matplotlib draws the plots; any Python 3 writes the CSV.
PY=python3
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import matplotlib' 2>/dev/null; then PY="$p"; break; fi
done

mkdir -p "$WORK"
rel="$WORK/release"
params="small=$SMALL_YEARS mon=$MON_YEARS huge=$HUGE_YEARS vars=$HUGE_VARS"
if [[ "$KEEP_RELEASE" != 1 || ! -f "$rel/.params" || "$(cat "$rel/.params")" != "$params" ]]; then
  rm -rf "$rel" "$WORK/gen"
  mkdir -p "$WORK/gen"
  echo "scaling: writing the synthetic release ($params) ..."
  "$BUILD/trendy_synth" --out "$WORK/gen/small" --models 0 --years "$SMALL_YEARS" --res 2 >/dev/null
  "$BUILD/trendy_synth" --out "$WORK/gen/mon" --models 4 --years "$MON_YEARS" --res 1 >/dev/null
  "$BUILD/trendy_synth" --out "$WORK/gen/huge" --models 1 --years "$HUGE_YEARS" --res 0.5 >/dev/null
  mv "$WORK/gen/small" "$rel"
  for d in "$WORK"/gen/mon/*/; do mv "$d" "$rel/$(basename "$d")_MON"; done
  for f in "$WORK"/gen/huge/ALPHA/S3/*.nc; do
    keep=0
    for v in $HUGE_VARS; do [[ "$f" == *"_S3_$v.nc" ]] && keep=1; done
    [[ $keep == 1 ]] || rm -f "$f"
  done
  mv "$WORK/gen/huge/ALPHA" "$rel/ALPHA_HUGE"
  rm -rf "$WORK/gen"
  echo "$params" > "$rel/.params"
fi
nfiles=$(find "$rel" -name '*.nc*' | wc -l)
echo "scaling: release $rel: $nfiles files, $(du -sh "$rel" | cut -f1) on disk ($params)"

mkdir -p "$WORK/reports"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
now() { date +%s.%N; }
declare -A wall rwall
for n in $RANKS; do
  out="$WORK/out-np$n"
  rm -rf "$out"
  {
    echo "input: {root: $rel, simulations: [S3]}"
    echo "output: {root: $out, compression: 1}"
    echo "run: {on_error: continue, memory_mb: 256, progress_s: 600}"
    "$BUILD/trendy_synth" --print-overrides
  } > "$WORK/np$n.yaml"
  t0=$(now)
  set +e
  mpirun --oversubscribe -np "$n" "$BUILD/trendy_ilamb" "$WORK/np$n.yaml" > "$WORK/np$n.log" 2>&1
  status=$?
  set -e
  t1=$(now)
  if [[ $status -gt 1 || ! -f "$out/report.json" ]]; then
    echo "scaling: np=$n failed (status $status), see $WORK/np$n.log" >&2
    tail -5 "$WORK/np$n.log" >&2
    exit 1
  fi
  cp "$out/report.json" "$WORK/reports/report-np$n.json"
  wall[$n]=$(echo "$t1 - $t0" | bc -l)
  rwall[$n]=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["wall_seconds"])' "$out/report.json")
  grep '^trendy_ilamb:' "$WORK/np$n.log" | sed "s/^/  np=$n: /"
done

first=$(echo $RANKS | awk '{print $1}')
echo
echo "measured on $(hostname) ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "wall = mpirun start to exit; run = report.json wall_seconds; workers = ranks - 1 (rank 0 schedules) for ranks > 1"
printf '%5s %7s %9s %9s %8s %10s %11s\n' ranks workers wall_s run_s speedup eff/worker eff/rank
for n in $RANKS; do
  w=$(( n > 1 ? n - 1 : 1 ))
  sp=$(echo "${wall[$first]} / ${wall[$n]}" | bc -l)
  printf '%5d %7d %9.2f %9.2f %8.2f %9.0f%% %10.0f%%\n' "$n" "$w" "${wall[$n]}" "${rwall[$n]}" "$sp" \
    "$(echo "100 * $sp / $w" | bc -l)" "$(echo "100 * $sp / $n" | bc -l)"
done

base="$WORK/reports/report-np$first.json"
measured=$(echo $RANKS | tr ' ' ',')
echo
echo "== schedule_sim: replay of the measured np=$first task costs (this small release) =="
"$PY" bench/schedule_sim.py --report "$base" --ranks "$measured,16,32,64,96,128,256,512,1024" \
  --out "$WORK/sim-replay"
echo
echo "== schedule_sim: TRENDY-sized synthetic release (seed $SEED), cost fitted to $base =="
"$PY" bench/schedule_sim.py --synthetic-release --seed "$SEED" --calibrate "$base" --scaled-split \
  --out "$WORK/sim-trendy"
