#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for a while from its seed corpus, without writing into the seeds:
# new inputs go to fuzz-work/<target>/ and a crash, leak or timeout to fuzz-artifacts/ in the
# current (build) directory. Exits non-zero on any finding (libFuzzer's own exit code).
# usage: run-fuzzer.sh <fuzzer binary> <seed corpus dir> <seconds> [libFuzzer flags...]
set -euo pipefail
binary=$1 seeds=$2 seconds=$3
shift 3
name=$(basename "$binary")
work="$PWD/fuzz-work/$name"
artifacts="$PWD/fuzz-artifacts"
mkdir -p "$work" "$artifacts"
# Seed inputs first: every checked-in seed must run clean before any mutation counts.
"$binary" -runs=0 "$seeds" 2>&1 | tail -n 3
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$@" "$work" "$seeds"
