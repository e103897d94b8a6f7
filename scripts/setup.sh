#!/usr/bin/env bash
# Installs every build and run dependency of Release Desk from Debian 12's own
# packages, skipping what is already present. Safe to run again and again.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache git curl
  # the core and the server
  libsqlite3-dev libpq-dev sqlite3 libboost1.81-dev libboost-json1.81-dev
  libssl-dev libsodium-dev zlib1g-dev
  # tests; poppler's pdftotext reads the app's PDF report back (tests/mobile/report_test.cpp)
  catch2 poppler-utils
  # sanitizer and fuzzing builds (scripts/sanitize.sh, scripts/fuzz.sh): clang, its sanitizer and
  # libFuzzer runtimes, lld, and llvm-symbolizer for readable stack traces
  clang libclang-rt-14-dev lld llvm
  # the app: Qt 6.4 and the QML modules its pages import
  qt6-base-dev qt6-declarative-dev qt6-declarative-dev-tools qt6-multimedia-dev
  qt6-qpa-plugins libgl-dev
  # lrelease and lupdate, and CMake's Qt6LinguistTools: the app's English plural forms (i18n/)
  qt6-l10n-tools qt6-tools-dev
  qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtquick
  qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-shapes qml6-module-qtmultimedia qml6-module-qttest
  # the file dialogs of the import, the exports and the report's export
  qml6-module-qtquick-dialogs
  # barcodes; the camera on Linux (Qt Multimedia's GStreamer back end: v4l2 source, conversion)
  libzxing-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # screenshots for the user guide: a virtual display with Mesa's OpenGL (scripts/screenshots.sh)
  xvfb xauth libgl1-mesa-dri
)

# With --postgresql (the test command): a PostgreSQL 15 server for the tests on PostgreSQL, which
# start a throwaway cluster of their own with pg_virtualenv (postgresql-common) and stop it after;
# pg_dump and pg_restore for the backup test. postgresql-common goes first, so that no "main"
# cluster is made (and left running) when the server package comes.
with_postgresql=0
[ "${1:-}" = --postgresql ] && with_postgresql=1

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
updated=0

install_missing() {
  local missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  if [ "$updated" = 0 ]; then
    $sudo apt-get update -q
    updated=1
  fi
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_missing "${packages[@]}"
if [ "$with_postgresql" = 1 ]; then
  install_missing postgresql-common
  conf=/etc/postgresql-common/createcluster.conf
  if ! grep -q '^create_main_cluster = false' "$conf"; then
    $sudo sed -i 's/^#\?create_main_cluster.*/create_main_cluster = false/' "$conf"
  fi
  install_missing postgresql-15 postgresql-client-15
fi
echo "setup: every dependency is installed"
