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

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: every dependency is installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
