"""The question sets of the nl2sql accuracy harness and the /df/rest/gpt/start models built for them.

highway  ../shared/datasets/highway_db/questions/dev.json (Chinese) on the suite's demo database highway_db; display
         names from the catalog comments, relations from the inferred join keys (schema/*relationships_global.json).
defog    defog-sql-eval/data/questions_gen_postgres.csv (English) on the 11 defog databases; display names from the
         column descriptions (COMMENT ON, loaded from defog-data/comments), relations from defog-data/columns_join.json.
spider   spider/dev_pg_verified_subset.json (English) on the spider_* databases; display names from tables.json's
         normalised names, relations from its foreign keys.
Every model: type postgresql, samples = the <= 50 values of text columns with at most 50 distinct values (most frequent
first), aggregation SUM for numeric measure-like columns, NONE otherwise.
"""
import csv
import json
import os
import re
import urllib.parse
from dataclasses import dataclass, field

from nl2sql_scoring import Database, gold_variants

DATASETS = os.environ.get("TIANSHU_DATASETS",
                          os.path.normpath(os.path.join(os.path.dirname(__file__), "../../../shared/datasets")))
if not os.path.isdir(DATASETS):  # run from a worktree next to /work/shared
    DATASETS = "/work/shared/datasets"
IDENTIFIER = re.compile(r"^[^\W\d]\w{0,127}$")  # what nl2sql-service accepts as a table or column name
ORDER_WORDS = re.compile(r"\b(order|sort|arrange)\b", re.IGNORECASE)  # defog: the question asks for an order


@dataclass
class Question:
    id: str
    question: str
    gold: str                  # gold SQL as the dataset has it (defog: with its alternatives)
    db: str                    # database name on the server
    ordered: bool              # compare rows in order
    category: str = ""
    training_sql: str = ""     # the pair's SQL for the training-data store (one runnable variant of gold)


@dataclass
class Dataset:
    name: str
    language: str
    questions: list
    alternatives: bool = False  # gold SQL holds defog alternatives
    dedupe: bool = False        # drop duplicate rows before comparing (defog)
    models: dict = field(default_factory=dict)


def database_url(url, db):
    """The libpq URL of database db on the server of url (same credentials)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + db))


def search_path(db_url):
    """Schemas holding tables, public first (defog's ewallet keeps its tables in consumer_div)."""
    rows = Database(db_url).rows("SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE c.relkind IN ('r', 'p', 'v') AND n.nspname NOT IN ('pg_catalog', "
                                 "'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1") or []
    schemas = [r[0] for r in rows]
    return ["public"] + [s for s in schemas if s != "public"]


def data_type(pg_type):
    return ("int" if pg_type in ("integer", "smallint") else "bigint" if pg_type == "bigint"
            else "double" if pg_type.startswith(("numeric", "double", "real")) else "timestamp"
            if pg_type.startswith("timestamp") else "date" if pg_type == "date" else "boolean"
            if pg_type == "boolean" else "time" if pg_type.startswith("time") else "string")


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def catalog(db):
    """[(schema, table, table comment, column, type, column comment)] of the user tables, in column order."""
    return db.rows("""
        SELECT n.nspname, c.relname, coalesce(obj_description(c.oid, 'pg_class'), ''), a.attname,
               format_type(a.atttypid, a.atttypmod), coalesce(col_description(c.oid, a.attnum), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%' AND NOT c.relispartition
        ORDER BY n.nspname, c.relname, a.attnum""") or []


def samples(db, columns):
    """{(table, column): [values]} for the given (schema, table, column) text columns with <= 50 distinct values."""
    found = {}
    for start in range(0, len(columns), 40):  # one psql call for 40 columns
        parts = [f"(SELECT {literal(t)}, {literal(c)}, {quote(c)}::text FROM {quote(s)}.{quote(t)} "
                 f"WHERE {quote(c)} IS NOT NULL GROUP BY {quote(c)} ORDER BY count(*) DESC, 3 LIMIT 51)"
                 for s, t, c in columns[start:start + 40]]
        rows = db.rows("\nUNION ALL\n".join(parts))
        if rows is None:
            continue
        for t, c, v in rows:
            found.setdefault((t, c), []).append(v)
    return {k: v for k, v in found.items() if len(v) <= 50}


def unique_columns(db, columns, share=1.0):
    """The (schema, table, column) among columns whose non-null values are all distinct (or at least share of them)."""
    if not columns:
        return set()
    parts = [f"SELECT {i}, count(DISTINCT {quote(c)}) >= {share} * count({quote(c)}) FROM {quote(s)}.{quote(t)}"
             for i, (s, t, c) in enumerate(columns)]
    rows = db.rows("\nUNION ALL\n".join(parts)) or []
    return {columns[int(i)] for i, unique in rows if unique == "t"}


def build_model(db, table_display, column_display, is_measure, wants_samples, relations):
    """The /df/rest/gpt/start model of database db.

    table_display(table, comment) and column_display(table, column, comment) give display names;
    is_measure(table, column, data_type) and wants_samples(table, column) decide aggregation and samples;
    relations: [(fact table, fact column, dimension table, dimension column)]."""
    rows = catalog(db)
    tables = {}
    text_columns = []
    for schema, table, tcomment, col, typ, ccomment in rows:
        if not IDENTIFIER.match(table) or not IDENTIFIER.match(col):
            continue
        t = tables.setdefault(table, {"tableDisplayName": table_display(table, tcomment), "tableName": table,
                                      "columns": []})
        dt = data_type(typ)
        t["columns"].append({"columnDisplayName": column_display(table, col, ccomment), "columnName": col,
                             "dataType": dt, "aggregation": "SUM" if is_measure(table, col, dt) else "NONE"})
        if dt == "string" and wants_samples(table, col):
            text_columns.append((schema, table, col))
    found = samples(db, text_columns)
    for t in tables.values():
        for c in t["columns"]:
            if (t["tableName"], c["columnName"]) in found:
                c["samples"] = found[(t["tableName"], c["columnName"])]
    columns = {(t, c["columnName"]) for t, tv in tables.items() for c in tv["columns"]}
    schemas = {table: schema for schema, table, *_ in rows}
    # a star schema's relation joins a fact row to ONE dimension row: keep the joins whose dimension column is
    # unique (a many-to-many pair of foreign keys is not a relation), as inner joins. A code table whose codes
    # are each recorded once per source system but for a few (342 of 348) is a lookup of its codes, and kept.
    wanted = [(fact, fcol, dim, dcol) for fact, fcol, dim, dcol in relations
              if (fact, fcol) in columns and (dim, dcol) in columns]
    unique = {(t, c) for _, t, c in unique_columns(db, sorted({(schemas[d], d, dc) for _, _, d, dc in wanted}),
                                                  share=0.95)}
    model_relations, seen = [], set()
    for fact, fcol, dim, dcol in wanted:
        if (dim, dcol) in unique and (fact, fcol, dim, dcol) not in seen:
            seen.add((fact, fcol, dim, dcol))
            model_relations.append({"factTable": fact, "dimensionTable": dim, "joinType": "INNER JOIN",
                                    "conditions": [{"srcColName": fcol, "dstColName": dcol}]})
    return {"type": "postgresql", "version": "15", "tables": list(tables.values()), "relations": model_relations}


# ---------------------------------------------------------------------------------------------------- highway

def short_chinese(comment, fallback):
    return re.split("[，,（(：:]", comment)[0][:30] if comment else fallback


def highway(pg_url, questions_file=None, relationships_file=None):
    questions_file = questions_file or os.path.join(DATASETS, "highway_db/questions/dev.json")
    relationships_file = relationships_file or os.path.join(
        DATASETS, "highway_db/schema/highway_db.relationships_global.json")
    db_name = urllib.parse.urlsplit(pg_url).path.lstrip("/") or "highway_db"
    questions = [Question(q["id"], q["question"], q["sql"], db_name, "order by" in q["sql"].lower(),
                          training_sql=q["sql"]) for q in json.load(open(questions_file))]
    relations = []
    for rel in json.load(open(relationships_file))["relationships"]:
        if rel.get("type") == "single_column":
            relations.append((rel["from_table"]["table"], rel["from_column"], rel["to_table"]["table"],
                              rel["to_column"]))
    model = build_model(
        Database(pg_url),
        table_display=lambda t, comment: short_chinese(comment, t),
        column_display=lambda t, c, comment: short_chinese(comment, c),
        is_measure=lambda t, c, dt: dt in ("int", "bigint", "double") and not c.endswith(("_id", "id", "_type", "version")),
        wants_samples=lambda t, c: not c.endswith(("id", "_by")),
        relations=relations)
    return Dataset("highway", "chinese", questions, models={db_name: model})


# ---------------------------------------------------------------------------------------------------- English sets

KEY_NAME = re.compile(r"(id|_code|_no|_number|zip|zipcode|phone|year|month|day|hour|version|_type|rank|level|seq)$",
                      re.IGNORECASE)


def english_measure(keys):
    return lambda t, c, dt: dt in ("int", "bigint", "double") and (t, c) not in keys and not KEY_NAME.search(c)


def english_display(description, fallback):
    """A column description cut to a label: first clause, no leading article, at most 60 characters."""
    if re.match(r"(possible )?values?\b", description or "", re.IGNORECASE):
        description = ""  # "possible values: active, inactive, ..." describes the values, not the column
    text = re.split(r"[,;(:]| - |\. ", description.strip())[0].strip().rstrip(".") if description else ""
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    if len(text) > 60:
        text = text[:60].rsplit(" ", 1)[0]
    return text or fallback.replace("_", " ")


def defog(pg_url, questions_file=None, databases=None):
    questions_file = questions_file or os.path.join(DATASETS, "defog-sql-eval/data/questions_gen_postgres.csv")
    questions = []
    for i, row in enumerate(csv.DictReader(open(questions_file, newline="")), 1):
        if databases and row["db_name"] not in databases:
            continue
        ordered = row["query_category"] == "order_by" or bool(ORDER_WORDS.search(row["question"]))
        questions.append(Question(f"defog-{i:03d}", row["question"], row["query"], row["db_name"], ordered,
                                  row["query_category"], gold_variants(row["query"], True)[0]))
    joins = json.load(open(os.path.join(DATASETS, "defog-data/columns_join.json")))
    dataset = Dataset("defog", "english", questions, alternatives=True, dedupe=True)
    for db_name in sorted({q.db for q in questions}):
        db = Database(database_url(pg_url, db_name))
        # a join pair a.x = b.y: the side whose values are unique is the dimension
        # (columns_join.json names tables and columns as written in the DDL: camelCase, some schema-qualified,
        # one misspelt; PostgreSQL folded them to lower case)
        existing = {(t, c): s for s, t, _, c, *_ in catalog(db)}
        pairs = []
        for entry in joins.get(db_name, []):
            for left, right in entry["pairs"]:
                (lt, lc), (rt, rc) = left.lower().split(".")[-2:], right.lower().split(".")[-2:]
                if (lt, lc) in existing and (rt, rc) in existing:
                    pairs.append((lt, lc, rt, rc))
        cols = sorted({(existing[tc], *tc) for p in pairs for tc in (p[:2], p[2:])})
        unique = {(t, c) for _, t, c in unique_columns(db, cols)}
        relations = [(lt, lc, rt, rc) if (rt, rc) in unique or (lt, lc) not in unique else (rt, rc, lt, lc)
                     for lt, lc, rt, rc in pairs]
        keys = {(t, c) for p in pairs for t, c in (p[:2], p[2:])}
        dataset.models[db_name] = build_model(
            db,
            table_display=lambda t, comment: english_display(comment, t),
            column_display=lambda t, c, comment: english_display(comment, c),
            is_measure=english_measure(keys),
            wants_samples=lambda t, c: not c.lower().endswith("id"),
            relations=relations)
    return dataset


def spider(pg_url, questions_file=None, databases=None):
    questions_file = questions_file or os.path.join(DATASETS, "spider/dev_pg_verified_subset.json")
    questions = []
    for i, q in enumerate(json.load(open(questions_file)), 1):
        db_name = q.get("pg_db") or "spider_" + q["db_id"].lower()
        if databases and db_name not in databases and q["db_id"] not in databases:
            continue
        questions.append(Question(f"spider-{i:03d}", q["question"], q["query"], db_name,
                                  "order by" in q["query"].lower(), q["db_id"], q["query"]))
    schemas = {s["db_id"]: s for s in json.load(open(os.path.join(DATASETS, "spider/tables.json")))}
    dataset = Dataset("spider", "english", questions)
    for db_id, db_name in sorted({(q.category, q.db) for q in questions}):
        s = schemas[db_id]
        db = Database(database_url(pg_url, db_name))
        # tables.json names as in SQLite (Highschooler, CountryCode); the PostgreSQL port has high_schooler...
        folded = lambda name: name.lower().replace("_", "")
        pg_names = {}
        for _, t, _, c, *_ in catalog(db):
            pg_names[folded(t)] = t
            pg_names[(folded(t), folded(c))] = c
        tables = [pg_names.get(folded(t), t.lower()) for t in s["table_names_original"]]
        table_names = dict(zip(tables, s["table_names"]))
        columns = [(tables[ti], pg_names.get((folded(tables[ti]), folded(c)), c.lower())) if ti >= 0 else (None, c)
                   for ti, c in s["column_names_original"]]
        column_names = {col: name for col, (_, name) in zip(columns, s["column_names"])}
        relations = [columns[a] + columns[b] for a, b in s["foreign_keys"]]  # [from (fact), to (dimension)]
        keys = {columns[k] for k in s["primary_keys"] if not isinstance(k, list)} | \
               {columns[k] for pk in s["primary_keys"] if isinstance(pk, list) for k in pk} | \
               {c for fk in s["foreign_keys"] for c in (columns[fk[0]], columns[fk[1]])}
        dataset.models[db_name] = build_model(
            db,
            table_display=lambda t, comment: table_names.get(t, t.replace("_", " ")),
            column_display=lambda t, c, comment: column_names.get((t, c), c.replace("_", " ")),
            is_measure=english_measure(keys),
            wants_samples=lambda t, c: not c.lower().endswith("id"),
            relations=relations)
    return dataset


def load(name, pg_url, questions_file=None, relationships_file=None, databases=None):
    if name == "highway":
        return highway(pg_url, questions_file, relationships_file)
    if name == "defog":
        return defog(pg_url, questions_file, databases)
    if name == "spider":
        return spider(pg_url, questions_file, databases)
    raise ValueError("unknown dataset " + name)
