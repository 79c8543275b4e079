"""Reading rules kept as data: YAML files an analyst can extend without touching code.

Layout: `<kind>/<language>.yaml` for rules that depend on the language (chrome
lines, section headings, datelines, bylines), plain `<name>.yaml`
for the rest (outlets, languages). Each file is read once per process.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent


@functools.cache
def by_language(kind: str) -> dict[str, dict[str, Any]]:
    """All `<kind>/<lang>.yaml` files, keyed by language code, in a stable order."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for path in sorted((RULES_DIR / kind).glob("*.yaml"))
    }


@functools.cache
def table(name: str) -> dict[str, Any]:
    """The single rules file `<name>.yaml`."""
    return yaml.safe_load((RULES_DIR / f"{name}.yaml").read_text(encoding="utf-8")) or {}
