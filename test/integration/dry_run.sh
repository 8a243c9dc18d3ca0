#!/bin/sh
# --dry-run prints the plan and writes nothing: exit status 0, the output
# root is not created, and the listing (task count, fixed-field folders,
# every task's output variable and input) is the expected tree's
# (trendy_verify plan).
#   dry_run.sh TRENDY_VERIFY OUT_ROOT TRENDY_ILAMB CONFIG
set -u
verify=$1 out=$2 ilamb=$3 config=$4
fail() { echo "dry_run.sh: FAILED: $1"; exit 1; }
rm -rf "$out"
"$ilamb" --dry-run "$config" > "$out.log" 2>&1
status=$?
[ "$status" -eq 0 ] || { cat "$out.log"; fail "exit status $status, expected 0"; }
[ ! -e "$out" ] || fail "the dry run wrote under the output root: $(find "$out" | head -5)"
"$verify" plan "$out.log" "$config" || { head -n 5 "$out.log"; fail "the plan is not the expected one"; }
echo "dry_run.sh: $(head -n 1 "$out.log"); nothing written"
