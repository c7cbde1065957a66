#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The layering rule of docs/architecture.md, as a test: a folder of core/ may include only
# itself and the layers below it (types ← xmpp ← storage ← services ← models ← session; text
# beside xmpp), and no core/ file includes a Widgets header, ui/, omemo/ or jingle/.
# Prints every offending #include and exits 1 if there is one.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

declare -A allowed=(
  [types]="types"
  [text]="text"
  [xmpp]="types xmpp"
  [storage]="types xmpp storage"
  [services]="types text xmpp storage services"
  [models]="types text xmpp storage services models"
  [session]="types text xmpp storage services models session"
)
layers="types text xmpp storage services models session"
status=0
for layer in $layers; do
  [ -d "core/$layer" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    rest=${line#*:}
    lineno=${rest%%:*}
    include=$(sed -E 's/.*#include[[:space:]]*[<"]([^>"]*)[>"].*/\1/' <<<"${rest#*:}")
    # Relative includes are resolved against the including file's folder.
    case "$include" in
      ../*) target=$(realpath -m --relative-to=core "$(dirname "$file")/$include") ;;
      *) target=$include ;;
    esac
    target=${target#core/}
    top=${target%%/*}
    if [[ " $layers " == *" $top "* ]] && [[ "$target" == */* ]]; then
      if [[ " ${allowed[$layer]} " != *" $top "* ]]; then
        echo "$file:$lineno: core/$layer includes $top/ ($include), an upper layer"
        status=1
      fi
    elif [[ "$top" =~ ^(ui|omemo|jingle|app|cli)$ ]] || [[ "$include" =~ ^Qt(Widgets|Multimedia)|^Q(Widget|Application|Dialog|MainWindow|Label|PushButton)$ ]]; then
      echo "$file:$lineno: core/$layer includes $include, which the core must not know"
      status=1
    fi
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include' -r "core/$layer" --include='*.h' --include='*.cpp' || true)
done
[ $status -eq 0 ] && echo "layering: every include of core/ points down"
exit $status
