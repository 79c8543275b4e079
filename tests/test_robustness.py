"""Inputs that once stopped a run, tables with no rows, and runs that share a lake."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES
from transform import lake as lakefs

LINES = [
    {"id": "y1", "text": "Il ministro dei Trasporti si è dimesso ieri dopo le proteste.", "published": "0001-01-01T00:30:00+01:00"},
    {"id": "y9", "text": "Il sindaco di Pavia si è dimesso ieri sera.", "published": "9999-12-31", "language": "../languages"},
    {"id": "gb", "text": "The transport minister resigned on Tuesday after the protests.", "published": "2026-03-04",
     "language": "en-GB"},
]


def test_odd_records_are_kept_or_rejected_and_the_rest_goes_through(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    summary = run_pipeline([str(dump), str(SAMPLES)], lake=str(tmp_path / "lake"))
    rows = {r["origin_id"]: r for r in lakefs.read(tmp_path / "lake", "articles")}
    assert summary.articles == 5 and not summary.rejects
    assert rows["y1"]["published_at"] is None and rows["y9"]["published_at"] is None  # unknown, not guessed
    assert rows["y9"]["language"] == "it" and rows["gb"]["language"] == "en"


def test_a_table_without_rows_is_still_readable(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    dump = tmp_path / "quiet.jsonl"
    dump.write_text(json.dumps({"id": "q", "text": "Nothing of note happened in the valley today.",
                                "published": "2026-02-02", "language": "en"}) + "\n", encoding="utf-8")
    lake = tmp_path / "lake"
    run_pipeline([str(dump)], lake=str(lake))
    con = lakefs.connect(lake)
    for table in lakefs.TABLES:
        path = lake / table
        assert any(path.glob("**/*.parquet")), table
        con.execute(f"SELECT count(*) FROM read_parquet('{path}/**/*.parquet', hive_partitioning = true)").fetchall()
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(0,)]


def test_articles_are_partitioned_by_the_outlets_local_month(sample_lake: Path) -> None:
    feed = next(r for r in lakefs.read(sample_lake, "articles") if r["published_precision"] == "day")
    # midnight of 6 January in Rome is 5 January in UTC: the local day and month stand
    assert feed["published_at"] == dt.datetime(2026, 1, 5, 23, 0, tzinfo=dt.timezone.utc)
    assert feed["published_date"] == dt.date(2026, 1, 6)
    assert list((sample_lake / "articles").iterdir()) == [sample_lake / "articles" / "year=2026"]


def test_a_second_run_waits_for_the_lake(tmp_path: Path) -> None:
    probe = ("import fcntl, sys; h = open(sys.argv[1], 'w')\n"
             "try:\n    fcntl.flock(h, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')\n"
             "except BlockingIOError:\n    print('held')")
    lock = tmp_path / "lake" / ".lock"
    with lakefs.locked(tmp_path / "lake"):
        held = subprocess.run([sys.executable, "-c", probe, str(lock)], capture_output=True, text=True).stdout
    free = subprocess.run([sys.executable, "-c", probe, str(lock)], capture_output=True, text=True).stdout
    assert (held.strip(), free.strip()) == ("held", "free")


def test_query_refuses_a_lake_that_is_not_there(tmp_path: Path) -> None:
    out = subprocess.run([str(Path(sys.executable).parent / "geoevents"), "query", "SELECT 1", "--lake",
                          str(tmp_path / "typo")], capture_output=True, text=True)
    assert out.returncode == 1 and "no lake" in out.stderr


def test_a_failure_on_one_article_is_a_reject_not_a_crash() -> None:
    from extract.events import extract_batch
    from extract.formats import Record
    from extract.model import Article
    from extract.read import _build

    broken = Article(article_id="b", origin_id="b", input="dump#2", text=None, language="it")  # type: ignore[arg-type]
    fine = Article(article_id="f", origin_id="f", input="dump#1", language="en",
                   text="The transport minister resigned on Tuesday.",
                   published_at=dt.datetime(2026, 3, 4, tzinfo=dt.timezone.utc))
    mentions, failed = extract_batch([fine, broken])
    assert [m.article_id for m in mentions] == ["f"]
    assert [(r.input, r.reason) for r in failed] == [("dump#2", "failed")] and "TypeError" in failed[0].detail
    reject = _build(Record(text=None, format="jsonl"), "dump#3", "dump")  # type: ignore[arg-type]
    assert (reject.input, reject.reason) == ("dump#3", "failed")


def test_one_file_named_two_ways_is_one_input(prefect_server, sample_lake: Path, tmp_path: Path, monkeypatch) -> None:
    import shutil

    from flows.pipeline import run_pipeline

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake)
    monkeypatch.chdir(SAMPLES.parent)
    run_pipeline([f"./{SAMPLES.name}/"], lake=str(lake))
    assert len(lakefs.read(lake, "inputs")) == len(lakefs.read(sample_lake, "inputs"))
