"""Peak memory of reading a ~200 MB JSON-lines dump.

Why: scrapers hand over dumps larger than memory should hold; the reading path
(`iter_sources` + `extract.read.iter_source`) streams them line by line, so its
peak RSS must stay bounded whatever the input's size. Builds the dump in a
temporary folder from sentences written here, counts articles without keeping
them, and prints articles read, seconds and peak RSS before and after.

    .venv/bin/python benchmarks/bench_memory.py [MEGABYTES]
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.model import Article  # noqa: E402
from extract.read import iter_source  # noqa: E402
from extract.sources import Source, iter_sources  # noqa: E402

BOUND_MB = 500
SENTENCES = (
    "Il Consiglio dei ministri si è riunito ieri sera a Palazzo Chigi per approvare il decreto numero {n}.",
    "La ministra ha detto che l’accordo firmato a Bruxelles entrerà in vigore entro la fine del mese.",
    "In Francia e in Germania il testo è già legge, mentre in Spagna se ne discuterà a maggio.",
    "Secondo fonti diplomatiche, la riunione successiva si terrà a Lisbona il {day} marzo.",
    "Le opposizioni hanno chiesto un voto in Parlamento prima della firma definitiva del testo.",
)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_dump(path: Path, megabytes: int) -> int:
    """A JSON-lines dump of about `megabytes` MB of varied articles; returns the line count."""
    target, written, n = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            body = " ".join(SENTENCES[(n + i) % len(SENTENCES)].format(n=n, day=1 + (n + i) % 28) for i in range(40))
            line = json.dumps({"id": f"bench-{n:07d}", "url": f"https://example.org/2026/03/{1 + n % 28:02d}/a{n}",
                               "title": f"Decreto {n}", "text": body, "published": "2026-03-12T08:44:00+01:00",
                               "source": "example.org", "language": "it"}, ensure_ascii=False)
            written += out.write(line + "\n")
            n += 1
    return n


def read_count(spec: str) -> tuple[int, int]:
    """Articles and rejects the reading path yields, consumed one at a time."""
    articles = rejects = 0
    for source in iter_sources([spec]):
        if not isinstance(source, Source):
            rejects += 1
            continue
        for item in iter_source(source):
            if isinstance(item, Article):
                articles += 1
            else:
                rejects += 1
    return articles, rejects


def main(megabytes: int) -> None:
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as folder:
        dump = Path(folder) / "dump.jsonl"
        lines = write_dump(dump, megabytes)
        size = dump.stat().st_size / 1e6
        before = peak_rss_mb()
        start = time.perf_counter()
        articles, rejects = read_count(str(dump))
        seconds = time.perf_counter() - start
        after = peak_rss_mb()
    print(f"input: {size:.0f} MB, {lines} lines")
    print(f"read: {articles} articles, {rejects} rejects in {seconds:.1f} s ({size / seconds:.1f} MB/s)")
    print(f"peak RSS: {before:.0f} MB before reading, {after:.0f} MB after")
    if after > BOUND_MB:
        print(f"NOT BOUNDED: peak RSS {after:.0f} MB exceeds {BOUND_MB} MB for a {size:.0f} MB input")
    else:
        print(f"bounded: peak RSS stays under {BOUND_MB} MB for a {size:.0f} MB input")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
