#!/usr/bin/env bash
# Throughput of text-to-SQL through the gateway of the running suite (deploy/local/run.sh start): starts
# CONVERSATIONS conversations with the highway_db model, then wrk POSTs /df/rest/gpt/chat with the highway dev
# questions round-robin over them at CONNECTIONS connections for SECONDS (after a WARMUP run); prints questions/s,
# latency p50/p90/p99, the answer types and the failures (non-200 or success:false). Target: >= 500 questions/s.
#
#   deploy/bench/nl2sql_throughput.sh [SECONDS, default 30] [CONNECTIONS, default 32]
#
# Environment: TIANSHU_GATEWAY_URL, TIANSHU_API_KEY, TIANSHU_PG_URL (default: from run.sh status),
# BENCH_CONVERSATIONS (default 64), BENCH_THREADS (wrk threads, default 2), BENCH_WARMUP (seconds, default 10),
# BENCH_TARGET_URL (to measure another address than the gateway, e.g. nl2sql-service on :8083).
# Every chat turn is stored (nl2sql.conversation_turn): a 30 s run at 500/s adds ~15,000 rows to the suite.
set -euo pipefail
. "$(dirname "$0")/../local/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

DURATION=${1:-30}
CONNECTIONS=${2:-32}
CONVERSATIONS=${BENCH_CONVERSATIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-10}

if [ -z "${TIANSHU_GATEWAY_URL:-}" ] || [ -z "${TIANSHU_API_KEY:-}" ] || [ -z "${TIANSHU_PG_URL:-}" ]; then
    eval "$("$TS_ROOT/deploy/local/run.sh" status 2>/dev/null | grep -E '^TIANSHU_(GATEWAY_URL|API_KEY|PG_URL)=')"
fi
[ -n "${TIANSHU_GATEWAY_URL:-}" ] || ts_die "no TIANSHU_GATEWAY_URL: start the suite with deploy/local/run.sh"
TARGET=${BENCH_TARGET_URL:-$TIANSHU_GATEWAY_URL}
curl -fsS -o /dev/null "$TIANSHU_GATEWAY_URL/q/health/ready" 2>/dev/null || ts_die "the gateway at $TIANSHU_GATEWAY_URL is not ready"
command -v wrk >/dev/null 2>&1 || ts_apt_install wrk

work=$(mktemp -d "${TMPDIR:-/tmp}/tianshu-nl2sql-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

ts_say "starting $CONVERSATIONS conversations through $TARGET"
python3 "$HERE/nl2sql_conversations.py" "$TARGET" "$TIANSHU_API_KEY" "$TIANSHU_PG_URL" "$CONVERSATIONS" "$work/bodies.jsonl"

export BODIES=$work/bodies.jsonl TOKEN=$TIANSHU_API_KEY CHAT_PATH=/df/rest/gpt/chat
run_wrk() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${1}s" --timeout 10s -s "$HERE/nl2sql_throughput.lua" "$TARGET$CHAT_PATH"
}
if [ "$WARMUP" -gt 0 ]; then
    ts_say "warming up for $WARMUP s"
    run_wrk "$WARMUP" > "$work/warmup.txt"
fi
# CPU time of the services during the run (when their pid files are readable)
run_dir=${TIANSHU_HOME:-$TS_ROOT/.tianshu}/run
cpu_ticks() {
    local pid
    if [ "$1" = postgres ]; then   # the server and its backends (those that ended counted in the server's cutime)
        pid=$(head -1 "$(cat "$run_dir/pg-data-dir" 2>/dev/null)/postmaster.pid" 2>/dev/null) || return 0
        { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat"
          for child in $(pgrep -P "$pid"); do awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null; done
        } | awk '{ t += $1 } END { print t }'
    else
        pid=$(cat "$run_dir/$1.pid" 2>/dev/null) && awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null
    fi
}
declare -A before
for svc in nl2sql-service gateway postgres; do before[$svc]=$(cpu_ticks "$svc" || true); done

ts_say "measuring: $CONNECTIONS connections, $THREADS wrk threads, $DURATION s, $(nproc) cores (shared with the suite)"
out=$(run_wrk "$DURATION")
cpu=""
for svc in nl2sql-service gateway postgres; do
    after=$(cpu_ticks "$svc" || true)
    if [ -n "${before[$svc]}" ] && [ -n "$after" ]; then
        cpu+=$(awk -v t=$((after - before[$svc])) -v hz="$(getconf CLK_TCK)" -v d="$DURATION" -v s="$svc" \
            'BEGIN { printf "%s %.0f%% of a core; ", s, 100 * t / hz / d }')
    fi
done
echo "$out" > "$work/wrk.txt"
rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
read -r p50 p90 p99 max <<<"$(awk '/^LATENCY/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); printf "%s ", kv[2] } }' <<<"$out")"
answers=$(awk '/^ANSWERS/ { $1 = ""; print substr($0, 2) }' <<<"$out")
timeouts=$(awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i == "timeout") print $(i + 1) }' <<<"$out")
printf 'nl2sql chat through %s: %.0f questions/s, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms; answers %s%s\n' \
    "$TARGET" "$rps" "$p50" "$p90" "$p99" "$max" "$answers" "${timeouts:+; socket timeouts $timeouts}"
awk -v r="$rps" 'BEGIN { printf "target >= 500 questions/s: %s\n", (r >= 500 ? "met" : "NOT met") }'
[ -z "$cpu" ] || echo "CPU during the run: ${cpu%; }"
