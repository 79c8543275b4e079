"""Whatever arrives, reading ends in articles or rejects: no input is lost, no exception escapes.

Inputs are generated from texts written here: random bytes, truncated UTF-8,
broken RSS/Atom, broken JSON lines, ~1 MB lines and empty files.
"""
from __future__ import annotations

import gzip
import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from extract.model import Article, Reject
from extract.read import read_source
from extract.sources import Source, iter_sources
from transform import lake as lakefs

TEXT = (
    "ROMA, 12 MAR - Il Consiglio dei ministri si è riunito ieri sera a Palazzo Chigi per approvare il decreto "
    "sull’energia. «È un passo avanti», ha detto la ministra, citando l’accordo firmato a Bruxelles. "
    "In Francia e in Germania il testo è già legge; in Spagna se ne discuterà a maggio. Città, perché, più.\n"
)
RSS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Notizie</title>'
    "<item><title>Decreto energia</title><link>https://example.org/2026/03/12/decreto</link>"
    "<pubDate>Thu, 12 Mar 2026 08:44:00 +0100</pubDate><description>{text}</description></item>"
    "<item><title>Seconda</title><description>{text}</description></item></channel></rss>\n"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
    "<entry><title>Energia</title><updated>2026-03-12T08:44:00Z</updated><content>{text}</content></entry></feed>"
)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randrange(1, 5000))


def _truncated_utf8(rng: random.Random) -> bytes:
    return _cut((TEXT * rng.randrange(1, 6)).encode(), rng)


def _broken_xml(rng: random.Random) -> bytes:
    doc = rng.choice((RSS, ATOM)).format(text=TEXT).encode(rng.choice(("utf-8", "utf-16", "latin-1", "cp1252")),
                                                              "replace")
    if rng.random() < 0.5:
        doc = _cut(doc, rng)
    else:  # a stray byte run in the middle
        at = rng.randrange(len(doc))
        doc = doc[:at] + rng.randbytes(rng.randrange(1, 40)) + doc[at:]
    return doc


def _broken_jsonl(rng: random.Random) -> bytes:
    lines = []
    for n in range(rng.randrange(1, 8)):
        record = {"id": f"r{n}", "title": "Energia", "text": TEXT, "language": rng.choice(("it", "en", "xx", None)),
                  "published": rng.choice(("2026-03-12T08:44:00+01:00", "ieri", 12, None)), "url": "https://x.org/a"}
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()
        kind = rng.randrange(5)
        if kind == 0:
            line = _cut(line, rng)
        elif kind == 1:
            line = b"[1, 2" + line
        elif kind == 2:
            line = json.dumps(rng.choice(([1, 2], "text", None, {"text": None}, {"id": 3}))).encode()
        elif kind == 3:
            line = line.replace(b'"', b"'", rng.randrange(4))
        lines.append(line)
    return b"\n".join(lines) + rng.choice((b"", b"\n", b"\n\n\xff\xfe"))


def _huge_line(rng: random.Random) -> bytes:
    unit = rng.choice((TEXT.replace("\n", " ").encode(), b"x", rng.randbytes(64)))
    line = unit * (1_000_000 // len(unit) + 1)
    if rng.random() < 0.5:  # one huge JSON line
        line = json.dumps({"id": "big", "text": line.decode("utf-8", "replace")}).encode()
    return line


def _empty(rng: random.Random) -> bytes:
    return rng.choice((b"", b"\n", b"   \n\t\n", b"\xef\xbb\xbf"))


def _gzip_of_something(rng: random.Random) -> bytes:
    return _cut(gzip.compress(_truncated_utf8(rng)), rng)


# (generator, suffix of the file it is written to; the format is recognised by content anyway)
KINDS: list[tuple[Callable[[random.Random], bytes], str]] = [
    (_random_bytes, ".bin"), (_random_bytes, ".txt"), (_truncated_utf8, ".txt"), (_broken_xml, ".xml"),
    (_broken_jsonl, ".jsonl"), (_empty, ".txt"), (_gzip_of_something, ".txt.gz"), (_huge_line, ".txt"),
]
# for the flow test: ~1 MB lines get a smaller share
WEIGHTS = [3, 3, 3, 3, 3, 2, 1, 0.3]


def _read_all(path: Path) -> list[Article | Reject]:
    found = list(iter_sources([str(path)]))
    assert found and all(isinstance(s, (Source, Reject)) for s in found)
    items: list[Article | Reject] = [s for s in found if isinstance(s, Reject)]
    for source in (s for s in found if isinstance(s, Source)):
        read = read_source(source)
        assert read, f"{source.input} gave neither article nor reject"
        items += read
    return items


@st.composite
def _inputs(draw: st.DrawFn) -> tuple[int, random.Random]:
    huge = draw(st.integers(0, 40)) == 40  # about 1 in 40: ~1 MB lines are slow to read a thousand times
    kind = len(KINDS) - 1 if huge else draw(st.integers(0, len(KINDS) - 2))
    return kind, draw(st.randoms(use_true_random=False))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_inputs())
def test_every_input_ends_in_articles_or_rejects(drawn: tuple[int, random.Random]) -> None:
    kind, rng = drawn
    make, suffix = KINDS[kind]
    event(make.__name__)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(make(rng))
        items = _read_all(path)
    assert all(isinstance(i, (Article, Reject)) for i in items)
    assert all(i.input.startswith(str(path)) for i in items)


def test_flow_ledgers_every_generated_file(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    rng = random.Random(2026)
    folder = tmp_path / "inputs"
    folder.mkdir()
    for n in range(50):
        make, suffix = rng.choices(KINDS, weights=WEIGHTS)[0] if n else KINDS[-1]
        (folder / f"{n:02d}{suffix}").write_bytes(make(rng))
    summary = run_pipeline([str(folder)], lake=str(tmp_path / "lake"))
    ledger = [r["input"] for r in lakefs.read(tmp_path / "lake", "inputs")]
    for path in folder.iterdir():
        assert any(i == str(path) or i.startswith(f"{path}#") for i in ledger), f"{path.name} is not in the ledger"
    assert summary.articles + summary.duplicates + sum(summary.rejects.values()) >= 50
