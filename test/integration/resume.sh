#!/bin/sh
# Resume: converts the release, then runs the same command again on the same
# output root. Every run must exit with the given status (1 for the release
# with its corrupt file: that task fails every time). The second run must
# redo nothing that succeeded (every earlier ok task is skipped via
# manifest.jsonl, only the failed one is tried again), leave the outputs
# byte-identical, and list them all in models.csv; with --force every task
# is redone: every output file is written anew (a new file renamed into
# place: a new inode), none is "not redone", and the tree is still the
# expected one.
#   resume.sh STATUS OUT_ROOT TRENDY_VERIFY MPIEXEC... TRENDY_ILAMB CONFIG
set -u
expected=$1 out=$2 verify=$3
shift 3
fail() { echo "resume.sh: FAILED: $1"; exit 1; }
run() {
  "$@" > "$out.log" 2>&1
  status=$?
  [ "$status" -eq "$expected" ] || { tail -n 20 "$out.log"; fail "$label: exit status $status, expected $expected"; }
  "$verify" tasks "$out" > "$out.tasks" || fail "$label: cannot read report.json"
}
count() { grep -c "$1" "$out.tasks"; }
inodes() { find "$out" -name '*.nc' -printf '%P %i\n' | sort; }

rm -rf "$out"
label="first run" run "$@"
ok_first=$(count '	ok	')
sums_first=$(find "$out" -name '*.nc' -exec md5sum {} + | sort -k2 | md5sum)
inodes > "$out.inodes1"

label="second run" run "$@"
resumed=$(count 'not redone')
ok_second=$(count '	ok	')
sums_second=$(find "$out" -name '*.nc' -exec md5sum {} + | sort -k2 | md5sum)
rows=$(($(wc -l < "$out/S3/models.csv") - 1))
files=$(find "$out/S3" -name '*.nc' | wc -l)
echo "first run: $ok_first ok; second run: $resumed resumed, $ok_second redone; models.csv rows $rows, files $files"
[ "$ok_first" -gt 0 ] || fail "the first run converted nothing"
[ "$resumed" -eq "$ok_first" ] || fail "resumed $resumed of $ok_first done tasks"
[ "$ok_second" -eq 0 ] || fail "$ok_second done task(s) redone"
[ "$sums_first" = "$sums_second" ] || fail "outputs changed"
[ "$rows" -eq "$files" ] || fail "models.csv has $rows rows for $files files"

label="--force run" run "$@" --force
forced=$(count '	ok	')
[ "$(count 'not redone')" -eq 0 ] || fail "--force left tasks not redone"
[ "$forced" -eq "$ok_first" ] || fail "--force redid $forced of $ok_first tasks"
inodes > "$out.inodes2"
same_inode=$(join "$out.inodes1" "$out.inodes2" | awk '$2 == $3' | wc -l)
[ "$same_inode" -eq 0 ] || fail "--force left $same_inode output file(s) untouched: $(join "$out.inodes1" "$out.inodes2" | awk '$2 == $3 { print $1 }' | head -3)"
[ "$(wc -l < "$out.inodes2")" -eq "$(wc -l < "$out.inodes1")" ] || fail "--force changed the set of files"
"$verify" tree "$out" > "$out.tree" 2>&1 || { cat "$out.tree"; fail "the tree after --force is not the expected tree"; }
echo "--force: $forced redone, every output file rewritten; resume.sh: ok"
