#!/usr/bin/env bash
# Builds and runs the whole test suite (unit tests, MPI farm tests,
# end-to-end conversions under mpirun) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ctest --test-dir build --output-on-failure -j2
