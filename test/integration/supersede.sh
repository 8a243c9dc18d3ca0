#!/bin/sh
# A root converted whole, then converted again with run.split_mb: the second
# run must remove the whole-period files its pieces supersede (ILAMB refuses
# overlapping files), leaving exactly the pieces, which concatenate to the
# whole outputs (trendy_verify_split), form the expected tree of the split
# run (trendy_verify tree) and pass trendy_check. Both runs must exit with
# the given status (1 for the release with its corrupt file).
#   supersede.sh STATUS OUT_ROOT WHOLE_CONFIG SPLIT_CONFIG CLEAN_WHOLE_ROOT TRENDY_ILAMB
#                TRENDY_VERIFY_SPLIT TRENDY_CHECK TRENDY_VERIFY
set -u
expected=$1 out=$2 whole=$3 split=$4 clean=$5 ilamb=$6 verify=$7 check=$8 tree=$9
fail() { echo "supersede.sh: $1"; exit 1; }
rm -rf "$out"
sed "s#root: [^}]*/out-[a-z0-9]*}#root: $out}#" "$whole" > "$out.whole.yaml"
sed "s#root: [^}]*/out-[a-z0-9]*}#root: $out}#" "$split" > "$out.split.yaml"
grep -q "root: $out}" "$out.whole.yaml" && grep -q "root: $out}" "$out.split.yaml" || fail "cannot point the configs at $out"
"$ilamb" "$out.whole.yaml" > "$out.log" 2>&1
status=$?
[ "$status" -eq "$expected" ] || fail "the whole run exited with $status, expected $expected"
before=$(find "$out" -name '*.nc' | wc -l)
"$ilamb" "$out.split.yaml" >> "$out.log" 2>&1
status=$?
[ "$status" -eq "$expected" ] || fail "the split run exited with $status, expected $expected"
removed=$(sed -n 's/^removed \([0-9]*\) output file(s) of an earlier run superseded.*/\1/p' "$out.log")
[ -n "$removed" ] && [ "$removed" -gt 0 ] || fail "no superseded file removed"
"$verify" "$out" "$clean" || fail "pieces do not match the whole outputs"
"$tree" tree "$out" > "$out.tree" 2>&1 || { cat "$out.tree"; fail "not the expected tree of the split run"; }
"$check" "$out/S3" > "$out.check.log" 2>&1 || { cat "$out.check.log"; fail "trendy_check failed"; }
echo "supersede.sh: $before files from the whole run; the split run removed $removed superseded ones; pieces verified"
