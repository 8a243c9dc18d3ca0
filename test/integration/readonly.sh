#!/bin/sh
# A read-only output file system: output.root exists but is mounted
# read-only (a bind mount in a private mount namespace, so nothing outside
# this test sees it; needs root, as CI runs). The run must not claim
# success: exit status 1 (tasks could not be written), never a crash or a
# hang, and its last words name the output root. (The wording of that
# message -- the errno behind it -- is issue 15's to improve.)
#   readonly.sh OUT_ROOT TRENDY_ILAMB CONFIG
set -u
out=$1 ilamb=$2 config=$3
fail() { echo "readonly.sh: FAILED: $1"; [ -f "$out.log" ] && tail -n 20 "$out.log"; exit 1; }
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2> /dev/null; then
  echo "readonly.sh: needs root and unshare -m (a private mount namespace): skipped"
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && touch "$1/.probe" 2> /dev/null && exit 3
  timeout 300 "$2" "$3"' sh "$out" "$ilamb" "$config" > "$out.log" 2>&1
status=$?
[ "$status" -ne 3 ] || fail "the bind mount is not read-only"
[ "$status" -ne 124 ] || fail "the run hung (timeout after 300 s)"
[ "$status" -eq 1 ] || fail "exit status $status on a read-only output root, expected 1"
grep -q "$out" "$out.log" || fail "no message names the output root $out"
[ -z "$(ls -A "$out")" ] || fail "files appeared under the output root"
echo "readonly.sh: exit status 1 on a read-only output root: $(tail -n 1 "$out.log")"
