#!/bin/sh
# SIGTERM (a batch system's time limit): trendy_ilamb, one rank without
# mpirun, is signalled once its first task is recorded. It must stop handing
# out work, finish the running task, write report and manifest, exit 1 within
# the grace this test allows (60 s), and leave no partial file; the same
# command then resumes (earlier tasks not redone) and completes.
#   signal.sh OUT_ROOT TRENDY_ILAMB CONFIG
set -u
out=$1
bin=$2
config=$3
rm -rf "$out"
"$bin" "$config" > "$out.log" 2>&1 &
pid=$!
i=0
until [ -s "$out/manifest.jsonl" ] || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM "$pid"
start=$(date +%s)
wait "$pid"
status=$?
took=$(( $(date +%s) - start ))
fail() { echo "signal.sh: $1"; cat "$out.log"; exit 1; }
[ "$status" -eq 1 ] || fail "exit status $status after SIGTERM, expected 1"
[ "$took" -le 60 ] || fail "took $took s to stop"
grep -q "stopped by signal 15" "$out.log" || fail "no 'stopped by signal' line"
not_started=$(grep -c "stopped by signal 15; run the same command" "$out/report.json")
[ "$not_started" -gt 0 ] || fail "no task reported as not started"
[ -z "$(find "$out" -name '.*.nc.tmp-*')" ] || fail "partial temporaries left behind"
done_before=$(wc -l < "$out/manifest.jsonl")
"$bin" "$config" > "$out.log2" 2>&1
resumed=$(grep -c 'not redone' "$out/report.json")
[ "$resumed" -eq "$done_before" ] || fail "resumed $resumed tasks, manifest had $done_before"
grep -q "not started" "$out/report.json" && fail "the resumed run left tasks unstarted"
echo "signal.sh: stopped in $took s with $not_started task(s) not started; resume skipped $resumed done task(s) and completed"
