#!/usr/bin/env bash
# Renders every page of the app with the demo school's data to PNG files, for the user guide:
#   scripts/screenshots.sh [DIR]        (default: docs/user-guide)
# The pages are drawn by Qt Quick's OpenGL renderer on a virtual display (Xvfb, Mesa llvmpipe),
# so they look as on a tablet; `releasedesk --screenshots DIR` alone also works with no display at
# all (QT_QPA_PLATFORM=offscreen), with the software renderer, which leaves out Material's shadows.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2 --target releasedesk

out=${1:-docs/user-guide}
mkdir -p "$out"
if [ -n "${DISPLAY:-}" ]; then
  "$build_dir/mobile/releasedesk" --screenshots "$out"
else
  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1400x24" "$build_dir/mobile/releasedesk" --screenshots "$out"
fi
