"""One input in, its articles and rejects out: decode, repair, recognise, parse, build.

The format is recognised by structure, never by the file name. Text is repaired
whole before parsing, so that headings, datelines and chrome lines are matched
on the characters the outlet meant.
"""
from __future__ import annotations

import posixpath
import re
from types import ModuleType
from urllib.parse import urlparse

from extract import article
from extract.formats import feed_markdown, page_text
from extract.model import Article, Reject
from extract.repair import DecodeError, decode_bytes, repair_text
from extract.sources import Source

# Tried in order; page_text takes whatever the others leave.
FORMATS: tuple[ModuleType, ...] = (feed_markdown, page_text)
# Markup and data formats that have no reader yet: refused rather than read as prose.
_MARKUP = re.compile(r"\s*(?:<[!?a-z]|\{\s*[\"}]|\[\s*[{\"\]])", re.IGNORECASE)


def origin_name(input: str) -> str:
    """The input's file name, the id an article has when its record gives none."""
    path = urlparse(input).path if "://" in input else input.replace("\\", "/")
    return posixpath.basename(path.rstrip("/")) or input


def read_source(source: Source) -> list[Article | Reject]:
    """The articles of one input, and a Reject for it or each record that is not one."""
    try:
        data = source.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError) as error:
        return [Reject(input=source.input, reason="missing", detail=f"cannot open: {error}")]
    except (OSError, EOFError) as error:  # a ".gz" that is not, or is cut short
        return [Reject(input=source.input, reason="malformed", detail=f"cannot decompress: {error}")]
    try:
        text = decode_bytes(data)
    except DecodeError as error:
        return [Reject(input=source.input, reason=error.reason, detail=error.detail)]
    if _MARKUP.match(text):
        return [Reject(input=source.input, reason="unsupported",
                       detail="markup or JSON, for which there is no reader yet")]
    text = repair_text(text)
    reader = next(f for f in FORMATS if f.sniff(text))
    records = reader.parse(text)
    origin = origin_name(source.input)
    many = len(records) > 1
    return [
        article.build(record, f"{source.input}#{n}" if many else source.input, origin)
        for n, record in enumerate(records, start=1)
    ]
