#!/usr/bin/env bash
# Builds and runs the whole test suite (unit tests, MPI farm tests,
# end-to-end conversions under mpirun) with CTest, then the fuzz targets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ctest --test-dir build --output-on-failure --no-tests=error -j2
# Bounded fuzzing of the time-units parser, the units normaliser and the
# config loader (libFuzzer, clang build in build-fuzz/); fails on any finding.
bash scripts/fuzz.sh "${TI_FUZZ_SECONDS:-60}"
