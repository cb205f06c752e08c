#!/usr/bin/env bash
# Dev helper: run the gold SQL of every highway_db dev question against a
# database and report, per question, ok / null / empty / error / timeout.
#
#   ok      at least one row with at least one non-NULL value
#   null    rows came back, but every value is NULL (e.g. SUM over no rows)
#   empty   no rows
#   error   the statement failed (message shown)
#   timeout the statement ran longer than CHECK_TIMEOUT (default 60s)
#
# Usage: check_questions.sh [path/to/dev.json]
#   Connection via the usual libpq variables: PGHOST, PGPORT, PGUSER,
#   PGDATABASE (default highway_db) and PGPASSWORD if needed.
#   Default questions file: shared/datasets/highway_db/questions/dev.json in
#   the folder beside the repository (<repo>/../shared/...).
#   Env: CHECK_TIMEOUT=60s  VERBOSE=1 (print the first row of each result)
# Exit status: 0 when no question failed with an error or timeout, else 1.
# Needs psql and python3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
questions="${1:-$repo/../shared/datasets/highway_db/questions/dev.json}"
export PGDATABASE="${PGDATABASE:-highway_db}"

if [[ ! -f "$questions" ]]; then
  echo "questions file not found: $questions" >&2
  exit 2
fi
command -v psql >/dev/null || { echo "psql not found" >&2; exit 2; }

export CHECK_TIMEOUT="${CHECK_TIMEOUT:-60s}"
exec python3 - "$questions" <<'PY'
import json, os, subprocess, sys, time

questions = json.load(open(sys.argv[1], encoding="utf-8"))
timeout = os.environ["CHECK_TIMEOUT"]
verbose = os.environ.get("VERBOSE") == "1"
totals = {"ok": 0, "null": 0, "empty": 0, "error": 0, "timeout": 0}
not_ok = []

for q in questions:
    qid, sql = q["id"], q["sql"].strip()
    script = "SET statement_timeout = '%s';\n%s\n" % (timeout, sql if sql.endswith(";") else sql + ";")
    t0 = time.time()
    p = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-R", "\x1e", "-v", "ON_ERROR_STOP=1", "-P", "null=\x1d"],
        input=script.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = int((time.time() - t0) * 1000)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace").strip()
    rows = [r for r in out.split("\x1e") if r.strip("\n") != ""]
    if p.returncode != 0:
        status = "timeout" if "statement timeout" in err else "error"
        detail = err.splitlines()[0] if err else "exit %d" % p.returncode
    elif not rows:
        status, detail = "empty", ""
    else:
        values = [v for r in rows for v in r.strip("\n").split("\x1f")]
        status = "ok" if any(v != "\x1d" for v in values) else "null"
        detail = "%d rows" % len(rows)
        if verbose:
            detail += " | " + rows[0].strip("\n").replace("\x1f", " | ").replace("\x1d", "NULL")[:160]
    totals[status] += 1
    if status != "ok":
        not_ok.append((qid, status, detail))
    print("%-8s %-7s %6d ms  %s" % (qid, status, ms, detail), flush=True)

print()
print("total %d: " % len(questions) + ", ".join("%s %d" % (k, v) for k, v in totals.items()))
if not_ok:
    print("not ok: " + ", ".join("%s(%s)" % (i, s) for i, s, _ in not_ok))
sys.exit(1 if totals["error"] or totals["timeout"] else 0)
PY
