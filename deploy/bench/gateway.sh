#!/usr/bin/env bash
# Gateway overhead benchmark: one small upstream endpoint (nginx answering a fixed JSON document) hit
#   1. directly,
#   2. through the Tianshu gateway (auth, request id, access log, proxy — as deployed),
#   3. through nginx configured as a reverse proxy with a keep-alive upstream pool and a buffered access log (the
#      fair comparison),
#   4. through nginx with the stock "proxy_pass" only (a new upstream connection per request),
# each with wrk at 64 connections, in interleaved rounds (the median of each is reported, so drift of a shared
# machine hits all alike); prints requests/s, p99 latency and the gateway/nginx ratios, plus the gateway's CPU time
# per request. Targets: gateway >= 0.9x nginx requests/s, p99 <= 1.5x nginx.
#
#   deploy/bench/gateway.sh [seconds per run, default 15] [rounds, default 3]
# Needs nginx and wrk (installed from Debian packages when missing) and a built gateway (built when missing).
set -euo pipefail
. "$(dirname "$0")/../local/lib.sh"

DURATION=${1:-15}
ROUNDS=${2:-3}
WARMUP=${BENCH_WARMUP:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-18901}
NGINX_PROXY_PORT=${BENCH_NGINX_PORT:-18902}
NGINX_STOCK_PORT=${BENCH_NGINX_STOCK_PORT:-18904}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18903}
PATH_UNDER_TEST=/api/v0/training_data/bench
KEY=bench_$(ts_random_hex 16)

ts_ensure_java
ts_ensure_tools curl
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || ts_apt_install nginx-light 2>/dev/null || ts_apt_install nginx
command -v wrk >/dev/null 2>&1 || ts_apt_install wrk
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

jar=$TS_ROOT/gateway/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ]; then
    ts_say "building the gateway"
    ts_mvnw -q package -DskipTests -pl gateway -am
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tianshu-bench.XXXXXX")
gateway_pid=
cleanup() {
    set +e
    if [ -n "$gateway_pid" ]; then kill "$gateway_pid" 2>/dev/null; wait "$gateway_pid" 2>/dev/null; fi
    if [ -f "$work/nginx.pid" ]; then "$NGINX" -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/logs"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    upstream bench_upstream {
        server 127.0.0.1:$UPSTREAM_PORT;
        keepalive 128;
    }
    # the upstream endpoint under test
    server {
        listen 127.0.0.1:$UPSTREAM_PORT;
        location / {
            default_type application/json;
            return 200 '{"code":200,"success":true,"message":"操作成功","data":{"status":"ok"}}';
        }
    }
    # the proxies log every request, as the gateway does (buffered, as the gateway batches its lines)
    # nginx as a reverse proxy as most configurations have it: proxy_pass alone (HTTP/1.0 upstream, no keep-alive)
    server {
        listen 127.0.0.1:$NGINX_STOCK_PORT;
        access_log $work/logs/nginx-stock-access.log combined buffer=64k flush=1s;
        location / {
            proxy_pass http://127.0.0.1:$UPSTREAM_PORT;
        }
    }
    # nginx as a tuned reverse proxy in front of it
    server {
        listen 127.0.0.1:$NGINX_PROXY_PORT;
        access_log $work/logs/nginx-access.log combined buffer=64k flush=1s;
        location / {
            proxy_pass http://bench_upstream;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Request-Id \$request_id;
        }
    }
}
NGINX
"$NGINX" -p "$work" -c "$work/nginx.conf"

upstream=http://127.0.0.1:$UPSTREAM_PORT
TIANSHU_API_KEYS=$KEY QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$GATEWAY_PORT \
TIANSHU_GATEWAY_UPSTREAMS_PIPELINE=$upstream TIANSHU_GATEWAY_UPSTREAMS_TRAINING_DATA=$upstream \
TIANSHU_GATEWAY_UPSTREAMS_NL2SQL=$upstream TIANSHU_GATEWAY_UPSTREAMS_CHAT=$upstream \
TIANSHU_GATEWAY_UPSTREAMS_WORKFLOW=$upstream \
    java -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$jar" >"$work/logs/gateway.log" 2>&1 &   # as run.sh starts it
gateway_pid=$!
for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" 2>/dev/null && break
    kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/logs/gateway.log"; ts_die "the gateway did not start"; }
    sleep 0.1
done
for port in $UPSTREAM_PORT $NGINX_PROXY_PORT $NGINX_STOCK_PORT $GATEWAY_PORT; do
    curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" "http://127.0.0.1:$port$PATH_UNDER_TEST" \
        || ts_die "no answer on port $port"
done

# wrk → "rps p99_ms"
run_wrk() {
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --latency -H "Authorization: Bearer $KEY" "http://127.0.0.1:$1$PATH_UNDER_TEST")
    echo "$out" >> "$work/logs/wrk.log"
    local rps p99
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' <<<"$out")
    echo "$rps $p99"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

ts_say "warming up: the gateway for $WARMUP s (JIT), nginx for 10 s"
run_wrk "$GATEWAY_PORT" "$WARMUP" >/dev/null
run_wrk "$NGINX_PROXY_PORT" 10 >/dev/null

ts_say "measuring: $ROUNDS rounds, $THREADS wrk threads, $CONNECTIONS connections, ${DURATION} s per run, $(nproc) cores"
declare -A RPS P99
gw_ticks=0 gw_requests=0
for round in $(seq 1 "$ROUNDS"); do
    for target in direct gateway nginx nginx-stock; do
        case $target in
            direct) port=$UPSTREAM_PORT ;;
            gateway) port=$GATEWAY_PORT ;;
            nginx) port=$NGINX_PROXY_PORT ;;
            nginx-stock) port=$NGINX_STOCK_PORT ;;
        esac
        before=$(cpu_ticks "$gateway_pid")
        read -r rps p99 <<<"$(run_wrk "$port" "$DURATION")"
        if [ "$target" = gateway ]; then
            gw_ticks=$((gw_ticks + $(cpu_ticks "$gateway_pid") - before))
            gw_requests=$(awk -v a="$gw_requests" -v r="$rps" -v d="$DURATION" 'BEGIN { printf "%d", a + r * d }')
        fi
        RPS[$target]="${RPS[$target]:-} $rps"
        P99[$target]="${P99[$target]:-} $p99"
        printf '  round %d %-12s %9.0f req/s  p99 %6.2f ms\n' "$round" "$target" "$rps" "$p99"
    done
done

printf '\n%-36s %12s %10s\n' "median of $ROUNDS rounds" "requests/s" "p99 ms"
for target in direct gateway nginx nginx-stock; do
    case $target in
        direct) label="direct" ;;
        gateway) label="through the gateway" ;;
        nginx) label="through nginx (keep-alive upstream)" ;;
        nginx-stock) label="through nginx (stock proxy_pass)" ;;
    esac
    printf '%-36s %12.0f %10.2f\n' "$label" "$(median <<<"${RPS[$target]}")" "$(median <<<"${P99[$target]}")"
done
awk -v a="$(median <<<"${RPS[gateway]}")" -v b="$(median <<<"${RPS[nginx]}")" -v c="$(median <<<"${P99[gateway]}")" \
    -v d="$(median <<<"${P99[nginx]}")" -v e="$(median <<<"${RPS[nginx-stock]}")" -v t="$gw_ticks" -v n="$gw_requests" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN {
    printf "\ngateway/nginx requests/s: %.2f (target >= 0.90); against stock nginx: %.2f\n", a / b, a / e
    printf "gateway/nginx p99:        %.2f (target <= 1.50)\n", c / d
    printf "gateway CPU per request:  %.1f us\n", t / hz / n * 1e6 }'
