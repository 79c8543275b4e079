"""A run's results folded into the lake's tables (spec/tables.md), incrementally.

The new articles, mentions and rejects of a run join the rows the lake
already holds; events are re-merged over all mentions so a new report can
join an old event. Rows already present are kept as they are, so reading the
same inputs again changes no row and no id.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field, fields

from extract.model import Article, Mention, Reject
from transform.dedupe import link
from transform.merge import merge

_MENTION_FIELDS = {f.name for f in fields(Mention)}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass
class RunSummary:
    """What a run did, for the command line and the flow's artifact."""

    articles: int = 0
    duplicates: int = 0
    rejects: Counter = field(default_factory=Counter)
    events: int = 0
    mentions: int = 0

    def lines(self) -> list[str]:
        out = [f"articles: {self.articles} new, {self.duplicates} already in the lake or duplicated",
               f"events: {self.events} in the lake, from {self.mentions} mentions"]
        out += [f"rejected ({reason}): {n}" for reason, n in sorted(self.rejects.items())]
        return out


def article_row(a: Article) -> dict:
    row = asdict(a)
    when = a.published_at
    row["published_tz"] = str(when.tzinfo) if when and when.tzinfo else None
    row["published_at"] = when.astimezone(dt.timezone.utc) if when and when.tzinfo else when
    return row


def mention_from_row(row: dict) -> Mention:
    return Mention(**{k: v for k, v in row.items() if k in _MENTION_FIELDS})


def _link_near_duplicates(previous: dict[str, list[dict]], known: dict[str, dict], added: set[str]) -> None:
    """Set `duplicate_of` on this run's new article rows; the lake's rows stay as they are.

    The lake's articles count as ingested before the new ones, in the order the
    ledger first read them, so a link always points at the earliest report.
    """
    first_read: dict[str, dt.datetime] = {}
    for r in previous.get("inputs", []):
        if r.get("article_id") and r.get("read_at") is not None:
            when = r["read_at"]
            first_read[r["article_id"]] = min(when, first_read.get(r["article_id"], when))
    old = sorted((i for i in known if i not in added),
                 key=lambda i: (i not in first_read, first_read.get(i, _EPOCH), i))
    links = link(((i, known[i]["text"], known[i].get("duplicate_of")) for i in old),
                 {i: known[i]["text"] for i in added})
    for article_id, original in links.items():
        known[article_id]["duplicate_of"] = original


def update(previous: dict[str, list[dict]], articles: list[Article], mentions: list[Mention],
           rejects: list[Reject], run_id: str, read_at: dt.datetime) -> tuple[dict[str, list[dict]], RunSummary]:
    """The lake's new tables: `previous` rows, plus this run's, with events re-merged."""
    summary = RunSummary()
    known = {r["article_id"]: r for r in previous.get("articles", [])}
    ledger = {(r["input"], r["fingerprint"]): r for r in previous.get("inputs", [])}
    added: set[str] = set()
    for a in articles:
        fresh = a.article_id not in known
        if fresh:
            known[a.article_id] = article_row(a)
            added.add(a.article_id)
            summary.articles += 1
        else:
            summary.duplicates += 1
        ledger.setdefault((a.input, a.article_id), {
            "input": a.input, "fingerprint": a.article_id, "outcome": "article" if fresh else "duplicate",
            "article_id": a.article_id, "run_id": run_id, "read_at": read_at})
    _link_near_duplicates(previous, known, added)
    failed = {(r["input"], r["reason"]): r for r in previous.get("rejects", [])}
    for r in rejects:
        failed.setdefault((r.input, r.reason), {"input": r.input, "reason": r.reason, "detail": r.detail,
                                                "run_id": run_id, "read_at": read_at})
        ledger.setdefault((r.input, f"rejected:{r.reason}"), {
            "input": r.input, "fingerprint": f"rejected:{r.reason}", "outcome": "rejected", "article_id": None,
            "run_id": run_id, "read_at": read_at})
        summary.rejects[r.reason] += 1
    all_mentions = [mention_from_row(r) for r in previous.get("mentions", [])]
    all_mentions += [m for m in mentions if m.article_id in added]
    canonical = {r["article_id"]: r["duplicate_of"] for r in known.values() if r.get("duplicate_of")}
    events = merge(all_mentions, canonical)
    event_rows, mention_rows = [], []
    for event in events:
        event_rows.append(event.row())
        for m in event.mentions:
            mention_rows.append({**asdict(m), "event_id": event.event_id})
    summary.events, summary.mentions = len(event_rows), len(mention_rows)
    tables = {
        "articles": list(known.values()), "events": event_rows, "mentions": mention_rows,
        "rejects": list(failed.values()), "inputs": list(ledger.values()),
    }
    return tables, summary
