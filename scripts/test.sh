#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds everything (warnings are errors) and runs every test: unit, integration against a real
# Prosody started by the tests on loopback, and offscreen widget tests; then builds the
# libFuzzer targets (clang, ASan, UBSan) and runs each for PARLA_FUZZ_SECONDS (default 15; 0
# skips them). Benchmarks are built (so they keep compiling) but run separately: scripts/bench.sh.
# Long fuzzing runs: scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The launch command's configuration and folder (scripts/run.sh): after the tests, launching
# Parla builds nothing again.
preset="${PARLA_TEST_PRESET:-release}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
export QT_QPA_PLATFORM=offscreen
# Headless machines have no keyring: tests use in-memory or file password stores explicitly.
export PARLA_PASSWORD_FILE_FALLBACK=1
status=0
ctest --preset "$preset" --output-on-failure "$@" || status=$?

fuzz_seconds="${PARLA_FUZZ_SECONDS:-15}"
if [ "$fuzz_seconds" != 0 ]; then
  cmake --preset fuzz -DPARLA_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
  cmake --build --preset fuzz
  ctest --preset fuzz -j 2 || status=$?
fi
exit $status
