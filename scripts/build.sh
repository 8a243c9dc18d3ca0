#!/usr/bin/env bash
# Configures and builds trendy_ilamb into build/ (Release with debug info,
# warnings as errors). Idempotent; reuses an existing build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTI_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
