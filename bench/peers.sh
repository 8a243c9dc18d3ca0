#!/usr/bin/env bash
# Prints figures (never pass/fail): trendy_ilamb on one rank beside the peer
# baselines of ../shared/bench (nccopy -d1 -s = the zlib floor, the best CDO
# chain, `cdo remapcon`; xarray with PEERS=all) on inputs made by its
# gen_input.py to look like TRENDY: 1° and 0.5°, monthly, float32/float64,
# one step per chunk and 12 steps per chunk, gC m-2 month-1 (per-month
# unit), descending latitudes, 0..360 longitudes, -99999 fills. Regridding
# both ways: 0.5° -> 1° and 1° -> 0.5°. Same run, interleaved rounds, medians
# of per-round ratios; every output is checked against the contract and an
# independent numpy reference (check_contract.py), and the regridded outputs
# are compared value by value with CDO's.
# A fifth case (CASES="5") chunks the 0.5° file by whole time series per
# 45 x 90 cells, the layout of column-major model writers.
#   bash bench/peers.sh [ROUNDS]   (env: WORK, CASES="1 2 3 4", PEERS=all, BUILD)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(readlink -f "$root/../shared/bench")
ROUNDS="${1:-5}"
WORK="${WORK:-/tmp/ti-bench-peers}"
CASES="${CASES:-1 2 3 4}"
PY=/usr/bin/python3
mkdir -p "$WORK"

# The peer harness, with trendy_ilamb added as two more peers (the harness
# asks for a CMD line per tool; the copy keeps ../shared untouched).
sed -e "s|^HERE=.*|HERE='$shared'|" \
    -e "/^if \[\[ -z \$PEERS \]\]; then/i CMD[trendy_ilamb]=\"bash '$root/bench/one_file.sh' '\$IN' OUT\"\n[[ -n \$GRID ]] \&\& CMD[trendy_ilamb_remap]=\"bash '$root/bench/one_file.sh' '\$IN' OUT \$GRID\"" \
    "$shared/run_peers.sh" > "$WORK/run_peers.sh"
grep -q 'CMD\[trendy_ilamb_remap\]' "$WORK/run_peers.sh" || { echo "peers.sh: could not add trendy_ilamb to run_peers.sh" >&2; exit 1; }

# case: NAME, GRID (regrid target, "" none), and its gen_input.py call.
declare -A GRID NAME
NAME[1]="1deg_100y_f4_step"; GRID[1]="r720x360"
NAME[2]="halfdeg_50y_f4_gC_desc_360"; GRID[2]="r360x180"
NAME[3]="1deg_50y_f8_12step_gC_desc_360"; GRID[3]=""
NAME[4]="halfdeg_30y_f4_12step"; GRID[4]=""
NAME[5]="halfdeg_50y_f4_series_chunks"; GRID[5]=""  # chunks (all steps, 45 lat, 90 lon)
generate() {
  local g=(--units "gC m-2 month-1" --lat-desc --lon360)
  case $1 in
    1) $PY "$shared/gen_input.py" "$2" --res 1 --years 100 ;;
    2) $PY "$shared/gen_input.py" "$2" --res 0.5 --years 50 "${g[@]}" ;;
    3) $PY "$shared/gen_input.py" "$2" --res 1 --years 50 --dtype f8 --chunk full "${g[@]}" ;;
    4) $PY "$shared/gen_input.py" "$2" --res 0.5 --years 30 --chunk full ;;
    5) # whole time series per chunk of 45 x 90 cells (column-major writers)
       $PY "$shared/gen_input.py" "$2.step.nc" --res 0.5 --years 50 "${g[@]}" &&
         nccopy -d4 -c time/600,latitude/45,longitude/90 "$2.step.nc" "$2" && rm -f "$2.step.nc" ;;
  esac
}

summary="$WORK/summary.md"
{
  echo "# trendy_ilamb vs peers, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| input | trendy_ilamb ÷ nccopy -d1 -s | CDO chain ÷ trendy_ilamb | regrid | cdo remapcon ÷ trendy_ilamb | max rel diff vs CDO | contract (ours) |"
  echo "|---|---:|---:|---|---:|---:|---|"
} > "$summary"

for c in $CASES; do
  name=${NAME[$c]}
  in="$WORK/$name.nc"
  [[ -f $in ]] || generate "$c" "$in" >/dev/null
  peers="nccopy_d1s,cdo_chain,trendy_ilamb"
  [[ ${PEERS:-} == all ]] && peers="nccopy_d0,nccopy_d1s,cdo_chain,cdo_chain_noshuf,xarray,xarray_dask,trendy_ilamb"
  grid_args=()
  if [[ -n ${GRID[$c]} ]]; then
    grid_args=(-g "${GRID[$c]}")
    peers="$peers,cdo_remap,trendy_ilamb_remap"
  fi
  out="$WORK/out_$name"
  rm -rf "$out"
  KEEP_OUTPUTS=1 bash "$WORK/run_peers.sh" "$in" -n "$ROUNDS" -p "$peers" -o "$out" "${grid_args[@]}" 2>"$out.log" | tee "$WORK/table_$name.md"
  $PY - "$out" "$summary" "$name" "${GRID[$c]}" <<'PY'
import csv, json, os, statistics as st, sys
import numpy as np, netCDF4
out, summary, name, grid = sys.argv[1:5]
rows = [r for r in csv.DictReader(open(os.path.join(out, "runs.tsv")), delimiter="\t") if r["rc"] == "0"]
wall = {}
for r in rows:
    wall.setdefault(r["round"], {})[r["peer"]] = float(r["wall_s"])
def ratio(a, b):
    v = [w[a] / w[b] for w in wall.values() if a in w and b in w]
    return f"{st.median(v):.2f}" if v else "-"
def contract(p):
    f = os.path.join(out, "checks", p + ".json")
    return ("met" if json.load(open(f)).get("ok") else "FAILED") if os.path.exists(f) else "-"
diff = "-"
if grid:
    a, b = os.path.join(out, "trendy_ilamb_remap.nc"), os.path.join(out, "cdo_remap.nc")
    if os.path.exists(a) and os.path.exists(b):
        with netCDF4.Dataset(a) as da, netCDF4.Dataset(b) as db:
            def data(ds):
                v = max((v for n, v in ds.variables.items() if v.ndim == 3), key=lambda v: v.size)
                v.set_auto_mask(False)
                return v[:].astype(np.float64)
            x, y = data(da), data(db)
            both = (np.abs(x) < 1e19) & (np.abs(y) < 1e19)
            mask_diff = int(np.sum((np.abs(x) < 1e19) != (np.abs(y) < 1e19)))
            rel = np.abs(x[both] - y[both]) / np.maximum(np.abs(y[both]), 1e-30)
            diff = f"{rel.max():.1e} ({mask_diff} mask cells differ)"
ours = contract("trendy_ilamb") + (f", regrid {contract('trendy_ilamb_remap')}" if grid else "")
with open(summary, "a") as s:
    s.write(f"| {name} | {ratio('trendy_ilamb', 'nccopy_d1s')} | {ratio('cdo_chain', 'trendy_ilamb')} | "
            f"{grid or '-'} | {ratio('cdo_remap', 'trendy_ilamb_remap') if grid else '-'} | {diff} | {ours} |\n")
PY
  rm -f "$out"/*.nc
done
echo
cat "$summary"
