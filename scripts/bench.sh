#!/usr/bin/env bash
# `npm run bench -- --events N --out FILE`: builds, starts the local Kafka broker when none
# answers (and stops it afterwards), checks PostgreSQL, then runs the benchmark (bench/src/main.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ -f .env ]; then set -a; source .env; set +a; fi

echo "[bench] building"
npm run --silent build
npm run --silent build:tools

trap stop_infrastructure EXIT
start_infrastructure

node -r ./scripts/paths.js dist-tools/bench/src/main.js "$@"
