#!/usr/bin/env bash
# The whole suite, infrastructure included: `npm ci && npm test`.
#   1. format check, lint, type check and unit tests (no infrastructure);
#   2. build (the crash test runs the compiled engine as a real process);
#   3. integration tests against a real Kafka broker and PostgreSQL:
#      - KAFKA_BROKERS / DATABASE_URL when set;
#      - otherwise testcontainers when a Docker engine answers;
#      - otherwise the local broker of scripts/kafka.sh (started here, stopped after)
#        and the local PostgreSQL on 127.0.0.1:5432.
#      Each run uses its own database and its own topics, so a running dev instance is not disturbed.
#      test/kafka-security.int-spec.ts starts and stops a second, secured broker of its own
#      (scripts/kafka.sh on ports 19092-19094, state in .infra/kafka-secure, the jars of .infra/kafka/libs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

echo "== format check (prettier; npm run format fixes)"
npx prettier --check . --log-level warn
echo "== lint (eslint, type-aware)"
npx eslint .
echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== unit tests"
npx jest --selectProjects unit
echo "== build"
npm run --silent build
# What ships carries no test code: factories, fixtures and spec helpers are for the tests and for
# dist-tools/ (npm run build:tools). A file of the build imports one when this lists something.
shipped_test_code=$(npx tsc -p tsconfig.build.json --listFilesOnly | grep -v /node_modules/ | grep -E '/testing/|\.spec\.ts$|\.fixtures\.ts$|-test-helpers\.ts$' || true)
if [ -n "$shipped_test_code" ]; then
  echo "test code in what npm run build compiles (move its importer to tsconfig.tools.json):" >&2
  echo "$shipped_test_code" >&2
  exit 1
fi

started_kafka=0
cleanup() {
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka.sh stop || true; fi
  # The security test stops its broker itself; this catches one left by a run that was killed.
  KAFKA_INFRA_DIR="$PWD/.infra/kafka-secure" KAFKA_PORT=19092 bash scripts/kafka.sh stop >/dev/null 2>&1 || true
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
# --forceExit: once Jest has reported, the result is final; a socket or timer a client library
# keeps after its disconnect (seen now and then with kafkajs) must not keep CI waiting.
npx jest --selectProjects integration --runInBand --forceExit
