#!/usr/bin/env python3
"""Execution accuracy of nl2sql-service on the highway_db dev questions (issue 5's harness; work in progress).

usage: nl2sql_accuracy.py SERVICE_URL TOKEN PG_URL [QUESTIONS_JSON] [RELATIONSHIPS_JSON]

Builds the /df/rest/gpt/start model from highway_db's catalog (display names from the comments, sample values of
low-cardinality text columns, SUM for measures, relations from the inferred join keys), asks every question in a
conversation of its own, executes predicted and gold SQL with psql and compares the result sets: exact (order-
insensitive unless the gold SQL has ORDER BY, column names ignored) and defog's subset rule (every gold column is
among the predicted columns). Prints accuracy and latency p50/p99.
"""
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request

SEP = "\x1f"


def psql(pg_url, sql, timeout=30):
    """Rows of a query as lists of strings (None for NULL), or None when it fails."""
    try:
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", SEP, "-P", "null=\u2400NULL", "-v",
                              "ON_ERROR_STOP=1", pg_url, "-c", "SET statement_timeout = '30s'; SET default_transaction_read_only = on;", "-c", sql],
                             capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        return None
    return [[None if v == "\u2400NULL" else v for v in line.split(SEP)] for line in out.stdout.splitlines()]


def norm(v):
    if v is None:
        return None
    try:
        return round(float(v), 2)
    except ValueError:
        return v.strip()


def exact(gold, pred, ordered):
    g = [tuple(norm(v) for v in r) for r in gold]
    p = [tuple(norm(v) for v in r) for r in pred]
    return g == p if ordered else sorted(map(repr, g)) == sorted(map(repr, p))


def subset(gold, pred, ordered):
    if not gold or not pred or len(gold) != len(pred):
        return exact(gold, pred, ordered)
    gcols = [[norm(r[i]) for r in gold] for i in range(len(gold[0]))]
    pcols = [[norm(r[i]) for r in pred] for i in range(len(pred[0]))]
    key = (lambda c: c) if ordered else (lambda c: sorted(map(repr, c)))
    pkeys = [key(c) for c in pcols]
    return all(key(c) in pkeys for c in gcols)


def model(pg_url, relationships_file):
    rows = psql(pg_url, """
        SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), c.relname), a.attname,
               format_type(a.atttypid, a.atttypmod), coalesce(col_description(c.oid, a.attnum), a.attname)
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY c.relname, a.attnum""")
    tables = {}
    for table, tdisplay, col, typ, cdisplay in rows:
        t = tables.setdefault(table, {"tableDisplayName": re.split("[，,（(：:]", tdisplay)[0][:30], "tableName": table, "columns": []})
        data_type = ("int" if typ in ("integer", "smallint") else "bigint" if typ == "bigint"
                     else "double" if typ.startswith(("numeric", "double", "real")) else "timestamp"
                     if typ.startswith("timestamp") else "date" if typ == "date" else "boolean" if typ == "boolean"
                     else "string")
        measure = data_type in ("int", "bigint", "double") and not col.endswith(("_id", "id", "_type", "version"))
        column = {"columnDisplayName": re.split("[，,（(：:]", cdisplay)[0][:30], "columnName": col, "dataType": data_type,
                  "aggregation": "SUM" if measure else "NONE"}
        if data_type == "string" and not col.endswith(("id", "_by")):
            samples = psql(pg_url, f'SELECT "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL GROUP BY 1 '
                                   f'HAVING count(*) > 0 ORDER BY count(*) DESC LIMIT 51')
            if samples is not None and len(samples) <= 50:
                column["samples"] = [s[0] for s in samples]
        t["columns"].append(column)
    relations = []
    for rel in json.load(open(relationships_file))["relationships"]:
        if rel.get("type") != "single_column":
            continue
        f, d = rel["from_table"]["table"], rel["to_table"]["table"]
        if f in tables and d in tables:
            relations.append({"factTable": f, "dimensionTable": d, "joinType": "LEFT JOIN",
                              "conditions": [{"srcColName": rel["from_column"], "dstColName": rel["to_column"]}]})
    return {"type": "postgresql", "version": "15", "tables": list(tables.values()), "relations": relations}


def post(url, token, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def main():
    service, token, pg_url = sys.argv[1:4]
    questions = json.load(open(sys.argv[4] if len(sys.argv) > 4 else
                               "../shared/datasets/highway_db/questions/dev.json"))
    rel_file = sys.argv[5] if len(sys.argv) > 5 else \
        "../shared/datasets/highway_db/schema/highway_db.relationships_global.json"
    m = model(pg_url, rel_file)
    base = service.rstrip("/") + "/df/rest/gpt"
    n_exact = n_subset = n_sql = 0
    latencies = []
    for q in questions:
        chat_id = post(base + "/start", token, {"language": "chinese", "model": m})["data"]
        started = time.perf_counter()
        answer = post(base + "/chat", token, {"chatId": chat_id, "input": q["question"]})["data"]
        latencies.append((time.perf_counter() - started) * 1000)
        if answer["type"] != "sql":
            continue
        n_sql += 1
        gold = psql(pg_url, q["sql"])
        pred = psql(pg_url, answer["content"])
        if gold is None or pred is None:
            continue
        ordered = "order by" in q["sql"].lower()
        n_exact += exact(gold, pred, ordered)
        n_subset += subset(gold, pred, ordered)
    total = len(questions)
    latencies.sort()
    print(json.dumps({"questions": total, "answered_with_sql": n_sql, "exact": n_exact, "subset": n_subset,
                      "exact_accuracy": round(n_exact / total, 3), "subset_accuracy": round(n_subset / total, 3),
                      "latency_ms_p50": round(statistics.median(latencies), 2),
                      "latency_ms_p99": round(latencies[int(0.99 * (len(latencies) - 1))], 2)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
