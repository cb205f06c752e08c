#!/usr/bin/env python3
"""Execution accuracy of nl2sql-service (issue 5's harness).

usage: nl2sql_accuracy.py SERVICE_URL TOKEN PG_URL [QUESTIONS] [RELATIONSHIPS_JSON]
                          [--dataset highway|defog|spider] [--examples none|loo] [--td-url URL]
                          [--json FILE] [--failures N] [--limit N] [--db NAME ...] [--suite-db URL|none]

SERVICE_URL is nl2sql-service (http://127.0.0.1:8083) or the gateway; PG_URL a libpq URL of the server holding the
question databases (the suite's TIANSHU_PG_URL; for defog and spider its database name is replaced by each question's
database). QUESTIONS overrides the dataset's question file, RELATIONSHIPS_JSON highway's join keys.

For every question: a conversation of its own is started with the model of the question's database
(nl2sql_datasets.py), the question is asked (its latency measured), predicted and gold SQL are run on the database
and compared (nl2sql_scoring.py: exact and defog's subset match).

--examples loo: the dataset's question-SQL pairs are loaded into training-data-service first; each question's own
pair is deleted before it is asked and created again afterwards, so no question sees its own pair; at the end the
pairs the harness created are deleted (pairs that were stored before are left in place).

Prints the failures asked for, a summary line and the same summary as a JSON line; --json FILE writes the summary and
the per-question details. Accuracy is over the questions whose gold SQL runs (gold_errors counts the others).
Engine counts (which path answered) come from nl2sql.conversation_turn in the suite's database "tianshu" (the PG_URL
server and credentials unless --suite-db says otherwise).
"""
import argparse
import http.client
import json
import signal
import statistics
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import nl2sql_datasets
from nl2sql_scoring import Database, gold_error, score


class Client:
    """JSON over one keep-alive HTTP connection (reconnects when the server closed it)."""

    def __init__(self, base_url, token=None, timeout=60):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.prefix = parts.hostname, parts.port or 80, parts.path.rstrip("/")
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        self.timeout = timeout
        self.conn = None

    def post(self, path, body):
        payload = json.dumps(body, ensure_ascii=False).encode()
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request("POST", self.prefix + path, payload, self.headers)
                response = self.conn.getresponse()
                text = response.read()
            except (http.client.HTTPException, ConnectionError) as e:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise RuntimeError(f"POST {path}: {e}") from e
                continue
            try:
                doc = json.loads(text)
            except ValueError:
                raise RuntimeError(f"POST {path}: HTTP {response.status}: {text[:300]!r}")
            if response.status >= 400:
                raise RuntimeError(f"POST {path}: HTTP {response.status}: {json.dumps(doc, ensure_ascii=False)[:500]}")
            return doc


class ExampleStore:
    """The question-SQL pairs of a leave-one-out run in training-data-service (/api/v0/training_data).

    The ids of the sql items stored before the run are read first; at the end every pair id the harness used that
    is not among them is deleted, so the store is left as it was (also after a failed request or an interrupt)."""

    BATCH = 50

    def __init__(self, client):
        self.client = client
        self.before = self.stored_ids()
        self.used = set()      # ids of the pairs the harness created or found
        self.failed = []       # pairs the store refused: (question id, error)

    def post(self, path, body, attempts=3):
        for attempt in range(1, attempts + 1):
            try:
                return self.client.post(path, body)
            except RuntimeError as e:
                if attempt == attempts or "HTTP 5" not in str(e):
                    raise
                print(f"retrying after {e}", file=sys.stderr)
                time.sleep(0.5 * attempt)

    def stored_ids(self):
        ids, page = set(), 1
        while True:
            data = self.post("/api/v0/training_data/query",
                             {"page": page, "page_size": 100, "training_data_type": "sql"})["data"]
            ids.update(r["id"] for r in data["records"])
            if not data["pagination"]["has_next"]:
                return ids
            page += 1

    def create(self, pairs):
        """[(id or None, error)] for [(question, sql)], in order (create is idempotent: ids come from content)."""
        results = []
        for start in range(0, len(pairs), self.BATCH):
            batch = pairs[start:start + self.BATCH]
            data = self.post("/api/v0/training_data/create", {"data": [
                {"training_data_type": "sql", "question": q, "sql": s} for q, s in batch]})["data"]
            for r in sorted(data["results"], key=lambda r: r["index"]):
                if r["success"]:
                    self.used.add(r["training_id"])
                    results.append((r["training_id"], None))
                else:
                    results.append((None, r.get("error") or r.get("message")))
        return results

    def delete(self, ids):
        """How many of ids were deleted."""
        ids, deleted = list(ids), 0
        for start in range(0, len(ids), self.BATCH):
            deleted += self.post("/api/v0/training_data/delete", {
                "ids": ids[start:start + self.BATCH], "confirm": True})["data"]["successfully_deleted"]
        return deleted

    def created(self):
        return sorted(self.used - self.before)

    def cleanup(self):
        self.delete(self.created())


def percentile(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))], 2) if values else None


def engines_of(suite_db_url, chat_ids):
    """{chat_id: engine} from nl2sql.conversation_turn, or None when the table cannot be read."""
    if not chat_ids:
        return {}
    rows = Database(suite_db_url).rows(
        "SELECT chat_id, engine FROM nl2sql.conversation_turn WHERE turn = (SELECT min(turn) FROM "
        "nl2sql.conversation_turn t WHERE t.chat_id = conversation_turn.chat_id) AND chat_id IN ("
        + ",".join("'" + c + "'" for c in chat_ids if c.isalnum()) + ")")
    return None if rows is None else {c.strip(): e for c, e in rows}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                usage=__doc__.split("\n\n")[1].replace("usage: ", "", 1))
    p.add_argument("service", help="nl2sql-service (http://127.0.0.1:8083) or the gateway")
    p.add_argument("token", help="bearer token (TIANSHU_API_KEY)")
    p.add_argument("pg_url", help="libpq URL of the question databases' server (TIANSHU_PG_URL)")
    p.add_argument("questions", nargs="?", help="question file instead of the dataset's")
    p.add_argument("relationships", nargs="?", help="highway: join keys file instead of the dataset's")
    p.add_argument("--dataset", choices=["highway", "defog", "spider"], default="highway")
    p.add_argument("--examples", choices=["none", "loo"], default="none")
    p.add_argument("--td-url", default="http://127.0.0.1:8082", help="training-data-service (or the gateway)")
    p.add_argument("--td-token", help="bearer token for --td-url (default: TOKEN when --td-url is the gateway)")
    p.add_argument("--json", help="write the summary and per-question details to this file")
    p.add_argument("--failures", type=int, default=0, help="print this many questions without an exact match")
    p.add_argument("--limit", type=int, help="ask only the first N questions")
    p.add_argument("--db", nargs="+", help="defog/spider: only these databases")
    p.add_argument("--suite-db", help="libpq URL of the suite's database 'tianshu' (engine counts); 'none' to skip")
    return p.parse_args()


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up of --examples loo on kill
    started_at = time.time()
    dataset = nl2sql_datasets.load(args.dataset, args.pg_url, args.questions, args.relationships, args.db)
    questions = dataset.questions[:args.limit] if args.limit else dataset.questions
    databases = {}
    for db_name in {q.db for q in questions}:
        url = nl2sql_datasets.database_url(args.pg_url, db_name)
        schemas = nl2sql_datasets.search_path(url)
        databases[db_name] = Database(url, schemas if len(schemas) > 1 else None)
    nl2sql = Client(args.service.rstrip("/") + "/df/rest/gpt", args.token)

    store = None
    pair_ids = {}
    if args.examples == "loo":
        td_token = args.td_token or (args.token if args.td_url.rstrip("/") == args.service.rstrip("/") else None)
        store = ExampleStore(Client(args.td_url, td_token))
    details = []
    try:
        if store:
            pairs = [(q.question, q.training_sql) for q in dataset.questions]
            for q, (pair_id, error) in zip(dataset.questions, store.create(pairs)):
                if pair_id:
                    pair_ids[q.id] = pair_id
                else:
                    store.failed.append((q.id, error))
            print(f"loaded {len(pair_ids)} pairs ({len(store.created())} new, {len(store.failed)} refused)",
                  file=sys.stderr)
        for n, q in enumerate(questions, 1):
            details.append(ask(nl2sql, dataset, q, store, pair_ids))
            if sys.stderr.isatty():
                print(f"\r{n}/{len(questions)}", end="", file=sys.stderr, flush=True)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    finally:
        if store:
            store.cleanup()

    def judge(d):
        db, q = databases[d.pop("_db")], d.pop("_q")
        if d["type"] == "sql":
            d.update(score(db, q.gold, d["sql"], q.ordered, dataset.alternatives, dataset.dedupe))
        else:
            d.update({"exact": False, "subset": False, "pred_error": None,
                      "gold_error": gold_error(db, q.gold, dataset.alternatives)})

    with ThreadPoolExecutor(4) as pool:  # psql processes
        list(pool.map(judge, details))

    suite_db = None if args.suite_db == "none" else (
        args.suite_db or nl2sql_datasets.database_url(args.pg_url, "tianshu"))
    engines = engines_of(suite_db, [d["chat_id"] for d in details if d.get("chat_id")]) if suite_db else None
    for d in details:
        d["engine"] = (engines or {}).get(d.get("chat_id"))

    summary = summarize(args, dataset, details, engines is not None, store)
    summary["seconds"] = round(time.time() - started_at, 1)
    failing = [d for d in details if not d["exact"]]
    for d in failing[:args.failures]:
        print(f"--- {d['id']} [{d['db']}] {'subset match' if d['subset'] else 'wrong'}: {d['question']}")
        print(f"gold: {d['gold']}")
        print(f"pred ({d['type']}{', ' + d['engine'] if d.get('engine') else ''}): {d.get('sql') or d.get('content')}")
        for key in ("error", "pred_error", "gold_error"):
            if d.get(key):
                print(f"{key}: {d[key]}")
    s = summary
    engines = "; ".join(f"{name}: {e['questions']} questions, {e['exact']} exact, {e['subset']} subset"
                        for name, e in s.get("engines", {}).items())
    print(f"{s['dataset']} {s['mode']}: {s['questions']} questions, {s['answered_with_sql']} with SQL, "
          f"exact {100 * s['exact_accuracy']:.1f}% ({s['exact']}), subset {100 * s['subset_accuracy']:.1f}% "
          f"({s['subset']}), gold errors {s['gold_errors']}, p50 {s['latency_ms_p50']} ms, "
          f"p99 {s['latency_ms_p99']} ms" + (f" [{engines}]" if engines else ""))
    print(json.dumps(summary, ensure_ascii=False))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": summary, "questions": details}, f, ensure_ascii=False, indent=1)


def ask(nl2sql, dataset, q, store, pair_ids):
    """One question: its conversation, the answer and latency; with a store, its own pair hidden meanwhile."""
    d = {"id": q.id, "db": q.db, "category": q.category, "question": q.question, "gold": q.gold, "type": None,
         "sql": None, "content": None, "ms": None, "error": None, "chat_id": None, "_db": q.db, "_q": q}
    own = pair_ids.get(q.id)
    try:
        if own and store.delete([own]) != 1:
            d["loo_warning"] = "own pair %s was not found to delete" % own
        chat_id = nl2sql.post("/start", {"language": dataset.language, "model": dataset.models[q.db]})["data"]
        d["chat_id"] = chat_id
        started = time.perf_counter()
        answer = nl2sql.post("/chat", {"chatId": chat_id, "input": q.question})
        d["ms"] = round((time.perf_counter() - started) * 1000, 2)
        data = answer.get("data") or {}
        d["type"] = data.get("type") or "none"
        if d["type"] == "sql":
            d["sql"] = data.get("content")
        else:
            d["content"] = data.get("content") or answer.get("exception")
    except RuntimeError as e:
        d["type"], d["error"] = d["type"] or "http_error", str(e)
    finally:
        if own:  # put the pair back
            (new_id, error), = store.create([(q.question, q.training_sql)])
            if new_id:
                pair_ids[q.id] = new_id
    return d


def summarize(args, dataset, details, engines_known, store):
    gold_errors = sum(1 for d in details if d["gold_error"])
    scored = len(details) - gold_errors
    exact = sum(1 for d in details if d["exact"])
    subset = sum(1 for d in details if d["subset"])
    latencies = [d["ms"] for d in details if d["ms"] is not None]
    summary = {
        "dataset": dataset.name, "mode": "loo" if store else "engine", "questions": len(details),
        "answered_with_sql": sum(1 for d in details if d["type"] == "sql"),
        "exact": exact, "subset": subset,
        "exact_accuracy": round(exact / scored, 3) if scored else 0.0,
        "subset_accuracy": round(subset / scored, 3) if scored else 0.0,
        "gold_errors": gold_errors,
        "pred_errors": sum(1 for d in details if d["pred_error"]),
        "http_errors": sum(1 for d in details if d["error"]),
        "latency_ms_p50": round(statistics.median(latencies), 2) if latencies else None,
        "latency_ms_p99": percentile(latencies, 0.99),
    }
    if engines_known:
        counts = {}
        for d in details:
            key = d["engine"] or "-"
            entry = counts.setdefault(key, {"questions": 0, "exact": 0, "subset": 0})
            entry["questions"] += 1
            entry["exact"] += d["exact"]
            entry["subset"] += d["subset"]
        summary["engines"] = counts
    if store:
        summary["pairs_refused"] = len(store.failed)
        summary["own_pair_not_found"] = sum(1 for d in details if d.get("loo_warning"))
    if len({d["db"] for d in details}) > 1:
        per_db = {}
        for d in details:
            entry = per_db.setdefault(d["db"], {"questions": 0, "exact": 0, "subset": 0, "gold_errors": 0})
            entry["questions"] += 1
            entry["exact"] += d["exact"]
            entry["subset"] += d["subset"]
            entry["gold_errors"] += bool(d["gold_error"])
        summary["databases"] = per_db
    return summary


if __name__ == "__main__":
    main()
