#!/usr/bin/env bash
# Benchmark of training-data-service with RECORDS items (default 100,000): bulk load rate through /create
# (embedding included), /query p50/p99 and /search top-10 p50/p99. Runs the suite as run.sh does, in a throwaway
# home on its own ports, against the service directly; prints the figures and the service's memory.
# Usage: deploy/bench/training-data.sh [RECORDS] [LOAD_CLIENTS]
# With TIANSHU_BENCH_KEEP=1 the previous run's data is kept (RECORDS=0 then measures query and search only).
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/lib.sh

records=${1:-100000}
clients=${2:-4}
export TIANSHU_HOME=${TIANSHU_BENCH_HOME:-$TS_ROOT/target/bench-training-data}
export TIANSHU_PORT_BASE=${TIANSHU_BENCH_PORT_BASE:-18380}
export TIANSHU_PG_PORT=${TIANSHU_BENCH_PG_PORT:-55480}
export TIANSHU_KAFKA_PORT=${TIANSHU_BENCH_KAFKA_PORT:-19480}
run=deploy/local/run.sh
trap '"$run" stop >/dev/null 2>&1 || true' EXIT

[ "${TIANSHU_BENCH_KEEP:-0}" = 1 ] || rm -rf "$TIANSHU_HOME"
"$run" start
service=http://127.0.0.1:$((TIANSHU_PORT_BASE + 2))
ts_say "loading $records records into $service ($clients clients)"
python3 deploy/bench/training_data_bench.py "$service" "$records" "$clients"
pid=$(cat "$TIANSHU_HOME/run/training-data-service.pid" 2>/dev/null || true)
if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
    echo "training-data-service RSS: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")"
fi
curl -fsS "$service/q/health/ready" | tr -d '\n ' | grep -o '"Trainingdatasearchindex"[^}]*}' || true
