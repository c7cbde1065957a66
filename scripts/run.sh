#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Parla (optimised) and launches it. Arguments go to Parla, e.g.:
#   scripts/run.sh --demo      local Prosody on loopback, signed in as alice (bob is a contact)
#   scripts/run.sh --profile DIR
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target parla
exec build/release/app/parla "$@"
