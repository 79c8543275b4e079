"""Time the per-article path: reading and repairing a JSON-lines dump, then finding the
event mentions of every article, on one core.

Why: the guide asks for thousands of articles a second per core; this prints where we
are, step by step, on the project's written evaluation sets (and the dev set when
../shared is there). Each step is timed warm (a first pass fills the caches). Run it
by hand, it asserts nothing.

    .venv/bin/python benchmarks/bench_extract.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import events, read  # noqa: E402
from extract.model import Article  # noqa: E402

SETS = [ROOT / "tests" / "eval" / "written-1" / "articles.jsonl", ROOT / "tests" / "eval" / "written-2" / "articles.jsonl",
        ROOT.parent / "shared" / "eval" / "dev" / "articles.jsonl"]


def _articles(path: Path) -> list[Article]:
    return [a for batch in read.iter_batches([str(path)], 1000) for a in batch if isinstance(a, Article)]


def main() -> None:
    for path in [p for p in SETS if p.exists()]:
        _articles(path)
        start = time.perf_counter()
        articles = _articles(path)
        reading = time.perf_counter() - start
        events.extract_batch(articles)
        start = time.perf_counter()
        mentions, _ = events.extract_batch(articles)
        finding = time.perf_counter() - start
        size = sum(len(a.text) for a in articles) / len(articles)
        per = (reading + finding) / len(articles)
        print(f"{path.parent.name:10} {len(articles):3} articles of {size:,.0f} chars: read {reading / len(articles) * 1000:.2f} ms, "
              f"events {finding / len(articles) * 1000:.2f} ms ({len(mentions)} mentions) -> {1 / per:,.0f} articles/s")


if __name__ == "__main__":
    main()
