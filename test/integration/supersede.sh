#!/bin/sh
# A root converted whole, then converted again with run.split_mb: the second
# run must remove the whole-period files its pieces supersede (ILAMB refuses
# overlapping files), leaving exactly the pieces, which concatenate to the
# whole outputs (trendy_verify_split) and pass trendy_check.
#   supersede.sh OUT_ROOT WHOLE_CONFIG SPLIT_CONFIG CLEAN_WHOLE_ROOT TRENDY_ILAMB TRENDY_VERIFY_SPLIT TRENDY_CHECK
set -u
out=$1 whole=$2 split=$3 clean=$4 ilamb=$5 verify=$6 check=$7
fail() { echo "supersede.sh: $1"; exit 1; }
rm -rf "$out"
sed "s#root: [^}]*/out-[a-z0-9]*}#root: $out}#" "$whole" > "$out.whole.yaml"
sed "s#root: [^}]*/out-[a-z0-9]*}#root: $out}#" "$split" > "$out.split.yaml"
grep -q "root: $out}" "$out.whole.yaml" && grep -q "root: $out}" "$out.split.yaml" || fail "cannot point the configs at $out"
"$ilamb" "$out.whole.yaml" > "$out.log" 2>&1
before=$(find "$out" -name '*.nc' | wc -l)
"$ilamb" "$out.split.yaml" >> "$out.log" 2>&1
removed=$(sed -n 's/^removed \([0-9]*\) output file(s) of an earlier run superseded.*/\1/p' "$out.log")
[ -n "$removed" ] && [ "$removed" -gt 0 ] || fail "no superseded file removed"
"$verify" "$out" "$clean" || fail "pieces do not match the whole outputs"
"$check" "$out/S3" > "$out.check.log" 2>&1 || { cat "$out.check.log"; fail "trendy_check failed"; }
echo "supersede.sh: $before files from the whole run; the split run removed $removed superseded ones; pieces verified"
