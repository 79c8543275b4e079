"""`geoevents run | query | dates`: the command line contracts other tools rely on."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

DEFAULT_LAKE = "data/lake"


def _run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the summary below is the report
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here, nor wanted
    from flows.pipeline import run_pipeline

    summary = run_pipeline(args.inputs, lake=args.lake)
    for line in summary.lines():
        print(line)
    print(f"lake: {Path(args.lake).resolve()}")
    return 0


def _query(args: argparse.Namespace) -> int:
    from transform.lake import connect

    if not Path(args.lake).is_dir():
        print(f"no lake at {args.lake}: run `geoevents run INPUT... --lake {args.lake}` first", file=sys.stderr)
        return 1
    con = connect(Path(args.lake))
    try:
        relation = con.sql(args.sql)
    except Exception as exc:  # a wrong query is the user's to fix: say why, no traceback
        print(f"query failed: {exc}", file=sys.stderr)
        return 1
    if relation is not None:
        relation.show(max_width=args.width, max_rows=args.max_rows)
    return 0


def _dates(_: argparse.Namespace) -> int:
    """JSON lines in ({"text", "language", "reference_time"}), one answer line out per line in."""
    from extract.dates import answer

    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            result = answer(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            result = {"date": None, "precision": None, "basis": None, "error": str(exc)}
        print(json.dumps(result, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="geoevents", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="read inputs and update the event lake")
    run.add_argument("inputs", nargs="+", help="files, folders or globs")
    run.add_argument("--lake", default=DEFAULT_LAKE)
    run.set_defaults(func=_run)
    query = sub.add_parser("query", help="run DuckDB SQL over the lake's tables")
    query.add_argument("sql")
    query.add_argument("--lake", default=DEFAULT_LAKE)
    query.add_argument("--width", type=int, default=200)
    query.add_argument("--max-rows", type=int, default=100)
    query.set_defaults(func=_query)
    dates = sub.add_parser("dates", help="resolve date expressions: JSON lines on stdin and stdout")
    dates.set_defaults(func=_dates)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
