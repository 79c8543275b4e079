"""The project's own evaluation sets (tests/eval/README.md) score at least what the rules
reached: they run in any clone, and they hold wording the dev set does not have.

Floors are the scores reached when set, less 0.005; attribute floors are the accuracy
reached on events matched strictly. Written-1 it and written-2 were set 0.005-0.007
higher earlier in the session that made them; an independent review then found rules
against the spec (a wave with its own count of drones took the one city strike of its
night; a group of ministers would not merge with an unnamed report) and their fixes
cost one event each on these sets.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "eval"))
import scoring  # noqa: E402

SETS = Path(__file__).parent / "eval"
FLOORS = {
    ("written-1", "it"): 0.988, ("written-1", "en"): 0.974,
    ("written-2", "it"): 0.922, ("written-2", "en"): 0.889,
    ("written-3", "it"): 0.903, ("written-3", "en"): 0.848,
    ("written-4", "it"): 0.917, ("written-4", "en"): 0.820,
}
ATTRIBUTE_FLOORS = {
    ("written-1", "it"): {"country": 1.0, "killed": 0.909, "injured": 0.9, "quantity": 0.917},
    ("written-1", "en"): {"country": 0.955, "killed": 0.909, "injured": 0.818, "quantity": 0.846},
    ("written-2", "it"): {"country": 0.866, "killed": 0.733, "injured": 0.875, "quantity": 0.938},
    ("written-2", "en"): {"country": 0.941, "killed": 0.75, "injured": 0.667, "quantity": 1.0},
    ("written-3", "it"): {"country": 0.825, "killed": 0.625, "injured": 0.75, "quantity": 0.818},
    ("written-3", "en"): {"country": 0.857, "killed": 0.636, "injured": 0.818, "quantity": 0.8},
    ("written-4", "it"): {"country": 0.889, "killed": 1.0, "injured": 0.667, "quantity": 1.0},
    ("written-4", "en"): {"country": 0.867, "killed": 0.667, "injured": 0.625, "quantity": 1.0},
}
NAMES = ("written-1", "written-2", "written-3", "written-4")


@pytest.fixture(scope="module")
def lakes(prefect_server, tmp_path_factory) -> dict[str, Path]:
    from flows.pipeline import run_pipeline

    out = {}
    for name in NAMES:
        lake = tmp_path_factory.mktemp(name)
        run_pipeline([str(SETS / name / "articles.jsonl")], lake=str(lake))
        out[name] = lake
    return out


@pytest.mark.parametrize(("name", "language"), sorted(FLOORS))
def test_written_set_strict_f1_holds(lakes: dict[str, Path], name: str, language: str) -> None:
    result = scoring.score(SETS / name, lakes[name], language)
    assert result["f1"] >= FLOORS[name, language], f"{name} {language}: {result} below the floor {FLOORS[name, language]}"


@pytest.mark.parametrize(("name", "language"), sorted(ATTRIBUTE_FLOORS))
def test_written_set_attributes_hold(lakes: dict[str, Path], name: str, language: str) -> None:
    accuracy = scoring.score(SETS / name, lakes[name], language)["attributes"]
    floors = ATTRIBUTE_FLOORS[name, language]
    low = {k: v for k, v in accuracy.items() if v < floors[k]}
    assert not low, f"{name} {language}: attribute accuracy {accuracy} below the floors {floors}"


def test_every_gold_event_quotes_its_article() -> None:
    """The gold files stay consistent: every evidence sentence is in its article."""
    for name in NAMES:
        articles = {a["id"]: a for a in scoring._lines(SETS / name / "articles.jsonl")}
        for entry in scoring._lines(SETS / name / "gold.jsonl"):
            article = articles[entry["article_id"]]
            for event in entry["events"]:
                assert event["evidence"] in article["text"] or event["evidence"] in (article.get("title") or ""), (name, event)
