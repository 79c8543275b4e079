"""Text of a page or a plain article: a headline, maybe a standfirst, a dateline, the body.

The head is read by structure: the first line is the headline when a dateline
line follows it (a page dump) or when it stands alone and reads like one (plain
text). Lines around the dateline that repeat the headline, give the author or
another date are taken out of the text; a standfirst stays as its first paragraph,
since it is the outlet's own summary and often the only place a fact is stated.
"""
from __future__ import annotations

import functools
import re

from extract import rules
from extract.clean import AGENCY_LEAD, drop_chrome, is_prose
from extract.datelines import Dateline, match_dateline, parse_date
from extract.formats import Record

NAME = "page_text"
PLAIN = "plain_text"  # the format of a record whose head shows no dateline
_HEAD_LINES = 12  # non-empty lines searched for the head's dateline and byline
_MARKDOWN_TITLE = re.compile(r"#{1,2}\s+")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<name>[^\d\s|•,–-][^|•,–]{0,60}?)\s*(?:\d{4})?\s*(?:[.,|•–-].*)?",
    re.IGNORECASE,
)
_RESERVED = re.compile(r"\b(?:riproduzione|tutti i diritti|all rights)\b.*", re.IGNORECASE)
_ECHO_TRIM = " .…:;,-–—\"'“”«»"


@functools.cache
def _bylines() -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE)
            for data in rules.by_language("bylines").values() for p in data.get("patterns", [])]


def byline(line: str) -> str | None:
    """The author named by a byline line ("di Mario Rossi", "By Jane Doe"), else None."""
    for pattern in _bylines():
        m = pattern.fullmatch(line)
        if m:
            return m["author"]
    return None


def copyright_outlet(lines: list[str]) -> str | None:
    """The outlet a copyright line names ("© Copyright Adnkronos" -> "Adnkronos")."""
    for line in reversed(lines):
        m = _COPYRIGHT.fullmatch(line.strip())
        if m:
            name = _RESERVED.sub("", m["name"]).strip(" .")
            if name:
                return name
    return None


def _looks_like_headline(line: str) -> bool:
    words = len(line.split())
    return 2 <= words <= 30 and len(line) <= 250 and not line.rstrip().endswith((".", ",", ";", ":"))


def _norm(line: str) -> str:
    return " ".join(line.casefold().split()).strip(_ECHO_TRIM)


def _echoes(line: str, title: str) -> bool:
    """True for a line repeating the headline, whole or cut short."""
    line, title = _norm(line), _norm(title)
    return bool(line) and title.startswith(line) and len(line) >= min(15, len(title))


def sniff(text: str) -> bool:
    """Any text may be an article: this is the reader of last resort."""
    return True


def _dated(line: str) -> Dateline | None:
    found = parse_date(line)
    return found if found and found.year else None


def parse(text: str) -> list[Record]:
    """One record: title, dateline, byline and body of a page dump or a plain text."""
    raw = text.splitlines()
    outlet = copyright_outlet(raw)
    lines = drop_chrome(raw)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return [Record(text="", format=PLAIN, outlet=outlet)]
    first = filled[0]
    head = filled[:_HEAD_LINES]
    date_at = next((i for i in head[1:] if _dated(lines[i])), None)
    first_line = _MARKDOWN_TITLE.sub("", lines[first].strip(), count=1)
    alone = len(filled) > 1 and (first + 1 >= len(lines) or not lines[first + 1].strip()
                                 or first + 1 == date_at)
    title = first_line if date_at is not None or (alone and _looks_like_headline(first_line)) else None
    published = _dated(lines[date_at]) if date_at is not None else None
    author = None
    taken = {date_at} if date_at is not None else set()
    if title is not None:
        taken.add(first)
        for i in head[1:]:
            line = lines[i].strip()
            if (date_at is None or i > date_at) and is_prose(line):
                break
            if _echoes(line, title):
                taken.add(i)
            elif author is None and (found := byline(line)):
                author = found
                taken.add(i)
            elif _dated(line):  # an "updated" date after the dateline
                taken.add(i)
    body = [line for i, line in enumerate(lines) if i not in taken]
    if published is None:
        opening = next((line.strip() for line in body if line.strip()), "")
        lead = AGENCY_LEAD.match(opening)
        published = match_dateline(opening[lead.end():] if lead else opening)
    return [Record(
        text="\n".join(body),
        format=NAME if date_at is not None else PLAIN,
        title=title,
        published=published,
        author=author,
        outlet=outlet,
    )]
