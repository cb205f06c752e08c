#!/usr/bin/env python3
"""Runs data-pipeline tasks through pipeline-service and reports their timings.

usage: pipeline_bench.py SERVICE_URL NAME DB_URL TABLES [--stub STUB_URL]
  TABLES: comma-separated names, or @all to list them with POST /api/v0/database/tables (schema public)
Prints one JSON line: wall time (execute → completed, polled every 20 ms), the server's step durations, the
validation figures and, with --stub, the LLM calls by prompt kind.
"""
import json
import sys
import time
import urllib.request


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {url} -> {e.code}: {e.read().decode()[:500]}")


def main():
    service, name, db_url, tables = sys.argv[1:5]
    stub = sys.argv[6] if len(sys.argv) > 6 and sys.argv[5] == "--stub" else None
    api = service.rstrip("/") + "/api/v0"
    if tables == "@all":
        listed = call("POST", api + "/database/tables", {"db_connection": db_url})["data"]["tables"]
        tables = ",".join(listed)
    task = call("POST", api + "/data_pipeline/tasks", {
        "task_name": "bench " + name, "db_connection": db_url,
        # runs of one database share a business context, so that their outputs (and training items) are alike
        "business_context": "高速公路服务区管理系统" if "highway" in name else name.split("_llm")[0] + " 数据库"})[
        "data"]["task_id"]
    call("POST", f"{api}/data_pipeline/tasks/{task}/table-list", {"tables": tables})
    started = time.monotonic()
    call("POST", f"{api}/data_pipeline/tasks/{task}/execute", {"execution_mode": "complete"})
    while True:
        status = call("GET", f"{api}/data_pipeline/tasks/{task}")["data"]
        if status["status"] in ("completed", "failed"):
            break
        time.sleep(0.02)
    wall = time.monotonic() - started
    artifacts = (status.get("result") or {}).get("artifacts", {})
    val = artifacts.get("sql_validation", {})
    out = {
        "name": name, "task_id": task, "status": status["status"], "error": status["error_message"],
        "tables": len(tables.split(",")), "wall_s": round(wall, 2),
        "steps_s": {k: round(v.get("duration", 0), 2) for k, v in artifacts.items() if isinstance(v, dict)},
        "tables_ok": artifacts.get("ddl_md_generation", {}).get("processed_successfully"),
        "pairs": val.get("original_sql_count"), "valid": val.get("valid_sql_count"),
        "valid_share": val.get("success_rate"),
        "loaded": artifacts.get("training_data_load", {}).get("data_type_counts"),
        "engines": (status.get("result") or {}).get("engines"),
    }
    if stub:
        with urllib.request.urlopen(stub.rstrip("/") + "/stub/calls", timeout=10) as r:
            out["llm_calls"] = json.loads(r.read())
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
