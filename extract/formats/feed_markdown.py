"""Markdown exports of feed entries: a title line, then "## Descrizione", "### Tag"... sections.

Recognised by its section headings (the tables in `rules/sections/`), whatever
the file is called. Inside the description, a few lines are the feed's own
metadata rather than text: the editor's e-mail ("webinfo@adnkronos.com (Web
Info)", which names the outlet) and the site's section path ("internazionale/esteri").
An export holding several entries repeats the headings; each entry is a record.
"""
from __future__ import annotations

import functools
import re

from extract import rules
from extract.datelines import parse_date
from extract.formats import Record

NAME = "feed_markdown"
_HEADING = re.compile(r"(#{1,6})\s+(.+?)\s*#*")
_EMAIL = re.compile(r"<?[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)>?(?:\s*\([^)]*\))?")
_PATH = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)+/?")
_ITEM = re.compile(r"(?:[-*+]|\d+[.)])\s+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_QUOTE = re.compile(r">\s?")


@functools.cache
def _fields() -> dict[str, str]:
    """Heading text (lower case) -> field, from every language's table."""
    return {str(k).lower(): str(v) for data in rules.by_language("sections").values()
            for k, v in data.items()}


def _field(heading: str) -> str | None:
    return _fields().get(" ".join(heading.lower().split()).rstrip(":"))


def sniff(text: str) -> bool:
    """Two or more known section headings make a feed export."""
    known = 0
    for line in text.splitlines():
        m = _HEADING.fullmatch(line.strip())
        if m and _field(m[2]):
            known += 1
            if known >= 2:
                return True
    return False


def _unmarkdown(line: str) -> str:
    line = _QUOTE.sub("", line.strip(), count=1) if line.lstrip().startswith(">") else line
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", _IMAGE.sub("", line)))


def _items(lines: list[str]) -> list[str]:
    """The values of a field: its list items or lines, or the comma-separated parts of one line."""
    items = [_ITEM.sub("", line.strip(), count=1).strip() for line in lines]
    items = [_unmarkdown(i) for i in items if i]
    if len(items) == 1 and ", " in items[0]:
        items = [part.strip() for part in items[0].split(",") if part.strip()]
    return items


def _record(title: str | None, fields: dict[str, list[str]]) -> Record:
    outlet = None
    category = None
    text: list[str] = []
    for line in fields.get("text", []):
        stripped = line.strip()
        email = _EMAIL.fullmatch(stripped)
        if email:
            outlet = outlet or email["domain"].lower()
        elif _PATH.fullmatch(stripped):
            category = category or stripped
        else:
            text.append(_unmarkdown(line))
    values = {name: _items(lines) for name, lines in fields.items() if name != "text"}
    dates = values.get("published", [])
    found = [(values.get(name) or [None])[0] for name in ("title", "author", "category", "url", "source")]
    return Record(
        text="\n".join(text),
        format=NAME,
        title=found[0] or title,
        published=parse_date(" ".join(dates)) if dates else None,
        author=found[1],
        tags=values.get("tags", []),
        category=found[2] or category,
        url=found[3],
        outlet=found[4] or found[3] or outlet,
    )


def parse(text: str) -> list[Record]:
    """A record per entry: a field heading seen twice starts the next entry."""
    records: list[Record] = []
    title: str | None = None
    fields: dict[str, list[str]] = {}
    current: list[str] = []  # the lines of the field being read; before any, the title's
    preamble = current
    for line in text.splitlines():
        m = _HEADING.fullmatch(line.strip())
        name = _field(m[2]) if m else None
        if m and name is None and not fields and m[1] == "#":
            title = m[2]
            continue
        if name is None:
            current.append(m[2] if m else line)  # an unknown heading is a subheading of the text
            continue
        if name in fields:  # a new entry: its title is the last line of the previous one
            filled = [i for i, x in enumerate(current) if x.strip()]
            next_title = current.pop(filled[-1]).strip() if filled else None
            records.append(_record(title, fields))
            title, fields = next_title, {}
        if not fields and title is None:
            title = next((x.strip() for x in preamble if x.strip()), None)
        current = fields.setdefault(name, [])
    records.append(_record(title, fields))
    return records
