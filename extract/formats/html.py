"""Saved web pages: the body by trafilatura, title, date and author from the page's metadata.

trafilatura keeps the main text and drops the furniture (menus, footers,
related links); its metadata reader takes the title, author and date from the
page's meta tags and JSON-LD (the date by htmldate). The text is repaired
after extraction, as markup entities are only text once the page is read.
"""
from __future__ import annotations

import re

import trafilatura

from extract.datelines import parse_date
from extract.formats import PROBE, Record
from extract.formats.feed import root_name
from extract.repair import repair_text

NAME = "html"
_ROOTS = frozenset({"html", "head", "body"})
_PAGE = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)


def sniff(head: str) -> bool:
    """A document opening with an HTML doctype or element, or holding <html>/<body> near the top."""
    return root_name(head) in _ROOTS or head.lstrip()[:15].lower() == "<!doctype html" \
        or bool(_PAGE.search(head[:PROBE]))


def parse(text: str) -> list[Record]:
    """One record: the page's main text and metadata (an empty text when trafilatura finds none)."""
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if document is None:
        return [Record(text="", format=NAME)]
    date = document.date and parse_date(document.date)
    return [Record(
        text=repair_text(document.text or ""),
        format=NAME,
        title=repair_text(document.title) if document.title else None,
        published=date or None,
        author=document.author or None,
        tags=[t for t in (document.tags or []) if t],
        category=", ".join(document.categories) if document.categories else None,
        url=document.url or None,
        outlet=document.url or document.hostname or document.sitename or None,
    )]
