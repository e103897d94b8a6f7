#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs ctest (on SQLite, then the core, sync and
# server tests with the server's database on PostgreSQL); then the core, sync and server tests
# again under ASan and UBSan (scripts/sanitize.sh, build-asan/), and each fuzz target for a
# short time (scripts/fuzz.sh, build-fuzz/). Exits non-zero on any failure or finding.
#   scripts/test.sh                          (build directory: build/, or $BUILD_DIR)
#   FUZZ_SECONDS=120 scripts/test.sh         fuzz each target longer (default 30 s)
#   RELEASEDESK_SANITIZE=0 scripts/test.sh   the normal build's tests only
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --postgresql

build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j2
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 -LE postgresql
# The core, sync and server tests again with the server's database on PostgreSQL: pg_virtualenv
# makes a throwaway cluster for them and drops it when ctest ends, pass or fail.
pg_virtualenv -t -v 15 ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 -L postgresql

if [ "${RELEASEDESK_SANITIZE:-1}" != 0 ]; then
  bash scripts/sanitize.sh
  bash scripts/fuzz.sh --seconds "${FUZZ_SECONDS:-30}"
fi
