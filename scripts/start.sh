#!/usr/bin/env bash
# `npm ci && npm start`: starts whatever infrastructure is missing (the local Kafka broker,
# the local PostgreSQL cluster), migrates, and runs every app until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ -f .env ]; then set -a; source .env; set +a; fi

ensure_admin_api_key

echo "[start] building"
npm run --silent build

stopping=0
stop_all() {
  trap - INT TERM EXIT
  stopping=1
  echo
  echo "[start] stopping the apps"
  stop_apps
  stop_infrastructure
  echo "[start] stopped"
}
trap stop_all INT TERM EXIT

start_infrastructure
migrate_database start
launch_apps
echo "[start] running: clearance-engine, status-publisher, admin-api on port ${ADMIN_PORT:-3000}. Ctrl-C stops everything."
echo "[start] dashboard: http://localhost:${ADMIN_PORT:-3000}/ui (sign in with an API key)"

# Stop everything as soon as any app exits.
set +e
wait -n "${app_pids[@]}"
if [ "$stopping" = 0 ]; then echo "[start] an app exited; stopping the others"; fi
