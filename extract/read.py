"""One input in, its articles and rejects out: decode, repair, recognise, parse, build.

The format is recognised by content, never by the file name. A JSON-lines dump
is streamed line by line (bounded memory, one reject per bad line); any other
input is read whole. Prose formats are repaired whole before parsing, so that
headings, datelines and chrome lines are matched on the characters the outlet
meant; structured formats repair the fields they extract.
"""
from __future__ import annotations

import codecs
import posixpath
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import BinaryIO
from urllib.parse import urlparse

from extract import article
from extract.formats import PROBE, Broken, Record, feed, feed_markdown, html, jsonl, page_text
from extract.model import Article, Reject
from extract.repair import DecodeError, decode_bytes, repair_text
from extract.sources import Source, iter_sources

# Tried in order on the decoded text: structured formats first, then the prose ones
# (on repaired text); page_text takes whatever the others leave.
STRUCTURED: tuple[ModuleType, ...] = (jsonl, html)
PROSE: tuple[ModuleType, ...] = (feed_markdown, page_text)
_HEAD = 1 << 16  # bytes looked at to recognise a stream
_CHUNK = 1 << 20
# How a UTF-16/32 document starts, by its BOM or by "<" among NULs; UTF-32 first, as its LE BOM
# starts with UTF-16's.
_WIDE_STARTS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"),
)
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start with these too


def origin_name(input: str) -> str:
    """The input's file name, the id an article has when its record gives none."""
    path = urlparse(input).path if "://" in input else input.replace("\\", "/")
    return posixpath.basename(path.rstrip("/")) or input


def iter_batches(specs: list[str], size: int) -> Iterator[list[Article | Reject]]:
    """Every article and reject of the inputs named, streamed in batches of `size`:
    a run holds one batch of articles at a time, whatever the size of its inputs."""
    batch: list[Article | Reject] = []
    for source in iter_sources(specs):
        for item in [source] if isinstance(source, Reject) else iter_source(source):
            batch.append(item)
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


def read_source(source: Source) -> list[Article | Reject]:
    """The articles of one input, and a Reject for it or each record that is not one."""
    return list(iter_source(source))


def iter_source(source: Source) -> Iterator[Article | Reject]:
    """`read_source` as a stream: a JSON-lines dump yields its articles as its lines are read."""
    try:
        with source.open() as handle:
            head = handle.read(_HEAD)
            if _streams_as_jsonl(head):
                yield from _jsonl_stream(source.input, _lines(head, handle))
                return
            data = head + handle.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError) as error:
        yield Reject(input=source.input, reason="missing", detail=f"cannot open: {error}")
        return
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as error:  # a ".gz" or ".zip" cut short
        yield Reject(input=source.input, reason="malformed", detail=f"cannot decompress: {error}")
        return
    yield from read_bytes(source.input, data)


def read_bytes(input: str, data: bytes) -> list[Article | Reject]:
    """The articles and rejects of one whole input's bytes."""
    if feed.sniff(_probe(data)):  # feedparser decodes by the document's own declaration
        return _build_all(input, feed.parse(data))
    try:
        text = decode_bytes(data)
    except DecodeError as error:
        return [Reject(input=input, reason=error.reason, detail=error.detail)]
    probe = text[:PROBE]
    reader = next((f for f in STRUCTURED if f.sniff(probe)), None)
    if reader is None:
        text = repair_text(text)
        reader = next(f for f in PROSE if f.sniff(text))
    return _build_all(input, reader.parse(text))


def _build_all(input: str, records: list[Record | Broken]) -> list[Article | Reject]:
    """Each record built; its input is "path#N" when the format numbers it or the input holds many."""
    origin = origin_name(input)
    many = len(records) > 1
    return [_build(record, f"{input}#{record.number or n}" if many or record.number else input, origin)
            for n, record in enumerate(records, start=1)]


def _build(record: Record | Broken, input: str, origin: str) -> Article | Reject:
    """One record's article; a record the pipeline fails on is a reject, never a crashed run."""
    if isinstance(record, Broken):
        return Reject(input=input, reason="malformed", detail=record.detail)
    try:
        return article.build(record, input, origin)
    except Exception as error:  # noqa: BLE001 - any failure on one record must not stop the others
        return Reject(input=input, reason="failed", detail=f"building the article failed: {type(error).__name__}: {error}")


def _probe(data: bytes) -> str:
    """The first bytes as text, enough to see which markup the input is (XML may be UTF-16/32, BOM or not)."""
    head = data[:4 * PROBE]
    codec = next((c for start, c in _WIDE_STARTS if head.startswith(start)), None)
    if codec:
        return head.decode(codec, "ignore")
    return head[:PROBE].removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _streams_as_jsonl(head: bytes) -> bool:
    """A UTF-8 (or ASCII-compatible) stream whose first line is a JSON object."""
    if head.startswith(_WIDE_BOMS):
        return False
    first = head.removeprefix(codecs.BOM_UTF8).lstrip().split(b"\n", 1)[0]
    return jsonl.sniff(first.decode("utf-8", "replace"))


def _lines(head: bytes, handle: BinaryIO) -> Iterator[bytes]:
    """The byte lines of a stream whose first bytes were already read, one at a time."""
    parts: list[bytes] = []  # the pieces of a line longer than a chunk, joined once
    chunk = head.removeprefix(codecs.BOM_UTF8)
    while chunk:
        *complete, rest = chunk.split(b"\n")
        if complete:
            yield b"".join([*parts, complete[0]])
            yield from complete[1:]
            parts = []
        parts.append(rest)
        chunk = handle.read(_CHUNK)
    tail = b"".join(parts)
    if tail:
        yield tail


def _jsonl_stream(input: str, lines: Iterable[bytes]) -> Iterator[Article | Reject]:
    origin = origin_name(input)
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{input}#{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line = decode_bytes(raw)
            except DecodeError as error:
                yield Reject(input=where, reason=error.reason, detail=f"line {number}: {error.detail}")
                continue
        try:
            record = jsonl.parse_line(line, number)
        except Exception as error:  # noqa: BLE001 - one line's failure must not stop the others
            yield Reject(input=where, reason="failed", detail=f"line {number}: {type(error).__name__}: {error}")
            continue
        if record is not None:
            yield _build(record, where, origin)
