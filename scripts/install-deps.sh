#!/usr/bin/env bash
# Installs the Debian packages trendy_ilamb needs to build, test and benchmark.
# Idempotent: only packages that are missing are installed, and apt-get update
# runs only when something has to be installed.
# Usage: install-deps.sh [--quicklook] [--bench]
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libopenmpi-dev openmpi-bin
  libnetcdf-dev netcdf-bin libhdf5-dev
  libyaml-cpp-dev libfmt-dev catch2 libudunits2-dev udunits-bin
  nlohmann-json3-dev libcli11-dev
  time cdo zlib1g-dev libbz2-dev
  libisal-dev libdeflate-dev  # output codec fast path (ISA-L igzip, libdeflate)
  clang libclang-rt-14-dev  # scripts/fuzz.sh: clang and its libFuzzer runtime
  python3  # the schedule simulator's self-test (bench/test_schedule_sim.py, standard library only)
  util-linux  # unshare: the read-only output file system test
)

# Optional: --quicklook also installs what scripts/quicklook.py needs;
# --bench what bench/peers.sh and the peer baselines in ../shared/bench run
# (NCO for the CDO chain, xarray/dask, plots). Not part of the default list;
# CI does not install these.
for arg in "$@"; do
  case "$arg" in
    --quicklook) PACKAGES+=(python3-matplotlib python3-netcdf4 python3-numpy) ;;
    --bench) PACKAGES+=(nco hyperfine python3-netcdf4 python3-numpy python3-cftime python3-xarray python3-dask
                        python3-matplotlib bc) ;;
    *) echo "install-deps: unknown option $arg (known: --quicklook, --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
