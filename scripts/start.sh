#!/usr/bin/env bash
# `npm ci && npm start [-- --engines N --publishers M]`: starts whatever infrastructure is
# missing (the local Kafka broker, the local PostgreSQL cluster), migrates, and runs the apps
# under a supervisor (supervisor/src) that restarts any app that exits, with a growing back-off,
# until Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ -f .env ]; then set -a; source .env; set +a; fi

ensure_admin_api_key

echo "[start] building"
npm run --silent build

supervisor_pid=""
stop_all() {
  trap - INT TERM EXIT
  echo
  if [ -n "$supervisor_pid" ]; then
    echo "[start] stopping the apps"
    kill -TERM "$supervisor_pid" 2>/dev/null || true
    wait "$supervisor_pid" 2>/dev/null || true
  fi
  stop_infrastructure
  echo "[start] stopped"
}
trap stop_all INT TERM EXIT

start_infrastructure
migrate_database start

# In the background and waited for: `wait` returns when a signal arrives, so the trap runs at
# once (bash defers traps while a foreground child runs).
node -r ./scripts/paths.js dist/supervisor/src/main.js "$@" &
supervisor_pid=$!
echo "[start] admin API and dashboard: http://localhost:${ADMIN_PORT:-3000}/ui (sign in with an API key). Ctrl-C stops everything."
set +e
# `npm start` runs this script through `sh -c`, and a SIGTERM to npm ends npm and that shell but
# does not reach this one: a parent gone counts as SIGTERM, so nothing is left running.
parent=$PPID
while kill -0 "$supervisor_pid" 2>/dev/null; do
  if ! kill -0 "$parent" 2>/dev/null; then
    echo "[start] the process that started npm start is gone"
    exit 0
  fi
  sleep 1 &
  wait $!
done
wait "$supervisor_pid"
status=$?
supervisor_pid=""
exit "$status"
