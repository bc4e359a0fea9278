#!/usr/bin/env bash
# `npm run chaos [-- --ci] [--rate N] [--out FILE]`: the fault suite (chaos/src/main.ts). Runs the
# system with two engines and two publishers on a Kafka broker of its own (.infra/chaos/kafka, port
# CHAOS_KAFKA_PORT, default 19192) and a database of its own on the local PostgreSQL, keeps a steady
# load on it while it kills and pauses processes, and prints lost / duplicated / conflicting statuses
# and recovery times per fault. It restarts the local PostgreSQL cluster: other work using that
# cluster sees its connections drop once (on a shared machine, run it under the integration lock).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

echo "[chaos] building"
npm run --silent build
npm run --silent build:tools
ensure_postgres "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# The broker jars, shared with the local broker (fetched from Maven Central when missing).
if [ -z "${KAFKA_LIBS_DIR:-}" ] && [ ! -d .infra/kafka/libs ]; then bash scripts/kafka.sh fetch; fi
exec node -r ./scripts/paths.js dist-tools/chaos/src/main.js "$@"
