#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regenerates resources/emoji/emoji.tsv, the emoji picker's and :shortcode: completion's data.

Source: the npm package emoji-datasource (MIT, see resources/emoji/LICENSE-emoji-datasource).
Only its emoji.json is read; no images. The build never needs the network: the generated file
is committed, and this script is run by hand when the data should be updated.

Usage: scripts/gen-emoji-data.py [path/to/emoji.json]
Without an argument it runs `npm pack emoji-datasource@VERSION` in a temporary directory.

Output, one emoji per line, UTF-8, tab-separated:
    category <TAB> emoji <TAB> shortcodes (space-separated) <TAB> name (lower case)
in the dataset's sort order. Emoji newer than MAX_VERSION are left out because the colour font
Parla relies on (Debian 12's fonts-noto-color-emoji) cannot draw them.
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile

VERSION = "16.0.0"
MAX_VERSION = (15, 0)
CATEGORIES = ["Smileys & Emotion", "People & Body", "Animals & Nature", "Food & Drink",
              "Travel & Places", "Activities", "Objects", "Symbols", "Flags"]


def load(path):
    if path:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"emoji-datasource@{VERSION}"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        with tarfile.open(os.path.join(tmp, f"emoji-datasource-{VERSION}.tgz")) as tar:
            return json.load(tar.extractfile("package/emoji.json"))


def version(s):
    parts = (s or "0").split(".")
    return tuple(int(p) for p in parts[:2]) + (0,) * (2 - len(parts[:2]))


def main():
    data = load(sys.argv[1] if len(sys.argv) > 1 else None)
    rows = []
    for e in data:
        if e.get("category") not in CATEGORIES or version(e.get("added_in")) > MAX_VERSION:
            continue
        emoji = "".join(chr(int(cp, 16)) for cp in e["unified"].split("-"))
        names = [n for n in e.get("short_names") or [] if "\t" not in n and " " not in n]
        name = (e.get("name") or names[0] if names else "").lower()
        rows.append((CATEGORIES.index(e["category"]), e.get("sort_order", 0), e["category"], emoji,
                     " ".join(names), name))
    rows.sort()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "resources", "emoji", "emoji.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for _, _, cat, emoji, names, name in rows:
            f.write(f"{cat}\t{emoji}\t{names}\t{name}\n")
    print(f"wrote {len(rows)} emoji to {out}")


if __name__ == "__main__":
    main()
