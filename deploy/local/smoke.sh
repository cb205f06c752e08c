#!/usr/bin/env bash
# End-to-end check of the whole suite as run.sh runs it: starts it (in its own data directory and on its own ports
# when TIANSHU_HOME / TIANSHU_PORT_BASE / TIANSHU_PG_PORT / TIANSHU_KAFKA_PORT are set), then, through the gateway:
# every service ready, API keys enforced, each family routed to its service (answers in that family's envelope),
# every service's OpenAPI document behind /docs, the demo database reachable; finally stops it. test.sh runs it
# after the Maven tests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

run=$TS_ROOT/deploy/local/run.sh
failures=0
trap '"$run" stop >/dev/null 2>&1 || true' EXIT

check() { # description, then a command that must succeed
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then echo "  ok    $what"; else echo "  FAIL  $what"; failures=$((failures + 1)); fi
}

"$run" start
eval "$("$run" status | grep '^TIANSHU_')"
gw=$TIANSHU_GATEWAY_URL
key="Authorization: Bearer $TIANSHU_API_KEY"

# body_has URL GREP-PATTERN [curl args…]
body_has() { local url=$1 pattern=$2; shift 2; curl -sS -m 10 "$@" "$url" | grep -q -- "$pattern"; }

ts_say "smoke checks through $gw"
check "run.sh status: every part running and ready" "$run" status
check "gateway ready" curl -fsS -m 5 "$gw/q/health/ready"
check "no key on /api/v0 -> 401 in the v0 envelope" body_has "$gw/api/v0/training_data/stats" '"code":401'
check "wrong key on /df/rest -> 401 in the DataFocus envelope" body_has "$gw/df/rest/gpt/start" '"errCode":401' -H "Authorization: Bearer wrong"
check "/api/v0/data_pipeline reaches pipeline-service (v0 envelope)" body_has "$gw/api/v0/data_pipeline/smoke-none" '"code":404' -H "$key"
check "/api/v0/database reaches pipeline-service" body_has "$gw/api/v0/database/smoke-none" '"error_type":"not_found"' -H "$key"
check "/api/v0/training_data reaches training-data-service" body_has "$gw/api/v0/training_data/smoke-none" '"code":404' -H "$key"
check "/df/rest reaches nl2sql-service (DataFocus envelope)" body_has "$gw/df/rest/smoke-none" '"errCode":404' -H "$key"
check "/api/v2 reaches chat-service (DB-GPT envelope)" body_has "$gw/api/v2/smoke-none" '"err_code":"404"' -H "$key"
check "/api/v1 needs no gateway key and reaches workflow-service" body_has "$gw/api/v1/smoke-none" '"status_code":404'
for svc in pipeline training-data nl2sql chat workflow; do
    check "/docs lists $svc's OpenAPI document" body_has "$gw/docs/openapi/$svc" "\"title\" *: *\"Tianshu $svc"
done
check "Swagger UI at /docs" curl -fsS -m 5 -L "$gw/docs"
td="$gw/api/v0/training_data"
json=(-H "$key" -H 'Content-Type: application/json')
smoke_q="冒烟测试: 各服务区最近7天的总营收 $$"
check "training data: create a question-SQL pair" body_has "$td/create" '"successfully_created":1' "${json[@]}" \
    -d "{\"data\":{\"training_data_type\":\"sql\",\"question\":\"$smoke_q\",\"sql\":\"SELECT service_name, sum(pay_sum) FROM bss_business_day_data WHERE oper_date >= CURRENT_DATE - 7 GROUP BY 1\"}}"
check "training data: UPDATE refused with the seed's message" body_has "$td/create" 'UPDATE,DELETE,ALERT,DROP' "${json[@]}" \
    -d '{"data":{"training_data_type":"sql","question":"x","sql":"UPDATE bss_company SET company_name = 1"}}'
check "training data: query finds it by keyword" body_has "$td/query" '"total":1' "${json[@]}" \
    -d "{\"search_keyword\":\"$smoke_q\"}"
check "training data: search finds it by a paraphrase" body_has "$td/search" "\"question\":\"$smoke_q\"" "${json[@]}" \
    -d '{"question":"过去一周每个服务区的营业额合计","types":["sql"],"top_k":1,"min_score":0.5}'
check "training data: stats" body_has "$td/stats" '"response":"统计信息获取成功"' -H "$key"
# the seed's data pipeline on the demo database, without an LLM: create, table list, execute, poll, files, logs
pl="$gw/api/v0/data_pipeline"
task=$(curl -sS -m 10 "${json[@]}" -d '{"task_name":"冒烟测试","business_context":"高速公路服务区管理系统"}' \
    "$pl/tasks" | grep -o '"task_id":"task_[0-9_]*"' | cut -d'"' -f4 || true)
check "pipeline: create a task on the configured highway_db" test -n "$task"
check "pipeline: submit the table list" body_has "$pl/tasks/$task/table-list" '包含 7 个表' "${json[@]}" \
    -d '{"tables":"bss_car_day_count,bss_business_day_data,bss_company,bss_section_route,bss_section_route_area_link,bss_service_area,bss_service_area_mapper"}'
check "pipeline: execute (complete)" body_has "$pl/tasks/$task/execute" '任务执行已启动' "${json[@]}" -d '{"execution_mode":"complete"}'
pipeline_done() {
    local deadline=$((SECONDS + 120)) body
    while [ $SECONDS -lt $deadline ]; do
        body=$(curl -sS -m 10 -H "$key" "$pl/tasks/$task")
        case "$body" in
            *'"status":"completed"'*) return 0 ;;
            *'"status":"failed"'*) echo "$body" >&2; return 1 ;;
        esac
        sleep 1
    done
    return 1
}
check "pipeline: the task completes (4 steps, Kafka-driven)" pipeline_done
check "pipeline: files listed under the original names" body_has "$pl/tasks/$task/files" '"file_name":"bss_company.ddl"' -H "$key"
ddl_runs() {
    local ddl
    ddl=$(curl -fsS -m 10 -H "$key" "$pl/tasks/$task/files/bss_company.ddl") || return 1
    psql -X -q -v ON_ERROR_STOP=1 "$TIANSHU_PG_URL" -c 'DROP SCHEMA IF EXISTS smoke_scratch CASCADE' \
        -c 'CREATE SCHEMA smoke_scratch' -c "${ddl//public./smoke_scratch.}" -c 'DROP SCHEMA smoke_scratch CASCADE'
}
check "pipeline: bss_company.ddl is executable PostgreSQL" ddl_runs
check "pipeline: task log" body_has "$pl/tasks/$task/logs" '完整工作流任务执行完成' -H "$key"
check "pipeline: its question-SQL pairs are training data now" body_has "$td/query" '"total":[1-9]' "${json[@]}" \
    -d '{"training_data_type":"sql","page_size":1}'
check "pipeline: its DDL blocks are training data now" body_has "$td/query" 'create table public.bss_company' "${json[@]}" \
    -d '{"training_data_type":"ddl","search_keyword":"create table public.bss_company"}'
check "demo database highway_db reachable at TIANSHU_PG_URL" \
    bash -c "[ \"\$(psql -X -At '$TIANSHU_PG_URL' -c 'SELECT count(*) >= 30000 FROM bss_business_day_data')\" = t ]"
check "Kafka broker at TIANSHU_KAFKA" ts_port_open "${TIANSHU_KAFKA##*:}"

if [ "$failures" -gt 0 ]; then
    ts_die "$failures smoke check(s) failed (logs: ${TIANSHU_HOME:-$TS_ROOT/.tianshu}/logs)"
fi
ts_say "smoke checks passed"
