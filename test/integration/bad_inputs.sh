#!/bin/sh
# Bad inputs and a bad environment: each fails only its own task, with a
# reason that names the file and says what went wrong, and leaves no partial
# output; every good file still converts. The release is one good synthetic
# model (ALPHA) plus:
#   BROKEN/S3/  zero-byte, truncated (first half of a good file), garbage
#               (random bytes), HDF5-corrupt (a good file whose superblock is
#               overwritten), permission-denied (mode 000), and a good file
#               whose read crashes with SIGSEGV (fault_inject shim, a stand-in
#               for a crash inside netCDF/HDF5: the task must be reported
#               failed with the signal, the job must go on)
#   LOCKED/S3/  a good file whose output folder is not writable
#   FULL/S3/    a good file whose output folder is on a "full disk": the shim
#               fails writes there with ENOSPC after the first 64 KiB, while
#               the data are written (TI_BAD_INPUTS_ENOSPC_AFTER changes it;
#               a few KiB make the define phase fail instead)
# As root, trendy_ilamb runs as nobody (setpriv), or permissions would not
# bite. Set TI_BAD_INPUTS_SKIP_CRASH=1 to leave the crash case out.
#   bad_inputs.sh WORK_DIR TRENDY_SYNTH TRENDY_VERIFY FAULT_SHIM MPIEXEC [MPIEXEC_ARGS...] TRENDY_ILAMB
set -u
work=$1
synth=$2
verify=$3
shim=$4
shift 4
# The last argument is trendy_ilamb; the ones before it launch it.
i=0
n=$#
for a do
  i=$((i + 1))
  [ "$i" -eq 1 ] && set --
  if [ "$i" -lt "$n" ]; then set -- "$@" "$a"; else ilamb=$a; fi
done

fail() { echo "bad_inputs.sh: FAILED: $1"; [ -f "$work.log" ] && tail -n 40 "$work.log"; exit 1; }

release=$work/release
out=$work/out
config=$work/config.yaml
[ -d "$work" ] && chmod -R u+rwX "$work" 2>/dev/null
rm -rf "$work" "$work.log" "$work.ranks" "$work.verify"
mkdir -p "$work" || fail "cannot create $work"

"$synth" --out "$release" --models 1 --years 2 --res 2 > /dev/null || fail "trendy_synth failed"
good_dir=$release/ALPHA/S3
good=$good_dir/ALPHA_S3_gpp.nc
[ -f "$good" ] || fail "no $good"
size=$(wc -c < "$good")

# Bad inputs, one task each; the expected error text follows '='.
broken=$release/BROKEN/S3
mkdir -p "$broken" "$release/LOCKED/S3" "$release/FULL/S3"
: > "$broken/BROKEN_S3_gpp.nc"
head -c $((size / 2)) "$good" > "$broken/BROKEN_S3_npp.nc"
head -c 65536 /dev/urandom > "$broken/BROKEN_S3_ra.nc"
cp "$good" "$broken/BROKEN_S3_rh.nc"
# Keep the HDF5 signature (8 bytes), overwrite the superblock after it
# with 0xff (the same damage every run).
head -c 96 /dev/zero | tr '\000' '\377' |
  dd of="$broken/BROKEN_S3_rh.nc" bs=1 seek=8 conv=notrunc 2> /dev/null
cp "$good" "$broken/BROKEN_S3_nbp.nc"
chmod 000 "$broken/BROKEN_S3_nbp.nc"
cp "$good" "$release/LOCKED/S3/LOCKED_S3_gpp.nc"
cp "$good" "$release/FULL/S3/FULL_S3_gpp.nc"
expect="BROKEN_S3_gpp.nc=cannot open as NetCDF"
expect="$expect,BROKEN_S3_npp.nc=cannot open as NetCDF"
expect="$expect,BROKEN_S3_ra.nc=cannot open as NetCDF"
expect="$expect,BROKEN_S3_rh.nc=cannot open as NetCDF"
expect="$expect,BROKEN_S3_nbp.nc=Permission denied"
expect="$expect,LOCKED_S3_gpp.nc=Permission denied"
expect="$expect,FULL_S3_gpp.nc=No space left on device"
crash_match=
if [ "${TI_BAD_INPUTS_SKIP_CRASH:-0}" != 1 ]; then
  cp "$good" "$broken/BROKEN_S3_cVeg.nc"
  crash_match=BROKEN_S3_cVeg.nc
  expect="$expect,BROKEN_S3_cVeg.nc=signal 11"
fi
bad_tried=$(printf '%s\n' "$expect" | tr ',' '\n' | wc -l)

# The output root, with the model folder of LOCKED already there and not
# writable (what a folder owned by someone else looks like).
mkdir -p "$out/S3/LOCKED"
printf 'input: {root: %s}\noutput: {root: %s}\nrun: {memory_mb: 64}\n' "$release" "$out" > "$config"
as_user=
# The process ids of the ranks (not of any child a rank forks), so that a
# crash of a rank itself can be told from a crash the tool contained.
ranks=$work.ranks
: > "$ranks"
if [ "$(id -u)" -eq 0 ]; then
  chmod -R a+rX "$release"
  chmod 000 "$broken/BROKEN_S3_nbp.nc"
  chown -R 65534:65534 "$out" "$ranks"
  chown root:root "$out/S3/LOCKED"
  as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
chmod 0555 "$out/S3/LOCKED"

# Anything written outside the output root during the run is a bug.
stamp=$work/.stamp
: > "$stamp"
sleep 1
# The shim goes to the ranks only (-x), not to mpirun.
set -- "$@" -x LD_PRELOAD="$shim" -x TI_FAULT_ENOSPC_DIR="$out/S3/FULL" \
  -x TI_FAULT_ENOSPC_AFTER="${TI_BAD_INPUTS_ENOSPC_AFTER:-65536}"
# The crash comes in nc_open itself: the planner's header read on rank 0
# meets it first (contained in its task server), then the task's worker.
[ -n "$crash_match" ] && set -- "$@" -x TI_FAULT_SEGV_MATCH="$crash_match" -x TI_FAULT_SEGV_AT=open
$as_user "$@" sh -c 'echo $$ >> "$0"; exec "$@"' "$ranks" "$ilamb" "$config" > "$work.log" 2>&1
status=$?

chmod 0755 "$out/S3/LOCKED"
if [ ! -f "$out/report.json" ]; then
  [ -n "$crash_match" ] && echo "bad_inputs.sh: note: the crash case ($crash_match) needs crash" \
    "containment (tasks in child processes); TI_BAD_INPUTS_SKIP_CRASH=1 leaves it out"
  fail "exit status $status and no report.json: the job itself died"
fi
[ "$status" -eq 1 ] || fail "exit status $status, expected 1 (some tasks failed)"
"$verify" report "$out" --expect-failed "$expect" > "$work.verify" 2>&1 ||
  { cat "$work.verify"; fail "report.json does not show exactly the bad tasks failed, for their reasons"; }
partial=$(find "$out" -name '.*.tmp*')
[ -z "$partial" ] || fail "partial temporaries left behind: $partial"
stray=$(find "$out/S3/BROKEN" "$out/S3/LOCKED" "$out/S3/FULL" -name '*.nc' 2> /dev/null)
[ -z "$stray" ] || fail "failed tasks left output: $stray"
# -mindepth 1: $work itself got its mtime from creating the stamp (a few ns
# after the stamp's own), so it may count as newer without anything written.
outside=$(find "$work" -mindepth 1 -newer "$stamp" ! -path "$out" ! -path "$out/*")
[ -z "$outside" ] || fail "written outside the output root: $outside"

failed=$(grep -c '"status": "failed"' "$out/report.json")
converted=$(grep -c '"status": "ok"' "$out/report.json")
[ "$failed" -eq "$bad_tried" ] || fail "$failed failed tasks, expected $bad_tried"
[ "$converted" -gt 0 ] || fail "no good file converted"
# mpirun's status is the first rank's to end: a rank that crashes later (in
# the libraries' exit handlers, say) shows only in Open MPI's crash report.
grep -q "exited on signal" "$work.log" && fail "a rank died of a signal"
for pid in $(cat "$ranks"); do
  grep -q ":$pid\] \*\*\* Process received signal" "$work.log" &&
    fail "rank process $pid crashed after its tasks were reported (the rank itself, not a task; see the backtrace)"
done
# The reasons, for the log.
grep '"error": "/' "$out/report.json" | sed 's/^ *"error": //'
echo "bad_inputs.sh: $bad_tried bad inputs tried, $failed failed as expected, $converted good converted"
