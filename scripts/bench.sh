#!/usr/bin/env bash
# `npm run bench -- --events N --out FILE`: builds, starts the local Kafka broker when none
# answers (and stops it afterwards), checks PostgreSQL, then runs the benchmark (bench/src/main.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ -f .env ]; then set -a; source .env; set +a; fi

echo "[bench] building"
npm run --silent build

started_kafka=0
cleanup() {
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka.sh stop || true; fi
}
trap cleanup EXIT

brokers="${KAFKA_BROKERS:-localhost:9092}"
if [ "$brokers" = "localhost:${KAFKA_PORT:-9092}" ] || [ "$brokers" = "127.0.0.1:${KAFKA_PORT:-9092}" ]; then
  if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
    bash scripts/kafka.sh start
    started_kafka=1
  fi
fi
ensure_postgres "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/clearance}"

node -r ./scripts/paths.js dist/bench/src/main.js "$@"
