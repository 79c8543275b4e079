"""Every rule's own examples, and that a rule file alone decides what fires."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import yaml

from extract import rulebook
from extract.events import extract_mentions
from extract.model import Article

PUBLISHED = dt.datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))


def _article(sentence: str, language: str) -> Article:
    return Article(article_id="t", origin_id="t", input="t", text=sentence, language=language, published_at=PUBLISHED)


def _cases(kind: str) -> list:
    return [pytest.param(lang, rule, s, id=f"{rule.id}:{s[:40]}")
            for lang in ("it", "en") for rule in rulebook.load(lang).rules for s in getattr(rule, kind)]


@pytest.mark.parametrize(("language", "rule", "sentence"), _cases("yes"))
def test_positive_examples_fire(language: str, rule: rulebook.Rule, sentence: str) -> None:
    fired = {m.rule_id for m in extract_mentions(_article(sentence, language))}
    assert rule.id in fired, f"{rule.id} did not fire on its example"


@pytest.mark.parametrize(("language", "rule", "sentence"), _cases("no"))
def test_negative_examples_stay_silent(language: str, rule: rulebook.Rule, sentence: str) -> None:
    fired = {m.rule_id for m in extract_mentions(_article(sentence, language))}
    assert rule.id not in fired, f"{rule.id} fired on a counter-example"


def test_every_rule_has_examples_both_ways() -> None:
    for language in ("it", "en"):
        for rule in rulebook.load(language).rules:
            assert rule.yes and rule.no and rule.describe, rule.id


def test_adding_a_trigger_to_the_rule_file_adds_the_event() -> None:
    sentence = "Il presidente ha esonerato ieri il capo della polizia, Marco Rossi."
    assert not extract_mentions(_article(sentence, "it"))
    data = yaml.safe_load((rulebook.RULES_DIR / "it.yaml").read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "it.dismissal.removed")
    rule["trigger"] += "|ha esonerato"
    mentions = extract_mentions(_article(sentence, "it"), rulebook.parse(data))
    assert [(m.event_type, m.rule_id, m.target, m.event_date) for m in mentions] == [
        ("dismissal", "it.dismissal.removed", "Marco Rossi", dt.date(2026, 3, 9))]


def test_a_broken_rule_names_itself() -> None:
    data = {"language": "xx", "modality": {"void_before": "no", "void_after": "no", "scheduled": "will"},
            "slots": {}, "rules": [{"id": "xx.bad", "type": "parade", "trigger": "march"}]}
    with pytest.raises(ValueError, match="xx.bad"):
        rulebook.parse(data)


def _read(text: str, language: str) -> list[tuple]:
    return [(m.event_type, m.location, m.country, m.killed, m.injured, m.target, m.event_date)
            for m in extract_mentions(_article(text, language))]


def test_a_toll_sentence_without_trigger_completes_the_strike() -> None:
    text = ("Nella notte un raid di droni ha colpito la città di Poltava. "
            "Due persone sono morte e quattro sono rimaste ferite.")
    assert _read(text, "it") == [("drone_strike", "Poltava", "UKR", 2, 4, None, dt.date(2026, 3, 10))]


def test_a_toll_elsewhere_during_a_wave_is_a_strike_there() -> None:
    text = ("La difesa aerea ha abbattuto 60 droni sulle regioni russe. "
            "Un uomo è stato ucciso a Belgorod.")
    assert [(t, loc, c, k) for t, loc, c, k, *_ in _read(text, "it")] == [
        ("drone_strike", None, "RUS", None), ("drone_strike", "Belgorod", "RUS", 1)]


def test_the_state_of_an_office_comes_from_the_nationality_beside_it() -> None:
    assert _read("The Dutch foreign minister resigned on Monday.", "en")[0][2] == "NLD"
    assert _read("Il ministro dell'Interno polacco si è dimesso ieri.", "it")[0][2] == "POL"


def test_people_listed_after_a_personnel_verb_are_one_event_each() -> None:
    text = "The president dismissed the interior minister, Lena Ford, and the army chief, Omar Reyes, on Monday."
    assert [m[5] for m in _read(text, "en")] == ["Lena Ford", "Omar Reyes"]


def test_weapons_talked_about_in_general_give_no_strike() -> None:
    assert _read("Armies everywhere embrace drones for scouting and attack.", "en") == []


def test_a_date_inside_a_quotation_does_not_date_the_event_outside_it() -> None:
    text = 'In her resignation letter, the minister wrote: "We agreed in January that I would go."'
    assert _read(text, "en")[0][6] == PUBLISHED.date()
