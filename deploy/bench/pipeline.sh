#!/usr/bin/env bash
# Benchmark of the data pipeline (pipeline-service with the whole suite, as run.sh runs it, in a throwaway home on
# its own ports). Without an LLM: highway_db (7 tables), a generated 200-table schema, and pagila, chinook and
# defog's restaurants and academic (all of their tables) — wall time per run and the share of generated SQL that
# passes validation. With the OpenAI-compatible stub of the tests answering every call after 1 s, on pagila: the
# wall time against the ideal schedule, that is the same run with instant answers plus the LLM rounds the
# concurrency bounds force (step 1: max(2, ceil(calls / 8)); step 2: 1 + max(ceil(pair calls / 5), 1);
# step 3: ceil(repair calls / 4)).
# Usage: deploy/bench/pipeline.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/lib.sh

export TIANSHU_HOME=${TIANSHU_BENCH_HOME:-$TS_ROOT/target/bench-pipeline}
export TIANSHU_PORT_BASE=${TIANSHU_BENCH_PORT_BASE:-18480}
export TIANSHU_PG_PORT=${TIANSHU_BENCH_PG_PORT:-55580}
export TIANSHU_KAFKA_PORT=${TIANSHU_BENCH_KAFKA_PORT:-19580}
stub_port=${TIANSHU_BENCH_STUB_PORT:-18590}
run=deploy/local/run.sh
stub_pid=
cleanup() {
    [ -z "$stub_pid" ] || kill "$stub_pid" 2>/dev/null || true
    "$run" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
unset TIANSHU_LLM_BASE_URL TIANSHU_LLM_API_KEY TIANSHU_LLM_MODEL

rm -rf "$TIANSHU_HOME"
"$run" start
. "$TIANSHU_HOME/secrets.env"
service=http://127.0.0.1:$((TIANSHU_PORT_BASE + 1))
pg="postgresql://postgres:$PG_SUPERUSER_PASSWORD@127.0.0.1:$TIANSHU_PG_PORT"
highway="postgresql://tianshu:$PG_PASSWORD@127.0.0.1:$TIANSHU_PG_PORT/highway_db"
export PGHOST=127.0.0.1 PGPORT=$TIANSHU_PG_PORT PGUSER=postgres PGPASSWORD=$PG_SUPERUSER_PASSWORD

ts_say "loading the datasets and a 200-table schema"
datasets=../shared/datasets
[ -d "$datasets" ] || ts_die "needs ../shared/datasets beside the clone"
"$datasets/load_all.sh" pagila >/dev/null
"$datasets/load_all.sh" chinook >/dev/null
for db in restaurants academic; do
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    psql -X -q -d "$db" -f "$datasets/defog-data/defog_data/$db/$db.sql" -f "$datasets/defog-data/comments/${db}_comments.sql" >/dev/null
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS bench_wide" -c "CREATE DATABASE bench_wide"
python3 deploy/bench/wide_schema.py 200 | psql -X -q -d bench_wide >/dev/null

results=$TIANSHU_HOME/results.jsonl
: > "$results"
bench() { python3 deploy/bench/pipeline_bench.py "$service" "$@" | tee -a "$results"; }

ts_say "no LLM"
highway_tables=bss_car_day_count,bss_business_day_data,bss_company,bss_section_route,bss_section_route_area_link,bss_service_area,bss_service_area_mapper
bench highway_db "$highway" "$highway_tables"
bench highway_db_again "$highway" "$highway_tables"
bench wide_200 "$pg/bench_wide" @all
bench pagila "$pg/pagila" @all
bench chinook "$pg/chinook" @all
bench defog_restaurants "$pg/restaurants" @all
bench defog_academic "$pg/academic" @all

ts_say "LLM stub (answers after 0 s, then after 1 s)"
./mvnw -q -o -pl pipeline-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/stub-classpath.txt >/dev/null
start_stub() {
    [ -z "$stub_pid" ] || { kill "$stub_pid"; wait "$stub_pid" 2>/dev/null || true; }
    java -cp "pipeline-service/target/test-classes:$(cat pipeline-service/target/stub-classpath.txt)" \
        dev.tianshu.pipeline.testing.OpenAiChatStubDefaultAnswers --port "$stub_port" --delay-ms "$1" \
        > "$TIANSHU_HOME/logs/llm-stub.log" 2>&1 &
    stub_pid=$!
    local deadline=$((SECONDS + 30))
    until ts_port_open "$stub_port"; do [ $SECONDS -lt $deadline ] || ts_die "stub did not start"; sleep 0.2; done
}
start_stub 0
"$run" stop >/dev/null
TIANSHU_LLM_BASE_URL=http://127.0.0.1:$stub_port/v1/ TIANSHU_LLM_API_KEY=stub-key TIANSHU_LLM_MODEL=stub-chat-1 \
    "$run" start >/dev/null
# the first run embeds the new training items; the measured ones reload the same items
bench pagila_llm_warmup "$pg/pagila" @all --stub "http://127.0.0.1:$stub_port" >/dev/null
bench pagila_llm_instant "$pg/pagila" @all --stub "http://127.0.0.1:$stub_port"
start_stub 1000
bench pagila_llm_1s "$pg/pagila" @all --stub "http://127.0.0.1:$stub_port"

for svc in pipeline-service training-data-service; do
    pid=$(cat "$TIANSHU_HOME/run/$svc.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
        echo "$svc RSS: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")"
    fi
done
python3 - "$results" <<'PY'
import json, math, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("\n%-22s %6s %8s %7s %7s %8s  %s" % ("run", "tables", "wall s", "pairs", "valid", "share", "steps s"))
for r in rows:
    print("%-22s %6s %8.2f %7s %7s %8s  %s" % (r["name"], r["tables"], r["wall_s"], r["pairs"], r["valid"],
          r["valid_share"], r["steps_s"]))
by = {r["name"]: r for r in rows}
fast, slow = by.get("pagila_llm_instant"), by.get("pagila_llm_1s")
if fast and slow:
    calls = slow["llm_calls"]
    def count(prefix):
        return sum(v for k, v in calls.items() if k.startswith(prefix))
    step1 = count("你是一位资深的数据库文档专家")
    themes, pairs = count("你是一位经验丰富的业务数据分析师"), count("你是一位精通PostgreSQL的业务数据分析师")
    decision, repair = count("你是一位数据库业务分析专家"), count("你是一个SQL专家")
    rounds = (max(2, math.ceil(step1 / 8)) if step1 else 0) + (1 if themes else 0) \
        + max(math.ceil(pairs / 5), 1 if decision else 0) + math.ceil(repair / 4)
    ideal = fast["wall_s"] + rounds
    print(f"\nLLM stub: calls {calls}")
    print(f"ideal = {fast['wall_s']:.2f} s (instant answers) + {rounds} rounds x 1 s = {ideal:.2f} s; "
          f"actual {slow['wall_s']:.2f} s = {slow['wall_s'] / ideal:.2f} x ideal")
PY
