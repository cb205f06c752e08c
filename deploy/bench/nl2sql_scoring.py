"""Execution scoring for the nl2sql accuracy harness: run SQL with psql, compare result sets.

Rules (../shared/datasets/README.md, "Scoring NL2SQL"):
  exact   the two result sets are equal: column names and column order ignored, values normalised (numbers rounded half up to 2 places,
          text stripped), rows compared as multisets, and when the question is ordered also in order (rows tying
          on a monotonic column of the gold result - its visible sort key - may come in any order).
  subset  defog sql-eval's rule: every gold column equals (as a sorted list of values) a distinct column of the
          prediction, and the prediction restricted to those columns equals the gold result (rows in order when
          ordered). An exact match is a subset match; an empty gold result is only an exact match.
defog's gold SQL may hold alternatives: several queries separated by ';' (any of them is right), and one
"{a, b, c}" list in the SELECT clause, meaning any non-empty combination of those columns, with "GROUP BY {}"
grouping by the chosen ones. gold_variants() expands them as defog does; a prediction matches if it matches any
variant. defog also drops duplicate rows before comparing (dedupe=True).
"""
import csv
import decimal
import io
import itertools
import subprocess

NULL = "\u2400NULL"
SESSION = "SET statement_timeout = '30s'; SET default_transaction_read_only = on;"


class Database:
    """One PostgreSQL database reached with psql (read-only sessions, 30 s per statement)."""

    def __init__(self, url, schemas=None):
        self.url = url
        self.session = SESSION + (" SET search_path = %s;" % ", ".join(schemas) if schemas else "")

    def query(self, sql, timeout=40):
        """(rows, None) with rows as lists of strings (None for NULL), or (None, error message)."""
        try:
            out = subprocess.run(["psql", "-X", "-q", "--csv", "-t", "-P", "null=" + NULL, "-v", "ON_ERROR_STOP=1",
                                  self.url, "-c", self.session, "-c", sql],
                                 capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, "timeout"
        if out.returncode != 0:
            message = " ".join(line.strip() for line in out.stderr.splitlines()
                               if line.strip() and not line.startswith(("LINE", " ", "HINT")))
            return None, (message or "psql exit %d" % out.returncode)[:500]
        rows = [[None if v == NULL else v for v in row] for row in csv.reader(io.StringIO(out.stdout))]
        return rows, None

    def rows(self, sql):
        """Rows of a query, or None when it fails."""
        return self.query(sql)[0]


def gold_variants(sql, alternatives=False):
    """The gold queries to try. Without alternatives, the query itself (trailing ';' dropped)."""
    if not alternatives:
        return [sql.strip().rstrip(";").strip()]
    variants = []
    for query in (q.strip() for q in sql.split(";")):
        if not query:
            continue
        opening = query.find("{")
        closing = query.find("}", opening + 1)
        if opening < 0 or closing < 0:
            variants.append(query)
            continue
        options = [o.strip() for o in query[opening + 1:closing].split(",") if o.strip()]
        head, tail = query[:opening], query[closing + 1:]
        # the largest combination first: it is also the variant used as the training pair
        for size in range(len(options), 0, -1):
            for chosen in itertools.combinations(options, size):
                columns = ", ".join(chosen)
                variants.append(head + columns + tail.replace("GROUP BY {}", "GROUP BY " + columns))
    return variants


def norm(v):
    """Numbers to 2 places rounding half up, as SQL's ROUND does on the decimal text (978.625 -> 978.63), else text."""
    if v is None:
        return None
    try:
        float(v)
    except ValueError:
        return v.strip()
    try:
        return float(decimal.Decimal(v.strip()).quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP))
    except (decimal.InvalidOperation, ValueError):
        return round(float(v), 2)   # nan, inf, or too large to quantize


def _key(value):
    # a total order over mixed values (None, numbers, text)
    return (0, 0, "") if value is None else (1, value, "") if isinstance(value, float) else (2, 0, value)


def _table(rows, dedupe):
    table = [tuple(norm(v) for v in r) for r in rows]
    if dedupe:
        table = list(dict.fromkeys(table))
    return table


def _sorted(rows):
    return sorted(rows, key=lambda r: [_key(v) for v in r])


def _sorted_column(table, i):
    return sorted((r[i] for r in table), key=_key)


def _monotonic(values):
    keys = [_key(v) for v in values]
    return keys == sorted(keys) or keys == sorted(keys, reverse=True)


def _same_rows(gold, pred, ordered):
    if gold == pred:
        return True
    if len(gold) != len(pred) or _sorted(gold) != _sorted(pred):
        return False
    if not ordered:
        return True
    # Ordered: rows that tie on the sort key may come in any order. The sort key is unknown; a non-constant gold
    # column whose values are monotonic stands for it: the prediction must hold the same rows in each run of
    # equal values of that column, the runs in the same order.
    return any(_same_runs(gold, pred, i) for i in range(len(gold[0]))
               if len({r[i] for r in gold}) > 1 and _monotonic([r[i] for r in gold]))


def _same_runs(gold, pred, column):
    """pred is gold up to the order of rows tying on the given column."""
    start = 0
    while start < len(gold):
        end = start
        while end < len(gold) and gold[end][column] == gold[start][column]:
            end += 1
        if _sorted(gold[start:end]) != _sorted(pred[start:end]):
            return False
        start = end
    return True


def exact_match(gold_rows, pred_rows, ordered, dedupe=False):
    """Equal result sets up to the order of the columns (as Spider's execution evaluation compares them)."""
    gold, pred = _table(gold_rows, dedupe), _table(pred_rows, dedupe)
    if _same_rows(gold, pred, ordered):
        return True
    if not gold or not pred or len(gold[0]) != len(pred[0]) or len(gold) != len(pred):
        return False
    columns = len(gold[0])
    # each gold column may be any prediction column holding the same values
    options = [[p for p in range(columns) if _sorted_column(pred, p) == _sorted_column(gold, g)]
               for g in range(columns)]
    for order in itertools.islice(_assignments(options, [], 0), 1000):
        if order != list(range(columns)) and _same_rows(gold, [tuple(r[p] for p in order) for r in pred], ordered):
            return True
    return False


def _assignments(options, chosen, at):
    """Each way to give every gold column a distinct prediction column."""
    if at == len(options):
        yield list(chosen)
        return
    for p in options[at]:
        if p not in chosen:
            chosen.append(p)
            yield from _assignments(options, chosen, at + 1)
            chosen.pop()


def subset_match(gold_rows, pred_rows, ordered, dedupe=False):
    if exact_match(gold_rows, pred_rows, ordered, dedupe):
        return True
    gold, pred = _table(gold_rows, False), _table(pred_rows, False)
    if not gold or len(gold) != len(pred):
        return False
    free = list(range(len(pred[0])))
    matched = []
    for g in range(len(gold[0])):
        column = _sorted_column(gold, g)
        hit = next((p for p in free if _sorted_column(pred, p) == column), None)
        if hit is None:
            return False
        free.remove(hit)
        matched.append(hit)
    projected = [tuple(r[p] for p in matched) for r in pred]
    if dedupe:
        gold, projected = list(dict.fromkeys(gold)), list(dict.fromkeys(projected))
    return _same_rows(gold, projected, ordered)


def score(db, gold_sql, pred_sql, ordered, alternatives=False, dedupe=False):
    """{exact, subset, gold_error, pred_error} of one prediction against the gold SQL on database db."""
    result = {"exact": False, "subset": False, "gold_error": None, "pred_error": None}
    pred, result["pred_error"] = db.query(pred_sql)
    gold_errors = []
    for variant in gold_variants(gold_sql, alternatives):
        gold, error = db.query(variant)
        if gold is None:
            gold_errors.append(error)
            continue
        if pred is None:
            break  # the gold SQL runs: the question counts, the prediction is wrong
        if exact_match(gold, pred, ordered, dedupe):
            result["exact"] = result["subset"] = True
            break
        if not result["subset"] and subset_match(gold, pred, ordered, dedupe):
            result["subset"] = True
    if len(gold_errors) == len(gold_variants(gold_sql, alternatives)):
        result["gold_error"] = gold_errors[0]
    return result


def gold_error(db, gold_sql, alternatives=False):
    """None when (a variant of) the gold SQL runs on db, else the error of the first variant."""
    errors = []
    for variant in gold_variants(gold_sql, alternatives):
        error = db.query(variant)[1]
        if error is None:
            return None
        errors.append(error)
    return errors[0] if errors else "no gold SQL"
