"""The dev set scores at least what the rules reached: a rule change that loses events shows here.

The lake is built the way users build it, through the flow reading the JSON-lines
dump; scoring is `../shared/eval/score.py`, as the issue asks.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import shared_or_skip

# strict F1 reached on dev when these floors were set, less 0.005 (it 0.986, en 0.952).
# Lowered once from it 0.967 / en 0.930 when exclusions fitted to dev sentences were
# removed ("verso est" in the missile rule, it; "will/to sign a decree" in the dismissal
# rule, en), then raised by general date constructions (an offset from a date, a month
# "per"/"for", an event's first day from its length and end) and by "is expected to"
# read as a forecast. Raised for it when a missile launch came to need a target, in
# Italian as in English ("lanciato un missile verso est" is a test, not a strike).
FLOORS = {"it": 0.981, "en": 0.947}


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


# Attribute accuracy on matched events, reached when set (it: country 1.0, killed, injured and
# quantity 1.0; en: country 0.929, counts 1.0); issue 5 asks at least 0.9 for each.
ATTRIBUTE_FLOORS = {"it": {"country": 1.0, "killed": 1.0, "injured": 1.0, "quantity": 1.0},
                    "en": {"country": 0.92, "killed": 1.0, "injured": 1.0, "quantity": 1.0}}
ATTRIBUTES = ("country", "killed", "injured", "quantity")


def _agreement(score, gold: dict, pred: dict) -> int:
    return sum(score.norm(pred.get(k)) == score.norm(gold.get(k)) for k in (*ATTRIBUTES, "location"))


def attribute_accuracy(score, dev: Path, lake: Path, language: str) -> dict[str, float]:
    """Attribute accuracy as score.py counts it, on its strict matches, but with each gold
    event paired to the prediction that agrees with it most among those of its type and
    date. score.py takes the first such prediction in the order DuckDB returns them, which
    follows row hashes and the number of threads: two right events of one type and day in
    one article (a wave and a city strike) then swap at random."""
    articles = {a["id"]: a for a in score.load_jsonl(dev / "articles.jsonl") if a["language"] == language}
    preds = score.predictions(str(lake))
    ok, n = {k: 0 for k in ATTRIBUTES}, {k: 0 for k in ATTRIBUTES}
    for g in score.load_jsonl(dev / "gold.jsonl"):
        if g["article_id"] not in articles:
            continue
        pool = list(preds.get(articles[g["article_id"]].get("file", g["article_id"]), []))
        for event in g["events"]:
            fits = [p for p in pool if p.get("event_type") == event["event_type"] and score.date_ok(event, p, False)]
            if not fits:
                continue
            best = max(fits, key=lambda p: _agreement(score, event, p))
            pool.remove(best)
            if event.get("optional"):
                continue
            for k in ATTRIBUTES:
                if event.get(k) is not None:
                    n[k] += 1
                    ok[k] += score.norm(best.get(k)) == score.norm(event[k]) if k == "country" else best.get(k) == event[k]
    return {k: round(ok[k] / n[k], 3) for k in ATTRIBUTES if n[k]}


@pytest.mark.parametrize("language", sorted(ATTRIBUTE_FLOORS))
def test_dev_attribute_accuracy_holds(dev_lake: tuple[Path, Path], language: str) -> None:
    dev, lake = dev_lake
    accuracy = attribute_accuracy(_scorer(), dev, lake, language)
    low = {k: v for k, v in accuracy.items() if v < ATTRIBUTE_FLOORS[language][k]}
    assert not low, f"{language}: attribute accuracy {accuracy} below the floors {ATTRIBUTE_FLOORS[language]}"
