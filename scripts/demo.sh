#!/usr/bin/env bash
# Runs the product: installs what is missing, builds, and prepares the central database with the
# demo school in the default data directory ($RELEASEDESK_DATA, or ~/.local/share/releasedesk/server).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2

data=${RELEASEDESK_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/releasedesk/server}
server="$build_dir/syncserver/syncserver"
if [ -f "$data/releasedesk.db" ]; then
  echo "demo: using the existing database in $data"
  "$server" migrate --data "$data"
else
  "$server" seed-demo --data "$data"
fi
"$server" report --data "$data"

cat <<MSG

The central database is ready in $data.
Still to come (see the open issues): the sync server's network service on 127.0.0.1:8080 and the
tablet app; until they land this command prepares the database and prints this month's report.
Try: $server report --data "$data" --month $(date +%Y-%m)
MSG
