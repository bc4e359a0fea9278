#!/usr/bin/env bash
# `npm ci && npm start`: starts whatever infrastructure is missing (the local Kafka broker,
# the local PostgreSQL cluster), migrates, and runs every app until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ -f .env ]; then set -a; source .env; set +a; fi

echo "[start] building"
npm run --silent build

started_kafka=0
stopping=0
pids=()
stop_all() {
  trap - INT TERM EXIT
  stopping=1
  echo
  echo "[start] stopping the apps"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka.sh stop || true; fi
  echo "[start] stopped"
}
trap stop_all INT TERM EXIT

brokers="${KAFKA_BROKERS:-localhost:9092}"
if [ "$brokers" = "localhost:${KAFKA_PORT:-9092}" ] || [ "$brokers" = "127.0.0.1:${KAFKA_PORT:-9092}" ]; then
  if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
    bash scripts/kafka.sh start
    started_kafka=1
  fi
fi
ensure_postgres "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/clearance}"

echo "[start] migrating"
node -r ./scripts/paths.js dist/libs/persistence/src/migrate.js

for app in clearance-engine status-publisher admin-api; do
  node -r ./scripts/paths.js "dist/apps/$app/src/main.js" &
  pids+=($!)
done
echo "[start] running: clearance-engine, status-publisher, admin-api on port ${ADMIN_PORT:-3000}. Ctrl-C stops everything."

# Stop everything as soon as any app exits.
set +e
wait -n "${pids[@]}"
if [ "$stopping" = 0 ]; then echo "[start] an app exited; stopping the others"; fi
