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
#   KAFKA_LIBS_DIR           broker jars (default $KAFKA_INFRA_DIR/libs); a second broker points it at the
#                            first one's jars so they are fetched once
#   JAVA_HOME                Java 17+ (default: java on PATH)
#
# A secured broker (SASL and ACLs; for the security tests and trying ACLs by hand, see docs/security.md):
#   KAFKA_SCRAM_USERS        "name=password,name=password": turns security on. The client listener on
#                            KAFKA_PORT becomes SASL_PLAINTEXT (SCRAM-SHA-256 and SCRAM-SHA-512, these users'
#                            credentials written at format time), with the standard authorizer and no access
#                            without an ACL (allow.everyone.if.no.acl.found=false)
#   KAFKA_SUPER_USERS        "name,name": principals allowed everything (User:<name>)
#   KAFKA_SSL_PORT           also a SASL_SSL listener on this port: mutual TLS (a client certificate signed by
#                            the broker's CA is required) plus SASL (SCRAM, and PLAIN for the same users);
#                            CA, broker and client certificates are made with openssl in $KAFKA_INFRA_DIR/tls
#   KAFKA_TLS_CLIENTS        "name,name": client certificates to make there (tls/<name>.pem, tls/<name>.key)
#   The broker authenticates to itself as the super user kafka-broker (SCRAM between brokers, PLAIN on the
#   controller listener) with a password made at format time ($KAFKA_INFRA_DIR/broker-password).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPTS="$ROOT/scripts"
CONF_DIR="$SCRIPTS/kafka"
POM="$CONF_DIR/pom.xml"
TEMPLATE="$CONF_DIR/server.properties.template"
LOG4J_CONF="$CONF_DIR/log4j2.properties"
WAIT_JS="$SCRIPTS/kafka-wait.js"

INFRA="${KAFKA_INFRA_DIR:-$ROOT/.infra/kafka}"
LIBS="${KAFKA_LIBS_DIR:-$INFRA/libs}"
DATA="$INFRA/data"
PROPS="$INFRA/server.properties"
PID_FILE="$INFRA/kafka.pid"
LOG_FILE="$INFRA/kafka.log"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
BOOTSTRAP="localhost:$PORT"

SCRAM_USERS="${KAFKA_SCRAM_USERS:-}"
SUPER_USERS="${KAFKA_SUPER_USERS:-}"
SSL_PORT="${KAFKA_SSL_PORT:-}"
TLS_CLIENTS="${KAFKA_TLS_CLIENTS:-}"
TLS_DIR="$INFRA/tls"
BROKER_PASSWORD_FILE="$INFRA/broker-password"
# The principal the broker itself authenticates as (to its controller and to other brokers).
BROKER_USER="kafka-broker"

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
  mkdir -p "$(dirname "$LIBS")"
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

secured() { [[ -n "$SCRAM_USERS" ]]; }

# node scripts/kafka-wait.js, as the broker's own super user on a secured broker (the password
# goes through the environment, not the command line).
wait_js() {
  if secured && [[ -f "$BROKER_PASSWORD_FILE" ]]; then
    KAFKA_WAIT_SASL_USERNAME="$BROKER_USER" KAFKA_WAIT_SASL_PASSWORD="$(cat "$BROKER_PASSWORD_FILE")" node "$WAIT_JS" "$@"
  else
    node "$WAIT_JS" "$@"
  fi
}

# True when a broker on $PORT answers a metadata request within $1 seconds.
broker_answers() {
  local secs="${1:-3}"
  port_open "$PORT" || return 1
  have_kafkajs || return 1
  wait_js "$BOOTSTRAP" "$secs" >/dev/null 2>&1
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
  if secured; then
    # The listeners of the template are replaced by the secured ones.
    grep -Ev '^(listeners|advertised\.listeners|inter\.broker\.listener\.name|listener\.security\.protocol\.map)=' "$PROPS.tmp" >"$PROPS.base"
    { cat "$PROPS.base"; secured_properties; } >"$PROPS.tmp"
    rm -f "$PROPS.base"
    chmod 600 "$PROPS.tmp"
  fi
  mv "$PROPS.tmp" "$PROPS"
}

# ---------------------------------------------------------------------------------------------
# secured broker (KAFKA_SCRAM_USERS)
# ---------------------------------------------------------------------------------------------
# The broker's own password: made once per state directory (SCRAM credentials live in its data).
broker_password() {
  if [[ ! -s "$BROKER_PASSWORD_FILE" ]]; then
    mkdir -p "$INFRA"
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$BROKER_PASSWORD_FILE")
  fi
  cat "$BROKER_PASSWORD_FILE"
}

secured_properties() {
  local password listeners advertised map supers="User:$BROKER_USER" name
  password="$(broker_password)"
  listeners="SASL_PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT"
  advertised="SASL_PLAINTEXT://localhost:$PORT"
  map="CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT"
  if [[ -n "$SSL_PORT" ]]; then
    listeners+=",SASL_SSL://127.0.0.1:$SSL_PORT"
    advertised+=",SASL_SSL://localhost:$SSL_PORT"
    map+=",SASL_SSL:SASL_SSL"
  fi
  IFS=',' read -ra names <<<"$SUPER_USERS"
  for name in "${names[@]}"; do [[ -n "$name" ]] && supers+=";User:$name"; done
  cat <<PROPS

# ----- secured broker (scripts/kafka.sh, KAFKA_SCRAM_USERS) -----
listeners=$listeners
advertised.listeners=$advertised
listener.security.protocol.map=$map
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$BROKER_USER" password="$password";
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# KRaft keeps SCRAM credentials in the metadata the controller serves, so the controller listener uses PLAIN.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$BROKER_USER" password="$password" user_$BROKER_USER="$password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=$supers
PROPS
  if [[ -n "$SSL_PORT" ]]; then
    # PLAIN only under TLS, for the same users (librdkafka before 2.6.1, kcat of Debian 12 included,
    # fails SCRAM against Kafka 4: confluentinc/librdkafka#4895).
    cat <<PROPS
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required$(plain_users);
listener.name.sasl_ssl.ssl.keystore.type=PEM
listener.name.sasl_ssl.ssl.keystore.location=$TLS_DIR/broker-keystore.pem
listener.name.sasl_ssl.ssl.truststore.type=PEM
listener.name.sasl_ssl.ssl.truststore.location=$TLS_DIR/ca.pem
listener.name.sasl_ssl.ssl.client.auth=required
PROPS
  fi
}

# The JAAS user_<name>="<password>" options of the PLAIN login module: the KAFKA_SCRAM_USERS.
plain_users() {
  local entry
  IFS=',' read -ra entries <<<"$SCRAM_USERS"
  for entry in "${entries[@]}"; do
    [[ "$entry" == *=* ]] && printf ' user_%s="%s"' "${entry%%=*}" "${entry#*=}"
  done
  return 0
}

# --add-scram arguments of the format: every user of KAFKA_SCRAM_USERS for both SCRAM mechanisms,
# and the broker's own user.
scram_arguments() {
  local entry name password
  echo "--add-scram"
  echo "SCRAM-SHA-256=[name=$BROKER_USER,password=$(broker_password)]"
  IFS=',' read -ra entries <<<"$SCRAM_USERS"
  for entry in "${entries[@]}"; do
    [[ -z "$entry" ]] && continue
    name="${entry%%=*}"; password="${entry#*=}"
    if [[ "$entry" != *=* || -z "$name" || -z "$password" ]]; then
      err "KAFKA_SCRAM_USERS: each entry must be name=password"
      return 1
    fi
    echo "--add-scram"; echo "SCRAM-SHA-256=[name=$name,password=$password]"
    echo "--add-scram"; echo "SCRAM-SHA-512=[name=$name,password=$password]"
  done
}

# A certificate signed by the local CA: $1 file name, $2 subject CN, $3 subjectAltName (optional).
issue_certificate() {
  local name="$1" cn="$2" san="${3:-}"
  local extensions=()
  openssl req -new -newkey rsa:2048 -nodes -keyout "$TLS_DIR/$name.key" -subj "/CN=$cn" -out "$TLS_DIR/$name.csr" 2>/dev/null
  if [[ -n "$san" ]]; then
    printf 'subjectAltName=%s\n' "$san" >"$TLS_DIR/$name.ext"
    extensions=(-extfile "$TLS_DIR/$name.ext")
  fi
  openssl x509 -req -in "$TLS_DIR/$name.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca.key" -CAcreateserial \
    -days 30 -out "$TLS_DIR/$name.pem" "${extensions[@]}" 2>/dev/null
  rm -f "$TLS_DIR/$name.csr" "$TLS_DIR/$name.ext"
}

# CA, broker certificate (localhost, 127.0.0.1) and client certificates, made once per state directory.
ensure_tls_material() {
  [[ -n "$SSL_PORT" ]] || return 0
  command -v openssl >/dev/null || { err "KAFKA_SSL_PORT needs openssl on PATH"; return 1; }
  (
    umask 077
    mkdir -p "$TLS_DIR"
    if [[ ! -f "$TLS_DIR/ca.pem" ]]; then
      openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.pem" \
        -days 30 -subj "/CN=local Kafka test CA" 2>/dev/null
    fi
    if [[ ! -f "$TLS_DIR/broker-keystore.pem" ]]; then
      issue_certificate broker localhost "DNS:localhost,IP:127.0.0.1"
      # A PEM keystore holds the private key and the certificate chain in one file.
      cat "$TLS_DIR/broker.key" "$TLS_DIR/broker.pem" >"$TLS_DIR/broker-keystore.pem"
    fi
    IFS=',' read -ra clients <<<"$TLS_CLIENTS"
    for client in "${clients[@]}"; do
      [[ -n "$client" && ! -f "$TLS_DIR/$client.pem" ]] && issue_certificate "$client" "$client"
    done
    true
  )
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
  local scram=()
  if secured; then
    local arguments
    arguments="$(scram_arguments)" || return 1
    mapfile -t scram <<<"$arguments"
  fi
  log "formatting storage in ${DATA#$ROOT/} (cluster id $cluster_id${scram:+, SCRAM users written}) ..."
  if ! "$JAVA" "${JVM_OPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool format \
       --cluster-id "$cluster_id" --standalone --config "$PROPS" "${scram[@]}" >"$INFRA/format.log" 2>&1; then
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
    if [[ -n "$SSL_PORT" ]] && port_open "$SSL_PORT"; then
      err "TLS port $SSL_PORT is in use; set KAFKA_SSL_PORT or free the port"
      return 1
    fi

    "$JAVA" -version 2>&1 | head -n1 | grep -Eq '"(1[7-9]|[2-9][0-9])' \
      || { err "Kafka 4 needs Java 17+ ($JAVA -version: $("$JAVA" -version 2>&1 | head -n1))"; return 1; }
    cmd_fetch
    ensure_tls_material
    render_properties
    format_storage

    log "starting Kafka $(kafka_version) (KRaft broker+controller) on $BOOTSTRAP, controller 127.0.0.1:$CONTROLLER_PORT$(secured && echo " (SASL, ACLs${SSL_PORT:+, SASL_SSL on localhost:$SSL_PORT})") ..."
    mkdir -p "$INFRA/logs"
    {
      echo "===== $(date -Is) starting kafka.Kafka $PROPS"
    } >>"$LOG_FILE"
    # Without the caller's other open files: a broker started inside `flock LOCK cmd` would
    # otherwise inherit the lock's descriptor and hold the lock for as long as it runs.
    (
      for fd in /proc/$BASHPID/fd/*; do
        fd="${fd##*/}"
        if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
      done
      exec nohup "$JAVA" "${JVM_OPTS[@]}" -cp "$LIBS/*" kafka.Kafka "$PROPS" >>"$LOG_FILE" 2>&1 </dev/null
    ) &
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
        if wait_js "$BOOTSTRAP" 3 >/dev/null 2>&1; then
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
  # The broker's password and TLS material belong to the data (SCRAM credentials, trust).
  rm -rf "$DATA" "$INFRA/data.controller-port" "$BROKER_PASSWORD_FILE" "$TLS_DIR"
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
