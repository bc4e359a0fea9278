#!/usr/bin/env bash
# The whole suite, infrastructure included: `npm ci && npm test`.
#   1. type check and unit tests (no infrastructure);
#   2. build (the crash test runs the compiled engine as a real process);
#   3. integration tests against a real Kafka broker and PostgreSQL:
#      - KAFKA_BROKERS / DATABASE_URL when set;
#      - otherwise testcontainers when a Docker engine answers;
#      - otherwise the local broker of scripts/kafka.sh (started here, stopped after)
#        and the local PostgreSQL on 127.0.0.1:5432.
#      Each run uses its own database and its own topics, so a running dev instance is not disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== unit tests"
npx jest --selectProjects unit
echo "== build"
npm run --silent build

started_kafka=0
cleanup() {
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka.sh stop || true; fi
}
trap cleanup EXIT

if docker_engine_answers && [ -z "${KAFKA_BROKERS:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  echo "== a Docker engine answers: integration tests use testcontainers"
  export IT_USE_TESTCONTAINERS=1
else
  if [ -z "${KAFKA_BROKERS:-}" ]; then
    if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
      bash scripts/kafka.sh start
      started_kafka=1
    else
      echo "== reusing the Kafka broker already answering on localhost:${KAFKA_PORT:-9092}"
    fi
  fi
  ensure_postgres "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
fi

echo "== integration tests"
npx jest --selectProjects integration --runInBand
