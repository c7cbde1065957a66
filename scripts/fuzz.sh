#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Long fuzzing runs (the test command runs each target for 15 s only).
#   scripts/fuzz.sh [--seconds N] [--jobs J] [--merge] [target...]
# Builds the libFuzzer targets of tests/fuzz (clang 14, ASan, UBSan; preset "fuzz") and runs
# each named target (default: all) for N seconds (default 600) with J parallel jobs (default 1),
# keeping what it finds in build/fuzz/fuzz-work/<target>/ and any crash, leak or timeout in
# build/fuzz/fuzz-artifacts/. With --merge, inputs that add coverage are merged into the
# checked-in seed corpus tests/fuzz/corpus/<target>/ afterwards (review and commit them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=600 jobs=1 merge=0 targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --merge) merge=1; shift ;;
    -h|--help) sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/fuzz_*.cpp; do t=$(basename "$f" .cpp); targets+=("${t#fuzz_}"); done
fi
cd build/fuzz
status=0
for t in "${targets[@]}"; do
  echo "== fuzz_$t: $seconds s, $jobs job(s)"
  extra=()
  [ "$jobs" -gt 1 ] && extra=(-jobs="$jobs" -workers="$jobs")
  ../../tests/fuzz/run-fuzzer.sh "tests/fuzz/fuzz_$t" "../../tests/fuzz/corpus/$t" "$seconds" \
    "${extra[@]}" || status=1
  if [ "$merge" -eq 1 ]; then
    "tests/fuzz/fuzz_$t" -merge=1 "../../tests/fuzz/corpus/$t" "fuzz-work/fuzz_$t" 2>&1 | tail -n 1
  fi
done
exit $status
