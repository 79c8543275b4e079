"""Peak memory of reading a ~200 MB JSON-lines dump, and of a whole run over it.

Why: scrapers hand over dumps larger than memory should hold; the reading path
(`iter_sources` + `extract.read.iter_source`) streams them line by line, and a
run (`--flow`) holds one batch of articles at a time, so peak RSS must stay
bounded whatever the input's size. Builds the dump in a temporary folder from
sentences written here (articles differ in their words, so they are not
near-duplicates of each other), and prints articles read, seconds and peak RSS.

    .venv/bin/python benchmarks/bench_memory.py [MEGABYTES] [--flow]
"""
from __future__ import annotations

import json
import os
import random
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
    """A JSON-lines dump of about `megabytes` MB of varied articles; returns the line count.

    Each article is a template sentence (with an event in one of them) among
    pseudo-words drawn at random, so that no two articles share their shingles."""
    rng = random.Random(7)
    syllables = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(5000)]
    target, written, n = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            lead = SENTENCES[n % len(SENTENCES)].format(n=n, day=1 + n % 28)
            filler = " ".join(" ".join(rng.choices(vocabulary, k=14)) + "." for _ in range(30))
            line = json.dumps({"id": f"bench-{n:07d}", "url": f"https://example.org/2026/03/{1 + n % 28:02d}/a{n}",
                               "title": f"Decreto {n}", "text": f"{lead} {filler}",
                               "published": "2026-03-12T08:44:00+01:00", "source": "example.org", "language": "it"},
                              ensure_ascii=False)
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


def run_flow(spec: str, lake: Path) -> tuple[int, int]:
    """A whole `geoevents run` over the dump (a temporary Prefect server starts first)."""
    from flows.pipeline import run_pipeline

    summary = run_pipeline([spec], lake=str(lake))
    print("\n".join(summary.lines()))
    return summary.articles, sum(summary.rejects.values())


def main(megabytes: int, flow: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as folder:
        dump = Path(folder) / "dump.jsonl"
        lines = write_dump(dump, megabytes)
        size = dump.stat().st_size / 1e6
        before = peak_rss_mb()
        start = time.perf_counter()
        articles, rejects = run_flow(str(dump), Path(folder) / "lake") if flow else read_count(str(dump))
        seconds = time.perf_counter() - start
        after = peak_rss_mb()
    what = "run (flow)" if flow else "read"
    print(f"input: {size:.0f} MB, {lines} lines")
    print(f"{what}: {articles} articles, {rejects} rejects in {seconds:.1f} s ({size / seconds:.1f} MB/s)")
    print(f"peak RSS: {before:.0f} MB before, {after:.0f} MB after")
    if not flow:
        verdict = "bounded" if after <= BOUND_MB else "NOT BOUNDED"
        print(f"{verdict}: the reading path's peak RSS against {BOUND_MB} MB for a {size:.0f} MB input")
    # a run's own footprint (libraries, gazetteer, a flow's first batch) is about 500 MB;
    # what it keeps per article beyond that (ids, ledger keys, mentions, index) is:
    elif articles:
        print(f"per article: {max(0.0, after - 500) * 1024 / articles:.1f} KB above a 500 MB footprint; no text is kept")


if __name__ == "__main__":
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    args = [a for a in sys.argv[1:] if a != "--flow"]
    main(int(args[0]) if args else 200, "--flow" in sys.argv)
