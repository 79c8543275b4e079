"""Input formats, each recognised by its structure and parsed into `Record`s.

A format module has `NAME`, `sniff(text) -> bool` and `parse(text) -> list[Record | Broken]`;
`extract.read` tries them in order. A record holds what the input says, as
written; `extract.article` turns it into an `Article` (clean-up, zones, ids).
Formats whose records are numbered in the input (JSON lines, feed entries) set
`Record.number`, so every record's input is "path#N" even when there is one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.datelines import Dateline


PROBE = 4096  # bytes or characters looked at to recognise a format


@dataclass
class Record:
    """One article as an input gives it, before clean-up."""

    text: str
    format: str
    title: str | None = None
    published: Dateline | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    url: str | None = None
    outlet: str | None = None  # what names the outlet: a domain, an e-mail, a URL or a name
    origin_id: str | None = None  # the record's own id, when the input gives one
    language: str | None = None  # the language the input states; detected when None
    number: int | None = None  # the record's place in its input ("#N"), when the format numbers them


@dataclass
class Broken:
    """A record the input holds but that does not parse: one reject, not the loss of the input."""

    detail: str
    number: int | None = None
