#!/usr/bin/env bash
# Native local infrastructure for machines without Docker: Apache Kafka (KRaft, one combined node) and the
# Apicurio schema registry (Confluent-compatible API), both installed from Maven Central into a cache folder.
# PostgreSQL is the machine's own server; the registry keeps its schemas in a database of its own there, so
# schema ids survive a restart (messages already on Kafka name them).
#
#   bash scripts/infra.sh up [kafka|registry]     start everything, or one component
#   bash scripts/infra.sh down [kafka|registry]   stop what up started
#   bash scripts/infra.sh status | install        install: fetch the jars, start nothing
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
INFRA_HOME=${VS_INFRA_HOME:-$ROOT/.infra}
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/infra/kafka-pom.xml")
# Apicurio 3.0.x is the newest line that runs on Java 17 (3.1+ is compiled for Java 21).
APICURIO_VERSION=${VS_APICURIO_VERSION:-3.0.9}
KAFKA_PORT=${VS_KAFKA_PORT:-9092}
CONTROLLER_PORT=${VS_KAFKA_CONTROLLER_PORT:-9093}
REGISTRY_PORT=${VS_REGISTRY_PORT:-8081}
PG_HOST=${VS_PG_HOST:-127.0.0.1}
PG_PORT=${VS_PG_PORT:-5432}
PG_USER=${VS_PG_USER:-postgres}
PG_PASSWORD=${VS_PG_PASSWORD:-}
REGISTRY_DATABASE=${VS_REGISTRY_DATABASE:-velocity_synth_registry}

KAFKA_HOME=$INFRA_HOME/kafka-$KAFKA_VERSION
REGISTRY_HOME=$INFRA_HOME/apicurio-registry-$APICURIO_VERSION
RUN_DIR=$INFRA_HOME/run
KAFKA_DATA=$INFRA_HOME/data/kafka
mkdir -p "$RUN_DIR"

say() { printf '[infra] %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install_kafka() {
  [ -f "$KAFKA_HOME/.installed" ] && return 0
  say "installing Apache Kafka $KAFKA_VERSION from Maven Central into $KAFKA_HOME"
  local tmp="$KAFKA_HOME.tmp.$$"
  rm -rf "$tmp"
  mvn -q -B -Dstyle.color=never -f "$ROOT/infra/kafka-pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp/libs"
  touch "$tmp/.installed"
  rm -rf "$KAFKA_HOME" && mv "$tmp" "$KAFKA_HOME"
}

install_registry() {
  [ -f "$REGISTRY_HOME/.installed" ] && return 0
  say "installing Apicurio Registry $APICURIO_VERSION from Maven Central into $REGISTRY_HOME"
  local tmp="$REGISTRY_HOME.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  mvn -q -B -Dstyle.color=never -f "$ROOT/infra/kafka-pom.xml" dependency:copy \
    -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:zip:all" -DoutputDirectory="$tmp"
  (cd "$tmp" && unzip -q ./*.zip && rm -f ./*.zip)
  touch "$tmp/.installed"
  rm -rf "$REGISTRY_HOME" && mv "$tmp" "$REGISTRY_HOME"
}

write_kafka_config() {
  cat >"$RUN_DIR/kafka.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=6
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=12
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
}

kafka_classpath() { echo "$KAFKA_HOME/libs/*"; }

# launch NAME DIR CMD...: runs CMD in DIR in a session of its own (so it outlives the caller's terminal), with
# its log in $RUN_DIR/NAME.log; the pid file holds the JVM's own pid, which is also its process group.
launch() {
  local name=$1 dir=$2; shift 2
  rm -f "$RUN_DIR/$name.pid"
  nohup setsid bash -c 'echo $$ >"$0"; cd "$1" || exit 1; shift; exec "$@"' \
    "$RUN_DIR/$name.pid" "$dir" "$@" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [ -s "$RUN_DIR/$name.pid" ] && return 0; sleep 0.1; done
  say "$name did not start; see $RUN_DIR/$name.log"
  return 1
}

start_kafka() {
  if pid_alive "$RUN_DIR/kafka.pid"; then say "kafka already running (pid $(cat "$RUN_DIR/kafka.pid")) on 127.0.0.1:$KAFKA_PORT"; return 0; fi
  if port_open 127.0.0.1 "$KAFKA_PORT"; then say "something else already listens on 127.0.0.1:$KAFKA_PORT; using it as Kafka"; return 0; fi
  install_kafka
  write_kafka_config
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    mkdir -p "$KAFKA_DATA"
    local cluster_id
    cluster_id=$(java -cp "$(kafka_classpath)" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java -cp "$(kafka_classpath)" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$RUN_DIR/kafka.properties" >"$RUN_DIR/kafka-format.log" 2>&1
    say "formatted KRaft storage in $KAFKA_DATA (cluster $cluster_id)"
  fi
  launch kafka "$ROOT" java -Xms256m -Xmx768m -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$ROOT/infra/kafka-log4j2.properties" \
    -cp "$(kafka_classpath)" kafka.Kafka "$RUN_DIR/kafka.properties"
  say "started kafka $KAFKA_VERSION (pid $(cat "$RUN_DIR/kafka.pid")), log $RUN_DIR/kafka.log"
}

start_registry() {
  if pid_alive "$RUN_DIR/registry.pid"; then say "registry already running (pid $(cat "$RUN_DIR/registry.pid")) on 127.0.0.1:$REGISTRY_PORT"; return 0; fi
  if port_open 127.0.0.1 "$REGISTRY_PORT"; then say "something else already listens on 127.0.0.1:$REGISTRY_PORT; using it as the registry"; return 0; fi
  install_registry
  # pg reads the password from PGPASSWORD (so it needs no escaping in the URL); unset, the caller's own stands.
  env ${PG_PASSWORD:+"PGPASSWORD=$PG_PASSWORD"} "$ROOT/node_modules/.bin/tsx" "$ROOT/scripts/ensure-database.ts" \
    "postgres://$PG_USER@$PG_HOST:$PG_PORT/$REGISTRY_DATABASE" | sed 's/^/[infra] /'
  # Apicurio's default storage is in-memory H2: a restart would hand out schema ids again from 1, and a
  # consumer would decode old messages with the wrong schema. PostgreSQL storage keeps the ids.
  launch registry "$REGISTRY_HOME" java -Xms128m -Xmx512m \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=postgresql \
    -Dapicurio.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$REGISTRY_DATABASE" \
    -Dapicurio.datasource.username="$PG_USER" -Dapicurio.datasource.password="$PG_PASSWORD" \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=20 \
    -jar "apicurio-registry-app-$APICURIO_VERSION-runner.jar"
  say "started apicurio registry $APICURIO_VERSION (pid $(cat "$RUN_DIR/registry.pid")), schemas in database $REGISTRY_DATABASE, log $RUN_DIR/registry.log"
}

wait_for() { # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then say "$name did not answer within ${seconds}s; see $RUN_DIR/"; return 1; fi
    sleep 0.5
  done
}

kafka_answers() { node "$ROOT/scripts/kafka-probe.cjs" "127.0.0.1:$KAFKA_PORT"; }
registry_answers() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/config"; }
postgres_answers() { port_open "$PG_HOST" "$PG_PORT"; }

stop_one() { # name
  local pidfile="$RUN_DIR/$1.pid"
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; say "$1 not running (nothing of ours to stop)"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  # The JVM leads its own process group: signal the group, so nothing it started is left behind.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { say "$1 did not stop in 30s; killing"; kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$pidfile"
  say "stopped $1 (pid $pid)"
}

cmd_up() { # [kafka|registry]
  local only=${1:-} started=$SECONDS
  # The Kafka readiness probe is a kafkajs metadata request, so it needs the project's node modules.
  if [ ! -d "$ROOT/node_modules/kafkajs" ]; then say "node modules are missing: run npm ci first"; return 1; fi
  # The registry stores its schemas in PostgreSQL, so PostgreSQL comes first.
  if ! postgres_answers; then say "PostgreSQL does not answer on $PG_HOST:$PG_PORT: start the machine's server"; return 1; fi
  case "$only" in
    kafka)
      if pid_alive "$RUN_DIR/kafka.pid" && kafka_answers; then say "kafka already up: nothing to do"
      else start_kafka && wait_for kafka 90 kafka_answers && say "kafka up in $((SECONDS - started))s"; fi
      return ;;
    registry)
      if pid_alive "$RUN_DIR/registry.pid" && registry_answers; then say "registry already up: nothing to do"
      else start_registry && wait_for registry 120 registry_answers && say "registry up in $((SECONDS - started))s"; fi
      return ;;
    '') ;;
    *) echo "usage: $0 up [kafka|registry]" >&2; return 2 ;;
  esac
  if pid_alive "$RUN_DIR/kafka.pid" && pid_alive "$RUN_DIR/registry.pid" && kafka_answers && registry_answers; then
    say "already up: nothing to do"
  else
    start_kafka
    start_registry
    wait_for kafka 90 kafka_answers
    wait_for registry 120 registry_answers
    say "up in $((SECONDS - started))s"
  fi
  say "kafka     KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  say "registry  SCHEMA_REGISTRY_URL=http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"
  say "postgres  DATABASE_URL=postgres://$PG_USER@$PG_HOST:$PG_PORT/velocity_synth"
}

cmd_down() { # [kafka|registry]
  case "${1:-}" in
    kafka | registry) stop_one "$1" ;;
    '') stop_one registry; stop_one kafka ;;
    *) echo "usage: $0 down [kafka|registry]" >&2; return 2 ;;
  esac
}

cmd_status() {
  local rc=0
  if pid_alive "$RUN_DIR/kafka.pid"; then say "kafka     running (pid $(cat "$RUN_DIR/kafka.pid")) 127.0.0.1:$KAFKA_PORT"; else say "kafka     not running"; rc=1; fi
  if pid_alive "$RUN_DIR/registry.pid"; then say "registry  running (pid $(cat "$RUN_DIR/registry.pid")) 127.0.0.1:$REGISTRY_PORT"; else say "registry  not running"; rc=1; fi
  if postgres_answers; then say "postgres  answers on $PG_HOST:$PG_PORT"; else say "postgres  not answering on $PG_HOST:$PG_PORT"; rc=1; fi
  return $rc
}

case "${1:-}" in
  up) cmd_up "${2:-}" ;;
  down) cmd_down "${2:-}" ;;
  status) cmd_status ;;
  install)
    install_kafka && say "kafka $KAFKA_VERSION jars in $KAFKA_HOME/libs"
    install_registry && say "apicurio registry $APICURIO_VERSION in $REGISTRY_HOME" ;;
  *) echo "usage: $0 up [kafka|registry] | down [kafka|registry] | status | install" >&2; exit 2 ;;
esac
