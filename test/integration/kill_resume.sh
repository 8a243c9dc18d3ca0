#!/bin/sh
# SIGKILL at random points, several times, then resume. The job
# (mpirun -np N trendy_ilamb CONFIG) is started in its own session and, after
# a random delay, every process of that session is killed with SIGKILL: no
# handler runs, nothing is flushed. This is repeated on the same output root
# (never wiped), then the same command runs to completion. Between kills every
# visible .nc must be a complete NetCDF file (temporaries may be left; the
# next start removes them) and every manifest entry must name outputs present
# with their recorded sizes. At the end the outputs must hold the same data as
# the clean run's, no temporary may be left, the report must list every task
# ok or resumed (only the corrupt file failed), the manifest must hold each
# task once, and no file of the clean run may be missing.
#
# The first kill is deterministic: the fault shim stalls the commit (rename)
# of the largest task's output, and the job is killed once the shim marks
# the stall -- a task caught mid-write, its temporary on disk, whatever the
# machine's speed. The test asserts that this kill left that temporary.
# The next kill points are drawn from a seeded generator (the seed is printed
# and fixed by default, so a failure can be replayed: TI_KILL_SEED=N draws
# other ones; where they land still depends on the machine's load). They
# cycle through four kinds:
#   early  a delay within the start-up this machine needs (a --dry-run of the
#          same command, timed first): mpirun start, planning, and the
#          removal of the temporaries the previous kill left;
#   cleanup  as soon as the temporaries the previous kill left start to
#          disappear (rank 0 removing them, then planning); early if it
#          left none;
#   mid    once a random 10-50 % of the tasks left are recorded, plus a
#          random 0-0.3 s;
#   late   the same at 40-80 % (this reaches the fixed-field round).
# mid and late follow the run's progress, not a clock, so they land inside
# the work on a fast or a loaded machine alike. No assertion is made on
# timing; the timeouts only catch hangs.
#
# Figures printed:
#   runs killed    runs that ended by SIGKILL (a run that finished before its
#                  kill is counted apart and not as killed);
#   tasks redone   tasks whose work a kill threw away, summed over the kills:
#                  after each kill, the tasks with a temporary output or a
#                  scratch copy (both named by the worker's pid, so caught
#                  mid-conversion) or with outputs in place but no manifest
#                  entry (finished, not recorded). A task killed before it
#                  wrote any file leaves no trace and is not counted, so this
#                  is a lower bound;
#   files lost     outputs of the clean run missing from the final tree.
#
#   kill_resume.sh TRENDY_VERIFY CLEAN_ROOT OUT_ROOT FAULT_SHIM MPIEXEC [ARGS...] TRENDY_ILAMB CONFIG
# Environment: TI_KILL_SEED (default 20261204), TI_KILL_RUNS (kills, default 5).
set -u
verify=$1
clean=$2
out=$3
shim=$4
shift 4
eval "config=\${$#}"
runs=${TI_KILL_RUNS:-5}
seed=${TI_KILL_SEED:-20261204}
stall_match=gpp_Lmon_G01_HALFDEG_S3_
logs="$out.logs"
rm -rf "$out" "$logs"
mkdir -p "$logs"
tables="$logs/tables"
mkdir -p "$tables"

fail() {
  echo "kill_resume.sh: FAILED (seed $seed): $1"
  for f in "$logs"/run*.log; do [ -f "$f" ] && { echo "--- $f (tail)"; tail -n 20 "$f"; }; done
  exit 1
}
command -v ncdump > /dev/null || fail "ncdump not found (netcdf-bin)"
[ -s "$clean/report.json" ] && [ -s "$clean/manifest.jsonl" ] || fail "no clean run under $clean"

# ------------------------------------------------------------ helpers

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Draw $1 of the seeded generator, scaled to [$2, $3).
draw() {
  awk -v s="$seed" -v n="$1" -v lo="$2" -v hi="$3" \
    'BEGIN { srand(s); for (i = 1; i < n; i++) rand(); printf "%.3f", lo + (hi - lo) * rand() }'
}

# Processes of session $1 that are not yet dead (zombies are dead: their
# parent, often init, has just not reaped them).
live_in_session() { ps -s "$1" -o pid=,stat= 2> /dev/null | awk '$2 !~ /^Z/ { print $1 }'; }

# trendy_ilamb processes of this test (their command line names CONFIG),
# wherever they are: a rank that escaped the session would show here.
strays() {
  for p in $(pgrep -x trendy_ilamb); do
    tr '\0' ' ' 2> /dev/null < "/proc/$p/cmdline" | grep -qF -- "$config" && echo "$p"
  done
}

# SIGKILL every process of session $1 (the session leader is our child $1),
# again until none is left alive; 30 s against a hang.
kill_session() {
  i=0
  while :; do
    kill -9 "$1" 2> /dev/null
    pkill -9 -s "$1" 2> /dev/null
    [ -z "$(live_in_session "$1")" ] && break
    i=$((i + 1))
    [ $i -ge 300 ] && fail "processes of session $1 still alive: $(live_in_session "$1")"
    sleep 0.1
  done
}

# Valid manifest lines (a line torn by a kill is not JSON; nlohmann sorts
# keys, so a whole line ends with the version).
valid_lines() { grep -E '^\{"config_hash":.*"version":"[^"]*"\}$' "$1" 2> /dev/null; }
keys_of() { sed -n 's/.*"key":"\([^"]*\)".*/\1/p'; }
# "path size" for every output of the given manifest lines.
outputs_of() {
  grep -o '"path":"[^"]*","size":[0-9]*' | sed 's/"path":"\([^"]*\)","size":\([0-9]*\)/\1 \2/'
}
visible_nc() {
  [ -d "$1" ] || return 0
  (cd "$1" && find . -name '.?*' -prune -o -type f -name '*.nc' -print | sed 's|^\./||' | sort)
}

# The clean run's manifest maps each output (and each input) to its task.
valid_lines "$clean/manifest.jsonl" | while IFS= read -r line; do
  key=$(printf '%s\n' "$line" | keys_of)
  printf '%s\n' "$line" | outputs_of | while read -r path size; do printf '%s\t%s\n' "$path" "$key"; done
done | sort > "$tables/output_task"
valid_lines "$clean/manifest.jsonl" | keys_of |
  awk -F'|' '{ n = split($5, p, "/"); print p[n] "\t" $0 }' | sort > "$tables/input_task"
clean_ok=$(valid_lines "$clean/manifest.jsonl" | keys_of | sort -u | wc -l)
[ "$clean_ok" -gt 0 ] || fail "the clean manifest has no task"
clean_wall=$(sed -n 's/.*"wall_seconds": *\([0-9.eE+-]*\).*/\1/p' "$clean/report.json")
clean_wall=$(awk -v w="${clean_wall:-0}" 'BEGIN { printf "%.2f", w }')

# What a kill caught in flight on $out, as "TASK-KEY<TAB>EVIDENCE" lines: a
# temporary output (.NAME.nc.tmp-PID -> its final NAME.nc), a scratch copy
# (.scratch/STEM.PID.nc -> input STEM.nc[.gz|.bz2]), or an output in place
# without a manifest entry (finished, not recorded). The evidence is the
# file's path (temporaries and scratch copies carry the worker's pid) and
# inode, so a file an earlier kill left, not touched since, is not new work.
# Keys the clean run lacks (the corrupt file's task) stand as file names.
in_flight() {
  valid_lines "$out/manifest.jsonl" | outputs_of | awk '{ print $1 }' | sort > "$tables/recorded_outputs"
  {
    (cd "$out" 2> /dev/null && find . -path ./.scratch -prune -o -type f -name '.*.nc.tmp-*' -print) |
      sed 's|^\./||' | while read -r f; do
        rel=$(echo "$f" | sed 's|\(.*/\)\{0,1\}\.\([^/]*\.nc\)\.tmp-[0-9]*$|\1\2|')
        k=$(awk -F'\t' -v p="$rel" '$1 == p { print $2; exit }' "$tables/output_task")
        printf '%s\t%s %s\n' "${k:-$rel}" "$f" "$(stat -c %i "$out/$f" 2> /dev/null)"
      done
    (cd "$out/.scratch" 2> /dev/null && find . -type f -name '*.nc') | sed 's|^\./||' | while read -r f; do
      stem=${f%.*.nc}
      k=$(awk -F'\t' -v s="$stem" 'index($1, s ".nc") == 1 { print $2; exit }' "$tables/input_task")
      printf '%s\t.scratch/%s %s\n' "${k:-.scratch/$stem}" "$f" "$(stat -c %i "$out/.scratch/$f" 2> /dev/null)"
    done
    visible_nc "$out" | comm -23 - "$tables/recorded_outputs" | while read -r rel; do
      k=$(awk -F'\t' -v p="$rel" '$1 == p { print $2; exit }' "$tables/output_task")
      printf '%s\t%s %s\n' "${k:-$rel}" "$rel" "$(stat -c %i "$out/$rel" 2> /dev/null)"
    done
  } | sort -u
}

# No visible .nc may be partial: each must open; each recorded output must
# be in place with its recorded size.
# A file already found whole (same path, inode, size) is not opened again.
touch "$tables/whole"
check_tree() {
  for rel in $(visible_nc "$out"); do
    id="$rel $(stat -c '%i %s' "$out/$rel")"
    grep -qxF -- "$id" "$tables/whole" && continue
    ncdump -h "$out/$rel" > /dev/null 2>&1 || fail "$1: visible $rel does not open (partial file)"
    echo "$id" >> "$tables/whole"
  done
  valid_lines "$out/manifest.jsonl" | outputs_of | while read -r rel size; do
    [ "$(stat -c %s "$out/$rel" 2> /dev/null)" = "$size" ] ||
      { echo "$rel"; break; }
  done > "$tables/bad_recorded"
  [ -s "$tables/bad_recorded" ] &&
    fail "$1: manifest output $(cat "$tables/bad_recorded") missing or not of its recorded size"
  return 0
}

recorded() { valid_lines "$out/manifest.jsonl" | keys_of | sort -u | wc -l; }

# ------------------------------------------------------------ start-up time

t0=$(now)
"$@" --dry-run > "$logs/dry-run.log" 2>&1 || fail "--dry-run failed"
startup=$(elapsed "$t0")
rm -rf "$out"
echo "kill_resume.sh: seed $seed (TI_KILL_SEED=$seed draws the same kill points); start-up ${startup} s," \
  "clean run ${clean_wall} s, $clean_ok tasks"

# ------------------------------------------------------------ killed runs

# Lines in manifest.jsonl (whole or torn): grows by one per recorded task.
manifest_lines() { if [ -f "$out/manifest.jsonl" ]; then wc -l < "$out/manifest.jsonl"; else echo 0; fi; }
# Our child $1 runs (not a zombie): its state, read without a fork (the
# command names here, setsid or mpirun, hold no space).
alive() {
  read -r st 2> /dev/null < "/proc/$1/stat" || return 1
  set -- $st
  [ "$3" != Z ]
}
# Polls, each about 10 ms: 60000 is well over 600 s, a hang.
hung() { [ "$1" -gt 60000 ] && { kill_session "$pid"; wait "$pid"; fail "run $attempt hangs (over 600 s)"; }; }

cycle="stall cleanup mid early late mid late"
killed=0
stall_temps=0
finished=0
redone=0
attempt=0
at=""
touch "$tables/seen"
while [ "$killed" -lt "$runs" ] && [ "$attempt" -lt $((runs * 2)) ]; do
  attempt=$((attempt + 1))
  kind=$(echo $cycle | awk -v n="$attempt" '{ print n == 1 ? $1 : $((n - 2) % (NF - 1) + 2) }')
  before=$(recorded)
  left=$((clean_ok - before))
  [ "$left" -gt 0 ] || kind=early  # all recorded: only start-up is left to hit
  temps0=$(find "$out" -name '.*.nc.tmp-*' -type f 2> /dev/null | wc -l)
  [ "$kind" = cleanup ] && [ "$temps0" -eq 0 ] && kind=early
  case $kind in
    stall) frac=0 wait_s=0 ;;
    early) frac=0 wait_s=$(draw $((attempt * 2)) 0.05 "$startup") ;;
    cleanup) frac=0 wait_s=0 ;;
    mid) frac=$(draw $((attempt * 2)) 0.1 0.5) wait_s=$(draw $((attempt * 2 + 1)) 0 0.3) ;;
    late) frac=$(draw $((attempt * 2)) 0.4 0.8) wait_s=$(draw $((attempt * 2 + 1)) 0 0.3) ;;
  esac
  # mid, late: kill once `target` more lines are in the manifest, plus wait_s.
  target=$(awk -v f="$frac" -v n="$left" 'BEGIN { t = int(f * n + 0.999); print (t < 1 && f > 0) ? 1 : t }')
  lines0=$(manifest_lines)
  t0=$(now)
  mark=$logs/stall.$attempt
  if [ "$kind" = stall ]; then
    env LD_PRELOAD="$shim" TI_FAULT_STALL_MATCH="$stall_match" TI_FAULT_STALL_MARK="$mark" \
      setsid "$@" > "$logs/run$attempt.log" 2>&1 &
  else
    setsid "$@" > "$logs/run$attempt.log" 2>&1 &
  fi
  pid=$!
  polls=0
  while [ "$kind" = stall ] && alive "$pid" && [ ! -s "$mark" ]; do
    polls=$((polls + 1)) && hung $polls
    sleep 0.01
  done
  # The mark is written inside the stalled rename: the output is complete
  # and closed under its temporary name.
  [ "$kind" = stall ] && [ ! -s "$mark" ] && fail "run $attempt: the job ended before the stalled commit"
  while [ "$kind" = cleanup ] && alive "$pid" &&
    [ "$(find "$out" -name '.*.nc.tmp-*' -type f | wc -l)" -ge "$temps0" ]; do
    polls=$((polls + 1)) && hung $polls
    sleep 0.01
  done
  while [ "$target" -gt 0 ] && [ $(($(manifest_lines) - lines0)) -lt "$target" ] && alive "$pid"; do
    polls=$((polls + 1)) && hung $polls
    sleep 0.01
  done
  sleep "$wait_s"
  when=$(elapsed "$t0")
  kill_session "$pid"
  wait "$pid"
  status=$?
  [ -z "$(strays)" ] || fail "run $attempt: trendy_ilamb process(es) $(strays) survived the kill"
  after=$(recorded)
  how="$kind"
  [ "$target" -gt 0 ] && how="$kind: $target of $left tasks left + $wait_s s"
  if [ "$status" -eq 137 ]; then
    killed=$((killed + 1))
    at="$at${at:+,}$when"
    # Tasks with evidence no earlier kill left: work this kill threw away.
    in_flight > "$tables/in_flight.$attempt"
    caught=$(grep -vxF -f "$tables/seen" "$tables/in_flight.$attempt" | cut -f1 | sort -u | grep -c .)
    cat "$tables/in_flight.$attempt" >> "$tables/seen"
    redone=$((redone + caught))
    temps=$(find "$out" -name '.*.nc.tmp-*' -type f 2> /dev/null | wc -l)
    if [ "$kind" = stall ]; then
      stall_temps=$(find "$out" -name ".${stall_match}*.nc.tmp-*" -type f | wc -l)
      [ "$stall_temps" -ge 1 ] || fail "run $attempt: the kill during the stalled commit left no temporary"
    fi
    echo "run $attempt: killed at $when s ($how); $((after - before)) task(s) recorded," \
      "$caught caught in flight; temporaries $temps0 before, $temps after"
  else
    finished=$((finished + 1))
    echo "run $attempt: finished (status $status) before its kill at $when s ($how)"
  fi
  check_tree "after run $attempt"
done
[ "$killed" -gt 0 ] || fail "no run was killed"
[ "$stall_temps" -ge 1 ] || fail "no kill left a temporary behind (the stalled commit was not killed)"

# ------------------------------------------------------------ the resumed run

before=$(recorded)
setsid "$@" > "$logs/final.log" 2>&1 &
pid=$!
attempt=resumed
polls=0
while alive "$pid"; do
  polls=$((polls + 10)) && hung $polls
  sleep 0.1
done
wait "$pid"
status=$?
[ "$status" -eq 1 ] || fail "the resumed run exited with status $status, expected 1 (the corrupt file)"
[ -z "$(strays)" ] || fail "trendy_ilamb process(es) $(strays) outlived the resumed run"
grep -q "removed .* stale temporary" "$logs/final.log" && echo "resumed run: $(grep "stale temporary" "$logs/final.log")"

# ------------------------------------------------------------ checks

check_tree "after the resumed run"
left_temps=$( (find "$out" -name '.*.tmp*' -type f; find "$out/.scratch" -type f 2> /dev/null) | wc -l)
[ "$left_temps" -eq 0 ] || fail "temporaries left: $(find "$out" -name '.*.tmp*' -type f) $(find "$out/.scratch" -type f 2> /dev/null)"

report="$out/report.json"
ok_now=$(grep -c '"status": "ok"' "$report")
resumed=$(grep -c 'unchanged since an earlier run (manifest.jsonl): not redone' "$report")
skipped=$(grep -c '"status": "skipped"' "$report")
failed_inputs=$(awk '/^      "input": / { input = $2 } /^      "status": "failed"/ { print input }' "$report")
[ "$skipped" -eq "$resumed" ] || fail "$skipped skipped task(s) but $resumed resumed: some were not started"
[ "$(echo "$failed_inputs" | grep -c .)" -eq 1 ] && echo "$failed_inputs" | grep -q "/DELTA_v3_S3_rh.nc\"" ||
  fail "failed tasks are not just the corrupt file: $failed_inputs"
[ "$resumed" -eq "$before" ] || fail "resumed $resumed task(s), the manifest had $before"
[ $((ok_now + resumed)) -eq "$clean_ok" ] ||
  fail "$ok_now ok + $resumed resumed != $clean_ok ok in the clean run"

# Each task once: the killed runs recorded $before distinct tasks and the
# resumed run the rest. A second ok line for a task would be legitimate only
# if its first entry had stopped matching (input, config or outputs
# changed); nothing here changes them, so none may appear.
lines=$(valid_lines "$out/manifest.jsonl" | wc -l)
keys=$(recorded)
torn=$(($(grep -c . "$out/manifest.jsonl") - lines))
[ "$lines" -eq "$keys" ] || fail "manifest.jsonl records $((lines - keys)) task(s) twice"
[ "$keys" -eq "$clean_ok" ] || fail "manifest.jsonl records $keys task(s), the clean run $clean_ok"

visible_nc "$clean" > "$tables/clean_files"
visible_nc "$out" > "$tables/files"
lost=$(comm -23 "$tables/clean_files" "$tables/files" | wc -l)
extra=$(comm -13 "$tables/clean_files" "$tables/files" | wc -l)
rows=$(($(wc -l < "$out/S3/models.csv") - 1))
[ "$rows" -eq "$(grep -c '^S3/' "$tables/files")" ] || fail "models.csv lists $rows file(s)"
"$verify" same "$clean" "$out" > "$logs/same.log" 2>&1 || { cat "$logs/same.log"; fail "outputs differ from the clean run's"; }
echo "resumed run: $ok_now task(s) done, $resumed not redone; manifest: $lines entries, $torn torn line(s)"
[ "$lost" -eq 0 ] && [ "$extra" -eq 0 ] ||
  fail "$lost file(s) lost, $extra file(s) the clean run does not have"
echo "kill_resume.sh: seed $seed, $killed runs killed at ${at} s ($finished finished first)," \
  "$redone tasks redone, $lost files lost, outputs identical to the clean run"
