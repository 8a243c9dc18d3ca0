#!/bin/sh
# Runs a command that must reject its config: exit status 2 (usage or config
# error, DESIGN "Reliability rules") and a message holding each given text.
#   expect_config_error.sh TEXT1 TEXT2 COMMAND [ARGS...]
set -u
text1=$1
text2=$2
shift 2
output=$("$@" 2>&1)
status=$?
printf '%s\n' "$output"
fail=0
if [ "$status" -ne 2 ]; then
  echo "expect_config_error.sh: exit status $status, expected 2" >&2
  fail=1
fi
for text in "$text1" "$text2"; do
  case $output in
    *"$text"*) ;;
    *) echo "expect_config_error.sh: message does not contain '$text'" >&2; fail=1 ;;
  esac
done
exit $fail
