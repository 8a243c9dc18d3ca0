#!/bin/sh
# A batch system's stop signal: the job (trendy_ilamb alone, or mpirun, which
# forwards SIGUSR1 to every rank) is signalled once its first task is
# recorded. Rank 0 must stop handing out work, give running tasks the grace
# period (run.grace_s in the config; tasks still running then are killed and
# reported "interrupted"), write report and manifest, and exit 1 well within
# the grace this test allows (60 s), leaving no partial file; the same
# command then resumes (earlier tasks not redone) and completes.
#   signal.sh SIGNAL OUT_ROOT COMMAND... CONFIG
set -u
sig=$1
out=$2
shift 2
rm -rf "$out"
"$@" > "$out.log" 2>&1 &
pid=$!
i=0
until [ -s "$out/manifest.jsonl" ] || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -"$sig" "$pid"
start=$(date +%s)
wait "$pid"
status=$?
took=$(( $(date +%s) - start ))
fail() { echo "signal.sh: $1"; cat "$out.log"; exit 1; }
[ "$status" -eq 1 ] || fail "exit status $status after SIG$sig, expected 1"
[ "$took" -le 60 ] || fail "took $took s to stop"
grep -q "stopped by signal" "$out.log" || fail "no 'stopped by signal' line"
not_started=$(grep -c "was stopped by signal" "$out/report.json")
interrupted=$(grep -c '"error": "interrupted' "$out/report.json")
[ $((not_started + interrupted)) -gt 0 ] || fail "no task reported as not started or interrupted"
[ -z "$(find "$out" -name '.*.nc.tmp-*')" ] || fail "partial temporaries left behind"
done_before=$(wc -l < "$out/manifest.jsonl")
"$@" > "$out.log2" 2>&1
resumed=$(grep -c 'not redone' "$out/report.json")
[ "$resumed" -eq "$done_before" ] || fail "resumed $resumed tasks, manifest had $done_before"
grep -q "not started" "$out/report.json" && fail "the resumed run left tasks unstarted"
grep -q '"error": "interrupted' "$out/report.json" && fail "the resumed run left tasks interrupted"
echo "signal.sh: SIG$sig: stopped in $took s with $not_started task(s) not started and $interrupted interrupted; resume skipped $resumed done task(s) and completed"
