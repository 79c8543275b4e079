"""The dev set scores at least what the rules reached: a rule change that loses events shows here.

The lake is built the way users build it, through the flow reading the JSON-lines
dump; scoring is `../shared/eval/score.py`, as the issue asks.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import shared_or_skip

# strict F1 reached on dev when these floors were set, less 0.005 (it 0.973, en 0.952).
# Lowered once from it 0.967 / en 0.930 when exclusions fitted to dev sentences were
# removed ("verso est" in the missile rule, it; "will/to sign a decree" in the dismissal
# rule, en), then raised by general date constructions (an offset from a date, a month
# "per"/"for", an event's first day from its length and end) and by "is expected to"
# read as a forecast.
FLOORS = {"it": 0.968, "en": 0.947}


@pytest.fixture(scope="module")
def dev_lake(prefect_server, tmp_path_factory) -> tuple[Path, Path]:
    from flows.pipeline import run_pipeline

    dev = shared_or_skip("eval", "dev")
    lake = tmp_path_factory.mktemp("devlake")
    run_pipeline([str(dev / "articles.jsonl")], lake=str(lake))
    return dev, lake


def _scorer():
    path = shared_or_skip("eval", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_dev_strict_f1_holds(dev_lake: tuple[Path, Path], language: str) -> None:
    dev, lake = dev_lake
    result = _scorer().score(str(dev), str(lake), language=language)
    strict = result["strict"]
    assert strict["f1"] >= FLOORS[language], (
        f"{language}: strict F1 {strict['f1']} (P {strict['precision']} R {strict['recall']}) "
        f"below the floor {FLOORS[language]}; per type {strict['per_type']}")
