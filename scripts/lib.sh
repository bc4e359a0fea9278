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
