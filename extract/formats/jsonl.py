"""JSON-lines dumps from scrapers: one object per line with `id`, `url`, `title`, `text`, `published`...

A line is read on its own, so a dump can be streamed line by line and a bad
line costs that line only (a `Broken` with its line number). Field names are
the ones scrapers commonly use; `body`/`content` stand in for `text`, `date`
for `published`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from extract.datelines import parse_date
from extract.formats import Broken, Record
from extract.repair import repair_text

NAME = "jsonl"
_TEXT = ("text", "body", "content")
_PUBLISHED = ("published", "published_at", "date")


def sniff(text: str) -> bool:
    """The first non-empty line is a JSON object."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return re.match(r'\s*\{\s*"', first) is not None  # a dump whose first line is the broken one


def _string(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def _first(data: dict, names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := _string(data.get(name)))), None)


def parse_line(line: str, number: int) -> Record | Broken | None:
    """The record of one line; None for a blank line."""
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except ValueError as error:
        return Broken(f"line {number}: not JSON ({error})", number)
    if not isinstance(data, dict):
        return Broken(f"line {number}: a JSON {type(data).__name__}, not an object", number)
    published = _first(data, _PUBLISHED)
    title = _string(data.get("title"))
    language = _string(data.get("language"))
    return Record(
        text=repair_text(_first(data, _TEXT) or ""),
        format=NAME,
        title=repair_text(title) if title else None,
        published=parse_date(published) if published else None,
        author=_string(data.get("author")),
        url=_string(data.get("url")),
        outlet=_string(data.get("source")) or _string(data.get("url")),
        origin_id=_string(data.get("id")),
        language=language.lower() if language else None,
        number=number,
    )


def parse_lines(lines: Iterable[str]) -> Iterator[Record | Broken]:
    """The records of a stream of lines, numbered from 1 as the file's lines are."""
    for number, line in enumerate(lines, start=1):
        found = parse_line(line, number)
        if found is not None:
            yield found


def parse(text: str) -> list[Record | Broken]:
    """Every line's record."""
    return list(parse_lines(text.splitlines()))
