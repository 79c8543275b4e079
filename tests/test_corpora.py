"""The readers over the shared corpora and eval dumps: nothing lost, nothing crashes, bodies scored."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import shared_or_skip

HTML_F_FLOOR = 0.92  # reached here (trafilatura alone: 0.911); a drop below is a regression


def query(lake: Path, sql: str) -> list[tuple]:
    tables = {t: f"read_parquet('{lake}/{t}/**/*.parquet', hive_partitioning = true, union_by_name = true)"
              for t in ("articles", "inputs")}
    return duckdb.connect().execute(sql.format(**tables)).fetchall()


def test_dev_dump_one_article_per_line(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    dump = shared_or_skip("eval", "dev", "articles.jsonl")
    lines = [line for line in dump.read_text(encoding="utf-8").splitlines() if line.strip()]
    run_pipeline([str(dump)], lake=str(tmp_path / "lake"))
    rows = query(tmp_path / "lake", "SELECT input, origin_id, language, published_at FROM {articles}")
    assert sorted(r[0] for r in rows) == sorted(f"{dump}#{n}" for n in range(1, len(lines) + 1))
    assert all(r[1] and r[2] in ("it", "en") and r[3] is not None for r in rows)


def test_feeds_corpus_every_file_in_the_ledger(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    feeds = shared_or_skip("corpora", "feeds")
    files = {str(p) for p in feeds.rglob("*") if p.is_file() and not p.name.startswith(".")}
    run_pipeline([str(feeds)], lake=str(tmp_path / "lake"))
    ledger = query(tmp_path / "lake", "SELECT input, outcome FROM {inputs}")
    assert {re.sub(r"#\d+$", "", i) for i, _ in ledger} == files
    assert {o for _, o in ledger} <= {"article", "duplicate", "rejected"}


def test_html_pages_score_at_least_the_floor(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    pages = shared_or_skip("corpora", "html", "pages")
    run_pipeline([str(pages)], lake=str(tmp_path / "lake"))
    out = subprocess.run([sys.executable, str(pages.parent / "score_html.py"), str(tmp_path / "lake")],
                         capture_output=True, text=True, check=True).stdout
    found = re.search(r"\bF ([0-9.]+)", out)
    assert found, out
    assert float(found[1]) >= HTML_F_FLOOR, out
