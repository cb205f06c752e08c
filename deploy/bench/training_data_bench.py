#!/usr/bin/env python3
"""Benchmark of training-data-service: bulk load (records/s, embedding included), /query and /search latency.

Usage: training_data_bench.py BASE_URL [RECORDS] [LOAD_CLIENTS]
BASE_URL is the service (e.g. http://127.0.0.1:18282); records are generated deterministically and are distinct.
Standard library only. Prints one line per figure.
"""
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

BASE = sys.argv[1]
RECORDS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
CLIENTS = int(sys.argv[3]) if len(sys.argv) > 3 else 4
URL = urllib.parse.urlparse(BASE)
local = threading.local()


def post(path, body):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=120)
    data = json.dumps(body, ensure_ascii=False).encode()
    conn.request("POST", "/api/v0/training_data" + path, data, {"Content-Type": "application/json"})
    resp = conn.getresponse()
    payload = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"{path}: {resp.status} {payload[:300]!r}")
    return json.loads(payload)


SYL = "昌栗宜春庐山南康赣州上饶吉安抚州萍乡景德镇九江鹰潭新余樟树丰城瑞金井冈梨温泰和永丰峡江万安遂川于都会昌寻乌安远龙南定南全南信丰大余崇义上犹"
AREAS = sorted({SYL[i:i + 2] for i in range(0, len(SYL) - 1)})  # two-character place names
METRICS = [("总营收", "sum(pay_sum)"), ("订单总数", "sum(order_sum)"), ("微信支付金额", "sum(wx)"),
           ("支付宝支付金额", "sum(zfb)"), ("现金支付金额", "sum(rmb)"), ("平均客单价", "sum(pay_sum)/nullif(sum(order_sum),0)"),
           ("微信订单数", "sum(wx_order)"), ("行吧支付金额", "sum(xs)"), ("金豆支付金额", "sum(jd)"), ("档口数量", "count(distinct branch_no)")]
PERIODS = [(f"最近{n}天", f"oper_date >= CURRENT_DATE - {n}") for n in (3, 7, 14, 30, 60, 90)] + \
          [(f"{y}年{m}月", f"oper_date >= DATE '{y}-{m:02d}-01' AND oper_date < DATE '{y}-{m:02d}-01' + INTERVAL '1 month'")
           for y in (2022, 2023, 2024, 2025) for m in range(1, 13)]
SHAPES = ["{area}服务区{period}的{metric}是多少？", "{period}{area}服务区各档口的{metric}排名",
          "统计{area}服务区{period}每天的{metric}", "{area}服务区{period}{metric}的日均值"]


def record(i):
    """The i-th record: 90 % question-SQL pairs, 5 % ddl, 5 % documentation, all distinct."""
    if i % 20 == 18:
        return {"training_data_type": "ddl", "ddl": f"CREATE TABLE bench_table_{i} (id varchar(32) PRIMARY KEY, "
                f"service_name varchar(255), pay_sum numeric(19,4), oper_date date);\n"
                f"COMMENT ON TABLE bench_table_{i} IS '基准测试表{i}: 服务区每日营业数据';"}
    if i % 20 == 19:
        return {"training_data_type": "documentation", "content": f"## bench_table_{i}（基准测试表{i}）\n"
                f"记录{AREAS[i % len(AREAS)]}服务区各档口每天的营业数据, 字段 pay_sum 为营收金额, order_sum 为订单数。"}
    area = AREAS[i % len(AREAS)]
    metric, expr = METRICS[(i // len(AREAS)) % len(METRICS)]
    period, cond = PERIODS[(i // (len(AREAS) * len(METRICS))) % len(PERIODS)]
    shape = SHAPES[(i // (len(AREAS) * len(METRICS) * len(PERIODS))) % len(SHAPES)]
    variant = i // (len(AREAS) * len(METRICS) * len(PERIODS) * len(SHAPES))
    question = shape.format(area=area, period=period, metric=metric) + (f"（口径{variant}）" if variant else "")
    sql = (f"SELECT {expr} AS {metric} FROM bss_business_day_data WHERE service_name = '{area}服务区' "
           f"AND {cond} AND delete_ts IS NULL" + (f" LIMIT {variant}" if variant else ""))
    return {"training_data_type": "sql", "question": question, "sql": sql}


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(path, body):
    start = time.perf_counter()
    answer = post(path, body)
    return (time.perf_counter() - start) * 1000, answer


def main():
    start_total = post("/query", {"page_size": 1})["data"]["pagination"]["total"]
    # 1. bulk load through /create, batches of 50, CLIENTS at once
    batches = [[record(i) for i in range(b, min(RECORDS, b + 50))] for b in range(0, RECORDS, 50)]
    created = 0
    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        for answer in pool.map(lambda batch: post("/create", {"data": batch}), batches):
            created += answer["data"]["successfully_created"]
            if answer["data"]["failed_count"]:
                raise RuntimeError(answer["data"]["results"])
    load_s = time.perf_counter() - t0
    total = post("/query", {"page_size": 1})["data"]["pagination"]["total"]
    print(f"records: {total} in the store ({total - start_total} new, {created} accepted)")
    if created:
        print(f"bulk load: {created / load_s:.0f} records/s ({load_s:.0f} s, {CLIENTS} clients, batches of 50, "
              "embedding included)")

    rnd = random.Random(7)
    # 2. /query: a mix of the seed's usages, one client, after a warm-up
    def query_body():
        kind = rnd.randrange(5)
        if kind == 0:
            return kinds[0], {"page": rnd.randint(1, 50), "page_size": 20}
        if kind == 1:
            return kinds[1], {"page": 1, "page_size": 20, "training_data_type": rnd.choice(["sql", "ddl", "documentation"])}
        if kind == 2:
            return kinds[2], {"page": 1, "page_size": 20, "search_keyword": rnd.choice(AREAS)}
        if kind == 3:
            return kinds[3], {"page": 1, "page_size": 20, "training_data_type": "sql",
                              "search_keyword": rnd.choice([m for m, _ in METRICS])}
        return kinds[4], {"page": 1, "page_size": 20, "sort_by": "training_data_type", "sort_order": "asc",
                          "search_keyword": f"bench_table_{rnd.randrange(max(RECORDS, 100000))}"}
    kinds = ["page", "type", "2-char keyword", "type + keyword", "long keyword, sorted by type"]
    for _ in range(200):
        timed("/query", query_body()[1])
    lat = []
    by_kind = {k: [] for k in kinds}
    for _ in range(2000):
        kind, body = query_body()
        ms = timed("/query", body)[0]
        lat.append(ms)
        by_kind[kind].append(ms)
    print(f"query: p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms (2000 requests, mixed filters, 1 client)")
    for kind in kinds:
        print(f"  {kind}: p50 {pct(by_kind[kind], 50):.1f} ms, p99 {pct(by_kind[kind], 99):.1f} ms")

    # 3. /search top-10: paraphrase-like questions, one client, after a warm-up
    def question():
        area = rnd.choice(AREAS)
        metric = rnd.choice(METRICS)[0]
        period = rnd.choice(PERIODS)[0]
        return rnd.choice([f"{area}服务区{period}{metric}多少", f"{period}{area}那边的{metric}",
                           f"查一下{area}服务区{metric}（{period}）"])
    for _ in range(100):
        timed("/search", {"question": question(), "top_k": 10})
    lat = []
    hits = 0
    for _ in range(1000):
        ms, answer = timed("/search", {"question": question(), "top_k": 10})
        lat.append(ms)
        hits += answer["data"]["total"] > 0
    print(f"search top-10: p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms (1000 requests, all types, 1 client; "
          f"{hits} with results)")
    lat = [timed("/search", {"question": question(), "top_k": 10, "types": ["sql"]})[0] for _ in range(500)]
    print(f"search top-10 sql only: p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms (500 requests)")


if __name__ == "__main__":
    main()
