#!/bin/sh
# --version prints the project's version and exits 0.
#   version.sh VERSION PROGRAM
set -u
out=$("$2" --version 2>&1)
status=$?
[ "$status" -eq 0 ] || { echo "version.sh: exit status $status, expected 0"; exit 1; }
[ "$out" = "$1" ] || { echo "version.sh: printed '$out', expected '$1'"; exit 1; }
echo "version.sh: $2 --version printed $out"
