# Shared helpers of start.sh and test.sh (sourced).

# True when a Docker engine answers (the docker CLI alone is not enough).
docker_engine_answers() {
  command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1
}

# Makes sure PostgreSQL answers at the host:port of $1 (a postgres:// URL); on a machine with a
# local cluster that is down, tries to start it once.
ensure_postgres() {
  local url="$1" hostport host port
  hostport="$(node -e 'const u=new URL(process.argv[1]);console.log((u.hostname||"127.0.0.1")+" "+(u.port||5432))' "$url")"
  host="${hostport% *}"; port="${hostport#* }"
  if pg_isready -q -h "$host" -p "$port" 2>/dev/null; then return 0; fi
  if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      echo "[postgres] not answering on $host:$port; starting the local cluster"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
      for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && return 0; sleep 1; done
    fi
  fi
  echo "[postgres] ERROR: PostgreSQL does not answer at $host:$port. Start it, or set DATABASE_URL." >&2
  return 1
}

# Someone has to be able to sign in (API and dashboard): without ADMIN_API_KEY, a random admin key
# is made once and kept, readable by this user only, in .infra/admin-api-key.
ensure_admin_api_key() {
  [ -n "${ADMIN_API_KEY:-}" ] && return 0
  local key_file=.infra/admin-api-key
  mkdir -p .infra
  if [ ! -s "$key_file" ]; then
    (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))" >"$key_file")
  fi
  ADMIN_API_KEY="$(cat "$key_file")"
  export ADMIN_API_KEY
  echo "[start] ADMIN_API_KEY not set: the admin key is in $key_file (dashboard: http://localhost:${ADMIN_PORT:-3000}/ui)"
}

# ---- infrastructure and apps of start.sh, demo.sh and bench.sh ----
# State: started_kafka (1 when ensure_kafka started the broker, so stop_infrastructure stops it)
# and app_pids (the apps launch_apps started).
started_kafka=0
app_pids=()

# Starts the local Kafka broker when KAFKA_BROKERS points at it and none answers.
ensure_kafka() {
  local brokers="${KAFKA_BROKERS:-localhost:9092}"
  if [ "$brokers" = "localhost:${KAFKA_PORT:-9092}" ] || [ "$brokers" = "127.0.0.1:${KAFKA_PORT:-9092}" ]; then
    if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
      bash scripts/kafka.sh start
      started_kafka=1
    fi
  fi
}

# Kafka and PostgreSQL: started when missing and local.
start_infrastructure() {
  ensure_kafka
  ensure_postgres "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/clearance}"
}

# Stops the broker if ensure_kafka started it.
stop_infrastructure() {
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka.sh stop || true; started_kafka=0; fi
}

# Creates the database if missing and applies migrations (needs a build). $1: log prefix.
migrate_database() {
  echo "[$1] migrating"
  node -r ./scripts/paths.js dist/libs/persistence/src/migrate.js
}

# Launches the three apps in the background; their pids go to app_pids. With --own-session they
# run in a session of their own, so a Ctrl-C in the terminal does not reach them (the caller
# stops them with stop_apps once it is done).
launch_apps() {
  local app detach=()
  if [ "${1:-}" = --own-session ]; then detach=(setsid); fi
  for app in clearance-engine status-publisher admin-api trade-delivery; do
    "${detach[@]}" node -r ./scripts/paths.js "dist/apps/$app/src/main.js" &
    app_pids+=($!)
  done
}

# Stops the apps launch_apps started (TERM, then waits for each).
stop_apps() {
  local pid
  for pid in "${app_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${app_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  app_pids=()
}

# Readiness of the admin app (database, broker, engine consuming): http://127.0.0.1:$ADMIN_PORT/health/ready.
# admin_http_status prints the HTTP status, or 000 when nothing answers.
admin_http_status() {
  node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(r=>console.log(r.status),()=>console.log("000"))' \
    "http://127.0.0.1:${ADMIN_PORT:-3000}/health/ready"
}

# Waits until the apps are ready, at most $1 seconds; false when they are not (or an app we launched exited).
wait_apps_ready() {
  local deadline=$((SECONDS + $1)) pid
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(admin_http_status)" = 200 ] && return 0
    for pid in "${app_pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done
    sleep 1
  done
  return 1
}
