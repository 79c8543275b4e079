"""The records that flow between stages: plain dataclasses, no behaviour.

Every stage speaks in these types so that readers, rules, merging and the lake
can be developed and tested apart.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One article after reading, repair and clean-up (spec/tables.md `articles`)."""

    article_id: str
    origin_id: str
    input: str
    text: str
    language: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: dt.datetime | None = None  # aware, in the outlet's time zone
    published_precision: str | None = None  # "minute" or "day" (date alone)
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    category: str | None = None  # the outlet's section ("esteri", "World")
    format: str = ""  # the reader that produced it: page_text, feed_markdown, html, rss, jsonl...
    duplicate_of: str | None = None  # set by transform.dedupe for near-duplicates


@dataclass
class Reject:
    """An input (or one record of it) that could not become an article."""

    input: str
    reason: str  # a code from extract.rejects.REASONS
    detail: str


@dataclass
class Mention:
    """One report of an event in one article, as a rule read it."""

    article_id: str
    event_type: str
    rule_id: str
    sentence: str
    event_date: dt.date | None
    date_precision: str | None
    date_basis: str | None
    date_text: str | None
    status: str = "occurred"
    location: str | None = None
    country: str | None = None
    actors: list[str] = field(default_factory=list)
    target: str | None = None
    killed: int | None = None
    injured: int | None = None
    quantity: int | None = None
    language: str = ""
    sentence_index: int = 0
