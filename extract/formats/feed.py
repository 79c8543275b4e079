"""RSS 0.9x/2.0, RDF (RSS 1.0), Atom and JSON Feed documents, read by feedparser: one record per entry.

feedparser is given the raw bytes, since it honours the document's own encoding
declaration (big5, euc-kr...) better than a guess can, and reads ill-formed
feeds as far as they go. An entry's body is its content, else its summary,
with the HTML taken out; its link, id, dates, author and tags are kept.
"""
from __future__ import annotations

import datetime as dt
import io
import re

import feedparser
import lxml.html
from lxml.etree import ParserError

from extract.datelines import Dateline, parse_date
from extract.formats import PROBE, Broken, Record
from extract.repair import repair_text

NAME = "feed"
# The first element of the document, after any declaration, comment or doctype.
_ROOT = re.compile(r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?(?P<name>[\w.-]+)",
                   re.IGNORECASE | re.DOTALL)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel", "item", "entry"})
_JSON_FEED = re.compile(r'\s*\{.{0,400}?"version"\s*:\s*"https?://jsonfeed\.org', re.DOTALL)
_BLOCKS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "table", "tr", "section", "article", "figure", "hr")
_MARKUP = re.compile(r"</?[a-z][^>]*>|&[#\w]+;", re.IGNORECASE)


def root_name(head: str) -> str | None:
    """The name of the document's first element, lower case, without its namespace prefix."""
    m = _ROOT.match(head[:PROBE])
    return m["name"].lower() if m else None


def sniff(head: str) -> bool:
    """A document whose root is a feed's (rss, feed, rdf:RDF...) or a JSON Feed."""
    return root_name(head) in _FEED_ROOTS or bool(_JSON_FEED.match(head[:PROBE]))


def strip_html(value: str) -> str:
    """The text of an HTML fragment, a line per block element."""
    if not _MARKUP.search(value):
        return value
    try:
        root = lxml.html.fromstring(f"<div>{value}</div>")
    except (ParserError, ValueError):
        return _MARKUP.sub(" ", value)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _text(detail: dict | None) -> str:
    if not detail or not detail.get("value"):
        return ""
    value = str(detail["value"])
    return value if detail.get("type") == "text/plain" else strip_html(value)


def _date(entry: dict) -> Dateline | None:
    """The entry's publication (else update) time: as written when readable, else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        found = parse_date(written) if isinstance(written, str) else None
        if found and found.year:
            return found
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return Dateline(parsed.tm_year, parsed.tm_mon, parsed.tm_mday, parsed.tm_hour, parsed.tm_min,
                            dt.timezone.utc)
    return None


def _record(entry: dict, number: int, site: str | None) -> Record:
    contents = [_text(c) for c in entry.get("content") or []]
    body = max(contents, key=len, default="") or _text(entry.get("summary_detail"))
    title = _text(entry.get("title_detail")).strip() or None
    return Record(
        text=repair_text(body),
        format=NAME,
        title=repair_text(" ".join(title.split())) if title else None,
        published=_date(entry),
        author=entry.get("author") or None,
        tags=[str(t["term"]) for t in entry.get("tags") or [] if t.get("term")],
        url=entry.get("link") or None,
        outlet=entry.get("link") or site,
        origin_id=entry.get("id") or None,
        number=number,
    )


def parse(data: str | bytes) -> list[Record | Broken]:
    """A record per entry; a single `Broken` when feedparser finds no entry."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=False)
    except (UnicodeError, ValueError, LookupError) as error:  # a garbled encoding declaration trips feedparser
        return [Broken(f"feedparser cannot read it: {error}")]
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        return [Broken(f"no feed entries{f': {problem}' if problem else ''}")]
    site = parsed.feed.get("link") or None
    return [_record(entry, n, site) for n, entry in enumerate(parsed.entries, start=1)]
