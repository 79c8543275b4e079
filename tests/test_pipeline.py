"""The seed slice end to end: real flow, real Parquet, real DuckDB."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLES, shared_or_skip
from transform import lake as lakefs

SEED_000 = "000_b42b57fb5f2f7971.txt"
SEED_001 = "001_48bd98ad5744dff8.txt"

# The merged dataset the two samples must give (shared/eval/seeds/dataset.jsonl, restated):
# type, date, location, country, the sample files reporting it.
EXPECTED = {
    ("summit", dt.date(2026, 1, 6), "Parigi", "FRA", (SEED_000, SEED_001)),
    ("meeting", dt.date(2026, 1, 6), "Eliseo", "FRA", (SEED_000,)),
    ("drone_strike", dt.date(2026, 1, 6), "Tver", "RUS", (SEED_000, SEED_001)),
    ("drone_strike", dt.date(2026, 1, 6), None, "RUS", (SEED_000, SEED_001)),
    ("dismissal", dt.date(2026, 1, 5), None, "UKR", (SEED_000, SEED_001)),
}


def _events(lake: Path) -> set[tuple]:
    con = lakefs.connect(lake)
    rows = con.execute("""
        SELECT e.event_type, e.event_date, e.location, e.country, list(DISTINCT a.origin_id ORDER BY a.origin_id)
        FROM events e JOIN mentions m USING (event_id) JOIN articles a USING (article_id)
        GROUP BY ALL""").fetchall()
    return {(t, d, loc, c, tuple(files)) for t, d, loc, c, files in rows}


def _snapshot(lake: Path) -> dict[str, list[dict]]:
    return {t: sorted(map(repr, lakefs.read(lake, t))) for t in ("articles", "events", "mentions", "rejects")}


def test_samples_give_exactly_the_seed_events(sample_lake: Path) -> None:
    assert _events(sample_lake) == EXPECTED


def test_seed_attributes(sample_lake: Path) -> None:
    con = lakefs.connect(sample_lake)
    tver = con.execute("SELECT killed, injured, actors FROM events WHERE location = 'Tver'").fetchone()
    assert tver[:2] == (1, 2) and "Ucraina" in tver[2]
    wave = con.execute("SELECT quantity FROM events WHERE event_type = 'drone_strike' AND location IS NULL").fetchone()
    assert wave == (129,)
    dismissal = con.execute("SELECT target, actors, date_basis FROM events WHERE event_type = 'dismissal'").fetchone()
    assert dismissal == ("Vasyl Malyuk", ["Zelensky"], "relative")
    assert con.execute("SELECT count(*) FROM mentions WHERE rule_id IS NULL OR rule_id = ''").fetchone() == (0,)


def test_seed_articles(sample_lake: Path) -> None:
    rows = {r["origin_id"]: r for r in lakefs.read(sample_lake, "articles")}
    assert set(rows) == {SEED_000, SEED_001}
    first, feed = rows[SEED_000], rows[SEED_001]
    assert first["published_at"] == dt.datetime(2026, 1, 6, 7, 44, tzinfo=dt.timezone.utc)  # 08:44 in Rome
    assert first["published_tz"] == "Europe/Rome" and first["language"] == "it"
    assert feed["published_precision"] == "day" and feed["author"] == "redazione"
    for chrome in ("Leggi anche", "Riproduzione riservata", "SEGUICI SUI SOCIAL", "LETTURA", "Prima pagina"):
        assert chrome not in first["text"]
    for broken in ("Ã", "â€", "â??", "Â", "---"):
        assert broken not in feed["text"]


def test_seed_scores_are_perfect(sample_lake: Path) -> None:
    gold = shared_or_skip("eval", "seeds")
    out = subprocess.run([sys.executable, str(gold.parent / "score.py"), str(gold), str(sample_lake)],
                         capture_output=True, text=True, check=True).stdout
    assert "strict P=1.0 R=1.0" in out, out


def test_second_run_changes_nothing(prefect_server, sample_lake: Path, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake)
    before = _snapshot(lake)
    summary = run_pipeline([str(SAMPLES)], lake=str(lake))
    assert summary.articles == 0 and summary.duplicates == 2
    assert _snapshot(lake) == before
    assert len(lakefs.read(lake, "inputs")) == len(lakefs.read(sample_lake, "inputs"))


def test_bad_inputs_are_rejected_and_seeds_still_go_through(prefect_server, tmp_path: Path) -> None:
    from flows.pipeline import run_pipeline

    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noise = bytes(b for b in random.Random(7).randbytes(8000) if 0x20 <= b != 0x7F)[:2000]
    (inputs / "noise.txt").write_bytes(noise)
    lake = tmp_path / "lake"
    summary = run_pipeline([str(inputs), str(tmp_path / "missing.txt")], lake=str(lake))
    assert summary.articles == 2
    reasons = {Path(r["input"]).name: r["reason"] for r in lakefs.read(lake, "rejects")}
    assert reasons == {"empty.txt": "empty", "image.png": "binary", "noise.txt": "undecodable", "missing.txt": "missing"}
    assert all(r["detail"] for r in lakefs.read(lake, "rejects"))
    ledger = {Path(r["input"]).name: r["outcome"] for r in lakefs.read(lake, "inputs")}
    assert ledger == {SEED_000: "article", SEED_001: "article", "empty.txt": "rejected", "image.png": "rejected",
                      "noise.txt": "rejected", "missing.txt": "rejected"}


def test_interrupted_write_leaves_previous_lake_whole(sample_lake: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake)
    before = _snapshot(lake)
    # a run killed while staging: files written, no COMPLETE mark
    stage = lake / "_staging" / "killed-run" / "events"
    stage.mkdir(parents=True)
    (stage / "part-0.parquet").write_bytes(b"half a file")
    assert _snapshot(lake) == before  # readers see the old tables meanwhile
    lakefs.recover(lake)
    assert not (lake / "_staging").exists() and _snapshot(lake) == before


def test_interrupted_swap_is_finished_by_next_run(sample_lake: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake)
    tables = {t: lakefs.read(lake, t) for t in ("events", "mentions")}
    tables["events"] = tables["events"][:1]
    tables["mentions"] = [m for m in tables["mentions"] if m["event_id"] == tables["events"][0]["event_id"]]
    extra = {**lakefs.read(lake, "articles")[0], "article_id": "added-by-the-run", "origin_id": "new.txt"}
    lakefs.append(lake, "swap-run", "articles", [extra], 0)
    staged = lakefs.stage(lake, "swap-run", tables)
    # killed after swapping events in, before mentions and the appended article
    os.replace(lake / "events", staged / "_old_events")
    os.replace(staged / "events", lake / "events")
    lakefs.recover(lake)
    assert len(lakefs.read(lake, "events")) == 1
    assert {m["event_id"] for m in lakefs.read(lake, "mentions")} == {tables["events"][0]["event_id"]}
    assert "added-by-the-run" in {a["article_id"] for a in lakefs.read(lake, "articles")}
    assert not (lake / "_staging").exists()


def test_query_cli(sample_lake: Path) -> None:
    out = subprocess.run([str(Path(sys.executable).parent / "geoevents"), "query",
                          "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1", "--lake", str(sample_lake)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "drone_strike" in out and "dismissal" in out


def test_dates_cli() -> None:
    lines = [{"text": "ieri", "language": "it", "reference_time": "2026-01-06T08:44:00+01:00"},
             {"text": "LETTURA: 3 minuti", "language": "it", "reference_time": "2026-01-06T08:44:00+01:00"}]
    out = subprocess.run([str(Path(sys.executable).parent / "geoevents"), "dates"],
                         input="".join(json.dumps(x) + "\n" for x in lines), capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert answers[0]["date"] == "2026-01-05" and answers[1]["date"] is None
