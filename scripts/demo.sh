#!/usr/bin/env bash
# `npm run demo [-- --rate N] [--seed S] [--duration SECONDS]`: builds, starts whatever is
# missing (Kafka, PostgreSQL, the apps), starts a logistics firm's webhook receiver
# (scripts/trade-receiver.ts: it subscribes through the admin API, verifies each signature and
# prints its own shipments' statuses to .infra/demo-trade-receiver.log), then runs the
# border-system simulator (demo/src/main.ts) in the foreground. Ctrl-C stops the simulator, which
# prints a summary; then the receiver, the apps and the broker this script started are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

if [ -f .env ]; then set -a; source .env; set +a; fi

echo "[demo] building"
npm run --silent build
npm run --silent build:tools

# The demo's firm receives its webhooks on loopback over http; the admin API key lets it subscribe.
export WEBHOOKS_ALLOW_HTTP_LOCALHOST="${WEBHOOKS_ALLOW_HTTP_LOCALHOST:-true}"
export ADMIN_API_KEY="${ADMIN_API_KEY:-demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
receiver_pid=""

stop_all() {
  trap - INT TERM EXIT
  if [ -n "$receiver_pid" ]; then
    kill -TERM "$receiver_pid" 2>/dev/null || true
    wait "$receiver_pid" 2>/dev/null || true
    echo "[demo] the firm's webhook receiver (.infra/demo-trade-receiver.log), last lines:"
    tail -n 8 .infra/demo-trade-receiver.log || true
  fi
  if [ "${#app_pids[@]}" -gt 0 ]; then echo "[demo] stopping the apps"; fi
  stop_apps
  stop_infrastructure
}
trap stop_all INT TERM EXIT

start_infrastructure
if [ "$(admin_http_status)" = 000 ]; then
  migrate_database demo
  ensure_admin_api_key
  echo "[demo] starting clearance-engine, status-publisher, admin-api, trade-delivery (logs: .infra/demo-apps.log)"
  mkdir -p .infra
  # In a session of their own: Ctrl-C stops the simulator first, which waits for the statuses
  # still on their way; the trap below then stops the apps.
  launch_apps --own-session >.infra/demo-apps.log 2>&1
else
  echo "[demo] the apps are already running on port ${ADMIN_PORT:-3000}: using them"
fi
if ! wait_apps_ready 90; then
  echo "[demo] ERROR: the apps are not ready after 90 s (GET /health/ready); see .infra/demo-apps.log" >&2
  exit 1
fi

# A firm outside the customs network: its own shipments only, each signature verified.
mkdir -p .infra
setsid node -r ./scripts/paths.js dist/scripts/trade-receiver.js >.infra/demo-trade-receiver.log 2>&1 &
receiver_pid=$!
echo "[demo] a logistics firm's webhook receiver is running: tail -f .infra/demo-trade-receiver.log"

# In the foreground: Ctrl-C reaches the simulator, which stops cleanly; the trap then stops the rest.
set +e
node -r ./scripts/paths.js dist-tools/demo/src/main.js "$@"
status=$?
set -e
exit "$status"
