#!/bin/sh
# Writes the synthetic release once for all integration tests (a CTest
# fixture): 4 model profiles, 2 years at 2 degrees, one corrupt file.
#   make_release.sh TRENDY_SYNTH RELEASE_DIR
set -eu
synth=$1
release=$2
# A fresh release: leftovers of an older run (other options) must not count.
rm -rf "$release"
exec "$synth" --out "$release" --years 2 --res 2
