#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a while from its seed corpus, without writing into the seeds:
# new inputs go to fuzz-work/<target>/ and a crash, leak or timeout to fuzz-artifacts/ in the
# current (build) directory. Exits non-zero on any finding (libFuzzer's own exit code).
# With PARLA_FUZZ_SEED set (the ctest tests set it), the run is reproducible: a fixed seed and an
# empty work folder, so a slower machine runs a prefix of what a faster one ran with that seed.
# Whatever it finds is printed as base64 too, so that a CI log alone is enough to reproduce it.
# usage: run-fuzzer.sh <fuzzer binary> <seed corpus dir> <seconds> [libFuzzer flags...]
set -euo pipefail
binary=$1 seeds=$2 seconds=$3
shift 3
name=$(basename "$binary")
work="$PWD/fuzz-work/$name"
artifacts="$PWD/fuzz-artifacts"
seed=()
if [ -n "${PARLA_FUZZ_SEED:-}" ]; then
  rm -rf "$work"
  seed=(-seed="$PARLA_FUZZ_SEED")
fi
mkdir -p "$work" "$artifacts"
marker=$(mktemp)
# Seed inputs first: every checked-in seed must run clean before any mutation counts.
"$binary" -runs=0 "$seeds" 2>&1 | tail -n 3
status=0
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "${seed[@]}" "$@" "$work" "$seeds" ||
  status=$?
if [ "$status" != 0 ]; then
  find "$artifacts" -name "$name-*" -newer "$marker" | while read -r found; do
    echo "== $found (base64; reproduce: base64 -d > input && $binary input)"
    base64 "$found"
  done
fi
rm -f "$marker"
exit "$status"
