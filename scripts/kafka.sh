#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft: broker + controller in one JVM), no Docker.
#
# The broker jars come from Maven Central (org.apache.kafka:kafka_2.13, see scripts/kafka/pom.xml)
# and are copied into .infra/kafka/libs (git-ignored). Data, config, pid and log live in .infra/kafka.
#
# Usage: scripts/kafka.sh <fetch|start|stop|status|reset|restart>
#   fetch    download the broker jars (skipped when already present)
#   start    fetch if needed, format storage once, start the broker in the background and wait until
#            it answers a metadata request; reuses a broker that already answers on KAFKA_PORT
#   stop     stop the broker started by this script (SIGTERM, up to 30 s, then SIGKILL)
#   status   print whether the broker runs / answers (exit 0 only when it answers)
#   reset    stop and delete the data directory
#
# Environment:
#   KAFKA_PORT               client port (default 9092), advertised as localhost:$KAFKA_PORT
#   KAFKA_CONTROLLER_PORT    KRaft controller port (default 9093)
#   KAFKA_START_TIMEOUT      seconds to wait for the broker to answer (default 90)
#   KAFKA_HEAP               JVM heap options (default "-Xms256m -Xmx512m")
#   KAFKA_INFRA_DIR          state directory (default <repo>/.infra/kafka)
#   JAVA_HOME                Java 17+ (default: java on PATH)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPTS="$ROOT/scripts"
CONF_DIR="$SCRIPTS/kafka"
POM="$CONF_DIR/pom.xml"
TEMPLATE="$CONF_DIR/server.properties.template"
LOG4J_CONF="$CONF_DIR/log4j2.properties"
WAIT_JS="$SCRIPTS/kafka-wait.js"

INFRA="${KAFKA_INFRA_DIR:-$ROOT/.infra/kafka}"
LIBS="$INFRA/libs"
DATA="$INFRA/data"
PROPS="$INFRA/server.properties"
PID_FILE="$INFRA/kafka.pid"
LOG_FILE="$INFRA/kafka.log"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
BOOTSTRAP="localhost:$PORT"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Modest JVM settings for a 2-core dev machine.
JVM_OPTS=(
  $HEAP
  -XX:+UseSerialGC
  -XX:CICompilerCount=2
  -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$LOG4J_CONF"
  -Dkafka.logs.dir="$INFRA/logs"
)

log() { echo "[kafka] $*"; }
err() { echo "[kafka] ERROR: $*" >&2; }

kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1
}

# ---------------------------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------------------------
libs_present() {
  local v
  v="$(kafka_version)"
  [[ -f "$LIBS/kafka_2.13-$v.jar" && -f "$LIBS/.complete" ]]
}

cmd_fetch() {
  if libs_present; then
    log "broker jars already in ${LIBS#$ROOT/} (kafka $(kafka_version)), skipping fetch"
    return 0
  fi
  command -v mvn >/dev/null || { err "mvn not found on PATH"; return 1; }
  mkdir -p "$INFRA"
  local tmp="$LIBS.tmp" attempt started
  started=$(date +%s)
  log "fetching org.apache.kafka:kafka_2.13:$(kafka_version) and dependencies with Maven ..."
  for attempt in 1 2; do
    rm -rf "$tmp"
    if mvn -B -q -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
         -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; then
      rm -rf "$LIBS"
      mv "$tmp" "$LIBS"
      touch "$LIBS/.complete"
      log "fetched $(ls "$LIBS"/*.jar | wc -l) jars into ${LIBS#$ROOT/} in $(( $(date +%s) - started )) s"
      return 0
    fi
    [[ $attempt == 1 ]] && { log "maven failed, retrying once in 3 s ..."; sleep 3; }
  done
  rm -rf "$tmp"
  err "could not fetch the Kafka broker jars with Maven (see output above)"
  return 1
}

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

have_kafkajs() { [[ -f "$ROOT/node_modules/kafkajs/package.json" ]]; }

# Waits (up to $1 seconds) for node_modules/kafkajs, e.g. while `npm install` is still running.
wait_for_kafkajs() {
  local limit="$1" waited=0
  have_kafkajs && return 0
  log "node_modules/kafkajs not there yet (npm install running?), waiting up to ${limit}s ..."
  while (( waited < limit )); do
    sleep 2; waited=$((waited + 2))
    have_kafkajs && { sleep 1; return 0; }
  done
  return 1
}

# True when a broker on $PORT answers a metadata request within $1 seconds.
broker_answers() {
  local secs="${1:-3}"
  port_open "$PORT" || return 1
  have_kafkajs || return 1
  node "$WAIT_JS" "$BOOTSTRAP" "$secs" >/dev/null 2>&1
}

# Pid of the broker started by this script, if it is still running.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Make sure the pid was not recycled by some other process.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $PROPS" || return 1
  echo "$pid"
}

tail_log() {
  if [[ -f "$LOG_FILE" ]]; then
    echo "----- last 40 lines of ${LOG_FILE#$ROOT/} -----" >&2
    tail -n 40 "$LOG_FILE" >&2
    echo "-----" >&2
  fi
}

render_properties() {
  mkdir -p "$INFRA" "$DATA"
  sed -e "s#@PORT@#$PORT#g" \
      -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@DATA_DIR@#$DATA#g" \
      "$TEMPLATE" >"$PROPS.tmp"
  mv "$PROPS.tmp" "$PROPS"
}

format_storage() {
  local marker="$INFRA/data.controller-port"
  if [[ -f "$DATA/meta.properties" ]]; then
    # The KRaft voter set (with the controller endpoint) is written at format time.
    if [[ -f "$marker" && "$(cat "$marker")" != "$CONTROLLER_PORT" ]]; then
      err "storage in ${DATA#$ROOT/} was formatted for controller port $(cat "$marker"), not $CONTROLLER_PORT;"
      err "run 'scripts/kafka.sh reset' first (deletes the local broker data)"
      return 1
    fi
    return 0
  fi
  local cluster_id
  if ! cluster_id="$("$JAVA" "${JVM_OPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>"$INFRA/format.log")" \
     || [[ -z "$cluster_id" ]]; then
    cat "$INFRA/format.log" >&2
    err "could not generate a cluster id (kafka.tools.StorageTool random-uuid)"
    return 1
  fi
  cluster_id="$(tail -n1 <<<"$cluster_id")"
  log "formatting storage in ${DATA#$ROOT/} (cluster id $cluster_id) ..."
  if ! "$JAVA" "${JVM_OPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool format \
       --cluster-id "$cluster_id" --standalone --config "$PROPS" >"$INFRA/format.log" 2>&1; then
    cat "$INFRA/format.log" >&2
    err "formatting the KRaft storage failed"
    return 1
  fi
  echo "$CONTROLLER_PORT" >"$marker"
}

# ---------------------------------------------------------------------------------------------
# start / stop / status / reset
# ---------------------------------------------------------------------------------------------
cmd_start() {
  local started pid
  started=$(date +%s)

  if pid="$(running_pid)"; then
    log "broker already running (pid $pid), waiting until it answers ..."
  else
    rm -f "$PID_FILE"
    if port_open "$PORT"; then
      wait_for_kafkajs 300 || true
      if broker_answers 5; then
        log "a Kafka broker already answers on $BOOTSTRAP, reusing it"
        return 0
      fi
      err "port $PORT is in use, but nothing there answers as a Kafka broker; set KAFKA_PORT or free the port"
      return 1
    fi
    if port_open "$CONTROLLER_PORT"; then
      err "controller port $CONTROLLER_PORT is in use; set KAFKA_CONTROLLER_PORT or free the port"
      return 1
    fi

    "$JAVA" -version 2>&1 | head -n1 | grep -Eq '"(1[7-9]|[2-9][0-9])' \
      || { err "Kafka 4 needs Java 17+ ($JAVA -version: $("$JAVA" -version 2>&1 | head -n1))"; return 1; }
    cmd_fetch
    render_properties
    format_storage

    log "starting Kafka $(kafka_version) (KRaft broker+controller) on $BOOTSTRAP, controller 127.0.0.1:$CONTROLLER_PORT ..."
    mkdir -p "$INFRA/logs"
    {
      echo "===== $(date -Is) starting kafka.Kafka $PROPS"
    } >>"$LOG_FILE"
    nohup "$JAVA" "${JVM_OPTS[@]}" -cp "$LIBS/*" kafka.Kafka "$PROPS" >>"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi

  # Wait: process alive, port open, then a metadata request answered.
  # The timeout counts from here (fetch and format are not included).
  local deadline=$(( $(date +%s) + START_TIMEOUT )) kafkajs_warned=0
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      err "the broker process (pid $pid) exited during start-up"
      tail_log
      return 1
    fi
    if port_open "$PORT"; then
      if have_kafkajs; then
        if node "$WAIT_JS" "$BOOTSTRAP" 3 >/dev/null 2>&1; then
          log "broker answers on $BOOTSTRAP (pid $pid, up in $(( $(date +%s) - started )) s; log: ${LOG_FILE#$ROOT/})"
          return 0
        fi
      else
        # npm install not finished: give it time, then fall back to the broker's own start-up line.
        if (( kafkajs_warned == 0 )); then
          log "node_modules/kafkajs missing (npm install not finished?), waiting for it ..."
          kafkajs_warned=1
        fi
        if (( $(date +%s) >= deadline )) && grep -q 'Kafka Server started' "$LOG_FILE"; then
          log "WARNING: port $PORT is open and the log says 'Kafka Server started', but kafkajs is not"
          log "installed, so no metadata request was tried (pid $pid)"
          return 0
        fi
      fi
    fi
    if (( $(date +%s) >= deadline )); then
      err "Kafka did not answer on $BOOTSTRAP within ${START_TIMEOUT}s (raise KAFKA_START_TIMEOUT"
      err "on a slow machine); stopping the half-started broker (pid $pid)"
      tail_log
      cmd_stop >&2 || true
      return 1
    fi
    sleep 1
  done
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    if port_open "$PORT"; then
      log "no broker started by this script is running (something else listens on port $PORT; left alone)"
    else
      log "not running"
    fi
    return 0
  fi
  log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after 30 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid running="no"
  pid="$(running_pid)" && running="yes (pid $pid)"
  log "process started by this script: $running"
  if broker_answers 5; then
    log "broker answers on $BOOTSTRAP: yes"
    return 0
  fi
  if port_open "$PORT"; then
    log "broker answers on $BOOTSTRAP: no (port $PORT is open$(have_kafkajs || echo ', kafkajs not installed so no metadata request tried'))"
  else
    log "broker answers on $BOOTSTRAP: no (port $PORT closed)"
  fi
  return 3
}

cmd_reset() {
  cmd_stop
  rm -rf "$DATA" "$INFRA/data.controller-port"
  log "deleted ${DATA#$ROOT/}"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  restart) cmd_stop; cmd_start ;;
  *)
    echo "usage: $0 {fetch|start|stop|status|reset|restart}" >&2
    exit 2
    ;;
esac
