#!/bin/sh
# run.on_error: stop. The release holds one garbage file larger than any
# good one, so largest-first hands it out first; with one worker (-np 2)
# nothing else has started when it fails. The run must exit 1, report that
# file failed and every other task "not started" (none lost, none run), and
# leave no output. The same command again behaves the same (its status is
# checked too); without on_error: stop every good file converts.
#   on_error_stop.sh TRENDY_VERIFY OUT_ROOT MPIEXEC... TRENDY_ILAMB CONFIG
set -u
verify=$1 out=$2
shift 2
bad=ALPHA_S3_fFire.nc
fail() { echo "on_error_stop.sh: FAILED: $1"; [ -f "$out.log" ] && tail -n 20 "$out.log"; exit 1; }
eval "config=\${$#}"
rm -rf "$out"
for attempt in first second; do
  "$@" > "$out.log" 2>&1
  status=$?
  [ "$status" -eq 1 ] || fail "$attempt run: exit status $status, expected 1"
  "$verify" tasks "$out" > "$out.tasks" || fail "$attempt run: no report"
  total=$(grep -c . "$out.tasks")
  failed=$(grep -c '	failed	' "$out.tasks")
  unstarted=$(grep -c '	skipped	not started: the run stopped after a failure (run.on_error: stop)' "$out.tasks")
  grep -q "^$bad	convert	failed	" "$out.tasks" || fail "$attempt run: $bad did not fail"
  [ "$failed" -eq 1 ] || fail "$attempt run: $failed failed tasks, expected 1"
  [ "$unstarted" -eq $((total - 1)) ] ||
    fail "$attempt run: $unstarted of $((total - 1)) other tasks reported not started"
  [ "$unstarted" -gt 0 ] || fail "$attempt run: nothing was left unstarted"
  [ -z "$(find "$out" -name '*.nc')" ] || fail "$attempt run: outputs written after the stop: $(find "$out" -name '*.nc' | head -3)"
done
# The same release without the stop: every other task runs.
sed 's/on_error: stop/on_error: continue/' "$config" > "$out.continue.yaml"
# The same command with the last argument (the config) replaced.
n=$# i=0
for a do
  i=$((i + 1))
  [ "$i" -eq 1 ] && set --
  if [ "$i" -lt "$n" ]; then set -- "$@" "$a"; else set -- "$@" "$out.continue.yaml"; fi
done
"$@" > "$out.log" 2>&1
status=$?
[ "$status" -eq 1 ] || fail "on_error continue: exit status $status, expected 1"
"$verify" tasks "$out" > "$out.tasks" || fail "on_error continue: no report"
[ "$(grep -c '	failed	' "$out.tasks")" -eq 1 ] || fail "on_error continue: not exactly the bad file failed"
grep -q 'not started' "$out.tasks" && fail "on_error continue: tasks left unstarted"
echo "on_error_stop.sh: $bad failed first, $unstarted task(s) reported not started, nothing written; twice;" \
  "with on_error continue all $(grep -c '	ok	' "$out.tasks") other tasks ok"
