#!/bin/sh
# A batch system's stop signal, sent while a task is known to be running:
# the fault shim stalls the commit (rename) of one output -- the largest
# task's, handed out first -- and the job (trendy_ilamb alone, or mpirun,
# which forwards SIGUSR1 to every rank) is signalled once the shim has
# marked the stall. Rank 0 must stop handing out work, give running tasks
# the grace period (run.grace_s in the config), write report and manifest,
# exit 1 and leave no temporary behind:
#   grace     (grace_s long, stall 3 s): no task is interrupted, the stalled
#             one finishes ok within the grace;
#   no-grace  (grace_s 0, stall 120 s): the stalled task is interrupted at
#             once; the job stops within 30 s, long before the stall ends.
# Then the same command (no shim) resumes: its exit status is the one given
# (1 for the release with its corrupt file), it redoes nothing the manifest
# holds, leaves nothing unstarted or interrupted, and the tree equals a
# clean run's (trendy_verify same) and the expected tree (trendy_verify tree).
#   signal.sh MODE SIGNAL OUT_ROOT CLEAN_ROOT TRENDY_VERIFY SHIM RESUME_STATUS COMMAND... CONFIG
set -u
mode=$1 sig=$2 out=$3 clean=$4 verify=$5 shim=$6 resume_status=$7
shift 7
match=gpp_Lmon_G01_HALFDEG_S3_
case $mode in
  grace) stall=3 ;;
  no-grace) stall=120 ;;
  *) echo "signal.sh: unknown mode $mode"; exit 2 ;;
esac
mark=$out.stall
rm -rf "$out" "$mark" "$out.log" "$out.log2"
fail() { echo "signal.sh ($mode, SIG$sig): $1"; [ -f "$out.log" ] && tail -n 30 "$out.log"; exit 1; }

env LD_PRELOAD="$shim" TI_FAULT_STALL_MATCH="$match" TI_FAULT_STALL_MARK="$mark" \
  TI_FAULT_STALL_S="$stall" "$@" > "$out.log" 2>&1 &
pid=$!
# Poll for the stall (generous: a loaded machine may take long to start).
i=0
until [ -s "$mark" ]; do
  kill -0 "$pid" 2> /dev/null || fail "the job ended before the stalled task was reached"
  i=$((i + 1))
  [ $i -ge 1200 ] && { kill -9 "$pid"; fail "no task stalled within 120 s"; }
  sleep 0.1
done
kill -"$sig" "$pid"
start=$(date +%s)
wait "$pid"
status=$?
took=$(( $(date +%s) - start ))

[ "$status" -eq 1 ] || fail "exit status $status after SIG$sig, expected 1"
grep -q "stopped by signal" "$out.log" || fail "no 'stopped by signal' line"
# One line per task: "<input basename> <kind> <status> <error>" (tab-separated).
"$verify" tasks "$out" > "$out.tasks" || fail "cannot read report.json"
stalled=$(grep '^halfdeg_S3_gpp.nc	convert	' "$out.tasks")
interrupted=$(grep -c '	interrupted' "$out.tasks")
not_started=$(grep -c 'not started: the run was stopped by signal' "$out.tasks")
[ -z "$(find "$out" -name '.*.nc.tmp-*')" ] || fail "partial temporaries left behind"
[ -n "$stalled" ] || fail "the stalled task is not in the report"
if [ "$mode" = no-grace ]; then
  [ "$took" -le 30 ] || fail "took $took s to stop with grace_s 0 (the stall lasts $stall s)"
  case $stalled in *"	skipped	interrupted"*) ;; *) fail "the stalled task was not interrupted: $stalled" ;; esac
else
  [ "$interrupted" -eq 0 ] || fail "$interrupted task(s) interrupted although grace_s outlasts the stall"
  case $stalled in *"	ok	"*) ;; *) fail "the stalled task did not end ok: $stalled" ;; esac
fi

done_before=0
[ -f "$out/manifest.jsonl" ] && done_before=$(grep -c . "$out/manifest.jsonl")
"$@" > "$out.log2" 2>&1
status=$?
[ "$status" -eq "$resume_status" ] || fail "the resumed run exited with $status, expected $resume_status"
"$verify" tasks "$out" > "$out.tasks" || fail "cannot read report.json"
resumed=$(grep -c 'not redone' "$out.tasks")
[ "$resumed" -eq "$done_before" ] || fail "resumed $resumed tasks, the manifest had $done_before"
grep -q "not started" "$out.tasks" && fail "the resumed run left tasks unstarted"
grep -q '	interrupted' "$out.tasks" && fail "the resumed run left tasks interrupted"
"$verify" same "$out" "$clean" > "$out.same" 2>&1 || { cat "$out.same"; fail "the resumed tree differs from the clean run's"; }
"$verify" tree "$out" > "$out.tree" 2>&1 || { cat "$out.tree"; fail "the resumed tree is not the expected tree"; }
echo "signal.sh ($mode): SIG$sig during a stalled commit: stopped in $took s, $interrupted interrupted," \
  "$not_started not started; resume skipped $resumed done task(s), exit $status; tree = the clean run's"
