#!/bin/sh
# Resume: converts the release, then runs the same command again on the same
# output root. The second run must redo nothing that succeeded (every
# earlier ok task is skipped via manifest.jsonl, only the corrupt file is
# tried again), leave the outputs byte-identical, and list them all in
# models.csv; with --force everything is redone.
#   resume.sh OUT_ROOT MPIEXEC... TRENDY_ILAMB CONFIG
set -u
out=$1
shift
rm -rf "$out"
"$@" > /dev/null 2>&1
ok_first=$(grep -c '"status": "ok"' "$out/report.json")
sums_first=$(find "$out" -name '*.nc' -exec md5sum {} + | sort -k2 | md5sum)
"$@" > /dev/null 2>&1
resumed=$(grep -c 'not redone' "$out/report.json")
ok_second=$(grep -c '"status": "ok"' "$out/report.json")
sums_second=$(find "$out" -name '*.nc' -exec md5sum {} + | sort -k2 | md5sum)
rows=$(($(wc -l < "$out/S3/models.csv") - 1))
files=$(find "$out/S3" -name '*.nc' | wc -l)
echo "first run: $ok_first ok; second run: $resumed resumed, $ok_second redone; models.csv rows $rows, files $files"
[ "$ok_first" -gt 0 ] && [ "$resumed" -eq "$ok_first" ] && [ "$ok_second" -eq 0 ] &&
  [ "$sums_first" = "$sums_second" ] && [ "$rows" -eq "$files" ] || { echo "resume.sh: FAILED"; exit 1; }
"$@" --force > /dev/null 2>&1
forced=$(grep -c '"status": "ok"' "$out/report.json")
echo "--force: $forced redone"
[ "$forced" -eq "$ok_first" ] || { echo "resume.sh: --force did not redo everything"; exit 1; }
echo "resume.sh: ok"
