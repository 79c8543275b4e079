"""A run folded into the lake's tables (spec/tables.md), batch by batch.

A run streams its inputs through in batches: each batch's new articles, ledger
rows and rejects are staged as parts of their own (held in memory only while
the batch is), while mentions, small, are kept for the end, where events are
re-merged over the lake's mentions and the run's, so a new report can join an
old event. Rows already in the lake never change, so reading the same inputs
again changes no row and no id.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields

from extract.model import Article, Mention, Reject
from transform.dedupe import NearDuplicates
from transform.merge import merge

_MENTION_FIELDS = {f.name for f in fields(Mention)}


@dataclass
class RunSummary:
    """What a run did, for the command line and the flow's artifact."""

    articles: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejects: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    events: int = 0
    mentions: int = 0

    def lines(self) -> list[str]:
        langs = ", ".join(f"{code} {n}" for code, n in self.languages.most_common())
        out = [f"articles: {self.articles} new ({self.near_duplicates} of them near-duplicates of another), "
               f"{self.duplicates} already in the lake or read twice",
               f"languages of new articles: {langs or 'none'}",
               f"events: {self.events} in the lake, from {self.mentions} mentions"]
        out += [f"rejected ({reason}): {n}" for reason, n in sorted(self.rejects.items())]
        return out


@dataclass
class Run:
    """One run's state between batches: what the lake and the run hold so far, minus texts."""

    run_id: str
    read_at: dt.datetime
    articles: dict[str, str | None]  # every article id in the lake or the run -> duplicate_of
    ledger: set[tuple[str, str]]
    failed: set[tuple[str, str]]
    near: NearDuplicates  # on disk: a run's memory does not grow with its articles' texts
    mentions: list[Mention] = field(default_factory=list)
    summary: RunSummary = field(default_factory=RunSummary)


def start(run_id: str, read_at: dt.datetime, ledger: list[dict], rejects: list[dict],
          articles: Iterable[dict], near: NearDuplicates) -> Run:
    """A run over a lake with this ledger, these rejects and these articles (streamed,
    `article_id` and `duplicate_of` only); `near` holds the lake's signatures."""
    return Run(run_id, read_at, {r["article_id"]: r.get("duplicate_of") for r in articles},
               {(r["input"], r["fingerprint"]) for r in ledger}, {(r["input"], r["reason"]) for r in rejects}, near)


def article_row(a: Article) -> dict:
    """An article as a lake row: the instant in UTC, with its zone, its local day, and the
    outlet's local year and month as partition (tables.md: by publication year and month)."""
    row = asdict(a)
    when = a.published_at
    row["published_tz"] = str(when.tzinfo) if when and when.tzinfo else None
    row["published_at"] = when.astimezone(dt.timezone.utc) if when and when.tzinfo else when
    row["published_date"] = when.date() if when else None
    row["year"], row["month"] = (when.year, when.month) if when else (None, None)
    return row


def mention_from_row(row: dict) -> Mention:
    return Mention(**{k: v for k, v in row.items() if k in _MENTION_FIELDS})


def add_batch(run: Run, items: list[Article | Reject], mentions: list[Mention]) -> dict[str, list[dict]]:
    """Fold one batch into the run: the rows it adds to `articles`, `signatures`, `inputs` and `rejects`."""
    added: dict[str, dict] = {}
    ledger, failed = [], []
    for item in items:
        if isinstance(item, Reject):
            run.summary.rejects[item.reason] += 1
            if (item.input, item.reason) not in run.failed:
                run.failed.add((item.input, item.reason))
                failed.append({"input": item.input, "reason": item.reason, "detail": item.detail,
                               "run_id": run.run_id, "read_at": run.read_at})
            key, outcome, article_id = (item.input, f"rejected:{item.reason}"), "rejected", None
        else:
            fresh = item.article_id not in run.articles and item.article_id not in added
            if fresh:
                added[item.article_id] = article_row(item)
                run.summary.articles += 1
                run.summary.languages[item.language] += 1
            else:
                run.summary.duplicates += 1
            key, outcome, article_id = (item.input, item.article_id), "article" if fresh else "duplicate", item.article_id
        if key not in run.ledger:
            run.ledger.add(key)
            ledger.append({"input": key[0], "fingerprint": key[1], "outcome": outcome, "article_id": article_id,
                           "run_id": run.run_id, "read_at": run.read_at})
    links, signatures = run.near.check([(a, row["text"]) for a, row in added.items()])
    for article_id, row in added.items():
        row["duplicate_of"] = links.get(article_id)
        run.articles[article_id] = row["duplicate_of"]
    run.summary.near_duplicates += len(links)
    run.mentions += [m for m in mentions if m.article_id in added]
    for row in signatures:
        row["read_at"] = run.read_at
    return {"articles": list(added.values()), "signatures": signatures, "inputs": ledger, "rejects": failed}


def finish(run: Run, lake_mentions: list[dict]) -> dict[str, list[dict]]:
    """The `events` and `mentions` tables, re-merged over the lake's mentions and the run's;
    the run is over, so its near-duplicate index is closed."""
    canonical = {a: d for a, d in run.articles.items() if d}
    events = merge([mention_from_row(r) for r in lake_mentions] + run.mentions, canonical)
    event_rows, mention_rows = [], []
    for event in events:
        event_rows.append(event.row())
        mention_rows += [{**asdict(m), "event_id": event.event_id} for m in event.mentions]
    run.summary.events, run.summary.mentions = len(event_rows), len(mention_rows)
    run.near.close()
    return {"events": event_rows, "mentions": mention_rows}
