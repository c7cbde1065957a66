#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything Parla needs to build, run and test on Debian 12 (bookworm).
# Idempotent: a second run with everything present takes a few seconds.
#
# QCA has no Qt 6 package in Debian 12. When libqca-qt6-dev is not installed, this builds
# Debian's qca2 source (2.3.10, from the trixie suite, checksum verified against the Sources
# index) for Qt 6 into a cached prefix, $PARLA_DEPS_PREFIX (default: ~/.cache/parla-deps).
set -euo pipefail

PREFIX="${PARLA_DEPS_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/parla-deps}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git dpkg-dev
  clang-14 libclang-rt-14-dev
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
  qt6-tools-dev-tools qt6-image-formats-plugins libqt6svg6 qt6-qpa-plugins qt6-5compat-dev
  libsqlite3-dev sqlite3
  libssl-dev
  qtkeychain-qt6-dev qcoro-qt6-dev
  libsignal-protocol-c-dev
  libnice-dev gstreamer1.0-nice
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav
  libgtest-dev libgmock-dev libbenchmark-dev
  prosody lua-sec lua-event lua-dbi-sqlite3
  xvfb xauth x11-utils imagemagick fonts-noto-core fonts-noto-color-emoji
  dbus dbus-x11 gnome-keyring libsecret-tools
  openssl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's prosody package starts a system instance; the tests run their own on other ports.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prosody 2>/dev/null; then
  $SUDO systemctl stop prosody || true
fi

# ---- QCA for Qt 6 ----
if dpkg-query -W -f='${Status}' libqca-qt6-dev 2>/dev/null | grep -q "install ok installed"; then
  echo "install-deps: using the system libqca-qt6-dev"
  exit 0
fi
if [ -f "$PREFIX/lib/cmake/Qca-qt6/Qca-qt6Config.cmake" ] && [ -f "$PREFIX/.qca-2.3.10-done" ]; then
  echo "install-deps: QCA for Qt 6 already in $PREFIX"
  exit 0
fi

QCA_VERSION=2.3.10
SRC_LIST=/etc/apt/sources.list.d/parla-trixie-src.sources
if [ ! -f "$SRC_LIST" ]; then
  $SUDO tee "$SRC_LIST" >/dev/null <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $SUDO apt-get update -qq
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# The expected checksum comes from the signed Sources index (asked before anything is downloaded,
# since apt prints nothing for files already present).
expected="$(apt-get source --print-uris qca2 2>/dev/null \
  | awk -v f="qca2_${QCA_VERSION}.orig.tar.xz" '$2==f {print $4}' | sed 's/^SHA256://')"
# apt-get source may exit non-zero (signature of a newer suite); the checksum below is what counts.
apt-get source --download-only qca2 >/dev/null 2>&1 || true
tarball="qca2_${QCA_VERSION}.orig.tar.xz"
if [ ! -f "$tarball" ]; then
  echo "install-deps: could not download the qca2 ${QCA_VERSION} source" >&2
  exit 1
fi
actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "install-deps: checksum of $tarball does not match the Sources index ($actual vs '${expected}')" >&2
  exit 1
fi
echo "install-deps: $tarball sha256 verified"
tar xf "$tarball"
cd "qca-${QCA_VERSION}"
log="$work/qca-build.log"
run() { "$@" >>"$log" 2>&1 || { tail -40 "$log" >&2; echo "install-deps: QCA build failed" >&2; exit 1; }; }
run cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" \
  -DBUILD_WITH_QT6=ON -DBUILD_PLUGINS="ossl;gnupg" -DBUILD_TESTS=OFF -DBUILD_TOOLS=OFF \
  -DQCA_INSTALL_IN_QT_PREFIX=OFF -DQCA_PLUGINS_INSTALL_DIR="$PREFIX/lib/qca-qt6"
run cmake --build build
run cmake --install build
touch "$PREFIX/.qca-2.3.10-done"
echo "install-deps: QCA ${QCA_VERSION} for Qt 6 installed in $PREFIX"
