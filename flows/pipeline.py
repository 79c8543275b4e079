"""The Prefect flow: inputs -> articles -> mentions -> events -> lake. Orchestration only.

Inputs stream through in batches of articles: each batch is one task run that
extracts its mentions and one that stages its rows, so a run's memory is one
batch's articles plus the lake's mentions, whatever the size of its inputs.
Every step's logic lives in extract/ and transform/, callable without Prefect.
"""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from extract import events
from extract.model import Article, Mention, Reject
from extract.read import iter_batches
from transform import lake as lakefs
from transform import tables
from transform.dedupe import NearDuplicates
from transform.tables import Run, RunSummary

BATCH = 1000


@task(cache_policy=NONE)  # inputs are batches and run state: nothing to key a cache on
def start_run(lake: Path, run_id: str) -> Run:
    lakefs.recover(lake)
    near = NearDuplicates(lake / "_staging" / run_id)
    if lakefs.source(lake, "signatures"):
        near.load(lakefs.source(lake, "signatures"), lakefs.source(lake, "articles"), lakefs.source(lake, "inputs"))
    articles = (row for batch in lakefs.iter_batches(lake, "articles", ["article_id", "duplicate_of"]) for row in batch)
    return tables.start(run_id, lakefs.now(), lakefs.read(lake, "inputs"), lakefs.read(lake, "rejects"), articles, near)


@task(cache_policy=NONE)
def extract_batch(items: list[Article | Reject]) -> tuple[list[Mention], list[Reject]]:
    return events.extract_batch([a for a in items if isinstance(a, Article)])


@task(cache_policy=NONE)
def stage_batch(lake: Path, run: Run, items: list[Article | Reject], mentions: list[Mention], part: int) -> None:
    for table, rows in tables.add_batch(run, items, mentions).items():
        lakefs.append(lake, run.run_id, table, rows, part)


@task(cache_policy=NONE)
def finish_run(lake: Path, run: Run) -> RunSummary:
    lakefs.commit(lake, run.run_id, tables.finish(run, lakefs.read(lake, "mentions")))
    lakefs.write_views(lake)
    return run.summary


@flow(name="geoevents-run")
def run_pipeline(inputs: list[str], lake: str = "data/lake") -> RunSummary:
    """Read `inputs` (files, folders, globs, URLs), extract dated events, update the lake at `lake`."""
    lake_path = Path(lake)
    run_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    with lakefs.locked(lake_path):
        run = start_run(lake_path, run_id)
        for part, items in enumerate(iter_batches(inputs, BATCH)):
            mentions, failed = extract_batch(items)
            stage_batch(lake_path, run, items + failed, mentions, part)
        summary = finish_run(lake_path, run)
    create_markdown_artifact(key="run-summary", markdown="\n".join(f"- {line}" for line in summary.lines()))
    return summary
