#!/usr/bin/env bash
# Runs the whole Tianshu suite on this machine, without Docker: a private PostgreSQL cluster with the demo
# database highway_db, a real Apache Kafka broker (KRaft) from the Maven Central jars, and the six services.
#
#   deploy/local/run.sh [start]   install what is missing, build what is not built, start everything, wait until
#                                 every service is ready, print the gateway URL and an API key
#   deploy/local/run.sh stop      stop everything (data stays)
#   deploy/local/run.sh status    what runs, plus TIANSHU_GATEWAY_URL=… TIANSHU_API_KEY=… TIANSHU_PG_URL=…
#                                 TIANSHU_KAFKA=… lines for scripts
#
# Environment: TIANSHU_HOME (data, logs; default <repo>/.tianshu), TIANSHU_API_KEYS (comma-separated keys to use
# instead of a generated one), TIANSHU_PORT_BASE (8080: the gateway; the services on the next five ports),
# TIANSHU_GATEWAY_PORT (the gateway alone), TIANSHU_BIND (gateway address, 127.0.0.1),
# TIANSHU_PG_PORT (55432), TIANSHU_KAFKA_PORT (19092), TIANSHU_LLM_BASE_URL / TIANSHU_LLM_API_KEY /
# TIANSHU_LLM_MODEL (an OpenAI-compatible model; without one the built-in engines answer).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

HOME_DIR=${TIANSHU_HOME:-$TS_ROOT/.tianshu}
LOG_DIR=$HOME_DIR/logs
RUN_DIR=$HOME_DIR/run
PG_PORT=${TIANSHU_PG_PORT:-55432}
KAFKA_PORT=${TIANSHU_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
PORT_BASE=${TIANSHU_PORT_BASE:-8080}
GATEWAY_PORT=${TIANSHU_GATEWAY_PORT:-$PORT_BASE}
BIND=${TIANSHU_BIND:-127.0.0.1}
START_TIMEOUT=${TIANSHU_START_TIMEOUT:-180}

# name module port (the gateway last: it is the door)
SERVICES=(
    "pipeline-service pipeline-service $((PORT_BASE + 1))"
    "training-data-service training-data-service $((PORT_BASE + 2))"
    "nl2sql-service nl2sql-service $((PORT_BASE + 3))"
    "chat-service chat-service $((PORT_BASE + 4))"
    "workflow-service workflow-service $((PORT_BASE + 5))"
    "gateway gateway $GATEWAY_PORT"
)

secrets_file=$HOME_DIR/secrets.env
pg_data_file=$RUN_DIR/pg-data-dir

load_secrets() {
    if [ ! -f "$secrets_file" ]; then
        mkdir -p "$HOME_DIR"
        (umask 077 && cat > "$secrets_file" <<EOF
PG_SUPERUSER_PASSWORD=$(ts_random_hex 16)
PG_PASSWORD=$(ts_random_hex 16)
GENERATED_API_KEY=ts_$(ts_random_hex 20)
EOF
        )
    fi
    # shellcheck disable=SC1090
    . "$secrets_file"
    API_KEYS=${TIANSHU_API_KEYS:-$GENERATED_API_KEY}
    API_KEY=${API_KEYS%%,*}
    # status and stop report the key the running gateway was started with
    if [ -f "$RUN_DIR/api-key" ] && pid_alive gateway; then
        API_KEY=$(cat "$RUN_DIR/api-key")
    fi
    PG_URL="postgresql://tianshu:$PG_PASSWORD@127.0.0.1:$PG_PORT/highway_db"
}

pg_data_dir() {
    if [ -f "$pg_data_file" ]; then cat "$pg_data_file"; else echo "$HOME_DIR/pg/data"; fi
}

psql_admin() { PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

start_postgres() {
    local data
    data=$(pg_data_dir)
    if [ ! -f "$data/PG_VERSION" ]; then
        local parent
        parent=$(ts_pg_dir "$HOME_DIR/pg")
        data=$parent/data
        mkdir -p "$RUN_DIR"
        echo "$data" > "$pg_data_file"
        ts_say "creating the PostgreSQL cluster in $data"
        local pw
        pw=$(mktemp "$RUN_DIR/pw.XXXXXX")
        printf '%s\n' "$PG_SUPERUSER_PASSWORD" > "$pw"
        ts_pg_init "$data" scram-sha-256 "$pw"
        rm -f "$pw"
    fi
    if ts_pg_running "$data"; then
        ts_say "PostgreSQL already running on 127.0.0.1:$PG_PORT"
    else
        ts_say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        ts_pg_start "$data" "$PG_PORT" "$LOG_DIR/postgres.log"
    fi
    # the suite's role and databases; the services create their own schemas in "tianshu"
    psql_admin -d postgres <<EOF
SELECT 'CREATE ROLE tianshu LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tianshu') \gexec
ALTER ROLE tianshu PASSWORD '$PG_PASSWORD';
SELECT 'CREATE DATABASE tianshu OWNER tianshu' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'tianshu') \gexec
SELECT 'CREATE DATABASE highway_db OWNER tianshu' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'highway_db') \gexec
EOF
}

load_demo_database() {
    local started=$SECONDS
    ts_say "demo database highway_db: creating tables and generating data up to yesterday (first run: ~20 s)"
    PGPASSWORD=$PG_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U tianshu -d highway_db \
        -f "$TS_ROOT/deploy/local/highway_db/schema.sql" -f "$TS_ROOT/deploy/local/highway_db/generate.sql" \
        > "$LOG_DIR/highway_db.log" 2>&1 || { tail -20 "$LOG_DIR/highway_db.log"; ts_die "loading highway_db failed"; }
    ts_say "highway_db ready ($((SECONDS - started)) s)"
}

KAFKA_LIBS=$HOME_DIR/kafka/libs

fetch_kafka() {
    local libs=$KAFKA_LIBS
    if [ ! -f "$libs/.complete" ]; then
        ts_say "fetching the Apache Kafka jars from Maven Central"
        rm -rf "$libs"
        ts_mvnw -q -f deploy/local/kafka/pom.xml dependency:copy-dependencies \
            -DoutputDirectory="$libs" -DincludeScope=runtime >"$LOG_DIR/kafka-fetch.log" 2>&1 \
            || { tail -20 "$LOG_DIR/kafka-fetch.log"; ts_die "could not fetch the Kafka jars"; }
        touch "$libs/.complete"
    fi
}

start_kafka() {
    local dir=$HOME_DIR/kafka libs=$KAFKA_LIBS
    fetch_kafka
    if pid_alive kafka; then
        ts_say "Kafka already running on 127.0.0.1:$KAFKA_PORT"
        return
    fi
    ts_port_open "$KAFKA_PORT" && ts_die "port $KAFKA_PORT is taken by another program (set TIANSHU_KAFKA_PORT)"
    mkdir -p "$dir/data"
    cat > "$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
    local java_opts=(-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$TS_ROOT/deploy/local/kafka/log4j2.properties")
    if [ ! -f "$dir/data/meta.properties" ]; then
        ts_say "formatting the Kafka storage (KRaft)"
        local cluster_id
        cluster_id=$(java -cp "$libs/*" kafka.tools.StorageTool random-uuid | tail -1) \
            || ts_die "could not run the Kafka storage tool"
        java "${java_opts[@]}" -cp "$libs/*" kafka.tools.StorageTool format -t "$cluster_id" \
            -c "$dir/server.properties" >"$LOG_DIR/kafka-format.log" 2>&1 \
            || { tail -20 "$LOG_DIR/kafka-format.log"; ts_die "formatting Kafka storage failed"; }
    fi
    ts_say "starting Kafka on 127.0.0.1:$KAFKA_PORT"
    rotate_log kafka
    setsid nohup java "${java_opts[@]}" -cp "$libs/*" kafka.Kafka "$dir/server.properties" \
        >"$LOG_DIR/kafka.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/kafka.pid"
}

# Waits for the broker's port, then creates the topics.
kafka_topics() {
    local deadline=$((SECONDS + 60))
    until ts_port_open "$KAFKA_PORT"; do
        pid_alive kafka || { tail -30 "$LOG_DIR/kafka.log"; ts_die "Kafka did not start"; }
        [ $SECONDS -lt $deadline ] || ts_die "Kafka did not open port $KAFKA_PORT within 60 s"
        sleep 0.3
    done
    java -cp "$KAFKA_LIBS/*" "$TS_ROOT/deploy/local/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" \
        "$TS_ROOT/deploy/local/kafka/topics.txt" >"$LOG_DIR/kafka-topics.log" 2>&1 \
        || { tail -20 "$LOG_DIR/kafka-topics.log"; ts_die "creating the Kafka topics failed"; }
    ts_say "$(tail -1 "$LOG_DIR/kafka-topics.log")"
}

jar_of() { echo "$TS_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

needs_build() {
    local svc module port jar
    for svc in "${SERVICES[@]}"; do
        read -r _ module port <<<"$svc"
        jar=$(jar_of "$module")
        [ -f "$jar" ] || return 0
        if [ -n "$(find "$TS_ROOT/$module/src/main" "$TS_ROOT/$module/pom.xml" "$TS_ROOT/common/src/main" \
                "$TS_ROOT/common/pom.xml" "$TS_ROOT/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
            return 0
        fi
    done
    return 1
}

build() {
    if needs_build; then
        ts_say "building the suite (./mvnw package; first time ~4 min; log: $LOG_DIR/build.log)"
        ts_mvnw package -DskipTests >"$LOG_DIR/build.log" 2>&1 \
            || { grep -E 'ERROR' "$LOG_DIR/build.log" | head -30; ts_die "build failed, see $LOG_DIR/build.log"; }
    fi
}

pid_alive() {
    local f=$RUN_DIR/$1.pid pid
    [ -f "$f" ] || return 1
    pid=$(cat "$f")
    kill -0 "$pid" 2>/dev/null && grep -q java "/proc/$pid/cmdline" 2>/dev/null
}

rotate_log() { [ -f "$LOG_DIR/$1.log" ] && mv -f "$LOG_DIR/$1.log" "$LOG_DIR/$1.log.1"; return 0; }

# Class data sharing: the first start of a build records the classes it loads into an archive (written when the
# service stops); later starts map it, which saves a good part of the start-up CPU.
class_data_sharing() {
    local archive=$HOME_DIR/cds/$1.jsa jar
    jar=$(jar_of "$2")
    mkdir -p "$HOME_DIR/cds"
    if [ -s "$archive" ] && [ "$archive" -nt "$jar" ]; then
        echo "-XX:SharedArchiveFile=$archive"
    else
        rm -f "$archive"
        echo "-XX:ArchiveClassesAtExit=$archive"
    fi
}

start_service() {
    local name=$1 module=$2 port=$3
    if pid_alive "$name"; then
        return
    fi
    ts_port_open "$port" && ts_die "port $port (for $name) is taken by another program"
    rotate_log "$name"
    local host=127.0.0.1
    [ "$name" = gateway ] && host=$BIND
    # training-data-service holds the embedding model and the in-memory search index (about 0.6 KB per item)
    local xmx=${TIANSHU_SERVICE_XMX:-384m}
    [ "$name" = training-data-service ] && xmx=${TIANSHU_TRAINING_DATA_XMX:-768m}
    (
        export QUARKUS_HTTP_HOST=$host QUARKUS_HTTP_PORT=$port
        export TIANSHU_DB_HOST=127.0.0.1 TIANSHU_DB_PORT=$PG_PORT TIANSHU_DB_NAME=tianshu
        export TIANSHU_DB_USER=tianshu TIANSHU_DB_PASSWORD=$PG_PASSWORD
        export TIANSHU_KAFKA=127.0.0.1:$KAFKA_PORT
        export TIANSHU_BUSINESS_DB_URL=$PG_URL
        export TIANSHU_API_KEYS=$API_KEYS
        export TIANSHU_GATEWAY_UPSTREAMS_PIPELINE=http://127.0.0.1:$((PORT_BASE + 1))
        export TIANSHU_GATEWAY_UPSTREAMS_TRAINING_DATA=http://127.0.0.1:$((PORT_BASE + 2))
        export TIANSHU_GATEWAY_UPSTREAMS_NL2SQL=http://127.0.0.1:$((PORT_BASE + 3))
        export TIANSHU_GATEWAY_UPSTREAMS_CHAT=http://127.0.0.1:$((PORT_BASE + 4))
        export TIANSHU_GATEWAY_UPSTREAMS_WORKFLOW=http://127.0.0.1:$((PORT_BASE + 5))
        # the tokenizer's native library is unpacked here rather than in ~/.djl.ai
        export DJL_CACHE_DIR=$HOME_DIR/djl
        cd "$TS_ROOT/$module"
        exec setsid nohup java -Xms64m -Xmx"$xmx" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
            "$(class_data_sharing "$name" "$module")" \
            -Djava.io.tmpdir="$HOME_DIR/tmp" -jar "$(jar_of "$module")" >"$LOG_DIR/$name.log" 2>&1 </dev/null
    ) &
    echo $! > "$RUN_DIR/$name.pid"
}

ready() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$1/q/health/ready" 2>/dev/null; }

wait_ready() {
    local deadline=$((SECONDS + START_TIMEOUT)) pending svc name module port
    while :; do
        pending=()
        for svc in "${SERVICES[@]}"; do
            read -r name module port <<<"$svc"
            pid_alive "$name" || { tail -40 "$LOG_DIR/$name.log"; ts_die "$name stopped during start (log: $LOG_DIR/$name.log)"; }
            ready "$port" || pending+=("$name")
        done
        [ ${#pending[@]} -eq 0 ] && return
        [ $SECONDS -lt $deadline ] || ts_die "not ready after ${START_TIMEOUT} s: ${pending[*]} (logs: $LOG_DIR)"
        sleep 0.5
    done
}

print_machine_lines() {
    echo "TIANSHU_GATEWAY_URL=http://$BIND:$GATEWAY_PORT"
    echo "TIANSHU_API_KEY=$API_KEY"
    echo "TIANSHU_PG_URL=$PG_URL"
    echo "TIANSHU_KAFKA=127.0.0.1:$KAFKA_PORT"
}

cmd_start() {
    local started=$SECONDS
    mkdir -p "$LOG_DIR" "$RUN_DIR" "$HOME_DIR/tmp"
    ts_ensure_java
    ts_ensure_postgres
    ts_ensure_tools curl
    load_secrets
    build
    start_postgres
    load_demo_database
    start_kafka
    # the services start while the broker comes up; they are ready once they reach it
    ts_say "starting the services"
    pid_alive gateway || (umask 077 && echo "$API_KEY" > "$RUN_DIR/api-key")
    local svc
    for svc in "${SERVICES[@]}"; do
        # shellcheck disable=SC2086
        start_service $svc
    done
    kafka_topics
    wait_ready
    ts_say "all services ready"
    cat <<EOF

Tianshu is up ($((SECONDS - started)) s).
  gateway   http://$BIND:$GATEWAY_PORT      (API docs: http://$BIND:$GATEWAY_PORT/docs)
  API key   $API_KEY
            curl -H "Authorization: Bearer $API_KEY" http://$BIND:$GATEWAY_PORT/api/v0/training_data/stats
  demo DB   $PG_URL
  Kafka     127.0.0.1:$KAFKA_PORT
  logs      $LOG_DIR
  data      $HOME_DIR (PostgreSQL: $(pg_data_dir))
  stop with deploy/local/run.sh stop

EOF
    print_machine_lines
}

# stop_pids NAME…: SIGTERM to all at once (each shuts down gracefully), SIGKILL to what is left after 30 s.
stop_pids() {
    local name pids=() names=()
    for name in "$@"; do
        if pid_alive "$name"; then
            pids+=("$(cat "$RUN_DIR/$name.pid")")
            names+=("$name")
            kill -TERM "${pids[-1]}" 2>/dev/null || true
        fi
    done
    local deadline=$((SECONDS + 30)) pid
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    done
    for name in "$@"; do rm -f "$RUN_DIR/$name.pid"; done
    [ ${#names[@]} -eq 0 ] || ts_say "stopped ${names[*]}"
}

cmd_stop() {
    local svc name names=()
    for svc in "${SERVICES[@]}"; do
        read -r name _ <<<"$svc"
        names+=("$name")
    done
    stop_pids "${names[@]}"
    stop_pids kafka
    local data
    data=$(pg_data_dir)
    if [ -f "$data/PG_VERSION" ] && ts_pg_running "$data"; then
        ts_pg_stop "$data"
        ts_say "stopped PostgreSQL"
    fi
}

cmd_status() {
    [ -f "$secrets_file" ] || { echo "Tianshu has never been started here (no $HOME_DIR)"; exit 1; }
    load_secrets
    local data all_up=0 svc name module port
    data=$(pg_data_dir)
    if [ -f "$data/PG_VERSION" ] && ts_pg_running "$data"; then echo "postgres               running  127.0.0.1:$PG_PORT"; else echo "postgres        stopped"; all_up=1; fi
    if pid_alive kafka && ts_port_open "$KAFKA_PORT"; then echo "kafka                  running  127.0.0.1:$KAFKA_PORT"; else echo "kafka                  stopped"; all_up=1; fi
    for svc in "${SERVICES[@]}"; do
        read -r name module port <<<"$svc"
        if ! pid_alive "$name"; then
            printf '%-22s stopped\n' "$name"; all_up=1
        elif ready "$port"; then
            printf '%-22s ready    127.0.0.1:%s\n' "$name" "$port"
        else
            printf '%-22s running, not ready (127.0.0.1:%s/q/health/ready)\n' "$name" "$port"; all_up=1
        fi
    done
    echo "logs: $LOG_DIR   data: $HOME_DIR"
    print_machine_lines
    return $all_up
}

case "${1:-start}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    restart) cmd_stop; cmd_start ;;
    *) echo "usage: $0 [start|stop|status|restart]" >&2; exit 2 ;;
esac
