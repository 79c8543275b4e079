"""The Prefect flow: inputs -> articles -> mentions -> events -> lake. Orchestration only.

Tasks take batches of sources, not single articles, so a run over thousands
of files costs a handful of task runs. Every step's logic lives in extract/
and transform/, callable and testable without Prefect.
"""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from extract.events import extract_mentions
from extract.model import Article, Mention, Reject
from extract.read import read_source
from extract.sources import Source, iter_sources
from transform import lake as lakefs
from transform.tables import RunSummary, update

BATCH = 500


@task
def read_batch(sources: list[Source]) -> list[Article | Reject]:
    return [item for source in sources for item in read_source(source)]


@task
def extract_batch(articles: list[Article]) -> list[Mention]:
    return [m for a in articles for m in extract_mentions(a)]


@task
def load_lake(lake: Path) -> dict[str, list[dict]]:
    lakefs.recover(lake)
    return {table: lakefs.read(lake, table) for table in lakefs.TABLES}


@task
def write_lake(lake: Path, tables: dict[str, list[dict]], run_id: str) -> None:
    lakefs.write(lake, tables, run_id)
    lakefs.write_views(lake)


@flow(name="geoevents-run")
def run_pipeline(inputs: list[str], lake: str = "data/lake") -> RunSummary:
    """Read `inputs` (files, folders, globs), extract dated events, update the lake at `lake`."""
    lake_path = Path(lake)
    run_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    found = list(iter_sources(inputs))
    rejects = [s for s in found if isinstance(s, Reject)]
    sources = [s for s in found if not isinstance(s, Reject)]
    batches = [sources[i:i + BATCH] for i in range(0, len(sources), BATCH)]
    items = [item for result in read_batch.map(batches).result() for item in result] if batches else []
    articles = [i for i in items if isinstance(i, Article)]
    rejects += [i for i in items if isinstance(i, Reject)]
    chunks = [articles[i:i + BATCH] for i in range(0, len(articles), BATCH)]
    mentions = [m for result in extract_batch.map(chunks).result() for m in result] if chunks else []
    previous = load_lake(lake_path)
    tables, summary = update(previous, articles, mentions, rejects, run_id, lakefs.now())
    write_lake(lake_path, tables, run_id)
    create_markdown_artifact(key="run-summary", markdown="\n".join(f"- {line}" for line in summary.lines()))
    return summary
