"""Strict scores of a lake against a gold set, read as `../shared/eval/score.py` reads it.

Hand-written because that scorer is not part of the project: the written sets must
score in a clone without `../shared`. Matching is the same (same type, date equal at
the gold precision, greedy one to one, optional gold neither missed nor spurious);
attribute accuracy pairs each gold event with the matching prediction that agrees
with it most, not the first in DuckDB's row order.
"""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import duckdb

ATTRIBUTES = ("country", "killed", "injured", "quantity")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fold(value: object) -> str | None:
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower().split()) or None


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _dated(gold: dict, pred: dict) -> bool:
    if pred.get("event_date") is None:
        return False
    g, p = _day(gold["event_date"]), _day(pred["event_date"])
    precision = gold.get("date_precision") or "day"
    return g.year == p.year if precision == "year" else (g.year, g.month) == (p.year, p.month) if precision == "month" else g == p


def predictions(lake: Path) -> dict[str, list[dict]]:
    """The events each article's mentions point to, by the article's origin id."""
    read = lambda t: f"read_parquet('{lake}/{t}/**/*.parquet', hive_partitioning = true, union_by_name = true)"  # noqa: E731
    con = duckdb.connect()
    rows = con.execute(f"""
        SELECT DISTINCT a.origin_id, e.* FROM {read('mentions')} m
        JOIN {read('events')} e ON e.event_id = m.event_id JOIN {read('articles')} a ON a.article_id = m.article_id
        ORDER BY a.origin_id, e.event_id""").fetchall()
    columns = [d[0] for d in con.description]
    out: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        record = dict(zip(columns, row))
        out[record["origin_id"]].append(record)
    return out


def score(gold_dir: Path, lake: Path, language: str) -> dict:
    """Strict precision, recall and F1, and attribute accuracy, for one language."""
    articles = {a["id"] for a in _lines(gold_dir / "articles.jsonl") if a["language"] == language}
    preds = predictions(lake)
    tp = fp = fn = 0
    ok, n = dict.fromkeys(ATTRIBUTES, 0), dict.fromkeys(ATTRIBUTES, 0)
    for entry in _lines(gold_dir / "gold.jsonl"):
        if entry["article_id"] not in articles:
            continue
        pool = list(preds.get(entry["article_id"], []))
        for event in entry["events"]:
            fits = [p for p in pool if p["event_type"] == event["event_type"] and _dated(event, p)]
            if not fits:
                fn += not event.get("optional")
                continue
            best = max(fits, key=lambda p: sum(_fold(p.get(k)) == _fold(event.get(k)) for k in (*ATTRIBUTES, "location")))
            pool.remove(best)
            if event.get("optional"):
                continue
            tp += 1
            for k in ATTRIBUTES:
                if event.get(k) is not None:
                    n[k] += 1
                    ok[k] += _fold(best.get(k)) == _fold(event[k])
        fp += len(pool)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "attributes": {k: round(ok[k] / n[k], 3) for k in ATTRIBUTES if n[k]}}
