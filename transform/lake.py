"""The lake: hive-partitioned Parquet tables (spec/tables.md), written atomically.

A run stages what it adds to a table (new part files: articles, the ledger,
rejects) and the tables it rewrites whole (events, mentions) under
`<lake>/_staging/<run>/`, marks the stage complete, then moves the parts into
their partitions and swaps the rewritten table folders in by rename. A run
killed before the mark leaves only a stage that the next run deletes; one
killed during the swap leaves a complete stage that the next run finishes.
Readers never see a half-written file or a half-written rewritten table.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

TABLES = ("articles", "events", "mentions", "rejects", "inputs", "signatures")
_PARTS = [("year", pa.int32()), ("month", pa.int32())]
_NAMES = pa.list_(pa.string())
_MENTION_FIELDS = [
    ("event_type", pa.string()), ("event_date", pa.date32()), ("date_precision", pa.string()),
    ("date_basis", pa.string()), ("status", pa.string()), ("location", pa.string()), ("country", pa.string()),
    ("actors", _NAMES), ("target", pa.string()), ("killed", pa.int32()), ("injured", pa.int32()),
    ("quantity", pa.int32()),
]
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", pa.string()), ("origin_id", pa.string()), ("input", pa.string()), ("url", pa.string()),
        ("source", pa.string()), ("title", pa.string()), ("published_at", pa.timestamp("us", tz="UTC")),
        ("published_date", pa.date32()),
        ("published_tz", pa.string()), ("published_precision", pa.string()), ("language", pa.string()),
        ("text", pa.string()), ("author", pa.string()), ("tags", _NAMES), ("category", pa.string()),
        ("format", pa.string()),
        ("duplicate_of", pa.string()), *_PARTS,
    ]),
    "events": pa.schema([
        ("event_id", pa.string()), *_MENTION_FIELDS, ("evidence", pa.string()),
        ("mention_count", pa.int32()), ("article_count", pa.int32()), *_PARTS,
    ]),
    "mentions": pa.schema([
        ("event_id", pa.string()), ("article_id", pa.string()), ("sentence", pa.string()), ("rule_id", pa.string()),
        ("date_text", pa.string()), *_MENTION_FIELDS, ("language", pa.string()), ("sentence_index", pa.int32()),
        *_PARTS,
    ]),
    "rejects": pa.schema([
        ("input", pa.string()), ("reason", pa.string()), ("detail", pa.string()), ("run_id", pa.string()),
        ("read_at", pa.timestamp("us", tz="UTC")), *_PARTS,
    ]),
    # each article's MinHash, so a later run finds near-duplicates without re-reading texts
    "signatures": pa.schema([
        ("article_id", pa.string()), ("minhash", pa.list_(pa.uint64())), ("read_at", pa.timestamp("us", tz="UTC")),
        *_PARTS,
    ]),
    "inputs": pa.schema([
        ("input", pa.string()), ("fingerprint", pa.string()), ("outcome", pa.string()), ("article_id", pa.string()),
        ("run_id", pa.string()), ("read_at", pa.timestamp("us", tz="UTC")), *_PARTS,
    ]),
}
# Row order inside the files: the same rows give the same bytes on every run, events read
# in the order they happened, and an article's mentions in the order its text tells them.
KEYS = {
    "articles": ("article_id",), "events": ("event_date", "event_id"),
    "mentions": ("article_id", "sentence_index", "event_id", "rule_id"),
    "rejects": ("input", "reason"), "inputs": ("input", "fingerprint"), "signatures": ("article_id",),
}
# Where the rows without a year and month go, in hive's own spelling (read back as NULL).
_NULL_PARTITION = "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__"
# Which column gives a table's year/month partition.
PARTITION_BY = {"articles": "published_at", "events": "event_date", "mentions": "event_date", "rejects": "read_at",
                "inputs": "read_at", "signatures": "read_at"}


def read(lake: Path, table: str, columns: list[str] | None = None) -> list[dict]:
    """All rows of a table as dicts (partition columns dropped); [] when it does not exist yet."""
    return [row for batch in iter_batches(lake, table, columns) for row in batch]


def iter_batches(lake: Path, table: str, columns: list[str] | None = None, size: int = 2000) -> Iterator[list[dict]]:
    """A table's rows in batches, so a large table is never held whole."""
    path = Path(lake) / table
    if not path.exists():
        return
    data = ds.dataset(path, format="parquet", partitioning="hive", schema=SCHEMAS[table])
    wanted = columns or [n for n in SCHEMAS[table].names if n not in ("year", "month")]
    for batch in data.to_batches(columns=wanted, batch_size=size):
        yield batch.to_pylist()


def _sortable(value: object) -> tuple[bool, object]:
    """A value that sorts: numbers as numbers (sentence 2 before 10), the rest as text, None last."""
    return value is None, value if isinstance(value, int) else str(value)


def _to_table(table: str, rows: list[dict]) -> pa.Table:
    schema = SCHEMAS[table]
    stamp = PARTITION_BY[table]
    rows = sorted(rows, key=lambda r: tuple(_sortable(r.get(k)) for k in KEYS[table]))
    for r in rows:
        if "year" not in r:  # rows may bring their own (articles: the outlet's local month)
            when = r.get(stamp)
            r["year"], r["month"] = (when.year, when.month) if when else (None, None)
    return pa.Table.from_pylist([{name: r.get(name) for name in schema.names} for r in rows], schema=schema)


def _write(folder: Path, table: str, rows: list[dict], basename: str) -> None:
    ds.write_dataset(
        _to_table(table, rows), folder, format="parquet",
        partitioning=ds.partitioning(pa.schema(_PARTS), flavor="hive"),
        basename_template=basename, existing_data_behavior="overwrite_or_ignore",
    )


def append(lake: Path, run_id: str, table: str, rows: list[dict], part: int) -> None:
    """Stage rows to add to a table, as part files of their own; nothing is visible until `commit`."""
    if rows:
        _write(Path(lake) / "_staging" / run_id / f"+{table}", table, rows, f"part-{run_id}-{part}-{{i}}.parquet")


def commit(lake: Path, run_id: str, tables: dict[str, list[dict]]) -> None:
    """Stage the tables replaced whole, mark the run's stage complete, then swap it all in."""
    _swap(Path(lake), stage(lake, run_id, tables))


def stage(lake: Path, run_id: str, tables: dict[str, list[dict]]) -> Path:
    """Write the replaced tables under `<lake>/_staging/<run_id>/` beside any appended
    parts, and mark the stage complete: from here on the run counts as done."""
    lake = Path(lake)
    folder = lake / "_staging" / run_id
    folder.mkdir(parents=True, exist_ok=True)
    empty = [t for t in TABLES if t not in tables and not (lake / t).exists() and not (folder / f"+{t}").exists()]
    for table, rows in [*tables.items(), *((t, []) for t in empty)]:
        if rows:
            _write(folder / table, table, rows, "part-{i}.parquet")
        else:  # a table with no rows still has a file, so `read_parquet('<table>/**/*.parquet')` reads it
            empty_part = folder / table / _NULL_PARTITION
            empty_part.mkdir(parents=True, exist_ok=True)
            schema = pa.schema([f for f in SCHEMAS[table] if f.name not in ("year", "month")])
            pq.write_table(pa.Table.from_pylist([], schema=schema), empty_part / "part-0.parquet")
    tables = {**tables, **{t: [] for t in empty}}
    marker = folder / "COMPLETE"
    marker.with_suffix(".tmp").write_text(",".join(tables))
    os.replace(marker.with_suffix(".tmp"), marker)
    return folder


def _swap(lake: Path, stage: Path) -> None:
    """Move a complete stage in; safe to repeat after an interruption at any point."""
    for appended in sorted(stage.glob("+*")):
        live = lake / appended.name[1:]
        for part in sorted(appended.glob("**/*.parquet")):
            target = live / part.relative_to(appended)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)
    for table in filter(None, (stage / "COMPLETE").read_text().split(",")):
        staged = stage / table
        if not staged.exists():  # swapped in before an interruption
            continue
        live = lake / table
        if live.exists():
            os.replace(live, stage / f"_old_{table}")
        os.replace(staged, live)
    shutil.rmtree(stage)
    if not any(stage.parent.iterdir()):
        stage.parent.rmdir()


@contextmanager
def locked(lake: Path) -> Iterator[None]:
    """Hold the lake for one run: a second run on the same lake waits, so it neither
    discards the first one's stage as abandoned nor overwrites the events it merged."""
    Path(lake).mkdir(parents=True, exist_ok=True)
    with open(Path(lake) / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(lake: Path) -> None:
    """Finish a complete stage left by an interrupted run; drop incomplete ones."""
    root = Path(lake) / "_staging"
    if not root.exists():
        return
    for folder in sorted(root.iterdir()):
        if (folder / "COMPLETE").exists():
            _swap(Path(lake), folder)
        else:
            shutil.rmtree(folder)
    if root.exists():
        root.rmdir()


def source(lake: Path, table: str) -> str | None:
    """The DuckDB `read_parquet(...)` expression of a table, or None while it has no rows."""
    path = Path(lake).resolve() / table
    if not any(path.glob("**/*.parquet")):
        return None
    return f"read_parquet('{path}/**/*.parquet', hive_partitioning = true, union_by_name = true)"


def connect(lake: Path, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with one view per table (an empty, typed view for a table not written yet)."""
    con = duckdb.connect(database)
    for table in TABLES:
        parquet = source(lake, table)
        if parquet:
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM {parquet}")
        else:
            con.register(f"_{table}_empty", pa.Table.from_pylist([], schema=SCHEMAS[table]))
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _{table}_empty")
    return con


def write_views(lake: Path) -> Path:
    """`lake.duckdb` beside the tables, holding the views, for SQL users and notebooks."""
    target = Path(lake) / "lake.duckdb"
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    for table in TABLES:
        parquet = source(lake, table)
        if parquet:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {parquet}")
    con.close()
    os.replace(tmp, target)
    return target


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
