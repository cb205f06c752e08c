#!/usr/bin/env python3
"""Writes SQL for a generated wide schema: N tables (default 200) of 6–14 columns of mixed types, comments on
about half, a foreign key from most tables to an earlier one, 2,000 rows each."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
rnd = random.Random(42)
nouns = ["order", "customer", "product", "store", "invoice", "payment", "shipment", "supplier", "employee", "region",
         "contract", "ticket", "device", "account", "campaign", "warehouse", "vehicle", "route", "station", "member"]
kinds = [("amount", "numeric(12,2)", "round((random() * 1000)::numeric, 2)", "金额"),
         ("qty", "integer", "(random() * 100)::int", "数量"),
         ("status", "varchar(20)", "(ARRAY['active','closed','pending'])[1 + (g % 3)]", "状态"),
         ("name", "varchar(100)", "'name_' || (g % 500)", "名称"),
         ("created_at", "timestamp", "timestamp '2024-01-01' + (g % 700) * interval '1 day'", "创建时间"),
         ("biz_date", "date", "date '2024-01-01' + (g % 700)", "业务日期"),
         ("code", "varchar(32)", "'C' || lpad((g % 90)::text, 3, '0')", "编码"),
         ("score", "double precision", "random() * 5", "评分"),
         ("remark", "text", "'remark ' || g", "备注"),
         ("is_deleted", "boolean", "(g % 17 = 0)", "是否删除")]
print("SET client_min_messages = warning;")
for i in range(n):
    t = f"{nouns[i % len(nouns)]}_{i:03d}"
    cols = [("id", "bigint primary key", "g", "主键")]
    if i > 0 and rnd.random() < 0.8:
        parent = f"{nouns[(i - 1) % len(nouns)]}_{i - 1:03d}"
        cols.append((f"{nouns[(i - 1) % len(nouns)]}_id", f"bigint references {parent}(id)", "1 + (g % 2000)", "关联ID"))
    for name, typ, expr, cn in rnd.sample(kinds, rnd.randint(5, 10)):
        cols.append((name, typ, expr, cn))
    print(f"DROP TABLE IF EXISTS {t} CASCADE;")
    print(f"CREATE TABLE {t} (" + ", ".join(f"{c} {ty}" for c, ty, _, _ in cols) + ");")
    print(f"INSERT INTO {t} SELECT " + ", ".join(e for _, _, e, _ in cols) + " FROM generate_series(1, 2000) g;")
    if i % 2 == 0:
        print(f"COMMENT ON TABLE {t} IS '测试表{i}';")
        for c, _, _, cn in cols:
            print(f"COMMENT ON COLUMN {t}.{c} IS '{cn}';")
print("ANALYZE;")
