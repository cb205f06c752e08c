#!/usr/bin/env bash
# Runs every test of the suite: starts a throwaway PostgreSQL cluster on a free port (Kafka brokers are started
# inside the test JVMs by Kafka's own KafkaClusterTestKit), runs ./mvnw verify for every module against them, and
# always stops them; then runs the whole suite as run.sh does (in a throwaway home, on other ports) and checks it
# end to end through the gateway (smoke.sh). Extra arguments go to Maven (e.g. -pl gateway) and skip the smoke run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ts_ensure_java
ts_ensure_postgres

work=$(mktemp -d "${TMPDIR:-/tmp}/tianshu-test.XXXXXX")
chmod 755 "$work"   # the server runs as the postgres user when this runs as root
pg_parent=$(ts_pg_dir "$work/pg")
data=$pg_parent/data

cleanup() {
    ts_pg_stop "$data" || true
    rm -rf "$work"
    [ "$pg_parent" = "$work/pg" ] || rm -rf "$pg_parent"
}
trap cleanup EXIT INT TERM

port=${TIANSHU_TEST_PG_PORT:-55433}
while ts_port_open "$port"; do port=$((port + 1)); done

ts_say "throwaway PostgreSQL on 127.0.0.1:$port ($data)"
ts_pg_init "$data" trust
TS_PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    ts_pg_start "$data" "$port" "$work/postgres.log"

export TIANSHU_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
ts_say "./mvnw verify (Kafka: in-process brokers, one per test JVM)"
ts_mvnw verify "$@"
ts_pg_stop "$data"

if [ $# -eq 0 ] && [ -z "${TIANSHU_SKIP_SMOKE:-}" ]; then
    ts_say "end-to-end: the whole suite as run.sh runs it"
    TIANSHU_HOME=$work/home TIANSHU_PORT_BASE=${TIANSHU_SMOKE_PORT_BASE:-18180} TIANSHU_PG_PORT=$((port + 100)) \
        TIANSHU_KAFKA_PORT=${TIANSHU_SMOKE_KAFKA_PORT:-19292} TIANSHU_API_KEYS= \
        "$TS_ROOT/deploy/local/smoke.sh"
fi
