#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) into
# build-fuzz/ and runs each for SECONDS (default 60) from the corpus in
# fuzz/corpus/<target>/. The repo corpus is only read: each run starts from a
# copy in build-fuzz/run/<target>/corpus, wiped at every start. Exits 1 if a
# target found a crash, a sanitizer error, a leak, a timeout or an OOM, after
# printing the reproducer's path and its bytes in hex, or if fuzz/lsan.supp
# hides a leak of the project's kind or no longer hides libudunits2's known
# one (checked first, see below); 2 on a usage/build error.
#   Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: time_units units config)
# Needs clang and libclang-rt-14-dev (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "fuzz: SECONDS must be a positive whole number (got '$seconds')" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))
targets=("$@")
((${#targets[@]})) || targets=(time_units units config)

for tool in clang clang++ cmake; do
  if ! command -v "$tool" >/dev/null; then
    echo "fuzz: $tool not found; run 'bash scripts/install-deps.sh'" >&2
    exit 2
  fi
done

build=$root/build-fuzz
jobs=$(nproc)
((jobs > 2)) && jobs=2
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
echo "fuzz: building $build (clang, -fsanitize=fuzzer,address,undefined)"
cmake -S fuzz -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$jobs" >/dev/null

# Sanitizer settings: stop at the first error; libudunits2's one known leak
# (its scanner's, see fuzz/lsan.supp) is suppressed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/fuzz/lsan.supp}

# The suppression, checked both ways under the settings above (skipped when
# leak detection is off): LSan must report the project-style UDUNITS-2 leaks
# of build-fuzz/lsan_canary (a ut_unit from ut_parse, a cv_converter, never
# freed), and must not report the scanner's leak on fuzz/lsan_scanner_leak.
# Exits 1 if either fails: then lsan.supp hides too much or too little.
lsan_check() {
  local log=$build/run/lsan/$1.log rc=0
  shift
  "$@" >"$log" 2>&1 || rc=$?
  echo "$rc"
}
if [[ "$ASAN_OPTIONS:$LSAN_OPTIONS" =~ (^|:)detect_leaks=(0|false) ]]; then
  echo "fuzz: leak detection is off; the lsan.supp checks are skipped"
else
  rm -rf "$build/run/lsan"
  mkdir -p "$build/run/lsan"
  lsan_failed=0
  for what in unit converter; do
    rc=$(lsan_check "canary-$what" "$build/lsan_canary" "$what")
    if ((rc == 0)) || ! grep -q 'ERROR: LeakSanitizer: detected memory leaks' "$build/run/lsan/canary-$what.log"; then
      echo "fuzz: lsan.supp hides a leaked UDUNITS-2 $what (lsan_canary $what, exit $rc; log: $build/run/lsan/canary-$what.log)" >&2
      grep -a '^lsan_canary: ' "$build/run/lsan/canary-$what.log" >&2 || true
      lsan_failed=1
    fi
  done
  rc=$(lsan_check scanner "$build/fuzz_units" "$root/fuzz/lsan_scanner_leak")
  if ((rc != 0)) || grep -q -a 'ERROR: ' "$build/run/lsan/scanner.log"; then
    echo "fuzz: the libudunits2 scanner leak is not suppressed (fuzz_units fuzz/lsan_scanner_leak, exit $rc; log: $build/run/lsan/scanner.log):" >&2
    grep -a -E 'ERROR: |SUMMARY: |^ +#[0-9]+ ' "$build/run/lsan/scanner.log" | head -12 >&2 || true
    lsan_failed=1
  fi
  if ((lsan_failed)); then
    echo "fuzz: FAILED: lsan.supp" >&2
    exit 1
  fi
  echo "fuzz: lsan.supp checked: the canary's unit and converter leaks reported, the scanner leak suppressed"
fi

max_len() { [[ $1 == config ]] && echo 4096 || echo 512; }

failed=()
summary=()
for t in "${targets[@]}"; do
  exe=$build/fuzz_$t
  if [[ ! -x $exe || ! -d fuzz/corpus/$t ]]; then
    echo "fuzz: unknown target '$t' (known: time_units units config)" >&2
    exit 2
  fi
  run=$build/run/$t
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/artifacts"
  cp fuzz/corpus/"$t"/* "$run/corpus/"
  seeds=$(find "$run/corpus" -type f | wc -l)
  dict=()
  [[ -f fuzz/dict/$t.dict ]] && dict=(-dict="$root/fuzz/dict/$t.dict")
  echo "fuzz: $t for ${seconds}s from $seeds seeds (log: $run/log)"
  rc=0
  "$exe" "$run/corpus" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -max_len="$(max_len "$t")" -print_final_stats=1 \
    -artifact_prefix="$run/artifacts/" >"$run/log" 2>&1 || rc=$?
  done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$run/log" | tail -1 || true)
  execs=$(grep -a 'stat::number_of_executed_units' "$run/log" | awk '{print $2}' || true)
  rate=$(grep -a 'stat::average_exec_per_sec' "$run/log" | awk '{print $2}' || true)
  rss=$(grep -a 'stat::peak_rss_mb' "$run/log" | awk '{print $2}' || true)
  corp=$(sed -n 's/.*corp: \([0-9]*\/[0-9]*[kKmM]*b\).*/\1/p' <<<"$done_line")
  [[ -n $corp ]] || corp="$(find "$run/corpus" -type f | wc -l) files"
  line="$t: ${execs:-?} runs, ${rate:-?} exec/s, corpus $seeds seeds -> $corp, peak RSS ${rss:-?} MB"
  mapfile -t artifacts < <(find "$run/artifacts" -type f | sort)
  if ((rc != 0 || ${#artifacts[@]} > 0)); then
    failed+=("$t")
    line+=", FAILED (exit $rc)"
    echo "fuzz: $t FAILED (libFuzzer exit $rc); the report:" >&2
    grep -a -E 'ERROR: |SUMMARY: |^fuzz_[a-z_]+: |runtime error|terminate called|what\(\)' "$run/log" | head -20 >&2 || true
    for a in "${artifacts[@]}"; do
      echo "fuzz: reproducer $a ($(wc -c <"$a") bytes); rerun: $exe $a" >&2
      od -An -tx1 -v "$a" | head -40 >&2
    done
    ((${#artifacts[@]})) || echo "fuzz: no reproducer was written; see $run/log" >&2
  fi
  summary+=("$line")
done

echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no findings"
