#!/bin/sh
# Runs trendy_ilamb into a fresh output root and expects a given exit status
# (1 for the test release: its corrupt file fails one task, the run goes on).
#   convert.sh EXPECTED_STATUS OUT_ROOT MPIEXEC [MPIEXEC_ARGS...] TRENDY_ILAMB CONFIG
set -u
expected=$1
out=$2
shift 2
# A stale output root would let the resume manifest skip tasks.
rm -rf "$out"
"$@"
status=$?
if [ "$status" -ne "$expected" ]; then
  echo "convert.sh: exit status $status, expected $expected" >&2
  exit 1
fi
echo "convert.sh: exit status $status as expected"
