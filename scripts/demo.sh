#!/usr/bin/env bash
# Runs the product: installs what is missing, builds, starts the sync server on 127.0.0.1:8080
# with the demo school in the default data directory ($RELEASEDESK_DATA, or
# ~/.local/share/releasedesk/server), brings a demo tablet up to date from it, and opens the app
# on that tablet's data when there is a display. The server keeps running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2 --target syncserver releasedesk

data_home=${XDG_DATA_HOME:-$HOME/.local/share}/releasedesk
data=${RELEASEDESK_DATA:-$data_home/server}
tablet=${RELEASEDESK_TABLET:-$data_home/demo-tablet}
listen=${RELEASEDESK_LISTEN:-127.0.0.1:8080}
server="$build_dir/syncserver/syncserver"
app="$build_dir/mobile/releasedesk"

if [ -f "$data/releasedesk.db" ]; then
  echo "demo: using the existing database in $data"
  "$server" migrate --data "$data"
else
  "$server" seed-demo --data "$data"
fi

"$server" serve --data "$data" --listen "$listen" &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null' EXIT INT TERM

# Wait (bounded) until the server answers.
for _ in $(seq 1 50); do
  if curl -fsS "http://$listen/healthz" >/dev/null 2>&1; then break; fi
  kill -0 $server_pid 2>/dev/null || { echo "demo: the server did not start" >&2; exit 1; }
  sleep 0.2
done

# The demo installer's tablet: signed in once, then it works offline and syncs at the end of the day.
mkdir -p "$tablet"
if [ -f "$tablet/releasedesk.db" ]; then
  "$app" --sync --data "$tablet" --server "http://$listen"
else
  echo demo-password | "$app" --sync --data "$tablet" --server "http://$listen" --user sam --password-stdin
fi

cat <<MSG

Release Desk is running.
  sync server   http://$listen   (health: http://$listen/healthz, metrics: http://$listen/metrics)
  server data   $data
  demo tablet   $tablet  (signed in as sam, the demo installer; synced)
  sign-in names morgan (release manager), devi (build developer), sam and jo (installers),
                password "demo-password"

The app (the installer's tablet, or a release manager's desktop):
  $app --data "$tablet"
Its end-of-day sync, headless:
  $app --sync --data "$tablet" --server http://$listen
This month's FITS report:
  $server report --data "$data"

Press Ctrl-C to stop the server.
MSG

# The app's window over the demo tablet, where there is a display to show it on.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  "$app" --data "$tablet" &
  echo "demo: the app is open (signed in as sam); close it when done, the server keeps running."
else
  echo "demo: no display here, so the app's window is not opened; scripts/screenshots.sh renders its pages."
fi
wait $server_pid
