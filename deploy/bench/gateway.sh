#!/usr/bin/env bash
# Gateway overhead benchmark: one small upstream endpoint (nginx answering a fixed JSON document) hit
#   1. directly,
#   2. through the Tianshu gateway (auth, request id, access log, proxy — as deployed),
#   3. through nginx configured as a reverse proxy (keep-alive upstream pool),
# each with wrk at 64 connections; prints requests/s and p99 latency of each and the gateway/nginx ratios.
# Targets: gateway >= 0.9x nginx requests/s, p99 <= 1.5x nginx.
#
#   deploy/bench/gateway.sh [seconds per run, default 20]
# Needs nginx and wrk (installed from Debian packages when missing) and a built gateway (built when missing).
set -euo pipefail
. "$(dirname "$0")/../local/lib.sh"

DURATION=${1:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-18901}
NGINX_PROXY_PORT=${BENCH_NGINX_PORT:-18902}
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
    [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
    [ -f "$work/nginx.pid" ] && "$NGINX" -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null
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
    # nginx as a reverse proxy in front of it
    server {
        listen 127.0.0.1:$NGINX_PROXY_PORT;
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
    java -Xms256m -Xmx256m -jar "$jar" >"$work/logs/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" 2>/dev/null && break
    kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/logs/gateway.log"; ts_die "the gateway did not start"; }
    sleep 0.1
done
for port in $UPSTREAM_PORT $NGINX_PROXY_PORT $GATEWAY_PORT; do
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

ts_say "warming up (JIT) for $((DURATION / 2)) s each"
run_wrk "$GATEWAY_PORT" $((DURATION / 2)) >/dev/null
run_wrk "$NGINX_PROXY_PORT" $((DURATION / 2)) >/dev/null

ts_say "measuring: $THREADS wrk threads, $CONNECTIONS connections, ${DURATION} s per run, $(nproc) cores"
read -r direct_rps direct_p99 <<<"$(run_wrk "$UPSTREAM_PORT" "$DURATION")"
read -r gw_rps gw_p99 <<<"$(run_wrk "$GATEWAY_PORT" "$DURATION")"
read -r ngx_rps ngx_p99 <<<"$(run_wrk "$NGINX_PROXY_PORT" "$DURATION")"

printf '\n%-22s %12s %10s\n' "path" "requests/s" "p99 ms"
printf '%-22s %12.0f %10.2f\n' "direct" "$direct_rps" "$direct_p99"
printf '%-22s %12.0f %10.2f\n' "through gateway" "$gw_rps" "$gw_p99"
printf '%-22s %12.0f %10.2f\n' "through nginx proxy" "$ngx_rps" "$ngx_p99"
awk -v a="$gw_rps" -v b="$ngx_rps" -v c="$gw_p99" -v d="$ngx_p99" 'BEGIN {
    printf "\ngateway/nginx requests/s: %.2f (target >= 0.90)\ngateway/nginx p99:        %.2f (target <= 1.50)\n", a / b, c / d }'
